// EQ/LT/LE/BETWEEN and the IS_ predicate functions, against the operators they name, plus LEN.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsComparison, OperatorForms) {
  RunTable({
      {"EQ(1, 1.0)", "true"},
      {"EQ(1, \"1\")", "false"},
      {"EQ(d.n, 1)", "null"},
      {"EQ(d.nothing, d.n)", "MISSING"},
      {"LT(1, \"a\")", "true"},
      {"LT(2, 1)", "false"},
      {"LE(2, 2)", "true"},
      {"LE(d.n, 2)", "null"},
      {"`BETWEEN`(10, 5, 15)", "true"},
      {"`BETWEEN`(10, 15, 25)", "false"},
      {"`BETWEEN`(d.n, 1, 2)", "null"},
      {"`BETWEEN`(1, d.nothing, 2)", "MISSING"},
  });
}

TEST(FunctionsComparison, IsPredicates) {
  RunTable({
      {"IS_MISSING(d.nothing)", "true"},
      {"IS_MISSING(d.n)", "false"},
      {"IS_NOT_MISSING(d.n)", "true"},
      {"IS_NULL(d.n)", "true"},
      {"IS_NULL(d.nothing)", "MISSING"},
      {"IS_NOT_NULL(d.a)", "true"},
      {"IS_NOT_NULL(d.nothing)", "MISSING"},
      {"IS_KNOWN(d.n)", "false"},
      {"IS_VALUED(d.a)", "true"},
      {"IS_NOT_KNOWN(d.nothing)", "true"},
      {"IS_UNKNOWN(d.a)", "false"},
      {"IS_NOT_UNKNOWN(d.a)", "true"},
      {"ISNOTVALUED(d.n)", "true"},
      {"ISNULL(1)", "false"},
  });
}

TEST(FunctionsComparison, Len) {
  RunTable({
      {"LEN([1, 2, 3, 4])", "4"},
      {"LEN(false)", "1"},
      {"LEN(1234)", "4"},
      {"LEN(12.34)", "5"},
      {"LEN({\"a\": 1, \"b\": 2, \"c\": [1, 2, 3]})", "3"},
      {"LEN(\"Couchbase\")", "9"},
      {"LEN(d.n)", "null"},
      {"LEN(d.nothing)", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
