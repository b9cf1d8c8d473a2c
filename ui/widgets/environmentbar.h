#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace crossline {

class Workspace;

// The always-visible strip on top: which profile is active (Ctrl+E), whether it is production, the base URLs in use,
// and a note when environment variables override the profile.
class EnvironmentBar : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentBar(Workspace *workspace, QWidget *parent = nullptr);

    QComboBox *profileCombo() const { return m_profiles; }

Q_SIGNALS:
    void profileChosen(const QString &name);
    void manageProfilesRequested();

private:
    void refresh();

    Workspace *m_workspace;
    QComboBox *m_profiles;
    QLabel *m_badge;
    QLabel *m_urls;
    QLabel *m_override;
};

} // namespace crossline
