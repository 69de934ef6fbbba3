#pragma once

#include <string>
#include <vector>

namespace casql::cli {

// The interactive shell's input history, kept across sessions in a file (~/.casql_history):
// one typed line per file line, oldest first, at most kMaxEntries. Each new line is appended to
// the file at once, so a killed shell loses nothing; the file is rewritten to the last
// kMaxEntries when it has grown to twice that.
//
// Thread safety: none; one history per shell.
class ShellHistory {
 public:
  static constexpr size_t kMaxEntries = 1000;

  // Loads `path` (a missing or unreadable file is an empty history); an empty path keeps the
  // history in memory only.
  explicit ShellHistory(std::string path);

  // $HOME/.casql_history, or empty when HOME is not set.
  static std::string DefaultPath();

  // Adds a typed line; empty lines and repeats of the previous line are skipped.
  void Add(const std::string& line);
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  void Rewrite();

  const std::string path_;
  std::vector<std::string> entries_;
  size_t file_lines_ = 0;
};

}  // namespace casql::cli
