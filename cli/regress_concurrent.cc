#include "cli/regress_concurrent.h"

#include <atomic>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace casql::regress {

namespace {

Result<OutcomeCheck::Term> ParseTerm(std::string_view word, int line) {
  using Kind = OutcomeCheck::Term::Kind;
  auto bad = [&] {
    return Status(ErrorCode::kSyntax, "line " + std::to_string(line) + ": unknown outcome term '" +
                                          std::string(word) +
                                          "' (use success, error, error:CODE, total or a number)");
  };
  auto number = [](std::string_view digits, int64_t* out) {
    if (digits.empty() || digits.size() > 12) return false;
    int64_t v = 0;
    for (char c : digits) {
      if (!isdigit(static_cast<unsigned char>(c))) return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  OutcomeCheck::Term term;
  if (word == "success") {
    term.kind = Kind::kSuccess;
  } else if (word == "error") {
    term.kind = Kind::kAnyError;
  } else if (word == "total") {
    term.kind = Kind::kTotal;
  } else if (word.rfind("error:", 0) == 0) {
    term.kind = Kind::kErrorCode;
    if (!number(word.substr(6), &term.number)) return bad();
  } else if (!number(word, &term.number)) {
    return bad();
  }
  return term;
}

int64_t Evaluate(const std::vector<OutcomeCheck::Term>& sum, const OutcomeCounts& counts) {
  using Kind = OutcomeCheck::Term::Kind;
  int64_t total = 0;
  for (const auto& term : sum) {
    switch (term.kind) {
      case Kind::kSuccess:
        total += counts.success;
        break;
      case Kind::kAnyError:
        total += counts.any_error;
        break;
      case Kind::kTotal:
        total += counts.total;
        break;
      case Kind::kNumber:
        total += term.number;
        break;
      case Kind::kErrorCode: {
        auto it = counts.by_code.find(term.number);
        total += it == counts.by_code.end() ? 0 : it->second;
        break;
      }
    }
  }
  return total;
}

bool Holds(int64_t left, const std::string& op, int64_t right) {
  if (op == "=") return left == right;
  if (op == "!=") return left != right;
  if (op == "<") return left < right;
  if (op == "<=") return left <= right;
  if (op == ">") return left > right;
  return left >= right;
}

}  // namespace

Result<OutcomeCheck> ParseOutcomeCheck(std::string_view text, int line) {
  OutcomeCheck check;
  check.text = std::string(text);
  check.line = line;
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  auto syntax_error = [&] {
    return Status(ErrorCode::kSyntax,
                  "line " + std::to_string(line) +
                      ": expected 'TERM [+ TERM...] OP TERM [+ ...]' with OP one of = != < <= > "
                      ">=, separated by spaces: " +
                      check.text);
  };
  // Terms and operators alternate: TERM (+ TERM)* OP TERM (+ TERM)*.
  std::vector<OutcomeCheck::Term>* side = &check.left;
  bool want_term = true;
  for (const std::string& w : words) {
    if (want_term) {
      auto term = ParseTerm(w, line);
      if (!term.ok()) return term.status();
      side->push_back(term.value());
      want_term = false;
    } else if (w == "+") {
      want_term = true;
    } else if (check.op.empty() &&
               (w == "=" || w == "!=" || w == "<" || w == "<=" || w == ">" || w == ">=")) {
      check.op = w;
      side = &check.right;
      want_term = true;
    } else {
      return syntax_error();
    }
  }
  if (want_term || check.op.empty()) return syntax_error();
  return check;
}

std::string OutcomeCounts::Describe() const {
  std::string out = std::to_string(total) + " requests: " + std::to_string(success) + " success, " +
                    std::to_string(any_error) + " with errors";
  if (!by_code.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [code, n] : by_code) {
      out += (first ? "" : ", ") + std::to_string(code) + ": " + std::to_string(n);
      first = false;
    }
    out += ")";
  }
  return out;
}

OutcomeCounts RunConcurrently(Target& target, const Value& request, int clients, int runs) {
  std::vector<std::unique_ptr<Client>> connections;
  for (int i = 0; i < clients; ++i) connections.push_back(target.Connect());
  std::mutex mu;
  std::condition_variable start;
  bool started = false;
  OutcomeCounts counts;
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      {
        std::unique_lock lock(mu);
        start.wait(lock, [&] { return started; });
      }
      for (int r = 0; r < runs; ++r) {
        auto response = connections[i]->Query(request);
        std::lock_guard lock(mu);
        ++counts.total;
        if (!response.ok()) {
          counts.failures.push_back(response.status().message());
          continue;
        }
        if (response->Field("status") == Value("success")) ++counts.success;
        const Value& errors = response->Field("errors");
        if (!errors.IsArray() || errors.AsArray().empty()) continue;
        ++counts.any_error;
        std::map<int64_t, bool> seen;
        for (const Value& e : errors.AsArray()) {
          const Value& code = e.Field("code");
          if (!code.IsNumber()) continue;
          const auto n = static_cast<int64_t>(code.AsDouble());
          if (!seen[n]) {
            seen[n] = true;
            ++counts.by_code[n];
          }
        }
      }
    });
  }
  {
    std::lock_guard lock(mu);
    started = true;
  }
  start.notify_all();
  for (auto& t : threads) t.join();
  return counts;
}

std::vector<std::string> FailedChecks(const std::vector<OutcomeCheck>& checks,
                                      const OutcomeCounts& counts) {
  std::vector<std::string> failed;
  for (const OutcomeCheck& check : checks) {
    const int64_t left = Evaluate(check.left, counts);
    const int64_t right = Evaluate(check.right, counts);
    if (!Holds(left, check.op, right)) {
      failed.push_back("line " + std::to_string(check.line) + ": '" + check.text +
                       "' does not hold (" + std::to_string(left) + " " + check.op + " " +
                       std::to_string(right) + ")");
    }
  }
  return failed;
}

}  // namespace casql::regress
