// The floor bench/startup compares Crossline with: the smallest Qt Widgets program that maps a titled window with
// some text, built with the same compiler, flags and Qt.
#include <QApplication>
#include <QLabel>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("Hello, world"));
    label.setWindowTitle(QStringLiteral("Hello bench"));
    label.resize(1280, 800);
    label.show();
    return app.exec();
}
