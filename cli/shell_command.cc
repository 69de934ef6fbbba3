#include "cli/shell_command.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/shell_session.h"
#include "cli/statement_splitter.h"

namespace casql::cli {

namespace {

struct ShellOptions {
  std::string url = "http://127.0.0.1:8093";
  std::string user, password;
  // -s and -f in the order given: {is_file, text or path}.
  std::vector<std::pair<bool, std::string>> scripts;
};

bool ParseArgs(int argc, char** argv, ShellOptions* opts) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if ((arg == "--url" || arg == "-e" || arg == "--engine") && has_value) {
      opts->url = argv[++i];
    } else if ((arg == "-u" || arg == "--user") && has_value) {
      opts->user = argv[++i];
    } else if ((arg == "-p" || arg == "--password") && has_value) {
      opts->password = argv[++i];
    } else if ((arg == "-s" || arg == "--script") && has_value) {
      opts->scripts.emplace_back(false, argv[++i]);
    } else if ((arg == "-f" || arg == "--file") && has_value) {
      opts->scripts.emplace_back(true, argv[++i]);
    } else {
      std::cerr << "usage: casql shell [--url URL] [-u user -p password] [-s statements] "
                   "[-f file]\n";
      return false;
    }
  }
  return true;
}

// Runs a whole script: every statement, and the text after the last ';' as one more.
// Lines starting with a backslash outside a statement are shell commands.
bool RunScript(ShellSession& session, const std::string& text, bool* quit) {
  bool ok = true;
  StatementSplitter splitter;
  std::istringstream lines(text);
  std::string line;
  while (!*quit && std::getline(lines, line)) {
    if (splitter.Pending().empty() && Trim(line).rfind('\\', 0) == 0) {
      ok = session.Command(line, quit) && ok;
      continue;
    }
    for (const std::string& statement : splitter.Feed(line + "\n"))
      ok = session.Run(statement) && ok;
  }
  if (!*quit && !splitter.Pending().empty()) ok = session.Run(splitter.Pending()) && ok;
  return ok;
}

}  // namespace

int ShellCommand(int argc, char** argv) {
  ShellOptions opts;
  if (!ParseArgs(argc, argv, &opts)) return 2;
  ShellSession session(opts.url, opts.user, opts.password, std::cout, std::cerr);
  bool ok = true, quit = false;

  if (!opts.scripts.empty()) {
    for (const auto& [is_file, text] : opts.scripts) {
      if (quit) break;
      if (!is_file) {
        ok = RunScript(session, text, &quit) && ok;
        continue;
      }
      std::ifstream in(text);
      if (!in) {
        std::cerr << "ERROR: cannot read " << text << "\n";
        return 1;
      }
      std::stringstream content;
      content << in.rdbuf();
      ok = RunScript(session, content.str(), &quit) && ok;
    }
    return ok ? 0 : 1;
  }

  const bool interactive = isatty(STDIN_FILENO);
  if (interactive) {
    std::cout << "Connected to " << opts.url << ". Type \\HELP for help, \\EXIT to leave.\n";
  }
  StatementSplitter splitter;
  std::string line;
  while (!quit) {
    if (interactive)
      std::cout << (splitter.Pending().empty() ? "casql> " : "     > ") << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (splitter.Pending().empty() && Trim(line).rfind('\\', 0) == 0) {
      ok = session.Command(line, &quit) && ok;
      continue;
    }
    for (const std::string& statement : splitter.Feed(line + "\n"))
      ok = session.Run(statement) && ok;
  }
  if (!quit && !splitter.Pending().empty()) {
    std::cerr << "ERROR: input ended inside a statement (missing ';'): " << splitter.Pending()
              << "\n";
    ok = false;
  }
  if (interactive) std::cout << "\n";
  return ok ? 0 : 1;
}

}  // namespace casql::cli
