// Value -> JSON text through RapidJSON's Writer, with Couchbase's conventions for what plain
// JSON cannot say (MISSING, NaN, infinities) and Go-style number formatting.
#include <rapidjson/prettywriter.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "value/json.h"

namespace casql {

namespace {

// Adapts std::string to RapidJSON's output stream concept.
struct StringSink {
  using Ch = char;
  std::string* out;
  void Put(char c) { out->push_back(c); }
  void Flush() {}
};

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the byte there starts none.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  size_t len = 0;
  uint32_t c = 0;
  uint32_t min = 0;
  if ((b & 0xE0) == 0xC0) {
    len = 2, c = b & 0x1F, min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    len = 3, c = b & 0x0F, min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    len = 4, c = b & 0x07, min = 0x10000;
  }
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  return c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0 : len;
}

// Strings may hold bytes that are not UTF-8 (SUBSTR cuts by bytes). Like Go's encoding/json,
// which Couchbase uses, each such byte is written as U+FFFD, so the output stays valid JSON.
template <typename Writer>
void WriteString(std::string_view s, Writer& w, bool key) {
  size_t i = 0;
  size_t len = 0;
  while (i < s.size() && (len = Utf8SequenceLength(s, i)) > 0) i += len;
  if (i == s.size()) {
    key ? w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()))
        : w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return;
  }
  std::string fixed(s.substr(0, i));
  while (i < s.size()) {
    len = Utf8SequenceLength(s, i);
    if (len == 0) {
      fixed += "\xEF\xBF\xBD";
      ++i;
    } else {
      fixed.append(s, i, len);
      i += len;
    }
  }
  key ? w.Key(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()))
      : w.String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
}

// Go formats floats like ECMAScript: fixed notation for 1e-6 <= |x| < 1e21, otherwise
// exponent notation with at least two exponent digits ("1e-07"). Integral values have no
// fraction. Shortest round-trip digits either way.
void FormatDouble(double d, std::string* out) {
  char buf[64];
  const double mag = std::fabs(d);
  std::to_chars_result r;
  if (mag == 0 || (mag >= 1e-6 && mag < 1e21)) {
    r = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::fixed);
    out->append(buf, r.ptr);
    return;
  }
  r = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);
  const size_t e = s.find('e');
  out->append(s.substr(0, e + 2));  // mantissa, 'e' and sign
  std::string_view exponent = s.substr(e + 2);
  if (exponent.size() < 2) out->push_back('0');
  out->append(exponent);
}

// `raw_out`, when given, is the string `w` writes to: objects with a recorded JSON text are
// copied into it whole (compact output only: the text is compact).
template <typename Writer>
void Write(const Value& v, Writer& w, std::string* scratch, std::string* raw_out) {
  switch (v.type()) {
    case ValueType::kMissing:
    case ValueType::kNull:
      w.Null();
      return;
    case ValueType::kBoolean:
      w.Bool(v.AsBool());
      return;
    case ValueType::kNumber:
      scratch->clear();
      AppendJsonNumber(v, scratch);
      if (std::isfinite(v.AsDouble()) || v.IsInt()) {
        w.RawValue(scratch->data(), scratch->size(), rapidjson::kNumberType);
      } else {
        w.RawValue(scratch->data(), scratch->size(), rapidjson::kStringType);
      }
      return;
    case ValueType::kString:
      WriteString(v.AsString(), w, false);
      return;
    case ValueType::kArray:
      w.StartArray();
      for (const Value& e : v.AsArray()) Write(e, w, scratch, raw_out);
      w.EndArray();
      return;
    case ValueType::kObject:
      if (raw_out) {
        if (auto text = v.AsObject().json_text()) {
          // RawValue with no text writes only the separator before the value; the text is then
          // appended in one copy (RawValue itself would copy it a character at a time).
          w.RawValue(text->data(), 0, rapidjson::kObjectType);
          raw_out->append(*text);
          return;
        }
      }
      w.StartObject();
      for (const auto& [name, field] : v.AsObject()) {
        if (field.IsMissing()) continue;
        WriteString(name, w, true);
        Write(field, w, scratch, raw_out);
      }
      w.EndObject();
      return;
  }
}

}  // namespace

void AppendJsonNumber(const Value& number, std::string* out) {
  if (number.IsInt()) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), number.AsInt());
    out->append(buf, r.ptr);
    return;
  }
  const double d = number.AsDouble();
  if (std::isnan(d)) {
    out->append("\"NaN\"");
  } else if (std::isinf(d)) {
    out->append(d > 0 ? "\"+Infinity\"" : "\"-Infinity\"");
  } else {
    FormatDouble(d, out);
  }
}

void AppendJson(const Value& value, std::string* out) {
  StringSink sink{out};
  rapidjson::Writer<StringSink> writer(sink);
  std::string scratch;
  Write(value, writer, &scratch, out);
}

void AppendPrettyJson(const Value& value, std::string* out, int indent_level) {
  std::string text;
  StringSink sink{&text};
  rapidjson::PrettyWriter<StringSink> writer(sink);
  writer.SetIndent(' ', 4);
  std::string scratch;
  Write(value, writer, &scratch, nullptr);
  // Continuation lines carry the caller's indentation so the value nests in a larger document.
  const std::string pad(static_cast<size_t>(indent_level) * 4, ' ');
  for (char c : text) {
    out->push_back(c);
    if (c == '\n') out->append(pad);
  }
}

void PrintTo(const Value& value, std::ostream* os) {
  *os << (value.IsMissing() ? std::string("MISSING") : ToJson(value));
}

std::string ToJson(const Value& value) {
  std::string out;
  AppendJson(value, &out);
  return out;
}

void AppendJsonString(std::string_view text, std::string* out) {
  StringSink sink{out};
  rapidjson::Writer<StringSink> writer(sink);
  WriteString(text, writer, false);
}

}  // namespace casql
