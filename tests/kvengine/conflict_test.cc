#include <gtest/gtest.h>

#include <string>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Json;
using testing::MemoryEngine;

TEST(ArmConflict, NextConditionalWriteFailsWithKeyExists) {
  MemoryEngine m;
  Collection& c = *m.collection;
  ASSERT_TRUE(c.Upsert("k", Json(R"({"v":1})"), {}).ok());
  auto read = c.Get("k");
  c.ArmConflict("k");
  // Unconditional writes do not consume the arming.
  ASSERT_TRUE(c.Upsert("other", Json("1"), {}).ok());
  MutationOptions options;
  options.cas = read->cas;
  EXPECT_EQ(c.Replace("k", Json(R"({"v":2})"), options).status().code(), KvStatus::kKeyEexists);
  // The concurrent writer kept the content and moved the CAS on.
  auto after = c.Get("k");
  EXPECT_EQ(Body(after), R"({"v":1})");
  EXPECT_GT(after->cas, read->cas);
  EXPECT_EQ(after->rev_seqno, read->rev_seqno + 1);
  // One-shot: a retry with the fresh CAS succeeds.
  options.cas = after->cas;
  EXPECT_TRUE(c.Replace("k", Json(R"({"v":2})"), options).ok());
}

TEST(ArmConflict, AppliesToRemoveAndIsPerKey) {
  MemoryEngine m;
  Collection& c = *m.collection;
  ASSERT_TRUE(c.Upsert("a", Json("1"), {}).ok());
  ASSERT_TRUE(c.Upsert("b", Json("1"), {}).ok());
  c.ArmConflict("a");
  MutationOptions options;
  options.cas = c.Get("b")->cas;
  EXPECT_TRUE(c.Remove("b", options).ok());
  options.cas = c.Get("a")->cas;
  EXPECT_EQ(c.Remove("a", options).status().code(), KvStatus::kKeyEexists);
  options.cas = c.Get("a")->cas;
  EXPECT_TRUE(c.Remove("a", options).ok());
}

TEST(ConditionalWriteHook, RunsBetweenReadAndWrite) {
  MemoryEngine m;
  Collection& c = *m.collection;
  ASSERT_TRUE(c.Upsert("k", Json("1"), {}).ok());
  int calls = 0;
  c.SetBeforeConditionalWriteHook([&](std::string_view key) {
    ++calls;
    EXPECT_EQ(key, "k");
    ASSERT_TRUE(c.Upsert("k", Json("99"), {}).ok());  // a concurrent writer
  });
  MutationOptions options;
  options.cas = c.Get("k")->cas;
  EXPECT_EQ(c.Replace("k", Json("2"), options).status().code(), KvStatus::kKeyEexists);
  EXPECT_EQ(calls, 1);
  c.SetBeforeConditionalWriteHook(nullptr);
  options.cas = c.Get("k")->cas;
  EXPECT_TRUE(c.Replace("k", Json("2"), options).ok());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Body(c.Get("k")), "2");
}

}  // namespace
}  // namespace casql::kv
