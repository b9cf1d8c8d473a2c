// The Browser against the sandbox: rows load as the user scrolls, search filters what is loaded, the detail pane
// shows the fields, New contact validates and creates (in the form's words, its labels with working mnemonics),
// Export writes every row (or nothing when cancelled).
#include "dialogs/createcontactdialog.h"
#include "models/modelroles.h"
#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"
#include "pages/browserpage.h"
#include "workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace crossline;

class TestBrowserPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstPageThenMoreOnScroll();
    void searchFiltersLoadedRows();
    void searchIgnoresCaseBeyondAscii();
    void detailShowsFields();
    void searchHidingTheSelectedRowClearsTheDetail();
    void sortingOrdersEveryLoadedRow();
    void employeesAndNango();
    void createContactValidatesAndCreates();
    void createContactSpeaksTheFormsWords();
    void searchSaysWhatItCoversAndLoadsNothingByItself();
    void createdContactIsShownAndSelected();
    void exportEverything();
    void excelFriendlyExport();
    void syncedRecordsOfARealNango();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<BrowserPage> m_page;
};

void TestBrowserPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_browserpage"));
    m_workspace = std::make_unique<Workspace>();
    QVERIFY(m_workspace->startSandbox());
    m_page = std::make_unique<BrowserPage>(m_workspace.get());
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestBrowserPage::firstPageThenMoreOnScroll()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() >= 100, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    const int first = m_page->model()->loadedCount();
    QVERIFY2(
        m_page->footer()->text().contains(QStringLiteral("more as you scroll")), qPrintable(m_page->footer()->text()));
    // Scroll to the bottom as a person would: the view asks the model for more.
    QScrollBar *bar = m_page->table()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0, 10000); // the view has laid out the first page
    bar->setValue(bar->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > first, 10000);
}

void TestBrowserPage::searchFiltersLoadedRows()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    const QString name = m_page->table()->model()->index(3, 0).data().toString();
    QVERIFY(!name.isEmpty());
    QTest::keyClicks(m_page->searchField(), name);
    QVERIFY(m_page->table()->model()->rowCount() >= 1);
    QVERIFY(m_page->table()->model()->rowCount() < m_page->model()->loadedCount());
    QCOMPARE(m_page->table()->model()->index(0, 0).data().toString(), name);
    m_page->searchField()->clear();
}

// The search text is lower-cased once per row; what is typed is matched whatever its case, accents included.
void TestBrowserPage::searchIgnoresCaseBeyondAscii()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    PagedRecordsModel *model = m_page->model();
    QAbstractItemModel *view = m_page->table()->model();
    for (const QString &name : { QStringLiteral("Müller"), QStringLiteral("Søren") }) {
        int expected = 0;
        for (int r = 0; r < model->loadedCount(); ++r)
            expected += model->index(r, 0).data(SearchTextRole).toString().contains(name.toLower());
        QVERIFY2(expected > 0, qPrintable(name)); // the seed has such names among the first rows
        for (const QString &typed : { name.toUpper(), name.toLower(), name }) {
            m_page->searchField()->setText(typed);
            QCOMPARE(view->rowCount(), expected);
            for (int r = 0; r < view->rowCount(); ++r)
                QVERIFY(view->index(r, 0).data(SearchTextRole).toString().contains(name.toLower()));
        }
    }
    m_page->searchField()->clear();
    QCOMPARE(view->rowCount(), model->loadedCount());
}

void TestBrowserPage::detailShowsFields()
{
    m_page->table()->selectRow(0);
    QTreeWidget *fields = m_page->fields();
    QVERIFY(fields->topLevelItemCount() > 3);
    QStringList keys;
    for (int i = 0; i < fields->topLevelItemCount(); ++i)
        keys << fields->topLevelItem(i)->text(0);
    QVERIFY(keys.contains(QStringLiteral("first_name")));
    QVERIFY(keys.contains(QStringLiteral("id")));
}

