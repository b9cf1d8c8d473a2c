// bench_browse (not a test; bench/browse runs it): the Browser page offscreen against the embedded sandbox holding
// many Panora contacts (100,000 unless --contacts=N). It measures what issue 13's Browse target names:
//   - first rows: from opening the page (building and showing it) to the first rows in the view's model, and from
//     choosing the Panora contacts source again (Employees → Contacts) to its first rows;
//   - loading every row by scrolling: the view's scroll bar driven to the bottom each time a page has arrived (the
//     view asks the model for more, as it does for a person scrolling), total time, then VmRSS and VmHWM;
//   - filtering the loaded rows by typing into the search field: pasted queries (a common name, a rare one, one that
//     matches nothing, clearing) and a name typed one key at a time; the time from setting the text until the
//     view's model holds the filtered rows;
//   - a watchdog: a 5 ms timer recording the longest gap between its ticks while pages arrive and while filtering.
// It prints figures with the targets beside them; it asserts nothing.
#include "models/modelroles.h"
#include "models/pagedrecordsmodel.h"
#include "pages/browserpage.h"
#include "sandbox/sandbox.h"
#include "workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace crossline;

namespace {

void row(const QString &name, const QString &value, const QString &target)
{
    // Padded as text, not bytes: "→" and "≤" take one column each.
    std::printf("  %s %s   target %s\n", qPrintable(name.leftJustified(50)), qPrintable(value.rightJustified(12)),
        qPrintable(target));
    std::fflush(stdout);
}

QString ms(double v)
{
    return QString::number(v, 'f', 1) + QStringLiteral(" ms");
}

// VmRSS / VmHWM of this process in MB.
double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

QString mb(double v)
{
    return QString::number(v, 'f', 0) + QStringLiteral(" MB");
}

// A 5 ms timer; the longest gap between two ticks is the longest the event loop was stalled (plus ~5 ms).
class Watchdog : public QObject
{
public:
    Watchdog()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }
    void start()
    {
        m_maxGap = 0;
        m_over50 = 0;
        m_ticks = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop()
    {
        tick();
        m_timer.stop();
    }
    double maxGapMs() const { return m_maxGap / 1e6; }
    int over50() const { return m_over50; }
    int ticks() const { return m_ticks; }

private:
    void tick()
    {
        const qint64 gap = m_clock.nsecsElapsed();
        m_clock.start();
        ++m_ticks;
        m_maxGap = std::max(m_maxGap, gap);
        if (gap > 50'000'000)
            ++m_over50;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_maxGap = 0;
    int m_over50 = 0;
    int m_ticks = 0;
};

// Runs the event loop until pred() holds (checked whenever one of the model's signals fires, and every 2 ms), or the
// timeout passes. Returns whether pred() held.
bool waitUntil(const std::function<bool()> &pred, int timeoutMs, const QList<QAbstractItemModel *> &models = {})
{
    if (pred())
        return true;
    QEventLoop loop;
    auto check = [&] {
        if (pred())
            loop.quit();
    };
    QList<QMetaObject::Connection> connections;
    for (QAbstractItemModel *m : models) {
        connections << QObject::connect(m, &QAbstractItemModel::rowsInserted, &loop, check);
        connections << QObject::connect(m, &QAbstractItemModel::rowsRemoved, &loop, check);
        connections << QObject::connect(m, &QAbstractItemModel::modelReset, &loop, check);
        connections << QObject::connect(m, &QAbstractItemModel::layoutChanged, &loop, check);
    }
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, check);
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    for (const auto &c : connections)
        QObject::disconnect(c);
    return pred();
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

int argValue(const QStringList &args, const QString &name, int fallback)
{
    for (const QString &a : args) {
        if (a.startsWith(name + QLatin1Char('=')))
            return a.mid(name.size() + 1).toInt();
    }
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    // The offscreen platform says, each time a window is shown, that it ignores size hints: noise here.
    static const QtMessageHandler defaultHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (!message.contains(QLatin1String("propagateSizeHints")) && defaultHandler)
            defaultHandler(type, context, message);
    });
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_browse"));
    const QStringList args = app.arguments();
    const int wantedContacts = argValue(args, QStringLiteral("--contacts"), 100000);

