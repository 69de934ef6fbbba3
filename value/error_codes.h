#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace casql {

// Every numbered error casql reports, in one table (error_codes.cc holds the message
// templates). The numbers and texts are Couchbase's query service's, so SDKs and tools that
// classify errors by code or text work unchanged. Ranges: 1000s service/request,
// 2000s admin, 3000s parse/semantics, 4000s plan, 5000s execution, 10000s auth,
// 12000s datastore (KV), 13000s datastore auth, 17000s transactions.
enum class ErrorCode : int {
  kReadonly = 1000,
  kUnsupportedMethod = 1010,
  kUnrecognizedValue = 1030,
  kRequestBody = 1040,
  kMissingValue = 1050,
  kMultipleValues = 1060,
  kUnrecognizedParameter = 1065,
  kTypeMismatch = 1070,
  kTimeout = 1080,
  kGetNotReadonly = 1090,
  kClientContextId = 1110,
  kMediaType = 1120,
  kTooManyRequests = 1191,
  kAdminAuth = 2120,
  kSyntax = 3000,
  kAmbiguousReference = 3080,
  kDuplicateVariable = 3081,
  kSemantics = 3100,
  kMergeInsertNoKey = 3150,
  kMergeInsertMissingKey = 3160,
  kConfigInvalidOption = 3303,
  kPlan = 4000,
  kDuplicateAlias = 4020,
  kNoSuchPrepared = 4040,
  kPreparedNameTaken = 4060,
  kNoPrimaryIndex = 4120,
  kNotGroupKeyOrAggregate = 4210,
  kIndexAlreadyExists = 4300,
  kInternal = 5000,
  kEvaluation = 5010,
  kInsertKey = 5050,
  kInsertValue = 5060,
  kInsertKeyType = 5070,
  kUpsertKey = 5072,
  kUpsertDuplicateKey = 5073,
  kUpsertValue = 5075,
  kUpsertKeyType = 5078,
  kUpdateClone = 5120,
  kMergeMultipleUpdates = 5320,
  kMergeMultipleInserts = 5330,
  kSubqueryBuild = 5370,
  kMemoryQuota = 5500,
  kAuthorization = 10000,
  kNamespaceNotFound = 12002,
  kKeyspaceNotFound = 12003,
  kPrimaryIndexNotFound = 12004,
  kDml = 12009,
  kDeleteFailed = 12011,
  kIndexNotFound = 12016,
  kBucketNotFound = 12020,
  kScopeNotFound = 12021,
  kCasMismatch = 12033,
  kDmlKvStatus = 12034,
  kDmlInsert = 12036,
  kInsufficientCredentials = 13014,
  kDuplicateKey = 17012,
  kKeyNotFound = 17014,
  kTransactionsNotSupported = 17097,
};

// The message template of a code; each "{}" is replaced, in order, by an argument.
std::string_view ErrorTemplate(ErrorCode code);
std::string FormatError(ErrorCode code, std::initializer_list<std::string_view> args);

// Couchbase's `reason.key` names for the causes it reports inside 12009.
std::string_view ErrorKey(ErrorCode code);

}  // namespace casql