void TestBrowserPage::searchHidingTheSelectedRowClearsTheDetail()
{
    m_page->table()->selectRow(0);
    QVERIFY(m_page->fields()->topLevelItemCount() > 3);
    const QString id = m_page->table()->model()->index(0, 0).data(IdRole).toString();
    m_page->searchField()->setText(id); // the row stays: so does its detail
    QCOMPARE(m_page->table()->model()->rowCount(), 1);
    QVERIFY(m_page->fields()->topLevelItemCount() > 3);
    m_page->searchField()->setText(QStringLiteral("no contact has this zqxjv"));
    QCOMPARE(m_page->table()->model()->rowCount(), 0);
    QCOMPARE(m_page->fields()->topLevelItemCount(), 0);
    m_page->searchField()->clear();
    m_page->table()->clearSelection();
}

// A click on a header sorts every loaded row (names as text, Created as a date and time, empty cells last), the
// search keeps that order, rows that arrive later take their place in it, and the server's order comes back.
void TestBrowserPage::sortingOrdersEveryLoadedRow()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    PagedRecordsModel *model = m_page->model();
    QAbstractItemModel *view = m_page->table()->model();
    auto inOrder = [view](int column) {
        for (int r = 1; r < view->rowCount(); ++r) {
            const QVariant a = view->index(r - 1, column).data(SortRole);
            const QVariant b = view->index(r, column).data(SortRole);
            if (!b.isValid())
                continue; // empty cells last
            if (!a.isValid())
                return false;
            const bool ordered = a.typeId() == QMetaType::QDateTime ? a.toDateTime() <= b.toDateTime()
                                                                    : a.toString().compare(b.toString()) <= 0;
            if (!ordered)
                return false;
        }
        return true;
    };
    QHeaderView *header = m_page->table()->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(0) + header->sectionSize(0) / 2, header->height() / 2));
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view);
    QVERIFY(proxy);
    QCOMPARE(proxy->sortColumn(), 0);
    QCOMPARE(proxy->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(view->rowCount(), model->loadedCount());
    QVERIFY(inOrder(0));
    const QString first = view->index(0, 0).data().toString();
    QStringList names;
    for (int r = 0; r < model->loadedCount(); ++r)
        names << model->index(r, 0).data().toString();
    std::sort(names.begin(), names.end());
    QCOMPARE(first, names.first());

    // Searching while sorted keeps the order; clearing brings every row back, in order.
    const QString surname = view->index(view->rowCount() / 2, 0).data().toString().section(QLatin1Char(' '), -1);
    m_page->searchField()->setText(surname);
    QVERIFY(view->rowCount() > 0 && view->rowCount() < model->loadedCount());
    QVERIFY(inOrder(0));
    m_page->searchField()->clear();
    QCOMPARE(view->rowCount(), model->loadedCount());
    QVERIFY(inOrder(0));

    // A page that arrives while sorted: its rows land in order.
    const int before = model->loadedCount();
    model->fetchMore(QModelIndex());
    QTRY_VERIFY_WITH_TIMEOUT(model->loadedCount() > before && !model->isLoading(), 10000);
    QCOMPARE(view->rowCount(), model->loadedCount());
    QVERIFY(inOrder(0));

    // Descending, then by Created (a date and time), then the server's order again.
    m_page->table()->sortByColumn(0, Qt::DescendingOrder);
    QString last;
    for (int r = 0; r < model->loadedCount(); ++r)
        last = std::max(last, model->index(r, 0).data().toString());
    QCOMPARE(view->index(0, 0).data().toString(), last);
    for (int r = 1; r < view->rowCount(); ++r)
        QVERIFY(view->index(r - 1, 0).data().toString().compare(view->index(r, 0).data().toString()) >= 0);
    const int created = RecordColumns::indexOf(QStringLiteral("crm.contact"), QStringLiteral("created"));
    m_page->table()->sortByColumn(created, Qt::AscendingOrder);
    QVERIFY(inOrder(created));
    m_page->table()->sortByColumn(-1, Qt::AscendingOrder);
    for (int r = 0; r < view->rowCount(); ++r)
        QCOMPARE(view->index(r, 0).data(IdRole).toString(), model->index(r, 0).data(IdRole).toString());
}

