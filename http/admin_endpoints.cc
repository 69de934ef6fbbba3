// /admin/vitals, /admin/active_requests, /admin/completed_requests, /admin/prepareds and
// /metrics. All of them need the admin role when the server has users.
#include <httplib.h>
#include <unistd.h>

#include <thread>

#include "executor/system_keyspaces.h"
#include "http/go_duration.h"
#include "http/server.h"
#include "value/json.h"

namespace casql::http {

bool Server::RequireAdmin(const httplib::Request& req, httplib::Response& res) const {
  auto users = Authenticate(req, {});
  if (!users.ok()) {
    res.status = 401;
    res.set_header("WWW-Authenticate", "Basic realm=\"casql\"");
    res.set_content(ToJson(ErrorObject(users.status().error())), "application/json");
    return false;
  }
  if (!options_.users) return true;
  Status allowed =
      Authorize(users.value(), {RequiredPrivilege{Privilege::kAdmin, std::nullopt, "admin"}});
  if (allowed.ok()) return true;
  res.status = 401;
  res.set_content(ToJson(ErrorObject(allowed.error())), "application/json");
  return false;
}

void Server::AdminRoutes() {
  // The executor cannot see this registry; system:active_requests and
  // system:completed_requests read it through the Datastore.
  datastore_->SetRequestLister(
      [this](bool active) { return active ? registry_.Active() : registry_.Completed(); });
  auto json = [](httplib::Response& res, const Value& v) {
    std::string body;
    AppendPrettyJson(v, &body);
    res.set_content(body, "application/json");
  };

  server_->Get("/admin/vitals", [this, json](const httplib::Request& req, httplib::Response& res) {
    if (!RequireAdmin(req, res)) return;
    const RequestRegistry::Stats s = registry_.GetStats();
    Object v;
    v.Set("uptime", Value(FormatGoDuration(std::chrono::steady_clock::now() - started_)));
    v.Set("local.time", Value(FormatRequestTime(std::chrono::system_clock::now())));
    v.Set("version", Value(kVersion));
    v.Set("total.threads", Value(static_cast<int64_t>(options_.threads)));
    v.Set("cores", Value(static_cast<int64_t>(std::thread::hardware_concurrency())));
    v.Set("memory.usage", Value(static_cast<int64_t>(ResidentMemoryBytes())));
    v.Set("request.completed.count", Value(static_cast<int64_t>(s.completed)));
    v.Set("request.active.count", Value(static_cast<int64_t>(s.active)));
    v.Set("request.per.sec.1min", Value(s.per_sec_1min));
    v.Set("request.per.sec.5min", Value(s.per_sec_5min));
    v.Set("request.per.sec.15min", Value(s.per_sec_15min));
    v.Set("request_time.mean", Value(FormatGoDuration(s.mean)));
    v.Set("request_time.median", Value(FormatGoDuration(s.median)));
    v.Set("request_time.80percentile", Value(FormatGoDuration(s.p80)));
    v.Set("request_time.95percentile", Value(FormatGoDuration(s.p95)));
    v.Set("request_time.99percentile", Value(FormatGoDuration(s.p99)));
    json(res, Value(std::move(v)));
  });

  server_->Get("/admin/active_requests",
               [this, json](const httplib::Request& req, httplib::Response& res) {
                 if (RequireAdmin(req, res)) json(res, registry_.Active());
               });
  server_->Get("/admin/completed_requests",
               [this, json](const httplib::Request& req, httplib::Response& res) {
                 if (RequireAdmin(req, res)) json(res, registry_.Completed());
               });
  // The prepared statements as system:prepareds lists them, in name order.
  server_->Get("/admin/prepareds",
               [this, json](const httplib::Request& req, httplib::Response& res) {
                 if (!RequireAdmin(req, res)) return;
                 Array list;
                 for (auto& [key, doc] : exec::SystemDocuments(*datastore_, "prepareds")) {
                   list.push_back(std::move(doc));
                 }
                 json(res, Value(std::move(list)));
               });
  server_->Get(R"(/admin/prepareds/([^/]+))",
               [this, json](const httplib::Request& req, httplib::Response& res) {
                 if (!RequireAdmin(req, res)) return;
                 const std::string name = req.matches[1];
                 for (auto& [key, doc] : exec::SystemDocuments(*datastore_, "prepareds")) {
                   if (doc.Field("name") == Value(name)) return json(res, doc);
                 }
                 res.status = 404;
                 json(res, ErrorObject(Status(ErrorCode::kNoSuchPrepared,
                                              FormatError(ErrorCode::kNoSuchPrepared, {name}))
                                           .error()));
               });
  server_->Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    if (!RequireAdmin(req, res)) return;
    res.set_content(metrics_.Render(registry_.GetStats().active),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace casql::http
