// CONTAINS_TOKEN, CONTAINS_TOKEN_LIKE and CONTAINS_TOKEN_REGEXP, over TOKENS()'s tokens.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

constexpr const char* kContacts =
    R"({"c": ["jim@abc.com, kim@abc.com,", "http://abc.com/, 408-555-1212"],)"
    R"( "doc": {"Name": "Ann Lee", "age": 42, "tags": ["Red", true]}})";

TEST(FunctionsToken, ContainsToken) {
  RunTable({
      {"CONTAINS_TOKEN(d.c, \"abc\")", "true", kContacts},
      {"CONTAINS_TOKEN(d.c, \"abcd\")", "false", kContacts},
      {"CONTAINS_TOKEN(d.c, \"kim@abc.com\")", "false", kContacts},
      {"CONTAINS_TOKEN(d.c, \"kim@abc.com\", {\"specials\": true})", "true", kContacts},
      {"CONTAINS_TOKEN(d.doc, \"Name\")", "true", kContacts},
      {"CONTAINS_TOKEN(d.doc, \"Name\", {\"names\": false})", "false", kContacts},
      {"CONTAINS_TOKEN(d.doc, \"lee\")", "false", kContacts},
      {"CONTAINS_TOKEN(d.doc, \"lee\", {\"case\": \"lower\"})", "true", kContacts},
      {"CONTAINS_TOKEN(d.doc, 42)", "true", kContacts},
      {"CONTAINS_TOKEN(d.doc, true)", "true", kContacts},
      {"HAS_TOKEN(d.doc, \"Red\")", "true", kContacts},
      {"CONTAINS_TOKEN(d.doc, \"x\", 1)", "null", kContacts},
      {"CONTAINS_TOKEN(d.n, \"x\")", "null"},
      {"CONTAINS_TOKEN(d.s, d.n)", "null"},
      {"CONTAINS_TOKEN(d.nothing, \"x\")", "MISSING"},
      {"CONTAINS_TOKEN(d.s, \"x\", d.nothing)", "MISSING"},
  });
}

TEST(FunctionsToken, LikeAndRegexp) {
  RunTable({
      {"CONTAINS_TOKEN_LIKE(d.c, \"kim@ab%\", {\"specials\": true})", "true", kContacts},
      {"CONTAINS_TOKEN_LIKE(d.c, \"kim@ab%\")", "false", kContacts},
      {"CONTAINS_TOKEN_LIKE(d.c, \"40_\")", "true", kContacts},
      {"CONTAINS_TOKEN_LIKE(d.c, \"%xyz%\")", "false", kContacts},
      {"CONTAINS_TOKEN_LIKE(d.doc, \"4%\")", "false", kContacts},
      {"CONTAINS_TOKEN_LIKE(d.c, 1)", "null", kContacts},
      {"CONTAINS_TOKEN_REGEXP(d.c, \"kim@ab(.*)\", {\"specials\": true})", "true", kContacts},
      {"CONTAINS_TOKEN_REGEXP(d.c, \"\\\\d{4}\")", "true", kContacts},
      {"CONTAINS_TOKEN_REGEXP(d.c, \"ab\")", "false", kContacts},
      {"CONTAINS_TOKEN_REGEX(d.c, \"a.c\")", "true", kContacts},
      {"CONTAINS_TOKEN_REGEXP(d.c, \"(\")", "null", kContacts},
      {"CONTAINS_TOKEN_REGEXP(d.n, \"a\")", "null"},
      {"CONTAINS_TOKEN_REGEXP(d.nothing, \"a\")", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