void TestBrowserPage::employeesAndNango()
{
    QCOMPARE(m_page->kindTabs()->tabText(1), QStringLiteral("Employees")); // from the resource registry
    m_page->kindTabs()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
    QCOMPARE(m_page->table()->model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Status"));
    m_page->providerCombo()->setCurrentIndex(1); // Nango compatible paths
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
    QCOMPARE(m_workspace->sandbox()->requests(QStringLiteral("nango")).last().path, QStringLiteral("/hris/employees"));
    m_page->providerCombo()->setCurrentIndex(0);
    m_page->kindTabs()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
}

void TestBrowserPage::createContactValidatesAndCreates()
{
    CreateContactDialog dialog(m_workspace.get(), QStringLiteral("panora"));
    dialog.show();
    QVERIFY(!dialog.createButton()->isEnabled());
    QTest::keyClicks(dialog.firstNameField(), QStringLiteral("Ada"));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("Last name is required")));
    QTest::keyClicks(dialog.lastNameField(), QStringLiteral("Lovelace"));
    QTest::keyClicks(dialog.emailField(), QStringLiteral("ada@"));
    QVERIFY2(dialog.messageLabel()->text().contains(QStringLiteral("not an email")),
        qPrintable(dialog.messageLabel()->text()));
    QVERIFY(!dialog.createButton()->isEnabled());
    QTest::keyClicks(dialog.emailField(), QStringLiteral("example.com"));
    QTest::keyClicks(dialog.phoneField(), QStringLiteral("abc"));
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.phoneField()->clear();
    QTest::keyClicks(dialog.phoneField(), QStringLiteral("+44 7700 900123"));
    QVERIFY(dialog.createButton()->isEnabled());
    QSignalSpy created(&dialog, &CreateContactDialog::created);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QVERIFY(created.wait(10000));
    const auto post = m_workspace->sandbox()->requests(QStringLiteral("panora")).last();
    QCOMPARE(post.method, QByteArray("POST"));
    QVERIFY2(post.body.contains("\"phone_number\":\"+447700900123\""), post.body.constData());
    QVERIFY(post.body.contains("\"email_address\":\"ada@example.com\""));
}

