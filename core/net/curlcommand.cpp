#include "net/curlcommand.h"

#include "net/redactor.h"

namespace crossline {

QString CurlCommand::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// Pieces holding a secret are double-quoted so the shell expands the variable; everything else single-quoted.
static QString quoteWithVariables(QString text, const QList<CurlCommand::Variable> &variables)
{
    bool hasVariable = false;
    for (const auto &v : variables) {
        if (v.secret.size() >= 6 && text.contains(v.secret)) {
            text.replace(v.secret, QStringLiteral("\x01") + v.name + QStringLiteral("\x02"));
            hasVariable = true;
        }
    }
    if (!hasVariable)
        return CurlCommand::shellQuote(text);
    QString escaped;
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char('$') || c == QLatin1Char('`'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    escaped.replace(QLatin1Char('\x01'), QStringLiteral("${")).replace(QLatin1Char('\x02'), QStringLiteral("}"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString CurlCommand::fromRequest(const HttpRequest &request, const QList<Variable> &variables)
{
    QStringList parts { QStringLiteral("curl") };
    if (request.method != "GET")
        parts << QStringLiteral("-X ") + QString::fromLatin1(request.method);
    parts << quoteWithVariables(request.url.toString(QUrl::FullyEncoded), variables);
    for (const auto &h : request.headers) {
        QString line = QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromUtf8(h.second);
        QString quoted = quoteWithVariables(line, variables);
        if (Redactor::isSecretHeader(h.first) && !quoted.contains(QLatin1String("${")))
            quoted
                = shellQuote(QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromLatin1(Redactor::Mask));
        parts << QStringLiteral("-H ") + quoted;
    }
    if (!request.body.isEmpty())
        parts << QStringLiteral("--data-raw ") + quoteWithVariables(QString::fromUtf8(request.body), variables);
    return parts.join(QStringLiteral(" \\\n  "));
}

QString CurlCommand::fromPlan(const RequestPlan &plan, const QList<Variable> &variables)
{
    if (plan.steps.size() == 1 && plan.steps.first().placeholder.isEmpty())
        return fromRequest(plan.steps.first().request, variables);
    QStringList blocks;
    const qsizetype count = plan.steps.size();
    for (qsizetype i = 0; i < count; ++i) {
        const RequestPlan::Step &step = plan.steps.at(i);
        QList<Variable> stepVariables = variables;
        QString comment = QStringLiteral("# %1 of %2").arg(i + 1).arg(count);
        if (!step.placeholder.isEmpty()) {
            stepVariables.append({ step.placeholder, step.placeholder });
            comment += QStringLiteral(": ") + step.dependsOn;
        }
        blocks << comment + QLatin1Char('\n') + fromRequest(step.request, stepVariables);
    }
    return blocks.join(QStringLiteral("\n\n"));
}

} // namespace crossline
