// Bitwise functions.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsBitwise, Table) {
  RunTable({
      {"BITAND(6, 3)", "2"},
      {"BITAND(7, 6, 4)", "4"},
      {"BITAND(-1, -5)", "-5"},
      {"BITAND(6.0, 3)", "2"},
      {"BITAND(6.5, 3)", "null"},
      {"BITAND(\"6\", 3)", "null"},
      {"BITAND(6, d.nothing)", "MISSING"},
      {"BITOR(4, 1)", "5"},
      {"BITOR(1, 2, 4, 8)", "15"},
      {"BITOR(-2, 1)", "-1"},
      {"BITOR(1, d.n)", "null"},
      {"BITXOR(5, 3)", "6"},
      {"BITXOR(-1, -2)", "1"},
      {"BITNOT(0)", "-1"},
      {"BITNOT(5)", "-6"},
      {"BITNOT(2.5)", "null"},
      {"BITSHIFT(1, 4)", "16"},
      {"BITSHIFT(256, -4)", "16"},
      {"BITSHIFT(-1, -60)", "15"},
      {"BITSHIFT(1, 64)", "0"},
      {"BITSHIFT(-1, -64, true)", "-1"},
      {"BITSHIFT(2, 65, true)", "4"},
      {"BITSHIFT(1, -1, true)", "-9223372036854775808"},
      {"BITSHIFT(1, 1, \"x\")", "null"},
      {"BITSET(1, 3)", "5"},
      {"BITSET(0, [1, 2, 4])", "11"},
      {"BITSET(0, 0)", "null"},
      {"BITSET(0, 65)", "null"},
      {"BITCLEAR(7, 2)", "5"},
      {"BITCLEAR(15, [1, 4])", "6"},
      {"BITTEST(5, 3)", "true"},
      {"BITTEST(5, 2)", "false"},
      {"BITTEST(5, [1, 2])", "true"},
      {"BITTEST(5, [1, 2], true)", "false"},
      {"BITTEST(5, [1, 3], true)", "true"},
      {"ISBITSET(-1, 64)", "true"},
      {"BITTEST(5, d.nothing)", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
