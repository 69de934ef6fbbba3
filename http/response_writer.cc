#include "http/response_writer.h"

#include <cstdlib>
#include <string_view>

#include "http/go_duration.h"
#include "value/json.h"

namespace casql::http {

Value ErrorObject(const Error& error) {
  Object out;
  out.Set("code", Value(static_cast<int64_t>(error.code)));
  // Couchbase 7.6 lifts the position of a syntax error out of its message. (A hand-written
  // scan: std::regex trips GCC 12's -Wmaybe-uninitialized in sanitizer builds.)
  const std::string& m = error.message;
  const size_t at = m.find("line ");
  if (at != std::string::npos) {
    char* end = nullptr;
    const long line = std::strtol(m.c_str() + at + 5, &end, 10);
    const std::string_view rest(end);
    if (end != m.c_str() + at + 5 && rest.substr(0, 9) == ", column ") {
      char* end2 = nullptr;
      const long column = std::strtol(end + 9, &end2, 10);
      if (end2 != end + 9) {
        out.Set("column", Value(static_cast<int64_t>(column)));
        out.Set("line", Value(static_cast<int64_t>(line)));
      }
    }
  }
  out.Set("msg", Value(error.message));
  if (!error.reason.IsMissing()) out.Set("reason", error.reason);
  if (error.retry) out.Set("retry", Value(*error.retry));
  return Value(std::move(out));
}

bool ResponseWriter::Emit(std::string_view text) {
  if (client_gone_) return false;
  if (!out_(text)) client_gone_ = true;
  return !client_gone_;
}

void ResponseWriter::Field(std::string_view name) {
  scratch_.clear();
  scratch_ += first_field_ ? "{" : ",";
  if (pretty_) scratch_ += "\n    ";
  AppendJsonString(name, &scratch_);
  scratch_ += pretty_ ? ": " : ":";
  first_field_ = false;
  Emit(scratch_);
}

void ResponseWriter::Begin(const std::string& request_id, const std::string* client_context_id) {
  Field("requestID");
  scratch_.clear();
  AppendJsonString(request_id, &scratch_);
  Emit(scratch_);
  if (client_context_id) {
    Field("clientContextID");
    scratch_.clear();
    AppendJsonString(*client_context_id, &scratch_);
    Emit(scratch_);
  }
}

void ResponseWriter::Prepared(const std::string& name) {
  Field("prepared");
  scratch_.clear();
  AppendJsonString(name, &scratch_);
  Emit(scratch_);
}

void ResponseWriter::Signature(const Value& signature) {
  Field("signature");
  scratch_.clear();
  if (pretty_) {
    AppendPrettyJson(signature, &scratch_, 1);
  } else {
    AppendJson(signature, &scratch_);
  }
  Emit(scratch_);
}

void ResponseWriter::BeginResults() {
  Field("results");
  Emit("[");
}

bool ResponseWriter::Row(const Value& row) {
  scratch_.clear();
  if (!first_row_) scratch_ += ",";
  if (pretty_) scratch_ += "\n    ";
  const size_t start = scratch_.size();
  if (pretty_) {
    AppendPrettyJson(row, &scratch_, 1);
  } else {
    AppendJson(row, &scratch_);
  }
  first_row_ = false;
  ++result_count_;
  result_size_ += scratch_.size() - start;
  return Emit(scratch_);
}

void ResponseWriter::EndResults() {
  Emit(pretty_ && !first_row_ ? "\n    ]" : "]");
}

void ResponseWriter::Errors(const std::vector<Error>& errors) {
  if (errors.empty()) return;
  Array list;
  for (const Error& e : errors) list.push_back(ErrorObject(e));
  Field("errors");
  scratch_.clear();
  if (pretty_) {
    AppendPrettyJson(Value(std::move(list)), &scratch_, 1);
  } else {
    AppendJson(Value(std::move(list)), &scratch_);
  }
  Emit(scratch_);
}

void ResponseWriter::End(const std::string& status, const Metrics* metrics) {
  Field("status");
  scratch_.clear();
  AppendJsonString(status, &scratch_);
  Emit(scratch_);
  if (metrics) {
    Object m;
    m.Set("elapsedTime", Value(FormatGoDuration(metrics->elapsed)));
    m.Set("executionTime", Value(FormatGoDuration(metrics->execution)));
    m.Set("resultCount", Value(static_cast<int64_t>(result_count_)));
    m.Set("resultSize", Value(static_cast<int64_t>(result_size_)));
    auto optional = [&m](const char* name, uint64_t n) {
      if (n > 0) m.Set(name, Value(static_cast<int64_t>(n)));
    };
    optional("mutationCount", metrics->mutation_count);
    optional("sortCount", metrics->sort_count);
    optional("errorCount", metrics->error_count);
    optional("warningCount", metrics->warning_count);
    Field("metrics");
    scratch_.clear();
    if (pretty_) {
      AppendPrettyJson(Value(std::move(m)), &scratch_, 1);
    } else {
      AppendJson(Value(std::move(m)), &scratch_);
    }
    Emit(scratch_);
  }
  Emit(pretty_ ? "\n}\n" : "}");
}

}  // namespace casql::http
