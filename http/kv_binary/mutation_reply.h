#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/kv_binary/command_context.h"
#include "kvengine/kv_types.h"

namespace casql::kvbin {

// The vBucket UUID reported with mutation seqnos. casql's vBuckets never fail over, so their
// history never branches: one fixed, non-zero UUID per vBucket id is enough.
uint64_t VBucketUuid(uint16_t vbucket);

// Reads the request's framing extras (durability level and timeout, preserve TTL) into
// *options. Answers the request with EINVAL or DURABILITY_INVALID_LEVEL and returns false when
// they are malformed, or present on a command that cannot honour them.
bool ReadMutationFraming(CommandContext& c, bool durability_allowed, kv::MutationOptions* options);
// For reads: any framing extra other than reordering is EINVAL.
bool ReadNoFraming(CommandContext& c);
// Commands that take no CAS answer a request carrying one with EINVAL; returns true then.
bool RejectCas(CommandContext& c);

// The success reply of the reads (GET, GETK, GAT, GET_LOCKED): flags in the extras, the
// document as the value with its JSON datatype bit; `key` is echoed only by GETK.
void SendDocument(CommandContext& c, const kv::GetResult& got, std::string_view key = {});

// The response extras of a mutation: the 16-byte vBucket UUID + seqno when HELLO
// MUTATION_SEQNO is on, else nothing.
std::string MutationExtras(const CommandContext& c, const kv::MutationResult& result);

}  // namespace casql::kvbin
