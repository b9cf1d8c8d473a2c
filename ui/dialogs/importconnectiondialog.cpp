#include "dialogs/importconnectiondialog.h"

#include "dialogs/productionconfirmation.h"
#include "nango/nangoclient.h"
#include "nango/nangoresults.h"
#include "workspace.h"
#include <QMessageBox>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace crossline {

ImportConnectionDialog::ImportConnectionDialog(Workspace *workspace, const QStringList &integrations, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_integration(new QComboBox(this))
    , m_connectionId(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_tags(new QPlainTextEdit(this))
    , m_metadata(new QPlainTextEdit(this))
    , m_skipVerification(new QCheckBox(tr("Import without verification (Nango does not test the token)"), this))
    , m_verdict(new QLabel(this))
{
    setWindowTitle(tr("Import connection"));
    m_integration->setEditable(true);
    m_integration->addItems(integrations);
    if (!integrations.contains(QStringLiteral("whatsapp-business")))
        m_integration->addItem(QStringLiteral("whatsapp-business"));
    // Importing a WhatsApp Cloud token is the common case (the seed's nango:import script).
    m_integration->setCurrentText(QStringLiteral("whatsapp-business"));
    m_integration->setAccessibleName(tr("Integration key"));
    m_connectionId->setPlaceholderText(tr("e.g. whatsapp-prod-1"));
    m_connectionId->setAccessibleName(tr("Connection id"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("the long-lived access token (EAA…)"));
    m_token->setAccessibleName(tr("Token"));
    m_token->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    // The desktop's own "view-visible" icon where it has one, else Crossline's: without an icon the action would
    // be invisible (a line edit shows its actions' icons only).
    auto *reveal = m_token->addAction(
        QIcon::fromTheme(QStringLiteral("view-visible"), QIcon(QStringLiteral(":/icons/show-secret.svg"))),
        QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setText(tr("Show token"));
    reveal->setToolTip(tr("Show the token"));
    connect(reveal, &QAction::toggled, this,
        [this](bool on) { m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    m_tags->setPlaceholderText(tr("end_user_id=acme\norganization_id=acme-org"));
    m_tags->setTabChangesFocus(true);
    m_tags->setAccessibleName(tr("Tags, one key=value per line"));
    m_tags->setMaximumHeight(fontMetrics().lineSpacing() * 4);
    m_metadata->setPlaceholderText(tr("{\"phone_number_id\": \"123456789012345\"}"));
    m_metadata->setTabChangesFocus(true);
    m_metadata->setAccessibleName(tr("Metadata JSON"));
    m_metadata->setMaximumHeight(fontMetrics().lineSpacing() * 4);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setAccessibleName(tr("Result"));
    m_skipVerification->setToolTip(tr("Uses Nango's legacy import, which skips the credential test. Only for a Nango "
                                      "server that cannot reach the provider."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Integration:"), m_integration);
    form->addRow(tr("Connection &id:"), m_connectionId);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(tr("T&ags:"), m_tags);
    form->addRow(tr("&Metadata:"), m_metadata);
    form->addRow(QString(), m_skipVerification);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, &ImportConnectionDialog::startImport);
    connect(m_connectionId, &QLineEdit::textChanged, this, &ImportConnectionDialog::updateButtons);
    connect(m_token, &QLineEdit::textChanged, this, &ImportConnectionDialog::updateButtons);
    connect(m_integration, &QComboBox::currentTextChanged, this, &ImportConnectionDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_verdict);
    layout->addWidget(buttons);
    m_connectionId->setFocus();
    updateButtons();
}

ImportConnectionDialog::~ImportConnectionDialog()
{
    if (m_running)
        m_running->abort();
    m_token->clear(); // the token lives in this field only as long as the dialog does
}

void ImportConnectionDialog::reject()
{
    if (m_running) {
        m_running->abort(); // finishes at once: the verdict says what is known
        return;
    }
    QDialog::reject();
}

void ImportConnectionDialog::setRunning(Job *job)
{
    m_running = job;
    m_cancel->setText(job ? tr("Stop &waiting") : tr("Cancel"));
    m_cancel->setToolTip(job ? tr("Stop waiting for Nango's answer. Once the import has left, the connection may be "
                                  "saved already; it is not sent again.")
                             : QString());
    updateButtons();
}

void ImportConnectionDialog::updateButtons()
{
    m_import->setEnabled(!m_running && !m_confirm && !m_integration->currentText().trimmed().isEmpty()
        && !m_connectionId->text().trimmed().isEmpty() && !m_token->text().isEmpty());
}

Expected<ConnectionImport> ImportConnectionDialog::formImport() const
{
    ConnectionImport imp;
    imp.providerConfigKey = m_integration->currentText().trimmed();
    imp.connectionId = m_connectionId->text().trimmed();
    imp.apiKey = m_token->text();
    imp.skipVerification = m_skipVerification->isChecked();
    for (const QString &line : m_tags->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error::validation(QStringLiteral("tags"), tr("Tags: \"%1\" is not key=value.").arg(line.trimmed()));
        imp.tags.insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    const QString metadata = m_metadata->toPlainText().trimmed();
    if (!metadata.isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(metadata.toUtf8(), &err);
        if (!doc.isObject())
            return Error::validation(
                QStringLiteral("metadata"), tr("Metadata must be a JSON object (%1).").arg(err.errorString()));
        imp.metadata = doc.object();
    }
    if (const Error e = imp.validate())
        return e;
    return imp;
}

void ImportConnectionDialog::startImport()
{
    const Expected<ConnectionImport> imp = formImport();
    if (!imp) {
        const Error e = imp.error();
        m_verdict->setText(QStringLiteral("✗ ") + e.message);
        if (e.field == QLatin1String("tags"))
            m_tags->setFocus();
        else if (e.field == QLatin1String("metadata"))
            m_metadata->setFocus();
        return;
    }
    // The question holds no token: the form is read again once the user said yes (it cannot change meanwhile).
    m_confirm = confirmProduction(
        this, m_workspace->config(), Effect::Import,
        tr("Import connection %1 of %2 into its Nango?").arg(imp->connectionId, imp->providerConfigKey),
        [this] {
            m_confirm = nullptr; // answered: the box only closes
            if (const Expected<ConnectionImport> confirmed = formImport())
                askReplaceThenImport(confirmed->providerConfigKey, confirmed->connectionId);
        },
        [this] {
            m_confirm = nullptr;
            m_verdict->setText(tr("Not imported."));
            updateButtons();
        });
    updateButtons();
}

QMessageBox *ImportConnectionDialog::question() const
{
    return m_confirm;
}

void ImportConnectionDialog::importForm()
{
    if (const Expected<ConnectionImport> imp = formImport())
        run(*imp);
}

void ImportConnectionDialog::askReplaceThenImport(const QString &providerConfigKey, const QString &connectionId)
{
    ClientSet *clients = m_workspace->clients();
    if (!clients || m_running)
        return;
    // Nango's import is an upsert that says nothing about replacing: look first, and ask.
    m_verdict->setText(tr("Checking whether %1 already exists…").arg(connectionId));
    setRunning(clients->nango()->getConnection(providerConfigKey, connectionId));
    connect(m_running, &Job::finished, this, [this, providerConfigKey, connectionId](const Result &r) {
        setRunning(nullptr);
        if (r.error.kind == Error::Kind::Cancelled) { // stopped while looking: nothing was imported
            m_verdict->setText(tr("Not imported: stopped while checking whether %1 exists.").arg(connectionId));
            return;
        }
        if (!r.ok()) { // not there (or not knowable): import as asked
            importForm();
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Replace the connection?"),
            tr("Connection %1 already exists in %2. Importing replaces its credentials; anything using it then uses "
               "the new token.")
                .arg(connectionId, providerConfigKey),
            QMessageBox::Cancel, this);
        QPushButton *replace = box->addButton(tr("&Replace credentials"), QMessageBox::AcceptRole);
        box->setDefaultButton(QMessageBox::Cancel); // Return out of habit replaces nothing
        box->setEscapeButton(QMessageBox::Cancel);
        box->setWindowModality(Qt::WindowModal);
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_confirm = box;
        connect(box, &QMessageBox::finished, this, [this, box, replace] {
            m_confirm = nullptr;
            if (box->clickedButton() == replace) {
                importForm();
            } else {
                m_verdict->setText(tr("Not imported: the existing connection is unchanged."));
                updateButtons();
            }
        });
        box->open();
        updateButtons();
    });
}

void ImportConnectionDialog::run(const ConnectionImport &imp)
{
    ClientSet *clients = m_workspace->clients();
    if (!clients || m_running)
        return;
    m_verdict->setText(imp.skipVerification ? tr("Importing without verification…")
                                            : tr("Importing — Nango is testing the token with the provider…"));
    setRunning(clients->nango()->importConnection(imp));
    const QString key = imp.providerConfigKey, id = imp.connectionId; // the token is not captured
    connect(m_running, &Job::finished, this, [this, key, id](const Result &r) {
        setRunning(nullptr);
        if (!r.ok()) {
            QString hint = r.error.hint;
            if (r.error.code == QLatin1String("connection_test_failed")) {
                // The shared hint names the CLI's flag; here the choice is this dialog's checkbox.
                hint = tr("Check the token. If your Nango server cannot reach the provider (an offline or "
                          "air-gapped Nango), tick “Import without verification” above and import again.");
                m_skipVerification->setFocus();
            }
            QString text = QStringLiteral("✗ ") + r.error.summary();
            if (!hint.isEmpty())
                text += QLatin1Char('\n') + hint;
            m_verdict->setText(text);
            return;
        }
        const ImportedConnection saved = ImportedConnection::fromData(r.data);
        m_verdict->setText(saved.verified
                ? tr("✓ Nango verified the token with the provider and saved connection %1.").arg(id)
                : tr("✓ Saved connection %1 without verification: send a test message to check the token.").arg(id));
        m_token->clear();
        m_import->setText(tr("Import another"));
        Q_EMIT imported(key, id);
    });
}

} // namespace crossline
