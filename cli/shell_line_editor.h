#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace casql::cli {

// The interactive shell's line editing and history recall, as a state machine fed the bytes a
// terminal in raw mode sends, so the key handling is testable without a terminal.
//
// Keys: printable text (UTF-8) is inserted at the cursor; Left/Right (also Ctrl-B/Ctrl-F),
// Home/End (Ctrl-A/Ctrl-E) move; Backspace and Delete remove a character; Ctrl-K and Ctrl-U cut to
// the end or the start, Ctrl-W the word before the cursor; Up/Down (Ctrl-P/Ctrl-N) recall history
// lines, keeping the line being typed; Enter finishes the line; Ctrl-D on an empty line is end of
// input (else Delete); Ctrl-C abandons the line. Unknown keys and escape sequences are ignored.
//
// Thread safety: none; one editor per terminal.
class LineEditor {
 public:
  enum class Event { kNone, kDone, kEof, kInterrupt };

  // `history` (oldest first) must outlive the editor; lines are added to it by the caller.
  explicit LineEditor(const std::vector<std::string>* history) : history_(history) {}

  // Starts an empty line shown after `prompt`.
  void Start(std::string prompt);
  // Applies one input byte.
  Event Feed(char byte);

  const std::string& line() const { return line_; }
  size_t cursor() const { return cursor_; }
  // The bytes that redraw the line on a VT100-style terminal: carriage return, prompt, line,
  // erase to the end, and the cursor moved back to its column.
  std::string Render() const;

 private:
  enum class Escape { kNone, kEscape, kBracket, kBracketDigit, kLetterO };

  Event Key(char byte);
  void EscapeKey(char final_byte);
  void Insert(char byte);
  void MoveLeft();
  void MoveRight();
  void EraseBefore();
  void EraseAt();
  void Recall(int step);

  const std::vector<std::string>* history_;
  std::string prompt_;
  std::string line_;
  size_t cursor_ = 0;    // byte offset, always at the start of a UTF-8 character
  size_t recalled_ = 0;  // history index shown; history size = the line being typed
  std::string draft_;    // the line being typed while history is shown
  Escape escape_ = Escape::kNone;
  char escape_digit_ = 0;
};

}  // namespace casql::cli
