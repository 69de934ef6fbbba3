#include "cli/shell_history.h"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace casql::cli {

ShellHistory::ShellHistory(std::string path) : path_(std::move(path)) {
  if (path_.empty()) return;
  std::ifstream in(path_);
  std::string line;
  while (std::getline(in, line)) {
    ++file_lines_;
    if (!line.empty()) entries_.push_back(std::move(line));
  }
  if (entries_.size() > kMaxEntries) {
    entries_.erase(entries_.begin(),
                   entries_.begin() + static_cast<std::ptrdiff_t>(entries_.size() - kMaxEntries));
  }
  if (file_lines_ >= 2 * kMaxEntries) Rewrite();
}

std::string ShellHistory::DefaultPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.casql_history";
}

void ShellHistory::Add(const std::string& line) {
  // A line break would split the entry in the file; a typed line has none, but be safe.
  if (line.empty() || line.find('\n') != std::string::npos) return;
  if (!entries_.empty() && entries_.back() == line) return;
  entries_.push_back(line);
  if (entries_.size() > kMaxEntries) entries_.erase(entries_.begin());
  if (path_.empty()) return;
  std::ofstream out(path_, std::ios::app);
  out << line << '\n';
  if (++file_lines_ >= 2 * kMaxEntries) Rewrite();
}

void ShellHistory::Rewrite() {
  const std::string temp = path_ + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    for (const std::string& entry : entries_) out << entry << '\n';
    if (!out) return;
  }
  if (std::rename(temp.c_str(), path_.c_str()) == 0) file_lines_ = entries_.size();
}

}  // namespace casql::cli
