#include "unified/unifieddispatcher.h"

namespace crossline {

UnifiedDispatcher::UnifiedDispatcher(const UnifiedServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

Job *UnifiedDispatcher::run(const UnifiedRequest &request)
{
    if (const Error e = ResourceRegistry::check(request))
        return Job::finishedJob(Result::failure(e), this);
    const ResourceRegistry::Entry *entry = ResourceRegistry::find(request.provider, request.resource);
    return entry->run(request, m_services);
}

Job *UnifiedDispatcher::run(const QByteArray &json)
{
    auto parsed = UnifiedRequest::fromBytes(json);
    if (auto *e = std::get_if<Error>(&parsed))
        return Job::finishedJob(Result::failure(*e), this);
    return run(std::get<UnifiedRequest>(parsed));
}

} // namespace crossline
