#include "cli/regress_session.h"

#include <regex>

#include "value/json.h"

namespace casql::regress {

Result<std::unique_ptr<Target>> OpenTarget(const TargetOptions& options, bool durable) {
  if (!options.url.empty()) return OpenHttpTarget(options.url);
  return OpenEmbeddedTarget(durable);
}

std::string Response::DescribeErrors() const {
  std::string out;
  for (const Value& e : errors) {
    if (!out.empty()) out += "\n";
    out += ToJson(e.Field("code")) + " " +
           (e.Field("msg").IsString() ? e.Field("msg").AsString() : ToJson(e));
  }
  return out;
}

Response ReadResponse(const Value& document) {
  Response r;
  if (document.Field("status").IsString()) r.status = document.Field("status").AsString();
  if (document.Field("results").IsArray()) r.rows = document.Field("results").AsArray();
  if (document.Field("errors").IsArray()) r.errors = document.Field("errors").AsArray();
  r.metrics = document.Field("metrics");
  return r;
}

Value MakeRequest(const Object& params, const std::string& statement) {
  Object request = params;
  request.Set("statement", Value(statement));
  return Value(std::move(request));
}

std::vector<std::string> BucketsCreatedBy(const std::string& sql) {
  static const std::regex kCreate(
      R"((?:^|;|\n)\s*CREATE\s+BUCKET\s+(?:IF\s+NOT\s+EXISTS\s+)?(`[^`]+`|[A-Za-z_][\w-]*))",
      std::regex::icase);
  std::vector<std::string> buckets;
  for (std::sregex_iterator it(sql.begin(), sql.end(), kCreate), end; it != end; ++it) {
    std::string name = (*it)[1].str();
    if (name.front() == '`') name = name.substr(1, name.size() - 2);
    buckets.push_back(name);
  }
  return buckets;
}

void DropBuckets(Client& client, const std::vector<std::string>& buckets) {
  for (const std::string& bucket : buckets) {
    // Best effort: a bucket that is not there is what we want anyway.
    (void)client.Query(MakeRequest({}, "DROP BUCKET IF EXISTS " + QuoteIdentifier(bucket)));
  }
}

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  return out + "`";
}

}  // namespace casql::regress
