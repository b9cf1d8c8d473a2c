#pragma once

#include "net/job.h"
#include "unified/unifiedrequest.h"

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

// The one table of what the unified request can do: provider × resource → operations, payload checks and the client
// calls. Adding a resource is one entry here plus its client calls (seed README "Extending").
class ResourceRegistry
{
public:
    using Validator = std::function<Error(const UnifiedRequest &)>;
    using Runner = std::function<Job *(const UnifiedRequest &, const UnifiedServices &)>;

    struct Entry
    {
        QString provider;
        QString resource;
        QStringList operations;
        QString path;                 // REST path for list/get/create resources ("" for messages)
        QMap<QString, QString> refusals; // operation → why it is not offered (a specific message)
        Validator validate;           // payload checks for create (nothing is sent when it fails)
        Runner run;
    };

    static const QList<Entry> &entries();
    static const Entry *find(const QString &provider, const QString &resource);
    // The whole check: the combination exists, the operation is offered, the payload is valid.
    static Error check(const UnifiedRequest &request);
};

} // namespace crossline
