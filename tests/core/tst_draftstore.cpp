// DraftStore: save, overwrite, list, remove and restore after a restart; each profile has drafts of its own under
// the same keys. The store is built on a HistoryDatabase alone (no other store needed).
#include "history/draftstore.h"
#include "history/historydatabase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline;

namespace {
const QString kProfile = QStringLiteral("sandbox");
}

class TestDraftStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void drafts();
    void draftsAreScopedByProfile();
    void closedDatabaseKeepsNothing();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/crossline.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDraftStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDraftStore::drafts()
{
    {
        HistoryDatabase db(dbPath());
        QVERIFY(!db.open());
        DraftStore store(db);
        QSignalSpy changed(&store, &DraftStore::changed);
        QVERIFY(store.load(kProfile, QStringLiteral("sms")).isEmpty());
        QVERIFY(!store.updatedAt(kProfile, QStringLiteral("sms")).isValid());
        const QJsonObject first { { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Hi") } };
        QVERIFY(!store.save(kProfile, QStringLiteral("sms"), first));
        QCOMPARE(store.load(kProfile, QStringLiteral("sms")), first);
        QVERIFY(store.updatedAt(kProfile, QStringLiteral("sms")).isValid());
        const QJsonObject second { { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Hi there") } };
        QVERIFY(!store.save(kProfile, QStringLiteral("sms"), second)); // overwrite
        QVERIFY(!store.save(kProfile, QStringLiteral("whatsapp/conn_abc123"),
            QJsonObject { { QStringLiteral("template"), QStringLiteral("hello_world") } }));
        QCOMPARE(store.load(kProfile, QStringLiteral("sms")), second);
        QCOMPARE(store.keys(kProfile), (QStringList { QStringLiteral("sms"), QStringLiteral("whatsapp/conn_abc123") }));
        QCOMPARE(changed.size(), 3);
    }
    // Restored after a restart.
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open());
    DraftStore store(db);
    QSignalSpy changed(&store, &DraftStore::changed);
    QCOMPARE(store.load(kProfile, QStringLiteral("sms")).value(QLatin1String("body")).toString(),
        QStringLiteral("Hi there"));
    QVERIFY(!store.remove(kProfile, QStringLiteral("sms")));
    QCOMPARE(changed.size(), 1);
    QVERIFY(store.load(kProfile, QStringLiteral("sms")).isEmpty());
    QCOMPARE(store.keys(kProfile), QStringList { QStringLiteral("whatsapp/conn_abc123") });
}

// The same key holds one draft per profile; a profile lists, reads and removes only its own. The profile "" (rows
// written before drafts had profiles) is a profile like the others.
void TestDraftStore::draftsAreScopedByProfile()
{
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open());
    DraftStore store(db);
    const QString key = QStringLiteral("composer.whatsapp");
    const auto draft = [](const QString &body) { return QJsonObject { { QStringLiteral("body"), body } }; };
    QVERIFY(!store.save(QStringLiteral("alpha"), key, draft(QStringLiteral("to alpha's customer"))));
    QVERIFY(!store.save(QStringLiteral("beta"), key, draft(QStringLiteral("to beta's customer"))));
    QVERIFY(!store.save(QStringLiteral("beta"), QStringLiteral("composer.sms"), draft(QStringLiteral("sms"))));
    QVERIFY(!store.save(QString(), key, draft(QStringLiteral("unscoped"))));

    QCOMPARE(store.load(QStringLiteral("alpha"), key), draft(QStringLiteral("to alpha's customer")));
    QCOMPARE(store.load(QStringLiteral("beta"), key), draft(QStringLiteral("to beta's customer")));
    QCOMPARE(store.load(QString(), key), draft(QStringLiteral("unscoped")));
    QVERIFY(store.load(QStringLiteral("gamma"), key).isEmpty());
    QVERIFY(store.load(QStringLiteral("alpha"), QStringLiteral("composer.sms")).isEmpty());
    QCOMPARE(store.keys(QStringLiteral("alpha")), QStringList { key });
    QCOMPARE(store.keys(QStringLiteral("beta")), (QStringList { QStringLiteral("composer.sms"), key }));
    QCOMPARE(store.keys(QString()), QStringList { key });
    QVERIFY(store.keys(QStringLiteral("gamma")).isEmpty());
    QVERIFY(!store.updatedAt(QStringLiteral("gamma"), key).isValid());

    QVERIFY(!store.remove(QStringLiteral("alpha"), key));
    QVERIFY(store.load(QStringLiteral("alpha"), key).isEmpty());
    QCOMPARE(store.load(QStringLiteral("beta"), key), draft(QStringLiteral("to beta's customer")));
    QCOMPARE(store.load(QString(), key), draft(QStringLiteral("unscoped")));
}

void TestDraftStore::closedDatabaseKeepsNothing()
{
    HistoryDatabase db(dbPath());
    DraftStore store(db);
    QSignalSpy changed(&store, &DraftStore::changed);
    const Error e = store.save(kProfile, QStringLiteral("sms"), QJsonObject { { QStringLiteral("body"), 1 } });
    QVERIFY(e.isError());
    QVERIFY2(e.message.contains(QStringLiteral("not open")), qPrintable(e.message));
    QVERIFY(store.keys(kProfile).isEmpty());
    QVERIFY(store.load(kProfile, QStringLiteral("sms")).isEmpty());
    QCOMPARE(changed.size(), 0);
}

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
