// bench_nangoloop (not a test; bench/nango runs it): Crossline's core calling Nango N times in a row in one process,
// the way crossline-cli does each call (a ClientSet from the resolved configuration, NangoClient/MessageSender, a
// local event loop waiting for the job), against what @nangohq/node does in a loop.
//
//   NANGO_API_BASE=… NANGO_SECRET_KEY=… bench_nangoloop connections N
//   NANGO_API_BASE=… NANGO_SECRET_KEY=… bench_nangoloop whatsapp N PROVIDER_CONFIG_KEY CONNECTION_ID PHONE_NUMBER_ID TO
//
// Prints one line to standard output: "<calls> <loop ms>", the time of the calls alone (after start-up).
#include "clientset.h"
#include "config/configresolver.h"
#include "job.h"
#include "messaging/messagesender.h"
#include "messaging/whatsappmessage.h"
#include "nango/nangoclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <cstdio>
#include <optional>

using namespace crossline;

namespace {

int usage()
{
    std::fprintf(stderr,
        "usage: bench_nangoloop connections N\n"
        "       bench_nangoloop whatsapp N PROVIDER_CONFIG_KEY CONNECTION_ID PHONE_NUMBER_ID TO\n"
        "(NANGO_API_BASE and NANGO_SECRET_KEY from the environment)\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 2)
        return usage();
    const QString what = args.at(0);
    bool ok = false;
    const int calls = args.at(1).toInt(&ok);
    if (!ok || calls < 1 || (what != QLatin1String("connections") && what != QLatin1String("whatsapp"))
        || (what == QLatin1String("whatsapp") && args.size() < 6))
        return usage();

    const ResolvedConfig config
        = ConfigResolver::resolve(ConfigFlags {}, QProcessEnvironment::systemEnvironment(), nullptr);
    if (config.error) {
        std::fprintf(stderr, "bench_nangoloop: %s\n", qPrintable(config.error.message));
        return 3;
    }
    ClientSet clients(config, HttpPolicy {});

    std::optional<WhatsAppMessage> message;
    if (what == QLatin1String("whatsapp")) {
        // The same message as `crossline-cli whatsapp test --body=…` builds.
        const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(
            QJsonObject { { QStringLiteral("providerConfigKey"), args.at(2) },
                { QStringLiteral("connectionId"), args.at(3) }, { QStringLiteral("phoneNumberId"), args.at(4) },
                { QStringLiteral("to"), args.at(5) },
                { QStringLiteral("body"), QStringLiteral("Hello from the bench!") },
                { QStringLiteral("type"), QStringLiteral("text") } },
            QString());
        if (!parsed) {
            std::fprintf(stderr, "bench_nangoloop: %s\n", qPrintable(parsed.error().message));
            return 2;
        }
        message = *parsed;
    }

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < calls; ++i) {
        const Result r
            = Job::wait(message ? clients.messages()->sendWhatsApp(*message) : clients.nango()->listConnections({}));
        if (!r.ok()) {
            std::fprintf(stderr, "bench_nangoloop: call %d failed: %s\n", i + 1, qPrintable(r.error.message));
            return 1;
        }
    }
    std::printf("%d %lld\n", calls, static_cast<long long>(timer.elapsed()));
    return 0;
}
