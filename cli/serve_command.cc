#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <iostream>
#include <string>
#include <thread>

#include "executor/datastore.h"
#include "http/server.h"

namespace casql::cli {

namespace {

struct ServeOptions {
  http::ServerOptions server;
  std::string data_dir;
  bool memory = false;
};

bool ParseInt(const char* text, int* out) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (!*text || *end || v < 0 || v > 65535) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ParseArgs(int argc, char** argv, ServeOptions* opts) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--host") {
      const char* v = value();
      if (!v) return false;
      opts->server.host = v;
    } else if (arg == "--port") {
      const char* v = value();
      if (!v || !ParseInt(v, &opts->server.port)) return false;
    } else if (arg == "--threads") {
      const char* v = value();
      if (!v || !ParseInt(v, &opts->server.threads) || opts->server.threads < 1) return false;
    } else if (arg == "--data-dir") {
      const char* v = value();
      if (!v) return false;
      opts->data_dir = v;
    } else if (arg == "--memory") {
      opts->memory = true;
    } else if (arg == "--fault-injection") {
      opts->server.fault_injection = true;
    } else {
      std::cerr << "casql serve: unknown option " << arg << "\n";
      return false;
    }
  }
  if (opts->memory == !opts->data_dir.empty()) {
    std::cerr << "casql serve: give exactly one of --data-dir DIR and --memory\n";
    return false;
  }
  return true;
}

}  // namespace

int ServeCommand(int argc, char** argv) {
  ServeOptions opts;
  if (!ParseArgs(argc, argv, &opts)) return 2;
  if (!opts.data_dir.empty()) {
    ::mkdir(opts.data_dir.c_str(), 0755);
    struct stat st;
    if (::stat(opts.data_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      std::cerr << "casql serve: data directory " << opts.data_dir << " is not usable\n";
      return 1;
    }
  }

  // Signals are taken by one thread with sigwait, so every other thread (the server pool,
  // kvengine's flushers) runs with them blocked and shutdown happens in ordinary code.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto store = exec::Datastore::Open(opts.data_dir);
  if (!store.ok()) {
    std::cerr << "casql serve: " << store.status().message() << "\n";
    return 1;
  }
  http::Server server(store.value().get(), opts.server);
  Status bound = server.Bind();
  if (!bound.ok()) {
    std::cerr << "casql serve: " << bound.message() << "\n";
    return 1;
  }
  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  std::cout << "casql listening on http://" << opts.server.host << ":" << server.port()
            << std::endl;
  server.Serve();
  // Serve returns after Stop: either a signal arrived, or the server failed; in the latter
  // case wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace casql::cli
