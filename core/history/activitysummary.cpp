#include "history/activitysummary.h"

#include "unified/resourceregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace crossline {

namespace {

// The parts of a record the summary reads, taken apart once.
struct Request
{
    explicit Request(const RequestRecord &record)
        : r(record)
        , url(record.url)
        , segments(url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts))
        , query(url)
        , method(record.method.toUpper())
        , nango(record.service == QLatin1String("nango"))
    {
    }

    QString header(const char *name) const
    {
        for (const auto &h : r.requestHeaders) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return QString::fromUtf8(h.second);
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(r.requestBody).object(); }
    // The path's n-th segment from the end (0: the last); empty when it is shorter.
    QString last(int n) const { return segments.size() > n ? segments.at(segments.size() - 1 - n) : QString(); }
    // The segments after Nango's /proxy, or nothing when this is no proxy call.
    std::optional<QStringList> proxyEndpoint() const
    {
        const qsizetype at = nango ? segments.indexOf(QLatin1String("proxy")) : -1;
        if (at < 0)
            return std::nullopt;
        return segments.mid(at + 1);
    }
    bool changesSomething() const { return method != "GET" && method != "HEAD"; }

    const RequestRecord &r;
    QUrl url;
    QStringList segments;
    QUrlQuery query;
    QByteArray method;
    bool nango;
};

// POST /proxy/v20.0/{phoneNumberId}/messages (WhatsAppMessage::proxyEndpoint).
bool isWhatsAppSend(const Request &q, const QStringList &endpoint)
{
    return q.method == "POST" && endpoint.size() == 3 && endpoint.at(0).startsWith(u'v')
        && endpoint.at(2) == QLatin1String("messages");
}

// POST /proxy/2010-04-01/Accounts/{AccountSid}/Messages.json (TwilioSms::proxyEndpoint).
bool isSmsSend(const Request &q, const QStringList &endpoint)
{
    return q.method == "POST" && endpoint.size() == 4 && endpoint.at(0) == QLatin1String("2010-04-01")
        && endpoint.at(1) == QLatin1String("Accounts") && endpoint.at(3) == QLatin1String("Messages.json");
}

// A form body (Twilio's) as field → value; '+' is a space, as a form decoder reads it.
QHash<QString, QString> formFields(const QByteArray &body)
{
    QHash<QString, QString> out;
    for (const QByteArray &part : body.split('&')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const auto decode = [](QByteArray text) { return QUrl::fromPercentEncoding(text.replace('+', ' ')); };
        out.insert(decode(part.left(eq)), decode(part.mid(eq + 1)));
    }
    return out;
}

QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

// "whatsapp-business / conn_wa_1": from the proxy's headers, the query (provider_config_key, connection_id) or the
// body of an import or a sync trigger; `pathId` is the connection the path names (GET or DELETE /connections/{id}).
QString connectionOf(const Request &q, const QJsonObject &body, const QString &pathId)
{
    const auto first = [](std::initializer_list<QString> values) {
        for (const QString &v : values) {
            if (!v.isEmpty())
                return v;
        }
        return QString();
    };
    const QString key = first({ q.header("Provider-Config-Key"),
        q.query.queryItemValue(QStringLiteral("provider_config_key"), QUrl::FullyDecoded),
        body.value(QLatin1String("provider_config_key")).toString() });
    const QString id = first(
        { q.header("Connection-Id"), q.query.queryItemValue(QStringLiteral("connection_id"), QUrl::FullyDecoded),
            body.value(QLatin1String("connection_id")).toString(), pathId });
    if (!key.isEmpty() && !id.isEmpty())
        return key + QStringLiteral(" / ") + id;
    return key.isEmpty() ? id : key;
}

// A list, get or create of a resource the registry declares a path for ("Contacts list", "Contact get").
bool describeResource(const Request &q, const QJsonObject &body, ActivitySummary *s)
{
    const QString path = q.url.path(QUrl::FullyEncoded);
    for (const ResourceRegistry::Entry &e : ResourceRegistry::entries()) {
        if (e.provider != q.r.service || e.path.isEmpty())
            continue;
        const ResourceRegistry::RecordKind *kind = ResourceRegistry::recordKind(e.resource);
        const QString plural
            = kind ? QCoreApplication::translate("crossline::ResourceRegistry", kind->title) : e.resource;
        const QString noun = e.resource.section(u'.', -1); // "contact"
        const QString title = noun.left(1).toUpper() + noun.mid(1);
        if (path.endsWith(e.path)) {
            if (q.method == "POST") {
                s->operation = ActivitySummary::tr("%1 create").arg(title);
                // Whom the new record is for, as the Browser's first columns would show it.
                if (kind) {
                    for (const ResourceRegistry::Column &c : kind->columns) {
                        const QVariant value = c.key == QLatin1String("id") ? QVariant() : c.value(body);
                        if (s->target.isEmpty() && value.typeId() == QMetaType::QString)
                            s->target = value.toString().trimmed();
                    }
                }
            } else {
                s->operation = ActivitySummary::tr("%1 list").arg(plural);
            }
            return true;
        }
        const qsizetype at = path.lastIndexOf(e.path + u'/');
        const QString rest = at < 0 ? QString() : path.mid(at + e.path.size() + 1);
        if (rest.isEmpty() || rest.contains(u'/'))
            continue;
        s->operation = ActivitySummary::tr("%1 get").arg(title);
        s->target = ActivitySummary::tr("%1 %2").arg(noun, QUrl::fromPercentEncoding(rest.toUtf8()));
        return true;
    }
    return false;
}

