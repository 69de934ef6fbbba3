// Scalar expressions over a borrowed document must not touch the heap per evaluation. This
// binary replaces the global operator new to count allocations around each evaluation.
#include <atomic>
#include <cstdlib>
#include <new>

#include "tests/executor/expr_test_util.h"

namespace {
std::atomic<uint64_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
// The array forms too, so every new/delete pair goes through malloc/free (a sanitizer would
// otherwise see its own operator new[] memory released by free).
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}

namespace casql::exec::testing {
namespace {

uint64_t AllocationsPerEval(const std::string& text) {
  auto expr = ParseExpression(text);
  EXPECT_TRUE(expr.ok()) << text;
  CompileScope scope;
  scope.Add("d", true);
  auto compiled = Compile(expr.value(), scope);
  EXPECT_TRUE(compiled.ok()) << text;
  Row row;
  row.Bind(0, ParseJsonOrDie(kDefaultDoc));
  ExecContext ctx(nullptr, ExecSettings{});
  const Evaluator& eval = *compiled.value();
  Value warm = eval.Eval(row, ctx);
  const uint64_t before = allocations.load();
  for (int i = 0; i < 100; ++i) {
    Value v = eval.Eval(row, ctx);
    EXPECT_TRUE(v == warm);
  }
  return (allocations.load() - before) / 100;
}

TEST(ExprAllocation, ScalarFiltersDoNotAllocate) {
  for (const char* text : {
           "d.a > 0 AND d.s = \"hello\"",
           "d.o.x + d.a * 2 - 1 >= d.b",
           "d.arr[1] = 2 OR d.n IS NULL",
           "d.s LIKE \"h%o\"",
           "2 IN d.arr",
           "d.a BETWEEN 0 AND 5",
           "CASE WHEN d.t THEN d.a ELSE d.b END",
           "NOT (d.o.y != \"z\") AND d.nothing IS MISSING",
           "ABS(d.neg) > 5 AND ISSTRING(d.s)",
       }) {
    EXPECT_EQ(AllocationsPerEval(text), 0u) << text;
  }
}

TEST(ExprAllocation, CountingWorks) {
  // A string result needs a heap node, so the counter must see it.
  EXPECT_GE(AllocationsPerEval("UPPER(d.s)"), 1u);
}

}  // namespace
}  // namespace casql::exec::testing
