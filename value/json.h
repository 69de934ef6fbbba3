#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "value/status.h"
#include "value/value.h"

namespace casql {

// Deeper JSON is rejected with an error instead of risking the stack of any recursive walker.
inline constexpr int kMaxJsonDepth = 512;

// Parses one JSON text into a Value. Errors are 5000-range statuses whose message names the
// byte offset of the fault, e.g. "Invalid JSON at byte offset 7: Missing a colon ...".
// Integers that fit int64 stay exact; larger integers and fractions become doubles; a
// repeated object field keeps its last value.
Result<Value> ParseJson(std::string_view text, int max_depth = kMaxJsonDepth);
// True exactly when ParseJson(text, max_depth) succeeds, without building the Value; once a
// thread has checked one text, checking another allocates nothing.
bool IsValidJson(std::string_view text, int max_depth = kMaxJsonDepth);

// Writes a Value as compact JSON, as Couchbase's query service does: MISSING fields are left
// out of objects and written as null inside arrays and at the top level; integral doubles
// are written without a fraction (2.0 -> 2); NaN and infinities, which JSON cannot hold,
// become the strings "NaN", "+Infinity" and "-Infinity".
std::string ToJson(const Value& value);
void AppendJson(const Value& value, std::string* out);
// Indented form for `pretty=true` responses (4 spaces, Couchbase's indent).
void AppendPrettyJson(const Value& value, std::string* out, int indent_level = 0);
// A JSON string literal with the escapes JSON requires.
void AppendJsonString(std::string_view text, std::string* out);
void AppendJsonNumber(const Value& number, std::string* out);

// Prints a Value as JSON (MISSING as `MISSING`); GoogleTest finds it for failure messages.
void PrintTo(const Value& value, std::ostream* os);

}  // namespace casql
