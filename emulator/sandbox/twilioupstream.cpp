#include "twilioupstream.h"

#include "httputil.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>

namespace crossline::sandbox {

namespace {

ServiceReply twilioError(int status, int code, const QString &message)
{
    return http::json(status,
        QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message },
            { QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code) },
            { QStringLiteral("status"), status } });
}

ServiceReply notAuthenticated()
{
    return twilioError(401, 20003, QStringLiteral("Authenticate"));
}

ServiceReply notFound(const QString &path)
{
    return twilioError(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(path));
}

const QString &gsmBasic()
{
    static const QString s = QString::fromUtf8("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                               "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
    return s;
}

const QString &gsmExtension()
{
    static const QString s = QString::fromUtf8("^{}\\[~]|€\f");
    return s;
}

bool isE164(const QString &number)
{
    static const QRegularExpression re(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    return re.match(number).hasMatch();
}

// A To/From address: E.164, optionally behind a channel prefix such as "whatsapp:".
bool isAddress(const QString &value)
{
    const int colon = value.indexOf(QLatin1Char(':'));
    return isE164(colon > 0 ? value.mid(colon + 1) : value);
}

bool isSender(const QString &from)
{
    static const QRegularExpression shortCode(QStringLiteral("^[0-9]{5,6}$"));
    static const QRegularExpression alpha(QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$"));
    return isAddress(from) || shortCode.match(from).hasMatch() || alpha.match(from).hasMatch();
}

QString hex32(const QByteArray &seed)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Md5).toHex());
}

} // namespace

bool TwilioUpstream::isValidCredential(const QString &accountSid, const QString &authToken)
{
    static const QRegularExpression sid(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    return sid.match(accountSid).hasMatch() && authToken.size() >= 32;
}

int TwilioUpstream::segmentCount(const QString &body)
{
    if (body.isEmpty())
        return 1;
    bool gsm = true;
    for (const QChar c : body) {
        if (!gsmBasic().contains(c) && !gsmExtension().contains(c)) {
            gsm = false;
            break;
        }
    }
    const int single = gsm ? 160 : 70;
    const int multi = gsm ? 153 : 67;
    // Units per character: GSM-7 septets (2 for the extension table) or UTF-16 code units (2 for a surrogate pair).
    QList<int> units;
    for (int i = 0; i < body.size(); ++i) {
        if (gsm) {
            units.append(gsmExtension().contains(body[i]) ? 2 : 1);
        } else if (body[i].isHighSurrogate() && i + 1 < body.size() && body[i + 1].isLowSurrogate()) {
            units.append(2);
            ++i;
        } else {
            units.append(1);
        }
    }
    int total = 0;
    for (int u : units)
        total += u;
    if (total <= single)
        return 1;
    int segments = 1;
    int used = 0;
    for (int u : units) {
        if (used + u > multi) {
            ++segments;
            used = 0;
        }
        used += u;
    }
    return segments;
}

ServiceReply TwilioUpstream::handle(const ServiceRequest &request)
{
    // HTTP Basic: AccountSid:AuthToken.
    QString user;
    QString password;
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 6 && auth.left(6).compare("Basic ", Qt::CaseInsensitive) == 0) {
        const QByteArray decoded = QByteArray::fromBase64(auth.mid(6).trimmed());
        const int colon = decoded.indexOf(':');
        if (colon > 0) {
            user = QString::fromUtf8(decoded.left(colon));
            password = QString::fromUtf8(decoded.mid(colon + 1));
        }
    }
    if (!isValidCredential(user, password))
        return notAuthenticated();

    const QString path = request.path;
    static const QRegularExpression accountsList(QStringLiteral("^/2010-04-01/Accounts\\.json$"));
    static const QRegularExpression messages(QStringLiteral("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$"));
    static const QRegularExpression message(QStringLiteral("^/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json$"));

    if (accountsList.match(path).hasMatch()) {
        if (request.method != "GET")
            return twilioError(405, 20004, QStringLiteral("Method not allowed"));
        return accounts(user, password);
    }
    QRegularExpressionMatch m = messages.match(path);
    if (m.hasMatch()) {
        if (m.captured(1) != user)
            return notAuthenticated();
        if (request.method == "POST")
            return createMessage(user, request);
        if (request.method == "GET")
            return listMessages(user, request);
        return twilioError(405, 20004, QStringLiteral("Method not allowed"));
    }
    m = message.match(path);
    if (m.hasMatch()) {
        if (m.captured(1) != user)
            return notAuthenticated();
        if (request.method == "GET")
            return fetchMessage(user, m.captured(2));
        return twilioError(405, 20004, QStringLiteral("Method not allowed"));
    }
    return notFound(path);
}

