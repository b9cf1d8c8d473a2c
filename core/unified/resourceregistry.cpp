#include "unified/resourceregistry.h"

#include "messaging/messagesender.h"
#include "models/recordcolumns.h"
#include "models/recordpager.h"
#include "nango/nangoclient.h"
#include "panora/panoraclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace crossline {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crossline::ResourceRegistry", text);
}

Error checkEmail(const QJsonValue &value, const QString &field)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!value.isString())
        return Error::validation(field, tr("%1 must be a string.").arg(field));
    if (!pattern.match(value.toString()).hasMatch())
        return Error::validation(field, tr("%1 \"%2\" is not an email address.").arg(field, value.toString()));
    return {};
}

Error validateNangoContact(const UnifiedRequest &r)
{
    if (r.data.contains(QLatin1String("email")))
        return checkEmail(r.data.value(QLatin1String("email")), QStringLiteral("data.email"));
    return {};
}

// Panora's UnifiedCrmContactInput (flat, with typed email and phone lists). The server validates nothing, so we do.
Error validatePanoraContact(const UnifiedRequest &r)
{
    const QJsonObject &d = r.data;
    if (d.contains(QLatin1String("email")) || d.contains(QLatin1String("phone")))
        return Error::validation(
            d.contains(QLatin1String("email")) ? QStringLiteral("data.email") : QStringLiteral("data.phone"),
            tr("Panora takes email_addresses/phone_numbers lists, not a flat email/phone field."),
            tr("Use \"email_addresses\": [{\"email_address\": \"…\", \"email_address_type\": \"WORK\"}]."));
    for (const char *name : { "first_name", "last_name" }) {
        const QString field = QStringLiteral("data.") + QLatin1String(name);
        const QJsonValue v = d.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull())
            return Error::validation(field, tr("%1 is required by Panora's contact model.").arg(field));
        if (!v.isString())
            return Error::validation(field, tr("%1 must be a string.").arg(field));
    }
    const QJsonValue emails = d.value(QLatin1String("email_addresses"));
    if (!emails.isUndefined() && !emails.isNull()) {
        if (!emails.isArray())
            return Error::validation(
                QStringLiteral("data.email_addresses"), tr("data.email_addresses must be a list."));
        int i = 0;
        for (const QJsonValue &e : emails.toArray()) {
            const QString base = QStringLiteral("data.email_addresses[%1]").arg(i++);
            if (!e.isObject())
                return Error::validation(
                    base, tr("%1 must be an object {email_address, email_address_type}.").arg(base));
            if (const Error err = checkEmail(
                    e.toObject().value(QLatin1String("email_address")), base + QStringLiteral(".email_address")))
                return err;
            const QString type = e.toObject().value(QLatin1String("email_address_type")).toString();
            if (type != QLatin1String("PERSONAL") && type != QLatin1String("WORK"))
                return Error::validation(base + QStringLiteral(".email_address_type"),
                    tr("%1.email_address_type must be PERSONAL or WORK.").arg(base));
        }
    }
    const QJsonValue phones = d.value(QLatin1String("phone_numbers"));
    if (!phones.isUndefined() && !phones.isNull()) {
        if (!phones.isArray())
            return Error::validation(QStringLiteral("data.phone_numbers"), tr("data.phone_numbers must be a list."));
        int i = 0;
        for (const QJsonValue &p : phones.toArray()) {
            const QString base = QStringLiteral("data.phone_numbers[%1]").arg(i++);
            if (!p.isObject() || !p.toObject().value(QLatin1String("phone_number")).isString())
                return Error::validation(base, tr("%1 must be an object {phone_number, phone_type}.").arg(base));
            const QString type = p.toObject().value(QLatin1String("phone_type")).toString();
            if (type != QLatin1String("MOBILE") && type != QLatin1String("WORK"))
                return Error::validation(
                    base + QStringLiteral(".phone_type"), tr("%1.phone_type must be MOBILE or WORK.").arg(base));
        }
    }
    return {};
}

Error validateWhatsApp(const UnifiedRequest &r)
{
    return WhatsAppMessage::fromJson(r.data).error();
}

