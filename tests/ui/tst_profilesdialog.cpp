// The profiles dialog as a person uses it, against the real keychain: create a profile with the problems shown as
// you type, mark it production (the environment bar says PRODUCTION), set and clear its secrets (only "stored" /
// "not stored" is ever shown), rename it (its keychain entries move), remove it (confirmed; entries deleted).
#include "keychaintestenvironment.h"
#include "sandboxfixture.h"

#include "dialogs/profilesdialog.h"
#include "dialogs/secretdialog.h"
#include "translations.h"
#include "widgets/environmentbar.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace crossline;
using namespace crossline::test;

namespace {

QString everythingShown(const QWidget *w)
{
    QStringList out;
    for (const auto *l : w->findChildren<QLabel *>())
        out << l->text() << l->toolTip();
    for (const auto *e : w->findChildren<QLineEdit *>())
        out << e->text();
    for (const auto *l : w->findChildren<QListWidget *>())
        for (int i = 0; i < l->count(); ++i)
            out << l->item(i)->text();
    return out.join(QLatin1Char('\n'));
}

QStringList listTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

void retype(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

// What a screen reader would announce for the focused widget.
QString focusedName()
{
    const QWidget *w = QApplication::focusWidget();
    if (!w)
        return QStringLiteral("(nothing)");
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    if (const auto *b = qobject_cast<const QAbstractButton *>(w))
        return b->text().remove(QLatin1Char('&'));
    return QString::fromLatin1(w->metaObject()->className());
}

bool badgeShows(const EnvironmentBar &bar, const QString &text)
{
    for (const auto *l : bar.findChildren<QLabel *>()) {
        if (!l->isHidden() && l->text() == text)
            return true;
    }
    return false;
}

} // namespace

class TestProfilesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createWithInlineValidation();
    void setAndClearSecrets();
    void renameMovesTheSecrets();
    void removeIsConfirmedAndDeletesTheSecrets();
    void setActive();
    void switchNeverLeavesTheOldProfileInCharge();
    void tabFollowsTheForm();
    void lookUpOffersWhatTheIntegrationDeployed();
    void lookUpWithoutAKeySaysSo();

private:
    QString unique(const QString &base) const { return base + QString::number(QCoreApplication::applicationPid()); }
    QString keychainValue(const QString &profile, const QString &name);

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ProfilesDialog> m_dialog;
    std::unique_ptr<EnvironmentBar> m_bar;
    SecretStore m_secrets;
    const QString m_nangoKey = QStringLiteral("5f2c-ui-dialog-secret-key-6666");
    const QString m_prodKey = QStringLiteral("7a1d-ui-production-key-4242");
    const QString m_stagingKey = QStringLiteral("93be-ui-staging-key-1717");
};

QString TestProfilesDialog::keychainValue(const QString &profile, const QString &name)
{
    const Result r = waitForJob(m_secrets.read(profile, name));
    return r.ok() ? r.data.toString() : QString();
}

void TestProfilesDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_profilesdialog"));
    QVERIFY(QDir::homePath().startsWith(scratchRoot()));
    QSettings().clear();
    QVERIFY(installTranslations(QCoreApplication::instance())); // as main() does: "3 functions", not "function(s)"
    m_workspace = std::make_unique<Workspace>();
    m_bar = std::make_unique<EnvironmentBar>(m_workspace.get());
    m_bar->show();
    m_dialog = std::make_unique<ProfilesDialog>(m_workspace.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestProfilesDialog::cleanupTestCase()
{
    m_dialog.reset();
    for (const QString &p : { unique(QStringLiteral("uidev")), unique(QStringLiteral("uistaging")),
             unique(QStringLiteral("uiprod")), unique(QStringLiteral("uiswitch")), unique(QStringLiteral("uilookup")) })
        waitForJob(m_secrets.removeAll(p));
    // Nothing the dialogs did left a secret in a file.
    const QStringList hits = filesContaining(scratchRoot(), { m_nangoKey, m_prodKey, m_stagingKey });
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
}

void TestProfilesDialog::createWithInlineValidation()
{
    ProfilesDialog &d = *m_dialog;
    const QString name = unique(QStringLiteral("uidev"));
    QCOMPARE(d.profileList()->count(), 0);
    QCOMPARE(d.saveButton()->text(), QStringLiteral("&Create"));
    QVERIFY(!d.saveButton()->isEnabled());
    QVERIFY(d.validationLabel()->text().startsWith(QStringLiteral("✗ Give the profile a name.")));
    QVERIFY(!d.setSecretButton(QStringLiteral("nango-key"))->isEnabled()); // a profile first

    QTest::keyClicks(d.nameField(), QStringLiteral("my env"));
    QVERIFY2(d.validationLabel()->text().startsWith(QStringLiteral("✗ Invalid profile name")),
        qPrintable(d.validationLabel()->text()));
    retype(d.nameField(), name);
    QVERIFY(d.saveButton()->isEnabled());
    QTest::keyClicks(d.nangoBaseField(), QStringLiteral("nango.example.com"));
    QCOMPARE(d.validationLabel()->text().section(QLatin1Char('\n'), 0, 0),
        QStringLiteral("✗ 'nango.example.com' is not an http(s) URL."));
    QVERIFY(d.validationLabel()->isVisible());
    QCOMPARE(d.nangoBaseField()->accessibleDescription(), QStringLiteral("'nango.example.com' is not an http(s) URL."));
    QVERIFY(!d.saveButton()->isEnabled());
    retype(d.nangoBaseField(), QStringLiteral("https://nango.example.com/"));
    QVERIFY(!d.validationLabel()->isVisible());
    QTest::keyClicks(d.panoraUrlField(), QStringLiteral("https://panora.example.com"));
    QTest::mouseClick(d.productionBox(), Qt::LeftButton);
    QVERIFY(d.productionBox()->isChecked());
    QVERIFY(d.saveButton()->isEnabled());
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);

    QCOMPARE(d.messageLabel()->text(), QStringLiteral("✓ Created profile %1. It is now the active profile.").arg(name));
    QCOMPARE(listTexts(d.profileList()), QStringList { QStringLiteral("%1 (active, ▲ production)").arg(name) });
    const auto saved = m_workspace->profiles().profile(name);
    QVERIFY(saved);
    QCOMPARE(saved->nangoBase, QUrl(QStringLiteral("https://nango.example.com")));
    QCOMPARE(saved->panoraUrl, QUrl(QStringLiteral("https://panora.example.com")));
    QVERIFY(saved->production);
    QCOMPARE(m_workspace->profiles().activeName(), name);
    QCOMPARE(d.saveButton()->text(), QStringLiteral("&Save"));
    // The environment bar follows the Workspace reload: the active profile is production.
    QTRY_VERIFY_WITH_TIMEOUT(!m_workspace->isReadingSecrets() && m_workspace->config().production, 20000);
    QVERIFY(badgeShows(*m_bar, QStringLiteral("PRODUCTION")));

    // Unmark production: the badge goes.
    QTest::mouseClick(d.productionBox(), Qt::LeftButton);
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    QCOMPARE(d.messageLabel()->text(), QStringLiteral("✓ Saved profile %1.").arg(name));
    QTRY_VERIFY_WITH_TIMEOUT(!m_workspace->isReadingSecrets() && !m_workspace->config().production, 20000);
    QVERIFY(!badgeShows(*m_bar, QStringLiteral("PRODUCTION")));

    // A second profile with the same name is refused as you type.
    QTest::mouseClick(d.newButton(), Qt::LeftButton);
    QTest::keyClicks(d.nameField(), name);
    QVERIFY(!d.saveButton()->isEnabled());
    QVERIFY(d.validationLabel()->text().startsWith(QStringLiteral("✗ A profile named '%1' already exists.").arg(name)));
    d.selectProfile(name);
    QCOMPARE(d.nameField()->text(), name);
    QCOMPARE(d.nangoBaseField()->text(), QStringLiteral("https://nango.example.com"));

    // Records and actions: the fields appear with the mapping, and what they say is saved.
    QVERIFY(d.recordsBox()->isHidden());
    d.mappingField()->setCurrentIndex(
        d.mappingField()->findData(Profile::mappingKey(Profile::NangoMapping::RecordsAndActions)));
    QVERIFY(!d.recordsBox()->isHidden());
    QTest::keyClicks(d.recordsField(QStringLiteral("crmIntegration")), QStringLiteral("hubspot"));
    QTest::keyClicks(d.recordsField(QStringLiteral("crmConnection")), QStringLiteral("hubspot-acme"));
    QVERIFY(d.saveButton()->isEnabled());
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    const auto mapped = m_workspace->profiles().profile(name);
    QVERIFY(mapped);
    QCOMPARE(mapped->nangoMapping, Profile::NangoMapping::RecordsAndActions);
    QCOMPARE(mapped->crmRecords,
        (RecordsMapping { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("Contact"),
            QStringLiteral("create-contact") })); // empty model and action fields: the defaults

    // A setting the dialog does not show (set with the CLI) survives a save from it.
    Profile older = *mapped;
    older.panoraBearerAuth = true;
    QVERIFY(!m_workspace->profiles().save(older));
    d.selectProfile(name);
    QCOMPARE(d.recordsField(QStringLiteral("crmConnection"))->text(), QStringLiteral("hubspot-acme"));
    QTest::mouseClick(d.productionBox(), Qt::LeftButton);
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    QVERIFY(m_workspace->profiles().profile(name)->panoraBearerAuth);
}

