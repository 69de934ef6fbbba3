#include "cli/serve_command.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/kv_users.h"
#include "executor/datastore.h"
#include "http/kv_binary/kv_server.h"
#include "http/server.h"

namespace casql::cli {

namespace {

// Couchbase's KV port, where the SDKs look first.
constexpr int kDefaultKvPort = 11210;

struct ServeOptions {
  http::ServerOptions server;
  std::string data_dir;
  bool memory = false;
  std::vector<std::string> buckets;
  std::string users_file;
  std::string log_file;  // the request log; empty: standard error
  bool request_log = true;
  int kv_port = kDefaultKvPort;
  bool kv_port_given = false;
};

bool ParseInt(const char* text, int* out, long max = 65535) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (!*text || *end || v < 0 || v > max) return false;
  *out = static_cast<int>(v);
  return true;
}

bool Bad(const std::string& arg) {
  std::cerr << "casql serve: missing or bad value for " << arg << "\n";
  return false;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool ParseArgs(int argc, char** argv, ServeOptions* opts) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--host") {
      const char* v = value();
      if (!v) return Bad(arg);
      opts->server.host = v;
    } else if (arg == "--port") {
      const char* v = value();
      if (!v || !ParseInt(v, &opts->server.port)) return Bad(arg);
    } else if (arg == "--threads") {
      const char* v = value();
      if (!v || !ParseInt(v, &opts->server.threads) || opts->server.threads < 1) return Bad(arg);
    } else if (arg == "--data-dir") {
      const char* v = value();
      if (!v) return Bad(arg);
      opts->data_dir = v;
    } else if (arg == "--memory") {
      opts->memory = true;
    } else if (arg == "--no-request-log") {
      opts->request_log = false;
    } else if (arg == "--fault-injection") {
      opts->server.fault_injection = true;
    } else if (arg == "--bucket") {
      const char* v = value();
      if (!v || !*v) return Bad(arg);
      opts->buckets.push_back(v);
    } else if (arg == "--users") {
      const char* v = value();
      if (!v) return Bad(arg);
      opts->users_file = v;
    } else if (arg == "--log-file") {
      const char* v = value();
      if (!v || !*v) return Bad(arg);
      opts->log_file = v;
    } else if (arg == "--kv-port") {
      const char* v = value();
      if (!v || !ParseInt(v, &opts->kv_port)) return Bad(arg);
      opts->kv_port_given = true;
    } else if (arg == "--max-requests") {
      int n = 0;
      const char* v = value();
      if (!v || !ParseInt(v, &n, 1 << 20)) return Bad(arg);
      opts->server.max_requests = static_cast<size_t>(n);
    } else if (arg == "--max-body-mb") {
      int n = 0;
      const char* v = value();
      if (!v || !ParseInt(v, &n, 4096) || n < 1) return Bad(arg);
      opts->server.max_body_bytes = static_cast<size_t>(n) << 20;
    } else if (arg == "--read-timeout" || arg == "--write-timeout") {
      int n = 0;
      const char* v = value();
      if (!v || !ParseInt(v, &n, 86400) || n < 1) return Bad(arg);
      (arg == "--read-timeout" ? opts->server.read_timeout : opts->server.write_timeout) =
          std::chrono::seconds(n);
    } else {
      std::cerr << "casql serve: unknown option " << arg << "\n";
      return false;
    }
  }
  if (opts->memory == !opts->data_dir.empty()) {
    std::cerr << "casql serve: give exactly one of --data-dir DIR and --memory\n";
    return false;
  }
  if (opts->users_file.empty() && !IsLoopback(opts->server.host)) {
    std::cerr << "casql serve: refusing to listen on " << opts->server.host
              << " without --users: only loopback addresses may be served without "
                 "authentication\n";
    return false;
  }
  return true;
}

}  // namespace