    // The sandbox, as MainWindow::startSandbox starts it, but with many contacts.
    sandbox::SandboxSizes sizes;
    sizes.panoraContacts = wantedContacts;
    sandbox::Sandbox emulator(sizes);
    QString error;
    if (!emulator.start(0, &error)) {
        std::fprintf(stderr, "bench_browse: the sandbox did not start: %s\n", qPrintable(error));
        return 1;
    }
    const int contacts = emulator.contactCount();
    // Workspace::startSandbox() starts a sandbox of the default size; the Workspace is pointed at this one through
    // the environment instead: the same URLs and credentials, hence the same clients.
    qputenv("NANGO_API_BASE", emulator.nangoBaseUrl().toString().toUtf8());
    qputenv("NANGO_SECRET_KEY", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    qputenv("PANORA_API_URL", emulator.panoraBaseUrl().toString().toUtf8());
    qputenv("PANORA_API_KEY", sandbox::SandboxCredentials::panoraApiKey().toUtf8());
    qputenv("PANORA_CONNECTION_TOKEN", sandbox::SandboxCredentials::panoraConnectionToken().toUtf8());
    Workspace workspace;
    if (!workspace.isConfigured()) {
        std::fprintf(stderr, "bench_browse: the workspace is not configured for the sandbox\n");
        return 1;
    }
    const double rssSandbox = procStatusMb("VmRSS");
    std::printf("Browse: %s Panora contacts in the embedded sandbox, pages of 100, offscreen\n",
        qPrintable(QLocale::c().toString(contacts)));
    std::printf("  (RSS with the sandbox running, before the page: %s)\n\n", qPrintable(mb(rssSandbox)));

    Watchdog watchdog;

    // In the app the window is up (fonts, style, the first paint) before the Browser opens: a window of the same
    // widgets is shown and closed first, so the figure is the page's own.
    {
        QWidget warm;
        auto *layout = new QVBoxLayout(&warm);
        layout->addWidget(new QLineEdit(QStringLiteral("warm-up"), &warm));
        layout->addWidget(new QTableView(&warm));
        layout->addWidget(new QLabel(QStringLiteral("<a href=\"x\">warm-up</a>"), &warm));
        warm.resize(400, 300);
        warm.show();
        QElapsedTimer w;
        w.start();
        while (w.elapsed() < 200)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }

    // 1. Opening the page: build, show, first rows in the view's model.
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    BrowserPage page(&workspace);
    const double built = clock.nsecsElapsed() / 1e6;
    page.resize(1280, 760);
    page.show();
    const double shown = clock.nsecsElapsed() / 1e6;
    QAbstractItemModel *view = page.table()->model();
    PagedRecordsModel *model = page.model();
    if (!waitUntil([&] { return view->rowCount() > 0; }, 30000, { view })) {
        std::fprintf(stderr, "bench_browse: no rows: %s\n", qPrintable(model->lastError().summary()));
        return 1;
    }
    const double firstOpen = clock.nsecsElapsed() / 1e6;
    watchdog.stop();
    const double firstOpenStall = watchdog.maxGapMs();
    waitUntil([&] { return !model->isLoading(); }, 30000);

    // Choosing the source again: Employees, then Contacts (from Panora) and its first rows; five times.
    std::vector<double> choose;
    for (int i = 0; i < 5; ++i) {
        page.kindTabs()->setCurrentIndex(1);
        waitUntil([&] { return view->rowCount() > 0 && !model->isLoading(); }, 30000, { view });
        clock.start();
        page.kindTabs()->setCurrentIndex(0);
        waitUntil([&] { return view->rowCount() > 0; }, 30000, { view });
        choose.push_back(clock.nsecsElapsed() / 1e6);
        waitUntil([&] { return !model->isLoading(); }, 30000);
    }
    std::printf("First rows\n");
    row(QStringLiteral("open the page → first rows"), ms(firstOpen), QStringLiteral("≤ 100 ms"));
    row(QStringLiteral("  of which building it, showing it"),
        QStringLiteral("%1 + %2 ms").arg(built, 0, 'f', 1).arg(shown - built, 0, 'f', 1), QStringLiteral("—"));
    row(QStringLiteral("choose Panora contacts → first rows (median 5)"), ms(median(choose)),
        QStringLiteral("≤ 100 ms"));
    row(QStringLiteral("  longest stall while opening"), ms(firstOpenStall), QStringLiteral("≤ 50 ms"));

    // 2. Loading every row by scrolling: after each page, the scroll bar goes to the bottom (the view then asks for
    // the next page, as it does when a person drags the bar down).
    QScrollBar *bar = page.table()->verticalScrollBar();
    const double rssBefore = procStatusMb("VmRSS");
    int pages = 0;
    QObject::connect(model, &PagedRecordsModel::pageLoaded, &page, [&] { ++pages; });
    // The view lays the new rows out a moment after they arrive (a delayed layout), and the bar's range grows then:
    // that is when a person dragging it down reaches the new bottom.
    QObject::connect(
        bar, &QScrollBar::rangeChanged, &page, [bar](int, int max) { bar->setValue(max); }, Qt::QueuedConnection);
    clock.start();
    watchdog.start();
    bar->setValue(bar->maximum());
    auto loadedAll = [&] { return model->hasFailed() || (!model->hasMore() && !model->isLoading()); };
    const bool all = waitUntil(loadedAll, 30 * 60 * 1000, {});
    const double loadAll = clock.nsecsElapsed() / 1e6;
    watchdog.stop();
    const double rssAfter = procStatusMb("VmRSS");
    const double hwm = procStatusMb("VmHWM");
    std::printf("\nLoading every row by scrolling\n");
    if (!all || model->hasFailed())
        std::printf("  (stopped early: %s)\n", qPrintable(model->lastError().summary()));
    row(QStringLiteral("rows loaded"), QLocale::c().toString(model->loadedCount()), QString::number(contacts));
    row(QStringLiteral("pages (after the first)"), QString::number(pages), QStringLiteral("—"));
    row(QStringLiteral("time to load every row"), ms(loadAll), QStringLiteral("—"));
    row(QStringLiteral("time per page"), ms(pages ? loadAll / pages : 0), QStringLiteral("—"));
    row(QStringLiteral("RSS after (VmRSS)"), mb(rssAfter), QStringLiteral("≤ 300 MB"));
    row(QStringLiteral("peak RSS (VmHWM)"), mb(hwm), QStringLiteral("≤ 300 MB"));
    row(QStringLiteral("  of which the rows (RSS after − before)"), mb(rssAfter - rssBefore), QStringLiteral("—"));
    row(QStringLiteral("  the sandbox and Qt before the page"), mb(rssSandbox), QStringLiteral("—"));
    row(QStringLiteral("longest stall while pages arrive"), ms(watchdog.maxGapMs()), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("stalls over 50 ms"), QString::number(watchdog.over50()), QStringLiteral("0"));

    // 3. Filtering the loaded rows. The expected count of each query is computed first from the model's search text
    // (what the search matches), then the text is set and the clock runs until the view's model holds that many.
    const int loaded = model->loadedCount();
    auto expectedFor = [&](const QString &query) {
        const QString q = query.toLower();
        int n = 0;
        for (int r = 0; r < loaded; ++r)
            n += model->index(r, 0).data(SearchTextRole).toString().contains(q);
        return n;
    };
    // A common name (the first row's first name), a rare one (one contact's e-mail address), nothing, then clear.
    const QString common = model->index(0, 0).data().toString().section(QLatin1Char(' '), 0, 0);
    const QString rare = model->index(loaded / 2, 1).data().toString();
    struct Query
    {
        QString label;
        QString text;
    };
    const QList<Query> queries { { QStringLiteral("common name \"%1\"").arg(common), common },
        { QStringLiteral("rare (one e-mail address)"), rare }, { QStringLiteral("no match"), QStringLiteral("zqxjv") },
        { QStringLiteral("clear"), QString() } };
    // The expected counts first, outside the watchdog's watch.
    QList<int> expected;
    for (const Query &q : queries)
        expected << (q.text.isEmpty() ? loaded : expectedFor(q.text));
    QList<int> expectedTyping;
    for (int i = 1; i <= common.size(); ++i)
        expectedTyping << expectedFor(common.left(i));
    // The time from setting the search text to the view's model holding `rows` rows (negative: it never did).
    auto filterTo = [&](const QString &text, int rows) {
        QCoreApplication::processEvents();
        clock.start();
        page.searchField()->setText(text);
        const bool ok = waitUntil([&] { return view->rowCount() == rows; }, 60000, { view });
        const double t = clock.nsecsElapsed() / 1e6;
        return ok ? t : -t;
    };
    std::printf(
        "\nFiltering %s loaded rows (pasted into the search field)\n", qPrintable(QLocale::c().toString(loaded)));
    watchdog.start();
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const double t = filterTo(queries.at(i).text, expected.at(i));
        row(QStringLiteral("%1 → %2 rows%3")
                .arg(queries.at(i).label, QLocale::c().toString(expected.at(i)),
                    t < 0 ? QStringLiteral(" (timed out)") : QString()),
            ms(std::abs(t)), QStringLiteral("≤ 50 ms"));
    }
    // Typed one key at a time: each keystroke's time to its filtered rows; the slowest one.
    std::vector<double> keys;
    for (int i = 1; i <= common.size(); ++i)
        keys.push_back(std::abs(filterTo(common.left(i), expectedTyping.at(i - 1))));
    const double clearAfterTyping = std::abs(filterTo(QString(), loaded));
    watchdog.stop();
    row(QStringLiteral("typing \"%1\": slowest keystroke").arg(common), ms(*std::max_element(keys.begin(), keys.end())),
        QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("  then clearing"), ms(clearAfterTyping), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("longest stall while filtering"), ms(watchdog.maxGapMs()), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("stalls over 50 ms while filtering"), QString::number(watchdog.over50()), QStringLiteral("0"));

