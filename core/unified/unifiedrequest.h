#pragma once

#include "expected.h"
#include "net/urlbuilder.h"

#include <QJsonObject>

namespace crossline {

// The original backend's body for POST /api/integrations/unified:
// {provider, resource, operation, id, params, data}.
struct UnifiedRequest
{
    QString provider; // nango | panora
    QString resource; // crm.contact | hr.employee | whatsapp.message | twilio.sms
    QString operation; // list | get | create
    QString id; // get only
    QJsonObject params; // list/get: query parameters, passed as given
    QJsonObject data; // create: the payload
    bool hasParams = false;
    bool hasData = false;

    // Shape checks only (types, required fields, known values); the resource registry checks the combination.
    static Expected<UnifiedRequest> fromJson(const QJsonObject &body);
    static Expected<UnifiedRequest> fromBytes(const QByteArray &json);

    QueryItems queryItems() const; // params as query items: scalars as text, arrays repeated
    QJsonObject toJson() const;
};

} // namespace crossline
