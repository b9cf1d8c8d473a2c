#include "unified/unifiedrequest.h"

#include "messaging/payloadfield.h"
#include "unified/repeatedkeys.h"
#include "unified/resourceregistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace crossline {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crossline::UnifiedRequest", text);
}

QString scalarText(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Only within qint64's range: casting 1e20 is undefined behaviour (found by fuzz_unified_request).
        if (std::abs(d) < 9.0e18 && d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    return v.toString();
}

Expected<QString> requiredChoice(const QJsonObject &body, const QString &field, const QStringList &choices)
{
    const QJsonValue v = body.value(field);
    const QString list = choices.join(QStringLiteral(" | "));
    if (v.isUndefined() || v.isNull())
        return Error::validation(field, tr("%1 is required (one of %2).").arg(field, list));
    if (!v.isString())
        return Error::validation(
            field, tr("%1 must be a string (one of %2), not %3.").arg(field, list, PayloadField::typeName(v)));
    const QString s = v.toString();
    if (!choices.contains(s))
        return Error::validation(field, tr("%1 \"%2\" is not supported (use one of %3).").arg(field, s, list));
    return s;
}
} // namespace

Expected<UnifiedRequest> UnifiedRequest::fromBytes(const QByteArray &json)
{
    if (json.trimmed().isEmpty())
        return Error::validation(QStringLiteral("body"), tr("The request body is empty: expected a JSON object."));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        // Report line and column: people edit these bodies by hand.
        int line = 1, column = 1;
        for (int i = 0; i < err.offset && i < json.size(); ++i) {
            if (json.at(i) == '\n')
                ++line, column = 1;
            else
                ++column;
        }
        // Valid JSON that is not an object or a list ("nango", null, 42) is not a parse error, whatever Qt says.
        const QJsonDocument scalar = QJsonDocument::fromJson('[' + json + ']');
        if (scalar.isArray() && scalar.array().size() == 1)
            return Error::validation(QStringLiteral("body"),
                tr("The body must be a JSON object {provider, resource, operation, …}, not %1.")
                    .arg(PayloadField::typeName(scalar.array().at(0))));
        return Error::validation(QStringLiteral("body"),
            tr("The body is not valid JSON: %1 at line %2, column %3.").arg(err.errorString()).arg(line).arg(column));
    }
    if (!doc.isObject())
        return Error::validation(
            QStringLiteral("body"), tr("The body must be a JSON object {provider, resource, operation, …}."));
    if (const RepeatedKey repeated = RepeatedKey::find(json))
        return Error::validation(repeated.path,
            tr("%1 is given %2 times in the body: give it once (only the last one would count).")
                .arg(repeated.path)
                .arg(repeated.times));
    return fromJson(doc.object());
}

Expected<UnifiedRequest> UnifiedRequest::fromJson(const QJsonObject &body)
{
    static const QStringList known { QStringLiteral("provider"), QStringLiteral("resource"),
        QStringLiteral("operation"), QStringLiteral("id"), QStringLiteral("params"), QStringLiteral("data") };
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return Error::validation(it.key(),
                tr("Unknown field \"%1\" (the body takes %2).").arg(it.key(), known.join(QStringLiteral(", "))));
    }
    UnifiedRequest r;
    // The choices are the registry's: a resource it declares is a resource this body accepts.
    const Expected<QString> provider
        = requiredChoice(body, QStringLiteral("provider"), ResourceRegistry::providerNames());
    if (!provider)
        return provider.error();
    r.provider = *provider;
    const Expected<QString> resource
        = requiredChoice(body, QStringLiteral("resource"), ResourceRegistry::resourceNames());
    if (!resource)
        return resource.error();
    r.resource = *resource;
    const Expected<QString> operation
        = requiredChoice(body, QStringLiteral("operation"), ResourceRegistry::operationNames());
    if (!operation)
        return operation.error();
    r.operation = *operation;

    const QJsonValue id = body.value(QLatin1String("id"));
    if (!id.isUndefined() && !id.isNull()) {
        if (id.isString())
            r.id = id.toString();
        else if (id.isDouble())
            r.id = scalarText(id);
        else
            return Error::validation(
                QStringLiteral("id"), tr("id must be a string, not %1.").arg(PayloadField::typeName(id)));
        if (r.id.trimmed().isEmpty())
            return Error::validation(QStringLiteral("id"), tr("id is empty."));
    }
    if (r.operation == QLatin1String("get") && r.id.isEmpty())
        return Error::validation(QStringLiteral("id"), tr("id is required for get (the %1 to fetch).").arg(r.resource));
    if (r.operation != QLatin1String("get") && !r.id.isEmpty())
        return Error::validation(
            QStringLiteral("id"), tr("id is only used by get; %1 does not take one.").arg(r.operation));

    const QJsonValue params = body.value(QLatin1String("params"));
    if (!params.isUndefined() && !params.isNull()) {
        if (!params.isObject())
            return Error::validation(QStringLiteral("params"),
                tr("params must be an object of query parameters, not %1.").arg(PayloadField::typeName(params)));
        if (r.operation == QLatin1String("create"))
            return Error::validation(QStringLiteral("params"),
                tr("params are query parameters for list/get; create takes its payload in data."));
        r.params = params.toObject();
        r.hasParams = true;
        for (auto it = r.params.begin(); it != r.params.end(); ++it) {
            const QJsonValue v = it.value();
            bool ok = v.isString() || v.isDouble() || v.isBool();
            if (v.isArray()) {
                ok = true;
                for (const QJsonValue &item : v.toArray())
                    ok = ok && (item.isString() || item.isDouble() || item.isBool());
            }
            if (!ok)
                return Error::validation(QStringLiteral("params.") + it.key(),
                    tr("params.%1 must be a string, number, boolean or a list of them, not %2.")
                        .arg(it.key(), PayloadField::typeName(v)));
        }
    }

    const QJsonValue data = body.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isNull()) {
        if (!data.isObject())
            return Error::validation(
                QStringLiteral("data"), tr("data must be an object, not %1.").arg(PayloadField::typeName(data)));
        if (r.operation != QLatin1String("create"))
            return Error::validation(QStringLiteral("data"),
                tr("data is the payload of create; %1 does not take it (use params for query parameters).")
                    .arg(r.operation));
        r.data = data.toObject();
        r.hasData = true;
    }
    if (r.operation == QLatin1String("create") && !r.hasData)
        return Error::validation(
            QStringLiteral("data"), tr("data is required for create (the %1 to create).").arg(r.resource));
    if (r.operation == QLatin1String("create") && r.data.isEmpty())
        return Error::validation(QStringLiteral("data"), tr("data is empty: nothing to create."));
    return r;
}

QueryItems UnifiedRequest::queryItems() const
{
    QueryItems items;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.value().isArray()) {
            for (const QJsonValue &v : it.value().toArray())
                items.append({ it.key(), scalarText(v) });
        } else {
            items.append({ it.key(), scalarText(it.value()) });
        }
    }
    return items;
}

QJsonObject UnifiedRequest::toJson() const
{
    QJsonObject o { { QStringLiteral("provider"), provider }, { QStringLiteral("resource"), resource },
        { QStringLiteral("operation"), operation } };
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    if (hasParams)
        o.insert(QStringLiteral("params"), params);
    if (hasData)
        o.insert(QStringLiteral("data"), data);
    return o;
}

} // namespace crossline
