#pragma once

#include <string>
#include <string_view>

#include "BaseErrorListener.h"
#include "Token.h"

// Couchbase-shaped syntax errors. Internal to parser/: nothing here crosses ParseStatement.
namespace casql::parser {

// Thrown by the transforms (and the nesting check) for input the grammar accepts but N1QL
// does not; ParseStatement turns it into a 3000 status. Never escapes parser/.
struct SyntaxError {
  std::string message;
};

// "<what> - line L, column C, near '<text>', at: <token>[ (reserved word)]" or
// "<what> - at end of input". `column0` counts code points from 0, as ANTLR does.
std::string FormatSyntaxError(std::string_view what, std::string_view text, size_t line,
                              size_t column0, std::string_view token_text, bool end_of_input,
                              bool reserved);

// The same for a token of the statement being parsed.
std::string FormatSyntaxErrorAt(std::string_view what, std::string_view text,
                                const antlr4::Token* token);

// Keeps the first error the parser reports, formatted; replaces ANTLR's console listener.
class FirstErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit FirstErrorListener(std::string_view text) : text_(text) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr e) override;

  bool has_error() const { return !message_.empty(); }
  const std::string& message() const { return message_; }

 private:
  std::string_view text_;
  std::string message_;
};

}  // namespace casql::parser
