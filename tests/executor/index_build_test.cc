// A secondary index's initial build (several threads scanning whole vBuckets, then one bulk load
// of the sorted entries) must hold exactly what the same index holds when it was created on an
// empty collection and maintained one write at a time, also when writes race with the build.
#include <atomic>
#include <string>
#include <thread>

#include "executor/index/secondary_index.h"
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class IndexBuild : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET b");
    collection_ = store_->Collection(plan::KeyspacePath{"default", "b"}).value();
  }

  // Documents of every shape an index treats differently: missing or non-scalar keys, arrays
  // with repeated elements, binary bodies, the partial index's excluded half.
  void Write(int i, int version) {
    const std::string n = std::to_string(i);
    std::string body;
    switch (i % 5) {
      case 0:
        body = R"({"n":)" + n + R"(,"city":"c)" + std::to_string((i + version) % 37) +
               R"(","tags":["t)" + std::to_string(i % 3) + R"(","t1","t1"]})";
        break;
      case 1:
        body = R"({"n":)" + n + R"(,"city":)" + std::to_string(i % 11 + version) + "}";
        break;
      case 2:
        body = R"({"n":)" + n + R"(,"tags":[]})";  // no city
        break;
      case 3:
        body = R"({"n":"s)" + n + R"(","city":{"nested":true},"tags":[null,1]})";
        break;
      default:
        body = "binary " + n;
        break;
    }
    ASSERT_TRUE(collection_->Upsert("k" + n, kv::MakeDocFromBytes(body), {}).ok());
  }

  std::vector<exec::IndexEntry> Entries(const std::string& name) {
    auto index = store_->FindIndex(plan::KeyspacePath{"default", "b"}, name);
    EXPECT_TRUE(index) << name;
    return index ? index->Scan(exec::IndexBound{}, exec::IndexBound{})
                 : std::vector<exec::IndexEntry>{};
  }

  void ExpectSameEntries(const std::string& a, const std::string& b) {
    const auto left = Entries(a);
    const auto right = Entries(b);
    ASSERT_EQ(left.size(), right.size()) << a << " vs " << b;
    for (size_t i = 0; i < left.size(); ++i) {
      EXPECT_EQ(left[i].id, right[i].id) << a << " entry " << i;
      EXPECT_EQ(Value(left[i].keys), Value(right[i].keys)) << a << " entry " << i;
    }
  }

  static constexpr const char* kDefinitions[] = {
      "(city)", "(city, n)", "(DISTINCT ARRAY t FOR t IN tags END, n)", "(n) WHERE n > 500"};
  static constexpr int kDocs = 3000;

  std::shared_ptr<kv::Collection> collection_;
};

TEST_F(IndexBuild, BulkBuildEqualsOneWriteAtATime) {
  for (size_t d = 0; d < std::size(kDefinitions); ++d) {
    Rows("CREATE INDEX live" + std::to_string(d) + " ON b" + kDefinitions[d]);
  }
  for (int i = 0; i < kDocs; ++i) Write(i, 0);
  for (int i = 0; i < kDocs; i += 7)
    ASSERT_TRUE(collection_->Remove("k" + std::to_string(i), {}).ok());
  for (size_t d = 0; d < std::size(kDefinitions); ++d) {
    const std::string suffix = std::to_string(d);
    Rows("CREATE INDEX bulk" + suffix + " ON b" + kDefinitions[d]);
    EXPECT_FALSE(Entries("bulk" + suffix).empty()) << kDefinitions[d];
    ExpectSameEntries("bulk" + suffix, "live" + suffix);
  }
  // The first index's entries, checked against a primary scan: one per document with a city.
  size_t with_city = 0;
  ASSERT_TRUE(collection_
                  ->Scan("", "",
                         [&](std::string_view, const kv::GetResult& got) {
                           if (got.doc->is_json && !got.doc->json().Field("city").IsMissing()) {
                             ++with_city;
                           }
                           return true;
                         })
                  .ok());
  EXPECT_EQ(Entries("bulk0").size(), with_city);
}

TEST_F(IndexBuild, WritesDuringTheBuildAreNotLost) {
  for (int i = 0; i < kDocs; ++i) Write(i, 0);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int version = 1; !stop.load(); ++version) {
      for (int i = version % 13; i < kDocs && !stop.load(); i += 13) {
        if (i % 17 == 0) {
          collection_->Remove("k" + std::to_string(i), {});
        } else {
          Write(i, version);
        }
      }
    }
  });
  for (size_t d = 0; d < std::size(kDefinitions); ++d) {
    Rows("CREATE INDEX raced" + std::to_string(d) + " ON b" + kDefinitions[d]);
  }
  stop.store(true);
  writer.join();
  // Built now, with no writer: what the raced builds must have converged to.
  for (size_t d = 0; d < std::size(kDefinitions); ++d) {
    const std::string suffix = std::to_string(d);
    Rows("CREATE INDEX quiet" + suffix + " ON b" + kDefinitions[d]);
    ExpectSameEntries("raced" + suffix, "quiet" + suffix);
  }
}

}  // namespace
}  // namespace casql
