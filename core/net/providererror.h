#pragma once

#include "error.h"

#include <QByteArray>

namespace crossline {

// Turns a non-2xx answer into one readable Error. Recognises the four envelopes:
//   Nango  {"error":{"code":"<string>","message"?,"errors"?}}
//   Meta   {"error":{"code":<int>,"error_subcode"?,"error_data":{"details"},"fbtrace_id"}}
//   Twilio {"code":<int>,"message","more_info","status"}
//   Panora {"statusCode":<int>,"message"}
// and adds a hint for the well-known codes (Meta 131030, 190…; Twilio 21211, 21610…; Nango connection_test_failed…).
class ProviderError
{
public:
    static Error fromHttp(int status, const QByteArray &body, const QByteArray &contentType, const QString &service);
    static QString hintFor(const QString &envelope, const QString &code);
    // What to do about one of Panora's HTTP 500s, recognised by its message.
    static QString panoraServerErrorHint(const QString &message);
};

} // namespace crossline
