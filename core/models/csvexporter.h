#pragma once

#include "error.h"
#include "models/recordsource.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QAbstractItemModel;
class QIODevice;
class QSaveFile;

namespace crossline {

class PagedRecordsModel;

// Writes a table as RFC 4180 CSV: UTF-8, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF
// (quotes doubled). Cells that a spreadsheet would run as a formula (leading = + - @, tab or CR) get a leading
// apostrophe (OWASP "CSV injection"), except phone numbers such as +15551234567 which stay as they are.
//
// The source is set first (setModel / setEverything / setRecords / setTable), then exportTo(device) or
// exportToFile(path) starts an export that writes a chunk of rows per event-loop turn (the UI never freezes) with
// progress(done, total), and ends with exactly one finished(error): kind None when written, Cancelled after
// cancel(), or the failure. exportToFile() writes through QSaveFile and commits only on success, so a cancelled
// or failed export leaves no file (an existing file stays as it was).
class CsvExporter : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Fetching,
        Writing
    };
    Q_ENUM(State)

    explicit CsvExporter(QObject *parent = nullptr);
    ~CsvExporter() override;

    // The rows the model (or a filtering/sorting proxy) holds when the export starts, in its order. `columns`:
    // the visible columns in display order (empty: all of them). Headers come from headerData().
    void setModel(const QAbstractItemModel *model, const QList<int> &columns = {});
    // "Everything": PagedRecordsModel::fetchAll() first (progress(loaded, 0) while pages arrive), then every row.
    void setEverything(PagedRecordsModel *model, const QList<int> &columns = {});
    // Rows not held by a model, with the browser's columns for that resource ("crm.contact").
    void setRecords(const QString &resource, const QList<QJsonObject> &records);
    void setTable(const QStringList &headers, const QList<QStringList> &rows);

    void setChunkRows(int rows) { m_chunkRows = qMax(1, rows); } // rows per event-loop turn (default 500)
    void setByteOrderMark(bool on) { m_bom = on; } // UTF-8 BOM, for Excel on Windows (default off)

    void exportTo(QIODevice *device); // an open, writable device that the caller owns and closes
    void exportToFile(const QString &path);
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state != State::Idle; }

    static bool needsFormulaGuard(const QString &value);
    static QByteArray field(const QString &value); // one cell, guarded and quoted as needed
    static QByteArray line(const QStringList &cells); // cells joined with ',' and CRLF
    static void appendField(QByteArray &out, const QString &value); // field(value), appended
    static void appendLine(QByteArray &out, const QStringList &cells); // line(cells), appended
    static QByteArray toCsv(const QStringList &headers, const QList<QStringList> &rows); // synchronous (CLI)

Q_SIGNALS:
    void progress(qint64 done, qint64 total); // total 0 while "everything" is still being fetched
    void stateChanged(crossline::CsvExporter::State state);
    void finished(const crossline::Error &error);

private:
    enum class Source
    {
        None,
        Model,
        Everything,
        Table
    };
    void start(QIODevice *device);
    void rejectSoon(const Error &error);
    void failSoon(const Error &error);
    void snapshotModel();
    void beginWriting();
    void writeChunk(quint64 run);
    void finish(const Error &error);
    void setState(State state);

    Source m_source = Source::None;
    QPointer<const QAbstractItemModel> m_model;
    QPointer<PagedRecordsModel> m_everything;
    QList<int> m_columns;
    QStringList m_headers;
    QList<QStringList> m_rows;
    QPointer<QIODevice> m_device;
    QSaveFile *m_file = nullptr;
    QMetaObject::Connection m_fetchConnection;
    QMetaObject::Connection m_progressConnection;
    quint64 m_run = 0;
    qsizetype m_written = 0;
    int m_chunkRows = 500;
    bool m_bom = false;
    State m_state = State::Idle;
};

} // namespace crossline
