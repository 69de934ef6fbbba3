// JSON text -> Value through RapidJSON's SAX Reader: no intermediate DOM, and the iterative
// parser keeps the C++ stack flat however deep the input nests.
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "value/json.h"

namespace casql {

namespace {

// RapidJSON 1.1 pairs a \uD800-\uDBFF escape with the low surrogate that must follow, but
// decodes a lone \uDC00-\uDFFF escape to the bytes ED B0..BF xx: not UTF-8, so such a string
// would leave the reader as invalid text. Raw input bytes never get here that way
// (kParseValidateEncodingFlag), so these bytes can only come from such an escape.
bool HasEncodedSurrogate(const char* s, size_t len) {
  for (size_t i = 0; i + 1 < len; ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xED &&
        (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) {
      return true;
    }
  }
  return false;
}

enum class NumberRead { kInt, kDouble, kOutOfRange, kMalformed };

// Numbers arrive as text (kParseNumbersAsStringsFlag): RapidJSON 1.1's own full-precision
// conversion asserts, or reads out of bounds, on hostile inputs such as a long mantissa with
// a huge exponent or a long run of fraction zeros (found by json_fuzzer). from_chars is exact.
// RapidJSON 1.1 would also read a number beyond the double range (1e400) as infinity without an
// error; JSON has no infinity, so such a number is refused like any other malformed one.
NumberRead ReadNumber(const char* s, size_t len, int64_t* i, double* d) {
  const char* end = s + len;
  if (std::string_view(s, len).find_first_of(".eE") == std::string_view::npos) {
    auto [ptr, ec] = std::from_chars(s, end, *i);
    if (ec == std::errc() && ptr == end) return NumberRead::kInt;
  }
  auto [ptr, ec] = std::from_chars(s, end, *d);
  if (ec == std::errc::result_out_of_range) {
    // Beyond the double range either way: strtod tells overflow (infinity, refused) from
    // underflow (zero or a denormal, a number like any other).
    *d = std::strtod(std::string(s, len).c_str(), nullptr);
  } else if (ec != std::errc() || ptr != end) {
    return NumberRead::kMalformed;
  }
  return std::isfinite(*d) ? NumberRead::kDouble : NumberRead::kOutOfRange;
}

// The checks ValueBuilder makes, without building anything: IsValidJson accepts exactly the
// texts ParseJson accepts.
class JsonChecker {
 public:
  explicit JsonChecker(int max_depth) : max_depth_(max_depth) {}

  bool Null() { return true; }
  bool Bool(bool) { return true; }
  bool Int(int) { return true; }
  bool Uint(unsigned) { return true; }
  bool Int64(int64_t) { return true; }
  bool Uint64(uint64_t) { return true; }
  bool Double(double d) { return std::isfinite(d); }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    int64_t i = 0;
    double d = 0;
    const NumberRead read = ReadNumber(s, len, &i, &d);
    return read == NumberRead::kInt || read == NumberRead::kDouble;
  }
  bool String(const char* s, rapidjson::SizeType len, bool) { return !HasEncodedSurrogate(s, len); }
  bool Key(const char* s, rapidjson::SizeType len, bool) { return !HasEncodedSurrogate(s, len); }
  bool StartObject() { return ++depth_ <= max_depth_; }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return ++depth_ <= max_depth_; }
  bool EndArray(rapidjson::SizeType) { return Close(); }

 private:
  bool Close() {
    --depth_;
    return true;
  }

  int max_depth_;
  int depth_ = 0;
};

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag;

