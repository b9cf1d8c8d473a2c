#pragma once

#include <QSyntaxHighlighter>

namespace crossline {

// Keys, strings, numbers and literals of a JSON text, in colours taken from the palette (light and dark themes).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace crossline
