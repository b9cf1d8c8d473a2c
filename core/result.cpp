#include "result.h"

namespace crossline {

QByteArray Result::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

Result Result::failure(const Error &error)
{
    Result r;
    r.error = error;
    r.httpStatus = error.httpStatus;
    return r;
}

Result Result::success(const QJsonValue &data, int httpStatus)
{
    Result r;
    r.data = data;
    r.httpStatus = httpStatus;
    return r;
}

} // namespace crossline
