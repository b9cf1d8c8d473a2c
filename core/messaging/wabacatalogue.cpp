#include "messaging/wabacatalogue.h"

#include "job.h"
#include "messaging/whatsappmessage.h"
#include "nango/nangoclient.h"
#include "net/urlbuilder.h"

#include <QUrl>

#include <algorithm>

namespace crossline {

WabaCatalogue::WabaCatalogue(QObject *parent)
    : QObject(parent)
{
}

// Requests still running when the catalogue goes are left to finish; nobody hears their answer.
WabaCatalogue::~WabaCatalogue() = default;

void WabaCatalogue::setTemplatePageSize(int size)
{
    m_pageSize = std::max(1, size);
}

void WabaCatalogue::load(
    NangoClient *nango, const QString &providerConfigKey, const QString &connectionId, const QString &wabaId)
{
    cancel();
    m_nango = nango;
    m_providerConfigKey = providerConfigKey;
    m_connectionId = connectionId;
    m_waba = wabaId;
    m_prefix = '/' + WhatsAppMessage().apiVersion.toUtf8() + '/' + UrlBuilder::segment(wabaId);
    m_phoneNumbers = {};
    m_listedTemplates = {};
    m_templates = {};
    m_phoneNumbersError = {};
    m_templatesError = {};

    m_phoneJob = get(m_prefix
        + "/phone_numbers?fields=id,display_phone_number,verified_name,status,quality_rating,account_mode&limit=100");
    connect(m_phoneJob, &Job::finished, this, &WabaCatalogue::phoneNumbersAnswered);
    fetchTemplates(QByteArray());
}

void WabaCatalogue::cancel()
{
    for (QPointer<Job> *job : { &m_phoneJob, &m_templatesJob }) {
        if (Job *running = *job) {
            *job = nullptr;
            running->disconnect(this);
            running->abort();
        }
    }
}

Job *WabaCatalogue::get(const QByteArray &endpoint)
{
    if (!m_nango)
        return Job::finishedJob(Result::failure(Error::make(Error::Kind::Cancelled, tr("Cancelled."))), this);
    ProxyRequest request;
    request.endpoint = endpoint;
    request.providerConfigKey = m_providerConfigKey;
    request.connectionId = m_connectionId;
    return m_nango->proxy(request);
}

void WabaCatalogue::fetchTemplates(const QByteArray &after)
{
    QByteArray endpoint = m_prefix
        + "/message_templates?fields=name,language,status,category,parameter_format,components&limit="
        + QByteArray::number(m_pageSize);
    if (!after.isEmpty())
        endpoint += "&after=" + QUrl::toPercentEncoding(QString::fromLatin1(after));
    m_templatesJob = get(endpoint);
    connect(m_templatesJob, &Job::finished, this, &WabaCatalogue::templatesAnswered);
}

void WabaCatalogue::phoneNumbersAnswered(const Result &result)
{
    m_phoneJob = nullptr;
    if (result.ok())
        m_phoneNumbers = result.data.toObject().value(QLatin1String("data")).toArray();
    else
        m_phoneNumbersError = result.error;
    finishIfDone();
}

void WabaCatalogue::templatesAnswered(const Result &result)
{
    m_templatesJob = nullptr;
    if (!result.ok()) {
        m_templatesError = result.error;
        finishIfDone();
        return;
    }
    const QJsonObject page = result.data.toObject();
    for (const QJsonValue &t : page.value(QLatin1String("data")).toArray())
        m_listedTemplates.append(t);
    // Graph cursors: `paging.next` is there while more pages follow; `cursors.after` asks for the next one.
    const QJsonObject paging = page.value(QLatin1String("paging")).toObject();
    const QString next = paging.value(QLatin1String("cursors")).toObject().value(QLatin1String("after")).toString();
    if (paging.contains(QLatin1String("next")) && !next.isEmpty() && m_listedTemplates.size() < MaxTemplates) {
        fetchTemplates(next.toLatin1());
        return;
    }
    finishIfDone();
}

void WabaCatalogue::finishIfDone()
{
    if (isLoading())
        return;
    m_templates = approvedTemplates(m_listedTemplates);
    if (m_phoneNumbersError || m_templatesError)
        Q_EMIT failed(m_waba);
    else
        Q_EMIT loaded(m_waba);
}

QJsonArray WabaCatalogue::approvedTemplates(const QJsonArray &listed)
{
    QList<QJsonObject> approved;
    for (const QJsonValue &v : listed) {
        const QString status = v.toObject().value(QLatin1String("status")).toString();
        if (status.compare(QLatin1String("APPROVED"), Qt::CaseInsensitive) == 0)
            approved.append(v.toObject());
    }
    std::sort(approved.begin(), approved.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString an = a.value(QLatin1String("name")).toString(), bn = b.value(QLatin1String("name")).toString();
        return an != bn ? an < bn
                        : a.value(QLatin1String("language")).toString() < b.value(QLatin1String("language")).toString();
    });
    QJsonArray out;
    for (const QJsonObject &t : approved)
        out.append(t);
    return out;
}

} // namespace crossline
