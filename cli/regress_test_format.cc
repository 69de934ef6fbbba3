#include "cli/regress_test_format.h"

#include <cctype>
#include <sstream>

#include "value/json.h"

namespace casql::regress {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

bool ParseCount(const std::string& word, int64_t* out) {
  if (word.empty() || word.size() > 15) return false;
  for (char c : word) {
    if (!isdigit(static_cast<unsigned char>(c))) return false;
  }
  *out = std::stoll(word);
  return true;
}

class FileParser {
 public:
  explicit FileParser(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(line);
    }
  }

  Result<std::vector<TestRecord>> Parse() {
    std::vector<TestRecord> records;
    std::string pending_skip;
    int skip_line = 0;
    while (NextContentLine()) {
      const int line = static_cast<int>(pos_) + 1;
      const std::string header = Trim(lines_[pos_++]);
      if (header.rfind("skip", 0) == 0 && (header.size() == 4 || isspace(header[4]))) {
        pending_skip = Trim(header.substr(4));
        skip_line = line;
        if (pending_skip.empty()) return Error(line, "'skip' needs a reason");
        continue;
      }
      TestRecord record;
      record.line = line;
      CASQL_RETURN_IF_ERROR(ParseRecord(header, &record));
      if (!pending_skip.empty()) {
        if (record.kind == TestRecord::Kind::kSet || record.kind == TestRecord::Kind::kReset) {
          return Error(skip_line, "'skip' must precede a case, not set/reset");
        }
        record.skip_reason = std::move(pending_skip);
        pending_skip.clear();
      }
      records.push_back(std::move(record));
    }
    if (!pending_skip.empty()) return Error(skip_line, "'skip' at the end of the file");
    return records;
  }

 private:
  static Status Error(int line, const std::string& message) {
    return Status(ErrorCode::kSyntax, "line " + std::to_string(line) + ": " + message);
  }

  static bool IsComment(const std::string& line) {
    const std::string t = Trim(line);
    return !t.empty() && t[0] == '#';
  }

  // Moves to the next line that is neither blank nor a comment.
  bool NextContentLine() {
    while (pos_ < lines_.size() && (Trim(lines_[pos_]).empty() || IsComment(lines_[pos_]))) {
      ++pos_;
    }
    return pos_ < lines_.size();
  }

  // The SQL after a header: lines up to a blank line, "----" or the end. Sets *separator
  // when "----" ended it (the separator line is consumed).
  std::string ReadSql(bool* separator) {
    std::string sql;
    *separator = false;
    for (; pos_ < lines_.size(); ++pos_) {
      const std::string t = Trim(lines_[pos_]);
      if (t.empty()) break;
      if (IsComment(lines_[pos_])) continue;
      if (t == "----") {
        *separator = true;
        ++pos_;
        break;
      }
      if (!sql.empty()) sql.push_back('\n');
      sql += lines_[pos_];
    }
    return sql;
  }

  // The lines after "----", up to a blank line or the end, with their line numbers.
  std::vector<std::pair<int, std::string>> ReadBody() {
    std::vector<std::pair<int, std::string>> body;
    for (; pos_ < lines_.size(); ++pos_) {
      const std::string t = Trim(lines_[pos_]);
      if (t.empty()) break;
      if (IsComment(lines_[pos_])) continue;
      body.emplace_back(static_cast<int>(pos_) + 1, t);
    }
    return body;
  }

  Status ParseJsonLines(const std::vector<std::pair<int, std::string>>& body, Array* out) {
    for (const auto& [line, text] : body) {
      auto v = ParseJson(text);
      if (!v.ok()) return Error(line, "not a JSON value: " + v.status().message());
      out->push_back(v.value());
    }
    return Status::OK();
  }

