// String and regular-expression functions, including the documented Couchbase examples.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsString, Table) {
  RunTable({
      // CONCAT
      {"CONCAT(\"abc\", \"def\", \"ghi\")", "\"abcdefghi\""},
      {"CONCAT(d.s, \"!\")", "\"hello!\""},
      {"CONCAT(d.s, 1)", "null"},
      {"CONCAT(d.s, d.n)", "null"},
      {"CONCAT(d.s, d.nothing)", "MISSING"},
      {"CONCAT(d.n, d.nothing)", "MISSING"},
      // CONTAINS
      {"CONTAINS(\"N1QL is awesome\", \"N1QL\")", "true"},
      {"CONTAINS(\"N1QL is awesome\", \"SQL\")", "false"},
      {"CONTAINS(d.s, \"\")", "true"},
      {"CONTAINS(d.s, 1)", "null"},
      {"CONTAINS(d.nothing, \"a\")", "MISSING"},
      // INITCAP / TITLE
      {"INITCAP(\"N1QL is awesome\")", "\"N1ql Is Awesome\""},
      {"TITLE(\"hello-world o'neil x_y\")", "\"Hello-World O'Neil X_y\""},
      {"INITCAP(\"\")", "\"\""},
      {"INITCAP(1)", "null"},
      {"TITLE(d.nothing)", "MISSING"},
      // LENGTH
      {"LENGTH(\"N1QL is awesome\")", "15"},
      {"LENGTH(\"\")", "0"},
      {"LENGTH(\"é\")", "2"},
      {"LENGTH(d.arr)", "null"},
      {"LENGTH(d.n)", "null"},
      {"LENGTH(d.nothing)", "MISSING"},
      // LOWER / UPPER
      {"LOWER(\"N1QL is Awesome\")", "\"n1ql is awesome\""},
      {"UPPER(\"N1QL is Awesome\")", "\"N1QL IS AWESOME\""},
      {"UPPER(1)", "null"},
      {"LOWER(d.nothing)", "MISSING"},
      {"upper(d.s)", "\"HELLO\""},
      // TRIM family
      {"LTRIM(\"...N1QL is awesome\", \".\")", "\"N1QL is awesome\""},
      {"LTRIM(\"   N1QL is awesome\")", "\"N1QL is awesome\""},
      {"RTRIM(\"N1QL is awesome...\", \".\")", "\"N1QL is awesome\""},
      {"RTRIM(\"N1QL is awesome   \")", "\"N1QL is awesome\""},
      {"TRIM(\"...N1QL is awesome...\", \".\")", "\"N1QL is awesome\""},
      {"TRIM(\"  \\t hi \\n \")", "\"hi\""},
      {"TRIM(\"xyhixy\", \"xy\")", "\"hi\""},
      {"TRIM(1)", "null"},
      {"TRIM(d.s, 1)", "null"},
      {"TRIM(d.nothing, \".\")", "MISSING"},
      {"LTRIM(d.s, d.nothing)", "MISSING"},
      // POSITION
      {"POSITION(\"N1QL is awesome\", \"awesome\")", "8"},
      {"POSITION(\"N1QL is awesome\", \"N1QL\")", "0"},
      {"POSITION(\"N1QL is awesome\", \"SQL\")", "-1"},
      {"POSITION1(\"N1QL is awesome\", \"awesome\")", "9"},
      {"POSITION1(\"N1QL is awesome\", \"SQL\")", "0"},
      {"POSITION0(d.s, \"l\")", "2"},
      {"POSITION(d.s, 1)", "null"},
      {"POSITION(d.nothing, \"a\")", "MISSING"},
      // REPEAT
      {"REPEAT(\"N1QL\", 3)", "\"N1QLN1QLN1QL\""},
      {"REPEAT(\"a\", 0)", "\"\""},
      {"REPEAT(\"a\", -1)", "null"},
      {"REPEAT(\"a\", 1.5)", "null"},
      {"REPEAT(\"a\", \"2\")", "null"},
      {"REPEAT(d.nothing, 2)", "MISSING"},
      // REPLACE
      {"REPLACE(\"SQL SQL SQL\", \"S\", \"N1\")", "\"N1QL N1QL N1QL\""},
      {"REPLACE(\"SQL SQL SQL\", \"S\", \"N1\", 2)", "\"N1QL N1QL SQL\""},
      {"REPLACE(\"SQL SQL SQL\", \"S\", \"N1\", 0)", "\"SQL SQL SQL\""},
      {"REPLACE(\"abc\", \"\", \"-\")", "\"-a-b-c-\""},
      {"REPLACE(\"abc\", \"x\", \"y\")", "\"abc\""},
      {"REPLACE(\"abc\", \"b\", 1)", "null"},
      {"REPLACE(\"abc\", \"b\", \"c\", 1.5)", "null"},
      {"REPLACE(d.nothing, \"b\", \"c\")", "MISSING"},
      // REVERSE
      {"REVERSE(\"N1QL is awesome\")", "\"emosewa si LQ1N\""},
      {"REVERSE(\"héllo\")", "\"olléh\""},
      {"REVERSE(\"\")", "\"\""},
      {"REVERSE(1)", "null"},
      {"REVERSE(d.nothing)", "MISSING"},
      // SPLIT
      {"SPLIT(\"N1QL is awesome\", \" \")", R"(["N1QL", "is", "awesome"])"},
      {"SPLIT(\"N1QL is awesome\")", R"(["N1QL", "is", "awesome"])"},
      {"SPLIT(\"  a   b  \")", R"(["a", "b"])"},
      {"SPLIT(\"a,b,,c\", \",\")", R"(["a", "b", "", "c"])"},
      {"SPLIT(\"abc\", \"\")", R"(["a", "b", "c"])"},
      {"SPLIT(1)", "null"},
      {"SPLIT(d.nothing)", "MISSING"},
      // SUBSTR
      {"SUBSTR(\"N1QL is awesome\", 3)", "\"L is awesome\""},
      {"SUBSTR(\"N1QL is awesome\", 3, 1)", "\"L\""},
      {"SUBSTR(\"N1QL is awesome\", 15)", "null"},
      {"SUBSTR(\"N1QL is awesome\", -4, 2)", "\"so\""},
      {"SUBSTR(\"abc\", 1, 10)", "\"bc\""},
      {"SUBSTR(\"abc\", 0)", "\"abc\""},
      {"SUBSTR(\"abc\", -4)", "null"},
      {"SUBSTR(\"abc\", 1, -1)", "null"},
      {"SUBSTR(\"abc\", 1.5)", "null"},
      {"SUBSTR(1, 1)", "null"},
      {"SUBSTR(\"abc\", d.nothing)", "MISSING"},
      {"SUBSTR1(\"N1QL is awesome\", 3, 1)", "\"Q\""},
      {"SUBSTR1(\"abc\", 1)", "\"abc\""},
      {"SUBSTR1(\"abc\", 0)", "\"abc\""},
      {"SUBSTR1(\"abc\", -1)", "\"c\""},
      {"SUBSTR1(\"abc\", 4)", "null"},
      // SUFFIXES
      {"SUFFIXES(\"N1QL\")", R"(["N1QL", "1QL", "QL", "L"])"},
      {"SUFFIXES(\"\")", "[]"},
      {"SUFFIXES(\"é1\")", R"(["é1", "1"])"},
      {"SUFFIXES(1)", "null"},
      {"SUFFIXES(d.nothing)", "MISSING"},
      // TOKENS
      {"TOKENS(\"hello world\")", R"(["hello", "world"])"},
      {"TOKENS([\"a b\", 1, true, \"b\"])", R"([true, 1, "a", "b"])"},
      {"TOKENS({\"Name\": \"Ann Lee\"})", R"(["Ann", "Lee", "Name"])"},
      {"TOKENS({\"Name\": \"Ann Lee\"}, {\"names\": false})", R"(["Ann", "Lee"])"},
      {"TOKENS(\"Hi There\", {\"case\": \"lower\"})", R"(["hi", "there"])"},
      {"TOKENS(\"Hi There\", {\"case\": \"UPPER\"})", R"(["HI", "THERE"])"},
      {"TOKENS(\"jim@example.com\", {\"specials\": true})",
       R"(["com", "example", "jim", "jim@example.com"])"},
      {"TOKENS(\"a\", 1)", "null"},
      {"TOKENS(d.nothing)", "MISSING"},
  });
}