int ServeCommand(int argc, char** argv) {
  ServeOptions opts;
  if (!ParseArgs(argc, argv, &opts)) return 2;
  // Blocks over 256 KiB (request bodies, large documents, result buffers) are mmapped and so
  // go back to the kernel when freed. glibc's default raises this threshold to the size of
  // each large block freed, after which such blocks stay in the pool threads' arenas: a few
  // hostile 20 MiB requests then keep the server's memory high for good.
  mallopt(M_MMAP_THRESHOLD, 256 << 10);
  if (!opts.data_dir.empty()) {
    ::mkdir(opts.data_dir.c_str(), 0755);
    struct stat st;
    if (::stat(opts.data_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) ||
        ::access(opts.data_dir.c_str(), R_OK | W_OK | X_OK) != 0) {
      std::cerr << "casql serve: data directory " << opts.data_dir << " is not usable\n";
      return 1;
    }
  }

  // A write past RLIMIT_FSIZE raises SIGXFSZ, whose default action kills the process; ignored,
  // the write fails with EFBIG instead and the store reports it like a full disk, refusing
  // writes while reads go on.
  signal(SIGXFSZ, SIG_IGN);

  // Signals are taken by one thread with sigwait, so every other thread (the server pool,
  // kvengine's flushers) runs with them blocked and shutdown happens in ordinary code.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<http::UserStore> users;
  if (!opts.users_file.empty()) {
    auto loaded = http::UserStore::Load(opts.users_file);
    if (!loaded.ok()) {
      std::cerr << "casql serve: " << loaded.status().message() << "\n";
      return 1;
    }
    users = std::move(loaded.value());
    opts.server.users = users.get();
  }
  std::unique_ptr<http::RequestLog> request_log;
  // With --no-request-log the server gets no log at all (like nginx's `access_log off`).
  if (opts.request_log && opts.log_file.empty()) {
    request_log = http::RequestLog::Stderr();
  } else if (opts.request_log) {
    auto opened = http::RequestLog::Open(opts.log_file);
    if (!opened.ok()) {
      std::cerr << "casql serve: " << opened.status().message() << "\n";
      return 1;
    }
    request_log = std::move(opened.value());
  }
  opts.server.request_log = request_log.get();
  auto store = exec::Datastore::Open(opts.data_dir);
  if (!store.ok()) {
    std::cerr << "casql serve: " << store.status().message() << "\n";
    return 1;
  }
  kv::Engine& engine = store.value()->engine();
  for (const std::string& bucket : opts.buckets) {
    kv::Status created = engine.CreateBucket(bucket);
    if (!created.ok() && created.code() != kv::KvStatus::kKeyEexists) {
      std::cerr << "casql serve: cannot create bucket " << bucket << ": " << created.message()
                << "\n";
      return 1;
    }
  }
  http::Server server(store.value().get(), opts.server);
  Status bound = server.Bind();
  if (!bound.ok()) {
    std::cerr << "casql serve: " << bound.message() << "\n";
    return 1;
  }
  // The KV protocol authenticates the users of --users, or else (loopback only, as enforced
  // above) the default Administrator/password account the SDK examples use.
  std::unique_ptr<kvbin::Authenticator> kv_users;
  if (users) {
    kv_users = std::make_unique<KvUsers>(users.get());
  } else {
    kv_users = std::make_unique<kvbin::SingleUserAuthenticator>("Administrator", "password");
  }
  std::unique_ptr<kvbin::KvServer> kv_server;
  if (opts.kv_port != 0) {
    kvbin::KvServerOptions kv_options;
    kv_options.host = opts.server.host;
    kv_options.port = opts.kv_port;
    kv_options.query_port = server.port();
    kv_server = std::make_unique<kvbin::KvServer>(&engine, kv_users.get(), kv_options);
    kv::Status kv_bound = kv_server->Bind();
    if (!kv_bound.ok() && opts.kv_port_given) {
      std::cerr << "casql serve: " << kv_bound.message() << "\n";
      return 1;
    }
    if (!kv_bound.ok()) {
      // The default port is often taken by another server on the machine; HTTP still works.
      std::cerr << "casql serve: warning: " << kv_bound.message()
                << "; the KV protocol is off (choose a port with --kv-port)\n";
      kv_server.reset();
    } else {
      kv_server->Start();
    }
  }
  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  std::cout << "casql listening on http://" << opts.server.host << ":" << server.port()
            << std::endl;
  if (kv_server) {
    std::cout << "casql KV protocol on " << opts.server.host << ":" << kv_server->port()
              << std::endl;
  }
  server.Serve();
  if (kv_server) kv_server->Stop();
  // Serve returns after Stop: either a signal arrived, or the server failed; in the latter
  // case wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  // Every request has finished; make what they acknowledged durable before exiting.
  kv::Status flushed = engine.Flush();
  if (!flushed.ok()) {
    std::cerr << "casql serve: flushing the store failed: " << flushed.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace casql::cli
