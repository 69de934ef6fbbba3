// The HTTP ceiling of bench/compare/run.sh: casql's HTTP stack (cpp-httplib with casql's own
// transport settings) answering /query/service with a fixed 250-byte JSON document and doing
// nothing else. casql's throughput is read against this: what it loses below the ceiling is
// the query service's own cost.
//
// Usage: casql_http_ceiling PORT   (binds 127.0.0.1; prints "listening" when ready)
#include <httplib.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "http/server.h"

namespace {

// 250 bytes, shaped like a one-row query response.
std::string FixedBody() {
  std::string body =
      R"({"requestID":"00000000-0000-4000-8000-000000000000","signature":{"*":"*"},)"
      R"("results":[{"id":"k1","name":"n","city":"c"}],"status":"success","metrics":)"
      R"({"elapsedTime":"1ms","executionTime":"1ms","resultCount":1,"resultSize":42,"pad":")";
  body.append(250 - body.size() - 3, 'x');
  body += "\"}}";
  return body;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: casql_http_ceiling PORT\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  casql::http::ConfigureTransport(server, casql::http::ServerOptions{});
  const std::string body = FixedBody();
  const std::string content_type = casql::http::QueryContentType();
  auto handler = [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, content_type.c_str());
  };
  server.Post("/query/service", handler);
  server.Get("/query/service", handler);
  if (!server.bind_to_port("127.0.0.1", port)) {
    std::fprintf(stderr, "casql_http_ceiling: cannot listen on 127.0.0.1:%d\n", port);
    return 1;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  std::printf("listening on http://127.0.0.1:%d (%zu-byte body)\n", port, body.size());
  std::fflush(stdout);
  server.listen_after_bind();
  waiter.join();
  return 0;
}
