#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kvengine/kvengine.h"
#include "value/status.h"
#include "value/value.h"

namespace casql::exec {

class Datastore;

// Request settings that change how statements execute.
struct ExecSettings {
  kv::Durability durability = kv::Durability::kNone;
  std::chrono::milliseconds kv_timeout{2500};
  bool preserve_expiry = false;
  int cas_retries = 0;
  // The request's max_parallelism: how many threads one scan may be split between, at most one
  // per core; 0 or less means one per core (Couchbase's node-wide default).
  int max_parallelism = 0;
  // Keys whose write in this statement first suffers a concurrent modification (casql's
  // deterministic conflict injection, enabled by `serve --fault-injection`).
  std::vector<std::string> inject_cas_conflict;
};

// Per-execution state shared by the operators of one statement: parameters, settings, the
// non-fatal errors raised so far (12009 per key) and the mutation count. Operators may run
// on several threads, so the error list and counters are synchronised.
class ExecContext {
 public:
  ExecContext(Datastore* datastore, ExecSettings settings)
      : datastore_(datastore), settings_(settings) {}

  Datastore& datastore() const { return *datastore_; }
  const ExecSettings& settings() const { return settings_; }
  // The statement's instant: NOW_MILLIS(), NOW_STR() ... return it however long the
  // statement runs, as Couchbase's request-stable NOW_* functions do.
  std::chrono::system_clock::time_point statement_time() const { return statement_time_; }

  std::unordered_map<std::string, Value> named_args;
  std::vector<Value> positional_args;
  // The request's query_context: subqueries are planned while the statement runs and
  // resolve their keyspaces against it.
  std::string query_context;

  void AddError(Error error);
  std::vector<Error> TakeErrors();
  size_t error_count() const;
  void AddMutation() { mutations_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t mutation_count() const { return mutations_.load(std::memory_order_relaxed); }
  // The `opaque` number of the next KV request, as a memcached client would number it.
  uint32_t NextOpaque() { return opaque_.fetch_add(1, std::memory_order_relaxed); }

  // Stopping a running statement from outside its pipeline (request timeout, memory quota,
  // an administrator): the statement's loops poll CheckInterrupt() and return its status,
  // which the caller chose, so the executor needs no knowledge of why it was stopped.
  // SetDeadline must be called before execution starts; Interrupt from any thread.
  void SetDeadline(std::chrono::steady_clock::time_point deadline, Status on_expiry);
  // The first interruption wins; later ones are ignored.
  void Interrupt(Status why);
  // OK while the statement may continue.
  Status CheckInterrupt();

 private:
  Datastore* datastore_;
  ExecSettings settings_;
  const std::chrono::system_clock::time_point statement_time_ = std::chrono::system_clock::now();
  mutable std::mutex mu_;
  std::vector<Error> errors_;
  std::atomic<uint64_t> mutations_{0};
  std::atomic<uint32_t> opaque_{1};
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  Status on_deadline_;
  std::atomic<bool> interrupted_{false};
  Status interrupt_;  // guarded by mu_; set once, when interrupted_ becomes true
};

}  // namespace casql::exec
