#pragma once

class QCoreApplication;

namespace crossline {

// Installs the compiled-in translation (:/i18n/crossline_<lang>.qm) for the system's language, falling back to
// English: Qt's plural forms ("4 connections", not "4 connection(s)") come from a translation, so English has one.
// Returns false when none could be loaded. The translator lives as long as the application.
bool installTranslations(QCoreApplication *app);

} // namespace crossline
