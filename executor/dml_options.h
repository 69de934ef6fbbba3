#pragma once

#include <cstdint>
#include <optional>

#include "executor/exec_context.h"
#include "kvengine/kvengine.h"
#include "value/value.h"

namespace casql::exec {

// The KV options every DML write takes from its request: durability_level and kvtimeout.
kv::MutationOptions RequestMutationOptions(const ExecSettings& settings);

// The expiry that INSERT/UPSERT's and MERGE INSERT's OPTIONS {"expiration": n} asks for:
// n seconds under the KV rule (up to 30 days relative, beyond an absolute Unix time) when n
// is a positive number; anything else leaves the document without an expiry.
std::optional<uint32_t> ExpirationOption(const Value& options);

}  // namespace casql::exec
