#pragma once

#include <span>

#include "executor/exec_context.h"
#include "value/value.h"

namespace casql::exec {

// MASK(s [, options]) as Couchbase defines it: the mask (default "********") replaces the
// string from an anchor ("start", "end", a position — negative counts from the end — or a
// regular expression whose first match sets the position). Mask characters listed in
// "hole" (default " ") let the source character through; those in "inject" are inserted
// without consuming one; "length": "source" keeps the source's length.
Value MaskBody(std::span<const Value> args, ExecContext& ctx);

}  // namespace casql::exec
