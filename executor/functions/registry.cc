#include "executor/functions/registry.h"

#include <algorithm>
#include <unordered_map>

namespace casql::exec {

const char* FamilyTitle(FunctionFamily family) {
  switch (family) {
    case FunctionFamily::kString:
      return "String functions";
    case FunctionFamily::kToken:
      return "Token functions";
    case FunctionFamily::kRegexp:
      return "Regular-expression functions";
    case FunctionFamily::kNumber:
      return "Number functions";
    case FunctionFamily::kArray:
      return "Array functions";
    case FunctionFamily::kObject:
      return "Object functions";
    case FunctionFamily::kType:
      return "Type functions";
    case FunctionFamily::kConditional:
      return "Conditional functions";
    case FunctionFamily::kComparison:
      return "Comparison functions";
    case FunctionFamily::kJson:
      return "JSON and encoding functions";
    case FunctionFamily::kDate:
      return "Date functions";
    case FunctionFamily::kBitwise:
      return "Bitwise functions";
  }
  return "Functions";
}

const std::vector<const FunctionDef*>& AllFunctions() {
  static const auto* all = [] {
    auto* out = new std::vector<const FunctionDef*>;
    for (auto table :
         {StringFunctions(), MbStringFunctions(), TokenFunctions(), RegexpFunctions(),
          NumberFunctions(), ArrayFunctions(), ArraySetFunctions(), ArrayContainsFunctions(),
          PathFunctions(), ObjectFunctions(), ObjectNestedFunctions(), TypeFunctions(),
          ConditionalFunctions(), ComparisonFunctions(), JsonFunctions(), HashFunctions(),
          DateFunctions(), DurationFunctions(), BitwiseFunctions()}) {
      for (const FunctionDef& def : table) out->push_back(&def);
    }
    std::sort(out->begin(), out->end(), [](const FunctionDef* a, const FunctionDef* b) {
      return a->family != b->family ? a->family < b->family : a->name < b->name;
    });
    return out;
  }();
  return *all;
}

const FunctionDef* FindFunction(std::string_view name) {
  static const auto* index = [] {
    auto* out = new std::unordered_map<std::string_view, const FunctionDef*>;
    for (const FunctionDef* def : AllFunctions()) out->emplace(def->name, def);
    return out;
  }();
  auto it = index->find(name);
  return it == index->end() ? nullptr : it->second;
}

std::string ArityMessage(const FunctionDef& def) {
  // Couchbase's parser words it this way; its variadic functions declare math.MaxInt16 as
  // their maximum, which the message shows.
  constexpr int kVariadicMax = 32767;
  const int max = def.max_args == kVariadic ? kVariadicMax : def.max_args;
  std::string text = "Number of arguments to function " + std::string(def.name) + " must be ";
  if (def.min_args == max) {
    text += std::to_string(max);
  } else {
    text += "between " + std::to_string(def.min_args) + " and " + std::to_string(max);
  }
  return text + ".";
}

}  // namespace casql::exec
