// JSON, encoding and identity functions.
#include <algorithm>
#include <cstdio>
#include <random>

#include "executor/functions/canonical_json.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/json.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t chunk = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) chunk |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) chunk |= static_cast<unsigned char>(in[i + 2]);
    out += kBase64Alphabet[(chunk >> 18) & 63];
    out += kBase64Alphabet[(chunk >> 12) & 63];
    out += i + 1 < in.size() ? kBase64Alphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kBase64Alphabet[chunk & 63] : '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view in) {
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  uint32_t chunk = 0;
  int bits = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '=') {
      if (i + 2 < in.size()) return std::nullopt;
      continue;
    }
    const char* at = std::find(kBase64Alphabet, kBase64Alphabet + 64, c);
    if (at == kBase64Alphabet + 64) return std::nullopt;
    chunk = (chunk << 6) | static_cast<uint32_t>(at - kBase64Alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((chunk >> bits) & 0xFF);
    }
  }
  return out;
}

Value DecodeJson(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  auto parsed = ParseJson(a[0].AsString());
  return parsed.ok() ? parsed.value() : fn::Null();
}

Value EncodeJson(Args a, ExecContext&) {
  return Value(fn::CanonicalJson(a[0]));
}

Value EncodedSize(Args a, ExecContext&) {
  return Value(static_cast<int64_t>(fn::CanonicalJson(a[0]).size()));
}

// POLY_LENGTH: a string's byte length, an array's element count or an object's field count;
// NULL for other values.
Value SizeOf(const Value& v) {
  switch (v.type()) {
    case ValueType::kString:
      return Value(static_cast<int64_t>(v.AsString().size()));
    case ValueType::kArray:
      return Value(static_cast<int64_t>(v.AsArray().size()));
    case ValueType::kObject:
      return Value(static_cast<int64_t>(v.AsObject().size()));
    default:
      return fn::Null();
  }
}

Value PolyLength(Args a, ExecContext&) {
  return SizeOf(a[0]);
}

// LEN(value): a string's length in bytes, an array's or object's size, the length of a
// number's JSON text, 1 for a boolean (Couchbase's documented examples).
Value Len(Args a, ExecContext&) {
  if (a[0].IsNumber()) return Value(static_cast<int64_t>(ToJson(a[0]).size()));
  if (a[0].IsBool()) return Value(int64_t{1});
  return SizeOf(a[0]);
}

void CollectPairs(const Value& v, Array* out) {
  if (v.IsArray()) {
    for (const Value& e : v.AsArray()) CollectPairs(e, out);
    return;
  }
  if (!v.IsObject()) return;
  std::vector<const Object::Entry*> fields;
  for (const auto& e : v.AsObject()) fields.push_back(&e);
  std::sort(fields.begin(), fields.end(), [](auto* x, auto* y) { return x->first < y->first; });
  for (const auto* e : fields) {
    out->emplace_back(Array{Value(e->first), e->second});
    CollectPairs(e->second, out);
  }
}

// PAIRS(obj): [name, value] for every field, descending into nested objects and arrays.
Value Pairs(Args a, ExecContext&) {
  if (!a[0].IsObject() && !a[0].IsArray()) return fn::Null();
  Array out;
  CollectPairs(a[0], &out);
  return Value(std::move(out));
}

// BASE64_ENCODE: the base64 of the value's JSON text, as Couchbase encodes it.
Value Base64EncodeFn(Args a, ExecContext&) {
  return Value(Base64Encode(fn::CanonicalJson(a[0])));
}

Value Base64DecodeFn(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  auto bytes = Base64Decode(a[0].AsString());
  if (!bytes) return fn::Null();
  auto parsed = ParseJson(*bytes);
  return parsed.ok() ? parsed.value() : fn::Null();
}

// A random (version 4) UUID.
Value Uuid(Args, ExecContext&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  const uint64_t hi = (engine() & ~uint64_t{0xF000}) | 0x4000;
  const uint64_t lo = (engine() & ~(uint64_t{3} << 62)) | (uint64_t{2} << 62);
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return Value(std::string(text));
}

constexpr FunctionFamily kJson = FunctionFamily::kJson;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;
constexpr UnknownArgs kMiss = UnknownArgs::kMissingOnly;

const FunctionDef kJsonFunctions[] = {
    {"base64", 1, 1, true, kMiss, kJson, Base64EncodeFn, "Same as BASE64_ENCODE()."},
    {"base64_decode", 1, 1, true, kProp, kJson, Base64DecodeFn,
     "The value whose JSON text the base64 string encodes."},
    {"base64_encode", 1, 1, true, kMiss, kJson, Base64EncodeFn,
     "The base64 encoding of the value's JSON text."},
    {"decode_base64", 1, 1, true, kProp, kJson, Base64DecodeFn, "Same as BASE64_DECODE()."},
    {"encode_base64", 1, 1, true, kMiss, kJson, Base64EncodeFn, "Same as BASE64_ENCODE()."},
    {"decode_json", 1, 1, true, kProp, kJson, DecodeJson,
     "Parses a JSON string; NULL when it is not valid JSON."},
    {"encode_json", 1, 1, true, kMiss, kJson, EncodeJson, "The value's JSON text."},
    {"encoded_size", 1, 1, true, kMiss, kJson, EncodedSize,
     "Size in bytes of the value's JSON text."},
    {"json_decode", 1, 1, true, kProp, kJson, DecodeJson, "Same as DECODE_JSON()."},
    {"json_encode", 1, 1, true, kMiss, kJson, EncodeJson, "Same as ENCODE_JSON()."},
    {"pairs", 1, 1, true, kProp, kJson, Pairs,
     "[name, value] pairs of every field, nested ones included."},
    {"len", 1, 1, true, kProp, kJson, Len,
     "Length of a string, array, object or number's text; 1 for a boolean."},
    {"poly_length", 1, 1, true, kProp, kJson, PolyLength,
     "Length of a string, array or object; NULL for other values."},
    {"uuid", 0, 0, false, kProp, kJson, Uuid, "A random version-4 UUID string."},
};

}  // namespace

std::span<const FunctionDef> JsonFunctions() {
  return kJsonFunctions;
}

}  // namespace casql::exec