Error validateSms(const UnifiedRequest &r)
{
    return TwilioSms::fromJson(r.data).error();
}

Expected<RequestPlan> single(const Expected<HttpRequest> &request)
{
    if (!request)
        return request.error();
    return RequestPlan(*request);
}

// ---- Nango with the records-and-actions mapping: GET /records and POST /action/trigger ---------------------------

// The params a records read takes: the connection and model (overriding the profile's) and /records' own.
const QStringList kRecordsParams { QStringLiteral("providerConfigKey"), QStringLiteral("connectionId"),
    QStringLiteral("model"), QStringLiteral("limit"), QStringLiteral("cursor"), QStringLiteral("filter"),
    QStringLiteral("modified_after") };

Expected<RecordsMapping> mappingFor(const UnifiedRequest &r, const UnifiedServices &s)
{
    const QJsonObject &p = r.params;
    RecordsMapping given { p.value(QLatin1String("providerConfigKey")).toString(),
        p.value(QLatin1String("connectionId")).toString(), p.value(QLatin1String("model")).toString(), {} };
    return s.nango->recordsMapping(r.resource, given);
}

Expected<RecordsQuery> recordsQuery(const UnifiedRequest &r, const UnifiedServices &s)
{
    for (auto it = r.params.begin(); it != r.params.end(); ++it) {
        if (!kRecordsParams.contains(it.key()))
            // Nango's /records is strict, and a parameter it does not know would be refused (or, worse, ignored).
            return Error::validation(QStringLiteral("params.") + it.key(),
                tr("Nango's synced records take no \"%1\" parameter.").arg(it.key()),
                tr("They take %1; page with cursor (each answer's next_cursor).")
                    .arg(kRecordsParams.join(QStringLiteral(", "))));
    }
    const Expected<RecordsMapping> mapping = mappingFor(r, s);
    if (!mapping)
        return mapping.error();
    RecordsQuery q { mapping->integration, mapping->connectionId, mapping->model };
    const QJsonValue limit = r.params.value(QLatin1String("limit"));
    if (!limit.isUndefined()) {
        bool ok = limit.isDouble();
        q.limit = ok ? limit.toInt() : limit.toString().toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 10000)
            return Error::validation(
                QStringLiteral("params.limit"), tr("params.limit must be a number from 1 to 10000."));
    }
    q.cursor = r.params.value(QLatin1String("cursor")).toString();
    q.filter = r.params.value(QLatin1String("filter")).toString();
    q.modifiedAfter = r.params.value(QLatin1String("modified_after")).toString();
    if (r.operation == QLatin1String("get")) {
        q.ids = QStringList { r.id };
        q.limit = 1;
    }
    return q;
}

Expected<ActionCall> createAction(const UnifiedRequest &r, const UnifiedServices &s)
{
    const Expected<RecordsMapping> mapping = mappingFor(r, s);
    if (!mapping)
        return mapping.error();
    if (mapping->createAction.isEmpty())
        return Error::validation(QStringLiteral("operation"),
            tr("No action creates %1 on this Nango: the profile names none.").arg(r.resource),
            tr("Name the integration's create action (nango functions lists its actions), e.g. "
               "crossline-cli profile set NAME --create-contact-action=create-contact."));
    return ActionCall { mapping->integration, mapping->connectionId, mapping->createAction, r.data,
        r.params.value(QLatin1String("async")).toBool() };
}

Expected<RequestPlan> recordsPlan(const UnifiedRequest &r, const UnifiedServices &s)
{
    if (r.operation == QLatin1String("create")) {
        const Expected<ActionCall> call = createAction(r, s);
        return call ? single(s.nango->planAction(*call)) : Expected<RequestPlan>(call.error());
    }
    const Expected<RecordsQuery> q = recordsQuery(r, s);
    return q ? single(s.nango->planRecords(*q)) : Expected<RequestPlan>(q.error());
}

