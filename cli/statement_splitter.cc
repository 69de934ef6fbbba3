#include "cli/statement_splitter.h"

#include <cctype>

namespace casql::cli {

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> StatementSplitter::Feed(std::string_view text) {
  std::vector<std::string> done;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (state_) {
      case State::kCode:
        if (c == ';') {
          std::string statement = Trim(buffer_);
          buffer_.clear();
          if (!statement.empty()) done.push_back(std::move(statement));
          continue;
        }
        if (c == '\'') state_ = State::kSingle;
        if (c == '"') state_ = State::kDouble;
        if (c == '`') state_ = State::kBacktick;
        if (c == '-' && next == '-') state_ = State::kLineComment;
        if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          buffer_.push_back(c);
          buffer_.push_back(next);
          ++i;
          continue;
        }
        break;
      case State::kSingle:
      case State::kDouble:
        if (c == '\\' && i + 1 < text.size()) {
          buffer_.push_back(c);
          buffer_.push_back(next);
          ++i;
          continue;
        }
        // A doubled quote stays inside the string: leaving and re-entering is equivalent.
        if ((state_ == State::kSingle && c == '\'') || (state_ == State::kDouble && c == '"')) {
          state_ = State::kCode;
        }
        break;
      case State::kBacktick:
        if (c == '`') state_ = State::kCode;
        break;
      case State::kLineComment:
        if (c == '\n') state_ = State::kCode;
        break;
      case State::kBlockComment:
        if (c == '*' && next == '/') {
          state_ = State::kCode;
          buffer_.push_back(c);
          buffer_.push_back(next);
          ++i;
          continue;
        }
        break;
    }
    buffer_.push_back(c);
  }
  return done;
}

std::string StatementSplitter::Pending() const {
  return Trim(buffer_);
}

void StatementSplitter::Clear() {
  buffer_.clear();
  state_ = State::kCode;
}

}  // namespace casql::cli
