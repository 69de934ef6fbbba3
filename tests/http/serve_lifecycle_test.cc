// `casql serve` start-up and shutdown: clear refusals (port taken, unusable data dir,
// a taken --kv-port), --bucket, and SIGTERM under write load losing no acknowledged write.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

std::string TempDir(const std::string& name) {
  const std::string dir = "/tmp/casql_" + name + "_" + std::to_string(getpid());
  std::system(("rm -rf " + dir).c_str());
  return dir;
}

TEST(ServeLifecycle, PortInUseIsAClearError) {
  ServerProcess first;
  auto second = ServerProcess::FailToStart({"--memory", "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_status, 1);
  EXPECT_NE(second.stderr_text.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
            std::string::npos)
      << second.stderr_text;
}

TEST(ServeLifecycle, UnusableDataDirIsAClearError) {
  const std::string file = TempDir("not_a_dir");
  std::ofstream(file) << "x";
  auto r = ServerProcess::FailToStart({"--port", "0", "--data-dir", file});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.stderr_text.find("is not usable"), std::string::npos) << r.stderr_text;
  unlink(file.c_str());
}

TEST(ServeLifecycle, TakenKvPortIsAClearErrorAndZeroTurnsKvOff) {
  // Hold a loopback port so that the KV server cannot bind it.
  const int holder = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(holder, 1), 0);
  socklen_t length = sizeof(address);
  getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string taken = std::to_string(ntohs(address.sin_port));
  auto r = ServerProcess::FailToStart({"--memory", "--port", "0", "--kv-port", taken});
  close(holder);
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.stderr_text.find("cannot listen on 127.0.0.1:" + taken + " for the KV protocol"),
            std::string::npos)
      << r.stderr_text;
  ServerProcess ok({"--memory", "--kv-port", "0"});
  EXPECT_EQ(ok.Get("/admin/ping").http_status, 200);
}

