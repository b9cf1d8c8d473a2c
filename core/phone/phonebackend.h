#pragma once

#include <QString>
#include <QtGlobal>

#include <string>

namespace crossline {

// What libphonenumber says about one text, in the words PhoneNumber::check needs. PhoneNumber::check
// (core/messaging/phonenumber.cpp) writes every message; the backend only asks libphonenumber. The backend is either
// linked in (crossline_phone_engine: crossline-cli, the tests) or loaded on first use from the phone module (the
// desktop app, app/gui/modules.cpp), so that libphonenumber, protobuf and abseil are not loaded at start-up.
struct PhoneFacts
{
    enum class Parse
    {
        Ok,
        InvalidCountryCode,
        TooLongNsn,
        TooShort, // too short after the IDD, too short, not a number, or any other refusal
    };
    enum class Possible
    {
        Yes,
        LocalOnly,
        TooShort,
        TooLong,
        InvalidLength,
        InvalidCountryCode, // or any other answer
    };

    Parse parse = Parse::TooShort;
    // The rest is set only when parse == Ok.
    bool valid = false; // IsValidNumber
    Possible possible = Possible::InvalidCountryCode; // IsPossibleNumberWithReason
    int countryCode = 0;
    std::string regionCode; // of the number when valid, else the country code's main region
    std::string e164;
    std::string international;
    std::string nationalSignificant;
};

class PhoneBackend
{
public:
    virtual ~PhoneBackend() = default;
    // `region` is upper-case ("US"), or "ZZ" (unknown: only numbers with a leading '+' parse).
    virtual PhoneFacts facts(const std::string &text, const std::string &region) const = 0;
    // `e164` parsed again with region "ZZ" and formatted as E.164; empty when it does not parse.
    virtual std::string e164Again(const std::string &e164) const = 0;
};

// The backend, or nullptr when it cannot be had (the phone module is missing or broken); `error` then says why.
// Defined by crossline_phone_engine (always succeeds) or by the program that loads the module.
const PhoneBackend *phoneBackend(QString *error);

// The phone module's one exported function (extern "C", so that it can be resolved by name): the backend, or nullptr
// when the module was built for another version of this interface.
constexpr int kPhoneModuleApiVersion = 1;
using PhoneModuleEntry = const PhoneBackend *(*)(int apiVersion);
constexpr const char *kPhoneModuleEntryName = "crossline_phone_backend";

} // namespace crossline
