// docs/functions.md, generated from the registry so the reference cannot drift from the code.
#include <string>

#include "executor/expr/aggregates.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

constexpr const char* kPreamble = R"(# Functions and expression semantics

<!-- Generated from executor/functions/ (registry.cc, functions_doc.cc and the family tables).
     Do not edit by hand. Regenerate with:
     CASQL_WRITE_FUNCTIONS_DOC=1 build/expr_test --gtest_filter=FunctionsDoc.* -->

casql evaluates SQL++ expressions as Couchbase's query service does. Function names are
case-insensitive. A call with an unknown name fails before execution with error 3000
`Invalid function <name>` (Couchbase 7 appends ` (resolving to default:<name>)` after trying
user-defined functions, which casql does not have); a wrong argument count with error
3000 `Number of arguments to function <name> must be <n>.` (or `between <m> and <n>.`;
variadic functions say `between <m> and 32767.`), as Couchbase's parser words them. Calls to
deterministic functions whose arguments are all constants are evaluated once, at compile
time.

## MISSING, NULL and wrong types

- Unless a function says otherwise (the *unknowns* column below): a MISSING argument makes
  the result MISSING, else a NULL argument makes it NULL (`propagate`). `missing-only`
  functions return MISSING for a MISSING argument but accept NULL as a value (for example
  `ARRAY_APPEND([1], NULL)` is `[1, null]`). `raw` functions see MISSING and NULL themselves.
- An argument of the wrong type gives NULL (`UPPER(1)` is NULL), never an error.
- Arithmetic (`+ - * / %`, unary `-`) on a non-number gives NULL, on MISSING gives MISSING.
  Integer `+ - *` is exact in 64 bits and continues in double precision on overflow. `/`
  always divides in floating point: `1/2` is 0.5 and `4/2` is 2 (an integral result prints
  without a fraction). `%` of two integers is the integer remainder (sign of the dividend);
  otherwise `fmod`. Division or remainder by zero is NULL.
- `||` concatenates two strings; anything else is NULL (MISSING if either side is MISSING).
- `AND`: any FALSE (or falsy value) operand gives FALSE, else MISSING, else NULL, else TRUE.
  `OR`: any truthy operand gives TRUE, else NULL, else MISSING, else FALSE. `NOT` keeps
  MISSING and NULL. Truthiness: FALSE, 0, "", [] and {} are false, as are MISSING and NULL.

## Comparisons

- `=` and `!=` are TRUE/FALSE only for two values of the same type (numbers compare by value,
  so `1 = 1.0`); values of different types are never equal, so `1 = "1"` is FALSE.
- `<`, `<=`, `>`, `>=` and `BETWEEN` order values of different types by N1QL collation,
  MISSING < NULL < FALSE < TRUE < numbers < strings < arrays < objects, exactly as
  Couchbase's `expression/comp_lt.go` does (`first.Collate(second) < 0`): `1 < "a"` is TRUE.
  Strings compare by bytes, arrays element by element, objects by size, then names, then
  values.
- Any comparison with a MISSING operand is MISSING, else with a NULL operand NULL.
- `IS NULL` is MISSING for MISSING; `IS MISSING`, `IS VALUED` (neither MISSING nor NULL) and
  `IS UNKNOWN` are always TRUE or FALSE.
- `x IN arr` is TRUE when an element equals x, otherwise NULL if some element comparison was
  NULL, otherwise FALSE; a non-array right side is NULL. `x WITHIN v` searches every value
  nested in v at any depth.
- `s LIKE p [ESCAPE e]`: `%` matches any run of characters, `_` one character (UTF-8 code
  point); the escape character (default backslash) makes the next one literal.

## Paths, collections and CASE

- `a.b` on a non-object is MISSING; `a[i]` counts negative indexes from the end and a
  fractional index is NULL; `a[s:e]` slices (negative bounds from the end, open end = length)
  and is NULL when the range falls outside the array; `a.[expr]` is a field whose name is
  computed (a non-string name is NULL).
- `ANY`/`SOME`, `EVERY` and `ANY AND EVERY` ... `SATISFIES` ... `END`; `ARRAY e FOR ... [WHEN
  c] END` (MISSING results are left out); `FIRST e FOR ... END` (MISSING when nothing
  qualifies); `OBJECT n:v FOR ... END`. Several bindings iterate in step; `i:v IN arr` binds
  the index; `v WITHIN x` iterates every nested value. A MISSING source gives MISSING, a
  source that is not an array NULL. `EVERY` over an empty array is TRUE.
- `EXISTS arr` is TRUE for a non-empty array and FALSE for an empty one.
- Simple `CASE x WHEN v THEN r` matches with `=`; searched `CASE WHEN c THEN r` takes the
  first truthy condition; without a match and without `ELSE` the result is NULL.
- Subqueries compile through a hook the SELECT engine registers (`SetSubqueryCompiler` in
  `executor/expr/evaluator.h`); without one they are rejected with error 3100.

## Choices where casql differs or Couchbase is silent

- String positions and lengths count bytes (as Couchbase's non-`MB_` functions do:
  `LENGTH("Café")` is 5); the `MB_` variants count characters (`MB_LENGTH("Café")` is 4).
  `LOWER`, `UPPER`, `INITCAP`/`TITLE` apply Unicode's simple case mappings (glibc's C.UTF-8
  tables), so `UPPER("é")` is `"É"` but `UPPER("ß")` stays `"ß"`, as in Go.