  Status ParseRecord(const std::string& header, TestRecord* r) {
    const std::vector<std::string> words = Words(header);
    const std::string& kind = words[0];
    const int line = r->line;
    bool separator = false;
    if (kind == "statement") return ParseStatement(header, words, r);
    if (kind == "query") {
      r->kind = TestRecord::Kind::kQuery;
      if (words.size() > 2 || (words.size() == 2 && words[1] != "rowsort")) {
        return Error(line, "expected 'query' or 'query rowsort'");
      }
      r->rowsort = words.size() == 2;
      r->sql = ReadSql(&separator);
      if (r->sql.empty() || !separator) return Error(line, "'query' needs SQL, then ----, rows");
      return ParseJsonLines(ReadBody(), &r->rows);
    }
    if (kind == "explain") {
      r->kind = TestRecord::Kind::kExplain;
      if (words.size() != 1) return Error(line, "'explain' takes nothing on its line");
      r->sql = ReadSql(&separator);
      if (r->sql.empty() || !separator) {
        return Error(line, "'explain' needs SQL, then ----, then assertions over $explan");
      }
      for (auto& [unused, text] : ReadBody()) r->assertions.push_back(text);
      if (r->assertions.empty()) return Error(line, "'explain' without assertions");
      return Status::OK();
    }
    if (kind == "concurrent") return ParseConcurrent(words, r);
    if (kind == "set") {
      r->kind = TestRecord::Kind::kSet;
      if (words.size() < 3) return Error(line, "expected 'set NAME VALUE'");
      r->param_name = words[1];
      const size_t name_at = header.find(words[1], kind.size());
      const std::string text = Trim(header.substr(name_at + words[1].size()));
      auto json = ParseJson(text);
      // Bare words (request_plus) are strings; anything that parses is JSON.
      r->param_value = json.ok() ? json.value() : Value(text);
      return Status::OK();
    }
    if (kind == "reset") {
      r->kind = TestRecord::Kind::kReset;
      if (words.size() > 2) return Error(line, "expected 'reset' or 'reset NAME'");
      if (words.size() == 2) r->param_name = words[1];
      return Status::OK();
    }
    if (kind == "restart") {
      r->kind = TestRecord::Kind::kRestart;
      r->sql = "restart";
      if (words.size() != 1) return Error(line, "'restart' takes nothing on its line");
      return Status::OK();
    }
    return Error(line, "unknown record '" + kind +
                           "' (statement, query, explain, concurrent, set, reset, restart, skip)");
  }

  // statement ok [mutations N]
  // statement error [CODE] [mutations N] [/REGEX/]   then optionally ---- and error objects
  Status ParseStatement(const std::string& header, const std::vector<std::string>& words,
                        TestRecord* r) {
    const int line = r->line;
    r->kind = TestRecord::Kind::kStatement;
    if (words.size() < 2 || (words[1] != "ok" && words[1] != "error")) {
      return Error(line, "expected 'statement ok' or 'statement error'");
    }
    r->expect_error = words[1] == "error";
    std::string rest =
        Trim(header.substr(header.find(words[1], words[0].size()) + words[1].size()));
    if (r->expect_error && !rest.empty() && rest.back() == '/') {
      const size_t open = rest.find('/');
      if (open == rest.size() - 1) return Error(line, "unterminated /regex/");
      r->error_regex = rest.substr(open + 1, rest.size() - open - 2);
      rest = Trim(rest.substr(0, open));
    }
    std::vector<std::string> options = Words(rest);
    size_t i = 0;
    int64_t n = 0;
    if (r->expect_error && i < options.size() && ParseCount(options[i], &n)) {
      r->error_code = n;
      ++i;
    }
    if (i + 1 < options.size() && options[i] == "mutations" && ParseCount(options[i + 1], &n)) {
      r->mutations = n;
      i += 2;
    }
    if (i != options.size()) {
      return Error(line, "unexpected '" + options[i] +
                             "' (statement ok [mutations N] | statement error [CODE] "
                             "[mutations N] [/REGEX/])");
    }
    bool separator = false;
    r->sql = ReadSql(&separator);
    if (r->sql.empty()) return Error(line, "'statement' without SQL");
    if (separator) {
      if (!r->expect_error) return Error(line, "'statement ok' takes no ---- section");
      Array errors;
      CASQL_RETURN_IF_ERROR(ParseJsonLines(ReadBody(), &errors));
      for (Value& e : errors) {
        if (!e.IsObject()) return Error(line, "expected error objects after ----");
        r->expected_errors.push_back(std::move(e));
      }
    }
    return Status::OK();
  }

  // concurrent CLIENTS x RUNS, then SQL, ----, one outcome check per line.
  Status ParseConcurrent(const std::vector<std::string>& words, TestRecord* r) {
    const int line = r->line;
    r->kind = TestRecord::Kind::kConcurrent;
    int64_t clients = 0, runs = 0;
    if (words.size() != 4 || words[2] != "x" || !ParseCount(words[1], &clients) ||
        !ParseCount(words[3], &runs) || clients < 1 || clients > 256 || runs < 1 || runs > 100000) {
      return Error(line, "expected 'concurrent CLIENTS x RUNS' (1-256 clients)");
    }
    r->clients = static_cast<int>(clients);
    r->runs = static_cast<int>(runs);
    bool separator = false;
    r->sql = ReadSql(&separator);
    if (r->sql.empty() || !separator) {
      return Error(line, "'concurrent' needs SQL, then ----, then outcome checks");
    }
    for (const auto& [check_line, text] : ReadBody()) {
      auto check = ParseOutcomeCheck(text, check_line);
      if (!check.ok()) return check.status();
      r->checks.push_back(std::move(check.value()));
    }
    if (r->checks.empty()) return Error(line, "'concurrent' without outcome checks");
    return Status::OK();
  }

  std::vector<std::string> lines_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<TestRecord>> ParseTestFile(const std::string& text) {
  return FileParser(text).Parse();
}

}  // namespace casql::regress
