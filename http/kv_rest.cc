#include "http/kv_rest.h"

#include <httplib.h>

#include <optional>

#include "planner/keyspace_path.h"
#include "value/json.h"

namespace casql::http {

namespace {

// Couchbase SDKs' common flags: the document's format in the top byte.
constexpr uint32_t kJsonFlags = 0x02000000;
constexpr uint32_t kBinaryFlags = 0x03000000;

struct KvError {
  kv::KvStatus status;
  std::string message;
};

enum class Action { kDocument, kLock, kUnlock, kTouch };

struct Target {
  kv::KeyspaceId keyspace;
  std::string key;
  Action action = Action::kDocument;
};

bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      return false;
    }
    out->push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
    i += 2;
  }
  return true;
}

// True when `s` is well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates
// or code points past U+10FFFF.
bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t more = 0;
    uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      more = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i <= more) return false;
    for (size_t k = 1; k <= more; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += more + 1;
  }
  return true;
}

// Splits the raw (still percent-encoded) request target; httplib's decoded path cannot tell
// an encoded slash inside a key from a path separator.
std::optional<Target> ParseTarget(const std::string& raw_target, const std::string& method,
                                  std::string* why) {
  std::string_view path = raw_target;
  path = path.substr(0, path.find('?'));
  constexpr std::string_view kPrefix = "/kv/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  std::vector<std::string> parts;
  while (true) {
    const size_t slash = path.find('/');
    std::string decoded;
    if (!PercentDecode(path.substr(0, slash), &decoded)) {
      *why = "malformed percent-encoding in the path";
      return std::nullopt;
    }
    parts.push_back(std::move(decoded));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  Target t;
  if (parts.size() == 5 && method == "POST") {
    if (parts[4] == "lock") {
      t.action = Action::kLock;
    } else if (parts[4] == "unlock") {
      t.action = Action::kUnlock;
    } else if (parts[4] == "touch") {
      t.action = Action::kTouch;
    } else {
      *why = "unknown document action '" + parts[4] + "' (lock, unlock, touch)";
      return std::nullopt;
    }
  } else if (parts.size() != 4) {
    *why =
        "the path must be /kv/{bucket}/{scope}/{collection}/{key}; a '/' inside a key is "
        "written %2F";
    return std::nullopt;
  }
  for (size_t i = 0; i < 4; ++i) {
    if (parts[i].empty()) {
      *why = "empty bucket, scope, collection or key in the path";
      return std::nullopt;
    }
  }
  // A key is text: SQL++ returns it as META().id in JSON, which cannot carry other bytes.
  if (!IsUtf8(parts[3])) {
    *why = "the key is not valid UTF-8";
    return std::nullopt;
  }
  t.keyspace = kv::KeyspaceId{parts[0], parts[1], parts[2]};
  t.key = parts[3];
  return t;
}

std::string FullName(const kv::KeyspaceId& id) {
  plan::KeyspacePath path;
  path.bucket = id.bucket;
  path.scope = id.scope;
  path.collection = id.collection;
  path.written_as_bucket = path.IsDefaultCollection();
  return path.FullName();
}

int HttpStatus(kv::KvStatus status, bool conditional) {
  using kv::KvStatus;
  switch (status) {
    case KvStatus::kSuccess:
      return 200;
    case KvStatus::kKeyEnoent:
    case KvStatus::kNoBucket:
    case KvStatus::kUnknownScope:
    case KvStatus::kUnknownCollection:
    case KvStatus::kNotStored:
      return 404;
    case KvStatus::kKeyEexists:
      return conditional ? 412 : 409;
    case KvStatus::kNotLocked:
      return 409;
    case KvStatus::kLocked:
      return 423;
    case KvStatus::kE2big:
      return 413;
    case KvStatus::kEinval:
    case KvStatus::kDeltaBadval:
    case KvStatus::kDurabilityInvalidLevel:
      return 400;
    case KvStatus::kTmpfail:
    case KvStatus::kSyncWriteInProgress:
    case KvStatus::kDurabilityImpossible:
    case KvStatus::kSyncWriteAmbiguous:
      return 503;
    default:
      return 500;
  }
}

std::optional<uint32_t> ParseU32(const std::string& text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > 0xffffffffull) return std::nullopt;
  return static_cast<uint32_t>(v);
}

