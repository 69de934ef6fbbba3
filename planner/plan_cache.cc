#include "planner/plan_cache.h"

namespace casql::plan {

namespace {

std::string CacheKey(const std::string& query_context, const std::string& statement) {
  return query_context + '\n' + statement;
}

}  // namespace

PlanPtr PlanCache::Find(const std::string& query_context, const std::string& statement,
                        uint64_t catalog_version) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(CacheKey(query_context, statement));
  if (it == entries_.end() || it->second.catalog_version != catalog_version) return nullptr;
  return it->second.plan;
}

void PlanCache::Insert(const std::string& query_context, const std::string& statement,
                       uint64_t catalog_version, PlanPtr plan) {
  std::lock_guard<std::mutex> lock(mu_);
  // A full cache starts over: simpler than LRU bookkeeping on every hit, and ad-hoc workloads
  // that overflow it rarely repeat statements anyway.
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[CacheKey(query_context, statement)] = Entry{catalog_version, std::move(plan)};
}

size_t PlanCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace casql::plan
