#pragma once

#include "http/kv_binary/command_context.h"

namespace casql::kvbin {

// One function per opcode (or per family of opcodes sharing a request layout). Each validates
// its request as kv_engine does (EINVAL for extras, key or CAS where they do not belong) and
// answers it through the context.

// bootstrap_commands.cc
void Hello(CommandContext& c);
void Noop(CommandContext& c);
void Version(CommandContext& c);
void Quit(CommandContext& c);
void GetErrorMap(CommandContext& c);
void SelectBucket(CommandContext& c);
void GetClusterConfig(CommandContext& c);

// sasl_commands.cc
void SaslListMechs(CommandContext& c);
void SaslAuth(CommandContext& c);
void SaslStep(CommandContext& c);

// collection_commands.cc
void GetCollectionsManifest(CommandContext& c);
void GetCollectionId(CommandContext& c);

// document_commands.cc
void Get(CommandContext& c);
void Store(CommandContext& c);  // SET, ADD, REPLACE
void Delete(CommandContext& c);
void Concat(CommandContext& c);      // APPEND, PREPEND
void Arithmetic(CommandContext& c);  // INCREMENT, DECREMENT

// lease_commands.cc
void Touch(CommandContext& c);  // TOUCH, GAT
void GetLocked(CommandContext& c);
void Unlock(CommandContext& c);
void GetMeta(CommandContext& c);

// subdoc_commands.cc
void SubdocMultiLookup(CommandContext& c);
void SubdocMultiMutation(CommandContext& c);

}  // namespace casql::kvbin
