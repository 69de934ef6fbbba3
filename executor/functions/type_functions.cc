// Type checks and conversions. ISxxx and TOxxx give MISSING for MISSING and NULL for NULL;
// TYPE() names every type, MISSING and NULL included.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "executor/expr/truth.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/json.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

template <ValueType type>
Value Is(Args a, ExecContext&) {
  return Value(a[0].type() == type);
}

Value IsAtom(Args a, ExecContext&) {
  const ValueType t = a[0].type();
  return Value(t == ValueType::kBoolean || t == ValueType::kNumber || t == ValueType::kString);
}

Value Type(Args a, ExecContext&) {
  return Value(ValueTypeName(a[0].type()));
}

Value ToArray(Args a, ExecContext&) {
  if (a[0].IsArray()) return a[0];
  return Value(Array{a[0]});
}

// An atom stays; an array of one element or an object of one field unwraps (recursively).
Value ToAtom(Args a, ExecContext& ctx) {
  const Value& v = a[0];
  if (v.IsArray() && v.AsArray().size() == 1) return ToAtom(v.AsArray(), ctx);
  if (v.IsObject() && v.AsObject().size() == 1) {
    const Value inner = v.AsObject().begin()->second;
    return ToAtom(std::span<const Value>(&inner, 1), ctx);
  }
  if (v.IsArray() || v.IsObject()) return fn::Null();
  return v;
}

// FALSE, 0, NaN, "", [] and {} are false; every other value is true.
Value ToBoolean(Args a, ExecContext&) {
  if (a[0].IsNumber() && std::isnan(a[0].AsDouble())) return Value(false);
  return Value(Truthy(a[0]));
}

// TONUMBER: booleans are 0/1; a string is parsed as Go's strconv.ParseFloat would (no
// surrounding spaces; "NaN", "Inf" and "Infinity" in any case, optionally signed), with
// integers kept exact; anything else is NULL.
Value ToNumber(Args a, ExecContext&) {
  const Value& v = a[0];
  if (v.IsNumber()) return v;
  if (v.IsBool()) return Value(int64_t{v.AsBool() ? 1 : 0});
  if (!v.IsString() || v.AsString().empty()) return fn::Null();
  const std::string& s = v.AsString();
  const size_t digits_from = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  std::string word = s.substr(digits_from);
  std::transform(word.begin(), word.end(), word.begin(), ::tolower);
  if (word == "nan") return Value(std::nan(""));
  if (word == "inf" || word == "infinity") return Value(s[0] == '-' ? -HUGE_VAL : HUGE_VAL);
  if (digits_from >= s.size()) return fn::Null();
  for (size_t i = digits_from; i < s.size(); ++i) {
    const char c = s[i];
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' &&
        c != '-' && c != '+') {
      return fn::Null();
    }
  }
  errno = 0;
  char* end = nullptr;
  const long long i = std::strtoll(s.c_str(), &end, 10);
  if (errno == 0 && end == s.c_str() + s.size()) return Value(static_cast<int64_t>(i));
  end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return fn::Null();
  return Value(d);
}

Value ToObject(Args a, ExecContext&) {
  if (a[0].IsObject()) return a[0];
  return Value(Object{});
}

// TOSTRING: a boolean or number as its JSON text, a string as itself; arrays and objects
// give NULL.
Value ToString(Args a, ExecContext&) {
  const Value& v = a[0];
  if (v.IsString()) return v;
  if (v.IsBool() || v.IsNumber()) return Value(ToJson(v));
  return fn::Null();
}

