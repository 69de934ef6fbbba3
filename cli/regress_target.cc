#include "cli/regress_target.h"

#include <httplib.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <shared_mutex>

#include "executor/datastore.h"
#include "http/query_request.h"
#include "http/query_service.h"
#include "value/json.h"

namespace casql::regress {

namespace {

Result<Value> ParseResponse(const std::string& body) {
  auto parsed = ParseJson(body);
  if (!parsed.ok() || !parsed->IsObject()) {
    return Status(ErrorCode::kInternal,
                  "the response is not a JSON object: " + body.substr(0, 200));
  }
  return parsed.value();
}

class EmbeddedTarget;

class EmbeddedClient final : public Client {
 public:
  explicit EmbeddedClient(EmbeddedTarget* target) : target_(target) {}
  Result<Value> Query(const Value& request) override;

 private:
  EmbeddedTarget* target_;
};

class EmbeddedTarget final : public Target {
 public:
  static Result<std::unique_ptr<Target>> Open(bool durable) {
    std::string dir;
    if (durable) {
      const char* tmp = getenv("TMPDIR");
      std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/casql-regress-XXXXXX";
      if (!mkdtemp(pattern.data())) {
        return Status(ErrorCode::kInternal, "cannot create a temporary data directory");
      }
      dir = pattern;
    }
    std::unique_ptr<EmbeddedTarget> target(new EmbeddedTarget(dir));
    CASQL_RETURN_IF_ERROR(target->OpenStore());
    return std::unique_ptr<Target>(std::move(target));
  }

  ~EmbeddedTarget() override {
    service_.reset();
    store_.reset();
    if (!data_dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(data_dir_, ignored);
    }
  }

  std::unique_ptr<Client> Connect() override { return std::make_unique<EmbeddedClient>(this); }

  Status Restart() override {
    if (data_dir_.empty()) return Status(ErrorCode::kInternal, CannotRestartReason());
    std::unique_lock lock(mu_);
    service_.reset();
    store_.reset();
    return OpenStore();
  }

  std::string CannotRestartReason() const override {
    return data_dir_.empty() ? "the embedded server runs in memory" : "";
  }

  // Runs one request exactly as the HTTP front end would: the same parameter parsing (so
  // unknown parameters fail with 1065 here too) and the same response writer.
  Result<Value> Query(const Value& request) {
    const auto received = std::chrono::steady_clock::now();
    std::string body;
    auto append = [&body](std::string_view chunk) {
      body.append(chunk);
      return true;
    };
    http::RequestContext context{/*is_get=*/false, /*fault_injection=*/true};
    auto parsed = http::ParseQueryRequest("application/json", ToJson(request), {}, context);
    std::shared_lock lock(mu_);
    if (!parsed.ok()) {
      http::QueryService::WriteFatal(parsed.status(), std::nullopt, false, received, append);
    } else {
      service_->Prepare(std::move(parsed.value()), received).Stream(append);
    }
    return ParseResponse(body);
  }

 private:
  explicit EmbeddedTarget(std::string data_dir) : data_dir_(std::move(data_dir)) {}

  Status OpenStore() {
    auto store = exec::Datastore::Open(data_dir_);
    if (!store.ok()) return store.status();
    store_ = std::move(store.value());
    service_ = std::make_unique<http::QueryService>(store_.get());
    return Status::OK();
  }

  std::string data_dir_;
  // Requests hold it shared; Restart takes it exclusively to swap the store underneath.
  std::shared_mutex mu_;
  std::unique_ptr<exec::Datastore> store_;
  std::unique_ptr<http::QueryService> service_;
};

Result<Value> EmbeddedClient::Query(const Value& request) {
  return target_->Query(request);
}

class HttpClient final : public Client {
 public:
  explicit HttpClient(const std::string& url) : client_(url) {
    client_.set_keep_alive(true);
    client_.set_read_timeout(std::chrono::minutes(5));
  }

  Result<Value> Query(const Value& request) override {
    auto response = client_.Post("/query/service", ToJson(request), "application/json");
    if (!response) {
      return Status(ErrorCode::kInternal,
                    "no response from the server: " + httplib::to_string(response.error()));
    }
    return ParseResponse(response->body);
  }

 private:
  httplib::Client client_;
};

class HttpTarget final : public Target {
 public:
  explicit HttpTarget(std::string url) : url_(std::move(url)) {}
  std::unique_ptr<Client> Connect() override { return std::make_unique<HttpClient>(url_); }
  Status Restart() override { return Status(ErrorCode::kInternal, CannotRestartReason()); }
  std::string CannotRestartReason() const override {
    return "restart needs the embedded server (the runner cannot restart a server given by "
           "--url)";
  }

 private:
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<Target>> OpenEmbeddedTarget(bool durable) {
  return EmbeddedTarget::Open(durable);
}

Result<std::unique_ptr<Target>> OpenHttpTarget(const std::string& url) {
  httplib::Client probe(url);
  probe.set_connection_timeout(std::chrono::seconds(5));
  auto ping = probe.Get("/admin/ping");
  if (!ping || ping->status != 200) {
    return Status(ErrorCode::kInternal, "no casql server answers at " + url);
  }
  return std::unique_ptr<Target>(std::make_unique<HttpTarget>(url));
}

}  // namespace casql::regress
