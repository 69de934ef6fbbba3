#include "http/kv_binary/command_context.h"

#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "value/json.h"

namespace casql::kvbin {

void CommandContext::Send(uint16_t status, std::string_view extras, std::string_view key,
                          std::string_view value, uint64_t cas, uint8_t datatype) {
  if (quiet) {
    // Quiet reads (GETQ, GETKQ, GATQ) leave out misses; quiet writes leave out successes.
    const bool read = opcode == kGet || opcode == kGetK || opcode == kGat;
    if (read ? status == kKeyEnoent : status == kSuccess) return;
  }
  Frame response;
  response.magic = kClientResponse;
  response.opcode = request.opcode;
  response.vbucket_or_status = status;
  response.opaque = request.opaque;
  response.cas = cas;
  response.datatype = session.json ? datatype : static_cast<uint8_t>(datatype & ~kDatatypeJson);
  response.extras = extras;
  response.key = key;
  response.value = value;
  EncodeFrame(response, out_);
}

void CommandContext::Error(uint16_t status, std::string_view context) {
  if (!session.xerror || context.empty()) {
    Send(status);
    return;
  }
  std::string body = "{\"error\":{\"context\":";
  AppendJsonString(context, &body);
  body += "}}";
  Send(status, {}, {}, body, 0, kDatatypeJson);
}

void CommandContext::EngineError(const kv::Status& status) {
  auto code = static_cast<uint16_t>(status.code());
  if (!session.xerror) {
    const bool lock_command = opcode == kGetLocked || opcode == kUnlockKey;
    if (code == kLocked) code = lock_command ? kTmpfail : kKeyEexists;
    if (code == kNotLocked) code = kTmpfail;
  }
  Error(code, status.message());
}

}  // namespace casql::kvbin
