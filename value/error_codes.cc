#include "value/error_codes.h"

namespace casql {

std::string_view ErrorTemplate(ErrorCode code) {
  switch (code) {
    case ErrorCode::kReadonly:
      return "The server or request is read-only and cannot accept this write statement.";
    case ErrorCode::kUnsupportedMethod:
      return "Unsupported http method: {}";
    case ErrorCode::kUnrecognizedValue:
      return "Unknown {} value: {}";
    case ErrorCode::kRequestBody:
      return "Error processing {}";
    case ErrorCode::kMissingValue:
      return "No {} value";
    case ErrorCode::kMultipleValues:
      return "Multiple values for {}.";
    case ErrorCode::kUnrecognizedParameter:
      return "Unrecognized parameter in request: {}";
    case ErrorCode::kTypeMismatch:
      return "{} has to be of type {}";
    case ErrorCode::kTimeout:
      return "Timeout {} exceeded";
    case ErrorCode::kGetNotReadonly:
      return "{} This cannot be used with HTTP GET method.";
    case ErrorCode::kClientContextId:
      return "forbidden character (\\ or \") in client_context_id";
    case ErrorCode::kMediaType:
      return "Unsupported media type: {}";
    case ErrorCode::kTooManyRequests:
      return "Request rejected: {} requests running, the maximum allowed";
    case ErrorCode::kAdminAuth:
      return "Error authorizing against cluster {}";
    case ErrorCode::kSyntax:
      return "{}";
    case ErrorCode::kAmbiguousReference:
      return "Ambiguous reference to field '{}'{}.";
    case ErrorCode::kDuplicateVariable:
      return "Duplicate variable: '{}' already in scope.";
    case ErrorCode::kSemantics:
      return "{}";
    case ErrorCode::kPlan:
      return "{}";
    case ErrorCode::kDuplicateAlias:
      return "Duplicate alias {}";
    case ErrorCode::kNoSuchPrepared:
      return "No such prepared statement: {}";
    case ErrorCode::kPreparedNameTaken:
      return "Unable to add name: duplicate name: {}";
    case ErrorCode::kNoPrimaryIndex:
      return "No index available on keyspace {} that matches your query. Use CREATE PRIMARY INDEX "
             "ON {} to create a primary index, or check that your expected index is online.";
    case ErrorCode::kNotGroupKeyOrAggregate:
      return "Expression {} must depend only on group keys or aggregates.";
    case ErrorCode::kIndexAlreadyExists:
      return "The index {} already exists.";
    case ErrorCode::kInternal:
      return "{}";
    case ErrorCode::kEvaluation:
      return "Error evaluating {}";
    case ErrorCode::kInsertKey:
      return "No INSERT key for {}";
    case ErrorCode::kInsertValue:
      return "No INSERT value for {}";
    case ErrorCode::kInsertKeyType:
      return "Cannot INSERT non-string key {} of type {}.";
    case ErrorCode::kUpsertKey:
      return "No UPSERT key for {}";
    case ErrorCode::kUpsertDuplicateKey:
      return "Cannot act on the same key multiple times in an UPSERT statement";
    case ErrorCode::kUpsertValue:
      return "No UPSERT value for {}";
    case ErrorCode::kUpsertKeyType:
      return "Cannot UPSERT non-string key {} of type {}.";
    case ErrorCode::kUpdateClone:
      return "Missing UPDATE clone.";
    case ErrorCode::kMergeMultipleUpdates:
      return "Multiple UPDATE/DELETE of the same document (document key '{}') in a MERGE "
             "statement";
    case ErrorCode::kMergeMultipleInserts:
      return "Multiple INSERT of the same document (document key '{}') in a MERGE statement";
    case ErrorCode::kMergeInsertNoKey:
      return "MERGE with ON KEY clause cannot have document key specification in INSERT action.";
    case ErrorCode::kMergeInsertMissingKey:
      return "MERGE with ON clause must have document key specification in INSERT action";
    case ErrorCode::kConfigInvalidOption:
      return "Invalid config option {}";
    case ErrorCode::kSubqueryBuild:
      return "Unable to run subquery - cause: {}";
    case ErrorCode::kMemoryQuota:
      return "Request has exceeded memory quota.";
    case ErrorCode::kAuthorization:
      return "Unable to authorize user.";
    case ErrorCode::kNamespaceNotFound:
      return "Namespace not found in CB datastore: {}";
    case ErrorCode::kKeyspaceNotFound:
      return "Keyspace not found in CB datastore: {}";
    case ErrorCode::kPrimaryIndexNotFound:
      return "Primary Index not found {}";
    case ErrorCode::kDml:
      return "DML Error, possible causes include {}";
    case ErrorCode::kDeleteFailed:
      return "Failed to perform DELETE on key {}";
    case ErrorCode::kIndexNotFound:
      return "Index Not Found - cause: {}";
    case ErrorCode::kBucketNotFound:
      return "Bucket not found in CB datastore {}";
    case ErrorCode::kScopeNotFound:
      return "Scope not found in CB datastore {}";
    case ErrorCode::kCasMismatch:
      return "CAS mismatch";
    case ErrorCode::kDmlKvStatus:
      return "MC error {}";
    case ErrorCode::kDmlInsert:
      return "Error in INSERT of key: {}";
    case ErrorCode::kInsufficientCredentials:
      return "User does not have credentials to run {} queries on {}. Add role {} on {} to allow "
             "the statement to run.";
    case ErrorCode::kDuplicateKey:
      return "Duplicate Key: {}";
    case ErrorCode::kKeyNotFound:
      return "Key not found: {}";
    case ErrorCode::kTransactionsNotSupported:
      return "Transactions are not supported in casql";
  }
  return "{}";
}

std::string FormatError(ErrorCode code, std::initializer_list<std::string_view> args) {
  const std::string_view tmpl = ErrorTemplate(code);
  std::string out;
  out.reserve(tmpl.size() + 32);
  auto arg = args.begin();
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
      if (arg != args.end()) out.append(*arg++);
      ++i;
    } else {
      out.push_back(tmpl[i]);
    }
  }
  return out;
}

std::string_view ErrorKey(ErrorCode code) {
  switch (code) {
    case ErrorCode::kCasMismatch:
      return "datastore.couchbase.CAS_mismatch";
    case ErrorCode::kKeyNotFound:
      return "datastore.couchbase.keynotfound";
    case ErrorCode::kDuplicateKey:
      return "datastore.couchbase.duplicatekey";
    case ErrorCode::kDmlKvStatus:
      return "datastore.couchbase.mc_error";
    default:
      return "";
  }
}

}  // namespace casql
