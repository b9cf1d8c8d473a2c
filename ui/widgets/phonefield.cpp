#include "widgets/phonefield.h"

#include "widgets/formhelpers.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace crossline {

namespace {

struct Country
{
    QString code;
    QString name;
};

QList<Country> countries()
{
    QList<Country> out;
    for (int t = int(QLocale::AnyTerritory) + 1; t <= int(QLocale::LastTerritory); ++t) {
        const auto territory = QLocale::Territory(t);
        const QString code = QLocale::territoryToCode(territory);
        // Two-letter ISO 3166 codes only: libphonenumber knows regions by them ("419"-style areas are not countries).
        if (code.size() != 2 || !code.at(0).isLetter())
            continue;
        const QString name = QLocale::territoryToString(territory);
        if (std::any_of(out.cbegin(), out.cend(), [&](const Country &c) { return c.code == code; }))
            continue;
        out.append({ code, name });
    }
    std::sort(out.begin(), out.end(),
        [](const Country &a, const Country &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    return out;
}

QString defaultRegion()
{
    const QString code = QLocale::territoryToCode(QLocale::system().territory());
    return code.size() == 2 ? code : QStringLiteral("US");
}

} // namespace

PhoneField::PhoneField(QWidget *parent)
    : QWidget(parent)
    , m_country(new QComboBox(this))
    , m_edit(new QLineEdit(this))
    , m_verdict(new QLabel(this))
{
    for (const Country &c : countries())
        m_country->addItem(tr("%1 (%2)").arg(c.name, c.code), c.code);
    // Wide enough for most names without stretching the row; the popup shows long names in full.
    m_country->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_country->setMinimumContentsLength(12);
    m_country->setToolTip(tr("Country used when the number does not start with + and a country code"));
    setRegion(defaultRegion());

    m_edit->setPlaceholderText(tr("+1 555 123 4567"));
    forms::enableClearButton(m_edit);
    m_edit->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_edit->setToolTip(tr("International (+country code) or national number; spaces, dashes and brackets are fine"));

    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // One line reserved, so the form does not jump when the first character is typed.
    m_verdict->setMinimumHeight(m_verdict->fontMetrics().lineSpacing());

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_country);
    row->addWidget(m_edit, 1);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(row);
    column->addWidget(m_verdict);
    setFocusProxy(m_edit);
    setTabOrder(m_country, m_edit);

    connect(m_edit, &QLineEdit::textChanged, this, &PhoneField::recheck);
    connect(m_country, &QComboBox::currentIndexChanged, this, &PhoneField::recheck);
    setAccessibleBaseName(tr("Phone number"));
    recheck();
}

QString PhoneField::text() const
{
    return m_edit->text();
}

void PhoneField::setText(const QString &text)
{
    m_edit->setText(text);
}

QString PhoneField::region() const
{
    return m_country->currentData().toString();
}

void PhoneField::setRegion(const QString &regionCode)
{
    const int index = m_country->findData(regionCode.toUpper());
    if (index >= 0)
        m_country->setCurrentIndex(index);
}

void PhoneField::setAccessibleBaseName(const QString &name)
{
    m_edit->setAccessibleName(name);
    m_country->setAccessibleName(tr("%1 country").arg(name));
    m_verdict->setAccessibleName(tr("%1 check").arg(name));
}

bool PhoneField::isEmpty() const
{
    return m_edit->text().trimmed().isEmpty();
}

void PhoneField::recheck()
{
    if (isEmpty()) {
        m_check = PhoneCheck();
        m_verdict->clear();
        Q_EMIT changed();
        return;
    }
    m_check = PhoneNumber::check(m_edit->text(), region(), m_edit->accessibleName());
    m_verdict->setText(m_check.display());

    // Colours that read on light and dark palettes; the symbol says the same thing for those who cannot see them.
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    QColor colour;
    if (!m_check.ok())
        colour = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18);
    else if (!m_check.valid)
        colour = dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x8a, 0x5a, 0x00);
    else
        colour = dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    QPalette p = m_verdict->palette();
    p.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(p);
    Q_EMIT changed();
}

} // namespace crossline
