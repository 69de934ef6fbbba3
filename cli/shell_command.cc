#include "cli/shell_command.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/shell_history.h"
#include "cli/shell_line_editor.h"
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

// The terminal in raw mode while a line is edited: no echo, no line buffering, Ctrl-C as a key.
// Output processing stays on, so "\n" still starts a new line. Restored on destruction, so
// statements run (and Ctrl-C interrupts the shell) in the normal mode.
class RawTerminal {
 public:
  RawTerminal() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
  }
  ~RawTerminal() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

// Reads one line from the terminal through the editor, redrawing it after every key.
LineEditor::Event ReadLine(LineEditor& editor, const std::string& prompt, std::string* line) {
  RawTerminal raw;
  editor.Start(prompt);
  std::cout << editor.Render() << std::flush;
  while (true) {
    char byte;
    const ssize_t n = ::read(STDIN_FILENO, &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return LineEditor::Event::kEof;
    const LineEditor::Event event = editor.Feed(byte);
    std::cout << editor.Render();
    if (event == LineEditor::Event::kNone) {
      std::cout << std::flush;
      continue;
    }
    std::cout << (event == LineEditor::Event::kInterrupt ? "^C\n" : "\n") << std::flush;
    *line = editor.line();
    return event;
  }
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
  // Line editing needs a terminal on both sides; otherwise lines are read as they come.
  const bool editing = interactive && isatty(STDOUT_FILENO);
  if (interactive) {
    std::cout << "Connected to " << opts.url << ". Type \\HELP for help, \\EXIT to leave.\n";
  }
  ShellHistory history(editing ? ShellHistory::DefaultPath() : "");
  LineEditor editor(&history.entries());
  StatementSplitter splitter;
  std::string line;
  while (!quit) {
    const char* prompt = splitter.Pending().empty() ? "casql> " : "     > ";
    if (editing) {
      const LineEditor::Event event = ReadLine(editor, prompt, &line);
      if (event == LineEditor::Event::kEof) break;
      if (event == LineEditor::Event::kInterrupt) {
        splitter.Clear();  // Ctrl-C abandons the statement being typed
        continue;
      }
      history.Add(line);
    } else {
      if (interactive) std::cout << prompt << std::flush;
      if (!std::getline(std::cin, line)) break;
    }
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
