#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::MemoryEngine;

// Read-modify-write with a CAS retry loop, as SQL++ UPDATE and SDK users do.
void IncrementWithCas(Collection& c, const std::string& key) {
  while (true) {
    auto read = c.Get(key);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    const int64_t next = read->doc->json.AsInt() + 1;
    MutationOptions options;
    options.cas = read->cas;
    auto written = c.Replace(key, MakeJsonDoc(Value(next)), options);
    if (written.ok()) return;
    ASSERT_EQ(written.status().code(), KvStatus::kKeyEexists);
  }
}

void RunCounters(int threads, int increments_per_thread, int documents) {
  MemoryEngine m;
  Collection& c = *m.collection;
  for (int d = 0; d < documents; ++d) {
    ASSERT_TRUE(c.Insert("counter" + std::to_string(d), Json("0"), {}).ok());
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < increments_per_thread; ++i) {
        IncrementWithCas(c, "counter" + std::to_string((t + i) % documents));
      }
    });
  }
  for (auto& worker : workers) worker.join();
  int64_t total = 0;
  for (int d = 0; d < documents; ++d) {
    total += c.Get("counter" + std::to_string(d))->doc->json.AsInt();
  }
  EXPECT_EQ(total, int64_t{threads} * increments_per_thread);
}

TEST(NoLostUpdates, OneCounterEightThreads) {
  RunCounters(8, 10000, 1);
}

TEST(NoLostUpdates, SixtyFourCountersEightThreads) {
  RunCounters(8, 10000, 64);
}

}  // namespace
}  // namespace casql::kv
