#include "executor/dml_options.h"

namespace casql::exec {

kv::MutationOptions RequestMutationOptions(const ExecSettings& settings) {
  kv::MutationOptions options;
  options.durability = settings.durability;
  options.timeout = settings.kv_timeout;
  return options;
}

std::optional<uint32_t> ExpirationOption(const Value& options) {
  const Value expiration = options.Field("expiration");
  if (!expiration.IsNumber() || expiration.AsDouble() <= 0 ||
      expiration.AsDouble() > 4294967295.0) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(expiration.AsDouble());
}

}  // namespace casql::exec
