// Entry points: size and nesting limits, the two-stage (SLL, then LL) ANTLR parse, and the
// conversion of every failure into a 3000 status. Nothing thrown inside escapes.
#include "parser/parser.h"

#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "BailErrorStrategy.h"
#include "CommonTokenStream.h"
#include "DefaultErrorStrategy.h"
#include "Exceptions.h"
#include "N1qlLexer.h"
#include "N1qlParser.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "parser/syntax_error.h"
#include "parser/transformer.h"
#include "parser/utf8.h"

namespace casql {
namespace {

using grammar::N1qlLexer;
using grammar::N1qlParser;

// Brackets, CASE/ANY/ARRAY/... END constructs and runs of prefix operators each make the
// generated recursive-descent parser recurse; deeper input is rejected before parsing so
// that no input can exhaust the stack.
constexpr int kMaxNesting = 256;

Status SyntaxStatus(std::string message) {
  return Status(ErrorCode::kSyntax, std::move(message));
}

// Couchbase trims the statement before parsing, so its line and column numbers count from the
// first non-blank character; so do ours.
std::string_view TrimBlanks(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n\f\v";
  const size_t begin = text.find_first_not_of(kBlanks);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kBlanks) - begin + 1);
}

// Checks nesting and collects the token indexes of the `?` parameters.
std::vector<size_t> ScanTokens(std::string_view text, const std::vector<antlr4::Token*>& tokens) {
  std::vector<size_t> positional;
  int brackets = 0;
  int keywords = 0;
  int unary_run = 0;
  size_t previous = antlr4::Token::INVALID_TYPE;
  for (antlr4::Token* token : tokens) {
    const size_t type = token->getType();
    switch (type) {
      case N1qlLexer::LPAREN:
      case N1qlLexer::LBRACKET:
      case N1qlLexer::LBRACE:
        ++brackets;
        break;
      case N1qlLexer::RPAREN:
      case N1qlLexer::RBRACKET:
      case N1qlLexer::RBRACE:
        if (brackets > 0) --brackets;
        break;
      case N1qlLexer::CASE:
      case N1qlLexer::ANY:
      case N1qlLexer::SOME:
      case N1qlLexer::ARRAY:
      case N1qlLexer::OBJECT:
        ++keywords;
        break;
      case N1qlLexer::EVERY:  // not the EVERY of ANY AND EVERY
        if (previous != N1qlLexer::AND) ++keywords;
        break;
      case N1qlLexer::FIRST:  // not NULLS FIRST
        if (previous != N1qlLexer::NULLS) ++keywords;
        break;
      case N1qlLexer::END:
        if (keywords > 0) --keywords;
        break;
      case N1qlLexer::NEXT_PARAM:
        positional.push_back(token->getTokenIndex());
        break;
      default:
        break;
    }
    const bool unary =
        type == N1qlLexer::NOT || type == N1qlLexer::MINUS || type == N1qlLexer::EXISTS;
    unary_run = unary ? unary_run + 1 : 0;
    if (brackets + keywords + unary_run > kMaxNesting) {
      throw parser::SyntaxError{parser::FormatSyntaxErrorAt(
          "syntax error: nesting exceeds " + std::to_string(kMaxNesting) + " levels", text, token)};
    }
    previous = type;
  }
  return positional;
}

// Runs `rule` on a parser in SLL mode with bail-out, and again in full LL mode with error
// reporting when SLL fails (SLL can fail on valid input; LL is exact but slower).
template <typename Build>
auto ParseWith(std::string_view text, Build build)
    -> decltype(build(std::declval<N1qlParser&>(), std::declval<parser::Transformer&>())) {
  text = TrimBlanks(text);
  if (text.size() > kMaxStatementBytes) {
    return SyntaxStatus("syntax error: statement is " + std::to_string(text.size()) +
                        " bytes, over the limit of " + std::to_string(kMaxStatementBytes));
  }
  if (size_t bad = parser::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return SyntaxStatus("syntax error: invalid UTF-8 at byte offset " + std::to_string(bad));
  }
  try {
    antlr4::ANTLRInputStream input(text.data(), text.size());
    N1qlLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    parser::Transformer transformer(text, ScanTokens(text, tokens.getTokens()));

    N1qlParser p(&tokens);
    p.removeErrorListeners();
    p.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    p.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      return build(p, transformer);
    } catch (const antlr4::ParseCancellationException&) {
    }
    parser::FirstErrorListener listener(text);
    p.reset();
    p.addErrorListener(&listener);
    p.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    p.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    auto result = build(p, transformer);
    if (listener.has_error()) return SyntaxStatus(listener.message());
    return result;
  } catch (const parser::SyntaxError& e) {
    return SyntaxStatus(e.message);
  } catch (const std::exception& e) {
    return SyntaxStatus(std::string("syntax error: ") + e.what());
  } catch (...) {
    return SyntaxStatus("syntax error: the statement could not be parsed");
  }
}

}  // namespace

Result<ast::StatementPtr> ParseStatement(std::string_view text) {
  return ParseWith(text, [](N1qlParser& p, parser::Transformer& t) -> Result<ast::StatementPtr> {
    N1qlParser::StatementInputContext* tree = p.statementInput();
    if (p.getNumberOfSyntaxErrors() > 0) return SyntaxStatus("syntax error");
    return t.Statement(tree->statement());
  });
}

Result<ast::ExprPtr> ParseExpression(std::string_view text) {
  return ParseWith(text, [](N1qlParser& p, parser::Transformer& t) -> Result<ast::ExprPtr> {
    N1qlParser::ExpressionInputContext* tree = p.expressionInput();
    if (p.getNumberOfSyntaxErrors() > 0) return SyntaxStatus("syntax error");
    return t.Expr(tree->expr());
  });
}

}  // namespace casql
