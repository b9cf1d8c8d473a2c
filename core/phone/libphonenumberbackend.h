#pragma once

#include "phone/phonebackend.h"

namespace crossline {

// The PhoneBackend on libphonenumber (core/phone/libphonenumberbackend.cpp), for the engine and the module.
const PhoneBackend *libPhoneNumberBackend();

} // namespace crossline
