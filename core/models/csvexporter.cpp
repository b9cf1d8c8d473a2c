#include "models/csvexporter.h"

#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"

#include <QAbstractItemModel>
#include <QSaveFile>
#include <QTimer>

namespace crossline {

CsvExporter::CsvExporter(QObject *parent)
    : QObject(parent)
{
}

CsvExporter::~CsvExporter()
{
    ++m_run;
    if (m_everything && m_state == State::Fetching)
        m_everything->cancelFetchAll();
    disconnect(m_fetchConnection);
    disconnect(m_progressConnection);
    delete m_file; // never committed here: no partial file
}

namespace {
// ^\+[0-9][0-9 ().-]{5,}$ as QRegularExpression matches it ($ also before one final line break), without the
// regular expression: a CLI export checks every phone cell.
bool isPhoneNumber(QStringView value)
{
    if (value.endsWith(u'\n'))
        value.chop(1);
    if (value.size() < 7 || value.at(0) != u'+' || value.at(1) < u'0' || value.at(1) > u'9')
        return false;
    for (qsizetype i = 2; i < value.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        if (!((c >= u'0' && c <= u'9') || c == u' ' || c == u'(' || c == u')' || c == u'.' || c == u'-'))
            return false;
    }
    return true;
}
} // namespace

bool CsvExporter::needsFormulaGuard(const QString &value)
{
    if (value.isEmpty())
        return false;
    const QChar first = value.at(0);
    if (first != QLatin1Char('=') && first != QLatin1Char('+') && first != QLatin1Char('-') && first != QLatin1Char('@')
        && first != QLatin1Char('\t') && first != QLatin1Char('\r'))
        return false;
    // A phone number in international form is data, not a formula: '+', a digit, then digits and separators only
    // (no letters, so no function call can hide in it).
    return !isPhoneNumber(value);
}

void CsvExporter::appendField(QByteArray &out, const QString &value)
{
    const bool guard = needsFormulaGuard(value);
    bool quote = false;
    bool ascii = true;
    qsizetype quotes = 0;
    const char16_t *chars = reinterpret_cast<const char16_t *>(value.constData());
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = chars[i];
        if (c >= 0x80)
            ascii = false;
        else if (c == u'"')
            ++quotes;
        else if (c == u',' || c == u'\n' || c == u'\r')
            quote = true;
    }
    quote = quote || quotes;
    if (!ascii) {
        // Written as toUtf8() writes it (a lone surrogate included).
        QString text = guard ? QLatin1Char('\'') + value : value;
        if (!quote) {
            out += text.toUtf8();
            return;
        }
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        out += '"';
        out += text.toUtf8();
        out += '"';
        return;
    }
    // ASCII: one byte per character, straight into `out`.
    const qsizetype at = out.size();
    out.resize(at + (quote ? 2 : 0) + (guard ? 1 : 0) + size + quotes);
    char *p = out.data() + at;
    if (quote)
        *p++ = '"';
    if (guard)
        *p++ = '\'';
    for (qsizetype i = 0; i < size; ++i) {
        const char c = char(chars[i]);
        if (c == '"')
            *p++ = '"';
        *p++ = c;
    }
    if (quote)
        *p++ = '"';
}

QByteArray CsvExporter::field(const QString &value)
{
    QByteArray out;
    appendField(out, value);
    return out;
}

void CsvExporter::appendLine(QByteArray &out, const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        appendField(out, cells.at(i));
    }
    out += "\r\n";
}

QByteArray CsvExporter::line(const QStringList &cells)
{
    QByteArray out;
    appendLine(out, cells);
    return out;
}

QByteArray CsvExporter::toCsv(const QStringList &headers, const QList<QStringList> &rows)
{
    QByteArray out = line(headers);
    for (const QStringList &row : rows)
        appendLine(out, row);
    return out;
}

void CsvExporter::setModel(const QAbstractItemModel *model, const QList<int> &columns)
{
    m_source = Source::Model;
    m_model = model;
    m_everything = nullptr;
    m_columns = columns;
}

void CsvExporter::setEverything(PagedRecordsModel *model, const QList<int> &columns)
{
    m_source = Source::Everything;
    m_model = model;
    m_everything = model;
    m_columns = columns;
}

void CsvExporter::setRecords(const QString &resource, const QList<QJsonObject> &records)
{
    QStringList headers;
    for (int c = 0; c < RecordColumns::count(resource); ++c)
        headers << RecordColumns::header(resource, c);
    QList<QStringList> rows;
    rows.reserve(records.size());
    for (const QJsonObject &record : records) {
        QStringList cells;
        for (int c = 0; c < RecordColumns::count(resource); ++c)
            cells << RecordColumns::text(resource, record, c);
        rows << cells;
    }
    setTable(headers, rows);
}

void CsvExporter::setTable(const QStringList &headers, const QList<QStringList> &rows)
{
    m_source = Source::Table;
    m_model = nullptr;
    m_everything = nullptr;
    m_headers = headers;
    m_rows = rows;
}

void CsvExporter::exportTo(QIODevice *device)
{
    start(device);
}

void CsvExporter::exportToFile(const QString &path)
{
    if (isRunning()) {
        rejectSoon(Error::validation(QStringLiteral("export"), tr("An export is already running.")));
        return;
    }
    auto *file = new QSaveFile(path);
    if (!file->open(QIODevice::WriteOnly)) {
        const QString reason = file->errorString();
        delete file;
        failSoon(Error::make(Error::Kind::Config, tr("Could not create %1: %2").arg(path, reason),
            tr("Choose a folder you can write to.")));
        return;
    }
    m_file = file;
    start(file);
}