void TestProfilesDialog::setAndClearSecrets()
{
    ProfilesDialog &d = *m_dialog;
    const QString name = unique(QStringLiteral("uidev"));
    d.selectProfile(name);
    for (const QString &s : SecretStore::secretNames())
        QTRY_COMPARE_WITH_TIMEOUT(d.secretStatus(s)->text(), QStringLiteral("not stored"), 20000);
    QVERIFY(!d.clearSecretButton(QStringLiteral("nango-key"))->isEnabled());

    QTest::mouseClick(d.setSecretButton(QStringLiteral("nango-key")), Qt::LeftButton);
    QPointer<SecretDialog> secret = d.secretDialog();
    QVERIFY(secret);
    QTRY_VERIFY(secret->isVisible());
    QCOMPARE(secret->profile(), name);
    QCOMPARE(secret->valueField()->echoMode(), QLineEdit::Password);
    QVERIFY(!secret->storeButton()->isEnabled());
    QTest::keyClicks(secret->valueField(), m_nangoKey);
    secret->showAction()->trigger(); // the show toggle
    QCOMPARE(secret->valueField()->echoMode(), QLineEdit::Normal);
    secret->showAction()->trigger();
    QCOMPARE(secret->valueField()->echoMode(), QLineEdit::Password);
    QTest::mouseClick(secret->storeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(secret.isNull(), 20000); // closed (and deleted) once stored
    QTRY_COMPARE_WITH_TIMEOUT(d.secretStatus(QStringLiteral("nango-key"))->text(), QStringLiteral("stored"), 20000);
    QCOMPARE(d.secretStatus(QStringLiteral("panora-key"))->text(), QStringLiteral("not stored"));
    QCOMPARE(d.messageLabel()->text(),
        QStringLiteral("✓ Stored the Nango secret key of profile %1 in the keychain.").arg(name));
    QCOMPARE(keychainValue(name, QStringLiteral("nango-key")), m_nangoKey);
    QVERIFY(!everythingShown(&d).contains(m_nangoKey));
    QVERIFY(!everythingShown(&d).contains(QStringLiteral("5f2c…6666"))); // not even masked: only "stored"
    // The Workspace picked it up from the keychain.
    QTRY_COMPARE_WITH_TIMEOUT(m_workspace->config().nangoKey.source, ValueSource::Keychain, 20000);

    // Clear.
    QVERIFY(d.clearSecretButton(QStringLiteral("nango-key"))->isEnabled());
    QTest::mouseClick(d.clearSecretButton(QStringLiteral("nango-key")), Qt::LeftButton);
    QVERIFY(d.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(d.secretStatus(QStringLiteral("nango-key"))->text(), QStringLiteral("not stored"), 20000);
    QCOMPARE(d.messageLabel()->text(),
        QStringLiteral("✓ Deleted the Nango secret key of profile %1 from the keychain.").arg(name));
    QVERIFY(SecretStore::isNotFound(waitForJob(m_secrets.read(name, QStringLiteral("nango-key"))).error));
}

void TestProfilesDialog::renameMovesTheSecrets()
{
    ProfilesDialog &d = *m_dialog;
    const QString from = unique(QStringLiteral("uidev"));
    const QString to = unique(QStringLiteral("uistaging"));
    QVERIFY(waitForJob(m_secrets.write(from, QStringLiteral("panora-key"), m_nangoKey)).ok());
    d.selectProfile(from);
    QTRY_COMPARE_WITH_TIMEOUT(d.secretStatus(QStringLiteral("panora-key"))->text(), QStringLiteral("stored"), 20000);

    retype(d.nameField(), to);
    QVERIFY(d.saveButton()->isEnabled());
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    QVERIFY(d.isBusy());
    QVERIFY(!d.saveButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 30000);
    QCOMPARE(d.messageLabel()->text(),
        QStringLiteral("✓ Saved profile %1. Renamed from %2; keychain entries moved: Panora API key.").arg(to, from));
    QCOMPARE(m_workspace->profiles().names(), QStringList { to });
    QCOMPARE(m_workspace->profiles().activeName(), to);
    QCOMPARE(d.selectedProfile(), to);
    QCOMPARE(keychainValue(to, QStringLiteral("panora-key")), m_nangoKey);
    QVERIFY(SecretStore::isNotFound(waitForJob(m_secrets.read(from, QStringLiteral("panora-key"))).error));
    QTRY_COMPARE_WITH_TIMEOUT(d.secretStatus(QStringLiteral("panora-key"))->text(), QStringLiteral("stored"), 20000);
}

void TestProfilesDialog::removeIsConfirmedAndDeletesTheSecrets()
{
    ProfilesDialog &d = *m_dialog;
    const QString name = unique(QStringLiteral("uistaging"));
    d.selectProfile(name);
    // Cancel first: nothing happens.
    QTest::mouseClick(d.removeButton(), Qt::LeftButton);
    QPointer<QMessageBox> confirm = d.confirmation();
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    QCOMPARE(confirm->text(), QStringLiteral("Remove profile %1 and delete its secrets from the keychain?").arg(name));
    QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(confirm.isNull());
    QCOMPARE(m_workspace->profiles().names(), QStringList { name });

    QTest::mouseClick(d.removeButton(), Qt::LeftButton);
    confirm = d.confirmation();
    QVERIFY(confirm);
    QAbstractButton *yes = nullptr;
    for (QAbstractButton *b : confirm->buttons()) {
        if (b->text() == QStringLiteral("Remove %1").arg(name))
            yes = b;
    }
    QVERIFY(yes);
    QTRY_VERIFY(confirm->isVisible());
    QTest::mouseClick(yes, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(
        !d.isBusy() && d.profileList()->count() == 0, qPrintable(d.messageLabel()->text()), 30000);
    QCOMPARE(d.messageLabel()->text(), QStringLiteral("✓ Removed profile %1 and its keychain entries.").arg(name));
    QVERIFY(m_workspace->profiles().names().isEmpty());
    QVERIFY(SecretStore::isNotFound(waitForJob(m_secrets.read(name, QStringLiteral("panora-key"))).error));
    QCOMPARE(d.saveButton()->text(), QStringLiteral("&Create")); // back to a new profile
}

void TestProfilesDialog::setActive()
{
    ProfilesDialog &d = *m_dialog;
    const QString a = unique(QStringLiteral("uidev"));
    const QString b = unique(QStringLiteral("uistaging"));
    for (const QString &name : { a, b }) {
        QTest::mouseClick(d.newButton(), Qt::LeftButton);
        QTest::keyClicks(d.nameField(), name);
        QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    }
    QCOMPARE(m_workspace->profiles().activeName(), a); // the first one
    d.selectProfile(b);
    QVERIFY(d.activateButton()->isEnabled());
    QTest::mouseClick(d.activateButton(), Qt::LeftButton);
    QCOMPARE(m_workspace->profiles().activeName(), b);
    QCOMPARE(d.messageLabel()->text(), QStringLiteral("✓ %1 is now the active profile.").arg(b));
    QVERIFY(!d.activateButton()->isEnabled());
    QCOMPARE(listTexts(d.profileList()), (QStringList { a, QStringLiteral("%1 (active)").arg(b) }));
    QTRY_COMPARE_WITH_TIMEOUT(m_workspace->config().profileName, b, 20000);
    QCOMPARE(m_bar->profileCombo()->currentData().toString(), b);
}

// Switching from a production profile to another whose key is in the keychain: the keychain answers later, and
// until it does nothing may still go to production. Right after the switch the workspace (and the bar) are the new
// profile's, without its key; when the keychain answers, with it.
void TestProfilesDialog::switchNeverLeavesTheOldProfileInCharge()
{
    const QString prod = unique(QStringLiteral("uiprod"));
    const QString staging = unique(QStringLiteral("uiswitch"));
    Profile p;
    p.name = prod;
    p.nangoBase = QUrl(QStringLiteral("https://prod.example.com"));
    p.production = true;
    QVERIFY(!m_workspace->profiles().save(p));
    p.name = staging;
    p.nangoBase = QUrl(QStringLiteral("https://staging.example.com"));
    p.production = false;
    QVERIFY(!m_workspace->profiles().save(p));
    QVERIFY(waitForJob(m_secrets.write(prod, QStringLiteral("nango-key"), m_prodKey)).ok());
    QVERIFY(waitForJob(m_secrets.write(staging, QStringLiteral("nango-key"), m_stagingKey)).ok());

    m_workspace->useProfile(prod);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_workspace->isReadingSecrets() && m_workspace->config().nangoKey.value == m_prodKey, 20000);
    QVERIFY(m_workspace->config().production);
    QVERIFY(badgeShows(*m_bar, QStringLiteral("PRODUCTION")));

    m_workspace->useProfile(staging);
    // No event has been processed yet, so the keychain cannot have answered.
    QVERIFY(m_workspace->isReadingSecrets());
    const ResolvedConfig &gap = m_workspace->config();
    QCOMPARE(gap.profileName, staging);
    QVERIFY(!gap.production);
    QCOMPARE(gap.nangoBase.value, QStringLiteral("https://staging.example.com"));
    QVERIFY(!gap.nangoKey.isSet());
    QVERIFY(m_workspace->clients());
    QVERIFY(!badgeShows(*m_bar, QStringLiteral("PRODUCTION")));
    auto *keychainLabel = m_bar->findChild<QLabel *>(QStringLiteral("secretsError"));
    QVERIFY(keychainLabel && !keychainLabel->isHidden());
    QCOMPARE(keychainLabel->text(), QStringLiteral("⋯ Reading %1's secrets from the keychain…").arg(staging));

    QTRY_VERIFY_WITH_TIMEOUT(!m_workspace->isReadingSecrets(), 20000);
    QCOMPARE(m_workspace->config().nangoKey.value, m_stagingKey);
    QCOMPARE(m_workspace->config().profileName, staging);
    QVERIFY(keychainLabel->isHidden());
}

// With the records mapping shown, Tab walks the form as it reads on screen: the records fields right after Mapping,
// then the check boxes, then Save (they used to come after Save, from their order of creation).
void TestProfilesDialog::tabFollowsTheForm()
{
    ProfilesDialog &d = *m_dialog;
    QTest::mouseClick(d.newButton(), Qt::LeftButton);
    d.mappingField()->setCurrentIndex(
        d.mappingField()->findData(Profile::mappingKey(Profile::NangoMapping::RecordsAndActions)));
    QVERIFY(!d.recordsBox()->isHidden());
    retype(d.nameField(), unique(QStringLiteral("uitab")));
    d.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&d));
    d.mappingField()->setFocus(Qt::TabFocusReason);
    QStringList names;
    for (int i = 0; i < 10; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        names << focusedName();
    }
    QCOMPARE(names.join(QStringLiteral(" | ")),
        QStringLiteral("Contacts integration | Contacts connection | Contact model | Create action | "
                       "Employees integration | Employees connection | Employee model | "
                       "Production — sends through it ask for confirmation | "
                       "Allow plain http:// to other hosts (not recommended) | Create"));
}

