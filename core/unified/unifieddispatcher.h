#pragma once

#include "unified/resourceregistry.h"

#include <QObject>

namespace crossline {

// Runs a unified request: validates it completely (nothing is sent when it fails), then hands it to the registry.
class UnifiedDispatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnifiedDispatcher(const UnifiedServices &services, QObject *parent = nullptr);

    Job *run(const UnifiedRequest &request);
    Job *run(const QByteArray &json);

private:
    UnifiedServices m_services;
};

} // namespace crossline
