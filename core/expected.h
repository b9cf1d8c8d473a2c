#pragma once

#include "error.h"

#include <utility>
#include <variant>

namespace crossline {

// A value or the Error that stopped it: the result of every synchronous step that can fail (parsing a body,
// planning a request). C++23's std::expected with the error type fixed to Error; g++ 12 does not ship it.
//
//     Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(json);
//     if (!parsed)
//         return parsed.error();
//     use(*parsed);
template <typename T> class Expected
{
public:
    Expected(const T &value)
        : m_state(value)
    {
    }
    Expected(T &&value)
        : m_state(std::move(value))
    {
    }
    Expected(const Error &error)
        : m_state(error)
    {
    }

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    // Only when hasValue(); the Error of a failure otherwise.
    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    // An Error of kind None when there is a value, so `if (const Error e = x.error())` reads naturally.
    Error error() const { return hasValue() ? Error() : std::get<1>(m_state); }

    // Moves the value into `out` when there is one and returns the error otherwise (of kind None on success), for
    // steps that fill a larger value field by field:
    //
    //     if (Error e = PayloadField::readString(data, prefix, key, true, what).into(m.body))
    //         return e;
    Error into(T &out) &&
    {
        if (!hasValue())
            return std::get<1>(m_state);
        out = std::get<0>(std::move(m_state));
        return {};
    }

private:
    std::variant<T, Error> m_state;
};

} // namespace crossline