// Look up asks the profile's own Nango (not the profile in use: none is active here) what the integration has
// deployed, with the key from the keychain: the model and action lists offer the syncs' models and the actions, and
// the line under the fields names them and warns about a model no sync saves.
void TestProfilesDialog::lookUpOffersWhatTheIntegrationDeployed()
{
    SandboxFixture fixture;
    QVERIFY(fixture.isReady());
    const QString name = unique(QStringLiteral("uilookup"));
    Profile p;
    p.name = name;
    p.nangoBase = QUrl(fixture.config().nangoBase.value);
    p.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    p.crmRecords = { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("Deal"), {} };
    QVERIFY(!m_workspace->profiles().save(p));
    QVERIFY(waitForJob(m_secrets.write(name, QStringLiteral("nango-key"), fixture.config().nangoKey.value)).ok());
    QVERIFY(m_workspace->config().profileName != name);

    ProfilesDialog &d = *m_dialog;
    d.selectProfile(name);
    QCOMPARE(d.recordsField(QStringLiteral("crmIntegration"))->text(), QStringLiteral("hubspot"));
    QPushButton *lookUp = d.lookUpButton(QStringLiteral("crm"));
    QVERIFY(lookUp->isEnabled());
    QVERIFY(!d.lookUpButton(QStringLiteral("hr"))->isEnabled()); // no employees integration given
    QVERIFY(d.discoveredLabel()->isHidden());
    const qsizetype before = fixture.sandbox().requests(QStringLiteral("nango")).size();

    QTest::mouseClick(lookUp, Qt::LeftButton);
    QVERIFY(d.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 20000);
    QCOMPARE(
        d.messageLabel()->text(), QStringLiteral("hubspot: 3 functions found; the model and action fields list them."));

    const auto items = [](const QComboBox *combo) {
        QStringList out;
        for (int i = 0; i < combo->count(); ++i)
            out << combo->itemText(i);
        return out.join(QLatin1Char(','));
    };
    QCOMPARE(items(d.choiceField(QStringLiteral("contactModel"))), QStringLiteral("Contact,Company"));
    QCOMPARE(items(d.choiceField(QStringLiteral("createContactAction"))), QStringLiteral("create-contact"));
    QCOMPARE(items(d.choiceField(QStringLiteral("employeeModel"))), QString());
    // What the profile says stays until the user picks: the list only offers.
    QCOMPARE(d.recordsField(QStringLiteral("contactModel"))->text(), QStringLiteral("Deal"));
    QVERIFY(!d.discoveredLabel()->isHidden());
    const QString shown = d.discoveredLabel()->text();
    QVERIFY2(shown.contains(QStringLiteral("syncs contacts → Contact, companies → Company")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("actions create-contact")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("No sync saves the model Deal.")), qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("No action")), qPrintable(shown)); // create-contact, the default, exists

    // One request per page, with the profile's key, asking for 100 a page.
    const QList<sandbox::RecordedRequest> sent = fixture.sandbox().requests(QStringLiteral("nango")).mid(before);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().path, QStringLiteral("/integrations/hubspot/functions"));
    QCOMPARE(sent.first().query, QByteArray("page=0&limit=100"));
    QCOMPARE(sent.first().header("authorization"), "Bearer " + fixture.config().nangoKey.value.toUtf8());

    // Picking from the list is what gets saved.
    QComboBox *model = d.choiceField(QStringLiteral("contactModel"));
    model->setCurrentIndex(1);
    QCOMPARE(d.recordsField(QStringLiteral("contactModel"))->text(), QStringLiteral("Company"));
    QTest::mouseClick(d.saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_workspace->profiles().profile(name)->crmRecords.model, QStringLiteral("Company"), 10000);

    // Another profile shown: what was found about this one is gone.
    d.selectProfile(QString());
    QVERIFY(d.discoveredLabel()->isHidden());
    QCOMPARE(d.choiceField(QStringLiteral("contactModel"))->count(), 0);
    QVERIFY(!d.lookUpButton(QStringLiteral("crm"))->isEnabled()); // a new profile has no saved settings to ask with
}

void TestProfilesDialog::lookUpWithoutAKeySaysSo()
{
    const QString name = unique(QStringLiteral("uilookup")) + QStringLiteral("nokey");
    Profile p;
    p.name = name;
    p.nangoBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
    p.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    p.hrRecords = { QStringLiteral("bamboohr-basic"), QStringLiteral("bamboohr-acme"), {}, {} };
    QVERIFY(!m_workspace->profiles().save(p));

    ProfilesDialog &d = *m_dialog;
    d.selectProfile(name);
    QPushButton *lookUp = d.lookUpButton(QStringLiteral("hr"));
    QVERIFY(lookUp->isEnabled());
    QTest::mouseClick(lookUp, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 20000);
    QVERIFY2(d.messageLabel()->text().contains(QStringLiteral("The profile '%1' has no Nango secret key.").arg(name)),
        qPrintable(d.messageLabel()->text()));
    QVERIFY(d.discoveredLabel()->isHidden());
}

CROSSLINE_KEYCHAIN_TEST_MAIN(TestProfilesDialog)
#include "tst_profilesdialog.moc"
