#pragma once

#include <QWidget>

class QLabel;

namespace crossline {

// A chat bubble for the composer's preview: an optional bold header, the body, an optional muted footer and a
// small caption (channel, sender). Drawn from the palette, so it follows light and dark themes.
class MessageBubble : public QWidget
{
    Q_OBJECT
public:
    explicit MessageBubble(QWidget *parent = nullptr);

    void setHeader(const QString &text);
    // Plain text; parts that were substituted from parameters can be emphasised with setBodyHtml instead.
    void setBody(const QString &text);
    void setBodyHtml(const QString &html);
    void setFooter(const QString &text);
    void setCaption(const QString &text);
    void setPlaceholder(const QString &text); // shown (muted) while the body is empty

    QString bodyText() const; // what the person reads, without markup
    QString headerText() const;
    QString footerText() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateColours();
    void updateBodyVisibility();

    QLabel *m_header;
    QLabel *m_body;
    QLabel *m_footer;
    QLabel *m_caption;
    QString m_placeholder;
    bool m_bodyEmpty = true;
};

} // namespace crossline