void CsvExporter::rejectSoon(const Error &error)
{
    // A second export while one runs: report it without touching the running one.
    QTimer::singleShot(0, this, [this, error] { Q_EMIT finished(error); });
}

void CsvExporter::failSoon(const Error &error)
{
    // finished() always comes from the event loop, never from inside the call that started the export.
    ++m_run;
    setState(State::Writing);
    const quint64 run = m_run;
    QTimer::singleShot(0, this, [this, run, error] {
        if (run == m_run)
            finish(error);
    });
}

void CsvExporter::start(QIODevice *device)
{
    if (isRunning()) {
        rejectSoon(Error::validation(QStringLiteral("export"), tr("An export is already running.")));
        return;
    }
    if (!device || !device->isWritable()) {
        failSoon(Error::validation(QStringLiteral("export"), tr("The export target is not open for writing.")));
        return;
    }
    if (m_source == Source::None || ((m_source == Source::Model || m_source == Source::Everything) && !m_model)) {
        failSoon(Error::validation(QStringLiteral("export"), tr("There is nothing to export.")));
        return;
    }
    const quint64 run = ++m_run;
    m_device = device;
    m_written = 0;
    if (m_source == Source::Everything) {
        setState(State::Fetching);
        PagedRecordsModel *model = m_everything.data();
        m_progressConnection = connect(model, &PagedRecordsModel::progress, this, [this, run](int loaded) {
            if (run == m_run)
                Q_EMIT progress(loaded, 0);
        });
        m_fetchConnection = connect(model, &PagedRecordsModel::fetchAllFinished, this, [this, run](const Error &error) {
            if (run != m_run)
                return;
            disconnect(m_fetchConnection);
            disconnect(m_progressConnection);
            if (error) {
                finish(error);
                return;
            }
            snapshotModel();
            beginWriting();
        });
        model->fetchAll();
        return;
    }
    if (m_source == Source::Model)
        snapshotModel();
    setState(State::Writing);
    QTimer::singleShot(0, this, [this, run] {
        if (run == m_run)
            beginWriting();
    });
}

void CsvExporter::snapshotModel()
{
    // A snapshot, so rows arriving or a proxy re-sorting during the export cannot duplicate or skip lines.
    const QAbstractItemModel *model = m_model.data();
    m_headers.clear();
    m_rows.clear();
    if (!model)
        return;
    QList<int> columns = m_columns;
    if (columns.isEmpty()) {
        for (int c = 0; c < model->columnCount(); ++c)
            columns << c;
    }
    for (int c : std::as_const(columns))
        m_headers << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    const int rowCount = model->rowCount();
    m_rows.reserve(rowCount);
    for (int r = 0; r < rowCount; ++r) {
        QStringList cells;
        cells.reserve(columns.size());
        for (int c : std::as_const(columns))
            cells << RecordColumns::valueText(model->data(model->index(r, c), Qt::DisplayRole));
        m_rows << cells;
    }
}

void CsvExporter::beginWriting()
{
    setState(State::Writing);
    QByteArray head = m_bom ? QByteArray("\xEF\xBB\xBF") : QByteArray();
    head += line(m_headers);
    if (!m_device || m_device->write(head) != head.size()) {
        finish(Error::make(Error::Kind::Config,
            tr("Could not write the CSV file: %1").arg(m_device ? m_device->errorString() : tr("the target is gone"))));
        return;
    }
    Q_EMIT progress(0, m_rows.size());
    const quint64 run = m_run;
    QTimer::singleShot(0, this, [this, run] { writeChunk(run); });
}

void CsvExporter::writeChunk(quint64 run)
{
    if (run != m_run || m_state != State::Writing)
        return;
    QByteArray chunk;
    const qsizetype end = qMin(m_rows.size(), m_written + m_chunkRows);
    for (qsizetype i = m_written; i < end; ++i)
        appendLine(chunk, m_rows.at(i));
    if (!m_device || m_device->write(chunk) != chunk.size()) {
        finish(Error::make(Error::Kind::Config,
            tr("Could not write the CSV file: %1").arg(m_device ? m_device->errorString() : tr("the target is gone")),
            tr("Check the free disk space.")));
        return;
    }
    m_written = end;
    Q_EMIT progress(m_written, m_rows.size());
    if (run != m_run)
        return; // a progress handler cancelled
    if (m_written < m_rows.size()) {
        QTimer::singleShot(0, this, [this, run] { writeChunk(run); });
        return;
    }
    if (m_file && !m_file->commit()) {
        finish(
            Error::make(Error::Kind::Config, tr("Could not save %1: %2").arg(m_file->fileName(), m_file->errorString()),
                tr("Check the free disk space and that the folder is writable.")));
        return;
    }
    finish(Error());
}

void CsvExporter::cancel()
{
    if (!isRunning())
        return;
    disconnect(m_fetchConnection); // its fetchAllFinished(Cancelled) must not end the run a second time
    disconnect(m_progressConnection);
    if (m_state == State::Fetching && m_everything)
        m_everything->cancelFetchAll();
    finish(Error::make(Error::Kind::Cancelled, tr("Export cancelled.")));
}

void CsvExporter::finish(const Error &error)
{
    ++m_run; // anything still queued for this run is ignored
    disconnect(m_fetchConnection);
    disconnect(m_progressConnection);
    if (m_file) {
        QSaveFile *file = std::exchange(m_file, nullptr);
        if (error)
            file->cancelWriting();
        delete file; // uncommitted: the temporary file goes away, the target is untouched
    }
    m_device = nullptr;
    if (m_source == Source::Model || m_source == Source::Everything)
        m_rows.clear(); // the snapshot is rebuilt at the next export
    setState(State::Idle);
    Q_EMIT finished(error);
}

void CsvExporter::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace crossline