Job *recordsRun(const UnifiedRequest &r, const UnifiedServices &s)
{
    if (r.operation == QLatin1String("create")) {
        const Expected<ActionCall> call = createAction(r, s);
        return call ? s.nango->triggerAction(*call) : Job::finishedJob(Result::failure(call.error()));
    }
    const Expected<RecordsQuery> q = recordsQuery(r, s);
    if (!q)
        return Job::finishedJob(Result::failure(q.error()));
    Job *job = s.nango->listRecords(*q);
    if (r.operation == QLatin1String("list"))
        return job;
    // get: the one record with that id, or a plain "not found" (GET /records answers an empty list).
    const QString id = r.id;
    const QString model = q->model;
    return Job::map(job, [id, model](const Result &res) {
        Result out = res;
        if (!res.ok())
            return out;
        const QJsonArray records = res.data.toObject().value(QLatin1String("records")).toArray();
        if (records.isEmpty()) {
            out.error = Error::make(Error::Kind::Http,
                tr("No %1 record with id \"%2\" was synced for this connection.").arg(model, id),
                tr("Check the id, or run the sync (nango sync trigger) if the record is new."));
            out.error.code = QStringLiteral("not_found");
            out.error.httpStatus = 404;
            return out;
        }
        out.data = records.first();
        return out;
    });
}

ResourceRegistry::Planner nangoRestPlan(const QString &path)
{
    return [path](const UnifiedRequest &r, const UnifiedServices &s) -> Expected<RequestPlan> {
        if (!s.nango->config().compatiblePaths)
            return recordsPlan(r, s);
        if (r.operation == QLatin1String("list"))
            return single(s.nango->planListResource(path, r.queryItems()));
        if (r.operation == QLatin1String("get"))
            return single(s.nango->planGetResource(path, r.id, r.queryItems()));
        return single(s.nango->planCreateResource(path, r.data));
    };
}

// ---- Panora's paging: what the seed's page/page_size mean, in the limit + cursor Panora understands ---------------

// Panora takes limit, cursor and remote_data and silently ignores every other parameter (page=2 answers page 1).
// The seed's page (1-based) and page_size are translated: page_size is the limit, page N follows next_cursor N-1
// times. Anything else is refused rather than sent to be ignored.
struct PanoraQuery
{
    QueryItems items; // limit, cursor, remote_data as Panora reads them
    int page = 1; // the page to answer with
    int limit = 0; // 0: Panora's default
};

Expected<int> positiveNumber(const QJsonObject &params, const char *key, int max)
{
    const QJsonValue v = params.value(QLatin1String(key));
    bool ok = v.isDouble() && v.toDouble() == double(v.toInt());
    int n = v.toInt();
    if (v.isString())
        n = v.toString().toInt(&ok);
    if (!ok || n < 1 || n > max)
        return Error::validation(QStringLiteral("params.") + QLatin1String(key),
            tr("params.%1 must be a whole number from 1 to %2.").arg(QLatin1String(key)).arg(max));
    return n;
}

