// ELEMENT, FIELD and SLICE answer as a[i], o.[name] and a[start:end].
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsPath, ElementFieldSlice) {
  RunTable({
      {"`ELEMENT`(['a', 'b', 'c', 'd', 'e'], 2)", "\"c\""},
      {"`ELEMENT`(d.arr, -1)", "3"},
      {"`ELEMENT`(d.arr, 9)", "MISSING"},
      {"`ELEMENT`(d.arr, 0.5)", "null"},
      {"`ELEMENT`(d.o, \"y\")", "\"z\""},
      {"`ELEMENT`(d.s, 0)", "null"},
      {"`ELEMENT`(d.nothing, 0)", "MISSING"},
      {"FIELD({\"a\": \"a field\", \"b\": 2}, \"b\")", "2"},
      {"FIELD(d.o, \"nope\")", "MISSING"},
      {"FIELD(d.o, 1)", "null"},
      {"FIELD(d.arr, \"x\")", "MISSING"},
      {"SLICE([1, 2, 3, 4], 2, 4)", "[3, 4]"},
      {"SLICE([1, 2, 3, 4], 1)", "[2, 3, 4]"},
      {"SLICE([1, 2, 3, 4], -2)", "[3, 4]"},
      {"SLICE([1, 2, 3, 4], 3, 1)", "null"},
      {"SLICE([1, 2, 3, 4], 0, 9)", "null"},
      {"SLICE(d.s, 0, 1)", "null"},
      {"SLICE(d.arr, d.nothing)", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
