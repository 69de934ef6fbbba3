// The shell's line editor (keys as a raw-mode terminal sends them) and its history file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/shell_history.h"
#include "cli/shell_line_editor.h"
#include "tests/casql_skip.h"

namespace casql::cli {
namespace {

// Feeds `keys` and returns the last event.
LineEditor::Event Type(LineEditor& editor, std::string_view keys) {
  LineEditor::Event last = LineEditor::Event::kNone;
  for (char c : keys) last = editor.Feed(c);
  return last;
}

constexpr const char* kLeft = "\x1b[D";
constexpr const char* kRight = "\x1b[C";
constexpr const char* kUp = "\x1b[A";
constexpr const char* kDown = "\x1b[B";

TEST(LineEditor, InsertsMovesAndDeletes) {
  std::vector<std::string> history;
  LineEditor editor(&history);
  editor.Start("casql> ");
  EXPECT_EQ(Type(editor, "SELEC 1"), LineEditor::Event::kNone);
  Type(editor, std::string(kLeft) + kLeft);
  Type(editor, "T");
  EXPECT_EQ(editor.line(), "SELECT 1");
  EXPECT_EQ(editor.cursor(), 6u);
  Type(editor, "\x01");  // Ctrl-A
  EXPECT_EQ(editor.cursor(), 0u);
  Type(editor, "\x1b[3~");  // Delete
  EXPECT_EQ(editor.line(), "ELECT 1");
  Type(editor,
       "\x05\x7f"
       "2");  // Ctrl-E, Backspace, 2
  EXPECT_EQ(editor.line(), "ELECT 2");
  Type(editor, "\x1b[H");  // Home
  Type(editor, "S");
  Type(editor, "\x1bOF");  // End (application mode)
  EXPECT_EQ(editor.cursor(), editor.line().size());
  EXPECT_EQ(editor.Feed('\r'), LineEditor::Event::kDone);
  EXPECT_EQ(editor.line(), "SELECT 2");
}

TEST(LineEditor, CutsToEndStartAndWord) {
  std::vector<std::string> history;
  LineEditor editor(&history);
  editor.Start("> ");
  Type(editor, "SELECT a, b FROM t");
  Type(editor, "\x17");  // Ctrl-W
  EXPECT_EQ(editor.line(), "SELECT a, b FROM ");
  Type(editor, "\x17\x17");
  EXPECT_EQ(editor.line(), "SELECT a, ");
  Type(editor, std::string(kLeft) + kLeft + "\x0b");  // Ctrl-K
  EXPECT_EQ(editor.line(), "SELECT a");
  Type(editor, "\x15");  // Ctrl-U
  EXPECT_EQ(editor.line(), "");
  EXPECT_EQ(editor.cursor(), 0u);
}

TEST(LineEditor, MovesOverWholeUtf8Characters) {
  std::vector<std::string> history;
  LineEditor editor(&history);
  editor.Start("> ");
  Type(editor, "'é€'");
  Type(editor, kLeft);
  Type(editor, kLeft);
  EXPECT_EQ(editor.cursor(), 3u);  // before '€' (3 bytes), after 'é' (2 bytes)
  EXPECT_EQ(editor.Render(), "\r> 'é€'\x1b[K\x1b[2D");
  Type(editor, "\x7f");
  EXPECT_EQ(editor.line(), "'€'");
  Type(editor, kRight);
  EXPECT_EQ(editor.cursor(), 4u);
}

TEST(LineEditor, RecallsHistoryAndKeepsTheLineBeingTyped) {
  std::vector<std::string> history = {"SELECT 1;", "SELECT 2;"};
  LineEditor editor(&history);
  editor.Start("casql> ");
  Type(editor, "SEL");
  Type(editor, kUp);
  EXPECT_EQ(editor.line(), "SELECT 2;");
  Type(editor, "\x10");  // Ctrl-P
  EXPECT_EQ(editor.line(), "SELECT 1;");
  Type(editor, kUp);  // nothing older
  EXPECT_EQ(editor.line(), "SELECT 1;");
  Type(editor, kDown);
  Type(editor, "\x0e");  // Ctrl-N
  EXPECT_EQ(editor.line(), "SEL");
  Type(editor, kDown);  // nothing newer
  EXPECT_EQ(editor.line(), "SEL");
  Type(editor, std::string(kUp) + "\x7f" + "3;");
  EXPECT_EQ(editor.line(), "SELECT 23;");
  EXPECT_EQ(history[1], "SELECT 2;");  // recalled lines are copies
}

TEST(LineEditor, EndOfInputInterruptAndIgnoredKeys) {
  std::vector<std::string> history;
  LineEditor editor(&history);
  editor.Start("> ");
  Type(editor, "\x1b[1;5D\x1b[15~\x07");  // Ctrl-Left, F5, Ctrl-G: ignored
  EXPECT_EQ(editor.line(), "");
  Type(editor, "ab");
  Type(editor, "\x01\x04");  // Ctrl-D on a non-empty line deletes
  EXPECT_EQ(editor.line(), "b");
  EXPECT_EQ(editor.Feed('\x03'), LineEditor::Event::kInterrupt);
  editor.Start("> ");
  EXPECT_EQ(editor.Feed('\x04'), LineEditor::Event::kEof);
}

class TempHistoryFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ =
        (std::filesystem::temp_directory_path() / ("casql-history-" + std::to_string(::getpid())))
            .string();
    std::filesystem::remove(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::vector<std::string> FileLines() const {
    std::ifstream in(path_);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  std::string path_;
};

TEST_F(TempHistoryFile, KeepsLinesAcrossSessionsAndSkipsRepeats) {
  {
    ShellHistory history(path_);
    EXPECT_TRUE(history.entries().empty());  // no file yet
    history.Add("SELECT 1;");
    history.Add("SELECT 1;");
    history.Add("");
    history.Add("\\SET -timeout 5s");
  }
  EXPECT_EQ(FileLines(), (std::vector<std::string>{"SELECT 1;", "\\SET -timeout 5s"}));
  ShellHistory again(path_);
  EXPECT_EQ(again.entries(), (std::vector<std::string>{"SELECT 1;", "\\SET -timeout 5s"}));
}

TEST_F(TempHistoryFile, KeepsTheNewestEntriesAndRewritesAGrownFile) {
  {
    std::ofstream out(path_);
    for (size_t i = 0; i < 2 * ShellHistory::kMaxEntries; ++i) out << "line " << i << "\n";
  }
  ShellHistory history(path_);
  ASSERT_EQ(history.entries().size(), ShellHistory::kMaxEntries);
  EXPECT_EQ(history.entries().front(), "line 1000");
  EXPECT_EQ(history.entries().back(), "line 1999");
  EXPECT_EQ(FileLines().size(), ShellHistory::kMaxEntries);  // rewritten on load
  history.Add("newest");
  EXPECT_EQ(history.entries().size(), ShellHistory::kMaxEntries);
  EXPECT_EQ(history.entries().back(), "newest");
  EXPECT_EQ(FileLines().back(), "newest");
}

TEST(ShellHistoryPath, IsInTheHomeDirectory) {
  const char* home = std::getenv("HOME");
  if (home == nullptr) CASQL_SKIP("HOME is not set");
  EXPECT_EQ(ShellHistory::DefaultPath(), std::string(home) + "/.casql_history");
}

}  // namespace
}  // namespace casql::cli