Expected<PanoraQuery> panoraQuery(const UnifiedRequest &r)
{
    static const QStringList listParams { QStringLiteral("limit"), QStringLiteral("cursor"),
        QStringLiteral("remote_data"), QStringLiteral("page"), QStringLiteral("page_size") };
    const bool list = r.operation == QLatin1String("list");
    const QJsonObject &p = r.params;
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (!(list ? listParams : QStringList { QStringLiteral("remote_data") }).contains(it.key()))
            return Error::validation(QStringLiteral("params.") + it.key(),
                tr("Panora takes no \"%1\" parameter here: it would be ignored without a word.").arg(it.key()),
                list ? tr("A list takes limit, cursor (next_cursor of an answer) and remote_data; page and page_size "
                          "are translated into them.")
                     : tr("A get takes remote_data only."));
    }
    PanoraQuery q;
    if (p.contains(QLatin1String("remote_data"))) {
        // Panora reads any value, "false" included, as true.
        const QJsonValue v = p.value(QLatin1String("remote_data"));
        if (!(v.isBool() && v.toBool()) && v.toString() != QLatin1String("true"))
            return Error::validation(QStringLiteral("params.remote_data"),
                tr("Panora reads any remote_data value, false included, as true."),
                tr("Leave remote_data out to get the unified fields only."));
        q.items.append({ QStringLiteral("remote_data"), QStringLiteral("true") });
    }
    if (!list)
        return q;
    if (p.contains(QLatin1String("limit")) && p.contains(QLatin1String("page_size")))
        return Error::validation(QStringLiteral("params.page_size"), tr("Give limit or page_size, not both."));
    if (p.contains(QLatin1String("cursor")) && p.contains(QLatin1String("page")))
        return Error::validation(QStringLiteral("params.page"), tr("Give cursor or page, not both."));
    for (const char *key : { "limit", "page_size" }) {
        if (!p.contains(QLatin1String(key)))
            continue;
        const Expected<int> n = positiveNumber(p, key, 1000);
        if (!n)
            return n.error();
        q.limit = *n;
    }
    if (p.contains(QLatin1String("page"))) {
        // Page N costs N requests: far pages are for cursor paging.
        const Expected<int> n = positiveNumber(p, "page", 200);
        if (!n)
            return n.error();
        q.page = *n;
    }
    if (q.limit == 0 && q.page > 1)
        q.limit = 50; // the seed's page without page_size: Panora's own default page size
    if (q.limit > 0)
        q.items.prepend({ QStringLiteral("limit"), QString::number(q.limit) });
    if (p.contains(QLatin1String("cursor")))
        q.items.append({ QStringLiteral("cursor"), p.value(QLatin1String("cursor")).toString() });
    return q;
}

// Page `pagesLeft` from here: each answer's next_cursor leads to the next page.
Job *panoraWalk(PanoraClient *panora, const QString &path, const QueryItems &items, int pagesLeft)
{
    Job *page = panora->list(path, items);
    if (pagesLeft <= 1)
        return page;
    return Job::chain(page, [panora, path, items, pagesLeft](const Result &r) -> Job * {
        if (!r.ok())
            return nullptr;
        QString next = r.data.toObject().value(QLatin1String("next_cursor")).toString();
        if (next.isEmpty()) { // fewer pages than asked: that page is empty
            Result empty = r;
            empty.data = QJsonObject { { QStringLiteral("data"), QJsonArray {} },
                { QStringLiteral("prev_cursor"), QJsonValue() }, { QStringLiteral("next_cursor"), QJsonValue() } };
            return Job::finishedJob(empty);
        }
        if (RecordPager::looksLikeRawUuid(next)) // Panora's HRIS hands out raw ids but reads base64
            next = QString::fromLatin1(next.toLatin1().toBase64());
        QueryItems following = items;
        following.removeIf([](const auto &item) { return item.first == QLatin1String("cursor"); });
        following.append({ QStringLiteral("cursor"), next });
        return panoraWalk(panora, path, following, pagesLeft - 1);
    });
}

ResourceRegistry::Planner panoraRestPlan(const QString &path)
{
    return [path](const UnifiedRequest &r, const UnifiedServices &s) -> Expected<RequestPlan> {
        if (r.operation == QLatin1String("create"))
            return single(s.panora->planCreate(path, r.data));
        const Expected<PanoraQuery> q = panoraQuery(r);
        if (!q)
            return q.error();
        if (r.operation == QLatin1String("get"))
            return single(s.panora->planGet(path, r.id, q->items));
        Expected<RequestPlan> plan = single(s.panora->planList(path, q->items));
        if (plan && q->page > 1) {
            QueryItems following = q->items;
            following.append({ QStringLiteral("cursor"), QStringLiteral("NEXT_CURSOR") });
            const Expected<HttpRequest> next = s.panora->planList(path, following);
            if (next)
                plan->append(*next, QStringLiteral("NEXT_CURSOR"),
                    tr("next_cursor of the previous answer; repeated until page %1").arg(q->page));
        }
        return plan;
    };
}

