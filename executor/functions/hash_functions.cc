// HASHBYTES(value [, options]): a hex digest of a string's bytes, or of any other value's
// JSON text (digests.h).
#include <cstdlib>

#include "executor/functions/canonical_json.h"
#include "executor/functions/digests.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "executor/functions/utf8.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

constexpr uint32_t kIeee = 0xedb88320;
constexpr uint32_t kCastagnoli = 0x82f63b78;
constexpr uint32_t kKoopman = 0xeb31d82e;

// "SHA-256" names sha256: lower case, and the first "sha-" loses its dash.
std::string AlgorithmName(const std::string& text) {
  std::string name = fn::ToLowerUtf8(text);
  const size_t dash = name.find("sha-");
  if (dash != std::string::npos) name.erase(dash + 3, 1);
  return name;
}

// A polynomial option: "ieee", "castagnoli", "koopman", a number, or a numeric string (with
// 0x/0o/0b prefix or a leading 0 for octal); anything else means IEEE.
uint32_t Polynomial(const Value& v) {
  if (v.IsNumber()) {
    const auto n = fn::Integer(v);
    return n ? static_cast<uint32_t>(*n) : kIeee;
  }
  if (!v.IsString()) return kIeee;
  const std::string p = fn::ToLowerUtf8(v.AsString());
  if (p == "ieee") return kIeee;
  if (p == "castagnoli") return kCastagnoli;
  if (p == "koopman") return kKoopman;
  int base = 10;
  std::string digits = p;
  if (p.starts_with("0x")) {
    base = 16, digits = p.substr(2);
  } else if (p.starts_with("0o")) {
    base = 8, digits = p.substr(2);
  } else if (p.starts_with("0b")) {
    base = 2, digits = p.substr(2);
  } else if (p.size() > 1 && p[0] == '0') {
    base = 8, digits = p.substr(1);
  }
  if (digits.empty() || digits[0] == '-' || digits[0] == '+') return kIeee;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(digits.c_str(), &end, base);
  if (*end != '\0' || n > 0xffffffffULL) return kIeee;
  return static_cast<uint32_t>(n);
}

Value HashBytes(Args a, ExecContext&) {
  if (a[0].IsMissing()) return Value::Missing();
  if (a[0].IsNull()) return fn::Null();
  std::string algorithm = "sha256";
  uint32_t polynomial = kIeee;
  if (a.size() > 1) {
    const Value& options = a[1];
    if (options.IsObject()) {
      const Value& name = options.Field("algorithm");
      if (name.IsString()) algorithm = AlgorithmName(name.AsString());
      const Value& poly = options.Field("polynomial");
      if (!poly.IsMissing()) polynomial = Polynomial(poly);
    } else if (options.IsString()) {
      algorithm = AlgorithmName(options.AsString());
    } else if (!options.IsMissing() && !options.IsNull()) {
      return fn::Null();
    }
  }
  const std::string data = a[0].IsString() ? a[0].AsString() : fn::CanonicalJson(a[0]);
  const auto digest = fn::HexDigest(algorithm, data, polynomial);
  return digest ? Value(*digest) : fn::Null();
}

const FunctionDef kHashFunctions[] = {
    {"hashbytes", 1, 2, true, UnknownArgs::kRaw, FunctionFamily::kJson, HashBytes,
     "Hex digest of a string (or a value's JSON): sha256 by default; options algorithm, "
     "polynomial."},
};

}  // namespace

std::span<const FunctionDef> HashFunctions() {
  return kHashFunctions;
}

}  // namespace casql::exec
