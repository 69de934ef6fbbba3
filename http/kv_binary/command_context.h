#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "http/kv_binary/authenticator.h"
#include "http/kv_binary/cluster_map.h"
#include "http/kv_binary/frame.h"
#include "http/kv_binary/session.h"
#include "kvengine/engine.h"

namespace casql::kvbin {

// What every command handler can reach: the store, the users and this node's addresses.
struct ServiceContext {
  kv::Engine* engine = nullptr;
  const Authenticator* users = nullptr;
  NodeServices node;
};

// One request being answered. Writes the response frame(s) to `out`; quiet writes (SETQ, ...)
// send nothing on success, quiet reads (GETQ, GETKQ, GATQ) nothing on a miss.
class CommandContext {
 public:
  CommandContext(const ServiceContext& service_context, Session& connection_session,
                 const Frame& request_frame, uint8_t plain_opcode, bool quiet_variant,
                 std::string* out)
      : service(service_context),
        session(connection_session),
        request(request_frame),
        opcode(plain_opcode),
        quiet(quiet_variant),
        out_(out) {}

  const ServiceContext& service;
  Session& session;
  const Frame& request;
  const uint8_t opcode;  // with quiet variants mapped to their plain opcode
  const bool quiet;

  // Sends a response with the given parts; datatype JSON is kept only when HELLO JSON is on.
  void Send(uint16_t status, std::string_view extras = {}, std::string_view key = {},
            std::string_view value = {}, uint64_t cas = 0, uint8_t datatype = 0);
  // An error response. With HELLO XERROR the body is {"error":{"context":"..."}} (JSON), as
  // kv_engine sends it; without, it is empty.
  void Error(uint16_t status, std::string_view context);
  // An engine error, with kv_engine's remapping for clients that did not negotiate XERROR
  // (LOCKED -> KEY_EEXISTS, or TMPFAIL for GET_LOCKED/UNLOCK; NOT_LOCKED -> TMPFAIL).
  void EngineError(const kv::Status& status);

 private:
  std::string* out_;
};

}  // namespace casql::kvbin
