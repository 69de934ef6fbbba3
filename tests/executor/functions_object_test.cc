// Object functions, with the examples of Couchbase's object function reference.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

constexpr const char* kDoc = R"({"sched": {"day": 0, "flight": "AF198", "utc": "10:13:00"},)"
                             R"( "p": {"b": 2, "a": null, "c": {"d": [1, {"e": 3}]}}, "x": 5})";

TEST(FunctionsObject, Table) {
  RunTable({
      {"OBJECT_ADD(d.sched, \"day_new\", 1)",
       R"({"day": 0, "day_new": 1, "flight": "AF198", "utc": "10:13:00"})", kDoc},
      {"OBJECT_ADD(d.sched, \"day\", 1)", "null", kDoc},
      {"OBJECT_ADD(d.sched, d.missing, 1)", "MISSING", kDoc},
      {"OBJECT_ADD(d.sched, null, 1)", R"({"day": 0, "flight": "AF198", "utc": "10:13:00"})", kDoc},
      {"OBJECT_ADD({}, \"k\", d.missing)", "{}", kDoc},
      {"OBJECT_ADD({}, \"k\", null)", R"({"k": null})", kDoc},
      {"OBJECT_ADD(1, \"k\", 1)", "null", kDoc},
      {"OBJECT_ADD(d.missing, \"k\", 1)", "MISSING", kDoc},
      {"OBJECT_CONCAT({\"abc\": 1}, {\"def\": 2}, {\"ghi\": 3}, {\"ghi\": 4})",
       R"({"abc": 1, "def": 2, "ghi": 4})", kDoc},
      {"OBJECT_CONCAT({\"a\": 1}, 1)", "null", kDoc},
      {"OBJECT_CONCAT({\"a\": 1}, d.missing)", "MISSING", kDoc},
      {"OBJECT_INNER_PAIRS(d.p)",
       R"([{"name": "b", "val": 2}, {"name": "c", "val": {"d": [1, {"e": 3}]}}])", kDoc},
      {"OBJECT_INNER_VALUES(d.p)", R"([2, {"d": [1, {"e": 3}]}])", kDoc},
      {"OBJECT_LENGTH(d.sched)", "3", kDoc},
      {"OBJECT_LENGTH({})", "0", kDoc},
      {"OBJECT_LENGTH([1])", "null", kDoc},
      {"OBJECT_LENGTH(d.missing)", "MISSING", kDoc},
      {"OBJECT_NAMES(d.p)", R"(["a", "b", "c"])", kDoc},
      {"OBJECT_NAMES(\"x\")", "null", kDoc},
      {"OBJECT_PAIRS(d.sched)",
       R"([{"name": "day", "val": 0}, {"name": "flight", "val": "AF198"}, {"name": "utc", "val": "10:13:00"}])",
       kDoc},
      {"OBJECT_PAIRS({\"a\": null})", R"([{"name": "a", "val": null}])", kDoc},
      {"OBJECT_PAIRS(1)", "null", kDoc},
      {"OBJECT_PUT(d.sched, \"day\", 7)", R"({"day": 7, "flight": "AF198", "utc": "10:13:00"})",
       kDoc},
      {"OBJECT_PUT({\"a\": 1}, \"b\", 2)", R"({"a": 1, "b": 2})", kDoc},
      {"OBJECT_PUT({\"a\": 1, \"b\": 2}, \"a\", d.missing)", R"({"b": 2})", kDoc},
      {"OBJECT_PUT({\"a\": 1}, 5, 2)", "null", kDoc},
      {"OBJECT_PUT(\"x\", \"a\", 2)", "null", kDoc},
      {"OBJECT_REMOVE(d.sched, \"day\")", R"({"flight": "AF198", "utc": "10:13:00"})", kDoc},
      {"OBJECT_REMOVE(d.sched, \"day\", \"utc\", \"none\")", R"({"flight": "AF198"})", kDoc},
      {"OBJECT_REMOVE(d.sched, 1)", "null", kDoc},
      {"OBJECT_REMOVE(d.missing, \"a\")", "MISSING", kDoc},
      {"OBJECT_RENAME(d.sched, \"utc\", \"time\")",
       R"({"day": 0, "flight": "AF198", "time": "10:13:00"})", kDoc},
      {"OBJECT_RENAME({\"a\": 1}, \"zz\", \"b\")", R"({"a": 1})", kDoc},
      {"OBJECT_RENAME({\"a\": 1}, 1, \"b\")", "null", kDoc},
      {"OBJECT_REPLACE({\"a\": 1, \"b\": 2, \"c\": 1}, 1, \"one\")",
       R"({"a": "one", "b": 2, "c": "one"})", kDoc},
      {"OBJECT_REPLACE({\"a\": null}, null, 1)", R"({"a": null})", kDoc},
      {"OBJECT_REPLACE(1, 1, 2)", "null", kDoc},
      {"OBJECT_UNWRAP({\"name\": \"value\"})", "\"value\"", kDoc},
      {"OBJECT_UNWRAP({\"a\": 1, \"b\": 2})", "null", kDoc},
      {"OBJECT_UNWRAP({})", "null", kDoc},
      {"OBJECT_UNWRAP(d.missing)", "MISSING", kDoc},
      {"OBJECT_VALUES(d.sched)", R"([0, "AF198", "10:13:00"])", kDoc},
      {"OBJECT_VALUES(d.p)", R"([null, 2, {"d": [1, {"e": 3}]}])", kDoc},
      {"OBJECT_VALUES([1])", "null", kDoc},
      {"OBJECT_FIELD(d.p, \"b\")", "2", kDoc},
      {"OBJECT_FIELD(d.p, \"c.d[1].e\")", "3", kDoc},
      {"OBJECT_FIELD(d.p, \"c.d[0]\")", "1", kDoc},
      {"OBJECT_FIELD(d.p, \"zz\")", "MISSING", kDoc},
      {"OBJECT_FIELD(d.p, 1)", "null", kDoc},
      {"OBJECT_PATHS({\"a\": 1, \"b\": {\"c\": 2, \"d\": [3, {\"e\": 4}]}})",
       R"(["a", "b", "b.c", "b.d", "b.d[1].e"])", kDoc},
      {"OBJECT_PATHS({\"a\": 1, \"b\": {\"c\": 2}}, {\"composites\": false})", R"(["a", "b.c"])",
       kDoc},
      {"OBJECT_PATHS({\"d\": [3, {\"e\": 4}]}, {\"arraysubscript\": false})", R"(["d", "d[*].e"])",
       kDoc},
      {"OBJECT_PATHS({\"a\": [{\"b\": 1}, {\"b\": 2}]}, {\"arraysubscript\": false})",
       R"(["a", "a[*].b", "a[*].b"])", kDoc},
      {"OBJECT_PATHS({\"a\": [{\"b\": 1}, {\"b\": 2}]}, {\"arraysubscript\": false, "
       "\"unique\": true})",
       R"(["a", "a[*].b"])", kDoc},
      {"OBJECT_PATHS({\"a\": [{\"b\": 1}, {\"b2\": 2}]}, {\"pattern\": \"2\"})", R"(["a[1].b2"])",
       kDoc},
      {"OBJECT_PATHS({\"a b\": 1})", R"(["`a b`"])", kDoc},
      {"OBJECT_PATHS(1)", "null", kDoc},
      {"OBJECT_PATHS(d.missing)", "MISSING", kDoc},
  });
}

