#include "cli/shell_line_editor.h"

#include <utility>

namespace casql::cli {
namespace {

constexpr char Ctrl(char letter) {
  return static_cast<char>(letter & 0x1f);
}

bool IsContinuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xc0) == 0x80;
}

// Terminal columns taken by UTF-8 text: one per character (no wide-character table needed for
// SQL++ statements).
size_t Columns(const std::string& text, size_t bytes) {
  size_t columns = 0;
  for (size_t i = 0; i < bytes; ++i) {
    if (!IsContinuation(text[i])) ++columns;
  }
  return columns;
}

}  // namespace

void LineEditor::Start(std::string prompt) {
  prompt_ = std::move(prompt);
  line_.clear();
  draft_.clear();
  cursor_ = 0;
  recalled_ = history_->size();
  escape_ = Escape::kNone;
}

LineEditor::Event LineEditor::Feed(char byte) {
  switch (escape_) {
    case Escape::kNone:
      return Key(byte);
    case Escape::kEscape:
      escape_ = byte == '[' ? Escape::kBracket : byte == 'O' ? Escape::kLetterO : Escape::kNone;
      return Event::kNone;
    case Escape::kBracket:
      if (byte >= '0' && byte <= '9') {
        escape_digit_ = byte;
        escape_ = Escape::kBracketDigit;
        return Event::kNone;
      }
      escape_ = Escape::kNone;
      EscapeKey(byte);
      return Event::kNone;
    case Escape::kBracketDigit:
      // "ESC [ n ~": 1/7 Home, 4/8 End, 3 Delete; parameters after ';' (modifiers) are skipped.
      if (byte != '~') {
        if (!((byte >= '0' && byte <= '9') || byte == ';')) escape_ = Escape::kNone;
        return Event::kNone;
      }
      escape_ = Escape::kNone;
      if (escape_digit_ == '1' || escape_digit_ == '7') cursor_ = 0;
      if (escape_digit_ == '4' || escape_digit_ == '8') cursor_ = line_.size();
      if (escape_digit_ == '3') EraseAt();
      return Event::kNone;
    case Escape::kLetterO:
      escape_ = Escape::kNone;
      EscapeKey(byte);
      return Event::kNone;
  }
  return Event::kNone;
}

LineEditor::Event LineEditor::Key(char byte) {
  switch (byte) {
    case '\r':
    case '\n':
      return Event::kDone;
    case '\x1b':
      escape_ = Escape::kEscape;
      return Event::kNone;
    case Ctrl('C'):
      return Event::kInterrupt;
    case Ctrl('D'):
      if (line_.empty()) return Event::kEof;
      EraseAt();
      return Event::kNone;
    case '\x7f':
    case Ctrl('H'):
      EraseBefore();
      return Event::kNone;
    case Ctrl('A'):
      cursor_ = 0;
      return Event::kNone;
    case Ctrl('E'):
      cursor_ = line_.size();
      return Event::kNone;
    case Ctrl('B'):
      MoveLeft();
      return Event::kNone;
    case Ctrl('F'):
      MoveRight();
      return Event::kNone;
    case Ctrl('K'):
      line_.erase(cursor_);
      return Event::kNone;
    case Ctrl('U'):
      line_.erase(0, cursor_);
      cursor_ = 0;
      return Event::kNone;
    case Ctrl('W'): {
      size_t start = cursor_;
      while (start > 0 && line_[start - 1] == ' ') --start;
      while (start > 0 && line_[start - 1] != ' ') --start;
      line_.erase(start, cursor_ - start);
      cursor_ = start;
      return Event::kNone;
    }
    case Ctrl('P'):
      Recall(-1);
      return Event::kNone;
    case Ctrl('N'):
      Recall(+1);
      return Event::kNone;
    default:
      if (static_cast<unsigned char>(byte) >= 0x20 || byte == '\t') Insert(byte);
      return Event::kNone;
  }
}

void LineEditor::EscapeKey(char final_byte) {
  switch (final_byte) {
    case 'A':
      Recall(-1);
      break;
    case 'B':
      Recall(+1);
      break;
    case 'C':
      MoveRight();
      break;
    case 'D':
      MoveLeft();
      break;
    case 'H':
      cursor_ = 0;
      break;
    case 'F':
      cursor_ = line_.size();
      break;
    default:
      break;
  }
}

void LineEditor::Insert(char byte) {
  line_.insert(line_.begin() + static_cast<std::ptrdiff_t>(cursor_), byte);
  ++cursor_;
}

void LineEditor::MoveLeft() {
  while (cursor_ > 0) {
    --cursor_;
    if (!IsContinuation(line_[cursor_])) break;
  }
}

void LineEditor::MoveRight() {
  if (cursor_ == line_.size()) return;
  ++cursor_;
  while (cursor_ < line_.size() && IsContinuation(line_[cursor_])) ++cursor_;
}

void LineEditor::EraseBefore() {
  const size_t end = cursor_;
  MoveLeft();
  line_.erase(cursor_, end - cursor_);
}

void LineEditor::EraseAt() {
  const size_t start = cursor_;
  MoveRight();
  line_.erase(start, cursor_ - start);
  cursor_ = start;
}

void LineEditor::Recall(int step) {
  const size_t size = history_->size();
  if (step < 0 && recalled_ == 0) return;
  if (step > 0 && recalled_ >= size) return;
  if (recalled_ == size) draft_ = line_;
  recalled_ = step < 0 ? recalled_ - 1 : recalled_ + 1;
  line_ = recalled_ == size ? draft_ : (*history_)[recalled_];
  cursor_ = line_.size();
}

std::string LineEditor::Render() const {
  std::string out = "\r" + prompt_ + line_ + "\x1b[K";
  const size_t back = Columns(line_, line_.size()) - Columns(line_, cursor_);
  if (back > 0) out += "\x1b[" + std::to_string(back) + "D";
  return out;
}

}  // namespace casql::cli
