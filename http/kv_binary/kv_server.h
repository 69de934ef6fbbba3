#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "http/kv_binary/command_handler.h"
#include "kvengine/kv_status.h"

namespace asio {
class io_context;
}

namespace casql::kvbin {

class Connection;

struct KvServerOptions {
  std::string host = "127.0.0.1";
  int port = 11210;  // 0: any free port (port() tells which after Bind)
  int threads = 2;
  // Further connections are accepted and closed at once.
  size_t max_connections = 1000;
  // A frame whose body is larger closes the connection (the largest document plus headroom
  // for its key, extras and sub-document specs).
  size_t max_frame_body = kv::kMaxValueBytes + (1 << 20);
  // A connection whose unsent responses exceed this stops being read until they drain, so a
  // client that pipelines without reading cannot make the server buffer without bound.
  size_t max_pending_output = 4 << 20;
  int query_port = 0;  // advertised as the n1ql service in the cluster map
};

// The memcached binary protocol server the official Couchbase SDKs bootstrap from
// (docs/sdk.md). Standalone Asio: `threads` io_contexts, one thread each; every connection is
// served by one of them, so its requests are answered in order while connections proceed in
// parallel.
//
// Thread safety: Bind, Start and Stop are called from one controlling thread.
class KvServer {
 public:
  KvServer(kv::Engine* engine, const Authenticator* users, KvServerOptions options);
  ~KvServer();
  KvServer(const KvServer&) = delete;
  KvServer& operator=(const KvServer&) = delete;

  // Binds the listening socket; EINTERNAL with the reason when the address cannot be used.
  kv::Status Bind();
  int port() const { return port_; }
  // Starts accepting and serving on the worker threads.
  void Start();
  // Closes the listener and every connection, then joins the threads.
  void Stop();

  size_t connection_count() const { return connection_count_.load(); }

 private:
  friend class Connection;
  void Accept();
  void Forget(const std::shared_ptr<Connection>& connection);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  KvServerOptions options_;
  CommandHandler handler_;
  int port_ = 0;
  std::vector<std::thread> threads_;
  std::atomic<size_t> connection_count_{0};
  std::mutex connections_mutex_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;  // guarded by connections_mutex_
  bool stopped_ = false;                                         // guarded by connections_mutex_
};

}  // namespace casql::kvbin
