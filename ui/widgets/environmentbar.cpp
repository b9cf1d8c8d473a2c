#include "widgets/environmentbar.h"

#include "workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QSignalBlocker>
#include <QToolButton>

namespace crossline {

EnvironmentBar::EnvironmentBar(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_profiles(new QComboBox(this))
    , m_badge(new QLabel(this))
    , m_urls(new QLabel(this))
    , m_override(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    m_profiles->setAccessibleName(tr("Active profile"));
    m_profiles->setToolTip(tr("Active profile (Ctrl+E)"));
    m_profiles->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_urls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urls->setAccessibleName(tr("Base URLs in use"));
    m_override->setAccessibleName(tr("Environment override"));
    // The keychain could not give the profile's secrets (found by name in refresh(): the header stays as it is).
    auto *keychain = new QLabel(this);
    keychain->setObjectName(QStringLiteral("secretsError"));
    keychain->setAccessibleName(tr("Keychain problem"));
    keychain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    keychain->hide();
    auto *manage = new QToolButton(this);
    manage->setText(tr("Profiles…"));
    manage->setToolTip(tr("Create, edit or remove profiles"));
    layout->addWidget(m_profiles);
    layout->addWidget(m_badge);
    layout->addSpacing(12);
    layout->addWidget(m_urls, 1);
    layout->addWidget(m_override);
    layout->addWidget(keychain);
    layout->addWidget(manage);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(shortcut, &QShortcut::activated, this, [this] {
        m_profiles->setFocus();
        m_profiles->showPopup();
    });
    connect(m_profiles, &QComboBox::activated, this, [this](int index) {
        Q_EMIT profileChosen(m_profiles->itemData(index).toString());
        refresh(); // what is in effect now, also when the choice did not take (the sandbox failed to start)
    });
    connect(manage, &QToolButton::clicked, this, &EnvironmentBar::manageProfilesRequested);
    connect(m_workspace, &Workspace::changed, this, &EnvironmentBar::refresh);
    refresh();
}

void EnvironmentBar::refresh()
{
    const QSignalBlocker blocker(m_profiles);
    m_profiles->clear();
    const ResolvedConfig &c = m_workspace->config();
    // The sandbox is always one of the choices, running or not: choosing it (re)starts the embedded emulator.
    m_profiles->addItem(tr("● sandbox"), QStringLiteral("sandbox"));
    m_profiles->setItemData(0,
        m_workspace->isSandbox() ? tr("The embedded sandbox, running on this computer")
                                 : tr("Start the embedded sandbox: emulated Nango, Panora, WhatsApp and Twilio"),
        Qt::ToolTipRole);
    for (const QString &name : m_workspace->profiles().names()) {
        const auto p = m_workspace->profiles().profile(name);
        m_profiles->addItem((p && p->production ? tr("▲ %1 (production)") : tr("● %1")).arg(name), name);
    }
    int current = m_profiles->findData(m_workspace->isSandbox() ? QStringLiteral("sandbox") : c.profileName);
    if (current < 0 || (!m_workspace->isSandbox() && c.profileName.isEmpty())) {
        // No saved profile in effect: the environment variables are what the clients use.
        m_profiles->addItem(tr("● environment"), QString());
        current = m_profiles->count() - 1;
    }
    m_profiles->setCurrentIndex(current);

    // Production is marked in a warning colour *and* in words: no information by colour alone.
    if (c.production) {
        m_badge->setText(tr("PRODUCTION"));
        m_badge->setStyleSheet(QStringLiteral(
            "QLabel { background: #b3261e; color: white; border-radius: 3px; padding: 1px 6px; font-weight: bold; }"));
        m_badge->show();
    } else if (m_workspace->isSandbox()) {
        m_badge->setText(tr("SANDBOX"));
        m_badge->setStyleSheet(QStringLiteral(
            "QLabel { background: #1f6f43; color: white; border-radius: 3px; padding: 1px 6px; font-weight: bold; }"));
        m_badge->show();
    } else {
        m_badge->hide();
    }
    QStringList urls;
    urls << tr("Nango %1").arg(c.nangoBase.isSet() ? c.nangoBase.value : tr("not set"));
    urls << tr("Panora %1").arg(c.panoraUrl.isSet() ? c.panoraUrl.value : tr("not set"));
    m_urls->setText(urls.join(QStringLiteral("  ·  ")));
    m_override->setVisible(c.envOverridesProfile);
    m_override->setText(tr("environment variables override the profile"));
    m_override->setToolTip(c.overridingVariables.join(QStringLiteral(", ")));

    // Words and a sign, not colour alone; the tooltip has the keychain's own message and what to do.
    if (auto *keychain = findChild<QLabel *>(QStringLiteral("secretsError"))) {
        const Error e = m_workspace->isSandbox() ? Error() : m_workspace->secretsError();
        keychain->setVisible(e.isError() || m_workspace->isReadingSecrets());
        if (m_workspace->isReadingSecrets()) {
            // Right after a switch: the profile is in charge already, its keychain secrets are on their way.
            keychain->setText(tr("⋯ Reading %1's secrets from the keychain…").arg(c.profileName));
            keychain->setToolTip(tr("Until the keychain answers, a request that needs one of this profile's stored "
                                    "secrets is refused here, before anything is sent."));
        } else if (e) {
            keychain->setText(e.code == QLatin1String("no_backend")
                    ? tr("⚠ No keychain: secrets not loaded — environment variables still work")
                    : tr("⚠ Keychain: secrets not loaded — environment variables still work"));
            keychain->setToolTip(e.hint.isEmpty() ? e.message : e.message + QLatin1Char('\n') + e.hint);
        }
    }
}

} // namespace crossline