// If-Match: "<cas>" (quotes optional), or * for "the document must exist".
std::optional<uint64_t> ParseCas(std::string text, bool* wildcard) {
  *wildcard = false;
  if (text == "*") {
    *wildcard = true;
    return 0;
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  if (v == 0) return std::nullopt;
  return v;
}

std::optional<kv::Durability> ParseDurability(const std::string& text) {
  std::string v;
  for (char c : text) v.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (v == "none") return kv::Durability::kNone;
  if (v == "majority") return kv::Durability::kMajority;
  if (v == "majorityandpersistactive") return kv::Durability::kMajorityAndPersistActive;
  if (v == "persisttomajority") return kv::Durability::kPersistToMajority;
  return std::nullopt;
}

const char* OpName(const std::string& method, Action action, bool conditional) {
  switch (action) {
    case Action::kLock:
      return "lock";
    case Action::kUnlock:
      return "unlock";
    case Action::kTouch:
      return "touch";
    case Action::kDocument:
      break;
  }
  if (method == "GET") return "get";
  if (method == "POST") return "insert";
  if (method == "DELETE") return "remove";
  return conditional ? "replace" : "upsert";
}

void SetCasHeaders(httplib::Response& res, uint64_t cas) {
  res.set_header("ETag", "\"" + std::to_string(cas) + "\"");
}

void SendMutation(httplib::Response& res, const kv::MutationResult& m, int status) {
  res.status = status;
  SetCasHeaders(res, m.cas);
  res.set_content(ToJson(Value(Object{{"cas", Value(std::to_string(m.cas))},
                                      {"seqno", Value(static_cast<int64_t>(m.seqno))},
                                      {"vbucket", Value(static_cast<int64_t>(m.vbucket))}})),
                  "application/json");
}

void SendDocument(httplib::Response& res, const kv::GetResult& got) {
  res.status = 200;
  SetCasHeaders(res, got.cas);
  res.set_header("X-Flags", std::to_string(got.flags));
  res.set_header("X-Expiry", std::to_string(got.expiry));
  res.set_content(got.doc->bytes,
                  got.doc->is_json ? "application/json" : "application/octet-stream");
}

}  // namespace

std::string KvErrorBody(kv::KvStatus status, const std::string& message) {
  return ToJson(Value(Object{{"status", Value(kv::KvStatusName(status))},
                             {"code", Value(static_cast<int64_t>(status))},
                             {"msg", Value(message)}}));
}

