// The SQLite client of bench/compare/run.sh. SQLite is embedded, so this process is both the
// client and the database; its CPU time is reported as the "server" CPU.
//
//   casql_sqlite_driver load DB TSV BATCH        key<TAB>json lines, BATCH rows per transaction
//   casql_sqlite_driver run DB SECONDS THREADS SQL BIND...
//   casql_sqlite_driver once DB SQL              runs SQL once, steps through every row
//
// BIND gives each `?` of SQL in order: key:N ("k0".."k{N-1}"), int:N (0..N-1), time (a fresh
// timestamp). Every command prints one JSON object: ops, seconds, cpu_seconds and, for run,
// p50_ms, p99_ms and busy (statements that failed with SQLITE_BUSY after the busy timeout).
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what, sqlite3* db = nullptr) {
  std::fprintf(stderr, "casql_sqlite_driver: %s%s%s\n", what.c_str(), db ? ": " : "",
               db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

sqlite3* Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Die("cannot open " + path, db);
  }
  sqlite3_busy_timeout(db, 10000);
  // WAL with synchronous=OFF matches the other systems' "no wait for the disk" setting.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=OFF"}) {
    if (sqlite3_exec(db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) Die(pragma, db);
  }
  return db;
}

sqlite3_stmt* PrepareOrDie(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) Die(sql, db);
  return stmt;
}

void Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Die(sql, db);
}

int Load(const std::string& path, const std::string& tsv, int batch) {
  sqlite3* db = Open(path);
  Exec(db, "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  sqlite3_stmt* insert = PrepareOrDie(db, "INSERT INTO t (id, doc) VALUES (?, ?)");
  std::ifstream in(tsv);
  if (!in) Die("cannot read " + tsv);
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  std::string line;
  long rows = 0;
  Exec(db, "BEGIN");
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) Die("no tab in a line of " + tsv);
    sqlite3_bind_text(insert, 1, line.data(), static_cast<int>(tab), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, line.data() + tab + 1, static_cast<int>(line.size() - tab - 1),
                      SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) Die("insert", db);
    sqlite3_reset(insert);
    if (++rows % batch == 0) {
      Exec(db, "COMMIT");
      Exec(db, "BEGIN");
    }
  }
  Exec(db, "COMMIT");
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("{\"ops\":%ld,\"seconds\":%.6f,\"cpu_seconds\":%.6f}\n", rows, seconds,
              CpuSeconds() - cpu0);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}

struct Bind {
  enum Kind { kKey, kInt, kTime } kind;
  long n = 0;
};

Bind ParseBind(const std::string& spec) {
  if (spec == "time") return {Bind::kTime};
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) Die("bad bind spec " + spec);
  const std::string kind = spec.substr(0, colon);
  const long n = std::atol(spec.c_str() + colon + 1);
  if (n <= 0) Die("bad bind count in " + spec);
  if (kind == "key") return {Bind::kKey, n};
  if (kind == "int") return {Bind::kInt, n};
  Die("bad bind kind in " + spec);
}

struct ThreadResult {
  std::vector<float> latencies_ms;
  long busy = 0;
};

void Worker(const std::string& path, const std::string& sql, const std::vector<Bind>& binds,
            Clock::time_point end, unsigned seed, ThreadResult* out) {
  sqlite3* db = Open(path);
  sqlite3_stmt* stmt = PrepareOrDie(db, sql);
  std::mt19937_64 rng(seed);
  char text[64];
  while (Clock::now() < end) {
    for (size_t i = 0; i < binds.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      switch (binds[i].kind) {
        case Bind::kKey: {
          const int len = std::snprintf(text, sizeof(text), "k%lu",
                                        static_cast<unsigned long>(rng() % binds[i].n));
          sqlite3_bind_text(stmt, at, text, len, SQLITE_TRANSIENT);
          break;
        }
        case Bind::kInt:
          sqlite3_bind_int64(stmt, at, static_cast<sqlite3_int64>(rng() % binds[i].n));
          break;
        case Bind::kTime: {
          const int len = std::snprintf(text, sizeof(text), "2026-11-22T08:00:%09lu",
                                        static_cast<unsigned long>(rng() % 1000000000));
          sqlite3_bind_text(stmt, at, text, len, SQLITE_TRANSIENT);
          break;
        }
      }
    }
    const auto t0 = Clock::now();
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      // Read the columns as a client would.
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) sqlite3_column_text(stmt, c);
    }
    if (rc == SQLITE_BUSY) {
      ++out->busy;
    } else if (rc != SQLITE_DONE) {
      Die(sql, db);
    }
    sqlite3_reset(stmt);
    out->latencies_ms.push_back(
        std::chrono::duration<float, std::milli>(Clock::now() - t0).count());
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

int Run(const std::string& path, double seconds, int threads, const std::string& sql,
        const std::vector<Bind>& binds) {
  std::vector<ThreadResult> results(threads);
  std::vector<std::thread> workers;
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  const auto end =
      t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back(Worker, path, sql, binds, end, 1234u + i, &results[i]);
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<float> all;
  long busy = 0;
  for (const auto& r : results) {
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    busy += r.busy;
  }
  if (all.empty()) Die("no statement completed");
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all[std::min(all.size() - 1, size_t(p * all.size()))]; };
  std::printf(
      "{\"ops\":%zu,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"p50_ms\":%.4f,\"p99_ms\":%.4f,"
      "\"busy\":%ld}\n",
      all.size() - busy, elapsed, CpuSeconds() - cpu0, pct(0.50), pct(0.99), busy);
  return 0;
}

int Once(const std::string& path, const std::string& sql) {
  sqlite3* db = Open(path);
  sqlite3_stmt* stmt = PrepareOrDie(db, sql);
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  long rows = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) ++rows;
  if (rc != SQLITE_DONE) Die(sql, db);
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("{\"ops\":1,\"rows\":%ld,\"seconds\":%.6f,\"cpu_seconds\":%.6f}\n", rows, seconds,
              CpuSeconds() - cpu0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "load" && argc == 5) return Load(argv[2], argv[3], std::atoi(argv[4]));
  if (cmd == "once" && argc == 4) return Once(argv[2], argv[3]);
  if (cmd == "run" && argc >= 6) {
    std::vector<Bind> binds;
    for (int i = 6; i < argc; ++i) binds.push_back(ParseBind(argv[i]));
    return Run(argv[2], std::atof(argv[3]), std::atoi(argv[4]), argv[5], binds);
  }
  std::fprintf(stderr,
               "usage: casql_sqlite_driver load DB TSV BATCH | once DB SQL |"
               " run DB SECONDS THREADS SQL BIND...\n");
  return 2;
}
