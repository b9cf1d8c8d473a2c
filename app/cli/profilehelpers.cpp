#include "cli/profilehelpers.h"

#include "config/profile.h"

namespace crossline::cli {

Error checkProfileName(const QString &name)
{
    if (Profile::isValidName(name))
        return {};
    return Error::validation(QStringLiteral("name"), QStringLiteral("Invalid profile name '%1'.").arg(name),
        QStringLiteral("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
}

Error requireOnePositional(const QStringList &positional, const QString &what)
{
    if (positional.isEmpty())
        return Error::validation(what, QStringLiteral("Give the %1.").arg(what));
    if (positional.size() > 1)
        return Error::validation(what, QStringLiteral("Unexpected argument \"%1\".").arg(positional.at(1)));
    if (positional.first().trimmed().isEmpty())
        return Error::validation(what, QStringLiteral("The %1 is empty: give a name, e.g. prod.").arg(what));
    return {};
}

} // namespace crossline::cli
