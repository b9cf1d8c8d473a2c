#include "clientset.h"

#include <QPointer>

namespace crossline {

ClientSet::ClientSet(const ResolvedConfig &config, const HttpPolicy &policy, QObject *parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{
    HttpPolicy p = policy;
    p.allowInsecureHttp = p.allowInsecureHttp || config.allowInsecureHttp;
    m_http->setPolicy(p);
    NangoConfig nango { QUrl(config.nangoBase.value), config.nangoKey.value,
        config.nangoMapping == Profile::NangoMapping::CompatiblePaths, {} };
    if (config.profile) {
        nango.records.insert(QStringLiteral("crm.contact"), config.profile->crmRecords);
        nango.records.insert(QStringLiteral("hr.employee"), config.profile->hrRecords);
    }
    m_nango = new NangoClient(m_http, nango, this);
    m_panora = new PanoraClient(m_http,
        { QUrl(config.panoraUrl.value), config.panoraKey.value, config.panoraConnectionToken.value,
            config.profile && config.profile->panoraBearerAuth },
        this);
    m_messages = new MessageSender(m_nango, this);
}

ClientSet::~ClientSet()
{
    abortAll();
}

void ClientSet::abortAll()
{
    // Aborting one job can finish others (a chain ends with its inner job); QPointer skips those already gone.
    QList<QPointer<Job>> live;
    const QList<Job *> jobs = findChildren<Job *>();
    for (Job *job : jobs)
        live.append(job);
    for (const QPointer<Job> &job : std::as_const(live)) {
        if (job && !job->isFinished())
            job->abort();
    }
}

Job *ClientSet::run(const UnifiedRequest &request)
{
    if (const Error e = ResourceRegistry::check(request))
        return Job::finishedJob(Result::failure(e), this);
    return ResourceRegistry::find(request.provider, request.resource)->run(request, services());
}

Job *ClientSet::run(const QByteArray &json)
{
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(json);
    if (!parsed)
        return Job::finishedJob(Result::failure(parsed.error()), this);
    return run(*parsed);
}

Expected<RequestPlan> ClientSet::plan(const UnifiedRequest &request) const
{
    if (const Error e = ResourceRegistry::check(request))
        return e;
    return ResourceRegistry::find(request.provider, request.resource)->plan(request, services());
}

Expected<RequestPlan> ClientSet::plan(const QByteArray &json) const
{
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(json);
    if (!parsed)
        return parsed.error();
    return plan(*parsed);
}

} // namespace crossline
