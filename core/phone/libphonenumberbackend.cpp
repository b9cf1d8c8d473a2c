#include "phone/libphonenumberbackend.h"

#include <phonenumbers/phonenumberutil.h>

namespace crossline {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;

PhoneFacts::Parse parseOf(PhoneNumberUtil::ErrorType error)
{
    switch (error) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        return PhoneFacts::Parse::Ok;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return PhoneFacts::Parse::InvalidCountryCode;
    case PhoneNumberUtil::TOO_LONG_NSN:
        return PhoneFacts::Parse::TooLongNsn;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
    case PhoneNumberUtil::NOT_A_NUMBER:
    default:
        return PhoneFacts::Parse::TooShort;
    }
}

PhoneFacts::Possible possibleOf(PhoneNumberUtil::ValidationResult result)
{
    switch (result) {
    case PhoneNumberUtil::IS_POSSIBLE:
        return PhoneFacts::Possible::Yes;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
        return PhoneFacts::Possible::LocalOnly;
    case PhoneNumberUtil::TOO_SHORT:
        return PhoneFacts::Possible::TooShort;
    case PhoneNumberUtil::TOO_LONG:
        return PhoneFacts::Possible::TooLong;
    case PhoneNumberUtil::INVALID_LENGTH:
        return PhoneFacts::Possible::InvalidLength;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
    default:
        return PhoneFacts::Possible::InvalidCountryCode;
    }
}

class LibPhoneNumberBackend final : public PhoneBackend
{
public:
    PhoneFacts facts(const std::string &text, const std::string &region) const override
    {
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        PhoneFacts facts;
        i18n::phonenumbers::PhoneNumber number;
        facts.parse = parseOf(util.Parse(text, region, &number));
        if (facts.parse != PhoneFacts::Parse::Ok)
            return facts;
        facts.valid = util.IsValidNumber(number);
        facts.countryCode = number.country_code();
        // An invalid number has no region of its own (libphonenumber answers "ZZ"): use the country code's main
        // region.
        if (facts.valid)
            util.GetRegionCodeForNumber(number, &facts.regionCode);
        else
            util.GetRegionCodeForCountryCode(number.country_code(), &facts.regionCode);
        facts.possible = possibleOf(util.IsPossibleNumberWithReason(number));
        util.Format(number, PhoneNumberUtil::E164, &facts.e164);
        util.Format(number, PhoneNumberUtil::INTERNATIONAL, &facts.international);
        util.GetNationalSignificantNumber(number, &facts.nationalSignificant);
        return facts;
    }

    std::string e164Again(const std::string &e164) const override
    {
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        i18n::phonenumbers::PhoneNumber again;
        std::string out;
        if (util.Parse(e164, "ZZ", &again) == PhoneNumberUtil::NO_PARSING_ERROR)
            util.Format(again, PhoneNumberUtil::E164, &out);
        return out;
    }
};

} // namespace

const PhoneBackend *libPhoneNumberBackend()
{
    static const LibPhoneNumberBackend backend;
    return &backend;
}

} // namespace crossline