constexpr const char* kNested =
    R"({"t": {"a": 1, "b": 2, "c": {"a": [{"b": 3}, {"b": 4}, {"b": [{"c": 5}]}]}}})";

TEST(FunctionsObject, PairsNested) {
  RunTable({
      {"OBJECT_PAIRS_NESTED(d.t)",
       R"([{"name": "a", "val": 1}, {"name": "b", "val": 2}, {"name": "c.a[0].b", "val": 3},)"
       R"( {"name": "c.a[1].b", "val": 4}, {"name": "c.a[2].b[0].c", "val": 5}])",
       kNested},
      {"OBJECT_PAIRS_NESTED(d.t, {\"pattern\": \"\\\\[2\\\\].b\"})",
       R"([{"name": "c.a[2].b[0].c", "val": 5}])", kNested},
      {"OBJECT_PAIRS_NESTED(d.t, {\"composites\": true})",
       R"([{"name": "a", "val": 1}, {"name": "b", "val": 2},)"
       R"( {"name": "c", "val": {"a": [{"b": 3}, {"b": 4}, {"b": [{"c": 5}]}]}},)"
       R"( {"name": "c.a", "val": [{"b": 3}, {"b": 4}, {"b": [{"c": 5}]}]},)"
       R"( {"name": "c.a[0]", "val": {"b": 3}}, {"name": "c.a[0].b", "val": 3},)"
       R"( {"name": "c.a[1]", "val": {"b": 4}}, {"name": "c.a[1].b", "val": 4},)"
       R"( {"name": "c.a[2]", "val": {"b": [{"c": 5}]}}, {"name": "c.a[2].b", "val": [{"c": 5}]},)"
       R"( {"name": "c.a[2].b[0]", "val": {"c": 5}}, {"name": "c.a[2].b[0].c", "val": 5}])",
       kNested},
      {"OBJECT_PAIRS_NESTED(d.t.c, {\"index\": true})",
       R"([{"name": "`a`[].`b`", "val": 3}, {"name": "`a`[].`b`", "val": 4},)"
       R"( {"name": "`a`[].`b`[].`c`", "val": 5}])",
       kNested},
      {"OBJECT_PAIRS_NESTED([1, {\"x y\": 2}])",
       R"([{"name": "[0]", "val": 1}, {"name": "[1].`x y`", "val": 2}])"},
      {"OBJECT_PAIRS_NESTED({})", "[]"},
      {"OBJECT_PAIRS_NESTED(\"a\")", "null"},
      {"OBJECT_PAIRS_NESTED({\"a\": 1}, 1)", "null"},
      {"OBJECT_PAIRS_NESTED({\"a\": 1}, {\"pattern\": \"(\"})", "null"},
      {"OBJECT_PAIRS_NESTED(d.nothing)", "MISSING"},
  });
}

