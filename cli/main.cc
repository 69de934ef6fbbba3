// casql: the command-line entry point. `casql serve` runs the query service, `casql shell` is
// its interactive client, `casql hash-password` makes password hashes for `serve --users`.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "cli/hash_password_command.h"
#include "cli/regress_command.h"
#include "cli/serve_command.h"
#include "cli/shell_command.h"

namespace {

void Usage() {
  std::cerr
      << "usage: casql serve [--host H] [--port P] [--data-dir D | --memory] "
         "[--threads N] [--bucket NAME]... [--users FILE] [--max-requests N] "
         "[--max-body-mb N] [--read-timeout S] [--write-timeout S] [--kv-port P (11210; 0 = off)] "
         "[--log-file F (request log; stderr) | --no-request-log] [--fault-injection]\n"
         "       casql shell [--url URL] [-u USER -p PASSWORD] [-s STATEMENTS] [-f FILE]\n"
         "       casql hash-password [--iterations N] < password\n"
         "       casql regress PATH... [--url URL] [--format couchbase]\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage();
    return 2;
  }
  const std::string command = argv[1];
  if (command == "serve") return casql::cli::ServeCommand(argc - 2, argv + 2);
  if (command == "shell") return casql::cli::ShellCommand(argc - 2, argv + 2);
  if (command == "hash-password") return casql::cli::HashPasswordCommand(argc - 2, argv + 2);
  if (command == "regress") return casql::cli::RegressCommand(argc - 2, argv + 2);
  if (command == "--help" || command == "-h" || command == "help") {
    Usage();
    return 0;
  }
  std::cerr << "casql: unknown command '" << command << "'\n";
  Usage();
  return 2;
}
