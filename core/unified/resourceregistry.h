#pragma once

#include "config/configresolver.h"
#include "expected.h"
#include "job.h"
#include "net/requestplan.h"
#include "unified/unifiedrequest.h"

#include <QJsonObject>
#include <QVariant>

#include <functional>

namespace crossline {

class NangoClient;
class PanoraClient;
class MessageSender;

struct UnifiedServices
{
    NangoClient *nango = nullptr;
    PanoraClient *panora = nullptr;
    MessageSender *messages = nullptr;
};

// The one table of what the unified request can do: provider × resource → operations, payload checks, the requests
// an operation plans and the client calls that send them. The body parser takes its provider, resource and
// operation names from here. Adding a resource is one entry here plus its client calls (docs/ARCHITECTURE.md).
class ResourceRegistry
{
public:
    using Validator = std::function<Error(const UnifiedRequest &)>;
    using Runner = std::function<Job *(const UnifiedRequest &, const UnifiedServices &)>;
    using Planner = std::function<Expected<RequestPlan>(const UnifiedRequest &, const UnifiedServices &)>;

    struct Entry
    {
        QString provider;
        QString resource;
        QStringList operations;
        QString path; // REST path for list/get/create resources ("" for messages)
        QMap<QString, QString> refusals; // operation → why it is not offered (a specific message)
        Validator validate; // payload checks for create (nothing is sent when it fails)
        Planner plan; // what run sends, in order, built without sending (Copy as curl)
        Runner run;
    };

    // A column the records browser, the CLI's table and CSV export show for a kind of record.
    struct Column
    {
        QString key; // stable name ("email"): what code and tests refer to
        const char *header; // translated in the context "crossline::ResourceRegistry"
        std::function<QVariant(const QJsonObject &row)> value; // QString, or QDateTime/QDate (the view formats)
    };

    // A resource that can be listed and browsed, whichever provider serves it.
    struct RecordKind
    {
        QString resource; // "crm.contact"
        QString plural; // "contacts": the CLI's command word and the noun in messages
        const char *title; // "Contacts": the Browser's tab (translated like headers)
        QList<Column> columns;
    };

    static const QList<Entry> &entries();
    static const QList<RecordKind> &recordKinds();
    static const RecordKind *recordKind(const QString &resource); // nullptr when not browsable
    static const Entry *find(const QString &provider, const QString &resource);
    // The names the table knows, in the order of first appearance: what the unified body accepts.
    static QStringList providerNames();
    static QStringList resourceNames();
    static QStringList operationNames();
    // The unified request a recorded read was — a list or get of a resource this table declares a path for — so
    // the activity log can reopen it; an error when the URL is no such read. Redacted query values are dropped.
    static Expected<UnifiedRequest> requestFor(const QString &service, const QByteArray &method, const QUrl &url);
    // What the request does, for the production rule: list/get read; create sends a message (whatsapp.message,
    // twilio.sms) or creates a record.
    static Effect effectOf(const UnifiedRequest &request);
    // The whole check: the combination exists, the operation is offered, the payload is valid.
    static Error check(const UnifiedRequest &request);
};

} // namespace crossline