constexpr const char* kFilterDoc =
    R"({"a": [{"bb": {"c": 0}}, {"cd": 1}, {"d": 1}, {"dc": [2, {"x": true}]}]})";

TEST(FunctionsObject, Filter) {
  RunTable({
      {"OBJECT_FILTER(d, {\"pattern\": \"bb$\", \"composites\": true})",
       R"({"a": [{"bb": {"c": 0}}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"a[3].dc[1].x\", \"regex\": false})",
       R"({"a": [{"dc": [{"x": true}]}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"a[3].dc[1].x\"})", "null", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"^a\\\\[1\\\\]\"})", R"({"a": [{"cd": 1}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"d\", \"patternspace\": \"field\"})",
       R"({"a": [{"cd": 1}, {"d": 1}, {"dc": [2, {"x": true}]}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"d\", \"patternspace\": \"field\", \"exact\": true})",
       R"({"a": [{"d": 1}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"CD\", \"ignorecase\": true})", R"({"a": [{"cd": 1}]})",
       kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"x\", \"composites\": false})",
       R"({"a": [{"dc": [{"x": true}]}]})", kFilterDoc},
      {"OBJECT_FILTER(d, {\"pattern\": \"a[*].cd\", \"regex\": false, "
       "\"arraysubscript\": false})",
       R"({"a": [{"cd": 1}]})", kFilterDoc},
      {"OBJECT_FILTER({\"a\": 1, \"b\": 2})", R"({"a": 1, "b": 2})"},
      {"OBJECT_FILTER({\"a\": 1}, {\"pattern\": \"z\"})", "null"},
      {"OBJECT_FILTER(1)", "null"},
      {"OBJECT_FILTER({\"a\": 1}, \"a\")", "null"},
      {"OBJECT_FILTER(d.nothing)", "MISSING"},
      {"OBJECT_INNERPAIRS({\"a\": 1, \"b\": null})", R"([{"name": "a", "val": 1}])"},
      {"OBJECT_OUTER_VALUES({\"b\": 2, \"a\": 1})", "[1, 2]"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
