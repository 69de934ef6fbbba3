#pragma once

#include <re2/re2.h>

#include <string>

namespace casql::exec::fn {

// The compiled form of a regular expression (RE2 syntax), or null when it does not compile.
// Patterns are usually literals, so each thread keeps its recently compiled ones; the cache
// is small and bounded because a pattern read from documents may differ on every row.
const RE2* CompiledRegexp(const std::string& pattern);

}  // namespace casql::exec::fn
