#include "tests/http/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "value/json.h"

namespace casql::testing {

ServerProcess::ServerProcess(std::vector<std::string> extra_args) {
  // httplib's client writes without MSG_NOSIGNAL: a server that answers early and closes
  // (413 before the body) must fail the write, not kill the test process.
  signal(SIGPIPE, SIG_IGN);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args{CASQL_BINARY, "serve", "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  stdout_fd_ = pipe_fds[0];
  std::string line;
  char c;
  while (read(stdout_fd_, &c, 1) == 1 && c != '\n') line.push_back(c);
  const std::string prefix = "casql listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) throw std::runtime_error("server did not start: " + line);
  port_ = std::stoi(line.substr(prefix.size()));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::Response ServerProcess::Convert(const httplib::Result& result) {
  Response r;
  if (!result) return r;
  r.http_status = result->status;
  r.body = result->body;
  r.content_type = result->get_header_value("Content-Type");
  r.headers = result->headers;
  auto parsed = ParseJson(r.body);
  if (parsed.ok()) r.json = parsed.value();
  return r;
}

ServerProcess::Response ServerProcess::Query(const Value& params) {
  return Post("/query/service", ToJson(params), "application/json");
}

Value ServerProcess::MustRun(const std::string& statement) {
  Response r = Query(Value(Object{{"statement", Value(statement)}}));
  EXPECT_EQ(r.json.Field("status"), Value("success")) << statement << "\n" << r.body;
  return r.json;
}

// Tests assert outcomes, never timing: a loaded CI machine may take many seconds over a large
// statement, so the client waits far longer than httplib's 5 s default before giving up.
httplib::Client ServerProcess::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(std::chrono::seconds(300));
  return client;
}

ServerProcess::Response ServerProcess::Post(const std::string& path, const std::string& body,
                                            const std::string& type) {
  httplib::Client client = Client();
  return Convert(client.Post(path.c_str(), body, type.c_str()));
}

ServerProcess::Response ServerProcess::Get(const std::string& path) {
  httplib::Client client = Client();
  return Convert(client.Get(path.c_str()));
}

ServerProcess::Response ServerProcess::Send(const std::string& method, const std::string& path,
                                            const std::string& body,
                                            const std::string& content_type,
                                            const httplib::Headers& headers) {
  httplib::Client client = Client();
  Response r;
  httplib::Result result =
      method == "GET"      ? client.Get(path.c_str(), headers)
      : method == "DELETE" ? client.Delete(path.c_str(), headers, body, content_type.c_str())
      : method == "PUT"    ? client.Put(path.c_str(), headers, body, content_type.c_str())
                           : client.Post(path.c_str(), headers, body, content_type.c_str());
  r = Convert(result);
  if (result) r.headers = result->headers;
  return r;
}

ServerProcess::Refusal ServerProcess::FailToStart(std::vector<std::string> extra_args) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args{CASQL_BINARY, "serve"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const int pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    close(err_pipe[0]);
    close(err_pipe[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(err_pipe[1]);
  Refusal refusal;
  char buf[4096];
  ssize_t n;
  while ((n = read(err_pipe[0], buf, sizeof(buf))) > 0) refusal.stderr_text.append(buf, n);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  refusal.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return refusal;
}

}  // namespace casql::testing
