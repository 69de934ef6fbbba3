// Bitwise functions over 64-bit integers. A number that is not integral, or any other type,
// gives NULL; right shifts are logical (zero-filling), as in Couchbase.
#include <vector>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

// Integer arguments, or nullopt when one is not an integer.
std::optional<std::vector<uint64_t>> Bits(Args a) {
  std::vector<uint64_t> out;
  out.reserve(a.size());
  for (const Value& v : a) {
    const auto i = fn::Integer(v);
    if (!i) return std::nullopt;
    out.push_back(static_cast<uint64_t>(*i));
  }
  return out;
}

Value Signed(uint64_t bits) {
  return Value(static_cast<int64_t>(bits));
}

template <int op>  // 0 and, 1 or, 2 xor
Value Combine(Args a, ExecContext&) {
  const auto bits = Bits(a);
  if (!bits) return fn::Null();
  uint64_t r = (*bits)[0];
  for (size_t i = 1; i < bits->size(); ++i) {
    r = op == 0 ? r & (*bits)[i] : op == 1 ? r | (*bits)[i] : r ^ (*bits)[i];
  }
  return Signed(r);
}

Value Not(Args a, ExecContext&) {
  const auto bits = Bits(a);
  return bits ? Signed(~(*bits)[0]) : fn::Null();
}

// BITSHIFT(n, shift [, rotate]): left for a positive shift, right for a negative one.
Value Shift(Args a, ExecContext&) {
  const auto bits = Bits(a.first(2));
  if (!bits || (a.size() > 2 && !a[2].IsBool())) return fn::Null();
  const bool rotate = a.size() > 2 && a[2].AsBool();
  const uint64_t n = (*bits)[0];
  const int64_t shift = static_cast<int64_t>((*bits)[1]);
  if (rotate) {
    const unsigned k = static_cast<unsigned>(((shift % 64) + 64) % 64);
    return Signed(k == 0 ? n : (n << k) | (n >> (64 - k)));
  }
  if (shift >= 64 || shift <= -64) return Signed(0);
  return Signed(shift >= 0 ? n << shift : n >> -shift);
}

// The mask of 1-based bit positions given as one integer or an array of them.
std::optional<uint64_t> Positions(const Value& v) {
  std::vector<Value> list = v.IsArray() ? v.AsArray() : std::vector<Value>{v};
  uint64_t mask = 0;
  for (const Value& p : list) {
    const auto i = fn::Integer(p);
    if (!i || *i < 1 || *i > 64) return std::nullopt;
    mask |= uint64_t{1} << (*i - 1);
  }
  return mask;
}

template <bool set>
Value SetOrClear(Args a, ExecContext&) {
  const auto n = fn::Integer(a[0]);
  const auto mask = Positions(a[1]);
  if (!n || !mask) return fn::Null();
  const uint64_t bits = static_cast<uint64_t>(*n);
  return Signed(set ? bits | *mask : bits & ~*mask);
}

// BITTEST(n, positions [, all]): TRUE when any (or, with all, every) listed bit is set.
Value Test(Args a, ExecContext&) {
  const auto n = fn::Integer(a[0]);
  const auto mask = Positions(a[1]);
  if (!n || !mask || (a.size() > 2 && !a[2].IsBool())) return fn::Null();
  const uint64_t hit = static_cast<uint64_t>(*n) & *mask;
  const bool all = a.size() > 2 && a[2].AsBool();
  return Value(all ? hit == *mask : hit != 0);
}

constexpr FunctionFamily kBit = FunctionFamily::kBitwise;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kBitwiseFunctions[] = {
    {"bitand", 2, kVariadic, true, kProp, kBit, Combine<0>, "Bitwise AND of integers."},
    {"bitclear", 2, 2, true, kProp, kBit, SetOrClear<false>,
     "Clears the 1-based bit positions (one or an array)."},
    {"bitnot", 1, 1, true, kProp, kBit, Not, "Bitwise NOT of an integer."},
    {"bitor", 2, kVariadic, true, kProp, kBit, Combine<1>, "Bitwise OR of integers."},
    {"bitset", 2, 2, true, kProp, kBit, SetOrClear<true>,
     "Sets the 1-based bit positions (one or an array)."},
    {"bitshift", 2, 3, true, kProp, kBit, Shift,
     "Shifts left (positive) or logically right (negative); rotates when the third is TRUE."},
    {"bittest", 2, 3, true, kProp, kBit, Test,
     "TRUE when any (with TRUE as third argument: every) listed bit is set."},
    {"bitxor", 2, kVariadic, true, kProp, kBit, Combine<2>, "Bitwise XOR of integers."},
    {"isbitset", 2, 3, true, kProp, kBit, Test, "Same as BITTEST()."},
};

}  // namespace

std::span<const FunctionDef> BitwiseFunctions() {
  return kBitwiseFunctions;
}

}  // namespace casql::exec
