#include "cli/regress_couchbase.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/regress_compare.h"
#include "value/json.h"

namespace casql::regress {

namespace {

struct PeerCase {
  int line = 0;  // where the case's object starts
  Value spec;
};

// The line on which each element of the top-level array starts, found by a scan that
// skips string contents (the parsed Value does not keep positions).
std::vector<int> ElementLines(const std::string& text) {
  std::vector<int> lines;
  int line = 1, depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (depth == 1) lines.push_back(line);
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return lines;
}

Result<std::vector<PeerCase>> ReadCaseFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kInternal, "cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->IsArray()) return Status(ErrorCode::kInternal, "not a JSON array of cases");
  const std::vector<int> lines = ElementLines(text);
  std::vector<PeerCase> cases;
  for (size_t i = 0; i < parsed->AsArray().size(); ++i) {
    const Value& spec = parsed->AsArray()[i];
    if (!spec.IsObject()) return Status(ErrorCode::kInternal, "a case is not a JSON object");
    cases.push_back({i < lines.size() ? lines[i] : 0, spec});
  }
  return cases;
}

std::string StringField(const Value& spec, const char* name) {
  const Value& v = spec.Field(name);
  return v.IsString() ? v.AsString() : "";
}

// Removes the fields named by `ignore` from a row: only its own fields (black-box harness)
// or at every depth (test_cases harness), as the two Go harnesses differ.
Value DropFields(const Value& v, const std::vector<std::string>& names, bool recursive) {
  if (v.IsObject()) {
    Object out;
    for (const auto& [name, field] : v.AsObject()) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      out.Set(name, recursive ? DropFields(field, names, recursive) : field);
    }
    return Value(std::move(out));
  }
  if (v.IsArray() && recursive) {
    Array out;
    for (const Value& e : v.AsArray()) out.push_back(DropFields(e, names, recursive));
    return Value(std::move(out));
  }
  return v;
}

std::vector<std::string> IgnoredFields(const Value& spec) {
  std::vector<std::string> names;
  const Value& ignore = spec.Field("ignore");
  if (ignore.IsString()) names.push_back(ignore.AsString());
  if (ignore.IsArray()) {
    for (const Value& n : ignore.AsArray()) {
      if (n.IsString()) names.push_back(n.AsString());
    }
  }
  return names;
}

class CaseFileRun {
 public:
  CaseFileRun(Client* client, const PeerOptions& options, bool recursive_ignore)
      : client_(client), options_(options), recursive_ignore_(recursive_ignore) {}

  FileReport Run(const std::string& path) {
    FileReport report;
    report.path = path;
    report.skips_in_notes = true;
    auto cases = ReadCaseFile(path);
    if (!cases.ok()) {
      report.Fail(0, "", "malformed case file: " + cases.status().message());
      return report;
    }
    std::map<std::string, int> excluded;  // reason -> cases
    for (const PeerCase& c : cases.value()) {
      const std::string statement = StringField(c.spec, "statements");
      const Exclusions::Rule* rule =
          options_.exclusions ? options_.exclusions->Match(path, c.line) : nullptr;
      if (rule) {
        report.Skip(c.line, statement, rule->reason);
        ++excluded[rule->reason];
      } else if (c.spec.Field("disabled") == Value(true)) {
        report.Skip(c.line, statement, "disabled in the case file");
        report.notes.push_back(path + ":" + std::to_string(c.line) + ": disabled in the case file");
      } else {
        RunCase(c, statement, &report);
      }
    }
    for (const auto& [reason, count] : excluded) {
      report.notes.push_back(path + ": " + std::to_string(count) +
                             (count == 1 ? " case" : " cases") + " excluded (" + reason + ")");
    }
    return report;
  }

 private:
  // Runs one statement outside the case proper (pre/postStatements); empty on success.
  std::string Side(const std::string& sql) {
    auto document = client_->Query(MakeRequest({}, sql));
    if (!document.ok()) return document.status().message();
    Response r = ReadResponse(document.value());
    return r.success() ? "" : r.DescribeErrors();
  }

