#pragma once

#include <memory>
#include <string>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "value/status.h"

namespace httplib {
class Server;
}

namespace casql::http {

inline constexpr const char* kVersion = "0.1.0";

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8093;  // 0: any free port (port() tells which after Bind)
  int threads = 64;
  bool fault_injection = false;
  size_t max_body_bytes = 64u << 20;
};

// The HTTP front end: /query/service (and /query), /admin/ping. Each connection is served by
// a pool thread; the pool is sized above the expected connection count because a keep-alive
// connection holds its thread.
class Server {
 public:
  Server(exec::Datastore* datastore, ServerOptions options);
  ~Server();

  // Binds the listening socket; fails clearly when the address is taken.
  Status Bind();
  int port() const { return port_; }
  // Serves until Stop() (from another thread or a signal handler thread).
  void Serve();
  void Stop();

 private:
  void Routes();

  exec::Datastore* datastore_;
  ServerOptions options_;
  QueryService service_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace casql::http
