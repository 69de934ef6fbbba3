#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casql::cli {

// Cuts shell input into statements the way cbq does: a statement ends at a ';' that is not
// inside a string ('...' or "..."), a quoted identifier (`...`) or a comment (-- or /* */).
// Input may arrive in any pieces (lines of an interactive session, a whole file).
class StatementSplitter {
 public:
  // Adds text and returns the statements it completed, trimmed, without their ';' (empty
  // statements are dropped).
  std::vector<std::string> Feed(std::string_view text);
  // The text after the last complete statement, trimmed; empty when nothing is pending.
  std::string Pending() const;
  void Clear();

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kLineComment, kBlockComment };
  std::string buffer_;  // text of the statement being read
  State state_ = State::kCode;
};

std::string Trim(std::string_view text);

}  // namespace casql::cli
