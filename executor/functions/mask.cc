#include "executor/functions/mask.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>

namespace casql::exec {

namespace {

std::u32string Decode(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + static_cast<size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// Reads characters from the front, or from the back when reversed.
class Reader {
 public:
  Reader(const std::u32string& s, bool reversed) : s_(s), reversed_(reversed) {}
  bool Next(char32_t* c) {
    if (pos_ >= s_.size()) return false;
    *c = reversed_ ? s_[s_.size() - 1 - pos_] : s_[pos_];
    ++pos_;
    return true;
  }

 private:
  const std::u32string& s_;
  bool reversed_;
  size_t pos_ = 0;
};

}  // namespace

Value MaskBody(std::span<const Value> a, ExecContext&) {
  if (!a[0].IsString() || (a.size() > 1 && !a[1].IsObject())) return Value::Null();
  const std::string& text = a[0].AsString();
  std::u32string mask = Decode("********"), hole = Decode(" "), inject;
  enum class Anchor { kStart, kEnd, kText, kPosition } anchor = Anchor::kStart;
  int64_t anchor_pos = 0;
  bool preserve = false;
  if (a.size() > 1) {
    const Value& o = a[1];
    if (o.Field("mask").IsString() && !o.Field("mask").AsString().empty()) {
      mask = Decode(o.Field("mask").AsString());
    }
    if (o.Field("hole").IsString()) hole = Decode(o.Field("hole").AsString());
    if (o.Field("inject").IsString()) inject = Decode(o.Field("inject").AsString());
    const Value& at = o.Field("anchor");
    if (at.IsNumber()) {
      anchor = Anchor::kPosition;
      anchor_pos = static_cast<int64_t>(at.AsDouble());
    } else if (at.IsString()) {
      std::string lower = at.AsString();
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      if (lower == "end") {
        anchor = Anchor::kEnd;
      } else if (lower != "start") {
        RE2 re(at.AsString(), RE2::Quiet);
        if (!re.ok()) return Value::Null();
        re2::StringPiece match;
        if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, &match, 1)) return a[0];
        anchor = Anchor::kText;
        anchor_pos = static_cast<int64_t>(
            Decode(text.substr(0, static_cast<size_t>(match.data() - text.data()))).size());
      }
    }
    const Value& length = o.Field("length");
    if (length.IsString()) {
      std::string lower = length.AsString();
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      preserve = lower == "source";
    }
  }
  const std::u32string source = Decode(text);
  auto contains = [](const std::u32string& set, char32_t c) {
    return set.find(c) != std::u32string::npos;
  };
  int64_t length = static_cast<int64_t>(preserve ? source.size() : mask.size());
  if (preserve) {
    for (char32_t c : mask) length += contains(inject, c);
  }
  const bool right = anchor == Anchor::kEnd || anchor_pos < 0;
  anchor_pos = std::abs(anchor_pos);
  if (anchor_pos > static_cast<int64_t>(source.size())) return a[0];
  if (!preserve) length += anchor_pos;

  std::u32string out(static_cast<size_t>(length), U'\0');
  Reader masks(mask, right), chars(source, right);
  auto fill = [&](size_t i) {
    char32_t m, c;
    if (masks.Next(&m)) {
      if (contains(hole, m)) {
        out[i] = chars.Next(&c) ? c : m;
      } else {
        out[i] = m;
        if (!contains(inject, m)) chars.Next(&c);
      }
    } else if (chars.Next(&c)) {
      out[i] = c;
    }
  };
  // The anchor's leading characters pass through unmasked, then the mask applies.
  const size_t n = out.size();
  for (size_t step = 0; step < n; ++step) {
    const size_t i = right ? n - 1 - step : step;
    char32_t c;
    if (anchor_pos > 0) {
      --anchor_pos;
      if (chars.Next(&c)) {
        out[i] = c;
        continue;
      }
      anchor_pos = 0;
    }
    fill(i);
  }
  out.erase(std::remove(out.begin(), out.end(), U'\0'), out.end());
  return Value(Encode(out));
}

}  // namespace casql::exec
