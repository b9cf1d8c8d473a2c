#include "rawhttp.h"

#include "sandbox/sandbox.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>

#include <memory>

namespace crossline::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpResult send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url, const Headers &headers,
    const QByteArray &body, int transferTimeoutMs)
{
    QNetworkRequest request(url);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    if (reply->isOpen())
        result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    return result;
}

QUrl urlOf(const QUrl &base, const QByteArray &encodedPathAndQuery)
{
    return QUrl::fromEncoded(base.toEncoded() + encodedPathAndQuery);
}

QByteArray nangoAuth()
{
    return "Bearer " + sandbox::SandboxCredentials::nangoSecretKey().toUtf8();
}

} // namespace crossline::test
