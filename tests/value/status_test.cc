#include "value/status.h"

#include <gtest/gtest.h>

namespace casql {
namespace {

TEST(Status, OkCarriesNoError) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), 0);
  EXPECT_EQ(s.message(), "");
}

TEST(Status, ErrorCarriesCodeAndMessage) {
  Status s(ErrorCode::kKeyspaceNotFound,
           FormatError(ErrorCode::kKeyspaceNotFound, {"default:Project.Dev.admin"}));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), 12003);
  EXPECT_EQ(s.message(), "Keyspace not found in CB datastore: default:Project.Dev.admin");
}

TEST(Status, TemplatesSubstituteInOrder) {
  EXPECT_EQ(FormatError(ErrorCode::kNoPrimaryIndex, {"b", "b"}),
            "No index available on keyspace b that matches your query. Use CREATE PRIMARY INDEX "
            "ON b to create a primary index, or check that your expected index is online.");
  EXPECT_EQ(FormatError(ErrorCode::kDml, {"CAS mismatch"}),
            "DML Error, possible causes include CAS mismatch");
}

Result<int> Half(int x) {
  if (x % 2) return Status(ErrorCode::kEvaluation, "odd");
  return x / 2;
}

TEST(Result, HoldsValueOrStatus) {
  auto good = Half(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), 5010);
}

}  // namespace
}  // namespace casql
