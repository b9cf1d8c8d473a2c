#include "cli/output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossline::cli {

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::None:
        return ExitOk;
    case Error::Kind::Validation:
        return ExitUsage;
    case Error::Kind::Config:
    case Error::Kind::Keychain:
        return ExitConfig;
    default:
        return ExitRemote;
    }
}

QTextStream &Output::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &Output::err()
{
    static QTextStream stream(stderr);
    return stream;
}

void Output::json(const QJsonValue &value, bool compact)
{
    QJsonDocument doc;
    if (value.isArray())
        doc = QJsonDocument(value.toArray());
    else if (value.isObject())
        doc = QJsonDocument(value.toObject());
    else {
        // Scalars: wrap so the output stays valid JSON text.
        doc = QJsonDocument(QJsonArray { value });
        const QByteArray text = doc.toJson(QJsonDocument::Compact);
        out() << QString::fromUtf8(text.mid(1, text.size() - 2)) << Qt::endl;
        return;
    }
    out() << QString::fromUtf8(doc.toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
    if (compact)
        out() << Qt::endl;
    out().flush();
}

void Output::table(const QStringList &headers, const QList<QStringList> &rows, int maxWidth)
{
    QList<int> widths;
    for (const QString &h : headers)
        widths << h.size();
    auto cut = [maxWidth](const QString &s) {
        QString flat = s;
        flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return flat.size() > maxWidth ? flat.left(maxWidth - 1) + QStringLiteral("…") : flat;
    };
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], cut(row.at(i)).size());
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (int i = 0; i < widths.size(); ++i) {
            const QString cell = cut(cells.value(i));
            text += i + 1 < widths.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        out() << text.trimmed() << '\n';
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
    out().flush();
}

QString Output::csvField(const QString &value)
{
    // RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.front())
        && !(v.front() == QLatin1Char('+') && v.size() > 1 && v.at(1).isDigit()))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))
        || v.contains(QLatin1Char('\r')))
        v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return v;
}

void Output::csv(const QStringList &headers, const QList<QStringList> &rows)
{
    auto line = [](const QStringList &cells) {
        QStringList quoted;
        for (const QString &c : cells)
            quoted << csvField(c);
        out() << quoted.join(QLatin1Char(',')) << "\r\n";
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
    out().flush();
}

int Output::error(const Error &error, bool jsonMode)
{
    if (jsonMode) {
        json(QJsonObject { { QStringLiteral("error"), error.toJson() } });
    } else {
        QString text = QStringLiteral("error: ");
        if (!error.field.isEmpty() && !error.message.contains(error.field))
            text += error.field + QStringLiteral(": ");
        text += error.summary();
        err() << text << '\n';
        if (!error.hint.isEmpty())
            err() << "hint: " << error.hint << '\n';
        err().flush();
    }
    return exitCodeFor(error);
}

} // namespace crossline::cli
