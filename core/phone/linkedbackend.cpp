// crossline_phone_engine: libphonenumber linked into the program.
#include "phone/libphonenumberbackend.h"

namespace crossline {

const PhoneBackend *phoneBackend(QString *)
{
    return libPhoneNumberBackend();
}

} // namespace crossline
