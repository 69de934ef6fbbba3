// casql: the command-line entry point. `casql serve` runs the query service.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "cli/regress_command.h"
#include "cli/serve_command.h"

namespace {

void Usage() {
  std::cerr << "usage: casql serve [--host H] [--port P] [--data-dir D | --memory] "
               "[--threads N] [--fault-injection]\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage();
    return 2;
  }
  const std::string command = argv[1];
  if (command == "serve") return casql::cli::ServeCommand(argc - 2, argv + 2);
  if (command == "regress") return casql::cli::RegressCommand(argc - 2, argv + 2);
  if (command == "--help" || command == "-h" || command == "help") {
    Usage();
    return 0;
  }
  std::cerr << "casql: unknown command '" << command << "'\n";
  Usage();
  return 2;
}
