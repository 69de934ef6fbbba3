#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace casql::kv {

// What Engine::Open found in the data dir.
struct RecoveryReport {
  // A log file whose tail was torn or corrupt: everything from `offset` on was dropped.
  struct Damage {
    std::string file;
    uint64_t offset = 0;
    uint64_t dropped_bytes = 0;
    std::string reason;
  };
  uint64_t buckets = 0;
  uint64_t records = 0;
  std::vector<Damage> damage;

  // One line for the server's log.
  std::string Summary() const;
};

}  // namespace casql::kv
