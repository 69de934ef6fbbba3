// INSERT, UPSERT, UPDATE and DELETE semantics, in process.
#include <chrono>

#include "tests/executor/query_fixture.h"

namespace casql::testing {
namespace {

class Dml : public QueryFixture {
 protected:
  void SetUp() override {
    QueryFixture::SetUp();
    Rows("CREATE BUCKET b");
    Rows("CREATE PRIMARY INDEX ON b");
  }
};

uint32_t Now() {
  return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

TEST_F(Dml, SetForAppliesToMatchingArrayElements) {
  Rows(
      R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"items": [{"n": 1, "t": "a"}, {"n": 2, "t": "b"}, {"n": 3, "t": "b"}]}))");
  Rows(R"(UPDATE b USE KEYS "k" SET i.n = i.n * 10 FOR i IN items WHEN i.t = "b" END)");
  EXPECT_EQ(Rows(R"(SELECT RAW items FROM b USE KEYS "k")").Element(0),
            J(R"([{"n":1,"t":"a"},{"n":20,"t":"b"},{"n":30,"t":"b"}])"));
}

TEST_F(Dml, SetForBindsThePosition) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"items": [{}, {}]}))");
  Rows(R"(UPDATE b USE KEYS "k" SET i.pos = p FOR p : i IN items END)");
  EXPECT_EQ(Rows(R"(SELECT RAW items FROM b USE KEYS "k")").Element(0),
            J(R"([{"pos":0},{"pos":1}])"));
}

TEST_F(Dml, UnsetForRemovesTheFieldFromEachElement) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"items": [{"n": 1, "t": "a"}, {"n": 2}]}))");
  Rows(R"(UPDATE b USE KEYS "k" UNSET i.n FOR i IN items END)");
  EXPECT_EQ(Rows(R"(SELECT RAW items FROM b USE KEYS "k")").Element(0), J(R"([{"t":"a"},{}])"));
}

TEST_F(Dml, SetValuesComeFromTheFetchedDocumentNotTheClone) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"x": 1, "y": 2}))");
  Rows(R"(UPDATE b USE KEYS "k" SET x = y, y = x)");
  EXPECT_EQ(Rows(R"(SELECT RAW b FROM b USE KEYS "k")").Element(0), J(R"({"x":2,"y":1})"));
}

TEST_F(Dml, SettingMissingRemovesAndMissingIntermediatesAreANoOp) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"a": 1, "o": {}}))");
  Rows(R"(UPDATE b USE KEYS "k" SET a = nosuchfield, x.y.z = 1, o.p = 2)");
  EXPECT_EQ(Rows(R"(SELECT RAW b FROM b USE KEYS "k")").Element(0), J(R"({"o":{"p":2}})"));
}

TEST_F(Dml, UpdateClearsExpiryUnlessPreservedOrSet) {
  Rows(R"(INSERT INTO b (KEY, VALUE, OPTIONS) VALUES ("k", {"a": 1}, {"expiration": 3600}))");
  auto coll = Collection("b");
  EXPECT_NEAR(coll->Get("k")->expiry, Now() + 3600, 5);

  http::QueryRequest keep;
  keep.statement = R"(UPDATE b USE KEYS "k" SET a = 2)";
  keep.preserve_expiry = true;
  EXPECT_EQ(Run(std::move(keep)).Field("status"), Value("success"));
  EXPECT_NEAR(coll->Get("k")->expiry, Now() + 3600, 5);

  Rows(R"(UPDATE b USE KEYS "k" SET a = 3)");
  EXPECT_EQ(coll->Get("k")->expiry, 0u) << "UPDATE clears the TTL by default, as Couchbase does";

  Value r = Rows(
      R"(UPDATE b USE KEYS "k" SET a = 4, META().expiration = 7200 RETURNING META().expiration AS e)");
  EXPECT_NEAR(coll->Get("k")->expiry, Now() + 7200, 5);
  EXPECT_EQ(r.Element(0).Field("e"), Value(static_cast<int64_t>(coll->Get("k")->expiry)));
}