ResourceRegistry::Runner nangoRest(const QString &path)
{
    return [path](const UnifiedRequest &r, const UnifiedServices &s) -> Job * {
        if (!s.nango->config().compatiblePaths)
            return recordsRun(r, s);
        if (r.operation == QLatin1String("list"))
            return s.nango->listResource(path, r.queryItems());
        if (r.operation == QLatin1String("get"))
            return s.nango->getResource(path, r.id, r.queryItems());
        return s.nango->createResource(path, r.data);
    };
}

ResourceRegistry::Runner panoraRest(const QString &path)
{
    return [path](const UnifiedRequest &r, const UnifiedServices &s) -> Job * {
        if (r.operation == QLatin1String("create"))
            return s.panora->create(path, r.data);
        const Expected<PanoraQuery> q = panoraQuery(r);
        if (!q)
            return Job::finishedJob(Result::failure(q.error()));
        if (r.operation == QLatin1String("get"))
            return s.panora->get(path, r.id, q->items);
        return panoraWalk(s.panora, path, q->items, q->page);
    };
}

QList<ResourceRegistry::Entry> buildEntries()
{
    const QString messagesOnlyCreate
        = tr("%1 only supports create (sending a message); it cannot list or get messages.");
    const QString noPanoraMessaging
        = tr("Panora has no messaging API: send %1 through provider \"nango\" (its Requests Proxy).");
    QList<ResourceRegistry::Entry> e;
    e.append({ QStringLiteral("nango"), QStringLiteral("crm.contact"),
        { QStringLiteral("list"), QStringLiteral("get"), QStringLiteral("create") }, QStringLiteral("/crm/contacts"),
        {}, validateNangoContact, nangoRestPlan(QStringLiteral("/crm/contacts")),
        nangoRest(QStringLiteral("/crm/contacts")) });
    e.append({ QStringLiteral("nango"), QStringLiteral("hr.employee"),
        { QStringLiteral("list"), QStringLiteral("get"), QStringLiteral("create") }, QStringLiteral("/hris/employees"),
        {}, {}, nangoRestPlan(QStringLiteral("/hris/employees")), nangoRest(QStringLiteral("/hris/employees")) });
    e.append({ QStringLiteral("panora"), QStringLiteral("crm.contact"),
        { QStringLiteral("list"), QStringLiteral("get"), QStringLiteral("create") }, QStringLiteral("/crm/contacts"),
        {}, validatePanoraContact, panoraRestPlan(QStringLiteral("/crm/contacts")),
        panoraRest(QStringLiteral("/crm/contacts")) });
    e.append({ QStringLiteral("panora"), QStringLiteral("hr.employee"),
        { QStringLiteral("list"), QStringLiteral("get") }, QStringLiteral("/hris/employees"),
        { { QStringLiteral("create"),
            tr("Panora cannot create employees: no Panora HRIS connector ever implemented it (and /hris was removed "
               "from Panora in November 2024). Create the employee in the HR system itself.") } },
        {}, panoraRestPlan(QStringLiteral("/hris/employees")), panoraRest(QStringLiteral("/hris/employees")) });
    e.append({ QStringLiteral("nango"), QStringLiteral("whatsapp.message"), { QStringLiteral("create") }, QString(),
        { { QStringLiteral("list"), messagesOnlyCreate.arg(QStringLiteral("whatsapp.message")) },
            { QStringLiteral("get"), messagesOnlyCreate.arg(QStringLiteral("whatsapp.message")) } },
        validateWhatsApp,
        [](const UnifiedRequest &r, const UnifiedServices &s) {
            return s.messages->planWhatsApp(*WhatsAppMessage::fromJson(r.data));
        },
        [](const UnifiedRequest &r, const UnifiedServices &s) {
            return s.messages->sendWhatsApp(*WhatsAppMessage::fromJson(r.data));
        } });
    e.append({ QStringLiteral("nango"), QStringLiteral("twilio.sms"), { QStringLiteral("create") }, QString(),
        { { QStringLiteral("list"), messagesOnlyCreate.arg(QStringLiteral("twilio.sms")) },
            { QStringLiteral("get"), messagesOnlyCreate.arg(QStringLiteral("twilio.sms")) } },
        validateSms,
        [](const UnifiedRequest &r, const UnifiedServices &s) {
            return s.messages->planSms(*TwilioSms::fromJson(r.data));
        },
        [](const UnifiedRequest &r, const UnifiedServices &s) {
            return s.messages->sendSms(*TwilioSms::fromJson(r.data));
        } });
    // Combinations the original backend could not do, with the reason instead of a generic "unsupported".
    for (const QString &res : { QStringLiteral("whatsapp.message"), QStringLiteral("twilio.sms") }) {
        e.append({ QStringLiteral("panora"), res, {}, QString(),
            { { QStringLiteral("list"), noPanoraMessaging.arg(res) },
                { QStringLiteral("get"), noPanoraMessaging.arg(res) },
                { QStringLiteral("create"), noPanoraMessaging.arg(res) } },
            {}, {}, {} });
    }
    return e;
}