void describeProxy(const Request &q, const QStringList &endpoint, ActivitySummary *s)
{
    const QString joined = endpoint.join(u'/');
    if (isWhatsAppSend(q, endpoint)) {
        s->operation = ActivitySummary::tr("WhatsApp send");
        s->target = q.json().value(QLatin1String("to")).toString();
    } else if (isSmsSend(q, endpoint)) {
        s->operation = ActivitySummary::tr("SMS send");
        s->target = formFields(q.r.requestBody).value(QStringLiteral("To"));
    } else if (joined == QLatin1String("2010-04-01/Accounts.json")) {
        s->operation = ActivitySummary::tr("Account SID lookup");
    } else if (endpoint.size() == 5 && endpoint.at(1) == QLatin1String("Accounts")
        && endpoint.at(3) == QLatin1String("Messages")) {
        s->operation = ActivitySummary::tr("SMS status");
        s->target = endpoint.at(4).chopped(endpoint.at(4).endsWith(QLatin1String(".json")) ? 5 : 0);
    } else if (endpoint.size() >= 2 && endpoint.last() == QLatin1String("phone_numbers")) {
        s->operation = ActivitySummary::tr("WhatsApp numbers");
        s->target = ActivitySummary::tr("WABA %1").arg(endpoint.at(endpoint.size() - 2));
    } else if (endpoint.size() >= 2 && endpoint.last() == QLatin1String("message_templates")) {
        s->operation = ActivitySummary::tr("WhatsApp templates");
        s->target = ActivitySummary::tr("WABA %1").arg(endpoint.at(endpoint.size() - 2));
    } else {
        s->operation = ActivitySummary::tr("Proxy %1").arg(QString::fromLatin1(q.method));
        s->target = u'/' + joined;
    }
}

// A request that changes something and got no complete answer may have been carried out, unless nothing of it
// left this machine. The record keeps the message, not the code: HttpClient words that case "Nothing was sent: …".
bool wasNotSent(const QString &error)
{
    const QString translated
        = QCoreApplication::translate("crossline::Job", "Nothing was sent: %1.").section(QStringLiteral("%1"), 0, 0);
    return error.startsWith(translated) || error.startsWith(QLatin1String("Nothing was sent:"));
}

QString outcomeOf(const Request &q, bool send)
{
    const int status = q.r.status;
    const QString error = firstLine(q.r.error);
    const QString code = QString::number(status);
    if (status >= 200 && status < 300 && error.isEmpty())
        return ActivitySummary::tr("✓ %1").arg(code);
    if (status >= 300)
        return error.isEmpty() ? ActivitySummary::tr("✗ %1").arg(code)
                               : ActivitySummary::tr("✗ %1 %2").arg(code, error);
    if (q.changesSomething() && !wasNotSent(error)) {
        if (status > 0) // an answer that broke off, or one that could not be read
            return ActivitySummary::tr("⚠ %1 %2").arg(code, error);
        return send ? ActivitySummary::tr("⚠ no answer — may have been delivered")
                    : ActivitySummary::tr("⚠ no answer — may have been carried out");
    }
    if (status > 0)
        return ActivitySummary::tr("✗ %1 %2").arg(code, error);
    return error.isEmpty() ? ActivitySummary::tr("✗ no answer") : ActivitySummary::tr("✗ %1").arg(error);
}

} // namespace

