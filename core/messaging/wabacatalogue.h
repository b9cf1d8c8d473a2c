#pragma once

#include "error.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>

namespace crossline {

class Job;
class NangoClient;
struct Result;

// The phone numbers and approved message templates of one WhatsApp Business Account (WABA), listed through Nango's
// Requests Proxy with the connection that holds the WhatsApp token:
//   GET /{version}/{waba}/phone_numbers?fields=…&limit=100
//   GET /{version}/{waba}/message_templates?fields=…&limit=100, then &after=<cursor> while Graph names a next page
// Both lists are asked at once; loaded() or failed() follows once both have answered. A load started while another
// runs aborts that one first, so an answer about an earlier WABA never lands after a later one.
class WabaCatalogue : public QObject
{
    Q_OBJECT
public:
    explicit WabaCatalogue(QObject *parent = nullptr);
    ~WabaCatalogue() override;

    // Lists `wabaId`'s phone numbers and templates through `nango`, as connection `connectionId` of the
    // integration `providerConfigKey`.
    void load(NangoClient *nango, const QString &providerConfigKey, const QString &connectionId, const QString &wabaId);
    // Aborts the load still running, if any: neither loaded() nor failed() follows for it.
    void cancel();
    bool isLoading() const { return m_phoneJob || m_templatesJob; }

    // The WABA of the last load started.
    QString wabaId() const { return m_waba; }
    // What that load listed, complete once loaded() or failed() is emitted: Meta's phone number objects (id,
    // display_phone_number, verified_name, quality_rating, account_mode, …) and the approved templates.
    QJsonArray phoneNumbers() const { return m_phoneNumbers; }
    QJsonArray templates() const { return m_templates; }
    // Why a list is missing or incomplete; kind None when it arrived whole.
    Error phoneNumbersError() const { return m_phoneNumbersError; }
    Error templatesError() const { return m_templatesError; }

    // Templates asked per page (Graph's `limit`); 100 unless set.
    void setTemplatePageSize(int size);
    // Paging stops once this many templates arrived.
    static constexpr int MaxTemplates = 2000;

    // Only approved templates can be sent: the APPROVED ones of `listed` (any case), sorted by name, then language.
    static QJsonArray approvedTemplates(const QJsonArray &listed);

Q_SIGNALS:
    // Both lists arrived.
    void loaded(const QString &wabaId);
    // At least one list failed (phoneNumbersError(), templatesError()); what did arrive is kept.
    void failed(const QString &wabaId);

private:
    Job *get(const QByteArray &endpoint);
    void fetchTemplates(const QByteArray &after);
    void phoneNumbersAnswered(const Result &result);
    void templatesAnswered(const Result &result);
    void finishIfDone();

    QPointer<NangoClient> m_nango;
    QString m_providerConfigKey;
    QString m_connectionId;
    QString m_waba;
    QByteArray m_prefix; // "/v20.0/<waba>"
    int m_pageSize = 100;
    QPointer<Job> m_phoneJob;
    QPointer<Job> m_templatesJob;
    QJsonArray m_phoneNumbers;
    QJsonArray m_listedTemplates; // every page so far, any status
    QJsonArray m_templates;
    Error m_phoneNumbersError;
    Error m_templatesError;
};

} // namespace crossline
