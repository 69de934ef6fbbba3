#include "http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include "http/guarded_http_server.h"
#include "http/status_mapping.h"
#include "value/json.h"

namespace casql::http {

std::string QueryContentType() {
  return std::string("application/json; version=") + kVersion + "-N1QL";
}

void ConfigureTransport(httplib::Server& server, const ServerOptions& options) {
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind a port that is
  // already serving; SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options.max_body_bytes);
  server.set_keep_alive_max_count(100000);
  server.set_read_timeout(options.read_timeout);
  server.set_write_timeout(options.write_timeout);
  // An idle keep-alive connection holds a pool thread; let it go soon.
  server.set_keep_alive_timeout(std::min<time_t>(5, options.read_timeout.count()));
}

Server::Server(exec::Datastore* datastore, ServerOptions options)
    : datastore_(datastore),
      options_(std::move(options)),
      service_(datastore),
      registry_(options_.max_requests),
      kv_rest_(&datastore->engine(), &metrics_),
      started_(std::chrono::steady_clock::now()),
      server_(std::make_unique<GuardedHttpServer>()) {
  ConfigureTransport(*server_, options_);
  Routes();
}

// The Datastore may outlive this server (tests reuse one), so it must stop calling into the
// request registry that dies with it.
Server::~Server() {
  datastore_->SetRequestLister(nullptr);
}

Result<std::vector<const User*>> Server::Authenticate(
    const httplib::Request& req,
    const std::vector<std::pair<std::string, std::string>>& creds) const {
  std::vector<const User*> users;
  if (!options_.users) return users;
  std::vector<std::pair<std::string, std::string>> given = creds;
  if (req.has_header("Authorization")) {
    auto basic = ParseBasicAuth(req.get_header_value("Authorization"));
    if (!basic) return AuthenticationError("malformed Authorization header (HTTP Basic only)");
    given.insert(given.begin(), *basic);
  }
  if (given.empty()) return AuthenticationError("no credentials (HTTP Basic or creds)");
  for (const auto& [name, password] : given) {
    auto user = options_.users->Authenticate(name, password);
    if (!user.ok()) return user.status();
    users.push_back(user.value());
  }
  return users;
}

void Server::SendFatal(httplib::Response& res, const Status& error,
                       std::chrono::steady_clock::time_point received,
                       const std::optional<std::string>& client_context_id,
                       std::string_view statement) {
  std::string body;
  auto outcome = QueryService::WriteFatal(error, client_context_id, false, received,
                                          [&body](std::string_view s) {
                                            body.append(s);
                                            return true;
                                          });
  metrics_.RecordRequest(outcome.status, outcome.elapsed);
  if (options_.request_log) {
    options_.request_log->Write(RequestLog::Entry{outcome.request_id,
                                                  &client_context_id,
                                                  {},
                                                  outcome.http_status,
                                                  outcome.status,
                                                  outcome.elapsed,
                                                  0,
                                                  {error.code()},
                                                  statement});
  }
  res.status = outcome.http_status;
  if (res.status == 401) res.set_header("WWW-Authenticate", "Basic realm=\"casql\"");
  res.set_content(body, QueryContentType().c_str());
}

void Server::Routes() {
  server_->Get("/admin/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"OK"})", "application/json");
  });

  auto query = [this](const httplib::Request& req, httplib::Response& res) {
    HandleQuery(req, res);
  };
  for (const char* path : {"/query/service", "/query"}) {
    server_->Get(path, query);
    server_->Post(path, query);
    auto unsupported = [this](const httplib::Request& req, httplib::Response& res) {
      SendFatal(res,
                Status(ErrorCode::kUnsupportedMethod,
                       FormatError(ErrorCode::kUnsupportedMethod, {req.method})),
                std::chrono::steady_clock::now());
    };
    server_->Put(path, unsupported);
    server_->Delete(path, unsupported);
    server_->Patch(path, unsupported);
  }

  auto kv = [this](const httplib::Request& req, httplib::Response& res) {
    auto users = Authenticate(req, {});
    if (!users.ok()) {
      res.status = 401;
      res.set_header("WWW-Authenticate", "Basic realm=\"casql\"");
      res.set_content(ToJson(ErrorObject(users.status().error())), "application/json");
      return;
    }
    kv_rest_.Handle(req, res, options_.users ? &users.value() : nullptr);
  };
  const char* kv_pattern = R"(/kv/.*)";
  server_->Get(kv_pattern, kv);
  server_->Put(kv_pattern, kv);
  server_->Post(kv_pattern, kv);
  server_->Delete(kv_pattern, kv);

  AdminRoutes();

  // Bodies over the cap are refused by httplib before any handler runs (HTTP 413 with no
  // body); give them the error document of the API they were sent to.
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (res.status != 413 || !res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        const std::string limit = std::to_string(options_.max_body_bytes);
        if (req.path.rfind("/kv/", 0) == 0) {
          res.set_content(KvErrorBody(kv::KvStatus::kE2big,
                                      "request body larger than the limit of " + limit + " bytes"),
                          "application/json");
        } else {
          SendFatal(res,
                    Status(ErrorCode::kRequestBody,
                           FormatError(ErrorCode::kRequestBody, {"the request body"}) +
                               ": it is larger than the limit of " + limit + " bytes"),
                    std::chrono::steady_clock::now());
          res.status = 413;
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

Status Server::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host.c_str());
  } else {
    port_ = server_->bind_to_port(options_.host.c_str(), options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return Status(ErrorCode::kInternal, "cannot listen on " + options_.host + ":" +
                                            std::to_string(options_.port) +
                                            " (address in use or not available)");
  }
  if (!static_cast<GuardedHttpServer&>(*server_).WidenListenBacklog(1024)) {
    return Status(ErrorCode::kInternal, "cannot widen the listen backlog");
  }
  return Status::OK();
}

void Server::Serve() {
  server_->listen_after_bind();
}

void Server::Stop() {
  server_->stop();
}

}  // namespace casql::http