    // 4. Sorted by a column (a click on its header), then searching while sorted: not a target of its own, but the
    // filter's figures must hold when the user has sorted.
    std::printf("\nSorted by a column (a click on its header), %s rows\n", qPrintable(QLocale::c().toString(loaded)));
    watchdog.start();
    for (int column : { 0, 3 }) {
        const QString header = view->headerData(column, Qt::Horizontal).toString();
        QCoreApplication::processEvents();
        clock.start();
        page.table()->sortByColumn(column, Qt::AscendingOrder);
        QCoreApplication::processEvents();
        row(QStringLiteral("sort by %1").arg(header), ms(clock.nsecsElapsed() / 1e6), QStringLiteral("—"));
    }
    const double sortedCommon = std::abs(filterTo(common, expected.at(0)));
    const double sortedNone = std::abs(filterTo(QStringLiteral("zqxjv"), expected.at(2)));
    const double sortedClear = std::abs(filterTo(QString(), loaded));
    watchdog.stop();
    row(QStringLiteral("search \"%1\" while sorted").arg(common), ms(sortedCommon), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("search with no match while sorted"), ms(sortedNone), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("clear the search while sorted"), ms(sortedClear), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("longest stall"), ms(watchdog.maxGapMs()), QStringLiteral("—"));

    // 5. Reload (F5) with every row loaded, then every page again while sorted by Name: each page's rows land all
    // over the sorted view instead of at its end.
    page.table()->sortByColumn(0, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    std::printf("\nReloading, then loading every row again while sorted by Name\n");
    watchdog.start();
    clock.start();
    model->reload();
    const double reloadMs = clock.nsecsElapsed() / 1e6;
    waitUntil([&] { return view->rowCount() > 0; }, 30000, { view });
    const double reloadFirst = clock.nsecsElapsed() / 1e6;
    watchdog.stop();
    row(QStringLiteral("reload (F5) with %1 rows loaded").arg(QLocale::c().toString(loaded)), ms(reloadMs),
        QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("reload → first rows"), ms(reloadFirst), QStringLiteral("≤ 100 ms"));
    row(QStringLiteral("  longest stall"), ms(watchdog.maxGapMs()), QStringLiteral("≤ 50 ms"));
    waitUntil([&] { return !model->isLoading(); }, 30000);
    pages = 0;
    clock.start();
    watchdog.start();
    bar->setValue(bar->maximum());
    waitUntil(loadedAll, 30 * 60 * 1000, {});
    const double loadSorted = clock.nsecsElapsed() / 1e6;
    watchdog.stop();
    row(QStringLiteral("rows loaded"), QLocale::c().toString(model->loadedCount()), QString::number(contacts));
    row(QStringLiteral("time to load every row, sorted"), ms(loadSorted), QStringLiteral("—"));
    row(QStringLiteral("time per page"), ms(pages ? loadSorted / pages : 0), QStringLiteral("—"));
    row(QStringLiteral("longest stall while pages arrive"), ms(watchdog.maxGapMs()), QStringLiteral("≤ 50 ms"));
    row(QStringLiteral("stalls over 50 ms"), QString::number(watchdog.over50()), QStringLiteral("0"));
    row(QStringLiteral("peak RSS at the end (VmHWM)"), mb(procStatusMb("VmHWM")), QStringLiteral("≤ 300 MB"));
    return 0;
}
