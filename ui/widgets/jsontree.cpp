#include "widgets/jsontree.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>

namespace crossline {

JsonTree::JsonTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({ tr("Key"), tr("Value") });
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setUniformRowHeights(true);
    setAccessibleName(tr("JSON tree"));
}

void JsonTree::setJson(const QJsonValue &value)
{
    clear();
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addValue(nullptr, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (int i = 0; i < a.size(); ++i)
            addValue(nullptr, QStringLiteral("[%1]").arg(i), a.at(i));
    } else if (!value.isUndefined() && !value.isNull()) {
        addValue(nullptr, QString(), value);
    }
    expandToDepth(1);
}

void JsonTree::addValue(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
    item->setText(0, key);
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        item->setText(1, tr("{%n key(s)}", nullptr, int(o.size())));
        item->setForeground(1, palette().placeholderText());
        for (auto it = o.begin(); it != o.end(); ++it)
            addValue(item, it.key(), it.value());
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        item->setText(1, tr("[%n item(s)]", nullptr, int(a.size())));
        item->setForeground(1, palette().placeholderText());
        for (int i = 0; i < a.size(); ++i)
            addValue(item, QStringLiteral("[%1]").arg(i), a.at(i));
        break;
    }
    case QJsonValue::String:
        item->setText(1, value.toString());
        break;
    case QJsonValue::Double:
        item->setText(1, QString::number(value.toDouble(), 'g', 15));
        break;
    case QJsonValue::Bool:
        item->setText(1, value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        break;
    default:
        item->setText(1, QStringLiteral("null"));
        item->setForeground(1, palette().placeholderText());
        break;
    }
}

void JsonTree::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy) && currentItem()) {
        QApplication::clipboard()->setText(currentItem()->text(1));
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

} // namespace crossline
