#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "executor/datastore.h"
#include "http/auth.h"
#include "http/kv_rest.h"
#include "http/query_service.h"
#include "http/request_log.h"
#include "http/request_registry.h"
#include "http/service_metrics.h"
#include "value/status.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace casql::http {

inline constexpr const char* kVersion = "0.1.0";

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8093;  // 0: any free port (port() tells which after Bind)
  int threads = 64;
  bool fault_injection = false;
  size_t max_body_bytes = 64u << 20;
  size_t max_requests = 0;  // concurrent /query/service requests; 0 = only the pool limits
  // A client that sends nothing (or reads nothing) for this long is disconnected.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  // Null: no users; then only loopback addresses may be bound and nothing is authenticated.
  const UserStore* users = nullptr;
  // Where every finished /query/service request is logged; null: nowhere.
  RequestLog* request_log = nullptr;
};

// The HTTP front end: /query/service (and /query), /admin/*, /metrics and the KV REST API
// (docs/http-api.md). Each connection is served by a pool thread; the pool is sized above the
// expected connection count because a keep-alive connection holds its thread.
//
// Thread safety: handlers run on many threads; every member they use is thread-safe.
class Server {
 public:
  Server(exec::Datastore* datastore, ServerOptions options);
  ~Server();

  // Binds the listening socket; fails clearly when the address is taken.
  Status Bind();
  int port() const { return port_; }
  // Serves until Stop() (from another thread or a signal handler thread); requests in flight
  // when Stop is called finish first.
  void Serve();
  void Stop();

 private:
  void Routes();
  void HandleQuery(const httplib::Request& req, httplib::Response& res);
  void AdminRoutes();
  // The users behind a request (HTTP Basic, else the `creds` pairs): OK with an empty list
  // when the server has no users, error 10000 when the credentials are missing or wrong.
  Result<std::vector<const User*>> Authenticate(
      const httplib::Request& req,
      const std::vector<std::pair<std::string, std::string>>& creds) const;
  // Authenticates and requires admin; on failure writes the error response and returns false.
  bool RequireAdmin(const httplib::Request& req, httplib::Response& res) const;
  // A request that failed before execution: the fatal response, counted in the metrics and
  // logged with `statement` when it was read.
  void SendFatal(httplib::Response& res, const Status& error,
                 std::chrono::steady_clock::time_point received,
                 const std::optional<std::string>& client_context_id = std::nullopt,
                 std::string_view statement = {});

  exec::Datastore* datastore_;
  ServerOptions options_;
  QueryService service_;
  RequestRegistry registry_;
  ServiceMetrics metrics_;
  KvRest kv_rest_;
  const std::chrono::steady_clock::time_point started_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

// The transport settings every casql listener uses (pool size, TCP_NODELAY, keep-alive, timeouts,
// body cap). Public so bench/compare's bare-handler ceiling measures exactly the same stack.
void ConfigureTransport(httplib::Server& server, const ServerOptions& options);

// The response Content-Type of the query service: application/json; version=...
std::string QueryContentType();

}  // namespace casql::http
