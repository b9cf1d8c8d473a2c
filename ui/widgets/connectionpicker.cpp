#include "widgets/connectionpicker.h"

#include "widgets/formhelpers.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace crossline {

ConnectionPicker::ConnectionPicker(const Options &options, QFormLayout *form, QWidget *content)
    : QObject(content)
    , m_provider(options.provider)
    , m_combo(new QComboBox(content))
{
    m_combo->setObjectName(options.objectPrefix + QStringLiteral("Connection"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setAccessibleName(tr("%1 connection").arg(options.service));
    m_combo->setToolTip(tr("The Nango connection that holds %1; type an id that is not listed").arg(options.holds));
    m_combo->lineEdit()->setPlaceholderText(tr("Connection id"));
    m_reload = new QToolButton(content);
    m_reload->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_reload->setText(tr("Reload"));
    m_reload->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reload->setToolTip(tr("Reload the connections from Nango (F5)"));
    m_reload->setAccessibleName(tr("Reload connections"));
    connect(m_reload, &QToolButton::clicked, this, &ConnectionPicker::reloadRequested);
    form->addRow(forms::buddyLabel(tr("C&onnection:"), m_combo, content), forms::row(content, { m_combo, m_reload }));

    m_integration = new QLineEdit(content);
    m_integration->setObjectName(options.objectPrefix + QStringLiteral("Integration"));
    m_integration->setAccessibleName(tr("%1 integration key").arg(options.service));
    m_integration->setPlaceholderText(options.integrationExample);
    m_integration->setToolTip(tr("Nango's integration key (Provider-Config-Key); filled from the connection"));
    form->addRow(forms::buddyLabel(tr("&Integration:"), m_integration, content), m_integration);
    QWidget::setTabOrder(m_combo, m_reload);
    QWidget::setTabOrder(m_reload, m_integration);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &ConnectionPicker::applyCurrent);
    connect(m_combo, &QComboBox::editTextChanged, this, [this](const QString &text) {
        // A listed id typed by hand brings its integration key, unless one is there already.
        const int index = m_combo->findText(text.trimmed());
        if (index >= 0 && m_integration->text().isEmpty())
            m_integration->setText(
                m_combo->itemData(index).toJsonObject().value(QLatin1String("provider_config_key")).toString());
        Q_EMIT changed();
    });
    connect(m_integration, &QLineEdit::textChanged, this, &ConnectionPicker::changed);
}

QString ConnectionPicker::connectionId() const
{
    return m_combo->currentText().trimmed();
}

QString ConnectionPicker::integration() const
{
    return m_integration->text().trimmed();
}

bool ConnectionPicker::accepts(const QJsonObject &connection) const
{
    const QString text = connection.value(QLatin1String("provider")).toString() + QLatin1Char(' ')
        + connection.value(QLatin1String("provider_config_key")).toString();
    return text.contains(m_provider, Qt::CaseInsensitive);
}

void ConnectionPicker::setConnections(const QJsonArray &connections)
{
    QSignalBlocker blocker(m_combo);
    const QString current = m_combo->currentText();
    m_combo->clear();
    for (const QJsonValue &v : connections) {
        const QJsonObject c = v.toObject();
        if (!accepts(c))
            continue;
        m_combo->addItem(c.value(QLatin1String("connection_id")).toString(), c);
        QString tip = tr("Integration %1 · provider %2")
                          .arg(c.value(QLatin1String("provider_config_key")).toString(),
                              c.value(QLatin1String("provider")).toString());
        if (!c.value(QLatin1String("errors")).toArray().isEmpty())
            tip += QLatin1Char('\n') + tr("⚠ Nango reports errors for this connection (e.g. an expired token)");
        m_combo->setItemData(m_combo->count() - 1, tip, Qt::ToolTipRole);
    }
    const int index = m_combo->findText(current);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
    else
        m_combo->setEditText(current);
    if (current.isEmpty() && m_combo->count() > 0) {
        int healthy = 0;
        for (int i = 0; i < m_combo->count(); ++i) {
            if (m_combo->itemData(i).toJsonObject().value(QLatin1String("errors")).toArray().isEmpty()) {
                healthy = i;
                break;
            }
        }
        m_combo->setCurrentIndex(healthy);
        blocker.unblock();
        applyCurrent();
    }
}

void ConnectionPicker::select(const QJsonObject &connection)
{
    const QString id = connection.value(QLatin1String("connection_id")).toString();
    int index = m_combo->findText(id);
    if (index < 0) {
        m_combo->addItem(id, connection);
        index = m_combo->count() - 1;
    } else {
        m_combo->setItemData(index, connection);
    }
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->setCurrentIndex(index);
        m_combo->setEditText(id);
    }
    applyCurrent();
}

void ConnectionPicker::applyCurrent()
{
    const QJsonObject c = m_combo->currentData().toJsonObject();
    if (c.isEmpty() || m_combo->currentText() != c.value(QLatin1String("connection_id")).toString())
        return;
    m_integration->setText(c.value(QLatin1String("provider_config_key")).toString());
    Q_EMIT connectionApplied(c);
}

} // namespace crossline
