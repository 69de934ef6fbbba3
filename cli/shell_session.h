#pragma once

#include <httplib.h>

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "value/value.h"

namespace casql::cli {

// One shell session: the connection, the parameters set with \SET and the statement history.
// Results go to `out`, error lines to `err`.
//
// Thread safety: none; one session per thread.
class ShellSession {
 public:
  ShellSession(const std::string& url, const std::string& user, const std::string& password,
               std::ostream& out, std::ostream& err);

  // Sends one statement and prints the response; false when it did not succeed.
  bool Run(const std::string& statement);
  // Runs a backslash command (\SET, \UNSET, \HISTORY, \HELP); false when it is not valid.
  // Sets *quit for \EXIT and \QUIT.
  bool Command(const std::string& line, bool* quit);

 private:
  bool Set(const std::string& name, const std::string& text);

  std::unique_ptr<httplib::Client> client_;
  std::string url_;
  std::ostream& out_;
  std::ostream& err_;
  std::map<std::string, Value> params_;  // request parameters, named arguments as "$x"
  std::vector<std::string> history_;
};

}  // namespace casql::cli