  void RunCase(const PeerCase& c, const std::string& statement, FileReport* report) {
    const Value& spec = c.spec;
    if (statement.empty()) {
      report->Fail(c.line, "", "the case has no \"statements\"");
      return;
    }
    const std::string pre = StringField(spec, "preStatements");
    if (!pre.empty()) {
      const std::string failure = Side(pre);
      if (!failure.empty()) {
        report->Fail(c.line, statement, "preStatements failed: " + pre + "\n" + failure);
        return;
      }
    }
    Object request;
    if (spec.Field("namedArgs").IsObject()) {
      for (const auto& [name, value] : spec.Field("namedArgs").AsObject()) {
        request.Set("$" + name, value);
      }
    }
    if (spec.Field("positionalArgs").IsArray()) request.Set("args", spec.Field("positionalArgs"));
    auto document = client_->Query(MakeRequest(request, statement));
    std::vector<std::string> problems;
    const std::string post = StringField(spec, "postStatements");
    if (!post.empty()) {
      const std::string failure = Side(post);
      if (!failure.empty()) problems.push_back("postStatements failed: " + post + "\n" + failure);
    }
    if (!document.ok()) {
      problems.push_back(document.status().message());
    } else {
      Judge(spec, ReadResponse(document.value()), &problems);
    }
    if (problems.empty()) {
      report->Pass(c.line, statement);
    } else {
      std::string detail;
      for (const std::string& p : problems) detail += (detail.empty() ? "" : "\n") + p;
      report->Fail(c.line, statement, detail);
    }
  }

  void Judge(const Value& spec, const Response& response, std::vector<std::string>* problems) {
    const std::string want_error = StringField(spec, "error");
    const Value& want_code = spec.Field("errorCode");
    const bool expect_error = !want_error.empty() || want_code.IsNumber();
    const bool failed = !response.success();
    if (expect_error) {
      if (!failed) {
        problems->push_back("expected an error" +
                            (want_error.empty() ? "" : " containing \"" + want_error + "\"") +
                            ", the statement succeeded: " + Shorten(Value(response.rows)));
        return;
      }
      bool matched = false;
      for (const Value& e : response.errors) {
        const std::string msg = e.Field("msg").IsString() ? e.Field("msg").AsString() : "";
        const bool text_ok = want_error.empty() || msg.find(want_error) != std::string::npos;
        const bool code_ok = !want_code.IsNumber() || e.Field("code") == want_code;
        matched = matched || (text_ok && code_ok);
      }
      if (!matched) {
        problems->push_back(
            "expected error" + (want_code.IsNumber() ? " " + ToJson(want_code) : "") +
            (want_error.empty() ? "" : " containing \"" + want_error + "\"") + ", got:");
        problems->push_back(response.DescribeErrors());
      }
      return;
    }
    if (failed) {
      problems->push_back("unexpected error (status \"" + response.status + "\"):");
      problems->push_back(response.DescribeErrors());
      return;
    }
    // Without "results" (or with the unchecked "resultset") the case only has to run.
    const Value& expected = spec.Field("results");
    if (!expected.IsArray()) return;
    const std::vector<std::string> ignored = IgnoredFields(spec);
    Array rows = response.rows;
    if (!ignored.empty()) {
      for (Value& row : rows) row = DropFields(row, ignored, recursive_ignore_);
    }
    const Value actual(std::move(rows));
    std::vector<std::string> diff =
        DiffRows(expected.AsArray(), actual.AsArray(), /*ordered=*/true, NumberMode::kAsDouble);
    if (diff.empty()) return;
    problems->insert(problems->end(), diff.begin(), diff.end());
    problems->push_back("expected: " + Shorten(expected, 600));
    problems->push_back("actual:   " + Shorten(actual, 600));
  }

