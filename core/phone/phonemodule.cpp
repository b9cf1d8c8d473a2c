// The phone module (crossline-phone): libphonenumber behind PhoneBackend, loaded by the desktop app on first use.
#include "phone/libphonenumberbackend.h"

extern "C" Q_DECL_EXPORT const crossline::PhoneBackend *crossline_phone_backend(int apiVersion)
{
    if (apiVersion != crossline::kPhoneModuleApiVersion)
        return nullptr;
    return crossline::libPhoneNumberBackend();
}
