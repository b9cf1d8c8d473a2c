#include "cli/messagecommands.h"

#include "cli/commandhelpers.h"
#include "cli/output.h"
#include "messaging/messagesender.h"
#include "messaging/sentmessage.h"
#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace crossline::cli {

namespace {

// ---- whatsapp test / twilio test ---------------------------------------------------------------------------------
void printWarnings(const QStringList &warnings)
{
    for (const QString &w : warnings)
        Output::err() << "warning: " << w << '\n';
    Output::err().flush();
}

// What `whatsapp test` and `twilio test` do once the message is valid: print its warnings, apply the production
// rule, send it, and print a failure or the --json answer. The answer, for the command to describe; nullopt when
// the command is done (its exit code in *exitCode).
std::optional<Result> sendMessage(
    Context &ctx, const QStringList &warnings, const std::function<Job *()> &send, int *exitCode)
{
    printWarnings(warnings);
    if (const Error e = ctx.productionGuard(Effect::Send)) {
        *exitCode = ctx.fail(e);
        return std::nullopt;
    }
    const Result r = Context::wait(send());
    if (!r.ok()) {
        *exitCode = ctx.fail(r.error);
        return std::nullopt;
    }
    if (ctx.json) {
        Output::json(r.data);
        *exitCode = ExitOk;
        return std::nullopt;
    }
    return r;
}

int whatsappTest(Context &ctx)
{
    QJsonObject data;
    for (const char *name :
        { "providerConfigKey", "connectionId", "phoneNumberId", "to", "body", "apiVersion", "baseUrlOverride" }) {
        const QString n = QLatin1String(name);
        if (ctx.isSet(n))
            data.insert(n, ctx.value(n));
    }
    if (ctx.isSet(QStringLiteral("template"))) {
        if (ctx.isSet(QStringLiteral("body")))
            return ctx.fail(Error::validation(QStringLiteral("body"),
                QStringLiteral("Give either --body (a text message) or --template (a template message), not both.")));
        QJsonObject tpl { { QStringLiteral("name"), ctx.value(QStringLiteral("template")) } };
        if (ctx.isSet(QStringLiteral("language")))
            tpl.insert(QStringLiteral("language"),
                QJsonObject { { QStringLiteral("code"), ctx.value(QStringLiteral("language")) } });
        const Expected<QJsonValue> components = parseJsonOption(ctx, QStringLiteral("components"), true);
        if (!components)
            return ctx.fail(components.error());
        if (ctx.isSet(QStringLiteral("components")))
            tpl.insert(QStringLiteral("components"), *components);
        data.insert(QStringLiteral("type"), QStringLiteral("template"));
        data.insert(QStringLiteral("template"), tpl);
    } else {
        if (ctx.isSet(QStringLiteral("language")) || ctx.isSet(QStringLiteral("components")))
            return ctx.fail(Error::validation(QStringLiteral("template"),
                QStringLiteral("--language and --components belong to a template message: add --template=NAME.")));
        data.insert(QStringLiteral("type"), QStringLiteral("text"));
    }
    const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(data, QString());
    if (!parsed)
        return ctx.fail(parsed.error());
    const WhatsAppMessage &message = *parsed;
    int exitCode = ExitOk;
    const std::optional<Result> r = sendMessage(
        ctx, message.warnings, [&] { return ctx.clients->messages()->sendWhatsApp(message); }, &exitCode);
    if (!r)
        return exitCode;
    const SentMessage sent = SentMessage::fromWhatsApp(r->data);
    Output::out() << "Message id: " << sent.id << '\n';
    Output::out() << "Accepted by WhatsApp for " << (sent.recipient.isEmpty() ? message.to : sent.recipient)
                  << " (wa_id " << sent.waId << "). "
                  << "Accepted is not delivered: delivery is reported later through Meta's webhooks.\n";
    Output::out().flush();
    return ExitOk;
}

int twilioTest(Context &ctx)
{
    QJsonObject data;
    for (const char *name : { "providerConfigKey", "connectionId", "to", "from", "messagingServiceSid", "body",
             "accountSid", "baseUrlOverride" }) {
        const QString n = QLatin1String(name);
        if (ctx.isSet(n))
            data.insert(n, ctx.value(n));
    }
    const Expected<TwilioSms> parsed = TwilioSms::fromJson(data, QString());
    if (!parsed)
        return ctx.fail(parsed.error());
    const TwilioSms &sms = *parsed;
    int exitCode = ExitOk;
    const std::optional<Result> r = sendMessage(
        ctx, sms.warnings, [&] { return ctx.clients->messages()->sendSms(sms); }, &exitCode);
    if (!r)
        return exitCode;
    const SentMessage sent = SentMessage::fromSms(r->data);
    Output::out() << "Message SID: " << sent.id << '\n';
    Output::out() << "Status: " << sent.status << " · " << sms.segments().summary() << '\n';
    Output::out().flush();
    return ExitOk;
}

} // namespace

