#pragma once

#include "servicetypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

// What every route of the emulated Nango shares: the secret-key check, the error envelopes, the validation issues
// inside them, and the character sets of Nango's ids.
namespace crossline::sandbox::nango {

// The check in front of every route but /health: "Authorization: Bearer <secret key>", the key a UUID v4.
// Returns the 401 answer, or nothing when the key is the sandbox's.
std::optional<ServiceReply> authenticate(const ServiceRequest &request);

// {"error": {"code", "message"}} (no "message" when it is empty).
ServiceReply error(int status, const QString &code, const QString &message = {});
// {"error": {"code", "errors": [issues]}}: a request that fails validation of its query, body or headers.
ServiceReply errorWithIssues(int status, const QString &code, const QJsonArray &issues);
// {"error": {"message", "code", "payload": {}}}: the older error shape of the auth check and the legacy routes.
ServiceReply legacyError(int status, const QString &code, const QString &message);

// One validation issue: {"code", "message", "path"}.
QJsonObject issue(const QString &code, const QString &message, const QJsonArray &path);
// An invalid_type issue: `type` was expected at `path`, `got` was found (Undefined: the key is missing).
QJsonObject expected(const QString &type, const QJsonValue &got, const QJsonArray &path);
// An unrecognized_keys issue for keys the route does not accept.
QJsonObject unrecognized(const QStringList &keys);

// The characters Nango accepts in a connection id and in a provider config key (at most 255 of them).
bool validConnectionId(const QString &id);
bool validProviderConfigKey(const QString &key);

} // namespace crossline::sandbox::nango
