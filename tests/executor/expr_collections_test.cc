// ANY/EVERY/ARRAY/FIRST/OBJECT ... FOR, EXISTS and the variable slots they bind.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

constexpr const char* kOrders =
    R"({"items": [{"sku": "a", "qty": 2, "price": 10}, {"sku": "b", "qty": 0, "price": 5},)"
    R"( {"sku": "c", "qty": 5, "price": 1}], "tags": ["x", "y"], "none": [], "v": 100,)"
    R"( "nested": {"k": [1, {"deep": 7}]}, "n": null})";

TEST(ExprCollections, Predicates) {
  RunTable({
      {"ANY i IN d.items SATISFIES i.qty > 4 END", "true", kOrders},
      {"ANY i IN d.items SATISFIES i.qty > 5 END", "false", kOrders},
      {"SOME i IN d.items SATISFIES i.sku = \"b\" END", "true", kOrders},
      {"EVERY i IN d.items SATISFIES i.price > 0 END", "true", kOrders},
      {"EVERY i IN d.items SATISFIES i.qty > 0 END", "false", kOrders},
      {"EVERY i IN d.none SATISFIES i > 0 END", "true", kOrders},
      {"ANY i IN d.none SATISFIES true END", "false", kOrders},
      {"ANY AND EVERY i IN d.items SATISFIES i.price > 0 END", "true", kOrders},
      {"ANY AND EVERY i IN d.none SATISFIES true END", "false", kOrders},
      {"ANY i IN d.missing SATISFIES true END", "MISSING", kOrders},
      {"ANY i IN d.v SATISFIES true END", "null", kOrders},
      {"EVERY i IN d.n SATISFIES true END", "null", kOrders},
      {"ANY t IN d.tags SATISFIES t = \"y\" END", "true", kOrders},
      {"ANY i IN d.items SATISFIES i.qty * i.price > d.v / 10 END", "true", kOrders},
      {"ANY pos:i IN d.items SATISFIES pos = 2 AND i.sku = \"c\" END", "true", kOrders},
      {"ANY x WITHIN d.nested SATISFIES x = 7 END", "true", kOrders},
      {"ANY x IN d.nested.k SATISFIES x = 7 END", "false", kOrders},
      {"ANY i IN d.items SATISFIES (ANY t IN d.tags SATISFIES t = i.sku END) END", "false",
       kOrders},
      {"ANY a IN [1, 2], b IN [3, 4] SATISFIES a + b = 6 END", "true", kOrders},
      {"ANY a IN [1, 2], b IN [3, 4] SATISFIES a + b = 5 AND a = 2 END", "false", kOrders},
      {"ANY d IN [5] SATISFIES d = 5 END", "true", kOrders},
  });
}

TEST(ExprCollections, Comprehensions) {
  RunTable({
      {"ARRAY i.sku FOR i IN d.items END", R"(["a", "b", "c"])", kOrders},
      {"ARRAY i.sku FOR i IN d.items WHEN i.qty > 0 END", R"(["a", "c"])", kOrders},
      {"ARRAY i.qty * i.price FOR i IN d.items END", "[20, 0, 5]", kOrders},
      {"ARRAY i.missing FOR i IN d.items END", "[]", kOrders},
      {"ARRAY [p, t] FOR p:t IN d.tags END", R"([[0, "x"], [1, "y"]])", kOrders},
      {"ARRAY x FOR x IN d.none END", "[]", kOrders},
      {"ARRAY x FOR x IN d.missing END", "MISSING", kOrders},
      {"ARRAY x FOR x IN d.v END", "null", kOrders},
      {"ARRAY x * 2 FOR x IN [1, 2, 3] WHEN x != 2 END", "[2, 6]", kOrders},
      {"ARRAY [a, b] FOR a IN [1, 2], b IN [\"x\"] END", R"([[1, "x"], [2, null]])", kOrders},
      {"ARRAY x FOR x WITHIN [1, [2]] END", "[1, [2], 2]", kOrders},
      {"ARRAY (ARRAY y * x FOR y IN [1, 2] END) FOR x IN [10, 20] END", "[[10, 20], [20, 40]]",
       kOrders},
      {"FIRST i.sku FOR i IN d.items WHEN i.qty = 0 END", "\"b\"", kOrders},
      {"FIRST i.sku FOR i IN d.items WHEN i.qty = 99 END", "MISSING", kOrders},
      {"FIRST i FOR i IN d.tags END", "\"x\"", kOrders},
      {"FIRST i FOR i IN d.missing END", "MISSING", kOrders},
      {"FIRST i FOR i IN d.v END", "null", kOrders},
      {"OBJECT i.sku : i.qty FOR i IN d.items END", R"({"a": 2, "b": 0, "c": 5})", kOrders},
      {"OBJECT i.sku : i.qty FOR i IN d.items WHEN i.qty > 0 END", R"({"a": 2, "c": 5})", kOrders},
      {"OBJECT t : p FOR p:t IN d.tags END", R"({"x": 0, "y": 1})", kOrders},
      {"OBJECT i.qty : i.sku FOR i IN d.items END", "null", kOrders},
      {"OBJECT i.sku : i.nothing FOR i IN d.items END", "{}", kOrders},
      {"OBJECT x : 1 FOR x IN d.missing END", "MISSING", kOrders},
  });
}

TEST(ExprCollections, Exists) {
  RunTable({
      {"EXISTS d.items", "true", kOrders},
      {"EXISTS d.none", "false", kOrders},
      {"EXISTS d.missing", "MISSING", kOrders},
      {"EXISTS d.v", "null", kOrders},
      {"NOT EXISTS d.none", "true", kOrders},
  });
}

TEST(ExprCollections, BindingsShadowAndLeaveTheRowAlone) {
  // The FOR variable `d` hides the document alias inside the body only.
  RunTable({
      {"ARRAY d * 2 FOR d IN [1, 2] END", "[2, 4]"},
      {"[ARRAY d FOR d IN [1] END, d.a]", "[[1], 1]"},
      {"ARRAY v FOR v IN d.arr END = d.arr", "true"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
