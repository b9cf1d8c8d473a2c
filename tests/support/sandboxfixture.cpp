#include "sandboxfixture.h"

#include <QSignalSpy>

namespace crossline::test {

SandboxFixture::SandboxFixture(const HttpPolicy &policy)
{
    QString error;
    m_ready = m_sandbox.start(0, &error);
    if (!m_ready) {
        qWarning("sandbox did not start: %s", qPrintable(error));
        return;
    }
    using sandbox::SandboxCredentials;
    auto value = [](const QString &v) { return ResolvedValue { v, ValueSource::Flag, QStringLiteral("test") }; };
    m_config.nangoBase = value(m_sandbox.nangoBaseUrl().toString());
    m_config.nangoKey = value(SandboxCredentials::nangoSecretKey());
    m_config.panoraUrl = value(m_sandbox.panoraBaseUrl().toString());
    m_config.panoraKey = value(SandboxCredentials::panoraApiKey());
    m_config.panoraConnectionToken = value(SandboxCredentials::panoraConnectionToken());
    m_clients = std::make_unique<ClientSet>(m_config, policy);
}

SandboxFixture::~SandboxFixture()
{
    m_clients.reset();
    m_sandbox.stop();
}

std::unique_ptr<ClientSet> SandboxFixture::makeClients(const HttpPolicy &policy, const QString &nangoKey) const
{
    ResolvedConfig c = m_config;
    if (!nangoKey.isNull())
        c.nangoKey.value = nangoKey;
    return std::make_unique<ClientSet>(c, policy);
}

HttpPolicy SandboxFixture::fastPolicy()
{
    HttpPolicy p;
    p.timeoutMs = 10000;
    p.backoffBaseMs = 20;
    p.backoffMaxMs = 200;
    p.maxRetryWaitMs = 5000;
    return p;
}

Result SandboxFixture::wait(Job *job, int timeoutMs)
{
    Result result;
    bool done = false;
    QObject::connect(job, &Job::finished, job, [&](const Result &r) {
        result = r;
        done = true;
    });
    QSignalSpy spy(job, &Job::finished);
    if (!done && !spy.wait(timeoutMs) && !done) {
        job->abort(); // finishes synchronously: nothing is left pointing at this frame
        result.error = Error::make(Error::Kind::Timeout, QStringLiteral("test: job did not finish in time"));
    }
    return result;
}

} // namespace crossline::test