QList<Command> messageCommands()
{
    QList<Command> list;
    list.append(
        { { { QStringLiteral("whatsapp"), QStringLiteral("test") },
              QStringLiteral(
                  "--providerConfigKey=K --connectionId=ID --phoneNumberId=ID --to=E164 (--body=TEXT | --template=NAME "
                  "--language=CODE [--components=JSON]) [--apiVersion=v20.0] [--baseUrlOverride=URL]"),
              QStringLiteral("Send a WhatsApp text or template message through Nango's Requests Proxy "
                             "(POST /proxy/{apiVersion}/{phoneNumberId}/messages) and print the message id (wamid…)."),
              nangoAuthOptions()
                  + connectionOptions(QStringLiteral("The WhatsApp integration's key in Nango."),
                      QStringLiteral("The WhatsApp connection."))
                  + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("phoneNumberId") },
                                                    QStringLiteral(
                                                        "The business phone number ID (not the number itself)."),
                                                    QStringLiteral("ID")),
                      QCommandLineOption({ QStringLiteral("to") },
                          QStringLiteral("Recipient in international format, e.g. +15551234567."),
                          QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("body") },
                          QStringLiteral("Text of the message (up to 4096 characters)."), QStringLiteral("TEXT")),
                      QCommandLineOption({ QStringLiteral("template") },
                          QStringLiteral("Name of an approved template."), QStringLiteral("NAME")),
                      QCommandLineOption({ QStringLiteral("language") },
                          QStringLiteral("The template's exact language code, e.g. en_US."), QStringLiteral("CODE")),
                      QCommandLineOption({ QStringLiteral("components") },
                          QStringLiteral("Template components as a JSON array."), QStringLiteral("JSON")),
                      QCommandLineOption({ QStringLiteral("apiVersion") },
                          QStringLiteral("Graph API version (default v20.0)."), QStringLiteral("VERSION")),
                      QCommandLineOption({ QStringLiteral("baseUrlOverride") },
                          QStringLiteral("Upstream base URL, only for an integration that does not know Graph's "
                                         "(e.g. a generic bearer one); sent as Base-Url-Override."),
                          QStringLiteral("URL")) } },
            true, [](Context &c, const QStringList &) { return whatsappTest(c); } });
    list.append(
        { { { QStringLiteral("twilio"), QStringLiteral("test") },
              QStringLiteral("--providerConfigKey=K --connectionId=ID --to=E164 (--from=E164 | "
                             "--messagingServiceSid=MG..) --body=TEXT [--accountSid=AC..] [--baseUrlOverride=URL]"),
              QStringLiteral(
                  "Send an SMS through Nango's Requests Proxy to Twilio (POST "
                  "/2010-04-01/Accounts/{AccountSid}/Messages.json, "
                  "form-encoded) and print the message SID. Without --accountSid it is looked up through the proxy."),
              nangoAuthOptions()
                  + connectionOptions(QStringLiteral("The Twilio integration's key in Nango."),
                      QStringLiteral("The Twilio connection."))
                  + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("to") },
                                                    QStringLiteral("Recipient, e.g. +15551234567."),
                                                    QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("from") },
                          QStringLiteral("A Twilio number of the account, e.g. +15005550006."), QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("messagingServiceSid") },
                          QStringLiteral("A Messaging Service instead of --from."), QStringLiteral("MG...")),
                      QCommandLineOption({ QStringLiteral("body") }, QStringLiteral("Text (up to 1600 characters)."),
                          QStringLiteral("TEXT")),
                      QCommandLineOption({ QStringLiteral("accountSid") },
                          QStringLiteral("The Account SID (AC…); looked up when omitted."), QStringLiteral("AC...")),
                      QCommandLineOption({ QStringLiteral("baseUrlOverride") },
                          QStringLiteral("Upstream base URL, only for an integration that does not know Twilio's "
                                         "(e.g. a generic basic-auth one); sent as Base-Url-Override."),
                          QStringLiteral("URL")) } },
            true, [](Context &c, const QStringList &) { return twilioTest(c); } });
    return list;
}

} // namespace crossline::cli
