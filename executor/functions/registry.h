#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "executor/exec_context.h"
#include "value/value.h"

namespace casql::exec {

// What the call does with MISSING and NULL arguments before its body runs. Couchbase's
// functions almost all follow kPropagate; the others see unknown arguments themselves.
enum class UnknownArgs : uint8_t {
  kPropagate,    // any MISSING argument -> MISSING, else any NULL argument -> NULL
  kMissingOnly,  // any MISSING argument -> MISSING; NULL reaches the body
  kRaw,          // the body sees every argument as it is
};

enum class FunctionFamily : uint8_t {
  kString,
  kToken,
  kRegexp,
  kNumber,
  kArray,
  kObject,
  kType,
  kConditional,
  kComparison,
  kJson,
  kDate,
  kBitwise,
};

const char* FamilyTitle(FunctionFamily family);

// A function body over already-evaluated arguments. Bodies of deterministic functions may
// also run at compile time (constant folding) and must not use `ctx` then.
using FunctionBody = Value (*)(std::span<const Value> args, ExecContext& ctx);

inline constexpr int kVariadic = -1;

// One scalar function of the library: the single place its name, arity, determinism and
// behaviour are written. Compilation, constant folding and docs/functions.md read it.
struct FunctionDef {
  std::string_view name;  // lower-case
  int min_args;
  int max_args;  // kVariadic: no upper bound
  bool deterministic;
  UnknownArgs unknown;
  FunctionFamily family;
  FunctionBody body;
  std::string_view summary;  // one sentence for docs/functions.md
};

// The definition of `name` (lower-case), or null for an unknown scalar function.
const FunctionDef* FindFunction(std::string_view name);
// Every scalar function, ordered by family and then by name.
const std::vector<const FunctionDef*>& AllFunctions();

// Couchbase's text for a wrong argument count, e.g. "Number of arguments to function
// substr must be between 2 and 3." (variadic functions: "between 2 and 32767.").
std::string ArityMessage(const FunctionDef& def);

// docs/functions.md, generated from the registry (see tests/executor/functions_doc_test.cc).
std::string GenerateFunctionsDoc();

// The families' tables (one file each).
std::span<const FunctionDef> StringFunctions();
std::span<const FunctionDef> MbStringFunctions();
std::span<const FunctionDef> TokenFunctions();
std::span<const FunctionDef> RegexpFunctions();
std::span<const FunctionDef> NumberFunctions();
std::span<const FunctionDef> ArrayFunctions();
std::span<const FunctionDef> ArraySetFunctions();
std::span<const FunctionDef> ArrayContainsFunctions();
std::span<const FunctionDef> PathFunctions();
std::span<const FunctionDef> ObjectFunctions();
std::span<const FunctionDef> ObjectNestedFunctions();
std::span<const FunctionDef> TypeFunctions();
std::span<const FunctionDef> ConditionalFunctions();
std::span<const FunctionDef> ComparisonFunctions();
std::span<const FunctionDef> JsonFunctions();
std::span<const FunctionDef> HashFunctions();
std::span<const FunctionDef> DateFunctions();
std::span<const FunctionDef> DurationFunctions();
std::span<const FunctionDef> BitwiseFunctions();

}  // namespace casql::exec
