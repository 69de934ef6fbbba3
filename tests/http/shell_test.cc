// `casql shell` run for real against a server: piped interactive input, -s and -f scripts,
// \SET parameters, credentials, and the exit status.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

struct ShellRun {
  int exit_status = -1;
  std::string out, err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

ShellRun RunShell(const std::vector<std::string>& args, const std::string& input) {
  const std::string base = "/tmp/casql_shell_" + std::to_string(getpid());
  std::ofstream(base + ".in") << input;
  std::string command = std::string(CASQL_BINARY) + " shell";
  for (const auto& a : args) command += " " + Quote(a);
  command += " < " + base + ".in > " + base + ".out 2> " + base + ".err";
  const int status = std::system(command.c_str());
  ShellRun run;
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(base + ".out");
  run.err = ReadFile(base + ".err");
  for (const char* ext : {".in", ".out", ".err"}) unlink((base + ext).c_str());
  return run;
}

class Shell : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--bucket", "sh"});
    url_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }
  static void TearDownTestSuite() { delete server_; }
  static ServerProcess* server_;
  static std::string url_;
};

ServerProcess* Shell::server_ = nullptr;
std::string Shell::url_;

TEST_F(Shell, PipedSessionRunsMultiLineStatementsAndCommands) {
  auto run = RunShell({"--url", url_},
                      "UPSERT INTO sh (KEY, VALUE)\n"
                      "  VALUES (\"k1\", {\"name\": \"semi;colon\"});\n"
                      "\\SET -$who \"k1\"\n"
                      "SELECT RAW s.name FROM sh s\n"
                      "  USE KEYS $who;\n"
                      "\\HISTORY\n"
                      "\\QUIT\n"
                      "SELECT 'never run';\n");
  EXPECT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("\"mutationCount\": 1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"semi;colon\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("2  SELECT RAW s.name FROM sh s\n  USE KEYS $who"), std::string::npos)
      << "history lists the session's statements: " << run.out;
  EXPECT_EQ(run.out.find("never run"), std::string::npos) << "\\QUIT stops reading";
  EXPECT_TRUE(run.err.empty()) << run.err;
}

TEST_F(Shell, ErrorsPrintAClearLineAndFailTheExitStatus) {
  auto run = RunShell({"--url", url_, "-s", "SELECT 1; SELEC 2; SELECT 3"}, "");
  EXPECT_EQ(run.exit_status, 1);
  EXPECT_NE(run.err.find("ERROR 3000: syntax error"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("\"$1\": 3"), std::string::npos)
      << "later statements still run: " << run.out;
}

TEST_F(Shell, RequestParametersComeFromSet) {
  auto run = RunShell({"--url", url_},
                      "\\SET -client_context_id 12345;\n"
                      "\\SET -args [7];\n"
                      "SELECT $1 AS seven;\n"
                      "\\SET -timeout 5;\n"
                      "SELECT 1;\n");
  EXPECT_EQ(run.exit_status, 1) << "timeout without a unit is an error";
  EXPECT_NE(run.out.find("\"clientContextID\": \"12345\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"seven\": 7"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("ERROR 1070"), std::string::npos) << run.err;
}

TEST_F(Shell, ScriptFileRunsEveryStatement) {
  const std::string file = "/tmp/casql_script_" + std::to_string(getpid()) + ".sql";
  std::ofstream(file) << "-- a comment; with a semicolon\n"
                         "UPSERT INTO sh (KEY, VALUE) VALUES (\"f1\", 1);\n"
                         "/* block; comment */ SELECT RAW x FROM sh x USE KEYS \"f1\"\n";
  auto run = RunShell({"--url", url_, "-f", file}, "");
  unlink(file.c_str());
  EXPECT_EQ(run.exit_status, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("\"results\": [\n    1\n    ]"), std::string::npos) << run.out;
}

TEST_F(Shell, UnreachableServerFails) {
  auto run = RunShell({"--url", "http://127.0.0.1:1", "-s", "SELECT 1"}, "");
  EXPECT_EQ(run.exit_status, 1);
  EXPECT_NE(run.err.find("ERROR: cannot reach http://127.0.0.1:1"), std::string::npos) << run.err;
}

TEST_F(Shell, UnterminatedStatementAtEndOfInputIsReported) {
  auto run = RunShell({"--url", url_}, "SELECT 1\n");
  EXPECT_EQ(run.exit_status, 1);
  EXPECT_NE(run.err.find("missing ';'"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace casql::testing
