// A keyspace of 100k documents: results stream with bounded server memory, `timeout` cancels
// a running statement, and --max-requests turns away requests beyond the limit.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

constexpr int kDocs = 100000;

// A field of /proc/<pid>/status in bytes (VmRSS, VmHWM).
int64_t ProcStatusBytes(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1)) * 1024;
  }
  return -1;
}

class LargeResult : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--max-requests", "1"});
    server_->MustRun("CREATE BUCKET big");
    server_->MustRun("CREATE PRIMARY INDEX ON big");
    // 3125 documents, doubled five times by INSERT ... SELECT (parsing 100k VALUES would take
    // far longer). Each round's new keys sort before every existing key, so the running
    // primary scan never meets the documents its own statement inserts.
    const std::string pad(150, 'p');
    std::string values;
    for (int i = 0; i < 3125; ++i) {
      values += std::string(values.empty() ? "" : ", ") + "(\"k" + std::to_string(i) +
                "\", {\"n\": " + std::to_string(i) + ", \"pad\": \"" + pad + "\"})";
    }
    server_->MustRun("INSERT INTO big (KEY, VALUE) VALUES " + values);
    for (const char* prefix : {"9_", "8_", "7_", "6_", "5_"}) {
      server_->MustRun(std::string("INSERT INTO big (KEY \"") + prefix +
                       "\" || id, VALUE doc) SELECT META(d).id AS id, d AS doc FROM big d");
    }
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0);
    delete server_;
  }
  static ServerProcess* server_;
};

ServerProcess* LargeResult::server_ = nullptr;

TEST_F(LargeResult, HundredThousandRowsStreamWithBoundedServerMemory) {
  const int pid = server_->pid();
  // Reset the peak-RSS counter so VmHWM afterwards is the peak during this query alone.
  std::ofstream(("/proc/" + std::to_string(pid) + "/clear_refs").c_str()) << "5";
  const int64_t rss_before = ProcStatusBytes(pid, "VmRSS");
  ASSERT_GT(rss_before, 0);

  httplib::Client client("127.0.0.1", server_->port());
  client.set_read_timeout(std::chrono::seconds(120));
  size_t bytes = 0;
  std::string tail;
  httplib::Request req;
  req.method = "POST";
  req.path = "/query/service";
  req.set_header("Content-Type", "application/json");
  req.body = R"({"statement":"SELECT d AS a, d AS b, d AS c, d AS e FROM big d"})";
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    bytes += n;
    tail.append(data, n);
    if (tail.size() > 8192) tail.erase(0, tail.size() - 4096);
    return true;
  };
  auto result = client.send(req);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_NE(tail.find("\"resultCount\":100000"), std::string::npos) << tail;
  EXPECT_NE(tail.find("\"status\":\"success\""), std::string::npos) << tail;
  EXPECT_GT(bytes, size_t{64} << 20) << "the response is large";
  const int64_t peak = ProcStatusBytes(pid, "VmHWM");
  RecordProperty("response_bytes", std::to_string(bytes));
  RecordProperty("server_peak_growth_bytes", std::to_string(peak - rss_before));
  EXPECT_LT(peak - rss_before, int64_t{24} << 20)
      << "server memory grew by " << (peak - rss_before) / (1 << 20) << " MiB for a "
      << bytes / (1 << 20) << " MiB response: rows must be streamed, not gathered";
}

TEST_F(LargeResult, SmallResponsesHaveAContentLengthLargeOnesAreChunked) {
  auto small = server_->Query(
      ParseJson(R"({"statement": "SELECT RAW n FROM big USE KEYS ['k1', 'k2']"})").value());
  EXPECT_EQ(small.json.Field("results"), ParseJson("[1, 2]").value());
  EXPECT_EQ(small.headers.count("Transfer-Encoding"), 0u);
  auto length = small.headers.find("Content-Length");
  ASSERT_NE(length, small.headers.end());
  EXPECT_EQ(length->second, std::to_string(small.body.size()));

  // About 150 KiB of rows: past the buffered size, so sent as it is produced.
  auto large =
      server_->Query(ParseJson(R"({"statement": "SELECT d.* FROM big d LIMIT 800"})").value());
  EXPECT_EQ(large.json.Field("status"), Value("success"));
  EXPECT_EQ(large.json.Field("results").AsArray().size(), 800u);
  EXPECT_EQ(large.headers.count("Content-Length"), 0u);
  auto encoding = large.headers.find("Transfer-Encoding");
  ASSERT_NE(encoding, large.headers.end());
  EXPECT_EQ(encoding->second, "chunked");
}

TEST_F(LargeResult, TimeoutCancelsARunningStatement) {
  const auto start = std::chrono::steady_clock::now();
  auto r = server_->Query(
      ParseJson(R"({"statement":"SELECT d.n FROM big d WHERE d.n < 0","timeout":"1ms"})").value());
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.json.Field("status"), Value("timeout")) << r.body;
  const Value& error = r.json.Field("errors").Element(0);
  EXPECT_EQ(error.Field("code"), Value(int64_t{1080}));
  EXPECT_EQ(error.Field("msg"), Value("Timeout 1ms exceeded"));
  EXPECT_EQ(error.Field("retry"), Value(true));
  EXPECT_LT(took, std::chrono::seconds(5));

  // A streaming statement stops part way: some rows, then the timeout.
  auto partial = server_->Query(
      ParseJson(R"({"statement":"SELECT d.n FROM big d","timeout":"30ms"})").value());
  EXPECT_EQ(partial.json.Field("status"), Value("timeout")) << partial.body.substr(0, 200);
  EXPECT_LT(partial.json.Field("metrics").Field("resultCount").AsInt(), kDocs);
  EXPECT_EQ(partial.json.Field("errors").Element(0).Field("code"), Value(int64_t{1080}));
  // The server is still serving.
  server_->MustRun("SELECT 1");
}

TEST_F(LargeResult, RequestsBeyondMaxRequestsAre1191With429) {
  // A client that asks for everything and reads nothing keeps its request running.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  const std::string body = R"({"statement":"SELECT d AS a, d AS b FROM big d"})";
  const std::string request =
      "POST /query/service HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  ASSERT_EQ(write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  for (int i = 0; i < 200; ++i) {
    auto active = server_->Get("/admin/active_requests");
    if (active.json.IsArray() && active.json.AsArray().size() == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto rejected = server_->Query(ParseJson(R"({"statement":"SELECT 1"})").value());
  EXPECT_EQ(rejected.http_status, 429) << rejected.body;
  EXPECT_EQ(rejected.json.Field("errors").Element(0).Field("code"), Value(int64_t{1191}));
  EXPECT_EQ(rejected.json.Field("status"), Value("fatal"));
  close(fd);
  // Once the reader is gone its request ends and the slot is free again.
  ServerProcess::Response after;
  for (int i = 0; i < 250; ++i) {
    after = server_->Query(ParseJson(R"({"statement":"SELECT 1 AS x"})").value());
    if (after.http_status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(after.json.Field("status"), Value("success")) << after.body;
  auto completed = server_->Get("/admin/completed_requests");
  bool closed_seen = false;
  for (const Value& r : completed.json.AsArray()) {
    closed_seen = closed_seen || r.Field("state") == Value("closed");
  }
  EXPECT_TRUE(closed_seen) << "the abandoned request is recorded as closed";
}

}  // namespace
}  // namespace casql::testing
