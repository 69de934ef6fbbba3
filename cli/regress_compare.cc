#include "cli/regress_compare.h"

#include "value/collation.h"
#include "value/json.h"

namespace casql::regress {

namespace {

bool SameNumber(const Value& a, const Value& b, NumberMode mode) {
  if (mode == NumberMode::kAsDouble) return a.AsDouble() == b.AsDouble();
  return Collate(a, b) == 0;
}

// A field path for messages: `.name` for plain names, `["odd name"]` otherwise.
std::string FieldStep(const std::string& name) {
  bool plain = !name.empty();
  for (char c : name) plain = plain && (isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return "." + name;
  std::string quoted;
  AppendJsonString(name, &quoted);
  return "[" + quoted + "]";
}

class Differ {
 public:
  Differ(NumberMode mode, size_t max_lines) : mode_(mode), max_lines_(max_lines) {}

  void Diff(const Value& expected, const Value& actual, const std::string& path) {
    if (SameJson(expected, actual, mode_)) return;
    if (expected.IsObject() && actual.IsObject()) {
      for (const auto& [name, value] : expected.AsObject()) {
        const Value* other = actual.AsObject().Find(name);
        if (!other) {
          Add(path + FieldStep(name) + ": missing (expected " + Shorten(value, 120) + ")");
        } else {
          Diff(value, *other, path + FieldStep(name));
        }
      }
      for (const auto& [name, value] : actual.AsObject()) {
        if (!expected.AsObject().Find(name)) {
          Add(path + FieldStep(name) + ": unexpected " + Shorten(value, 120));
        }
      }
      return;
    }
    if (expected.IsArray() && actual.IsArray() &&
        expected.AsArray().size() == actual.AsArray().size()) {
      for (size_t i = 0; i < expected.AsArray().size(); ++i) {
        Diff(expected.AsArray()[i], actual.AsArray()[i], path + "[" + std::to_string(i) + "]");
      }
      return;
    }
    Add(path + ": expected " + Shorten(expected, 120) + ", actual " + Shorten(actual, 120));
  }

  void Add(std::string line) {
    ++total_;
    if (lines_.size() < max_lines_) lines_.push_back(std::move(line));
  }

  std::vector<std::string> Finish() {
    if (total_ > lines_.size()) {
      lines_.push_back("... and " + std::to_string(total_ - lines_.size()) + " more differences");
    }
    return std::move(lines_);
  }

 private:
  NumberMode mode_;
  size_t max_lines_;
  size_t total_ = 0;
  std::vector<std::string> lines_;
};

}  // namespace

bool SameJson(const Value& expected, const Value& actual, NumberMode mode) {
  if (expected.type() != actual.type()) return false;
  switch (expected.type()) {
    case ValueType::kNumber:
      return SameNumber(expected, actual, mode);
    case ValueType::kArray: {
      const Array& a = expected.AsArray();
      const Array& b = actual.AsArray();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!SameJson(a[i], b[i], mode)) return false;
      }
      return true;
    }
    case ValueType::kObject: {
      const Object& a = expected.AsObject();
      const Object& b = actual.AsObject();
      if (a.size() != b.size()) return false;
      for (const auto& [name, value] : a) {
        const Value* other = b.Find(name);
        if (!other || !SameJson(value, *other, mode)) return false;
      }
      return true;
    }
    default:
      return expected == actual;
  }
}

bool JsonSubset(const Value& expected, const Value& actual, NumberMode mode) {
  if (!expected.IsObject()) return SameJson(expected, actual, mode);
  if (!actual.IsObject()) return false;
  for (const auto& [name, value] : expected.AsObject()) {
    const Value* other = actual.AsObject().Find(name);
    if (!other || !JsonSubset(value, *other, mode)) return false;
  }
  return true;
}

std::vector<std::string> DiffRows(const Array& expected, const Array& actual, bool ordered,
                                  NumberMode mode, size_t max_lines) {
  Differ differ(mode, max_lines);
  if (expected.size() != actual.size()) {
    differ.Add("expected " + std::to_string(expected.size()) + " rows, actual " +
               std::to_string(actual.size()));
  }
  if (ordered) {
    const size_t common = std::min(expected.size(), actual.size());
    for (size_t i = 0; i < common; ++i) {
      differ.Diff(expected[i], actual[i], "row " + std::to_string(i + 1));
    }
    for (size_t i = common; i < expected.size(); ++i) {
      differ.Add("missing row " + std::to_string(i + 1) + ": " + Shorten(expected[i], 200));
    }
    for (size_t i = common; i < actual.size(); ++i) {
      differ.Add("unexpected row " + std::to_string(i + 1) + ": " + Shorten(actual[i], 200));
    }
    return differ.Finish();
  }
  // Multiset: each expected row claims one equal actual row.
  std::vector<bool> claimed(actual.size(), false);
  for (const Value& row : expected) {
    bool found = false;
    for (size_t j = 0; j < actual.size() && !found; ++j) {
      if (!claimed[j] && SameJson(row, actual[j], mode)) claimed[j] = found = true;
    }
    if (!found) differ.Add("missing row: " + Shorten(row, 200));
  }
  for (size_t j = 0; j < actual.size(); ++j) {
    if (!claimed[j]) differ.Add("unexpected row: " + Shorten(actual[j], 200));
  }
  return differ.Finish();
}

std::string Shorten(const std::string& text, size_t max_chars) {
  if (text.size() <= max_chars) return text;
  return text.substr(0, max_chars) + "...";
}

std::string Shorten(const Value& value, size_t max_chars) {
  return Shorten(ToJson(value), max_chars);
}

}  // namespace casql::regress
