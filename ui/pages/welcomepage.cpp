#include "pages/welcomepage.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QVBoxLayout>

namespace crossline {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *column = new QVBoxLayout;
    auto *title = new QLabel(tr("<h2>Welcome to Crossline</h2>"), this);
    auto *text = new QLabel(tr("Crossline talks to your Nango and Panora deployments. Nothing is configured yet: no "
                               "NANGO_SECRET_KEY or PANORA_API_KEY in the environment, and no profile."),
        this);
    text->setWordWrap(true);
    auto *sandbox = new QCommandLinkButton(tr("Try the sandbox"),
        tr("Start a built-in emulator of Nango, Panora, WhatsApp and Twilio on this machine. Everything works at "
           "once, nothing leaves your computer."),
        this);
    auto *env = new QCommandLinkButton(tr("Import .env…"),
        tr("Read NANGO_API_BASE, NANGO_SECRET_KEY, PANORA_API_URL… from your backend's .env file. URLs go to a "
           "profile, secrets to the system keychain."),
        this);
    auto *profile = new QCommandLinkButton(
        tr("Create a profile…"), tr("Enter the base URLs and keys of one environment (dev, prod) by hand."), this);
    sandbox->setDefault(true);
    for (auto *w : { static_cast<QWidget *>(title), static_cast<QWidget *>(text), static_cast<QWidget *>(sandbox),
             static_cast<QWidget *>(env), static_cast<QWidget *>(profile) })
        column->addWidget(w);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addLayout(column, 3);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    connect(sandbox, &QCommandLinkButton::clicked, this, &WelcomePage::sandboxRequested);
    connect(env, &QCommandLinkButton::clicked, this, &WelcomePage::importEnvRequested);
    connect(profile, &QCommandLinkButton::clicked, this, &WelcomePage::createProfileRequested);
}

} // namespace crossline