TEST_F(Dml, UpdateKeepsTheDocumentFlags) {
  auto coll = Collection("b");
  kv::MutationOptions options;
  options.flags = 0x02000006;
  ASSERT_TRUE(coll->Upsert("k", kv::MakeJsonDoc(J(R"({"a":1})")), options).ok());
  Rows(R"(UPDATE b USE KEYS "k" SET a = 2)");
  EXPECT_EQ(coll->Get("k")->flags, 0x02000006u);
}

TEST_F(Dml, ReturningSeesTheNewDocumentAndItsCas) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"a": 1}))");
  Value r = Rows(R"(UPDATE b USE KEYS "k" SET a = a + 1 RETURNING b.a, META().cas AS cas)");
  ASSERT_EQ(r.AsArray().size(), 1u);
  EXPECT_EQ(r.Element(0).Field("a"), Value(int64_t{2}));
  EXPECT_EQ(r.Element(0).Field("cas"), Value(static_cast<int64_t>(Collection("b")->Get("k")->cas)));
}

TEST_F(Dml, UpdateLimitCountsQualifyingDocuments) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"t": 1}), ("b", {"t": 1}), ("c", {"t": 2}))");
  Value r = Run(R"(UPDATE b SET done = true WHERE t = 1 LIMIT 1)");
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b WHERE done = true").AsArray().size(), 1u);
}

TEST_F(Dml, UseKeysArrayUpdatesEachExistingKey) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {}), ("b", {}))");
  Value r = Run(R"(UPDATE b USE KEYS ["a", "b", "missing"] SET seen = true)");
  EXPECT_EQ(r.Field("status"), Value("success"));
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{2}));
}

TEST_F(Dml, DeleteReturnsWhatItRemovedAndSkipsMissingKeys) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"v": 1}), ("b", {"v": 2}))");
  Value r = Run(R"(DELETE FROM b USE KEYS ["a", "gone"] RETURNING b.v)");
  EXPECT_EQ(r.Field("status"), Value("success"));
  EXPECT_EQ(r.Field("results"), J(R"([{"v":1}])"));
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b"), J(R"(["b"])"));
}

TEST_F(Dml, UpsertOverwritesAndInsertDoesNot) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"v": 1}))");
  Rows(R"(UPSERT INTO b (KEY, VALUE) VALUES ("k", {"v": 2}))");
  EXPECT_EQ(Rows(R"(SELECT RAW v FROM b USE KEYS "k")"), J("[2]"));
  Value dup = Run(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"v": 3}), ("new", {"v": 4}))");
  EXPECT_EQ(dup.Field("status"), Value("errors"));
  EXPECT_EQ(dup.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_EQ(Rows(R"(SELECT RAW v FROM b USE KEYS ["k", "new"])"), J("[2, 4]"));
}

TEST_F(Dml, KeysMustBeStrings) {
  Value insert = Run(R"(INSERT INTO b (KEY, VALUE) VALUES (1, {"v": 1}))");
  EXPECT_EQ(insert.Field("errors").Element(0).Field("code"), Value(int64_t{5070}));
  EXPECT_EQ(insert.Field("errors").Element(0).Field("msg"),
            Value("Cannot INSERT non-string key 1 of type number."));
  Value upsert = Run(R"(UPSERT INTO b (KEY, VALUE) VALUES (1, {"v": 1}))");
  EXPECT_EQ(upsert.Field("errors").Element(0).Field("code"), Value(int64_t{5078}));
  Value missing_key = Run(R"(UPSERT INTO b (KEY, VALUE) VALUES (nokey, {"v": 1}))");
  EXPECT_EQ(missing_key.Field("errors").Element(0).Field("code"), Value(int64_t{5072}));
  Value missing_value = Run(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", novalue))");
  EXPECT_EQ(missing_value.Field("errors").Element(0).Field("code"), Value(int64_t{5060}));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b"), J("[]"));
}

