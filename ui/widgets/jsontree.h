#pragma once

#include <QJsonValue>
#include <QTreeWidget>

namespace crossline {

// A read-only tree of a JSON document (response bodies, raw records): keys, values, types; copy a value with Ctrl+C.
class JsonTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit JsonTree(QWidget *parent = nullptr);
    void setJson(const QJsonValue &value);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void addValue(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value);
};

} // namespace crossline
