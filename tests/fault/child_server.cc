#include "tests/fault/child_server.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

#include "value/json.h"

namespace casql::testing {

ChildServer::~ChildServer() {
  if (pid_ > 0) Stop();
}

std::chrono::milliseconds ChildServer::Start() {
  const auto started = std::chrono::steady_clock::now();
  // cpp-httplib's client sends without MSG_NOSIGNAL: a request in flight when the server is
  // killed would raise SIGPIPE and end this test process silently, leaving the server behind.
  signal(SIGPIPE, SIG_IGN);
  int out[2];
  // Close-on-exec, so that a later child does not inherit this pipe (dup2 below clears the
  // flag on the child's own stdout).
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args{CASQL_BINARY, "serve", "--port", "0", "--data-dir", data_dir_};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  pid_ = fork();
  if (pid_ == 0) {
    // If the test process dies (a crash, an abort), the server must not outlive it: it would
    // hold ctest's output pipe open and ctest would wait for it until its timeout.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The server decides for itself: LimitFileSize simulates a full disk, which must fail the
    // write, not kill the server, so serve has to ignore SIGXFSZ on its own.
    signal(SIGXFSZ, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  // Kept open while the child lives: a later print into a closed pipe would SIGPIPE it.
  stdout_fd_ = out[0];
  const std::string prefix = "casql listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) throw std::runtime_error("server did not start: " + line);
  port_ = std::stoi(line.substr(prefix.size()));
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started);
}

void ChildServer::Reap(int signal) {
  if (pid_ <= 0) return;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  close(stdout_fd_);
  stdout_fd_ = -1;
  last_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ChildServer::LimitFileSize(uint64_t bytes) const {
  rlimit limit{};
  limit.rlim_cur = bytes == 0 ? RLIM_INFINITY : bytes;
  limit.rlim_max = RLIM_INFINITY;
  if (prlimit(pid_, RLIMIT_FSIZE, &limit, nullptr) != 0) {
    throw std::runtime_error("prlimit failed");
  }
}

void ChildServer::Kill9() {
  Reap(SIGKILL);
}

int ChildServer::Stop() {
  Reap(SIGTERM);
  return last_status_;
}

namespace {

ChildServer::Reply Convert(const httplib::Result& result) {
  ChildServer::Reply r;
  if (!result) {
    r.body = "no answer: " + httplib::to_string(result.error());
    return r;
  }
  r.http_status = result->status;
  r.body = result->body;
  auto parsed = ParseJson(r.body);
  if (parsed.ok()) r.json = parsed.value();
  return r;
}

void Configure(httplib::Client& client) {
  client.set_tcp_nodelay(true);
  // Bounded, so that a hung server fails the test instead of stalling it.
  client.set_read_timeout(std::chrono::seconds(30));
  client.set_write_timeout(std::chrono::seconds(30));
}

}  // namespace

ChildServer::Reply ChildServer::Query(const Value& params) const {
  return Post("/query/service", ToJson(params), "application/json");
}

ChildServer::Reply ChildServer::Post(const std::string& path, const std::string& body,
                                     const std::string& content_type,
                                     const httplib::Headers& headers) const {
  httplib::Client client("127.0.0.1", port_);
  Configure(client);
  return Convert(client.Post(path.c_str(), headers, body, content_type.c_str()));
}

ChildServer::Reply ChildServer::Get(const std::string& path) const {
  httplib::Client client("127.0.0.1", port_);
  Configure(client);
  return Convert(client.Get(path.c_str()));
}

ChildServer::Reply ChildServer::Send(const std::string& method, const std::string& path,
                                     const std::string& body,
                                     const httplib::Headers& headers) const {
  httplib::Client client("127.0.0.1", port_);
  Configure(client);
  if (method == "GET") return Convert(client.Get(path.c_str(), headers));
  if (method == "DELETE") return Convert(client.Delete(path.c_str(), headers));
  if (method == "PUT") return Convert(client.Put(path.c_str(), headers, body, "application/json"));
  return Convert(client.Post(path.c_str(), headers, body, "application/json"));
}

Value ChildServer::MustRun(const std::string& statement) const {
  Reply r = Query(Value(Object{{"statement", Value(statement)}}));
  EXPECT_EQ(r.json.Field("status"), Value("success")) << statement << "\n" << r.body;
  return r.json;
}

}  // namespace casql::testing