// The columns read either shape a row comes in: Panora's unified objects (email_addresses[0].email_address,
// display_full_name…) or the flat rows of Nango (email, phone, first_name…).
QList<ResourceRegistry::RecordKind> buildRecordKinds()
{
    using C = RecordColumns;
    const auto id = [](const QJsonObject &row) -> QVariant { return C::id(row); };
    QList<ResourceRegistry::RecordKind> kinds;
    kinds.append({ QStringLiteral("crm.contact"), QStringLiteral("contacts"),
        QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Contacts"),
        {
            { QStringLiteral("name"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Name"),
                [](const QJsonObject &row) -> QVariant { return C::fullName(row, false); } },
            { QStringLiteral("email"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Email"),
                [](const QJsonObject &row) -> QVariant {
                    return C::firstNonEmpty({ C::firstOf(row, "email_addresses", "email_address"),
                        C::field(row, "email"), C::field(row, "email_address") });
                } },
            { QStringLiteral("phone"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Phone"),
                [](const QJsonObject &row) -> QVariant {
                    return C::firstNonEmpty({ C::firstOf(row, "phone_numbers", "phone_number"), C::field(row, "phone"),
                        C::field(row, "phone_number") });
                } },
            { QStringLiteral("created"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Created"),
                [](const QJsonObject &row) -> QVariant {
                    QJsonValue created = row.value(QLatin1String("created_at"));
                    if (created.isUndefined() || created.isNull())
                        created = row.value(QLatin1String("remote_created_at"));
                    const QDateTime dt = C::dateTime(created);
                    return dt.isValid() ? QVariant(dt) : QVariant();
                } },
            { QStringLiteral("id"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Id"), id },
        } });
    kinds.append({ QStringLiteral("hr.employee"), QStringLiteral("employees"),
        QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Employees"),
        {
            { QStringLiteral("name"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Name"),
                [](const QJsonObject &row) -> QVariant { return C::fullName(row, true); } },
            { QStringLiteral("work_email"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Work email"),
                [](const QJsonObject &row) -> QVariant {
                    return C::firstNonEmpty(
                        { C::field(row, "work_email"), C::field(row, "email"), C::field(row, "personal_email") });
                } },
            { QStringLiteral("status"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Status"),
                [](const QJsonObject &row) -> QVariant {
                    return C::firstNonEmpty({ C::field(row, "employment_status"), C::field(row, "status") });
                } },
            { QStringLiteral("start_date"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Start date"),
                [](const QJsonObject &row) -> QVariant {
                    // A calendar day; Panora sends midnight UTC, Nango's rows a plain date.
                    const QDateTime dt = C::dateTime(row.value(QLatin1String("start_date")));
                    return dt.isValid() ? QVariant(dt.toUTC().date()) : QVariant();
                } },
            { QStringLiteral("employee_number"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Employee number"),
                [](const QJsonObject &row) -> QVariant { return C::field(row, "employee_number"); } },
            { QStringLiteral("id"), QT_TRANSLATE_NOOP("crossline::ResourceRegistry", "Id"), id },
        } });
    return kinds;
}
} // namespace

const QList<ResourceRegistry::Entry> &ResourceRegistry::entries()
{
    static const QList<Entry> table = buildEntries();
    return table;
}

const QList<ResourceRegistry::RecordKind> &ResourceRegistry::recordKinds()
{
    static const QList<RecordKind> table = buildRecordKinds();
    return table;
}

const ResourceRegistry::RecordKind *ResourceRegistry::recordKind(const QString &resource)
{
    for (const RecordKind &k : recordKinds()) {
        if (k.resource == resource)
            return &k;
    }
    return nullptr;
}

const ResourceRegistry::Entry *ResourceRegistry::find(const QString &provider, const QString &resource)
{
    for (const Entry &e : entries()) {
        if (e.provider == provider && e.resource == resource)
            return &e;
    }
    return nullptr;
}

namespace {
template <typename Names> QStringList namesOf(Names names)
{
    QStringList out;
    for (const ResourceRegistry::Entry &e : ResourceRegistry::entries()) {
        for (const QString &name : names(e)) {
            if (!out.contains(name))
                out << name;
        }
    }
    return out;
}
} // namespace

QStringList ResourceRegistry::providerNames()
{
    static const QStringList names = namesOf([](const Entry &e) { return QStringList { e.provider }; });
    return names;
}

QStringList ResourceRegistry::resourceNames()
{
    static const QStringList names = namesOf([](const Entry &e) { return QStringList { e.resource }; });
    return names;
}

QStringList ResourceRegistry::operationNames()
{
    static const QStringList names = namesOf([](const Entry &e) { return e.operations + e.refusals.keys(); });
    return names;
}

Expected<UnifiedRequest> ResourceRegistry::requestFor(const QString &service, const QByteArray &method, const QUrl &url)
{
    if (method != "GET")
        return Error::validation(QStringLiteral("method"), tr("Only reads (GET) can be reopened as unified requests."));
    const QString path = url.path(QUrl::FullyEncoded);
    for (const Entry &e : entries()) {
        if (e.provider != service || e.path.isEmpty())
            continue;
        // The resource path ends the URL's path (list), or is followed by exactly one segment, the id (get). The
        // base URL may carry a path of its own in front.
        UnifiedRequest r;
        r.provider = e.provider;
        r.resource = e.resource;
        if (path.endsWith(e.path)) {
            r.operation = QStringLiteral("list");
        } else {
            const qsizetype at = path.lastIndexOf(e.path + u'/');
            const QString rest = at < 0 ? QString() : path.mid(at + e.path.size() + 1);
            if (rest.isEmpty() || rest.contains(u'/'))
                continue;
            r.operation = QStringLiteral("get");
            r.id = QUrl::fromPercentEncoding(rest.toUtf8());
        }
        if (!e.operations.contains(r.operation))
            continue;
        for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            if (item.second != QLatin1String("[redacted]"))
                r.params.insert(item.first, item.second);
        }
        r.hasParams = !r.params.isEmpty();
        return r;
    }
    return Error::validation(QStringLiteral("url"), tr("%1 is not a read of a resource Crossline knows.").arg(path));
}

Effect ResourceRegistry::effectOf(const UnifiedRequest &request)
{
    if (request.operation != QLatin1String("create"))
        return Effect::Read;
    const Entry *entry = find(request.provider, request.resource);
    return entry && entry->path.isEmpty() ? Effect::Send : Effect::Create; // messages have no REST path
}

Error ResourceRegistry::check(const UnifiedRequest &request)
{
    const Entry *entry = find(request.provider, request.resource);
    if (!entry)
        return Error::validation(
            QStringLiteral("resource"), tr("%1 is not available through %2.").arg(request.resource, request.provider));
    if (!entry->operations.contains(request.operation)) {
        const QString why = entry->refusals.value(request.operation);
        return Error::validation(entry->operations.isEmpty() ? QStringLiteral("provider") : QStringLiteral("operation"),
            why.isEmpty() ? tr("%1 through %2 does not support %3 (only %4).")
                                .arg(request.resource, request.provider, request.operation,
                                    entry->operations.join(QStringLiteral(", ")))
                          : why);
    }
    if (request.operation == QLatin1String("create") && entry->validate)
        return entry->validate(request);
    return {};
}

} // namespace crossline
