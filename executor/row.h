#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "value/value.h"

namespace casql::exec {

class Aggregator;

// What Fetch attaches to a document: META(alias) and what UPDATE's write-back needs.
struct DocMeta {
  std::string id;
  uint64_t cas = 0;
  uint32_t flags = 0;
  uint32_t expiration = 0;
  std::string keyspace;  // "default:b" or "default:b.s.c"
  bool is_json = true;
};

// One row flowing between operators. Names an expression can refer to — keyspace aliases,
// LET variables, FOR/SATISFIES variables — live in numbered slots decided at compile time
// (see CompileScope), so evaluation never looks a name up by string. A keyspace alias's slot
// holds its document and `metas` at the same index its META. A scan sets `key`; UPDATE
// builds the new version of the target document in `clone`; InitialProject fills `result`,
// which is what the client receives. Between InitialGroup and FinalGroup a row stands for a
// group and `partials` holds its running aggregates (see GroupSpec).
struct Row {
  std::string key;
  std::vector<Value> vars;
  std::vector<std::shared_ptr<const DocMeta>> metas;
  Value clone;                         // UPDATE/INSERT: the new version of the target document
  Value options;                       // INSERT/UPSERT: the tuple's OPTIONS object
  std::optional<uint32_t> expiration;  // UPDATE: SET META().expiration = n
  Value result;
  std::vector<std::shared_ptr<Aggregator>> partials;

  void Bind(size_t slot, Value value) {
    if (vars.size() <= slot) vars.resize(slot + 1);
    vars[slot] = std::move(value);
  }
  void BindMeta(size_t slot, std::shared_ptr<const DocMeta> meta) {
    if (metas.size() <= slot) metas.resize(slot + 1);
    metas[slot] = std::move(meta);
  }
  const Value& Var(size_t slot) const;
  const DocMeta* Meta(size_t slot) const {
    return slot < metas.size() ? metas[slot].get() : nullptr;
  }
};

}  // namespace casql::exec
