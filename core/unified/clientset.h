#pragma once

#include "config/configresolver.h"
#include "messaging/messagesender.h"
#include "nango/nangoclient.h"
#include "panora/panoraclient.h"
#include "unified/resourceregistry.h"

class QNetworkAccessManager;

namespace crossline {

// The clients one resolved configuration needs (the CLI and the GUI build theirs the same way).
class ClientSet : public QObject
{
    Q_OBJECT
public:
    ClientSet(const ResolvedConfig &config, const HttpPolicy &policy, QObject *parent = nullptr);

    HttpClient *http() const { return m_http; }
    NangoClient *nango() const { return m_nango; }
    PanoraClient *panora() const { return m_panora; }
    MessageSender *messages() const { return m_messages; }
    UnifiedServices services() const { return {m_nango, m_panora, m_messages}; }

private:
    QNetworkAccessManager *m_network;
    HttpClient *m_http;
    NangoClient *m_nango;
    PanoraClient *m_panora;
    MessageSender *m_messages;
};

} // namespace crossline