- `DURATION_TO_STR` drops fractions of a nanosecond and is NULL beyond the 64-bit range.
  `OBJECT_FILTER` with `arraysubscript: false` writes `[*]` for array elements only.
  `CONTAINS_TOKEN_REGEXP`, `OBJECT_FILTER` and `OBJECT_PAIRS_NESTED` give NULL for an
  invalid pattern, like the `REGEXP_` functions (Couchbase reports an error).
- `ROUND` breaks ties to the even neighbour (`ROUND(2.5)` is 2, `ROUND(3.5)` is 4).
- Regular expressions use RE2 syntax (Couchbase uses Go's regexp, also RE2); an invalid
  pattern gives NULL instead of an error.
- `ARRAY_AGG`, `TOKENS` and `ARRAY_DISTINCT`-style results are deterministic: `ARRAY_AGG`
  and `TOKENS` in collation order, the array functions in order of first occurrence.
- Date functions read zones from the system tzdata. The local zone is `TZ` or
  `/etc/localtime` (UTC when neither is set). `DATE_TRUNC_MILLIS` truncates in UTC;
  `DATE_ADD_MILLIS`, `DATE_DIFF_MILLIS` and `DATE_RANGE_MILLIS` work in the local zone.
  Date formats may be ISO-8601 example dates (`1111-11-11T00:00:00Z`), component codes
  (`YYYY-MM-DD hh:mm:ss`), Go reference layouts (`2006-01-02 15:04:05`) or `%` specifiers
  (`%Y-%m-%d`). A date string without a zone is read in the local zone, as Couchbase's
  documentation states (its `DATE_FORMAT_STR` examples print such dates with `Z`, as a server
  running in UTC would). `DATE_ADD_STR` answers in its input's format with `T` between date
  and time; the other string functions keep their input's format. `DATE_DIFF_*` subtract
  calendar part numbers as Couchbase does (2015-01-01 minus 2014-12-31 is one month and one
  year), not elapsed time. `calendar_month` adds months without spilling into the next one (and maps a month's last day to the last day).
  `NOW_*` return one instant per statement; `CLOCK_*` read the
  clock at each call.
- `FORMAT_NUMBER`, `OBJECT_EXTRACT`, `URLENCODE`/`URLDECODE` and other
  functions not listed below are not implemented (error 3000 `Invalid function`).
)";

constexpr const char* kAggregates = R"(
## Aggregate functions

Aggregates run in GROUP BY (API: `executor/expr/aggregates.h`); each accepts `DISTINCT`.
A call outside an aggregating query is error 3100. MISSING and NULL inputs are ignored
(ARRAY_AGG keeps NULL); over no input the result is NULL, except COUNT and COUNTN (0).

| function | result |
|---|---|
| `ARRAY_AGG(x)` | the values as an array, in collation order |
| `AVG(x)`, `MEAN(x)` | mean of the numbers |
| `COUNT(x)`, `COUNT(*)` | number of values that are neither MISSING nor NULL (rows for `*`) |
| `COUNTN(x)` | number of numbers |
| `MAX(x)`, `MIN(x)` | largest/smallest value by collation |
| `MEDIAN(x)` | median of the numbers (mean of the middle two for an even count) |
| `STDDEV(x)`, `VARIANCE(x)` | sample standard deviation/variance; 0 for a single value |
| `STDDEV_SAMP(x)`, `VAR_SAMP(x)`, `VARIANCE_SAMP(x)` | the same, but NULL for a single value |
| `STDDEV_POP(x)`, `VAR_POP(x)`, `VARIANCE_POP(x)` | population standard deviation/variance |
| `SUM(x)` | sum of the numbers (exact in 64-bit integers until it overflows) |
)";

const char* UnknownsName(UnknownArgs u) {
  switch (u) {
    case UnknownArgs::kPropagate:
      return "propagate";
    case UnknownArgs::kMissingOnly:
      return "missing-only";
    case UnknownArgs::kRaw:
      return "raw";
  }
  return "";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Arity(const FunctionDef& def) {
  if (def.max_args == kVariadic) return std::to_string(def.min_args) + "+";
  if (def.min_args == def.max_args) return std::to_string(def.min_args);
  return std::to_string(def.min_args) + "-" + std::to_string(def.max_args);
}

}  // namespace

std::string GenerateFunctionsDoc() {
  std::string out = kPreamble;
  bool first = true;
  FunctionFamily family{};
  for (const FunctionDef* def : AllFunctions()) {
    if (first || def->family != family) {
      family = def->family;
      out += "\n## " + std::string(FamilyTitle(family)) + "\n\n";
      out += "| function | arguments | unknowns | deterministic | description |\n";
      out += "|---|---|---|---|---|\n";
      first = false;
    }
    out += "| `" + Upper(def->name) + "` | " + Arity(*def) + " | " + UnknownsName(def->unknown) +
           " | " + (def->deterministic ? "yes" : "no") + " | " + std::string(def->summary) + " |\n";
  }
  out += kAggregates;
  return out;
}

}  // namespace casql::exec
