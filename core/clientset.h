#pragma once

#include "config/configresolver.h"
#include "expected.h"
#include "messaging/messagesender.h"
#include "nango/nangoclient.h"
#include "panora/panoraclient.h"
#include "unified/resourceregistry.h"

namespace crossline {

// The clients one resolved configuration needs; the CLI and the app build theirs the same way. Every job the
// clients start is a descendant of the set: destroying the set (a profile switch) first aborts the jobs still
// running or waiting to retry, so each finishes once, as Cancelled, and none outlives the clients it uses.
class ClientSet : public QObject
{
    Q_OBJECT
public:
    ClientSet(const ResolvedConfig &config, const HttpPolicy &policy, QObject *parent = nullptr);
    ~ClientSet() override;

    HttpClient *http() const { return m_http; }
    NangoClient *nango() const { return m_nango; }
    PanoraClient *panora() const { return m_panora; }
    MessageSender *messages() const { return m_messages; }
    UnifiedServices services() const { return { m_nango, m_panora, m_messages }; }

    // A unified request ({provider, resource, operation, id, params, data}): checked completely first (nothing is
    // sent when it fails), then run as its registry entry says.
    Job *run(const UnifiedRequest &request);
    Job *run(const QByteArray &json);
    // What run() would send, in order, without sending anything (Copy as curl).
    Expected<RequestPlan> plan(const UnifiedRequest &request) const;
    Expected<RequestPlan> plan(const QByteArray &json) const;

    // Aborts every job of this set that has not finished (each finishes as Cancelled).
    void abortAll();

private:
    HttpClient *m_http;
    NangoClient *m_nango;
    PanoraClient *m_panora;
    MessageSender *m_messages;
};

} // namespace crossline
