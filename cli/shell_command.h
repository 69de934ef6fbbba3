#pragma once

namespace casql::cli {

// `casql shell [--url http://127.0.0.1:8093] [-u user -p pass] [-s statements] [-f file]`:
// cbq-like client of /query/service (docs/shell.md). With -s or -f it runs those statements
// and exits; otherwise it reads statements from standard input (a prompt when that is a
// terminal). Exits non-zero when any statement failed or the server could not be reached.
int ShellCommand(int argc, char** argv);

}  // namespace casql::cli
