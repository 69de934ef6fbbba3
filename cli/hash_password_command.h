#pragma once

namespace casql::cli {

// `casql hash-password [--iterations N]`: reads a password (one line) from standard input and
// prints its hash for the `password` field of a users file. The password is never taken from
// the command line, where other users of the machine could see it.
int HashPasswordCommand(int argc, char** argv);

}  // namespace casql::cli
