#pragma once

#include <string_view>

namespace casql::parser {

// Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (overlong forms and surrogates included), or npos. The ANTLR input stream needs valid UTF-8.
size_t FirstInvalidUtf8(std::string_view text);

}  // namespace casql::parser
