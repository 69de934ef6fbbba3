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

#include <unistd.h>
#include <filesystem>

namespace casql::kv::testing {

// A fresh directory removed when the test ends.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        std::filesystem::temp_directory_path() / ("casql-kv-" + std::to_string(::getpid()) + "-" +
                                                  info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::unique_ptr<Engine> OpenEngine(const std::filesystem::path& dir,
                                          Engine::Options options = {}) {
  options.data_dir = dir.string();
  auto opened = Engine::Open(options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

inline std::shared_ptr<Collection> Find(Engine& engine, const KeyspaceId& id) {
  auto found = engine.FindCollection(id);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  return found.ok() ? *found : nullptr;
}

}  // namespace casql::kv::testing