// kParseStopWhenDoneFlag stops after the first value; anything but whitespace after it is
// garbage that a plain parse would have reported. Returns where that garbage starts, or the
// text's size.
size_t SkipTrailingWhitespace(std::string_view text, size_t pos) {
  while (pos < text.size() &&
         (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
    ++pos;
  }
  return pos;
}

class ValueBuilder {
 public:
  explicit ValueBuilder(int max_depth) : max_depth_(max_depth) {}

  bool Null() { return Add(Value::Null()); }
  bool Bool(bool b) { return Add(Value(b)); }
  bool Int(int i) { return Add(Value(static_cast<int64_t>(i))); }
  bool Uint(unsigned u) { return Add(Value(static_cast<int64_t>(u))); }
  bool Int64(int64_t i) { return Add(Value(i)); }
  bool Uint64(uint64_t u) {
    if (u <= static_cast<uint64_t>(INT64_MAX)) return Add(Value(static_cast<int64_t>(u)));
    return Add(Value(static_cast<double>(u)));
  }
  bool Double(double d) {
    if (!std::isfinite(d)) {
      out_of_range_ = true;
      return false;
    }
    return Add(Value(d));
  }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    int64_t i = 0;
    double d = 0;
    switch (ReadNumber(s, len, &i, &d)) {
      case NumberRead::kInt:
        return Int64(i);
      case NumberRead::kDouble:
        return Double(d);
      case NumberRead::kOutOfRange:
        out_of_range_ = true;
        return false;
      case NumberRead::kMalformed:
        break;
    }
    return false;
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    if (HasEncodedSurrogate(s, len)) return LoneSurrogate();
    return Add(Value(std::string(s, len)));
  }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    if (HasEncodedSurrogate(s, len)) return LoneSurrogate();
    frames_.back().key.assign(s, len);
    return true;
  }
  bool StartObject() { return Push(Value(Object())); }
  bool EndObject(rapidjson::SizeType) { return Pop(); }
  bool StartArray() { return Push(Value(Array())); }
  bool EndArray(rapidjson::SizeType) { return Pop(); }

  bool too_deep() const { return too_deep_; }
  bool lone_surrogate() const { return lone_surrogate_; }
  bool out_of_range() const { return out_of_range_; }
  Value TakeResult() { return std::move(result_); }

 private:
  struct Frame {
    Value container;
    std::string key;
  };

  bool Add(Value v) {
    if (frames_.empty()) {
      result_ = std::move(v);
      return true;
    }
    Frame& top = frames_.back();
    if (top.container.IsArray()) {
      top.container.MutableArray().push_back(std::move(v));
    } else {
      top.container.MutableObject().Set(std::move(top.key), std::move(v));
      top.key.clear();
    }
    return true;
  }

  bool Push(Value container) {
    if (static_cast<int>(frames_.size()) >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    frames_.push_back(Frame{std::move(container), {}});
    return true;
  }

  bool LoneSurrogate() {
    lone_surrogate_ = true;
    return false;
  }

  bool Pop() {
    Value done = std::move(frames_.back().container);
    frames_.pop_back();
    return Add(std::move(done));
  }

  int max_depth_;
  bool too_deep_ = false;
  bool lone_surrogate_ = false;
  bool out_of_range_ = false;
  std::vector<Frame> frames_;
  Value result_;
};

}  // namespace

Result<Value> ParseJson(std::string_view text, int max_depth) {
  ValueBuilder builder(max_depth);
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<kParseFlags>(stream, builder);
  if (!ok) {
    const std::string offset = std::to_string(ok.Offset());
    if (builder.too_deep()) {
      return Status(ErrorCode::kInternal, "Invalid JSON at byte offset " + offset +
                                              ": nesting deeper than " + std::to_string(max_depth) +
                                              " levels");
    }
    if (builder.out_of_range()) {
      return Status(ErrorCode::kInternal, "Invalid JSON at byte offset " + offset +
                                              ": a number beyond the range of a double");
    }
    if (builder.lone_surrogate()) {
      return Status(ErrorCode::kInternal, "Invalid JSON at byte offset " + offset +
                                              ": a \\u escape names a lone surrogate, which is "
                                              "not a Unicode character");
    }
    return Status(ErrorCode::kInternal, "Invalid JSON at byte offset " + offset + ": " +
                                            rapidjson::GetParseError_En(ok.Code()));
  }
  const size_t pos = SkipTrailingWhitespace(text, stream.Tell());
  if (pos != text.size()) {
    return Status(ErrorCode::kInternal, "Invalid JSON at byte offset " + std::to_string(pos) +
                                            ": The document root must not be followed by other "
                                            "values.");
  }
  return builder.TakeResult();
}

bool IsValidJson(std::string_view text, int max_depth) {
  // One reader per thread: its stack, which holds strings while they are checked, keeps its
  // capacity between calls, so a warm check allocates nothing.
  thread_local rapidjson::Reader reader;
  JsonChecker checker(max_depth);
  rapidjson::MemoryStream stream(text.data(), text.size());
  if (reader.Parse<kParseFlags>(stream, checker).IsError()) return false;
  return SkipTrailingWhitespace(text, stream.Tell()) == text.size();
}

}  // namespace casql
