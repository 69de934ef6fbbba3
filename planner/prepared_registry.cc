#include "planner/prepared_registry.h"

#include <cstdio>
#include <random>

#include "planner/catalog.h"
#include "planner/planner.h"

namespace casql::plan {

std::string PreparedRegistry::Key(const std::string& name, const std::string& query_context) {
  return query_context + '\n' + name;
}

Status PreparedRegistry::Add(std::shared_ptr<Prepared> prepared) {
  const std::string key = Key(prepared->name, prepared->query_context);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second->text != prepared->text) {
    return Status(ErrorCode::kPreparedNameTaken,
                  FormatError(ErrorCode::kPreparedNameTaken, {prepared->name}));
  }
  if (it != entries_.end()) prepared->uses.store(it->second->uses.load());
  entries_[key] = std::move(prepared);
  return Status::OK();
}

Result<PlanPtr> PreparedRegistry::PlanFor(const std::string& name, const std::string& query_context,
                                          const Catalog& catalog) {
  const std::string key = Key(name, query_context);
  std::shared_ptr<const Prepared> entry;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      return Status(ErrorCode::kNoSuchPrepared, FormatError(ErrorCode::kNoSuchPrepared, {name}));
    }
    entry = it->second;
  }
  entry->uses.fetch_add(1, std::memory_order_relaxed);
  const uint64_t version = catalog.catalog_version();
  if (entry->catalog_version == version) return entry->plan;

  auto plan = BuildPlan(entry->statement, PlanContext{&catalog, query_context});
  if (!plan.ok()) return plan.status();
  auto refreshed = std::make_shared<Prepared>();
  refreshed->name = entry->name;
  refreshed->query_context = entry->query_context;
  refreshed->text = entry->text;
  refreshed->statement = entry->statement;
  refreshed->plan = plan.value();
  refreshed->catalog_version = version;
  refreshed->uses.store(entry->uses.load());
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  // Another request may have replaced or refreshed the entry meanwhile; keep its version.
  if (it != entries_.end() && it->second == entry) it->second = std::move(refreshed);
  return plan;
}

std::vector<PreparedRegistry::PreparedPtr> PreparedRegistry::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<PreparedPtr> out;
  out.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) out.push_back(entry);
  return out;
}

std::string PreparedRegistry::NewName() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t a = rng(), b = rng();
  char buf[37];
  snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-%04x-%012llx", static_cast<uint32_t>(a >> 32),
           static_cast<uint32_t>((a >> 16) & 0xffff), static_cast<uint32_t>(a & 0xfff),
           static_cast<uint32_t>(0x8000 | ((b >> 48) & 0x3fff)),
           static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

}  // namespace casql::plan