  Client* client_;
  const PeerOptions& options_;
  bool recursive_ignore_;
};

// A fresh server for one unit, or a report explaining why there is none.
std::unique_ptr<Target> StartServer(const PeerOptions& options, const std::string& path,
                                    std::vector<FileReport>* reports) {
  auto target = OpenTarget(options.target, false);
  if (target.ok()) return std::move(target.value());
  FileReport report;
  report.path = path;
  report.Fail(0, "", "cannot start the server: " + target.status().message());
  reports->push_back(std::move(report));
  return nullptr;
}

}  // namespace

std::vector<FileReport> RunBlackBoxFile(const std::string& case_file, const BlackBoxData& data,
                                        bool report_data_notes, const PeerOptions& options) {
  std::vector<FileReport> reports;
  auto target = StartServer(options, case_file, &reports);
  if (!target) return reports;
  auto client = target->Connect();
  std::vector<std::string> names;
  for (const KeyspaceData& k : data.keyspaces) names.push_back(k.name);
  const bool shared_server = !options.target.url.empty();
  if (shared_server) DropBuckets(*client, names);
  std::vector<std::string> problems;
  CreateKeyspaces(*client, names, &problems);
  for (const KeyspaceData& k : data.keyspaces) LoadDocuments(*client, k, &problems);
  FileReport report = CaseFileRun(client.get(), options, false).Run(case_file);
  if (shared_server) DropBuckets(*client, names);
  if (report_data_notes) {
    std::vector<std::string> notes = data.notes;
    notes.insert(notes.end(), problems.begin(), problems.end());
    notes.insert(notes.end(), report.notes.begin(), report.notes.end());
    report.notes = std::move(notes);
  }
  reports.push_back(std::move(report));
  return reports;
}

const std::vector<std::string>& AreaKeyspaces() {
  static const std::vector<std::string> kKeyspaces{"customer", "orders", "product", "purchase",
                                                   "review"};
  return kKeyspaces;
}

std::vector<FileReport> RunArea(const std::string& area_dir,
                                const std::vector<std::string>& case_files,
                                const PeerOptions& options) {
  std::vector<FileReport> reports;
  auto target = StartServer(options, area_dir, &reports);
  if (!target) return reports;
  auto client = target->Connect();
  const bool shared_server = !options.target.url.empty();
  if (shared_server) DropBuckets(*client, AreaKeyspaces());
  std::vector<std::string> problems;
  CreateKeyspaces(*client, AreaKeyspaces(), &problems);
  const std::string insert_file = area_dir + "/insert.json";
  if (std::ifstream(insert_file)) {
    auto inserts = ReadCaseFile(insert_file);
    if (!inserts.ok()) {
      problems.push_back(insert_file + ": " + inserts.status().message());
    } else {
      for (const PeerCase& c : inserts.value()) {
        auto document = client->Query(MakeRequest({}, StringField(c.spec, "statements")));
        const std::string failure = !document.ok()
                                        ? document.status().message()
                                        : ReadResponse(document.value()).DescribeErrors();
        if (!failure.empty()) {
          problems.push_back(insert_file + ":" + std::to_string(c.line) +
                             ": setup failed: " + Shorten(failure, 300));
        }
      }
    }
  }
  for (const std::string& file : case_files) {
    reports.push_back(CaseFileRun(client.get(), options, true).Run(file));
  }
  if (shared_server) DropBuckets(*client, AreaKeyspaces());
  if (!reports.empty()) {
    constexpr size_t kShown = 5;
    const size_t hidden = problems.size() > kShown ? problems.size() - kShown : 0;
    problems.resize(problems.size() - hidden);
    if (hidden > 0) problems.push_back(std::to_string(hidden) + " more setup failures");
    auto& notes = reports.front().notes;
    notes.insert(notes.begin(), problems.begin(), problems.end());
  }
  return reports;
}

}  // namespace casql::regress