ServiceReply TwilioUpstream::createMessage(const QString &accountSid, const ServiceRequest &request)
{
    // Twilio reads parameters only from a form body: a JSON body leaves every parameter missing (21604).
    http::QueryItems form;
    if (request.header("content-type").toLower().startsWith("application/x-www-form-urlencoded"))
        form = http::parseQuery(request.body);

    const QString to = http::queryValue(form, QStringLiteral("To"));
    const QString from = http::queryValue(form, QStringLiteral("From"));
    const QString service = http::queryValue(form, QStringLiteral("MessagingServiceSid"));
    const QString body = http::queryValue(form, QStringLiteral("Body"));
    const QString contentSid = http::queryValue(form, QStringLiteral("ContentSid"));
    int mediaCount = 0;
    for (const auto &item : form) {
        if (item.first == QStringLiteral("MediaUrl") && !item.second.isEmpty())
            ++mediaCount;
    }

    if (to.isEmpty())
        return twilioError(400, 21604, QStringLiteral("A 'To' phone number is required."));
    if (from.isEmpty() && service.isEmpty())
        return twilioError(400, 21603, QStringLiteral("A 'From' phone number is required."));
    if (body.isEmpty() && mediaCount == 0 && contentSid.isEmpty())
        return twilioError(400, 21602, QStringLiteral("Message body is required."));
    if (body.size() > 1600)
        return twilioError(
            400, 21617, QStringLiteral("The concatenated message body exceeds the 1600 character limit."));
    if (!service.isEmpty()) {
        static const QRegularExpression mg(QStringLiteral("^MG[0-9a-fA-F]{32}$"));
        if (!mg.match(service).hasMatch())
            return twilioError(400, 21701, QStringLiteral("The Messaging Service Sid %1 is invalid.").arg(service));
    }

    // Twilio's magic test numbers: From first, then To.
    if (from == QStringLiteral("+15005550001") || (!from.isEmpty() && !isSender(from))) {
        return twilioError(400, 21212,
            QStringLiteral("The 'From' number %1 is not a valid phone number, shortcode, "
                           "or alphanumeric sender ID.")
                .arg(from));
    }
    if (from == QStringLiteral("+15005550007")) {
        return twilioError(400, 21606,
            QStringLiteral("The 'From' phone number provided (%1) is not a valid "
                           "message-capable Twilio phone number for this destination.")
                .arg(from));
    }
    if (from == QStringLiteral("+15005550008"))
        return twilioError(
            400, 21611, QStringLiteral("This 'From' number has exceeded the maximum number of queued messages."));
    if (!isAddress(to) || to == QStringLiteral("+15005550001"))
        return twilioError(400, 21211, QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(to));
    if (to == QStringLiteral("+15005550002")) {
        return twilioError(400, 21612,
            QStringLiteral("The 'To' phone number: %1, is not currently reachable using the "
                           "'From' phone number: %2 via SMS.")
                .arg(to, from));
    }
    if (to == QStringLiteral("+15005550003")) {
        return twilioError(400, 21408,
            QStringLiteral("Permission to send an SMS has not been enabled for the region "
                           "indicated by the 'To' number: %1.")
                .arg(to));
    }
    if (to == QStringLiteral("+15005550004"))
        return twilioError(400, 21610, QStringLiteral("Attempt to send to unsubscribed recipient"));
    if (to == QStringLiteral("+15005550009"))
        return twilioError(400, 21614, QStringLiteral("'To' number is not a valid mobile number"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString sid;
    {
        std::lock_guard lock(m_mutex);
        sid = QStringLiteral("SM")
            + hex32("sms-" + QByteArray::number(++m_counter) + '-' + QByteArray::number(now.toMSecsSinceEpoch()));
    }
    const QString base = QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2").arg(accountSid, sid);
    QJsonObject msg { { QStringLiteral("account_sid"), accountSid },
        { QStringLiteral("api_version"), QStringLiteral("2010-04-01") }, { QStringLiteral("body"), body },
        { QStringLiteral("date_created"), http::rfc2822(now) }, { QStringLiteral("date_sent"), QJsonValue::Null },
        { QStringLiteral("date_updated"), http::rfc2822(now) },
        { QStringLiteral("direction"), QStringLiteral("outbound-api") },
        { QStringLiteral("error_code"), QJsonValue::Null }, { QStringLiteral("error_message"), QJsonValue::Null },
        { QStringLiteral("from"), from.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(from) },
        { QStringLiteral("messaging_service_sid"),
            service.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(service) },
        { QStringLiteral("num_media"), QString::number(mediaCount) },
        { QStringLiteral("num_segments"), QString::number(segmentCount(body)) },
        { QStringLiteral("price"), QJsonValue::Null }, { QStringLiteral("price_unit"), QStringLiteral("USD") },
        { QStringLiteral("sid"), sid }, { QStringLiteral("status"), QStringLiteral("queued") },
        { QStringLiteral("subresource_uris"),
            QJsonObject { { QStringLiteral("media"), QString(base + QStringLiteral("/Media.json")) } } },
        { QStringLiteral("to"), to }, { QStringLiteral("uri"), QString(base + QStringLiteral(".json")) } };
    {
        std::lock_guard lock(m_mutex);
        m_messages.insert(sid, msg);
        m_order.append(sid);
    }
    return http::json(201, msg);
}

ServiceReply TwilioUpstream::fetchMessage(const QString &accountSid, const QString &sid)
{
    std::lock_guard lock(m_mutex);
    auto it = m_messages.find(sid);
    if (it == m_messages.end() || it->value(QStringLiteral("account_sid")).toString() != accountSid)
        return notFound(QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2.json").arg(accountSid, sid));
    // Each fetch moves the message one step along queued -> sent -> delivered.
    const QString status = it->value(QStringLiteral("status")).toString();
    const QString now = http::rfc2822(QDateTime::currentDateTimeUtc());
    if (status == QStringLiteral("queued")) {
        it->insert(QStringLiteral("status"), QStringLiteral("sent"));
        it->insert(QStringLiteral("date_sent"), now);
        it->insert(QStringLiteral("date_updated"), now);
    } else if (status == QStringLiteral("sent")) {
        it->insert(QStringLiteral("status"), QStringLiteral("delivered"));
        it->insert(QStringLiteral("price"), QStringLiteral("-0.00790"));
        it->insert(QStringLiteral("date_updated"), now);
    }
    return http::json(200, *it);
}

ServiceReply TwilioUpstream::listMessages(const QString &accountSid, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    bool ok = true;
    int pageSize = 50;
    if (http::hasQueryKey(query, QStringLiteral("PageSize"))) {
        pageSize = http::queryValue(query, QStringLiteral("PageSize")).toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > 1000)
            return twilioError(400, 20001, QStringLiteral("PageSize must be between 1 and 1000"));
    }
    int page = 0;
    if (http::hasQueryKey(query, QStringLiteral("Page"))) {
        page = http::queryValue(query, QStringLiteral("Page")).toInt(&ok);
        if (!ok || page < 0)
            return twilioError(400, 20001, QStringLiteral("Page must be a non-negative integer"));
    }
    const QString to = http::queryValue(query, QStringLiteral("To"));
    const QString from = http::queryValue(query, QStringLiteral("From"));

    QJsonArray all;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) { // newest first
            const QJsonObject &msg = m_messages[*it];
            if (msg.value(QStringLiteral("account_sid")).toString() != accountSid)
                continue;
            if (!to.isEmpty() && msg.value(QStringLiteral("to")).toString() != to)
                continue;
            if (!from.isEmpty() && msg.value(QStringLiteral("from")).toString() != from)
                continue;
            all.append(msg);
        }
    }
    QJsonArray pageItems;
    const int start = page * pageSize;
    for (int i = start; i < std::min<int>(int(all.size()), start + pageSize); ++i)
        pageItems.append(all[i]);
    const QString base = QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(accountSid);
    auto uriFor = [&](int p) { return QString(base + QStringLiteral("?PageSize=%1&Page=%2")).arg(pageSize).arg(p); };
    const bool more = start + pageSize < all.size();
    return http::json(200,
        QJsonObject { { QStringLiteral("messages"), pageItems },
            { QStringLiteral("end"), pageItems.isEmpty() ? 0 : start + int(pageItems.size()) - 1 },
            { QStringLiteral("first_page_uri"), uriFor(0) },
            { QStringLiteral("next_page_uri"), more ? QJsonValue(uriFor(page + 1)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("page"), page }, { QStringLiteral("page_size"), pageSize },
            { QStringLiteral("previous_page_uri"),
                page > 0 ? QJsonValue(uriFor(page - 1)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("start"), start }, { QStringLiteral("uri"), uriFor(page) } });
}

ServiceReply TwilioUpstream::accounts(const QString &accountSid, const QString &authToken)
{
    const QString created = QStringLiteral("Tue, 02 Jan 2024 09:00:00 +0000");
    const QString base = QStringLiteral("/2010-04-01/Accounts/%1").arg(accountSid);
    // Twilio's Account resource carries the auth token, as the real API does.
    QJsonObject account { { QStringLiteral("auth_token"), authToken }, { QStringLiteral("date_created"), created },
        { QStringLiteral("date_updated"), created },
        { QStringLiteral("friendly_name"), QStringLiteral("Crossline Sandbox") },
        { QStringLiteral("owner_account_sid"), accountSid }, { QStringLiteral("sid"), accountSid },
        { QStringLiteral("status"), QStringLiteral("active") }, { QStringLiteral("type"), QStringLiteral("Full") },
        { QStringLiteral("subresource_uris"),
            QJsonObject { { QStringLiteral("messages"), QString(base + QStringLiteral("/Messages.json")) },
                { QStringLiteral("incoming_phone_numbers"),
                    QString(base + QStringLiteral("/IncomingPhoneNumbers.json")) } } },
        { QStringLiteral("uri"), QString(base + QStringLiteral(".json")) } };
    const QString uri = QStringLiteral("/2010-04-01/Accounts.json?PageSize=50&Page=0");
    return http::json(200,
        QJsonObject { { QStringLiteral("accounts"), QJsonArray { account } }, { QStringLiteral("end"), 0 },
            { QStringLiteral("first_page_uri"), uri }, { QStringLiteral("next_page_uri"), QJsonValue::Null },
            { QStringLiteral("page"), 0 }, { QStringLiteral("page_size"), 50 },
            { QStringLiteral("previous_page_uri"), QJsonValue::Null }, { QStringLiteral("start"), 0 },
            { QStringLiteral("uri"), uri } });
}

} // namespace crossline::sandbox
