#pragma once

#include "config/configresolver.h"

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace crossline {

// The app's side of ResolvedConfig::needsConfirmation, for every entry point that sends, creates or imports (a
// delete asks for the connection id to be typed, and names the production profile there). On a production profile
// it opens a window-modal question (object name "productionConfirmation", no nested event loop) whose default and
// escape button is Cancel, so Return or Escape out of habit sends nothing; `proceed` runs only when the user picks
// the action's own button. Elsewhere `proceed` runs at once. Returns the open question (nullptr when none was
// needed). `what` completes the question: "Send this SMS to +1555… through connection conn_1?".
QMessageBox *confirmProduction(QWidget *parent, const ResolvedConfig &config, Effect effect, const QString &what,
    const std::function<void()> &proceed, const std::function<void()> &declined = {});

} // namespace crossline
