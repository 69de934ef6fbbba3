#include "http/query_request.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "http/go_duration.h"
#include "value/json.h"

namespace casql::http {

namespace {

// A parameter as received: its JSON value (JSON body) or its text (form/URL).
struct RawParam {
  std::string name;
  Value json;
  std::string text;
  bool from_form = false;
};

Status TypeError(const std::string& name, const char* type) {
  return Status(ErrorCode::kTypeMismatch, FormatError(ErrorCode::kTypeMismatch, {name, type}));
}

Status BadValue(const std::string& name, const std::string& value) {
  return Status(ErrorCode::kUnrecognizedValue,
                FormatError(ErrorCode::kUnrecognizedValue, {name, value}));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

Result<bool> GetBool(const RawParam& p) {
  if (!p.from_form) {
    if (!p.json.IsBool()) return TypeError(p.name, "boolean");
    return p.json.AsBool();
  }
  // Go's strconv.ParseBool.
  static const std::set<std::string> kTrue{"1", "t", "T", "TRUE", "true", "True"};
  static const std::set<std::string> kFalse{"0", "f", "F", "FALSE", "false", "False"};
  if (kTrue.count(p.text)) return true;
  if (kFalse.count(p.text)) return false;
  return TypeError(p.name, "boolean");
}

Result<std::string> GetString(const RawParam& p) {
  if (!p.from_form) {
    if (!p.json.IsString()) return TypeError(p.name, "string");
    return p.json.AsString();
  }
  return p.text;
}

// Integers may come as JSON numbers or numeric strings (SDKs send "max_parallelism":"4").
Result<int64_t> GetInt(const RawParam& p) {
  if (!p.from_form && p.json.IsNumber()) return static_cast<int64_t>(p.json.AsDouble());
  std::string text = p.from_form ? p.text : (p.json.IsString() ? p.json.AsString() : "");
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size()) return TypeError(p.name, "integer");
  return static_cast<int64_t>(v);
}

// A JSON-valued parameter: the value itself in a JSON body, JSON text in a form.
Result<Value> GetJson(const RawParam& p) {
  if (!p.from_form) return p.json;
  auto parsed = ParseJson(p.text);
  if (!parsed.ok()) return TypeError(p.name, "JSON");
  return parsed.value();
}

Result<std::chrono::nanoseconds> GetDuration(const RawParam& p) {
  auto text = GetString(p);
  if (!text.ok()) return text.status();
  auto d = ParseGoDuration(*text);
  if (!d) return TypeError(p.name, "duration (a number with a unit: 500ms, 75s)");
  return *d;
}

// creds: [{"user": "u", "pass": "p"}, ...].
Result<std::vector<std::pair<std::string, std::string>>> ReadCreds(const Value& v) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!v.IsArray()) return TypeError("creds", "array of {user, pass} objects");
  for (const Value& c : v.AsArray()) {
    const Value& user = c.Field("user");
    const Value& pass = c.Field("pass");
    if (!user.IsString() || !pass.IsString()) {
      return TypeError("creds", "array of {user, pass} objects");
    }
    out.emplace_back(user.AsString(), pass.AsString());
  }
  return out;
}

Result<std::vector<RawParam>> ReadParams(std::string_view content_type, std::string_view body,
                                         const std::multimap<std::string, std::string>& url,
                                         bool is_get) {
  std::vector<RawParam> params;
  for (const auto& [name, value] : url) params.push_back(RawParam{name, Value(), value, true});
  const bool json_body = Lower(content_type).rfind("application/json", 0) == 0;
  if (!is_get && json_body) {
    auto parsed = ParseJson(body);
    if (!parsed.ok()) {
      return Status(ErrorCode::kRequestBody,
                    FormatError(ErrorCode::kRequestBody, {"the request body"}) + ": " +
                        parsed.status().message());
    }
    if (!parsed->IsObject()) {
      return Status(ErrorCode::kRequestBody,
                    "Error processing the request body: a JSON object "
                    "of request parameters is required");
    }
    for (const auto& [name, value] : parsed->AsObject()) {
      params.push_back(RawParam{name, value, "", false});
    }
  }
  for (auto& p : params) p.name = Lower(Trim(p.name));
  params.erase(std::remove_if(params.begin(), params.end(),
                              [](const RawParam& p) { return p.name.empty(); }),
               params.end());
  return params;
}

}  // namespace

