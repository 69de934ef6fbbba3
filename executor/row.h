#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "value/value.h"

namespace casql::exec {

// What Fetch attaches to a document: META(alias) and what UPDATE's write-back needs.
struct DocMeta {
  std::string id;
  uint64_t cas = 0;
  uint32_t flags = 0;
  uint32_t expiration = 0;
  std::string keyspace;  // "default:b" or "default:b.s.c"
  bool is_json = true;
};

// One row flowing between operators. A scan sets `key`; Fetch binds the document (`self`)
// and its META; UPDATE works on `clone`; InitialProject fills `result`, which is what the
// client receives. Rows carry META along so SendUpdate writes with the CAS read at Fetch.
struct Row {
  std::string key;
  Value self;
  std::shared_ptr<const DocMeta> meta;
  Value clone;
  Value result;
};

}  // namespace casql::exec
