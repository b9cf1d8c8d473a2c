#pragma once

#include <QString>

class QObject;

namespace crossline {

class Job;
class Workspace;

// What a Nango deployment has deployed to an integration — its syncs with the models they save, and its actions —
// as the saved profile `profile` reaches it (GET /integrations/{key}/functions, every page). The job's data is
// NangoClient::listFunctions' (read it with NangoFunction::listFromData).
//
// When `profile` is the profile the workspace's clients talk to right now (not the sandbox), those clients ask.
// Otherwise clients are built for the profile alone, for this one call: its saved settings, the environment's
// variables over them as always, and its Nango secret key read from the keychain. They go when the job finishes; the
// key lives only as long as they do. A profile without a key fails with a Config error saying how to store one.
Job *lookUpFunctions(Workspace *workspace, const QString &profile, const QString &integration, QObject *parent);

} // namespace crossline
