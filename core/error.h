#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace crossline {

// Errors are values: every operation ends with data or one of these (docs/ARCHITECTURE.md#errors).
struct Error
{
    enum class Kind
    {
        None,
        Validation,
        Network,
        Timeout,
        Auth,
        Http,
        Decode,
        Keychain,
        Config,
        Cancelled
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code; // the provider's own code, as text: "connection_test_failed", "131030", "21211"
    QString message; // one readable sentence
    QString hint; // what to do about it, when we know
    QString field; // for validation errors: the offending field ("data.to")

    // The codes of a request that changes something and ended without a complete answer: nothing left this
    // machine (sending again is safe), or it was sent and no answer came (it may have taken effect).
    static constexpr const char *NotSent = "not_sent";
    static constexpr const char *OutcomeUnknown = "outcome_unknown";
    bool isOutcomeUnknown() const { return code == QLatin1String(OutcomeUnknown); }

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    static Error validation(const QString &field, const QString &message, const QString &hint = {});
    static Error config(const QString &message, const QString &hint = {});
    static Error make(Kind kind, const QString &message, const QString &hint = {});

    static QString kindName(Kind kind);
    // "message (provider code X, HTTP 400)" — the line a user reads.
    QString summary() const;
    QJsonObject toJson() const;
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::Error)
