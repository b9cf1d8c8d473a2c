#include "dialogs/envimportdialog.h"

#include "job.h"
#include "widgets/errortext.h"
#include "widgets/formhelpers.h"
#include "workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace crossline {

EnvImportDialog::EnvImportDialog(Workspace *workspace, const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_file(new QLineEdit(this))
    , m_choose(new QPushButton(tr("&Choose…"), this))
    , m_profile(new QComboBox(this))
    , m_profileNote(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_ignoredTitle(new QLabel(tr("Ignored:"), this))
    , m_ignored(new QListWidget(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("Import .env"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("No file chosen"));
    m_file->setAccessibleName(tr(".env file"));
    m_choose->setToolTip(tr("Choose the .env file of your backend"));

    m_profile->setEditable(true);
    m_profile->setInsertPolicy(QComboBox::NoInsert);
    m_profile->addItems(m_workspace->profiles().names());
    m_profile->setAccessibleName(tr("Target profile"));
    m_profile->setToolTip(tr("The profile that gets NANGO_API_BASE, NANGO_SECRET_KEY, PANORA_*. By default NANGO_ENV "
                             "in the file, else \"default\"."));
    m_profileNote->setWordWrap(true);

    m_table->setHorizontalHeaderLabels({ tr("Variable"), tr("Line"), tr("Goes to"), tr("Value") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(VariableColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("What will be imported"));
    m_ignored->setAccessibleName(tr("Ignored variables"));
    m_ignored->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Summary"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result"));
    m_progress->setRange(0, 0); // busy: the keychain gives no progress
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Importing"));
    m_progress->hide();

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_choose);
    auto *form = new QFormLayout;
    form->addRow(forms::buddyLabel(tr("&File:"), m_file, this), fileRow); // a row, so the buddy is said
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(QString(), m_profileNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_close = buttons->button(QDialogButtonBox::Cancel);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setDefault(true);
    m_import->setToolTip(tr("Store the secrets in the keychain, then save the profiles"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_ignoredTitle);
    layout->addWidget(m_ignored);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().lineSpacing() * 30);

    connect(m_choose, &QPushButton::clicked, this, &EnvImportDialog::chooseFile);
    connect(m_profile, &QComboBox::editTextChanged, this, &EnvImportDialog::replan);
    connect(m_import, &QPushButton::clicked, this, &EnvImportDialog::startImport);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_running)
            m_running->abort(); // the keychain writes stop; the profiles are only saved after all of them
        if (m_done)
            accept();
        else
            reject();
    });

    if (path.isEmpty()) {
        m_askForFile = true;
        showPlan();
    } else {
        setFile(path);
    }
}

EnvImportDialog::~EnvImportDialog()
{
    if (m_running)
        m_running->abort();
    m_plan.clearSecretValues();
    for (DotEnvEntry &e : m_dotEnv.entries)
        e.value.fill(QLatin1Char('\0'));
}

void EnvImportDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (std::exchange(m_askForFile, false))
        QTimer::singleShot(0, this, &EnvImportDialog::chooseFile);
}

