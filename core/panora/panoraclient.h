#pragma once

#include "net/httpclient.h"
#include "net/requestplan.h"
#include "net/urlbuilder.h"

#include <QJsonObject>

namespace crossline {

struct PanoraConfig
{
    QUrl baseUrl;
    QString apiKey;
    QString connectionToken;
    // Also "Authorization: Bearer <key>", for Panora builds from before August 2024 that read only that; current
    // Panora reads x-api-key alone, so by default the key travels once.
    bool bearerAuth = false;
};

// Panora's unified API: /crm/contacts (list, get, create) and the historical /hris/employees.
// Auth: x-api-key (plus Authorization: Bearer when PanoraConfig::bearerAuth asks), and x-connection-token on
// every unified call (a missing token makes Panora answer with another tenant's data).
class PanoraClient : public QObject
{
    Q_OBJECT
public:
    PanoraClient(HttpClient *http, const PanoraConfig &config, QObject *parent = nullptr);

    const PanoraConfig &config() const { return m_config; }
    Error checkConfig() const;

    // data: the response object {data:[…], next_cursor, prev_cursor|previous_cursor}
    Job *list(const QString &path, const QueryItems &query);
    Job *get(const QString &path, const QString &id, const QueryItems &query = {});
    Job *create(const QString &path, const QJsonObject &data);

    // One page of a cursor-paged list: limit + cursor (as received in next_cursor).
    Job *listPage(const QString &path, int limit, const QString &cursor);

    // The requests the calls above send, built without sending.
    Expected<HttpRequest> planList(const QString &path, const QueryItems &query) const;
    Expected<HttpRequest> planGet(const QString &path, const QString &id, const QueryItems &query = {}) const;
    Expected<HttpRequest> planCreate(const QString &path, const QJsonObject &data) const;

private:
    HttpRequest request(const QByteArray &method, const QByteArray &encodedPath, const QueryItems &query = {}) const;
    Expected<HttpRequest> checked(const HttpRequest &request) const;

    HttpClient *m_http;
    PanoraConfig m_config;
};

} // namespace crossline