constexpr FunctionFamily kType = FunctionFamily::kType;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kTypeFunctions[] = {
    {"is_array", 1, 1, true, kProp, kType, Is<ValueType::kArray>, "Same as ISARRAY()."},
    {"is_atom", 1, 1, true, kProp, kType, IsAtom, "Same as ISATOM()."},
    {"is_bool", 1, 1, true, kProp, kType, Is<ValueType::kBoolean>, "Same as ISBOOLEAN()."},
    {"is_boolean", 1, 1, true, kProp, kType, Is<ValueType::kBoolean>, "Same as ISBOOLEAN()."},
    {"is_num", 1, 1, true, kProp, kType, Is<ValueType::kNumber>, "Same as ISNUMBER()."},
    {"is_number", 1, 1, true, kProp, kType, Is<ValueType::kNumber>, "Same as ISNUMBER()."},
    {"is_obj", 1, 1, true, kProp, kType, Is<ValueType::kObject>, "Same as ISOBJECT()."},
    {"is_object", 1, 1, true, kProp, kType, Is<ValueType::kObject>, "Same as ISOBJECT()."},
    {"is_str", 1, 1, true, kProp, kType, Is<ValueType::kString>, "Same as ISSTRING()."},
    {"is_string", 1, 1, true, kProp, kType, Is<ValueType::kString>, "Same as ISSTRING()."},
    {"isarray", 1, 1, true, kProp, kType, Is<ValueType::kArray>, "TRUE for an array."},
    {"isatom", 1, 1, true, kProp, kType, IsAtom, "TRUE for a boolean, number or string."},
    {"isbool", 1, 1, true, kProp, kType, Is<ValueType::kBoolean>, "Same as ISBOOLEAN()."},
    {"isboolean", 1, 1, true, kProp, kType, Is<ValueType::kBoolean>, "TRUE for a boolean."},
    {"isnum", 1, 1, true, kProp, kType, Is<ValueType::kNumber>, "Same as ISNUMBER()."},
    {"isnumber", 1, 1, true, kProp, kType, Is<ValueType::kNumber>, "TRUE for a number."},
    {"isobj", 1, 1, true, kProp, kType, Is<ValueType::kObject>, "Same as ISOBJECT()."},
    {"isobject", 1, 1, true, kProp, kType, Is<ValueType::kObject>, "TRUE for an object."},
    {"isstr", 1, 1, true, kProp, kType, Is<ValueType::kString>, "Same as ISSTRING()."},
    {"isstring", 1, 1, true, kProp, kType, Is<ValueType::kString>, "TRUE for a string."},
    {"to_array", 1, 1, true, kProp, kType, ToArray, "Same as TOARRAY()."},
    {"to_atom", 1, 1, true, kProp, kType, ToAtom, "Same as TOATOM()."},
    {"to_bool", 1, 1, true, kProp, kType, ToBoolean, "Same as TOBOOLEAN()."},
    {"to_boolean", 1, 1, true, kProp, kType, ToBoolean, "Same as TOBOOLEAN()."},
    {"to_num", 1, 1, true, kProp, kType, ToNumber, "Same as TONUMBER()."},
    {"to_number", 1, 1, true, kProp, kType, ToNumber, "Same as TONUMBER()."},
    {"to_obj", 1, 1, true, kProp, kType, ToObject, "Same as TOOBJECT()."},
    {"to_object", 1, 1, true, kProp, kType, ToObject, "Same as TOOBJECT()."},
    {"to_str", 1, 1, true, kProp, kType, ToString, "Same as TOSTRING()."},
    {"to_string", 1, 1, true, kProp, kType, ToString, "Same as TOSTRING()."},
    {"toarray", 1, 1, true, kProp, kType, ToArray,
     "An array as itself, any other value as [value]."},
    {"toatom", 1, 1, true, kProp, kType, ToAtom,
     "An atom as itself; a one-element array or one-field object unwrapped; else NULL."},
    {"tobool", 1, 1, true, kProp, kType, ToBoolean, "Same as TOBOOLEAN()."},
    {"toboolean", 1, 1, true, kProp, kType, ToBoolean,
     "FALSE for false, 0, NaN, \"\", [] and {}; TRUE otherwise."},
    {"tonum", 1, 1, true, kProp, kType, ToNumber, "Same as TONUMBER()."},
    {"tonumber", 1, 1, true, kProp, kType, ToNumber,
     "A number, a boolean as 0/1, or a numeric string parsed; else NULL."},
    {"toobj", 1, 1, true, kProp, kType, ToObject, "Same as TOOBJECT()."},
    {"toobject", 1, 1, true, kProp, kType, ToObject, "An object as itself, any other value as {}."},
    {"tostr", 1, 1, true, kProp, kType, ToString, "Same as TOSTRING()."},
    {"tostring", 1, 1, true, kProp, kType, ToString,
     "A string as itself, a boolean or number as its JSON text; else NULL."},
    {"type", 1, 1, true, UnknownArgs::kRaw, kType, Type,
     "The type name: missing, null, boolean, number, string, array or object."},
    {"type_name", 1, 1, true, UnknownArgs::kRaw, kType, Type, "Same as TYPE()."},
    {"typename", 1, 1, true, UnknownArgs::kRaw, kType, Type, "Same as TYPE()."},
};

}  // namespace

std::span<const FunctionDef> TypeFunctions() {
  return kTypeFunctions;
}

}  // namespace casql::exec