void EnvImportDialog::chooseFile()
{
    auto *chooser = new QFileDialog(this, tr("Import .env"),
        m_path.isEmpty() ? QDir::currentPath() : QFileInfo(m_path).absolutePath(),
        tr(".env files (*.env .env .env.*);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setFilter(chooser->filter() | QDir::Hidden); // ".env" is a hidden file on Unix
    connect(chooser, &QFileDialog::fileSelected, this, &EnvImportDialog::setFile);
    chooser->open();
}

void EnvImportDialog::setFile(const QString &path)
{
    if (m_running)
        return;
    m_path = path;
    m_done = false;
    m_file->setText(QDir::toNativeSeparators(path));
    for (DotEnvEntry &e : m_dotEnv.entries)
        e.value.fill(QLatin1Char('\0'));
    m_dotEnv = DotEnv::read(path);
    const EnvImportPlan automatic
        = EnvImport::plan(m_dotEnv, m_workspace->profiles(), QString(), QDir::toNativeSeparators(path));
    m_automaticProfile = automatic.mainProfile;
    {
        const QSignalBlocker blocker(m_profile);
        m_profile->setEditText(m_automaticProfile);
    }
    m_message->clear();
    replan();
}

void EnvImportDialog::replan()
{
    if (m_running)
        return;
    m_plan.clearSecretValues();
    if (m_path.isEmpty()) {
        m_plan = EnvImportPlan();
        showPlan();
        return;
    }
    const QString chosen = m_profile->currentText().trimmed();
    // The automatic choice keeps the file's _<ENV> forms for the other profiles; another choice restricts to it.
    const QString given = chosen == m_automaticProfile ? QString() : chosen;
    m_plan = EnvImport::plan(m_dotEnv, m_workspace->profiles(), given, QDir::toNativeSeparators(m_path));
    if (!m_done)
        m_message->clear();
    showPlan();
}

void EnvImportDialog::showPlan()
{
    m_table->setRowCount(0);
    m_ignored->clear();
    if (m_path.isEmpty()) {
        m_summary->setText(tr("Choose your backend's .env file. Nothing is written until you press Import."));
        m_profileNote->clear();
        m_ignoredTitle->hide();
        m_ignored->hide();
        m_import->setEnabled(false);
        return;
    }
    if (!m_plan.ok()) {
        showError(m_plan.error);
        m_summary->clear();
        m_profileNote->clear();
        m_ignoredTitle->hide();
        m_ignored->hide();
        m_import->setEnabled(false);
        return;
    }
    for (const EnvImportProfile &p : m_plan.profiles) {
        for (const EnvImportItem &item : p.items) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            const QString target
                = item.isSecret() ? item.targetText() : tr("profile %1: %2").arg(item.profile, item.targetText());
            const QStringList cells { item.variable, QString::number(item.line), target, item.shownValue() };
            for (int column = 0; column < ColumnCount; ++column) {
                auto *cell = new QTableWidgetItem(cells.at(column));
                if (column == LineColumn)
                    cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (column == ValueColumn && item.isSecret())
                    cell->setToolTip(tr("Masked: the value goes to the keychain and is never shown"));
                m_table->setItem(row, column, cell);
            }
        }
    }
    const QStringList ignoredLines = m_plan.ignored + m_plan.warnings;
    m_ignored->addItems(ignoredLines);
    m_ignoredTitle->setVisible(!ignoredLines.isEmpty());
    m_ignored->setVisible(!ignoredLines.isEmpty());

    QStringList created, updated;
    for (const EnvImportProfile &p : m_plan.profiles)
        (p.created ? created : updated) << p.profile.name;
    QStringList parts;
    if (!created.isEmpty())
        parts << tr("creates profile %1").arg(created.join(QStringLiteral(", ")));
    if (!updated.isEmpty())
        parts << tr("updates profile %1").arg(updated.join(QStringLiteral(", ")));
    const int secrets = int(m_plan.secrets().size());
    parts << (secrets == 1 ? tr("stores 1 secret in the system keychain")
                           : tr("stores %1 secrets in the system keychain").arg(secrets));
    QString summary = tr("Import %1.").arg(parts.join(QStringLiteral(", ")));
    if (!m_plan.activate.isEmpty())
        summary += u' ' + tr("%1 becomes the active profile.").arg(m_plan.activate);
    summary += u' ' + tr("Nothing is written until you press Import.");
    m_summary->setText(summary);
    m_profileNote->setText(m_plan.mainProfile == m_automaticProfile
            ? tr("Variables ending in _<ENV> go to the profile of that name.")
            : tr("Only variables for %1 are imported.").arg(m_plan.mainProfile));
    m_import->setEnabled(!m_done && !m_plan.isEmpty());
}

void EnvImportDialog::showError(const Error &error)
{
    m_message->setText(errorText(error));
}

void EnvImportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_choose->setEnabled(!busy);
    m_profile->setEnabled(!busy);
    m_import->setEnabled(!busy && !m_done && m_plan.ok() && !m_plan.isEmpty());
    m_import->setText(busy ? tr("Importing…") : tr("&Import"));
}

void EnvImportDialog::startImport()
{
    if (m_running || !m_plan.ok() || m_plan.isEmpty())
        return;
    m_message->setText(tr("Storing the secrets in the keychain…"));
    m_running = EnvImport::apply(m_plan, &m_workspace->profiles(), m_workspace->secrets(), this);
    setBusy(true);
    connect(m_running, &Job::finished, this, [this](const Result &r) {
        m_running = nullptr;
        if (!r.ok()) {
            setBusy(false);
            if (r.error.kind == Error::Kind::Cancelled)
                m_message->setText(tr("Cancelled: the profile settings were not changed."));
            else
                showError(r.error);
            return;
        }
        m_done = true;
        setBusy(false);
        m_plan.clearSecretValues(); // the table keeps only the masked forms
        for (DotEnvEntry &e : m_dotEnv.entries)
            e.value.fill(QLatin1Char('\0'));
        const QString activated = EnvImportApplied::fromData(r.data).activated;
        const int count = m_table->rowCount();
        QString text = count == 1 ? tr("✓ Imported 1 value from %1.").arg(m_file->text())
                                  : tr("✓ Imported %1 values from %2.").arg(count).arg(m_file->text());
        if (!activated.isEmpty())
            text += u' ' + tr("%1 is now the active profile.").arg(activated);
        text += u' ' + tr("The secrets are in the keychain only; you can delete the .env file now.");
        m_message->setText(text);
        m_import->hide();
        m_close->setText(tr("Close"));
        m_close->setDefault(true);
        m_workspace->reload();
        Q_EMIT imported(activated);
    });
}

} // namespace crossline
