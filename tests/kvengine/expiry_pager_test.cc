#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::kStartTime;

TEST(ExpiryPager, PurgesExpiredDocumentsAsDeletions) {
  auto clock = std::make_shared<ManualClock>(kStartTime);
  Engine::Options options;
  options.clock = clock;
  options.expiry_pager_interval = std::chrono::hours(1);
  auto engine = std::move(Engine::Open(options)).value();
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = *engine->FindCollection({"b"});
  MutationOptions expiring;
  expiring.expiry = 10;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(c->Upsert("e" + std::to_string(i), Json("1"), expiring).ok());
    ASSERT_TRUE(c->Upsert("k" + std::to_string(i), Json("1"), {}).ok());
  }
  int deletions = 0;
  c->AddMutationListener([&](const MutationEvent& e) { deletions += e.deleted ? 1 : 0; });
  EXPECT_EQ(engine->RunExpiryPager(), 0u);
  clock->Advance(10);
  EXPECT_EQ(c->ItemCount(), 100u);  // not noticed yet
  EXPECT_EQ(engine->RunExpiryPager(), 50u);
  EXPECT_EQ(c->ItemCount(), 50u);
  EXPECT_EQ(deletions, 50);
  EXPECT_EQ(engine->RunExpiryPager(), 0u);
}

TEST(ExpiryPager, RunsInTheBackground) {
  auto clock = std::make_shared<ManualClock>(kStartTime);
  Engine::Options options;
  options.clock = clock;
  options.expiry_pager_interval = std::chrono::milliseconds(5);
  auto engine = std::move(Engine::Open(options)).value();
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = *engine->FindCollection({"b"});
  MutationOptions expiring;
  expiring.expiry = 10;
  ASSERT_TRUE(c->Upsert("e", Json("1"), expiring).ok());
  std::mutex mutex;
  std::condition_variable purged;
  bool deleted = false;
  c->AddMutationListener([&](const MutationEvent& e) {
    std::lock_guard<std::mutex> lock(mutex);
    deleted = e.deleted;
    purged.notify_all();
  });
  clock->Advance(10);
  std::unique_lock<std::mutex> lock(mutex);
  EXPECT_TRUE(purged.wait_for(lock, std::chrono::seconds(10), [&] { return deleted; }));
  EXPECT_EQ(c->ItemCount(), 0u);
}

}  // namespace
}  // namespace casql::kv
