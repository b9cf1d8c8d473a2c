#pragma once

#include "net/httprequest.h"

#include <QList>
#include <QString>

namespace crossline {

// What an operation will send, in order, built before anything is sent. Sending uses the same builders, so a plan
// is what Copy as curl shows and what a dry run prints. A step may depend on an earlier step's answer (a Twilio
// SMS without an Account SID first looks the SID up): its request then carries a placeholder, and `dependsOn`
// says in words where the real value comes from.
struct RequestPlan
{
    struct Step
    {
        HttpRequest request;
        QString placeholder; // the literal text in `request` that stands for a value from an earlier answer
        QString dependsOn; // where that value comes from, in words ("" for a step that stands alone)
    };
    QList<Step> steps;

    RequestPlan() = default;
    RequestPlan(const HttpRequest &single) { steps.append({ single, QString(), QString() }); }
    void append(
        const HttpRequest &request, const QString &placeholder = QString(), const QString &dependsOn = QString())
    {
        steps.append({ request, placeholder, dependsOn });
    }
    bool isEmpty() const { return steps.isEmpty(); }
};

} // namespace crossline
