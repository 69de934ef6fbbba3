// kill -9 of a real `casql serve` under concurrent writers, then a restart on the same data
// directory. Every writer owns its keys, so the test knows each key's history exactly: after
// recovery a key must hold the state after some prefix of its history that includes every
// write acknowledged with durability_level persistToMajority, with the CAS that write was
// acknowledged with. Writes without durability may be lost (kvengine.md), never corrupted.
// Writers use both SQL++ DML and the KV REST API, and the secondary indexes must agree with the
// documents after every restart. Torn log tails and a full disk are simulated too.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "tests/fault/child_server.h"
#include "value/json.h"

namespace casql::testing {
namespace {

constexpr int kWriters = 4;
constexpr int kKeysPerWriter = 8;

bool LongRun() {
  const char* v = std::getenv("CASQL_LONG_TESTS");
  return v && std::string(v) == "1";
}

// One write in a key's history: the document it leaves (nullopt = deleted) and whether the
// server acknowledged it, durably or not, and with which CAS.
struct Write {
  std::optional<int64_t> version;  // the document is {"w": writer, "v": version}
  bool acked = false;
  bool durable = false;
  int64_t cas = 0;
};

// A key's history since the last verified restart; entry 0 is the verified state.
struct KeyHistory {
  std::vector<Write> writes;
  size_t DurableFloor() const {
    size_t floor = 0;
    for (size_t i = 0; i < writes.size(); ++i) {
      if (writes[i].acked && writes[i].durable) floor = i;
    }
    return floor;
  }
};

struct Counters {
  std::atomic<int64_t> acked{0}, acked_durable{0};
};

std::string Key(int writer, int k) {
  return "w" + std::to_string(writer) + "-k" + std::to_string(k);
}

std::string Doc(int writer, int64_t version) {
  return "{\"w\": " + std::to_string(writer) + ", \"v\": " + std::to_string(version) + "}";
}

// Writes over its own keys until the server stops answering. Each statement's intended
// result is appended to the key's history before it is sent, so a write in flight at the
// kill counts as possibly applied.
// The KV REST path of a key.
std::string KvPath(const std::string& key, bool durable) {
  return "/kv/crash/_default/_default/" + key +
         (durable ? "?durability=persistToMajority" : "?durability=none");
}

// Sends one write and returns the reply; `cas` gets the CAS the server acknowledged it with
// when the write leaves a document.
ChildServer::Reply SendWrite(const ChildServer& server, int op, const std::string& key, int writer,
                             const Write& w, bool exists, int64_t* cas, std::string* what) {
  const std::string doc = w.version ? Doc(writer, *w.version) : "";
  // Even ops go through SQL++, odd ones through the KV REST API.
  if (op % 2 == 0) {
    std::string statement;
    if (!exists) {
      statement = "INSERT INTO crash (KEY, VALUE) VALUES (\"" + key + "\", " + doc + ")";
    } else if (!w.version) {
      statement = "DELETE FROM crash USE KEYS \"" + key + "\"";
    } else if (op % 4 == 0) {
      statement = "UPDATE crash USE KEYS \"" + key + "\" SET v = " + std::to_string(*w.version);
    } else {
      statement = "UPSERT INTO crash (KEY, VALUE) VALUES (\"" + key + "\", " + doc + ")";
    }
    statement += " RETURNING META().cas AS cas";
    *what = statement;
    Object params{{"statement", Value(statement)}};
    params.Set("durability_level", Value(w.durable ? "persistToMajority" : "none"));
    ChildServer::Reply r = server.Query(Value(std::move(params)));
    if (r.http_status == 200 && r.json.Field("status") == Value("success") && w.version) {
      const Value& c = r.json.Field("results").Element(0).Field("cas");
      *cas = c.IsNumber() ? c.AsInt() : 0;
    }
    return r;
  }
  const std::string path = KvPath(key, w.durable);
  const char* method = !exists ? "POST" : !w.version ? "DELETE" : "PUT";
  *what = std::string(method) + " " + path;
  ChildServer::Reply r = server.Send(method, path, doc);
  if ((r.http_status == 200 || r.http_status == 201) && w.version) {
    const Value& c = r.json.Field("cas");
    *cas = c.IsString() ? std::stoll(c.AsString()) : 0;
  }
  return r;
}

// Writes over its own keys until the server stops answering. Each write's intended result is
// appended to the key's history before it is sent, so a write in flight at the kill counts as
// possibly applied. Returns a description of the first unexpected answer, or "".
std::string RunWriter(const ChildServer& server, int writer, uint32_t seed, int64_t* next_version,
                      std::vector<KeyHistory>* keys, Counters* counters) {
  std::mt19937 rng(seed);
  while (true) {
    const int k = static_cast<int>(rng() % kKeysPerWriter);
    KeyHistory& h = (*keys)[k];
    const bool exists = h.writes.back().version.has_value();
    const std::string key = Key(writer, k);
    const int op = static_cast<int>(rng() % 8);
    Write w;
    // A delete is op 0 or 1 (SQL or KV); everything else leaves a new version.
    if (!exists || op >= 2) w.version = (*next_version)++;
    w.durable = rng() % 2 == 0;
    h.writes.push_back(w);
    int64_t cas = 0;
    std::string what;
    ChildServer::Reply r = SendWrite(server, op, key, writer, w, exists, &cas, &what);
    if (r.http_status == 0) return "";  // the server is gone; this write's fate is unknown
    const bool ok = (r.http_status == 200 || r.http_status == 201) &&
                    (op % 2 == 1 || r.json.Field("status") == Value("success"));
    if (!ok) return what + " answered " + std::to_string(r.http_status) + ": " + r.body;
    Write& done = h.writes.back();
    done.acked = true;
    if (done.version) {
      if (cas == 0) return what + " acknowledged without a CAS: " + r.body;
      done.cas = cas;
      // A later write to a key carries a larger CAS (HLC order per vBucket), also across a
      // restart: entry 0 is the recovered document.
      for (size_t i = h.writes.size() - 1; i-- > 0;) {
        if (h.writes[i].acked && h.writes[i].version) {
          if (done.cas <= h.writes[i].cas) {
            return what + ": CAS " + std::to_string(done.cas) + " not above the earlier " +
                   std::to_string(h.writes[i].cas);
          }
          break;
        }
      }
    }
    counters->acked++;
    if (done.durable) counters->acked_durable++;
  }
}

struct Observed {
  int64_t writer = -1, version = -1, cas = 0;
};

std::map<std::string, Observed> ReadAll(const ChildServer& server) {
  Value r = server.MustRun(
      "SELECT META(d).id AS id, META(d).cas AS cas, d.w, d.v, OBJECT_LENGTH(d) AS n FROM crash d "
      "USE INDEX (`#primary`)");
  std::map<std::string, Observed> out;
  for (const Value& row : r.Field("results").AsArray()) {
    if (row.Field("n") != Value(int64_t{2})) {
      ADD_FAILURE() << "a document nobody wrote: " << ToJson(row);
      continue;
    }
    out[row.Field("id").AsString()] =
        Observed{row.Field("w").AsInt(), row.Field("v").AsInt(), row.Field("cas").AsInt()};
  }
  return out;
}

// Each secondary index returns exactly the documents (and values) a primary scan returns.
void ExpectIndexesAgree(const ChildServer& server, const std::map<std::string, Observed>& docs) {
  for (const char* field : {"v", "w"}) {
    const std::string index = std::string("crash_") + field;
    const std::string query = "SELECT META(d).id AS id, d." + std::string(field) +
                              " AS x FROM crash d USE INDEX (" + index + ") WHERE d." + field +
                              " IS NOT MISSING";
    const std::string plan = ToJson(server.MustRun("EXPLAIN " + query).Field("results"));
    EXPECT_NE(plan.find(index), std::string::npos) << "the query did not use " << index << plan;
    std::map<std::string, int64_t> through_index;
    const Value result = server.MustRun(query);
    for (const Value& row : result.Field("results").AsArray()) {
      through_index[row.Field("id").AsString()] = row.Field("x").AsInt();
    }
    std::map<std::string, int64_t> through_primary;
    for (const auto& [id, o] : docs) through_primary[id] = field[0] == 'v' ? o.version : o.writer;
    EXPECT_EQ(through_index, through_primary) << index;
  }
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("casql-crash-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(std::random_device{}()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

void CreateSchema(const ChildServer& server) {
  server.MustRun("CREATE BUCKET crash");
  server.MustRun("CREATE PRIMARY INDEX ON crash");
  server.MustRun("CREATE INDEX crash_v ON crash(v)");
  server.MustRun("CREATE INDEX crash_w ON crash(w)");
}

TEST_F(CrashTest, AcknowledgedDurableWritesSurviveKill9) {
  const int cycles = LongRun() ? 500 : 20;
  ChildServer server(dir_.string());
  server.Start();
  CreateSchema(server);

  std::vector<std::vector<KeyHistory>> keys(kWriters, std::vector<KeyHistory>(kKeysPerWriter));
  for (auto& writer : keys) {
    for (auto& h : writer) h.writes.push_back(Write{std::nullopt, true, true, 0});
  }
  std::set<std::string> written;
  for (int w = 0; w < kWriters; ++w) {
    for (int k = 0; k < kKeysPerWriter; ++k) written.insert(Key(w, k));
  }
  std::vector<int64_t> next_version(kWriters, 1);
  std::mt19937 rng(std::random_device{}());
  std::chrono::milliseconds slowest_restart{0};
  int64_t total_acked = 0, total_durable = 0, lost_non_durable = 0;

  for (int cycle = 0; cycle < cycles; ++cycle) {
    Counters counters;
    std::vector<std::string> failures(kWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w, seed = static_cast<uint32_t>(rng())] {
        failures[w] = RunWriter(server, w, seed, &next_version[w], &keys[w], &counters);
      });
    }
    // Kill at a random moment after the writers got going: wait (with a deadline) for a
    // random number of acknowledgements, which spreads kills over every phase of a write.
    const int64_t target = 5 + rng() % 60;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (counters.acked < target && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const int64_t acked_before_kill = counters.acked;
    server.Kill9();
    // Joined before any assertion can leave the test.
    for (auto& t : writers) t.join();
    for (const std::string& f : failures) ASSERT_EQ(f, "") << "cycle " << cycle;
    ASSERT_GE(acked_before_kill, target) << "writers made no progress in cycle " << cycle;
    total_acked += counters.acked;
    total_durable += counters.acked_durable;

    slowest_restart = std::max(slowest_restart, server.Start());
    const std::map<std::string, Observed> docs = ReadAll(server);
    for (int w = 0; w < kWriters; ++w) {
      for (int k = 0; k < kKeysPerWriter; ++k) {
        const std::string key = Key(w, k);
        KeyHistory& h = keys[w][k];
        auto it = docs.find(key);
        std::optional<int64_t> found;
        if (it != docs.end()) {
          EXPECT_EQ(it->second.writer, w) << key;
          found = it->second.version;
        }
        // The recovered state must be the one some write at or after the durable floor left.
        std::optional<size_t> match;
        for (size_t i = h.writes.size(); i-- > h.DurableFloor();) {
          if (h.writes[i].version == found) {
            match = i;
            break;
          }
        }
        ASSERT_TRUE(match.has_value())
            << "cycle " << cycle << ": " << key << " holds "
            << (found ? std::to_string(*found) : "nothing")
            << ", not a state at or after its last durable acknowledgement";
        const Write& m = h.writes[*match];
        if (m.acked && found) {
          EXPECT_EQ(it->second.cas, m.cas) << key;
        }
        for (size_t i = *match + 1; i < h.writes.size(); ++i) {
          if (h.writes[i].acked) ++lost_non_durable;
        }
        // The recovered state is the verified start of the next cycle's history.
        Write start{found, true, true, found ? it->second.cas : 0};
        h.writes.assign(1, start);
      }
    }
    for (const auto& entry : docs) EXPECT_EQ(written.count(entry.first), 1u) << entry.first;
    ExpectIndexesAgree(server, docs);
    if (HasFailure()) return;
  }
  EXPECT_EQ(server.Stop(), 0);
  std::printf(
      "[ figures ] %d kill -9 cycles, %lld acknowledged writes (%lld durable), %lld acknowledged "
      "non-durable writes lost, slowest restart %lld ms\n",
      cycles, static_cast<long long>(total_acked), static_cast<long long>(total_durable),
      static_cast<long long>(lost_non_durable), static_cast<long long>(slowest_restart.count()));
}

// The newest log segment of the crash bucket (the one a crash can leave torn).
std::filesystem::path NewestSegment(const std::filesystem::path& dir) {
  std::filesystem::path newest;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".log") continue;
    if (newest.empty() || e.path().filename().string() > newest.filename().string()) {
      newest = e.path();
    }
  }
  return newest;
}

std::map<std::string, int64_t> Versions(const ChildServer& server) {
  std::map<std::string, int64_t> out;
  for (const auto& [id, o] : ReadAll(server)) out[id] = o.version;
  return out;
}

void PutDurable(const ChildServer& server, const std::string& key, int64_t version) {
  ChildServer::Reply r = server.Send("PUT", KvPath(key, true), Doc(0, version));
  ASSERT_EQ(r.http_status, 200) << r.body;
}

TEST_F(CrashTest, TornLogTailIsCutOffAndEverythingBeforeItKept) {
  ChildServer server(dir_.string());
  server.Start();
  CreateSchema(server);
  for (int i = 0; i < 50; ++i) PutDurable(server, "k" + std::to_string(i), i);
  server.Kill9();
  const std::filesystem::path segment = NewestSegment(dir_);
  ASSERT_FALSE(segment.empty());
  const uintmax_t intact = std::filesystem::file_size(segment);
  ASSERT_GT(intact, 0u);
  // A torn write: the first half of a copy of the segment's last bytes, then garbage, as a
  // crash in the middle of appending a record can leave.
  std::string tail;
  {
    std::ifstream in(segment, std::ios::binary);
    const uintmax_t take = std::min<uintmax_t>(intact, 200);
    in.seekg(static_cast<std::streamoff>(intact - take));
    tail.resize(take);
    in.read(tail.data(), static_cast<std::streamsize>(take));
  }
  {
    std::ofstream out(segment, std::ios::binary | std::ios::app);
    out << tail.substr(0, tail.size() / 2) << std::string(37, '\xa5');
  }
  server.Start();
  std::map<std::string, int64_t> expected;
  for (int i = 0; i < 50; ++i) expected["k" + std::to_string(i)] = i;
  EXPECT_EQ(Versions(server), expected);
  EXPECT_EQ(std::filesystem::file_size(segment), intact) << "the torn tail was not cut off";
  // The log goes on after the cut: new writes survive the next crash too.
  PutDurable(server, "after", 99);
  expected["after"] = 99;
  server.Kill9();
  server.Start();
  EXPECT_EQ(Versions(server), expected);
  ExpectIndexesAgree(server, ReadAll(server));
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(CrashTest, FullDiskRefusesWritesKeepsReadsAndRecovers) {
  ChildServer server(dir_.string());
  server.Start();
  CreateSchema(server);
  for (int i = 0; i < 10; ++i) PutDurable(server, "k" + std::to_string(i), i);
  std::map<std::string, int64_t> expected;
  for (int i = 0; i < 10; ++i) expected["k" + std::to_string(i)] = i;

  // No file may grow any more: every log append fails as on a full disk.
  server.LimitFileSize(1);
  for (int i = 0; i < 5; ++i) {
    ChildServer::Reply sql = server.Query(
        Value(Object{{"statement", Value("UPSERT INTO crash (KEY, VALUE) VALUES (\"full" +
                                         std::to_string(i) + "\", {\"w\": 0, \"v\": 1000})")},
                     {"durability_level", Value("persistToMajority")}}));
    ASSERT_NE(sql.http_status, 0) << "the server died on a full disk";
    // Not acknowledged: the DML error 12009, caused by the KV status EINTERNAL.
    EXPECT_EQ(sql.json.Field("status"), Value("errors")) << sql.body;
    EXPECT_EQ(sql.json.Field("errors").Element(0).Field("code"), Value(int64_t{12009})) << sql.body;
    EXPECT_NE(sql.body.find("EINTERNAL"), std::string::npos) << sql.body;
    ChildServer::Reply kv =
        server.Send("PUT", KvPath("fullkv" + std::to_string(i), true), Doc(0, 2000));
    ASSERT_NE(kv.http_status, 0) << "the server died on a full disk";
    EXPECT_EQ(kv.http_status, 500) << kv.body;
    EXPECT_EQ(kv.json.Field("status"), Value("EINTERNAL")) << kv.body;
  }
  // Reads go on, and see every document acknowledged before.
  std::map<std::string, int64_t> during = Versions(server);
  for (const auto& [key, version] : expected) EXPECT_EQ(during[key], version) << key;

  // Space returns: writes are acknowledged again (the flusher retries the failed appends).
  server.LimitFileSize(0);
  bool recovered = false;
  for (int attempt = 0; attempt < 100 && !recovered; ++attempt) {
    ChildServer::Reply r = server.Send("PUT", KvPath("back", true), Doc(0, 3000));
    recovered = r.http_status == 200;
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(recovered) << "writes still refused 10 s after space returned";
  expected["back"] = 3000;
  server.Kill9();
  server.Start();
  std::map<std::string, int64_t> after = Versions(server);
  // Writes refused during the outage may have become durable by the flusher's retry
  // (kvengine.md); acknowledged ones must all be there.
  for (const auto& [key, version] : expected) EXPECT_EQ(after[key], version) << key;
  for (const auto& [key, version] : after) {
    if (expected.count(key)) continue;
    EXPECT_TRUE(key.rfind("full", 0) == 0) << "a document nobody wrote: " << key;
  }
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace casql::testing
