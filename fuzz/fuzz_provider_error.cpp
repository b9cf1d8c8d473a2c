// ProviderError::fromHttp on any answer body: what HttpClient makes of every non-2xx answer of Nango, Panora, Meta
// and Twilio (and of anything else at the base URL).
//
// The input is a status line, then the body: "<status> <content type or -> <service>\n<body>", e.g.
// "400 application/json nango\n{"error":{"code":"invalid_body"}}". A status that does not parse or is not an HTTP
// one reads as 500.
//
// Invariants: the Error is Http, or Auth for 401/403 (and for Panora's two credential messages); it carries the status
// and a message, and no field; an HTML answer says so; the same answer gives the same Error; and after HttpClient's
// own steps (the body scrubbed before it is read, the error's texts scrubbed after) no text holds a secret the
// request carried, in any encoding Redactor knows.
#include "fuzzcheck.h"
#include "leaks.h"
#include "net/providererror.h"
#include "net/redactor.h"

using namespace crossline;
using crossline::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QPair<QByteArray, QByteArray> input = fuzz::splitHeader(fuzz::bytes(data, size));
    const QByteArray &statusLine = input.first;
    const QByteArray &body = input.second;
    const qsizetype afterStatus = statusLine.indexOf(' ');
    const QByteArray rest = afterStatus < 0 ? QByteArray() : statusLine.mid(afterStatus + 1);
    const qsizetype afterType = rest.indexOf(' ');
    bool ok = false;
    int status = statusLine.left(afterStatus < 0 ? statusLine.size() : afterStatus).toInt(&ok);
    if (!ok || status < 100 || status > 599)
        status = 500;
    QByteArray contentType = afterType < 0 ? rest : rest.left(afterType);
    if (contentType == "-")
        contentType.clear();
    const QString service
        = afterType < 0 ? QStringLiteral("nango") : QString::fromUtf8(rest.mid(afterType + 1)).trimmed();

    const Error e = ProviderError::fromHttp(status, body, contentType, service);
    const auto what = [&]() -> QString {
        return QStringLiteral("HTTP %1 %2 from %3: %4").arg(status).arg(e.message, service, shown(body));
    };
    FUZZ_CHECK(e.kind == Error::Kind::Http || e.kind == Error::Kind::Auth, what());
    if (status == 401 || status == 403)
        FUZZ_CHECK(e.kind == Error::Kind::Auth, what());
    else if (e.kind == Error::Kind::Auth)
        FUZZ_CHECK(e.message.startsWith(QLatin1String("Panora: ")), what());
    FUZZ_CHECK(e.httpStatus == status, what());
    FUZZ_CHECK(!e.message.trimmed().isEmpty(), what());
    FUZZ_CHECK(e.field.isEmpty(), what());
    if (contentType.toLower().contains("text/html"))
        FUZZ_CHECK(e.message.contains(QLatin1String("HTML")), what());
    const Error same = ProviderError::fromHttp(status, body, contentType, service);
    FUZZ_CHECK(same.toJson() == e.toJson(), what());

    // HttpClient::send's steps for an error answer, in its order.
    const QStringList &secrets = fuzz::secrets();
    const QByteArray scrubbed = Redactor::scrub(body, secrets);
    FUZZ_CHECK(fuzz::leakIn(scrubbed).isEmpty(), fuzz::leakIn(scrubbed) + QStringLiteral(" in the body"));
    Error shownError = ProviderError::fromHttp(status, scrubbed, contentType, service);
    shownError.message = Redactor::scrub(shownError.message, secrets);
    shownError.hint = Redactor::scrub(shownError.hint, secrets);
    shownError.code = Redactor::scrub(shownError.code, secrets);
    for (const QString &text : { shownError.message, shownError.hint, shownError.code, shownError.summary() }) {
        const QString leak = fuzz::leakIn(text.toUtf8());
        FUZZ_CHECK(leak.isEmpty(), leak + QStringLiteral(" in \"") + text + QStringLiteral("\" for ") + shown(body));
    }
    return 0;
}
