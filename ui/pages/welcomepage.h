#pragma once

#include <QWidget>

namespace crossline {

// First run, nothing configured: try the sandbox, import a .env, or create a profile.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void sandboxRequested();
    void importEnvRequested();
    void createProfileRequested();
};

} // namespace crossline
