// Every operation x document state x request CAS against kv_engine's rules (kv-cas.md §2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::MemoryEngine;

enum class State { kMissing, kPresent, kLocked, kExpired, kTombstone };
enum class Cas { kZero, kRight, kWrong };
constexpr KvStatus kOk = KvStatus::kSuccess;
constexpr KvStatus kEnoent = KvStatus::kKeyEnoent;
constexpr KvStatus kEexists = KvStatus::kKeyEexists;
constexpr KvStatus kLocked = KvStatus::kLocked;
constexpr KvStatus kEinval = KvStatus::kEinval;
constexpr KvStatus kNotStored = KvStatus::kNotStored;
constexpr KvStatus kNotLocked = KvStatus::kNotLocked;

const char* StateName(State s) {
  static const char* names[] = {"missing", "present", "locked", "expired", "tombstone"};
  return names[static_cast<int>(s)];
}

// A collection holding key "k" in the given state; `right_cas` is the CAS its holder knows (the
// lock CAS when locked, the last document or tombstone CAS otherwise).
struct Fixture {
  MemoryEngine m;
  uint64_t right_cas = 1;
  uint64_t doc_cas = 0;

  explicit Fixture(State state) {
    Collection& c = *m.collection;
    if (state == State::kMissing) return;
    MutationOptions options;
    options.expiry = state == State::kExpired ? 10 : 0;
    auto written = c.Upsert("k", Json("5"), options);
    EXPECT_TRUE(written.ok());
    right_cas = doc_cas = written->cas;
    if (state == State::kLocked) right_cas = c.GetAndLock("k", 5)->cas;
    if (state == State::kExpired) m.clock->Advance(11);
    if (state == State::kTombstone) right_cas = c.Remove("k", {})->cas;
  }
  uint64_t CasFor(Cas cas) const {
    return cas == Cas::kZero ? 0 : cas == Cas::kRight ? right_cas : right_cas + 7;
  }
};

KvStatus RunWithCas(const std::string& op, Collection& c, uint64_t cas) {
  MutationOptions options;
  options.cas = cas;
  if (op == "upsert") return c.Upsert("k", Json("7"), options).status().code();
  if (op == "replace") return c.Replace("k", Json("7"), options).status().code();
  if (op == "remove") return c.Remove("k", options).status().code();
  if (op == "append") return c.Append("k", "1", options).status().code();
  if (op == "prepend") return c.Prepend("k", "1", options).status().code();
  if (op == "insert") return c.Insert("k", Json("7"), options).status().code();
  if (op == "unlock") return c.Unlock("k", cas).code();
  ADD_FAILURE() << op;
  return KvStatus::kEinternal;
}

struct CasRow {
  std::string op;
  State state;
  KvStatus cas_zero, cas_right, cas_wrong;
};

