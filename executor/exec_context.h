#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
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

  void AddError(Error error);
  std::vector<Error> TakeErrors();
  size_t error_count() const;
  void AddMutation() { mutations_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t mutation_count() const { return mutations_.load(std::memory_order_relaxed); }
  // The `opaque` number of the next KV request, as a memcached client would number it.
  uint32_t NextOpaque() { return opaque_.fetch_add(1, std::memory_order_relaxed); }

 private:
  Datastore* datastore_;
  ExecSettings settings_;
  const std::chrono::system_clock::time_point statement_time_ = std::chrono::system_clock::now();
  mutable std::mutex mu_;
  std::vector<Error> errors_;
  std::atomic<uint64_t> mutations_{0};
  std::atomic<uint32_t> opaque_{1};
};

}  // namespace casql::exec
