#include "cli/sandboxcommand.h"

#include "cli/output.h"
#include "sandbox/sandbox.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace crossline::cli {

namespace {

std::atomic<bool> g_stop { false };

int sandbox(Context &ctx)
{
    quint16 port = 0;
    if (ctx.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint p = ctx.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || p > 65535)
            return ctx.fail(
                Error::validation(QStringLiteral("port"), QStringLiteral("--port must be a number from 0 to 65535.")));
        port = quint16(p);
    }
    sandbox::SandboxSizes sizes;
    for (const QString &name : { QStringLiteral("contacts"), QStringLiteral("employees"), QStringLiteral("records") }) {
        if (!ctx.isSet(name))
            continue;
        const QString text = ctx.value(name);
        bool ok = !text.isEmpty() && text.size() <= 7; // digits only: no sign, space, decimal point or exponent
        for (const QChar c : text)
            ok = ok && c >= u'0' && c <= u'9';
        const int n = ok ? text.toInt(&ok) : -1;
        if (!ok || n > sandbox::SandboxSizes::kMax)
            return ctx.fail(Error::validation(name,
                QStringLiteral("--%1 must be a whole number from 0 to %2 (got \"%3\").")
                    .arg(name)
                    .arg(sandbox::SandboxSizes::kMax)
                    .arg(text)));
        if (name == QLatin1String("contacts"))
            sizes.panoraContacts = sizes.nangoContacts = n;
        else if (name == QLatin1String("employees"))
            sizes.panoraEmployees = sizes.nangoEmployees = n;
        else
            sizes.nangoRecords = n;
    }
    sandbox::Sandbox emulator(sizes);
    emulator.setRequestLogLimit(0); // nothing in this process reads the log: keep none, so memory stays flat
    QString message;
    if (!emulator.start(port, &message))
        return ctx.fail(Error::config(QStringLiteral("The sandbox could not start: %1").arg(message)));
    const bool real = ctx.isSet(QStringLiteral("real-nango"));
    emulator.setRealNango(real);
    using sandbox::SandboxCredentials;
    // Sandbox credentials are fake and public: printing them is the point (export them in another terminal).
    Output::out() << "NANGO_API_BASE=" << emulator.nangoBaseUrl().toString() << '\n'
                  << "NANGO_SECRET_KEY=" << SandboxCredentials::nangoSecretKey() << '\n'
                  << "PANORA_API_URL=" << emulator.panoraBaseUrl().toString() << '\n'
                  << "PANORA_API_KEY=" << SandboxCredentials::panoraApiKey() << '\n'
                  << "PANORA_CONNECTION_TOKEN=" << SandboxCredentials::panoraConnectionToken() << '\n';
    Output::out().flush();
    Output::err() << "Sandbox running (" << emulator.contactCount() << " contacts, " << emulator.employeeCount()
                  << " employees; connections conn_abc123, whatsapp-prod-1, conn_twilio_1"
                  << (real ? QStringLiteral(", and synced records for hubspot-acme (%1 contacts) and bamboohr-acme")
                                 .arg(sizes.nangoRecords)
                           : QString())
                  << "). "
                     "Export the lines above in another shell, e.g. eval \"$(crossline-cli sandbox | head -5)\" is not "
                     "possible while it runs: copy them. Press Ctrl+C to stop.\n";
    Output::err().flush();
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    emulator.stop();
    Output::err() << "Sandbox stopped.\n";
    return ExitOk;
}

} // namespace

QList<Command> sandboxCommands()
{
    QList<Command> list;
    list.append(
        { { { QStringLiteral("sandbox") },
              QStringLiteral("[--port=N] [--contacts=N] [--employees=N] [--records=N] [--real-nango]"),
              QStringLiteral("Run the embedded emulator of Nango, Panora, WhatsApp Cloud and Twilio on 127.0.0.1 in "
                             "the foreground. "
                             "It prints NANGO_API_BASE=…, NANGO_SECRET_KEY=…, PANORA_API_URL=…, PANORA_API_KEY=… and "
                             "PANORA_CONNECTION_TOKEN=… first: export them in another shell to try every command. "
                             "The sizes (each a whole number from 0 to 1000000) make it as large as a benchmark "
                             "needs."),
              { QCommandLineOption({ QStringLiteral("port") },
                    QStringLiteral("Nango's port (0 = any free port; Panora uses the next free one)."),
                    QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("contacts") },
                      QStringLiteral("How many contacts Panora and Nango's /crm/contacts hold (default 5000 and "
                                     "250)."),
                      QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("employees") },
                      QStringLiteral("How many employees Panora and Nango's /hris/employees (and, with --real-nango, "
                                     "bamboohr-acme's records) hold (default 1000 and 150)."),
                      QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("records") },
                      QStringLiteral("With --real-nango: how many synced Contact records hubspot-acme has (default "
                                     "3000)."),
                      QStringLiteral("N")),
                  QCommandLineOption(QStringLiteral("real-nango"),
                      QStringLiteral(
                          "Behave like a deployed Nango: no /crm/contacts or /hris/employees, synced "
                          "records and actions for the connections hubspot-acme (model Contact, action "
                          "create-contact) and bamboohr-acme (model Employee), HTML for unknown routes.")) } },
            false, [](Context &c, const QStringList &) { return sandbox(c); } });
    return list;
}

} // namespace crossline::cli