TEST(ServeLifecycle, BadOptionValuesAreRefused) {
  auto r = ServerProcess::FailToStart({"--memory", "--port", "0", "--max-requests", "lots"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.stderr_text.find("bad value for --max-requests"), std::string::npos) << r.stderr_text;
}

TEST(ServeLifecycle, NoRequestLogWritesNoLogEvenWithALogFile) {
  const std::string logged = TempDir("logged.log");
  const std::string silent = TempDir("silent.log");
  {
    ServerProcess with_log({"--memory", "--log-file", logged});
    ServerProcess without_log({"--memory", "--log-file", silent, "--no-request-log"});
    with_log.MustRun("SELECT 1");
    without_log.MustRun("SELECT 1");
    EXPECT_EQ(with_log.Stop(), 0);
    EXPECT_EQ(without_log.Stop(), 0);
  }
  std::ifstream log(logged);
  std::string line;
  ASSERT_TRUE(std::getline(log, line)) << "the control server logged nothing";
  EXPECT_NE(line.find("\"requestID\""), std::string::npos) << line;
  struct stat st;
  EXPECT_NE(stat(silent.c_str(), &st), 0) << "--no-request-log still opened " << silent;
  unlink(logged.c_str());
}

TEST(ServeLifecycle, BucketFlagCreatesBuckets) {
  ServerProcess server({"--memory", "--bucket", "alpha", "--bucket", "beta"});
  server.MustRun(R"(UPSERT INTO alpha (KEY, VALUE) VALUES ("a", 1))");
  server.MustRun(R"(UPSERT INTO beta (KEY, VALUE) VALUES ("b", 2))");
  Value r = server.MustRun(R"(SELECT RAW b FROM beta b USE KEYS "b")");
  EXPECT_EQ(r.Field("results"), ParseJson("[2]").value());
}

TEST(ServeLifecycle, OversizedBodyIs1040With413) {
  ServerProcess server({"--memory", "--max-body-mb", "1", "--bucket", "b"});
  const std::string big(2 << 20, ' ');
  auto q =
      server.Post("/query/service", R"({"statement":"SELECT 1")" + big + "}", "application/json");
  EXPECT_EQ(q.http_status, 413);
  EXPECT_EQ(q.json.Field("errors").Element(0).Field("code"), Value(int64_t{1040})) << q.body;
  EXPECT_EQ(q.json.Field("status"), Value("fatal"));
  // A document over KV's 20 MiB limit within the body cap: read whole, then refused.
  ServerProcess roomy({"--memory", "--bucket", "b"});
  const std::string huge((20 << 20) + 16, ' ');
  auto kv = roomy.Send("PUT", "/kv/b/_default/_default/k", "\"" + huge + "\"", "application/json");
  EXPECT_EQ(kv.http_status, 413);
  EXPECT_EQ(kv.json.Field("status"), Value("E2BIG")) << kv.body;
}

TEST(ServeLifecycle, SlowClientsAreDisconnected) {
  ServerProcess server({"--memory", "--read-timeout", "1"});
  httplib::Client client("127.0.0.1", server.port());
  // Headers promise a body that never comes.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  const std::string partial =
      "POST /query/service HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nstatement=";
  ASSERT_GT(write(fd, partial.data(), partial.size()), 0);
  const auto start = std::chrono::steady_clock::now();
  char buf[256];
  while (read(fd, buf, sizeof(buf)) > 0) {
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
      << "the server closes a connection that stalls longer than --read-timeout";
  close(fd);
}

TEST(ServeLifecycle, SigtermUnderWriteLoadLosesNoAcknowledgedWrite) {
  const std::string dir = TempDir("shutdown");
  auto server = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--data-dir", dir, "--bucket", "durable"});
  std::mutex mu;
  std::map<std::string, std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::vector<std::thread> writers;
  const int port = server->port();
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      for (int i = 0; !stop; ++i) {
        const std::string key = "w" + std::to_string(t) + "_" + std::to_string(i);
        const std::string body =
            "{\"t\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
        if (i % 2 == 0) {
          auto r = client.Put(("/kv/durable/_default/_default/" + key).c_str(), body,
                              "application/json");
          if (!r) break;
          if (r->status != 200) continue;
        } else {
          const std::string statement =
              "UPSERT INTO durable (KEY, VALUE) VALUES (\"" + key + "\", " + body + ")";
          auto r =
              client.Post("/query/service", ToJson(Value(Object{{"statement", Value(statement)}})),
                          "application/json");
          if (!r) break;
          auto parsed = ParseJson(r->body);
          if (!parsed.ok() || parsed->Field("status") != Value("success")) continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        acknowledged[key] = body;
        ++writes;
      }
    });
  }
  while (writes < 400) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(server->Stop(), 0) << "SIGTERM mid-load shuts down cleanly";
  stop = true;
  for (auto& w : writers) w.join();
  server.reset();

  ServerProcess restarted({"--data-dir", dir});
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_GE(acknowledged.size(), 400u);
  size_t lost = 0;
  for (const auto& [key, body] : acknowledged) {
    auto r = restarted.Send("GET", "/kv/durable/_default/_default/" + key);
    if (r.http_status != 200 || r.json != ParseJson(body).value()) ++lost;
  }
  EXPECT_EQ(lost, 0u) << "of " << acknowledged.size() << " acknowledged writes";
  restarted.Stop();
  std::system(("rm -rf " + dir).c_str());
}

TEST(ServeLifecycle, SigtermLetsAStreamingResponseFinish) {
  ServerProcess server({"--memory", "--bucket", "s"});
  server.MustRun("CREATE PRIMARY INDEX ON s");
  // About 6 MB of results, more than the socket buffers hold, read slowly.
  const std::string pad(1000, 'p');
  for (int batch = 0; batch < 3; ++batch) {
    std::string values;
    for (int i = batch * 500; i < (batch + 1) * 500; ++i) {
      values += std::string(values.empty() ? "" : ",") + "(\"a" + std::to_string(i) +
                "\", {\"pad\": \"" + pad + "\"})";
    }
    server.MustRun("UPSERT INTO s (KEY, VALUE) VALUES " + values);
  }
  std::atomic<bool> first_bytes{false};
  std::string body;
  std::thread reader([&] {
    httplib::Client client("127.0.0.1", server.port());
    httplib::Request req;
    req.method = "POST";
    req.path = "/query/service";
    req.set_header("Content-Type", "application/json");
    req.body = R"({"statement":"SELECT x.*, x AS a, x AS b, x AS c FROM s x"})";
    req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
      body.append(data, n);
      first_bytes = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      return true;
    };
    client.send(req);
  });
  while (!first_bytes) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(server.pid(), SIGTERM);
  reader.join();
  auto parsed = ParseJson(body);
  ASSERT_TRUE(parsed.ok()) << "the response was cut: " << body.size() << " bytes";
  EXPECT_EQ(parsed->Field("status"), Value("success"));
  EXPECT_EQ(parsed->Field("metrics").Field("resultCount"), Value(int64_t{1500}));
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace casql::testing
