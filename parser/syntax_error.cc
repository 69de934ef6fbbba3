#include "parser/syntax_error.h"

#include <string>

#include "N1qlLexer.h"

namespace casql::parser {
namespace {

// Couchbase shows up to 20 bytes of the statement before the offending token, on its line,
// with trailing blanks removed (parser/n1ql/n1ql.go, getContextFor).
constexpr size_t kNearBytes = 20;

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string_view NearText(std::string_view text, size_t line, size_t column0) {
  size_t line_start = 0;
  for (size_t l = 1; l < line && line_start < text.size(); ++l) {
    const size_t nl = text.find('\n', line_start);
    if (nl == std::string_view::npos) return {};
    line_start = nl + 1;
  }
  size_t end = line_start;
  for (size_t cp = 0; cp < column0 && end < text.size(); ++cp) {
    ++end;
    while (end < text.size() && IsContinuationByte(text[end])) ++end;
  }
  while (end > line_start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  size_t start = end > line_start + kNearBytes ? end - kNearBytes : line_start;
  while (start < end && IsContinuationByte(text[start])) ++start;
  return text.substr(start, end - start);
}

bool IsReserved(const antlr4::Token* token) {
  const size_t type = token->getType();
  return type >= grammar::N1qlLexer::ALL && type <= grammar::N1qlLexer::WORK;
}

}  // namespace

std::string FormatSyntaxError(std::string_view what, std::string_view text, size_t line,
                              size_t column0, std::string_view token_text, bool end_of_input,
                              bool reserved) {
  std::string out(what);
  if (end_of_input) {
    out.append(" - at end of input");
    return out;
  }
  out.append(" - line ").append(std::to_string(line));
  out.append(", column ").append(std::to_string(column0 + 1));
  const std::string_view near = NearText(text, line, column0);
  if (!near.empty()) out.append(", near '").append(near).append("'");
  out.append(", at: ").append(token_text);
  if (reserved) out.append(" (reserved word)");
  return out;
}

std::string FormatSyntaxErrorAt(std::string_view what, std::string_view text,
                                const antlr4::Token* token) {
  const bool eof = token == nullptr || token->getType() == antlr4::Token::EOF;
  return FormatSyntaxError(what, text, eof ? 0 : token->getLine(),
                           eof ? 0 : token->getCharPositionInLine(), eof ? "" : token->getText(),
                           eof, !eof && IsReserved(token));
}

void FirstErrorListener::syntaxError(antlr4::Recognizer* /*recognizer*/,
                                     antlr4::Token* offending_symbol, size_t line, size_t column,
                                     const std::string& /*msg*/, std::exception_ptr /*e*/) {
  if (has_error()) return;
  if (offending_symbol != nullptr) {
    message_ = FormatSyntaxErrorAt("syntax error", text_, offending_symbol);
  } else {
    message_ = FormatSyntaxError("syntax error", text_, line, column, "", false, false);
  }
}

}  // namespace casql::parser
