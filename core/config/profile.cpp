#include "config/profile.h"

#include <QRegularExpression>

namespace crossline {

QString Profile::envSuffixFor(const QString &name)
{
    QString suffix = name.toUpper();
    suffix.replace(u'-', u'_');
    return suffix;
}

bool Profile::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 40)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_'
            || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

Error Profile::validate() const
{
    if (!isValidName(name)) {
        return Error::validation(QStringLiteral("name"), tr("Invalid profile name '%1'.").arg(name),
            tr("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
    }
    if (Error e = validateUrl(nangoBase, QStringLiteral("nangoBase")))
        return e;
    return validateUrl(panoraUrl, QStringLiteral("panoraUrl"));
}

Error Profile::validateUrl(const QUrl &url, const QString &field)
{
    if (url.isEmpty())
        return {};
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        return Error::validation(field, tr("'%1' is not an http(s) URL.").arg(shown),
            tr("Give the full base URL, for example https://api.nango.dev."));
    }
    if (!url.userInfo().isEmpty()) {
        return Error::validation(field, tr("The URL %1 contains a user name or password.").arg(shown),
            tr("Remove it from the URL; keys belong in the keychain, not in settings."));
    }
    if (url.hasQuery() || url.hasFragment()) {
        return Error::validation(field,
            tr("The base URL %1 must not have a query or fragment.")
                .arg(url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toDisplayString(QUrl::RemoveUserInfo)),
            tr("Give only scheme, host, port and path."));
    }
    return {};
}

Error Profile::validateUrl(const QString &typed, const QString &field)
{
    const QString text = typed.trimmed();
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        static const QRegularExpression userInfo(QStringLiteral("//[^/@]*@"));
        return Error::validation(field,
            tr("'%1' is not an http(s) URL.").arg(QString(text).replace(userInfo, QStringLiteral("//…@"))),
            tr("Give the full base URL, for example https://api.nango.dev."));
    }
    return validateUrl(url, field);
}

QString Profile::normalizedUrl(const QString &url)
{
    QString out = url.trimmed();
    while (out.endsWith(u'/'))
        out.chop(1);
    return out;
}

QUrl Profile::normalizedUrl(const QUrl &url)
{
    if (url.isEmpty())
        return url;
    return QUrl(normalizedUrl(url.toString()));
}

QString Profile::mappingKey(NangoMapping mapping)
{
    switch (mapping) {
    case NangoMapping::CompatiblePaths:
        return QStringLiteral("compatible-paths");
    case NangoMapping::RecordsAndActions:
        return QStringLiteral("records-and-actions");
    }
    return {};
}

std::optional<Profile::NangoMapping> Profile::mappingFromKey(const QString &key)
{
    if (key == u"compatible-paths")
        return NangoMapping::CompatiblePaths;
    if (key == u"records-and-actions")
        return NangoMapping::RecordsAndActions;
    return std::nullopt;
}

} // namespace crossline