Result<QueryRequest> ParseQueryRequest(std::string_view content_type, std::string_view body,
                                       const std::multimap<std::string, std::string>& url_params,
                                       const RequestContext& context) {
  auto read = ReadParams(content_type, body, url_params, context.is_get);
  if (!read.ok()) return read.status();
  QueryRequest req;
  req.readonly = context.is_get;
  std::set<std::string> seen;
  bool has_statement = false, has_prepared = false;
  for (const RawParam& p : read.value()) {
    const bool named = p.name[0] == '$' || p.name[0] == '@';
    const std::string key = named ? "$" + p.name.substr(1) : p.name;
    if (!seen.insert(key).second) {
      return Status(ErrorCode::kMultipleValues, FormatError(ErrorCode::kMultipleValues, {p.name}));
    }
    if (named) {
      auto v = GetJson(p);
      if (!v.ok()) return v.status();
      req.named_args[p.name.substr(1)] = v.value();
      continue;
    }
    const std::string& n = p.name;
    if (n == "statement") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      req.statement = *s;
      has_statement = true;
    } else if (n == "prepared") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      req.prepared = *s;
      has_prepared = true;
    } else if (n == "args") {
      auto v = GetJson(p);
      if (!v.ok() || !v->IsArray()) return TypeError("args", "array");
      req.positional_args = v->AsArray();
    } else if (n == "readonly") {
      auto b = GetBool(p);
      if (!b.ok()) return b.status();
      if (context.is_get && !*b) {
        return Status(ErrorCode::kGetNotReadonly,
                      FormatError(ErrorCode::kGetNotReadonly, {"readonly=false."}));
      }
      req.readonly = *b || context.is_get;
    } else if (n == "pretty" || n == "metrics" || n == "signature" || n == "preserve_expiry" ||
               n == "auto_execute" || n == "auto_prepare" || n == "controls" || n == "use_fts" ||
               n == "use_cbo" || n == "tximplicit") {
      auto b = GetBool(p);
      if (!b.ok()) return b.status();
      if (n == "pretty") req.pretty = *b;
      if (n == "metrics") req.metrics = *b;
      if (n == "signature") req.signature = *b;
      if (n == "preserve_expiry") req.preserve_expiry = *b;
      if (n == "auto_execute") req.auto_execute = *b;
      if (n == "tximplicit" && *b) {
        return Status(ErrorCode::kTransactionsNotSupported,
                      FormatError(ErrorCode::kTransactionsNotSupported, {}));
      }
    } else if (n == "client_context_id") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      if (s->find_first_of("\"\\") != std::string::npos) {
        return Status(ErrorCode::kClientContextId, FormatError(ErrorCode::kClientContextId, {}));
      }
      req.client_context_id = s->substr(0, 64);
    } else if (n == "query_context" || n == "namespace") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      if (n == "query_context") req.query_context = *s;
    } else if (n == "timeout" || n == "kvtimeout" || n == "scan_wait" || n == "txtimeout") {
      auto d = GetDuration(p);
      if (!d.ok()) return d.status();
      if (n == "timeout" && d->count() > 0) req.timeout = *d;
      if (n == "kvtimeout" && d->count() > 0) {
        req.kv_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
      }
    } else if (n == "scan_consistency") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      const std::string v = Lower(*s);
      if (v != "not_bounded" && v != "request_plus" && v != "statement_plus" && v != "at_plus") {
        return BadValue("scan_consistency", *s);
      }
      req.scan_consistency = v;
    } else if (n == "durability_level") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      const std::string v = Lower(*s);
      if (v == "none" || v.empty()) {
        req.durability = kv::Durability::kNone;
      } else if (v == "majority") {
        req.durability = kv::Durability::kMajority;
      } else if (v == "majorityandpersistactive") {
        req.durability = kv::Durability::kMajorityAndPersistActive;
      } else if (v == "persisttomajority") {
        req.durability = kv::Durability::kPersistToMajority;
      } else {
        return BadValue("durability_level", *s);
      }
    } else if (n == "cas_retries") {
      auto i = GetInt(p);
      if (!i.ok()) return i.status();
      if (*i < 0 || *i > 1000) return BadValue("cas_retries", std::to_string(*i));
      req.cas_retries = static_cast<int>(*i);
    } else if (n == "memory_quota") {
      auto i = GetInt(p);
      if (!i.ok()) return i.status();
      if (*i < 0) return BadValue(n, std::to_string(*i));
      req.memory_quota_bytes = static_cast<uint64_t>(*i) << 20;
    } else if (n == "max_parallelism") {
      auto i = GetInt(p);
      if (!i.ok()) return i.status();
      req.max_parallelism = static_cast<int>(std::clamp<int64_t>(*i, -1, 1024));
    } else if (n == "scan_cap" || n == "pipeline_cap" || n == "pipeline_batch" ||
               n == "error_limit" || n == "n1ql_feat_ctrl" || n == "max_index_api" ||
               n == "txstmtnum" || n == "numatrs") {
      auto i = GetInt(p);
      if (!i.ok()) return i.status();
    } else if (n == "creds") {
      auto v = GetJson(p);
      if (!v.ok()) return v.status();
      auto creds = ReadCreds(*v);
      if (!creds.ok()) return creds.status();
      req.creds = std::move(creds.value());
    } else if (n == "scan_vector" || n == "scan_vectors" || n == "txdata") {
      auto v = GetJson(p);
      if (!v.ok()) return v.status();
    } else if (n == "format" || n == "encoding" || n == "compression") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
      const std::string v = Lower(*s);
      const char* only = n == "format" ? "json" : n == "encoding" ? "utf-8" : "none";
      if (v != only) return BadValue(n, *s);
    } else if (n == "profile" || n == "use_replica" || n == "sort_projection" ||
               n == "duration_style" || n == "loglevel" || n == "encoded_plan" ||
               n == "atrcollection") {
      auto s = GetString(p);
      if (!s.ok()) return s.status();
    } else if (n == "txid") {
      return Status(ErrorCode::kTransactionsNotSupported,
                    FormatError(ErrorCode::kTransactionsNotSupported, {}));
    } else if (n == "inject_cas_conflict" && context.fault_injection) {
      auto v = GetJson(p);
      if (!v.ok() && p.from_form) v = Value(p.text);  // a bare key in a form
      if (!v.ok()) return v.status();
      if (v->IsString()) {
        req.inject_cas_conflict.push_back(v->AsString());
      } else if (v->IsArray()) {
        for (const Value& k : v->AsArray()) {
          if (!k.IsString()) return TypeError(n, "string or array of strings");
          req.inject_cas_conflict.push_back(k.AsString());
        }
      } else {
        return TypeError(n, "string or array of strings");
      }
    } else {
      return Status(ErrorCode::kUnrecognizedParameter,
                    FormatError(ErrorCode::kUnrecognizedParameter, {p.name}));
    }
  }
  // Form mode: a POST naming no statement sends the statement as the raw body.
  const bool json_body = Lower(content_type).rfind("application/json", 0) == 0;
  const bool form_body = Lower(content_type).rfind("application/x-www-form-urlencoded", 0) == 0;
  if (!has_statement && !has_prepared && !context.is_get && !json_body && !form_body &&
      !Trim(body).empty()) {
    req.statement = std::string(body);
    has_statement = true;
  }
  if (has_statement && has_prepared) {
    return Status(ErrorCode::kMultipleValues,
                  FormatError(ErrorCode::kMultipleValues, {"statement and prepared"}));
  }
  if (!has_statement && !has_prepared) {
    return Status(ErrorCode::kMissingValue,
                  FormatError(ErrorCode::kMissingValue, {"statement or prepared"}));
  }
  return req;
}

}  // namespace casql::http