TEST(FunctionsRegexp, Table) {
  RunTable({
      {"REGEXP_CONTAINS(\"N1QL is awesome\", \"a.+e\")", "true"},
      {"REGEXP_CONTAINS(\"N1QL is awesome\", \"^is\")", "false"},
      {"REGEXP_CONTAINS(\"abc\", \"(\")", "null"},
      {"REGEXP_CONTAINS(1, \"1\")", "null"},
      {"REGEXP_CONTAINS(d.nothing, \"a\")", "MISSING"},
      {"REGEXP_LIKE(\"N1QL is awesome\", \"N1QL.+\")", "true"},
      {"REGEXP_LIKE(\"N1QL is awesome\", \"awesome\")", "false"},
      {"REGEXP_LIKE(\"abc\", \"[a-c]+\")", "true"},
      {"REGEXP_LIKE(d.n, \"a\")", "null"},
      {"REGEXP_POSITION(\"N1QL is awesome\", \"so\")", "11"},
      {"REGEXP_POSITION(\"N1QL is awesome\", \"xyz\")", "-1"},
      {"REGEXP_POSITION1(\"N1QL is awesome\", \"so\")", "12"},
      {"REGEXP_POSITION1(\"abc\", \"x\")", "0"},
      {"REGEXP_POSITION0(\"abc\", \"b+\")", "1"},
      {"REGEXP_REPLACE(\"N1QL is awesome\", \"N1QL\", \"SQL++\")", "\"SQL++ is awesome\""},
      {"REGEXP_REPLACE(\"aaa\", \"a\", \"b\", 2)", "\"bba\""},
      {"REGEXP_REPLACE(\"2016-05-15\", \"(\\\\d+)-(\\\\d+)-(\\\\d+)\", \"$3/$2/$1\")",
       "\"15/05/2016\""},
      {"REGEXP_REPLACE(\"ab\", \"x*\", \"-\")", "\"-a-b-\""},
      {"REGEXP_REPLACE(\"abc\", \"(?P<mid>b)\", \"[${mid}]\")", "\"a[b]c\""},
      {"REGEXP_REPLACE(\"abc\", \"b\", 1)", "null"},
      {"REGEXP_REPLACE(d.nothing, \"b\", \"c\")", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
