#pragma once

namespace casql::cli {

// `casql serve ...`: opens the datastore, starts the HTTP server, prints
// "casql listening on http://HOST:PORT" once it accepts connections, and shuts down cleanly
// on SIGTERM or SIGINT (in-flight requests finish, the store is flushed).
int ServeCommand(int argc, char** argv);

}  // namespace casql::cli
