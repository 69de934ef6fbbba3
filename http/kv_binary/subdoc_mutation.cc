#include "http/kv_binary/subdoc_mutation.h"

#include <charconv>

#include "http/kv_binary/subdoc_path.h"
#include "http/kv_binary/wire_status.h"
#include "value/json.h"

namespace casql::kvbin {

namespace {

// The container the last step applies to, created along the way under MKDIR_P.
struct Parent {
  Value* value = nullptr;
  uint16_t status = kSuccess;
};

Parent Descend(Value* root, const std::vector<PathStep>& steps, size_t count, bool create) {
  Value* at = root;
  for (size_t i = 0; i < count; ++i) {
    const PathStep& step = steps[i];
    if (step.is_index) {
      if (!at->IsArray()) return {nullptr, kSubdocPathMismatch};
      Array& array = at->MutableArray();
      const int64_t index = step.index == -1 ? static_cast<int64_t>(array.size()) - 1 : step.index;
      if (index < 0 || index >= static_cast<int64_t>(array.size())) {
        return {nullptr, kSubdocPathEnoent};
      }
      at = &array[static_cast<size_t>(index)];
      continue;
    }
    if (!at->IsObject()) return {nullptr, kSubdocPathMismatch};
    Object& object = at->MutableObject();
    Value* next = object.FindMutable(step.field);
    if (next == nullptr) {
      // Only objects can be made up on the way: an index into a missing array cannot.
      if (!create || i + 1 >= steps.size() || steps[i + 1].is_index)
        return {nullptr, kSubdocPathEnoent};
      object.Set(step.field, Value(Object()));
      next = object.FindMutable(step.field);
    }
    at = next;
  }
  return {at, kSuccess};
}

// One JSON value, or for array pushes a comma-separated list of them.
std::optional<Array> ParseValues(std::string_view text, bool list) {
  if (text.empty()) return std::nullopt;
  if (!list) {
    auto parsed = ParseJson(text);
    if (!parsed.ok()) return std::nullopt;
    return Array{std::move(parsed).value()};
  }
  auto parsed = ParseJson("[" + std::string(text) + "]");
  if (!parsed.ok()) return std::nullopt;
  return parsed->AsArray();
}

SubdocMutationOutcome Counter(Value* target, Object* parent_object, const PathStep& last,
                              std::string_view delta_text) {
  int64_t delta = 0;
  const auto [end, error] =
      std::from_chars(delta_text.data(), delta_text.data() + delta_text.size(), delta);
  if (error != std::errc() || end != delta_text.data() + delta_text.size() || delta == 0) {
    return {kSubdocDeltaEinval, std::nullopt};
  }
  int64_t current = 0;
  if (target != nullptr) {
    if (!target->IsInt()) return {kSubdocPathMismatch, std::nullopt};
    current = target->AsInt();
  }
  int64_t next = 0;
  if (__builtin_add_overflow(current, delta, &next)) return {kSubdocNumErange, std::nullopt};
  if (target != nullptr) {
    *target = Value(next);
  } else if (parent_object != nullptr) {
    parent_object->Set(last.field, Value(next));
  } else {
    return {kSubdocPathEnoent, std::nullopt};
  }
  return {kSuccess, std::to_string(next)};
}

}  // namespace

SubdocMutationOutcome ApplySubdocMutation(Value* root, const SubdocMutationSpec& spec) {
  const auto steps = ParseSubdocPath(spec.path);
  if (!steps) return {kSubdocPathEinval, std::nullopt};
  const bool array_push = spec.opcode == kSubdocArrayPushLast ||
                          spec.opcode == kSubdocArrayPushFirst ||
                          spec.opcode == kSubdocArrayAddUnique;
  if (steps->empty() && !array_push) return {kSubdocPathEinval, std::nullopt};
  const bool create = (spec.flags & kSubdocMkdirP) != 0;

  if (array_push) {
    // The path names the array itself; under MKDIR_P a missing array is created.
    const auto values = ParseValues(spec.value, spec.opcode != kSubdocArrayAddUnique);
    if (!values) return {kSubdocValueCantinsert, std::nullopt};
    Value* array = root;
    if (!steps->empty()) {
      const Parent direct = Descend(root, *steps, steps->size(), false);
      array = direct.value;
      if (array == nullptr) {
        const PathStep& last = steps->back();
        if (direct.status != kSubdocPathEnoent || !create || last.is_index) {
          return {direct.status, std::nullopt};
        }
        const Parent parent = Descend(root, *steps, steps->size() - 1, true);
        if (parent.value == nullptr) return {parent.status, std::nullopt};
        if (!parent.value->IsObject()) return {kSubdocPathMismatch, std::nullopt};
        Object& object = parent.value->MutableObject();
        object.Set(last.field, Value(Array()));
        array = object.FindMutable(last.field);
      }
    }
    if (!array->IsArray()) return {kSubdocPathMismatch, std::nullopt};
    Array& elements = array->MutableArray();
    if (spec.opcode == kSubdocArrayAddUnique) {
      const Value& candidate = (*values)[0];
      if (candidate.IsArray() || candidate.IsObject()) return {kSubdocValueCantinsert, {}};
      for (const Value& element : elements) {
        if (element.IsArray() || element.IsObject()) return {kSubdocPathMismatch, std::nullopt};
        if (element == candidate) return {kSubdocPathEexists, std::nullopt};
      }
      elements.push_back(candidate);
    } else if (spec.opcode == kSubdocArrayPushLast) {
      elements.insert(elements.end(), values->begin(), values->end());
    } else {
      elements.insert(elements.begin(), values->begin(), values->end());
    }
    return {kSuccess, std::nullopt};
  }

  Parent parent = Descend(root, *steps, steps->size() - 1, create);
  if (parent.value == nullptr) return {parent.status, std::nullopt};
  const PathStep& last = steps->back();
  Value* container = parent.value;

  if (spec.opcode == kSubdocCounter) {
    if (last.is_index) {
      Parent direct = Descend(root, *steps, steps->size(), false);
      if (direct.value == nullptr) return {direct.status, std::nullopt};
      return Counter(direct.value, nullptr, last, spec.value);
    }
    if (!container->IsObject()) return {kSubdocPathMismatch, std::nullopt};
    Object& object = container->MutableObject();
    return Counter(object.FindMutable(last.field), &object, last, spec.value);
  }

  std::optional<Array> value;
  if (spec.opcode != kSubdocDelete) {
    value = ParseValues(spec.value, spec.opcode == kSubdocArrayInsert);
    if (!value) return {kSubdocValueCantinsert, std::nullopt};
  }

  if (last.is_index) {
    if (!container->IsArray()) return {kSubdocPathMismatch, std::nullopt};
    Array& elements = container->MutableArray();
    const auto size = static_cast<int64_t>(elements.size());
    if (spec.opcode == kSubdocArrayInsert) {
      if (last.index < 0) return {kSubdocPathEinval, std::nullopt};
      if (last.index > size) return {kSubdocPathEnoent, std::nullopt};
      elements.insert(elements.begin() + last.index, value->begin(), value->end());
      return {kSuccess, std::nullopt};
    }
    const int64_t index = last.index == -1 ? size - 1 : last.index;
    if (spec.opcode == kSubdocDictAdd || spec.opcode == kSubdocDictUpsert) {
      return {kSubdocPathEinval, std::nullopt};
    }
    if (index < 0 || index >= size) return {kSubdocPathEnoent, std::nullopt};
    if (spec.opcode == kSubdocDelete) {
      elements.erase(elements.begin() + index);
    } else {
      elements[static_cast<size_t>(index)] = (*value)[0];
    }
    return {kSuccess, std::nullopt};
  }

  if (spec.opcode == kSubdocArrayInsert) return {kSubdocPathEinval, std::nullopt};
  if (!container->IsObject()) return {kSubdocPathMismatch, std::nullopt};
  Object& object = container->MutableObject();
  const bool exists = object.Find(last.field) != nullptr;
  switch (spec.opcode) {
    case kSubdocDictAdd:
      if (exists) return {kSubdocPathEexists, std::nullopt};
      object.Set(last.field, (*value)[0]);
      return {kSuccess, std::nullopt};
    case kSubdocDictUpsert:
      object.Set(last.field, (*value)[0]);
      return {kSuccess, std::nullopt};
    case kSubdocReplace:
      if (!exists) return {kSubdocPathEnoent, std::nullopt};
      object.Set(last.field, (*value)[0]);
      return {kSuccess, std::nullopt};
    case kSubdocDelete:
      if (!exists) return {kSubdocPathEnoent, std::nullopt};
      object.Remove(last.field);
      return {kSuccess, std::nullopt};
    default:
      return {kSubdocInvalidCombo, std::nullopt};
  }
}

}  // namespace casql::kvbin