TEST_F(Dml, UpsertRejectsTheSameKeyTwice) {
  Value r = Run(R"(UPSERT INTO b (KEY, VALUE) VALUES ("k", 1), ("k", 2))");
  EXPECT_EQ(r.Field("status"), Value("errors"));
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(int64_t{5073}));
  EXPECT_EQ(Rows(R"(SELECT RAW b FROM b USE KEYS "k")"), J("[1]"));
}

TEST_F(Dml, InsertSelectWritesEachResultRow) {
  Rows(
      R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1, "keep": true}), ("b", {"n": 2}), ("c", {"n": 3, "keep": true}))");
  Rows("CREATE BUCKET copy");
  Value r = Run(
      R"(INSERT INTO copy (KEY k, VALUE v) SELECT "x-" || META(s).id AS k, {"n": s.n * 10} AS v FROM b AS s WHERE s.keep = true RETURNING META().id AS id, copy.n)");
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{2}));
  EXPECT_EQ(r.Field("results"), J(R"([{"id":"x-a","n":10},{"id":"x-c","n":30}])"));
  EXPECT_EQ(Collection("copy")->Get("x-c")->doc->json(), J(R"({"n":30})"));
}

TEST_F(Dml, UpsertSelectWithOptionsAndBadKeys) {
  Rows(
      R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1, "label": "one"}), ("b", {"n": 2, "label": 2}))");
  Rows("CREATE BUCKET copy");
  Value r = Run(
      R"(UPSERT INTO copy (KEY k, VALUE {"n": s.n}, OPTIONS {"expiration": 600}) SELECT s.label AS k, s FROM b AS s)");
  EXPECT_EQ(r.Field("status"), Value("errors")) << ToJson(r);
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(int64_t{5078}));
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  auto one = Collection("copy")->Get("one");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->doc->json(), J(R"({"n":1})"));
  EXPECT_GT(one->expiry, 0u);
}

TEST_F(Dml, MergeUpdatesDeletesAndInserts) {
  Rows("CREATE BUCKET src");
  Rows("CREATE PRIMARY INDEX ON src");
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1}), ("d", {"n": 4}), ("keep", {"n": 9}))");
  Rows(
      R"(INSERT INTO src (KEY, VALUE) VALUES ("1", {"id": "a", "n": 10}), ("2", {"id": "d", "del": true}), ("3", {"id": "new", "n": 30}))");
  Value r = Run(R"(MERGE INTO b AS t USING src AS s ON KEY s.id
      WHEN MATCHED THEN UPDATE SET t.n = s.n WHERE s.del IS MISSING
      WHEN MATCHED THEN DELETE WHERE s.del = true
      WHEN NOT MATCHED THEN INSERT {"n": s.n, "from": META(s).id}
      RETURNING META(t).id AS id, t.n)");
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{3}));
  EXPECT_EQ(r.Field("results"), J(R"([{"id":"a","n":10},{"id":"d","n":4},{"id":"new","n":30}])"));
  EXPECT_EQ(Rows("SELECT META().id AS id, b.* FROM b ORDER BY META().id"),
            J(R"([{"id":"a","n":10},{"id":"keep","n":9},{"id":"new","n":30,"from":"3"}])"));
}

TEST_F(Dml, MergeFromASubqueryWithAnsiOnMetaId) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1}))");
  Value r = Run(R"(MERGE INTO b t USING (SELECT "a" AS k, 5 AS n) s ON META(t).id = s.k
      WHEN MATCHED THEN UPDATE SET t.n = t.n + s.n)");
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(Rows(R"(SELECT RAW n FROM b USE KEYS "a")"), J("[6]"));
}

