#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/kv_binary/scram_server.h"
#include "kvengine/collection.h"

namespace casql::kvbin {

// The protocol state of one connection: what HELLO negotiated, who authenticated, which bucket
// is selected. Owned by the connection and only touched by the thread serving it.
struct Session {
  // HELLO features granted.
  bool xerror = false;
  bool json = false;
  bool mutation_seqno = false;
  bool collections = false;
  bool alt_request = false;
  bool sync_replication = false;
  bool preserve_ttl = false;
  bool tcp_nodelay = true;
  std::string agent;  // HELLO's key: the client's user agent

  std::optional<std::string> user;     // set once SASL succeeded
  std::unique_ptr<ScramServer> scram;  // a SCRAM exchange in progress
  std::string bucket;                  // selected bucket; empty = none
  // Collections resolved for this bucket, so a request need not look them up in the engine's
  // catalog (dropped ones are noticed on use): by id with COLLECTIONS, else the default one.
  std::unordered_map<uint32_t, std::shared_ptr<kv::Collection>> collections_by_id;
  std::shared_ptr<kv::Collection> default_collection;

  bool close_after_reply = false;  // QUIT, or a request after which the stream is unusable
};

}  // namespace casql::kvbin
