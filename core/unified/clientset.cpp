#include "unified/clientset.h"

#include <QNetworkAccessManager>

namespace crossline {

ClientSet::ClientSet(const ResolvedConfig &config, const HttpPolicy &policy, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_http(new HttpClient(m_network, this))
{
    HttpPolicy p = policy;
    p.allowInsecureHttp = p.allowInsecureHttp || config.allowInsecureHttp;
    m_http->setPolicy(p);
    m_nango = new NangoClient(m_http, {QUrl(config.nangoBase.value), config.nangoKey.value,
                                       config.nangoMapping == Profile::NangoMapping::CompatiblePaths}, this);
    m_panora = new PanoraClient(m_http, {QUrl(config.panoraUrl.value), config.panoraKey.value, config.panoraConnectionToken.value}, this);
    m_messages = new MessageSender(m_nango, this);
}

} // namespace crossline