TEST_F(Dml, MergeUpdateConflictIs12009AndRetriesApply) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1}))");
  auto coll = Collection("b");
  int writes = 0;
  coll->SetBeforeConditionalWriteHook([&](std::string_view key) {
    if (++writes > 1) return;
    ASSERT_TRUE(coll->Upsert(key, kv::MakeJsonDoc(J(R"({"n": 100})")), kv::MutationOptions{}).ok());
  });
  const char* merge = R"(MERGE INTO b t USING (SELECT "a" AS k) s ON KEY s.k
      WHEN MATCHED THEN UPDATE SET t.n = t.n + 1)";
  Value conflict = Run(merge);
  EXPECT_EQ(conflict.Field("status"), Value("errors")) << ToJson(conflict);
  EXPECT_EQ(conflict.Field("errors").Element(0).Field("reason").Field("code"),
            Value(int64_t{12033}));
  writes = 0;
  http::QueryRequest retry;
  retry.statement = merge;
  retry.cas_retries = 2;
  Value ok = Run(std::move(retry));
  coll->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(ok.Field("status"), Value("success")) << ToJson(ok);
  EXPECT_EQ(Rows(R"(SELECT RAW n FROM b USE KEYS "a")"), J("[101]"));
}

TEST_F(Dml, MergeTouchesADocumentOnlyOnce) {
  Rows("CREATE BUCKET src");
  Rows("CREATE PRIMARY INDEX ON src");
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1}))");
  Rows(R"(INSERT INTO src (KEY, VALUE) VALUES ("1", {"k": "a"}), ("2", {"k": "a"}))");
  Value r =
      Run(R"(MERGE INTO b t USING src s ON KEY s.k WHEN MATCHED THEN UPDATE SET t.n = t.n + 1)");
  EXPECT_EQ(r.Field("status"), Value("errors")) << ToJson(r);
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(int64_t{5320}));
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_EQ(Rows(R"(SELECT RAW n FROM b USE KEYS "a")"), J("[2]"));
}

TEST_F(Dml, MergeFromAnExpressionWithAnsiOnJoinsTheTarget) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"code": "x", "n": 1}), ("z", {"code": "z"}))");
  Value r = Run(R"(MERGE INTO b t USING [{"code": "x", "n": 5}, {"code": "y", "n": 7}] s
      ON t.code = s.code
      WHEN MATCHED THEN UPDATE SET t.n = t.n + s.n
      WHEN NOT MATCHED THEN INSERT (KEY "new-" || s.code, VALUE {"code": s.code, "n": s.n})
      RETURNING META(t).id AS id, t.n)");
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{2}));
  EXPECT_EQ(Rows("SELECT META().id AS id, b.* FROM b ORDER BY META().id"),
            J(R"([{"id":"a","code":"x","n":6},{"id":"new-y","code":"y","n":7},)"
              R"({"id":"z","code":"z"}])"));
}

TEST_F(Dml, AnsiMergeRetryRechecksTheJoinCondition) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"code": "x", "n": 1}))");
  auto coll = Collection("b");
  // The concurrent writer moves the document out of the join before the write-back.
  coll->SetBeforeConditionalWriteHook([&](std::string_view key) {
    ASSERT_TRUE(
        coll->Upsert(key, kv::MakeJsonDoc(J(R"({"code": "w", "n": 1})")), kv::MutationOptions{})
            .ok());
  });
  http::QueryRequest request;
  request.statement = R"(MERGE INTO b t USING [{"code": "x"}] s ON t.code = s.code
      WHEN MATCHED THEN UPDATE SET t.n = 99)";
  request.cas_retries = 3;
  Value r = Run(std::move(request));
  coll->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_TRUE(r.Field("metrics").Field("mutationCount").IsMissing())
      << "a document that no longer matches is left alone: " << ToJson(r);
  EXPECT_EQ(Rows(R"(SELECT RAW n FROM b USE KEYS "a")"), J("[1]"));
}

