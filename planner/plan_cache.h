#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "planner/planned_statement.h"

namespace casql::plan {

// Plans of ad-hoc queries and DML by statement text and query_context, so a repeated
// statement is neither parsed nor planned again. Plans bind parameters at execution, so one
// entry serves every parameter value. Each entry records the catalog version it was planned
// against; a DDL statement moves the version on and stale entries are planned again (a new
// index may be usable, a dropped one must not be scanned).
//
// Thread safety: all methods may be called concurrently.
class PlanCache {
 public:
  explicit PlanCache(size_t capacity = 4096) : capacity_(capacity) {}

  PlanPtr Find(const std::string& query_context, const std::string& statement,
               uint64_t catalog_version) const;
  void Insert(const std::string& query_context, const std::string& statement,
              uint64_t catalog_version, PlanPtr plan);
  size_t size() const;

 private:
  struct Entry {
    uint64_t catalog_version;
    PlanPtr plan;
  };
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace casql::plan
