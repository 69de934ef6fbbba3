#include "executor/functions/regexp_cache.h"

#include <memory>
#include <unordered_map>

namespace casql::exec::fn {

const RE2* CompiledRegexp(const std::string& pattern) {
  constexpr size_t kCapacity = 64;
  thread_local std::unordered_map<std::string, std::unique_ptr<RE2>> cache;
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second->ok() ? it->second.get() : nullptr;
  if (cache.size() >= kCapacity) cache.clear();
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  const RE2* result = re->ok() ? re.get() : nullptr;
  cache.emplace(pattern, std::move(re));
  return result;
}

}  // namespace casql::exec::fn
