#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kvengine/kvengine.h"
#include "value/value.h"

namespace casql::kv::testing {

inline constexpr int64_t kStartTime = 1'800'000'000;

// An in-memory engine with bucket "b" and a clock the test moves by hand.
struct MemoryEngine {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStartTime);
  std::unique_ptr<Engine> engine;
  std::shared_ptr<Collection> collection;

  MemoryEngine() {
    Engine::Options options;
    options.clock = clock;
    auto opened = Engine::Open(options);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    engine = std::move(opened).value();
    EXPECT_TRUE(engine->CreateBucket("b").ok());
    collection = engine->FindCollection(KeyspaceId{"b"}).value();
  }
};

inline DocPtr Json(std::string text) {
  return MakeDocFromBytes(std::move(text));
}

inline std::string Body(const Result<GetResult>& result) {
  return result.ok() && result->doc ? result->doc->bytes : std::string("<none>");
}

}  // namespace casql::kv::testing