TEST_F(Dml, MergeInsertKeyRulesFollowTheForm) {
  Value lookup = Run(R"(MERGE INTO b t USING [{"k": "a"}] s ON KEY s.k
      WHEN NOT MATCHED THEN INSERT (KEY s.k, VALUE {}))");
  EXPECT_EQ(lookup.Field("errors").Element(0).Field("code"), Value(int64_t{3150}))
      << ToJson(lookup);
  Value ansi = Run(R"(MERGE INTO b t USING [{"k": "a"}] s ON META(t).id = s.k
      WHEN NOT MATCHED THEN INSERT {"v": 1})");
  EXPECT_EQ(ansi.Field("errors").Element(0).Field("code"), Value(int64_t{3160})) << ToJson(ansi);
}

TEST_F(Dml, UpdateLetSeesTheOldDocument) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"n": 1, "tag": "x"}))");
  Value r = Rows(
      R"(UPDATE b USE KEYS "k" LET old = n, t = tag || "!" SET n = old + 10, tag = t WHERE old < 5 RETURNING old, b.n, b.tag)");
  EXPECT_EQ(r, J(R"([{"old":1,"n":11,"tag":"x!"}])"));
  EXPECT_EQ(Rows(R"(SELECT RAW b FROM b USE KEYS "k")"), J(R"([{"n":11,"tag":"x!"}])"));
  Value none = Run(R"(UPDATE b USE KEYS "k" LET old = n SET n = 0 WHERE old < 5)");
  EXPECT_TRUE(none.Field("metrics").Field("mutationCount").IsMissing()) << ToJson(none);
}

TEST_F(Dml, UpdateLetIsReevaluatedOnCasRetry) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("k", {"n": 1}))");
  auto coll = Collection("b");
  int writes = 0;
  coll->SetBeforeConditionalWriteHook([&](std::string_view key) {
    if (++writes > 1) return;
    ASSERT_TRUE(coll->Upsert(key, kv::MakeJsonDoc(J(R"({"n": 5})")), kv::MutationOptions{}).ok());
  });
  http::QueryRequest request;
  request.statement = R"(UPDATE b USE KEYS "k" LET old = n SET n = old * 2)";
  request.cas_retries = 1;
  Value r = Run(std::move(request));
  coll->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(Rows(R"(SELECT RAW n FROM b USE KEYS "k")"), J("[10]"));
}

TEST_F(Dml, DeleteLetFiltersOnBoundValues) {
  Rows(R"(INSERT INTO b (KEY, VALUE) VALUES ("a", {"n": 1}), ("c", {"n": 3}))");
  Value r =
      Rows(R"(DELETE FROM b LET twice = n * 2 WHERE twice > 4 RETURNING META().id AS id, twice)");
  EXPECT_EQ(r, J(R"([{"id":"c","twice":6}])"));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b"), J(R"(["a"])"));
}

TEST_F(Dml, ExplainShowsTheInsertAndDeletePipelines) {
  Value insert = Rows(R"(EXPLAIN INSERT INTO b (KEY, VALUE) VALUES ("k", {"v": 1}) RETURNING *)");
  const Value& plan = insert.Element(0).Field("plan");
  EXPECT_EQ(plan.Field("~children").Element(0).Field("#operator"), Value("ValueScan"));
  const Value& steps = plan.Field("~children").Element(1).Field("~child").Field("~children");
  EXPECT_EQ(steps.Element(0).Field("#operator"), Value("SendInsert"));
  EXPECT_EQ(steps.Element(1).Field("#operator"), Value("InitialProject"));

  Value del = Rows(R"(EXPLAIN DELETE FROM b WHERE v = 1)");
  const Value& dplan = del.Element(0).Field("plan");
  EXPECT_EQ(dplan.Field("~children").Element(0).Field("#operator"), Value("PrimaryScan3"));
  const Value& dsteps = dplan.Field("~children").Element(1).Field("~child").Field("~children");
  std::vector<std::string> names;
  for (const Value& s : dsteps.AsArray()) names.push_back(s.Field("#operator").AsString());
  EXPECT_EQ(names, (std::vector<std::string>{"Fetch", "Filter", "SendDelete"}));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b"), J("[]")) << "EXPLAIN must not execute";
}

}  // namespace
}  // namespace casql::testing
