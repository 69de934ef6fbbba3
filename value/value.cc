#include "value/value.h"

#include <cassert>
#include <cmath>

#include "value/collation.h"

namespace casql {

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kMissing:
      return "missing";
    case ValueType::kNull:
      return "null";
    case ValueType::kBoolean:
      return "boolean";
    case ValueType::kNumber:
      return "number";
    case ValueType::kString:
      return "string";
    case ValueType::kArray:
      return "array";
    case ValueType::kObject:
      return "object";
  }
  return "unknown";
}

namespace {
const Value kMissingValue{};
}  // namespace

Value Value::Null() {
  Value v;
  v.kind_ = Kind::kNull;
  return v;
}

Value::Value(bool b) : kind_(b ? Kind::kTrue : Kind::kFalse) {}
Value::Value(int64_t i) : kind_(Kind::kInt), int_(i) {}
Value::Value(double d) : kind_(Kind::kDouble) {
  double_ = d;
}
Value::Value(std::string s)
    : kind_(Kind::kString), node_(std::make_shared<std::string>(std::move(s))) {}
Value::Value(Array a) : kind_(Kind::kArray), node_(std::make_shared<Array>(std::move(a))) {}
Value::Value(Object o) : kind_(Kind::kObject), node_(std::make_shared<Object>(std::move(o))) {}

ValueType Value::type() const {
  switch (kind_) {
    case Kind::kMissing:
      return ValueType::kMissing;
    case Kind::kNull:
      return ValueType::kNull;
    case Kind::kFalse:
    case Kind::kTrue:
      return ValueType::kBoolean;
    case Kind::kInt:
    case Kind::kDouble:
      return ValueType::kNumber;
    case Kind::kString:
      return ValueType::kString;
    case Kind::kArray:
      return ValueType::kArray;
    case Kind::kObject:
      return ValueType::kObject;
  }
  return ValueType::kMissing;
}

bool Value::AsBool() const {
  assert(IsBool());
  return kind_ == Kind::kTrue;
}

int64_t Value::AsInt() const {
  assert(IsInt());
  return int_;
}

double Value::AsDouble() const {
  assert(IsNumber());
  return kind_ == Kind::kInt ? static_cast<double>(int_) : double_;
}

const std::string& Value::AsString() const {
  assert(IsString());
  return *static_cast<const std::string*>(node_.get());
}

const Array& Value::AsArray() const {
  assert(IsArray());
  return *static_cast<const Array*>(node_.get());
}

const Object& Value::AsObject() const {
  assert(IsObject());
  return *static_cast<const Object*>(node_.get());
}

template <typename T>
T& Value::Detach() {
  if (node_.use_count() > 1) node_ = std::make_shared<T>(*static_cast<const T*>(node_.get()));
  return *static_cast<T*>(node_.get());
}

Array& Value::MutableArray() {
  assert(IsArray());
  return Detach<Array>();
}

Object& Value::MutableObject() {
  assert(IsObject());
  return Detach<Object>();
}

const Value& Value::Field(std::string_view name) const {
  if (!IsObject()) return kMissingValue;
  const Value* found = AsObject().Find(name);
  return found ? *found : kMissingValue;
}

const Value& Value::Element(int64_t index) const {
  if (!IsArray()) return kMissingValue;
  const Array& array = AsArray();
  const int64_t size = static_cast<int64_t>(array.size());
  if (index < 0) index += size;
  if (index < 0 || index >= size) return kMissingValue;
  return array[static_cast<size_t>(index)];
}

bool Value::operator==(const Value& other) const {
  if (IsMissing() || other.IsMissing()) return IsMissing() && other.IsMissing();
  return Collate(*this, other) == 0;
}

Object::Object(std::initializer_list<Entry> entries) {
  for (const Entry& e : entries) Set(e.first, e.second);
}

Object::Object(const Object& other) : entries_(other.entries_), json_text_(other.json_text_) {}

Object& Object::operator=(const Object& other) {
  if (this != &other) {
    entries_ = other.entries_;
    json_text_ = other.json_text_;
    index_.reset();
  }
  return *this;
}

void Object::BuildIndex() const {
  index_ = std::make_unique<std::unordered_map<std::string, size_t>>();
  index_->reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) index_->emplace(entries_[i].first, i);
}

const Value* Object::Find(std::string_view name) const {
  if (entries_.size() <= kIndexThreshold) {
    for (const Entry& e : entries_) {
      if (e.first == name) return &e.second;
    }
    return nullptr;
  }
  if (!index_) BuildIndex();
  auto it = index_->find(std::string(name));
  return it == index_->end() ? nullptr : &entries_[it->second].second;
}

Value* Object::FindMutable(std::string_view name) {
  json_text_.reset();  // the caller may change the field
  return const_cast<Value*>(static_cast<const Object*>(this)->Find(name));
}

void Object::Set(std::string name, Value value) {
  json_text_.reset();
  if (Value* existing = FindMutable(name)) {
    *existing = std::move(value);
    return;
  }
  if (index_) index_->emplace(name, entries_.size());
  entries_.emplace_back(std::move(name), std::move(value));
}

bool Object::Remove(std::string_view name) {
  json_text_.reset();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == name) {
      entries_.erase(it);
      index_.reset();
      return true;
    }
  }
  return false;
}

}  // namespace casql