ActivitySummary ActivitySummary::describe(const RequestRecord &record)
{
    const Request q(record);
    const QJsonObject body = q.changesSomething() ? q.json() : QJsonObject();
    ActivitySummary s;
    QString pathConnectionId;
    bool send = false;
    const QString last = q.last(0);
    const QString beforeLast = q.last(1);
    if (const std::optional<QStringList> endpoint = q.proxyEndpoint()) {
        describeProxy(q, *endpoint, &s);
        send = isWhatsAppSend(q, *endpoint) || isSmsSend(q, *endpoint);
    } else if (q.nango && (last == QLatin1String("connections") || last == QLatin1String("connection"))) {
        s.operation = q.method == "POST" ? tr("Nango import") : tr("Connections list");
    } else if (q.nango && beforeLast == QLatin1String("connections")) {
        pathConnectionId = last;
        s.operation = q.method == "DELETE" ? tr("Connection delete") : tr("Connection get");
    } else if (q.nango && last == QLatin1String("records")) {
        s.operation = tr("Records list");
        s.target = q.query.queryItemValue(QStringLiteral("model"), QUrl::FullyDecoded);
    } else if (q.nango && beforeLast == QLatin1String("action")) {
        const bool trigger = last == QLatin1String("trigger") && q.method == "POST";
        s.operation = trigger ? tr("Action run") : tr("Action status");
        s.target = trigger ? body.value(QLatin1String("action_name")).toString() : last;
    } else if (q.nango && last == QLatin1String("functions") && q.last(2) == QLatin1String("integrations")) {
        s.operation = tr("Functions list");
        s.connection = beforeLast; // the integration whose functions these are
    } else if (q.nango && beforeLast == QLatin1String("sync")) {
        const bool trigger = last == QLatin1String("trigger");
        s.operation = trigger ? tr("Sync run") : tr("Sync status");
        QStringList syncs;
        for (const QJsonValue &v : body.value(QLatin1String("syncs")).toArray())
            syncs << v.toString();
        s.target = trigger ? syncs.join(QStringLiteral(", "))
                           : q.query.queryItemValue(QStringLiteral("syncs"), QUrl::FullyDecoded);
    } else if (!describeResource(q, body, &s)) {
        // Something this version does not name: the service and the method, and the path to tell it apart.
        const QString service = record.service.left(1).toUpper() + record.service.mid(1);
        s.operation = tr("%1 %2").arg(service, QString::fromLatin1(q.method)).trimmed();
        s.target = q.url.path();
    }
    if (s.connection.isEmpty())
        s.connection = connectionOf(q, body, pathConnectionId);
    s.outcome = outcomeOf(q, send);
    return s;
}

std::optional<RecordedSend> ActivitySummary::sendOf(const RequestRecord &record)
{
    const Request q(record);
    const std::optional<QStringList> endpoint = q.proxyEndpoint();
    if (!endpoint)
        return std::nullopt;
    RecordedSend out;
    out.data = QJsonObject { { QStringLiteral("providerConfigKey"), q.header("Provider-Config-Key") },
        { QStringLiteral("connectionId"), q.header("Connection-Id") } };
    if (isWhatsAppSend(q, *endpoint)) {
        // The Graph API body WhatsAppMessage::requestBody() made, read back into the message's fields.
        const QJsonObject body = q.json();
        const QString type = body.value(QLatin1String("type")).toString();
        out.kind = OutboxItem::Kind::WhatsApp;
        out.data.insert(QStringLiteral("phoneNumberId"), endpoint->at(1));
        out.data.insert(QStringLiteral("to"), body.value(QLatin1String("to")).toString());
        if (type == QLatin1String("template")) {
            out.data.insert(QStringLiteral("type"), type);
            out.data.insert(QStringLiteral("template"), body.value(QLatin1String("template")).toObject());
        } else {
            const QJsonObject text = body.value(QLatin1String("text")).toObject();
            out.data.insert(QStringLiteral("type"), QStringLiteral("text"));
            out.data.insert(QStringLiteral("body"), text.value(QLatin1String("body")).toString());
            if (text.value(QLatin1String("preview_url")).toBool())
                out.data.insert(QStringLiteral("previewUrl"), true);
        }
        return out;
    }
    if (isSmsSend(q, *endpoint)) {
        const QHash<QString, QString> form = formFields(record.requestBody);
        out.kind = OutboxItem::Kind::Sms;
        out.data.insert(QStringLiteral("to"), form.value(QStringLiteral("To")));
        if (form.contains(QStringLiteral("MessagingServiceSid")))
            out.data.insert(QStringLiteral("messagingServiceSid"), form.value(QStringLiteral("MessagingServiceSid")));
        else
            out.data.insert(QStringLiteral("from"), form.value(QStringLiteral("From")));
        out.data.insert(QStringLiteral("body"), form.value(QStringLiteral("Body")));
        out.data.insert(QStringLiteral("accountSid"), endpoint->at(2));
        return out;
    }
    return std::nullopt;
}

} // namespace crossline
