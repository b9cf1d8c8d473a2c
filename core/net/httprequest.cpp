#include "net/httprequest.h"

namespace crossline {

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({ name, value });
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void HttpRequest::setJsonBody(const QJsonDocument &document)
{
    body = document.toJson(QJsonDocument::Compact);
    setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
}

} // namespace crossline
