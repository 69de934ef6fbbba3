// UTF-8 decoding and Unicode case mapping.
//
// Case mapping uses glibc's wide-character functions (towlower_l, towupper_l, iswspace_l)
// under the built-in C.UTF-8 locale, created once: that gives Unicode's simple case mappings
// (the ones Go's unicode.ToLower/ToUpper apply) without a new dependency such as ICU, and
// without touching the process locale. Should the locale be unavailable, only ASCII letters
// are mapped.
#include "executor/functions/utf8.h"

#include <locale.h>
#include <wctype.h>

namespace casql::exec::fn {

namespace {

locale_t Utf8Locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

char32_t MapCase(char32_t c, bool upper) {
  if (c < 0x80) {
    if (upper && c >= 'a' && c <= 'z') return c - ('a' - 'A');
    if (!upper && c >= 'A' && c <= 'Z') return c + ('a' - 'A');
    return c;
  }
  const locale_t locale = Utf8Locale();
  if (locale == static_cast<locale_t>(0)) return c;
  const wint_t w = static_cast<wint_t>(c);
  return static_cast<char32_t>(upper ? towupper_l(w, locale) : towlower_l(w, locale));
}

bool IsWordSeparator(char32_t c) {
  if (c < 0x80) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !alnum && c != '_';
  }
  const locale_t locale = Utf8Locale();
  return locale != static_cast<locale_t>(0) && iswspace_l(static_cast<wint_t>(c), locale);
}

// Decoded code points at or above this mark stand for a single invalid byte (0x80..0xFF
// shifted up), so that AppendUtf8 writes the byte back unchanged.
constexpr char32_t kRawByte = 0x110000;

std::string MapString(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char32_t c = DecodeUtf8(s, &i);
    AppendUtf8(c >= kRawByte ? c : MapCase(c, upper), &out);
  }
  return out;
}

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(*i);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  size_t len = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, c = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, c = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  }
  bool valid = len > 0 && *i + len <= s.size();
  for (size_t k = 1; valid && k < len; ++k) {
    valid = (byte(*i + k) & 0xC0) == 0x80;
    c = (c << 6) | (byte(*i + k) & 0x3F);
  }
  if (!valid || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++*i;
    return kRawByte + b0;
  }
  *i += len;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c >= kRawByte) {
    out->push_back(static_cast<char>(c - kRawByte));
  } else if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t CodePointOffset(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) DecodeUtf8(s, &i);
  return i;
}

std::string ToLowerUtf8(std::string_view s) {
  return MapString(s, false);
}

std::string ToUpperUtf8(std::string_view s) {
  return MapString(s, true);
}

std::string TitleUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool start = true;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = DecodeUtf8(s, &i);
    if (c >= kRawByte) {
      AppendUtf8(c, &out);
      start = false;
      continue;
    }
    AppendUtf8(MapCase(c, start), &out);
    start = IsWordSeparator(c);
  }
  return out;
}

}  // namespace casql::exec::fn
