#include "cli/regress_test_runner.h"

#include <strings.h>

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/regress_compare.h"
#include "cli/regress_concurrent.h"
#include "cli/regress_test_format.h"
#include "value/json.h"

namespace casql::regress {

namespace {

int64_t MutationCount(const Response& r) {
  const Value& n = r.metrics.Field("mutationCount");
  return n.IsNumber() ? static_cast<int64_t>(n.AsDouble()) : 0;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

bool StartsWithKeyword(const std::string& text, const char* keyword) {
  const size_t n = strlen(keyword);
  return text.size() > n && strncasecmp(text.c_str(), keyword, n) == 0 &&
         isspace(static_cast<unsigned char>(text[n]));
}

// Runs the records of one file in order; the request parameters set by `set` carry over.
class FileRun {
 public:
  FileRun(Target* target, FileReport* report) : target_(target), report_(report) {
    client_ = target_->Connect();
  }

  void Run(const std::vector<TestRecord>& records) {
    for (const TestRecord& r : records) {
      if (!cannot_continue_.empty()) {
        if (IsCase(r)) report_->Skip(r.line, r.sql, cannot_continue_);
        continue;
      }
      if (!r.skip_reason.empty()) {
        report_->Skip(r.line, r.sql, r.skip_reason);
        continue;
      }
      switch (r.kind) {
        case TestRecord::Kind::kStatement:
          Statement(r);
          break;
        case TestRecord::Kind::kQuery:
          Query(r);
          break;
        case TestRecord::Kind::kExplain:
          Explain(r);
          break;
        case TestRecord::Kind::kConcurrent:
          Concurrent(r);
          break;
        case TestRecord::Kind::kSet:
          params_.Set(r.param_name, r.param_value);
          break;
        case TestRecord::Kind::kReset:
          if (r.param_name.empty()) {
            params_ = Object();
          } else {
            params_.Remove(r.param_name);
          }
          break;
        case TestRecord::Kind::kRestart:
          Restart(r);
          break;
      }
    }
  }

 private:
  static bool IsCase(const TestRecord& r) {
    return r.kind != TestRecord::Kind::kSet && r.kind != TestRecord::Kind::kReset;
  }

  // Sends one request; a request that got no answer fails the case and returns false.
  bool Send(const TestRecord& r, const Value& request, Response* out) {
    auto document = client_->Query(request);
    if (!document.ok()) {
      report_->Fail(r.line, r.sql, document.status().message());
      return false;
    }
    *out = ReadResponse(document.value());
    return true;
  }

  void Statement(const TestRecord& r) {
    Response response;
    if (!Send(r, MakeRequest(params_, r.sql), &response)) return;
    std::vector<std::string> problems;
    if (!r.expect_error && !response.success()) {
      problems.push_back("expected success, got status \"" + response.status + "\":");
      problems.push_back(response.DescribeErrors());
    }
    if (r.expect_error) CheckErrors(r, response, &problems);
    if (r.mutations && MutationCount(response) != *r.mutations) {
      problems.push_back("expected mutationCount " + std::to_string(*r.mutations) + ", actual " +
                         std::to_string(MutationCount(response)));
    }
    Conclude(r, problems);
  }

  void CheckErrors(const TestRecord& r, const Response& response,
                   std::vector<std::string>* problems) {
    if (response.errors.empty()) {
      problems->push_back("expected an error, the statement succeeded (" +
                          std::to_string(response.rows.size()) + " rows)");
      return;
    }
    std::optional<std::regex> pattern;
    if (!r.error_regex.empty()) {
      try {
        pattern.emplace(r.error_regex);
      } catch (const std::regex_error& e) {
        problems->push_back("invalid /regex/: " + std::string(e.what()));
        return;
      }
    }
    bool matched = false;
    for (const Value& e : response.errors) {
      const bool code_ok = !r.error_code || (e.Field("code").IsNumber() &&
                                             e.Field("code").AsDouble() == *r.error_code);
      const std::string msg = e.Field("msg").IsString() ? e.Field("msg").AsString() : "";
      matched = matched || (code_ok && (!pattern || std::regex_search(msg, *pattern)));
    }
    if (!matched) {
      problems->push_back("expected error" +
                          (r.error_code ? " " + std::to_string(*r.error_code) : "") +
                          (pattern ? " matching /" + r.error_regex + "/" : "") + ", got:");
      problems->push_back(response.DescribeErrors());
    }
    if (!r.expected_errors.empty()) {
      std::vector<bool> claimed(response.errors.size(), false);
      for (const Value& want : r.expected_errors) {
        bool found = false;
        for (size_t i = 0; i < response.errors.size() && !found; ++i) {
          if (!claimed[i] && JsonSubset(want, response.errors[i], NumberMode::kExact)) {
            claimed[i] = found = true;
          }
        }
        if (!found) problems->push_back("no error contains " + Shorten(want, 400));
      }
      if (r.expected_errors.size() != response.errors.size()) {
        problems->push_back("expected " + std::to_string(r.expected_errors.size()) +
                            " errors, actual " + std::to_string(response.errors.size()));
      }
      if (problems->size() > 0) {
        problems->push_back("actual errors: " + Shorten(Value(response.errors), 1200));
      }
    }
  }

  void Query(const TestRecord& r) {
    Response response;
    if (!Send(r, MakeRequest(params_, r.sql), &response)) return;
    if (!response.success()) {
      Conclude(
          r, {"expected rows, got status \"" + response.status + "\":", response.DescribeErrors()});
      return;
    }
    std::vector<std::string> problems =
        DiffRows(r.rows, response.rows, !r.rowsort, NumberMode::kExact);
    if (!problems.empty()) {
      problems.push_back("expected: " + Shorten(Value(r.rows), 600));
      problems.push_back("actual:   " + Shorten(Value(response.rows), 600));
    }
    Conclude(r, problems);
  }

  // EXPLAIN the statement, then run each assertion with the plan row bound as $explan.
  void Explain(const TestRecord& r) {
    Response plan;
    if (!Send(r, MakeRequest(params_, "EXPLAIN " + r.sql), &plan)) return;
    if (!plan.success() || plan.rows.size() != 1) {
      Conclude(r, {"EXPLAIN did not return one plan row (status \"" + plan.status + "\", " +
                       std::to_string(plan.rows.size()) + " rows)",
                   plan.DescribeErrors()});
      return;
    }
    std::vector<std::string> problems;
    for (const std::string& assertion : r.assertions) {
      const bool whole_query =
          StartsWithKeyword(assertion, "SELECT") || StartsWithKeyword(assertion, "WITH");
      Object params = params_;
      params.Set("$explan", plan.rows[0]);
      Response result;
      if (!Send(r, MakeRequest(params, whole_query ? assertion : "SELECT RAW (" + assertion + ")"),
                &result)) {
        return;
      }
      if (!result.success()) {
        problems.push_back("assertion failed to run: " + assertion);
        problems.push_back(result.DescribeErrors());
      } else if (!SameJson(Value(Array{Value(true)}), Value(result.rows), NumberMode::kExact)) {
        problems.push_back("not TRUE (" + Shorten(Value(result.rows), 120) + "): " + assertion);
      }
    }
    if (!problems.empty()) problems.push_back("plan: " + Shorten(plan.rows[0], 1500));
    Conclude(r, problems);
  }

  void Concurrent(const TestRecord& r) {
    OutcomeCounts counts =
        RunConcurrently(*target_, MakeRequest(params_, r.sql), r.clients, r.runs);
    std::vector<std::string> problems = FailedChecks(r.checks, counts);
    for (const std::string& f : counts.failures) {
      problems.push_back("request got no answer: " + f);
      if (problems.size() > 10) break;
    }
    if (!problems.empty()) problems.push_back("outcomes: " + counts.Describe());
    Conclude(r, problems);
  }

  void Restart(const TestRecord& r) {
    const std::string impossible = target_->CannotRestartReason();
    if (!impossible.empty()) {
      cannot_continue_ = "after 'restart' at line " + std::to_string(r.line) + ": " + impossible;
      report_->Skip(r.line, r.sql, impossible);
      return;
    }
    client_.reset();
    Status s = target_->Restart();
    client_ = target_->Connect();
    if (!s.ok()) {
      cannot_continue_ = "the restart at line " + std::to_string(r.line) + " failed";
      report_->Fail(r.line, r.sql, s.message());
    }
  }

  void Conclude(const TestRecord& r, const std::vector<std::string>& problems) {
    if (problems.empty()) {
      report_->Pass(r.line, r.sql);
    } else {
      report_->Fail(r.line, r.sql, JoinLines(problems));
    }
  }

  Target* target_;
  FileReport* report_;
  std::unique_ptr<Client> client_;
  Object params_;
  // Set when the rest of the file cannot run meaningfully; the remaining cases are skipped
  // with this reason.
  std::string cannot_continue_;
};

}  // namespace

FileReport RunTestFile(const std::string& path, const std::string& display_path,
                       const TargetOptions& options) {
  FileReport report;
  report.path = display_path;
  std::ifstream in(path);
  if (!in) {
    report.Fail(0, "", "cannot read " + path);
    return report;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto records = ParseTestFile(text.str());
  if (!records.ok()) {
    report.Fail(0, "", "malformed test file: " + records.status().message());
    return report;
  }
  bool durable = false;
  std::vector<std::string> buckets;
  for (const TestRecord& r : records.value()) {
    durable = durable || r.kind == TestRecord::Kind::kRestart;
    for (std::string& b : BucketsCreatedBy(r.sql)) buckets.push_back(std::move(b));
  }
  auto target = OpenTarget(options, durable);
  if (!target.ok()) {
    report.Fail(0, "", "cannot start the server: " + target.status().message());
    return report;
  }
  const bool shared_server = !options.url.empty();
  if (shared_server) DropBuckets(*target.value()->Connect(), buckets);
  FileRun(target.value().get(), &report).Run(records.value());
  if (shared_server) DropBuckets(*target.value()->Connect(), buckets);
  return report;
}

}  // namespace casql::regress