void KvRest::Handle(const httplib::Request& req, httplib::Response& res,
                    const std::vector<const User*>* users) {
  auto fail = [&res](kv::KvStatus status, const std::string& msg, bool conditional = false) {
    res.status = HttpStatus(status, conditional);
    res.set_content(KvErrorBody(status, msg), "application/json");
  };
  std::string why;
  auto target = ParseTarget(req.target, req.method, &why);
  if (!target) return fail(kv::KvStatus::kEinval, why.empty() ? "bad path" : why);

  // Query parameters allowed per operation.
  std::optional<uint32_t> expiry, flags, seconds;
  kv::Durability durability = kv::Durability::kNone;
  for (const auto& [name, value] : req.params) {
    std::optional<uint32_t>* number = name == "expiry"    ? &expiry
                                      : name == "flags"   ? &flags
                                      : name == "seconds" ? &seconds
                                                          : nullptr;
    if (number) {
      *number = ParseU32(value);
      if (!*number) return fail(kv::KvStatus::kEinval, name + " must be an unsigned 32-bit number");
    } else if (name == "durability") {
      auto d = ParseDurability(value);
      if (!d) {
        return fail(kv::KvStatus::kDurabilityInvalidLevel,
                    "durability must be none, majority, majorityAndPersistActive or "
                    "persistToMajority");
      }
      durability = *d;
    } else {
      return fail(kv::KvStatus::kEinval, "unknown query parameter '" + name + "'");
    }
  }

  std::optional<uint64_t> cas;
  bool wildcard = false;
  if (req.has_header("If-Match")) {
    cas = ParseCas(req.get_header_value("If-Match"), &wildcard);
    if (!cas) {
      return fail(kv::KvStatus::kEinval,
                  "If-Match must be the document's CAS as a quoted decimal (\"123\") or *");
    }
  }
  const bool conditional = cas.has_value();
  const std::string keyspace_name = FullName(target->keyspace);
  const std::string op = OpName(req.method, target->action, conditional);

  if (users) {
    plan::KeyspacePath path;
    path.bucket = target->keyspace.bucket;
    path.scope = target->keyspace.scope;
    path.collection = target->keyspace.collection;
    path.written_as_bucket = path.IsDefaultCollection();
    const bool reads = op == "get" || op == "lock";
    RequiredPrivilege need{reads ? Privilege::kDataReader : Privilege::kDataWriter, path,
                           reads ? "KV read" : "KV write"};
    bool granted = false;
    for (const User* user : *users) granted = granted || HasPrivilege(*user, need);
    if (!granted) {
      res.status = 403;
      res.set_content(ToJson(Value(Object{
                          {"status", Value("EACCESS")},
                          {"code", Value(int64_t{0x24})},
                          {"msg", Value(std::string("Add role ") + RoleName(need.privilege) +
                                        " on " + keyspace_name + " to allow this operation.")}})),
                      "application/json");
      return;
    }
  }

  auto collection = engine_->FindCollection(target->keyspace);
  auto record = [&](const kv::Status& s) {
    metrics_->RecordKvOp(keyspace_name, op, s.ok() ? "SUCCESS" : kv::KvStatusName(s.code()));
    if (s.code() == kv::KvStatus::kKeyEexists && conditional) {
      metrics_->RecordConflict(keyspace_name, "kv");
    }
  };
  if (!collection.ok()) {
    record(collection.status());
    return fail(collection.status().code(),
                "keyspace " + keyspace_name + ": " + collection.status().message());
  }
  kv::Collection& coll = *collection.value();
  const std::string& key = target->key;

  kv::MutationOptions options;
  options.cas = cas.value_or(0);
  options.durability = durability;
  options.expiry = expiry.value_or(0);

  auto finish = [&](const kv::Result<kv::MutationResult>& r, int ok_status) {
    record(r.status());
    if (!r.ok()) return fail(r.status().code(), r.status().message(), conditional);
    SendMutation(res, r.value(), ok_status);
  };

  if (target->action == Action::kLock) {
    auto got = coll.GetAndLock(key, seconds.value_or(15));
    record(got.status());
    if (!got.ok()) return fail(got.status().code(), got.status().message());
    return SendDocument(res, got.value());
  }
  if (target->action == Action::kUnlock) {
    if (!conditional || wildcard) {
      return fail(kv::KvStatus::kEinval, "unlock needs If-Match: \"<the lock CAS>\"");
    }
    kv::Status s = coll.Unlock(key, *cas);
    record(s);
    if (!s.ok()) return fail(s.code(), s.message(), true);
    res.set_content("{}", "application/json");
    return;
  }
  if (target->action == Action::kTouch) {
    if (!expiry) return fail(kv::KvStatus::kEinval, "touch needs ?expiry=N");
    return finish(coll.Touch(key, *expiry), 200);
  }
  if (req.method == "GET") {
    auto got = coll.Get(key);
    record(got.status());
    if (!got.ok()) return fail(got.status().code(), got.status().message());
    return SendDocument(res, got.value());
  }
  if (req.method == "DELETE") return finish(coll.Remove(key, options), 200);

  // PUT and POST carry the document.
  kv::DocPtr doc;
  if (req.get_header_value("Content-Type").rfind("application/octet-stream", 0) == 0) {
    doc = std::make_shared<kv::StoredDoc>(req.body, false);
  } else {
    doc = kv::MakeDocFromBytes(req.body);
  }
  options.flags = flags.value_or(doc->is_json ? kJsonFlags : kBinaryFlags);
  if (req.method == "POST") {
    if (conditional) return fail(kv::KvStatus::kEinval, "insert does not take If-Match");
    return finish(coll.Insert(key, doc, options), 201);
  }
  if (conditional) return finish(coll.Replace(key, doc, options), 200);
  return finish(coll.Upsert(key, doc, options), 200);
}

}  // namespace casql::http
