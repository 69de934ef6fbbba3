// Conditional functions for unknowns and special numbers; JSON and encoding functions.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsConditional, Unknowns) {
  RunTable({
      {"IFMISSING(d.nothing, 1, 2)", "1"},
      {"IFMISSING(d.n, 1)", "null"},
      {"IFMISSING(d.nothing, d.nothing)", "null"},
      {"IFMISSING(d.a, 2)", "1"},
      {"IFMISSINGORNULL(d.nothing, d.n, 3)", "3"},
      {"IFMISSINGORNULL(d.n, d.nothing)", "null"},
      {"IFMISSINGORNULL(d.s, 1)", "\"hello\""},
      {"COALESCE(d.n, d.nothing, \"x\")", "\"x\""},
      {"COALESCE(d.n, d.n)", "null"},
      {"IFNULL(d.n, 2)", "2"},
      {"IFNULL(d.nothing, 2)", "MISSING"},
      {"IFNULL(d.n, d.n)", "null"},
      {"IFNULL(d.a, 2)", "1"},
      {"NVL(d.n, \"dflt\")", "\"dflt\""},
      {"NVL(d.nothing, \"dflt\")", "\"dflt\""},
      {"NVL(d.s, \"dflt\")", "\"hello\""},
      {"NVL2(d.s, \"yes\", \"no\")", "\"yes\""},
      {"NVL2(d.n, \"yes\", \"no\")", "\"no\""},
      {"NVL2(d.nothing, \"yes\", \"no\")", "\"no\""},
      {"MISSINGIF(1, 1)", "MISSING"},
      {"MISSINGIF(1, 2)", "1"},
      {"MISSINGIF(d.n, 1)", "null"},
      {"MISSINGIF(d.nothing, 1)", "MISSING"},
      {"NULLIF(1, 1)", "null"},
      {"NULLIF(1, 2)", "1"},
      {"NULLIF(\"a\", \"a\")", "null"},
      {"NULLIF(d.nothing, 1)", "MISSING"},
      {"GREATEST(1, \"a\", null, 3)", "\"a\""},
      {"GREATEST(1, 5, 3)", "5"},
      {"GREATEST(d.n, d.nothing)", "null"},
      {"LEAST(1, \"a\", null, 3)", "1"},
      {"LEAST(d.nothing, 2, 1.5)", "1.5"},
      {"DECODE(2, 1, \"one\", 2, \"two\", \"other\")", "\"two\""},
      {"DECODE(3, 1, \"one\", 2, \"two\", \"other\")", "\"other\""},
      {"DECODE(3, 1, \"one\", 2, \"two\")", "null"},
      {"DECODE(null, null, \"was null\", \"x\")", "\"was null\""},
      {"DECODE(\"1\", 1, \"num\", \"str\")", "\"str\""},
  });
}

TEST(FunctionsConditional, Numbers) {
  RunTable({
      {"IFINF(1, 2)", "1"},
      {"IFINF(LN(0), 2)", "2"},
      {"IFINF(d.nothing, LN(0), 3)", "3"},
      {"IFINF(\"a\", 1)", "null"},
      {"IFINF(d.n, 1)", "null"},
      {"IFINF(LN(0), LN(0))", "null"},
      {"IFNAN(SQRT(-1), 5)", "5"},
      {"IFNAN(LN(0), 5)", "-Infinity"},
      {"IFNAN(d.nothing, 2)", "2"},
      {"IFNANORINF(SQRT(-1), LN(0), 7)", "7"},
      {"IFNANORINF(1.5, 7)", "1.5"},
      {"IFNANORINF(\"x\", 7)", "null"},
      {"NANIF(1, 1)", "NaN"},
      {"NANIF(1, 2)", "1"},
      {"NANIF(d.n, 2)", "null"},
      {"NEGINFIF(1, 1)", "-Infinity"},
      {"NEGINFIF(3, 1)", "3"},
      {"POSINFIF(\"a\", \"a\")", "+Infinity"},
      {"POSINFIF(d.nothing, 1)", "MISSING"},
  });
}

TEST(FunctionsJson, Table) {
  RunTable({
      {"DECODE_JSON(\"{\\\"a\\\": [1, 2]}\")", R"({"a": [1, 2]})"},
      {"DECODE_JSON(\"1.5\")", "1.5"},
      {"DECODE_JSON(\"not json\")", "null"},
      {"DECODE_JSON(1)", "null"},
      {"JSON_DECODE(\"[true]\")", "[true]"},
      {"DECODE_JSON(d.nothing)", "MISSING"},
      {"ENCODE_JSON({\"a\": [1, \"x\"]})", R"("{\"a\":[1,\"x\"]}")"},
      {"ENCODE_JSON(d.n)", "\"null\""},
      {"ENCODE_JSON(d.nothing)", "MISSING"},
      {"JSON_ENCODE(1)", "\"1\""},
      {"ENCODED_SIZE({\"a\": 1})", "7"},
      {"ENCODED_SIZE(\"abc\")", "5"},
      {"ENCODED_SIZE(d.n)", "4"},
      {"ENCODED_SIZE(d.nothing)", "MISSING"},
      {"POLY_LENGTH(\"abc\")", "3"},
      {"POLY_LENGTH([1, 2])", "2"},
      {"POLY_LENGTH({\"a\": 1})", "1"},
      {"POLY_LENGTH(5)", "null"},
      {"POLY_LENGTH(d.nothing)", "MISSING"},
      {"PAIRS({\"b\": 1, \"a\": {\"c\": 2}})", R"([["a", {"c": 2}], ["c", 2], ["b", 1]])"},
      {"PAIRS([{\"x\": 1}])", R"([["x", 1]])"},
      {"PAIRS(1)", "null"},
      {"BASE64_ENCODE(\"hi\")", "\"ImhpIg==\""},
      {"BASE64(\"hi\")", "\"ImhpIg==\""},
      {"BASE64_ENCODE({\"a\": 1})", "\"eyJhIjoxfQ==\""},
      {"BASE64_ENCODE(d.n)", "\"bnVsbA==\""},
      {"BASE64_ENCODE(d.nothing)", "MISSING"},
      {"BASE64_DECODE(\"ImhpIg==\")", "\"hi\""},
      {"BASE64_DECODE(BASE64_ENCODE([1, {\"b\": true}]))", R"([1, {"b": true}])"},
      {"BASE64_DECODE(\"###\")", "null"},
      {"BASE64_DECODE(1)", "null"},
      {"LENGTH(UUID())", "36"},
      {"UUID() = UUID()", "false"},
      {"SUBSTR(UUID(), 14, 1)", "\"4\""},
  });
}

}  // namespace
}  // namespace casql::exec::testing
