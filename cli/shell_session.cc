#include "cli/shell_session.h"

#include <iostream>
#include <set>

#include "cli/statement_splitter.h"
#include "value/json.h"

namespace casql::cli {

namespace {

// Parameters whose values are text even when they look like JSON numbers.
const std::set<std::string> kTextParams = {
    "timeout",         "scan_consistency", "client_context_id", "query_context",  "scan_wait",
    "kvtimeout",       "durability_level", "profile",           "use_replica",    "namespace",
    "format",          "encoding",         "compression",       "duration_style", "loglevel",
    "sort_projection",
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ShellSession::ShellSession(const std::string& url, const std::string& user,
                           const std::string& password, std::ostream& out, std::ostream& err)
    : client_(std::make_unique<httplib::Client>(url)), url_(url), out_(out), err_(err) {
  if (!user.empty()) client_->set_basic_auth(user.c_str(), password.c_str());
  client_->set_read_timeout(std::chrono::hours(24));
}

bool ShellSession::Run(const std::string& statement) {
  history_.push_back(statement);
  Object body;
  body.Set("statement", Value(statement));
  body.Set("pretty", Value(true));
  for (const auto& [name, value] : params_) body.Set(name, value);
  auto result = client_->Post("/query/service", ToJson(Value(std::move(body))), "application/json");
  if (!result) {
    err_ << "ERROR: cannot reach " << url_ << ": " << httplib::to_string(result.error()) << "\n";
    return false;
  }
  out_ << result->body;
  if (result->body.empty() || result->body.back() != '\n') out_ << "\n";
  auto parsed = ParseJson(result->body);
  if (!parsed.ok()) {
    err_ << "ERROR: HTTP " << result->status << " with a response that is not JSON\n";
    return false;
  }
  const Value& errors = parsed->Field("errors");
  if (errors.IsArray()) {
    for (const Value& e : errors.AsArray()) {
      const Value& code = e.Field("code");
      const Value& msg = e.Field("msg");
      err_ << "ERROR " << (code.IsNumber() ? std::to_string(code.AsInt()) : "?") << ": "
           << (msg.IsString() ? msg.AsString() : ToJson(e)) << "\n";
    }
  }
  return parsed->Field("status") == Value("success");
}

bool ShellSession::Set(const std::string& name, const std::string& text) {
  Value value;
  auto parsed = ParseJson(text);
  const bool named = name[0] == '$' || name[0] == '@';
  if (!named && kTextParams.count(name)) {
    value = Value(parsed.ok() && parsed->IsString() ? parsed->AsString() : text);
  } else if (parsed.ok()) {
    value = parsed.value();
  } else {
    value = Value(text);
  }
  params_[named ? "$" + name.substr(1) : name] = value;
  return true;
}

bool ShellSession::Command(const std::string& raw, bool* quit) {
  std::string line = Trim(raw);
  while (!line.empty() && line.back() == ';') line = Trim(line.substr(0, line.size() - 1));
  const size_t space = line.find_first_of(" \t");
  const std::string command = Upper(line.substr(0, space));
  const std::string rest = space == std::string::npos ? "" : Trim(line.substr(space));
  if (command == "\\EXIT" || command == "\\QUIT") {
    *quit = true;
    return true;
  }
  if (command == "\\HISTORY") {
    for (size_t i = 0; i < history_.size(); ++i) out_ << (i + 1) << "  " << history_[i] << "\n";
    return true;
  }
  if (command == "\\HELP") {
    out_ << "Statements end with ';' and may span lines.\n"
            "\\SET -name value   set a request parameter (-timeout 5s) or a named argument\n"
            "                   (-$x 5 or -@x 5); -args [1, 2] sets positional arguments\n"
            "\\SET               list what is set\n"
            "\\UNSET -name       remove it\n"
            "\\HISTORY           list this session's statements\n"
            "\\EXIT, \\QUIT       leave\n";
    return true;
  }
  if (command == "\\SET" && rest.empty()) {
    for (const auto& [name, value] : params_) out_ << "-" << name << " " << ToJson(value) << "\n";
    return true;
  }
  if ((command == "\\SET" || command == "\\UNSET") && !rest.empty() && rest[0] == '-') {
    const size_t gap = rest.find_first_of(" \t");
    std::string name = rest.substr(1, gap == std::string::npos ? std::string::npos : gap - 1);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.empty()) {
      err_ << "ERROR: " << command << " needs -name\n";
      return false;
    }
    if (command == "\\UNSET") {
      params_.erase(name[0] == '@' ? "$" + name.substr(1) : name);
      return true;
    }
    const std::string value = gap == std::string::npos ? "" : Trim(rest.substr(gap));
    if (value.empty()) {
      err_ << "ERROR: \\SET -" << name << " needs a value\n";
      return false;
    }
    return Set(name, value);
  }
  err_ << "ERROR: unknown or malformed command '" << line << "' (\\HELP lists the commands)\n";
  return false;
}

}  // namespace casql::cli
