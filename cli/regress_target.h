#pragma once

#include <memory>
#include <string>

#include "value/status.h"
#include "value/value.h"

namespace casql::regress {

// One connection to the query service. Query sends a JSON object of /query/service request
// parameters and returns the parsed response document ({"results": [...], "errors": [...],
// "status": ..., "metrics": {...}}). A non-OK Status means the request never got an answer
// (server unreachable, response not JSON); query errors are part of the document.
//
// Thread safety: one Client per thread.
class Client {
 public:
  virtual ~Client() = default;
  virtual Result<Value> Query(const Value& request) = 0;
};

// The server a case file runs against.
class Target {
 public:
  virtual ~Target() = default;
  // A new connection; concurrent blocks open one per simulated client. May be called from
  // several threads at once.
  virtual std::unique_ptr<Client> Connect() = 0;
  // Restarts the server on the same data. Clients opened before are invalid afterwards.
  virtual Status Restart() = 0;
  // Why Restart cannot work here, or empty when it can.
  virtual std::string CannotRestartReason() const = 0;
};

// An in-process casql (the same QueryService `casql serve` runs, without HTTP) over a fresh
// datastore: in memory, or in a new temporary directory (removed again by the destructor)
// when `durable` is set, so that Restart can reopen it. Conflict injection is enabled.
Result<std::unique_ptr<Target>> OpenEmbeddedTarget(bool durable);

// A live server at `url` (http://host:port). Restart is not possible.
Result<std::unique_ptr<Target>> OpenHttpTarget(const std::string& url);

}  // namespace casql::regress
