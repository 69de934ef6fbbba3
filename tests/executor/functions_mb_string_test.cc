// The MB_ string functions (characters, not bytes) and Unicode case mapping, including the
// documented Couchbase examples.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsMbString, LengthAndPosition) {
  RunTable({
      {"MB_LENGTH(\"SQL++ is awesome\")", "16"},
      {"MB_LENGTH(\"Café\")", "4"},
      {"LENGTH(\"Café\")", "5"},
      {"MB_LENGTH(\"🙂\")", "1"},
      {"LENGTH(\"🙂\")", "4"},
      {"MB_LENGTH(\"\")", "0"},
      {"MB_LENGTH(1)", "null"},
      {"MB_LENGTH(d.nothing)", "MISSING"},
      {"MB_POSITION(\"🙂 SQL++ is awesome\", \"awesome\")", "11"},
      {"MB_POSITION(\"🙂 SQL++ is awesome\", \"N1QL\")", "-1"},
      {"MB_POSITION(\"🙂 SQL++ is awesome\", \"SQL\")", "2"},
      {"POSITION(\"🙂 SQL++ is awesome\", \"SQL\")", "5"},
      {"MB_POSITION1(\"🙂 SQL++ is awesome\", \"awesome\")", "12"},
      {"MB_POSITION1(\"🙂 SQL++ is awesome\", \"N1QL\")", "0"},
      {"MB_POSITION1(\"🙂 SQL++ is awesome\", \"SQL\")", "3"},
      {"MB_POS0(\"日本語で日本\", \"で日本\")", "3"},
      {"MB_POS1(\"日本語で日本\", \"で日本\")", "4"},
      {"MB_POS(\"日本語で日本\", \"本\")", "1"},
      {"POS0(\"日本語で日本\", \"で日本\")", "9"},
      {"POS1(\"日本語で日本\", \"で日本\")", "10"},
      {"MB_POSITION(\"abc\", \"\")", "0"},
      {"MB_POSITION(\"abc\", 1)", "null"},
  });
}

TEST(FunctionsMbString, Substr) {
  RunTable({
      {"MB_SUBSTR(\"🙂 SQL++ is awesome\", 11)", "\"awesome\""},
      {"MB_SUBSTR(\"🙂 SQL++ is awesome\", 11, 1)", "\"a\""},
      {"MB_SUBSTR(\"🙂 SQL++ is awesome\", 0, 10)", "\"🙂 SQL++ is\""},
      {"MB_SUBSTR1(\"🙂 SQL++ is awesome\", 12)", "\"awesome\""},
      {"MB_SUBSTR1(\"🙂 SQL++ is awesome\", 12, 1)", "\"a\""},
      {"MB_SUBSTR1(\"🙂 SQL++ is awesome\", 0, 10)", "\"🙂 SQL++ is\""},
      {"MB_SUBSTR0(\"日本語で日本\", 3, 1)", "\"で\""},
      {"MB_SUBSTR1(\"日本語で日本\", 3, 1)", "\"語\""},
      {"MB_SUBSTR(\"日本語\", -1)", "\"語\""},
      {"MB_SUBSTR(\"日本語\", -3, 2)", "\"日本\""},
      {"MB_SUBSTR(\"日本語\", 1, 10)", "\"本語\""},
      {"MB_SUBSTR(\"日本語\", 3)", "null"},
      {"MB_SUBSTR(\"日本語\", -4)", "null"},
      {"MB_SUBSTR(\"日本語\", 0, -1)", "null"},
      {"MB_SUBSTR(\"日本語\", 0.5)", "null"},
      {"MB_SUBSTR(\"日本語\", \"0\")", "null"},
      {"MB_SUBSTR(d.nothing, 0)", "MISSING"},
  });
}

TEST(FunctionsMbString, Pad) {
  RunTable({
      {"MB_LPAD(\"SQL++ is awesome\", 20)", "\"    SQL++ is awesome\""},
      {"MB_LPAD(\"SQL++ is awesome\", 20, \"🙂!\")", "\"🙂!🙂!SQL++ is awesome\""},
      {"MB_LPAD(\"SQL++ is awesome\", 20, \"987654321\")", "\"9876SQL++ is awesome\""},
      {"MB_LPAD(\"SQL++ is awesome\", 5, \"987654321\")", "\"SQL++\""},
      {"MB_RPAD(\"SQL++ is awesome\", 20)", "\"SQL++ is awesome    \""},
      {"MB_RPAD(\"SQL++ is awesome\", 20, \"🙂!\")", "\"SQL++ is awesome🙂!🙂!\""},
      {"MB_RPAD(\"SQL++ is awesome\", 20, \"123456789\")", "\"SQL++ is awesome1234\""},
      {"MB_RPAD(\"SQL++ is awesome\", 5, \"123456789\")", "\"SQL++\""},
      {"LPAD(\"SQL++ is awesome\", 20, \"🙂!\")", "\"🙂SQL++ is awesome\""},
      {"RPAD(\"SQL++ is awesome\", 20, \"🙂!\")", "\"SQL++ is awesome🙂\""},
      {"MB_LPAD(\"日本語で日本\", 25, \"で日本\")",
       "\"で日本で日本で日本で日本で日本で日本で日本語で日本\""},
      {"MB_RPAD(\"日本語で日本\", 25, \"で日本\")",
       "\"日本語で日本で日本で日本で日本で日本で日本で日本で\""},
      {"MB_LPAD(\"日本語\", 2)", "\"日本\""},
      {"MB_LPAD(\"ab\", 4, \"\")", "null"},
      {"LPAD(\"ab\", 4, \"\")", "null"},
      {"MB_RPAD(\"ab\", -1)", "null"},
      {"MB_RPAD(\"ab\", 1.5)", "null"},
      {"MB_RPAD(d.nothing, 1)", "MISSING"},
  });
}

TEST(FunctionsMbString, UnicodeCase) {
  RunTable({
      {"LOWER(\"ÀÉÎÕÜ\")", "\"àéîõü\""},
      {"UPPER(\"àéîõü\")", "\"ÀÉÎÕÜ\""},
      {"UPPER(\"straße\")", "\"STRAßE\""},
      {"LOWER(\"ΣΑΣ\")", "\"σασ\""},
      {"UPPER(\"привет\")", "\"ПРИВЕТ\""},
      {"LOWER(\"SQL++ is Awesome\")", "\"sql++ is awesome\""},
      {"UPPER(\"日本\")", "\"日本\""},
      {"INITCAP(\"élan vital\")", "\"Élan Vital\""},
      {"TITLE(\"ÉCOLE d'été\")", "\"École D'Été\""},
      {"INITCAP(\"ÄPFEL und BIRNEN\")", "\"Äpfel Und Birnen\""},
      {"CONCAT2(\"-\", \"a\", \"b\", [\"c\", \"d\"], [\"xyz\"])", "\"a-b-c-d-xyz\""},
      {"CONCAT2(\"-\", \"a\")", "\"a\""},
      {"CONCAT2(\"-\", [\"b\"])", "\"b\""},
      {"CONCAT2(\"\", \"a\", \"b\")", "\"ab\""},
      {"CONCAT2(\"-\", \"a\", 1)", "null"},
      {"CONCAT2(\"-\", \"a\", [1])", "null"},
      {"CONCAT2(1, \"a\")", "null"},
      {"CONCAT2(\"-\", \"a\", d.nothing)", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