// The labels are "Email:" and "Phone:" with Alt+E / Alt+P, not "&Email:"; a bad address is named by its label,
// not by the payload's field path.
void TestBrowserPage::createContactSpeaksTheFormsWords()
{
    CreateContactDialog dialog(m_workspace.get(), QStringLiteral("panora"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    for (QLineEdit *field : { dialog.emailField(), dialog.phoneField() }) {
        QLabel *label = nullptr;
        for (auto *l : dialog.findChildren<QLabel *>()) {
            if (l->buddy() == field)
                label = l;
        }
        QVERIFY2(label, qPrintable(field->accessibleName()));
        QCOMPARE(label->text(), field == dialog.emailField() ? QStringLiteral("&Email:") : QStringLiteral("&Phone:"));
    }
    QTest::keyClicks(dialog.firstNameField(), QStringLiteral("Ana"));
    QTest::keyClicks(dialog.lastNameField(), QStringLiteral("Lima"));
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClick(&dialog, Qt::Key_E, Qt::AltModifier); // the mnemonic reaches the field
    QCOMPARE(QApplication::focusWidget(), dialog.emailField());
    QTest::keyClicks(dialog.emailField(), QStringLiteral("ana@@example"));
    QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("✗ Email: \"ana@@example\" is not an email address."));
    QVERIFY(!dialog.createButton()->isEnabled());
}

// A search covers the rows loaded so far, and says so with its count; it does not quietly load page after page to
// fill the view (it used to go from 300 to 1,600 rows), more comes only when asked for.
void TestBrowserPage::searchSaysWhatItCoversAndLoadsNothingByItself()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    QVERIFY(m_page->model()->hasMore());
    QAbstractItemModel *view = m_page->table()->model();
    QVERIFY(view->canFetchMore(QModelIndex()));
    const QString name = view->index(2, 0).data().toString();
    m_page->searchField()->setText(name);
    QVERIFY(!view->canFetchMore(QModelIndex()));
    const int loaded = m_page->model()->loadedCount();
    const QString footer = m_page->footer()->text();
    QVERIFY2(footer.startsWith(QStringLiteral("%1 match").arg(view->rowCount())), qPrintable(footer));
    QVERIFY2(footer.contains(QStringLiteral("among the %1 contacts loaded · the search covers loaded rows only")
                                 .arg(QLocale().toString(loaded))),
        qPrintable(footer));
    // "load more" loads one page, and the search goes on over it.
    m_page->footer()->linkActivated(QStringLiteral("more"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > loaded, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    QVERIFY(m_page->footer()->text().contains(QLocale().toString(m_page->model()->loadedCount())));
    m_page->searchField()->clear();
    QVERIFY(view->canFetchMore(QModelIndex()));
    QVERIFY2(
        m_page->footer()->text().contains(QStringLiteral("more as you scroll")), qPrintable(m_page->footer()->text()));
}

// A contact created from the page is in the list at once, selected, even though the provider's pages have not
// reached it, and even when the search would have hidden it; a later page that brings it does not show it twice.
void TestBrowserPage::createdContactIsShownAndSelected()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    m_page->searchField()->setText(QStringLiteral("no such contact anywhere"));
    QCOMPARE(m_page->table()->model()->rowCount(), 0);
    m_page->openCreateContact();
    CreateContactDialog *dialog = m_page->createDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->firstNameField(), QStringLiteral("Grace"));
    QTest::keyClicks(dialog->lastNameField(), QStringLiteral("Hopper"));
    QTest::keyClicks(dialog->emailField(), QStringLiteral("grace@example.com"));
    QSignalSpy created(dialog, &CreateContactDialog::created);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(created.wait(10000));
    const QString id = created.first().first().toJsonObject().value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());

    QCOMPARE(m_page->searchField()->text(), QString());
    const QModelIndexList selected = m_page->table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(IdRole).toString(), id);
    QCOMPARE(m_page->model()->rowOfId(id), m_page->model()->loadedCount() - 1);

    // Every page, to the end: the record comes once.
    QSignalSpy done(m_page->model(), &PagedRecordsModel::fetchAllFinished);
    m_page->model()->fetchAll();
    QVERIFY(done.wait(30000));
    int times = 0;
    for (int r = 0; r < m_page->model()->loadedCount(); ++r)
        times += m_page->model()->index(r, 0).data(IdRole).toString() == id;
    QCOMPARE(times, 1);
}

void TestBrowserPage::exportEverything()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    QSignalSpy done(m_page.get(), &BrowserPage::exportFinished);
    m_page->exportCsv(path, true);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toString().startsWith(QStringLiteral("Exported")),
        qPrintable(done.first().first().toString()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(csv.startsWith("Name,Email,Phone,Created,Id\r\n"));
    QCOMPARE(int(csv.count("\r\n")),
        m_workspace->sandbox()->contactCount() + 1); // every contact (the one created above too) + the header
}