TEST(CasTable, OperationsWithCas) {
  using S = State;
  const std::vector<CasRow> rows = {
      {"upsert", S::kMissing, kOk, kEnoent, kEnoent},
      {"upsert", S::kPresent, kOk, kOk, kEexists},
      {"upsert", S::kLocked, kLocked, kOk, kLocked},
      {"upsert", S::kExpired, kOk, kEnoent, kEnoent},
      {"upsert", S::kTombstone, kOk, kEnoent, kEnoent},
      {"replace", S::kMissing, kEnoent, kEnoent, kEnoent},
      {"replace", S::kPresent, kOk, kOk, kEexists},
      {"replace", S::kLocked, kLocked, kOk, kLocked},
      {"replace", S::kExpired, kEnoent, kEnoent, kEnoent},
      {"replace", S::kTombstone, kEnoent, kEnoent, kEnoent},
      {"remove", S::kMissing, kEnoent, kEnoent, kEnoent},
      {"remove", S::kPresent, kOk, kOk, kEexists},
      {"remove", S::kLocked, kLocked, kOk, kLocked},
      {"remove", S::kExpired, kEnoent, kEnoent, kEnoent},
      {"remove", S::kTombstone, kEnoent, kEnoent, kEnoent},
      {"append", S::kMissing, kNotStored, kNotStored, kNotStored},
      {"append", S::kPresent, kOk, kOk, kEexists},
      {"append", S::kLocked, kLocked, kOk, kLocked},
      {"append", S::kExpired, kNotStored, kNotStored, kNotStored},
      {"append", S::kTombstone, kNotStored, kNotStored, kNotStored},
      {"prepend", S::kMissing, kNotStored, kNotStored, kNotStored},
      {"prepend", S::kPresent, kOk, kOk, kEexists},
      {"prepend", S::kLocked, kLocked, kOk, kLocked},
      {"prepend", S::kExpired, kNotStored, kNotStored, kNotStored},
      {"prepend", S::kTombstone, kNotStored, kNotStored, kNotStored},
      {"insert", S::kMissing, kOk, kEinval, kEinval},
      {"insert", S::kPresent, kEexists, kEinval, kEinval},
      {"insert", S::kLocked, kEexists, kEinval, kEinval},
      {"insert", S::kExpired, kOk, kEinval, kEinval},
      {"insert", S::kTombstone, kOk, kEinval, kEinval},
      {"unlock", S::kMissing, kEinval, kEnoent, kEnoent},
      {"unlock", S::kPresent, kEinval, kNotLocked, kNotLocked},
      {"unlock", S::kLocked, kEinval, kOk, kLocked},
      {"unlock", S::kExpired, kEinval, kEnoent, kEnoent},
      {"unlock", S::kTombstone, kEinval, kEnoent, kEnoent},
  };
  for (const CasRow& row : rows) {
    const std::pair<Cas, KvStatus> cells[] = {
        {Cas::kZero, row.cas_zero}, {Cas::kRight, row.cas_right}, {Cas::kWrong, row.cas_wrong}};
    for (const auto& [cas, expected] : cells) {
      Fixture f(row.state);
      Collection& c = *f.m.collection;
      const uint64_t seqno_before = c.Get("k").ok() ? c.Get("k")->seqno : 0;
      SCOPED_TRACE(row.op + " on " + StateName(row.state) + " with cas " +
                   std::to_string(static_cast<int>(cas)));
      EXPECT_EQ(KvStatusName(RunWithCas(row.op, c, f.CasFor(cas))), KvStatusName(expected));
      if (expected == kOk && row.op != "unlock") {
        auto after = c.Get("k");
        if (row.op == "remove") {
          EXPECT_EQ(after.status().code(), kEnoent);
        } else {
          ASSERT_TRUE(after.ok());
          EXPECT_FALSE(after->locked);  // a write with the lock CAS unlocks
          EXPECT_GT(after->cas, f.doc_cas);
          EXPECT_GT(after->seqno, seqno_before);
        }
      }
      if (row.state == State::kLocked && expected != kOk) {
        EXPECT_EQ(c.Get("k")->cas, kLockedCas);  // still locked
      }
    }
  }
}

struct PlainRow {
  std::string op;
  KvStatus missing, present, locked, expired, tombstone;
};

KvStatus RunWithoutCas(const std::string& op, Collection& c) {
  if (op == "get") return c.Get("k").status().code();
  if (op == "touch") return c.Touch("k", 100).status().code();
  if (op == "gat") return c.GetAndTouch("k", 100).status().code();
  if (op == "getandlock") return c.GetAndLock("k", 5).status().code();
  if (op == "increment") return c.Increment("k", 1, 0, 0).status().code();
  if (op == "decrement") return c.Decrement("k", 1, 0, 0).status().code();
  ADD_FAILURE() << op;
  return KvStatus::kEinternal;
}

TEST(CasTable, OperationsWithoutCas) {
  const std::vector<PlainRow> rows = {
      {"get", kEnoent, kOk, kOk, kEnoent, kEnoent},
      {"touch", kEnoent, kOk, kLocked, kEnoent, kEnoent},
      {"gat", kEnoent, kOk, kLocked, kEnoent, kEnoent},
      {"getandlock", kEnoent, kOk, kLocked, kEnoent, kEnoent},
      {"increment", kOk, kOk, kLocked, kOk, kOk},
      {"decrement", kOk, kOk, kLocked, kOk, kOk},
  };
  for (const PlainRow& row : rows) {
    const std::pair<State, KvStatus> cells[] = {{State::kMissing, row.missing},
                                                {State::kPresent, row.present},
                                                {State::kLocked, row.locked},
                                                {State::kExpired, row.expired},
                                                {State::kTombstone, row.tombstone}};
    for (const auto& [state, expected] : cells) {
      Fixture f(state);
      SCOPED_TRACE(row.op + " on " + StateName(state));
      EXPECT_EQ(KvStatusName(RunWithoutCas(row.op, *f.m.collection)), KvStatusName(expected));
    }
  }
}

}  // namespace
}  // namespace casql::kv
