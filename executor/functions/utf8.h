#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace casql::exec::fn {

// UTF-8 helpers for the functions that count or map characters rather than bytes.

// The code point starting at s[*i], advancing *i past it. A byte that does not start a valid
// sequence decodes as itself (so invalid input passes through the case mappings unchanged)
// and advances by one.
char32_t DecodeUtf8(std::string_view s, size_t* i);
void AppendUtf8(char32_t c, std::string* out);

// Byte offset of code point number `n` (or s.size() when s has n or fewer code points).
size_t CodePointOffset(std::string_view s, size_t n);

// The string with every letter mapped by Unicode's simple case mapping (LOWER, UPPER).
std::string ToLowerUtf8(std::string_view s);
std::string ToUpperUtf8(std::string_view s);
// Lower-cases, then upper-cases each letter that starts a word (INITCAP, TITLE). A word
// starts after an ASCII character other than a letter, digit or '_', or after Unicode
// white space, as Go's strings.Title (which Couchbase uses) decides.
std::string TitleUtf8(std::string_view s);

}  // namespace casql::exec::fn