void TestBrowserPage::excelFriendlyExport()
{
    // The export question offers an Excel-friendly file: UTF-8 with a byte-order mark, so "Müller" opens right.
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("excel.csv"));
    QSignalSpy done(m_page.get(), &BrowserPage::exportFinished);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_page->findChild<QMessageBox *>()) && box->isVisible());
    QVERIFY(box->checkBox());
    QVERIFY(!box->checkBox()->isChecked()); // plain UTF-8 unless asked
    box->checkBox()->setChecked(true);
    QAbstractButton *loaded = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (b->text() == QLatin1String("What is loaded"))
            loaded = b;
    }
    QVERIFY(loaded);
    QTest::mouseClick(loaded, Qt::LeftButton);
    QFileDialog *files = nullptr;
    QTRY_VERIFY((files = m_page->findChild<QFileDialog *>()) && files->isVisible());
    Q_EMIT files->fileSelected(path);
    files->close();
    QVERIFY(done.wait(20000));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("\xEF\xBB\xBFName,Email,Phone,Created,Id\r\n"));
}

void TestBrowserPage::syncedRecordsOfARealNango()
{
    // A profile mapped to a deployed Nango's synced records (the sandbox in its real-Nango mode): the Browser pages
    // them, strikes deleted ones through, shows the sync's state and runs it on request.
    sandbox::Sandbox real;
    QVERIFY(real.start());
    real.setRealNango(true);
    qputenv("NANGO_SECRET_KEY", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    const auto unset = qScopeGuard([] { qunsetenv("NANGO_SECRET_KEY"); });
    Workspace workspace;
    Profile p;
    p.name = QStringLiteral("real-nango");
    p.nangoBase = real.nangoBaseUrl();
    p.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    p.crmRecords.integration = QStringLiteral("hubspot");
    p.crmRecords.connectionId = QStringLiteral("hubspot-acme");
    const Error saved = workspace.profiles().save(p);
    QVERIFY2(!saved, qPrintable(saved.summary()));

    BrowserPage page(&workspace);
    page.resize(1200, 700);
    page.show();
    QSignalSpy status(&page, &BrowserPage::statusMessage);
    QCOMPARE(page.providerCombo()->currentText(), QStringLiteral("Panora")); // nothing configured yet
    workspace.useProfile(p.name);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets() && workspace.isConfigured(), 20000);
    // The profile maps contacts to Nango's records: the page turns to them (and a page made now opens on them).
    QCOMPARE(page.providerCombo()->currentText(), QStringLiteral("Nango"));
    QCOMPARE(page.model()->source().provider, RecordSource::Provider::Nango);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->loadedCount() > 0 && !page.model()->isLoading(), 10000);
    bool listedRecords = false;
    for (const auto &r : real.requests(QStringLiteral("nango")))
        listedRecords = listedRecords || r.path == QLatin1String("/records");
    QVERIFY(listedRecords); // GET /records, not /crm/contacts
    QVERIFY(page.syncLine()->isVisible() && page.syncButton()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(page.syncLine()->text().contains(QStringLiteral("sync contacts: SUCCESS")), 10000);
    QVERIFY(
        page.syncLine()->text().startsWith(QStringLiteral("Synced records of hubspot / hubspot-acme (model Contact)")));

    // contact_149, the 50th record, was deleted in the provider: listed, struck through, and the tooltip says so.
    QTRY_VERIFY_WITH_TIMEOUT(page.table()->verticalScrollBar()->maximum() > 0, 10000); // laid out (slow under ASan)
    page.table()->verticalScrollBar()->setValue(page.table()->verticalScrollBar()->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->loadedCount() >= 50, 10000);
    const QModelIndex deleted = page.table()->model()->index(49, 0);
    QVERIFY(deleted.data(Qt::FontRole).value<QFont>().strikeOut());
    QVERIFY(deleted.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Deleted in the provider on")));
    QVERIFY(!page.table()->model()->index(48, 0).data(Qt::FontRole).value<QFont>().strikeOut());
    // Its detail shows what Nango says of it in place, not "see Raw JSON".
    page.table()->selectRow(49);
    QTreeWidgetItem *meta = nullptr;
    for (int i = 0; i < page.fields()->topLevelItemCount(); ++i) {
        if (page.fields()->topLevelItem(i)->text(0) == QLatin1String("_nango_metadata"))
            meta = page.fields()->topLevelItem(i);
    }
    QVERIFY(meta);
    QVERIFY(meta->isExpanded());
    QMap<QString, QString> said;
    for (int i = 0; i < meta->childCount(); ++i)
        said.insert(meta->child(i)->text(0), meta->child(i)->text(1));
    QCOMPARE(said.value(QStringLiteral("last_action")), QStringLiteral("DELETED"));
    QVERIFY2(said.value(QStringLiteral("deleted_at")).startsWith(QStringLiteral("20")),
        qPrintable(said.value(QStringLiteral("deleted_at"))));

    // Sync now: POST /sync/trigger, a message, and the state shows it running.
    QTest::mouseClick(page.syncButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !status.isEmpty() && status.last().first().toString().startsWith(QStringLiteral("Sync started")), 10000);
    bool triggered = false;
    for (const auto &r : real.requests(QStringLiteral("nango")))
        triggered = triggered || (r.method == "POST" && r.path == QLatin1String("/sync/trigger"));
    QVERIFY(triggered);
    QTRY_VERIFY_WITH_TIMEOUT(page.syncLine()->text().contains(QStringLiteral("sync contacts: RUNNING")), 10000);

    // The model list holds what the integration's syncs save (asked once), the profile's first; picking Company
    // lists its records, and New contact (its action makes contacts) waits for the Contact list again.
    QComboBox *models = page.modelCombo();
    QVERIFY(models->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(models->count(), 2, 10000);
    QCOMPARE(models->itemText(0), QStringLiteral("Contact"));
    QCOMPARE(models->itemText(1), QStringLiteral("Company"));
    QCOMPARE(models->currentIndex(), 0);
    real.clearRequests();
    models->setFocus();
    QTest::keyClick(models, Qt::Key_Down); // as a user picks: activated, not only a new index
    QCOMPARE(models->currentText(), QStringLiteral("Company"));
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->loadedCount() > 0 && !page.model()->isLoading(), 10000);
    QCOMPARE(page.model()->recordAt(0).value(QLatin1String("id")).toString(), QStringLiteral("company_100"));
    QStringList asked;
    for (const auto &r : real.requests(QStringLiteral("nango"))) {
        if (r.path == QLatin1String("/records"))
            asked << QString::fromLatin1(r.query);
    }
    QVERIFY2(
        !asked.isEmpty() && asked.first().startsWith(QStringLiteral("model=Company")), qPrintable(asked.join(u' ')));
    QVERIFY(
        page.syncLine()->text().startsWith(QStringLiteral("Synced records of hubspot / hubspot-acme (model Company)")));
    // The state shown is that of the sync saving Company, not every sync of the integration.
    QTRY_VERIFY_WITH_TIMEOUT(page.syncLine()->text().contains(QStringLiteral("sync companies: ")), 10000);
    QVERIFY2(!page.syncLine()->text().contains(QStringLiteral("sync contacts")), qPrintable(page.syncLine()->text()));
    QPushButton *create = page.createButton();
    QVERIFY(!create->isEnabled());
    QTest::keyClick(models, Qt::Key_Up);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->loadedCount() > 0 && !page.model()->isLoading(), 10000);
    QVERIFY(page.model()->recordAt(0).value(QLatin1String("id")).toString().startsWith(QLatin1String("contact_")));
    QVERIFY(create->isEnabled());
    int functionCalls = 0;
    for (const auto &r : real.requests(QStringLiteral("nango")))
        functionCalls += r.path == QLatin1String("/integrations/hubspot/functions");
    QCOMPARE(functionCalls, 0); // picking a model does not ask again

    QCOMPARE(BrowserPage(&workspace).providerCombo()->currentText(), QStringLiteral("Nango")); // opens on them
    workspace.profiles().remove(p.name);
}

QTEST_MAIN(TestBrowserPage)
#include "tst_browserpage.moc"
