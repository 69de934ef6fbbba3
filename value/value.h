#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace casql {

// The N1QL value types in collation order: MISSING < NULL < booleans < numbers < strings <
// arrays < objects. FALSE and TRUE share one type and collate FALSE < TRUE.
enum class ValueType : uint8_t { kMissing, kNull, kBoolean, kNumber, kString, kArray, kObject };

const char* ValueTypeName(ValueType type);

class Value;
class Object;
using Array = std::vector<Value>;

// One JSON value for the whole engine. Scalars are held inline; strings, arrays and objects are
// shared immutable nodes with copy-on-write, so copying a document (UPDATE's Clone, a row passed
// between operators) is a reference-count increment and a SET copies only the path it changes.
//
// Numbers keep the form of their source: an integer literal that fits int64 stays an exact
// int64 (9007199254740993 does not round), everything else is a double. 1 and 1.0 are equal.
//
// Thread safety: a const Value may be read from many threads at once; Mutable*() must only be
// called on a Value that one thread owns.
class Value {
 public:
  Value() = default;  // MISSING
  static Value Missing() { return Value(); }
  static Value Null();
  explicit Value(bool b);
  Value(int64_t i);  // NOLINT(google-explicit-constructor): numbers convert naturally.
  Value(int i) : Value(static_cast<int64_t>(i)) {}
  Value(double d);
  Value(std::string s);
  Value(std::string_view s) : Value(std::string(s)) {}
  Value(const char* s) : Value(std::string(s)) {}
  Value(Array a);
  Value(Object o);

  ValueType type() const;
  bool IsMissing() const { return kind_ == Kind::kMissing; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsMissingOrNull() const { return kind_ <= Kind::kNull; }
  bool IsBool() const { return kind_ == Kind::kFalse || kind_ == Kind::kTrue; }
  bool IsNumber() const { return kind_ == Kind::kInt || kind_ == Kind::kDouble; }
  bool IsInt() const { return kind_ == Kind::kInt; }
  bool IsDouble() const { return kind_ == Kind::kDouble; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsArray() const { return kind_ == Kind::kArray; }
  bool IsObject() const { return kind_ == Kind::kObject; }

  // Accessors require the matching type (checked by assertion).
  bool AsBool() const;
  int64_t AsInt() const;
  double AsDouble() const;  // any number, widened to double
  const std::string& AsString() const;
  const Array& AsArray() const;
  const Object& AsObject() const;

  // Copy-on-write access: detaches a shared node before handing out a mutable reference.
  Array& MutableArray();
  Object& MutableObject();

  // N1QL truth for WHERE/AND/OR: only TRUE is true (MISSING, NULL, FALSE and every
  // non-boolean are not).
  bool IsTrue() const { return kind_ == Kind::kTrue; }

  // Path steps: MISSING when this is not an object/array or the field/element is absent.
  // Negative indexes count from the end, as N1QL does.
  const Value& Field(std::string_view name) const;
  const Value& Element(int64_t index) const;

  // Deep structural equality with numbers compared by value (1 == 1.0); MISSING equals MISSING.
  // This is the identity used by DISTINCT and tests, not N1QL's three-valued '='.
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  enum class Kind : uint8_t {
    kMissing,
    kNull,
    kFalse,
    kTrue,
    kInt,
    kDouble,
    kString,
    kArray,
    kObject
  };
  Kind kind_ = Kind::kMissing;
  union {
    int64_t int_ = 0;
    double double_;
  };
  std::shared_ptr<void> node_;  // std::string, Array or Object according to kind_

  template <typename T>
  T& Detach();
};

// A JSON object: fields keep their insertion order; lookups are linear for small objects
// (documents typically have a handful of fields) and hashed once an object grows large.
class Object {
 public:
  using Entry = std::pair<std::string, Value>;

  Object() = default;
  Object(std::initializer_list<Entry> entries);
  Object(const Object& other);
  Object& operator=(const Object& other);
  Object(Object&&) noexcept = default;
  Object& operator=(Object&&) noexcept = default;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const Value* Find(std::string_view name) const;
  Value* FindMutable(std::string_view name);
  // Replaces the field's value, or appends the field when absent.
  void Set(std::string name, Value value);
  bool Remove(std::string_view name);

  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }
  const std::vector<Entry>& entries() const { return entries_; }

  // The object's compact JSON text when one was recorded for it (a stored document keeps its
  // serialized bytes), so that writing it again is a copy rather than a walk over every field.
  // Any change to the object drops it; null also once the text's owner is gone.
  std::shared_ptr<const std::string> json_text() const { return json_text_.lock(); }
  // `text` must be exactly what AppendJson writes for this object.
  void set_json_text(std::weak_ptr<const std::string> text) { json_text_ = std::move(text); }

 private:
  static constexpr size_t kIndexThreshold = 16;
  std::vector<Entry> entries_;
  std::weak_ptr<const std::string> json_text_;
  // Built lazily once the object has more than kIndexThreshold fields.
  mutable std::unique_ptr<std::unordered_map<std::string, size_t>> index_;

  void BuildIndex() const;
};

}  // namespace casql
