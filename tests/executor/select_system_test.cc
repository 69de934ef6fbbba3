// system:keyspaces, system:indexes, system:buckets, system:scopes and system:prepareds.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectSystem : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET b");
    Rows("CREATE SCOPE b.s");
    Rows("CREATE COLLECTION b.s.c");
    Rows("CREATE PRIMARY INDEX ON b");
    Rows("CREATE INDEX ix_n ON b.s.c(n) WHERE n > 1");
  }
};

TEST_F(SelectSystem, KeyspacesListBucketsAndCollections) {
  EXPECT_EQ(Rows("SELECT * FROM system:keyspaces ORDER BY keyspaces.path"), J(R"([
    {"keyspaces": {"datastore_id": "casql", "id": "b", "name": "b", "namespace": "default",
                   "namespace_id": "default", "path": "default:b"}},
    {"keyspaces": {"bucket": "b", "datastore_id": "casql", "id": "c", "name": "c",
                   "namespace": "default", "namespace_id": "default", "path": "default:b.s.c",
                   "scope": "s"}}
  ])"));
}

TEST_F(SelectSystem, BucketsAndScopes) {
  EXPECT_EQ(Rows("SELECT RAW name FROM system:buckets"), J(R"(["b"])"));
  EXPECT_EQ(Rows("SELECT name, path FROM system:scopes WHERE `bucket` = 'b' ORDER BY name"),
            J(R"([{"name": "_default", "path": "default:b._default"},
                  {"name": "s", "path": "default:b.s"}])"));
}

TEST_F(SelectSystem, IndexesWithTheirKeysAndConditions) {
  EXPECT_EQ(Rows("SELECT i.name, i.keyspace_id, i.is_primary, i.index_key, i.`condition`, "
                 "i.bucket_id, i.scope_id, i.state FROM system:indexes AS i ORDER BY i.name"),
            J(R"js([
    {"name": "#primary", "keyspace_id": "b", "is_primary": true, "index_key": [],
     "state": "online"},
    {"name": "ix_n", "keyspace_id": "c", "index_key": ["`n`"], "condition": "(1 < `n`)",
     "bucket_id": "b", "scope_id": "s", "state": "online"}
  ])js"));
  Rows("DROP INDEX ix_n ON b.s.c");
  EXPECT_EQ(Rows("SELECT RAW name FROM system:indexes"), J(R"(["#primary"])"));
}

TEST_F(SelectSystem, PreparedsCountUses) {
  Rows("PREPARE one FROM SELECT RAW 1");
  Rows("EXECUTE one");
  Rows("EXECUTE one");
  EXPECT_EQ(Rows("SELECT name, statement, uses FROM system:prepareds"),
            J(R"([{"name": "one", "statement": "PREPARE one FROM SELECT RAW 1", "uses": 2}])"));
}

TEST_F(SelectSystem, UnknownSystemKeyspaceIs12003AndWritesAreRefused) {
  EXPECT_EQ(ErrorCodeOf("SELECT * FROM system:nope"), 12003);
  EXPECT_EQ(ErrorCodeOf("DELETE FROM system:keyspaces"), 3100);
}

}  // namespace
}  // namespace casql
