#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "value/json.h"

namespace casql {
namespace {

TEST(JsonRead, IntegersStayExactInt64) {
  auto v = ParseJson("9007199254740993");
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE(v->IsInt());
  EXPECT_EQ(v->AsInt(), 9007199254740993);
  EXPECT_EQ(ToJson(*v), "9007199254740993");
  EXPECT_EQ(ToJson(ParseJson("-9223372036854775808").value()), "-9223372036854775808");
}

TEST(JsonRead, LargeIntegersAndFractionsBecomeDoubles) {
  auto big = ParseJson("18446744073709551615").value();
  EXPECT_TRUE(big.IsDouble());
  auto frac = ParseJson("0.5").value();
  EXPECT_TRUE(frac.IsDouble());
  EXPECT_EQ(frac.AsDouble(), 0.5);
  EXPECT_TRUE(ParseJson("1e2").value().IsDouble());
}

TEST(JsonRead, ObjectsKeepInsertionOrderAndLastDuplicateWins) {
  auto v = ParseJson(R"({"b":1,"a":2,"b":3})").value();
  ASSERT_EQ(v.AsObject().size(), 2u);
  EXPECT_EQ(v.AsObject().entries()[0].first, "b");
  EXPECT_EQ(v.Field("b").AsInt(), 3);
  EXPECT_EQ(ToJson(v), R"({"b":3,"a":2})");
}

TEST(JsonRead, MalformedInputReportsTheByteOffset) {
  auto v = ParseJson(R"({"a" 1})");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("byte offset 5"), std::string::npos) << v.status().message();
  EXPECT_FALSE(ParseJson("").ok());
  EXPECT_FALSE(ParseJson("[1,2").ok());
  EXPECT_FALSE(ParseJson("{\"a\":1} x").ok());
  EXPECT_FALSE(ParseJson("\"\xff\"").ok());  // invalid UTF-8
  // Lone surrogates, high or low, in values and keys: no Unicode character, no UTF-8 for them.
  EXPECT_FALSE(ParseJson(R"("\ud800")").ok());
  auto low = ParseJson(R"(["\udc00"])");
  ASSERT_FALSE(low.ok());
  EXPECT_NE(low.status().message().find("lone surrogate"), std::string::npos)
      << low.status().message();
  EXPECT_FALSE(ParseJson(R"({"\udfff": 1})").ok());
  // A proper pair is one character (U+1F600), four UTF-8 bytes.
  EXPECT_EQ(ParseJson(R"("\ud83d\ude00")").value().AsString(), "\xf0\x9f\x98\x80");
  // Beyond the double range: JSON has no infinity to read it as.
  auto huge = ParseJson("[327856385.7e300]");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("beyond the range of a double"), std::string::npos)
      << huge.status().message();
  EXPECT_FALSE(ParseJson("-1e400").ok());
  // RapidJSON's own conversion asserted or read out of bounds on these (found by json_fuzzer).
  EXPECT_FALSE(ParseJson("[922337203685477580.68547e300]").ok());
  EXPECT_EQ(
      ParseJson("-0.0000000000000000000000000000000000000000000000000000000000000000000000001")
          .value()
          .AsDouble(),
      -1e-73);
  EXPECT_EQ(ParseJson("1e-400").value().AsDouble(), 0.0);
  EXPECT_EQ(ParseJson("1.7976931348623157e308").value().AsDouble(), 1.7976931348623157e308);
  auto trailing = ParseJson("[1] [2]");
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.status().message().find("byte offset 4"), std::string::npos);
}

TEST(JsonRead, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  auto v = ParseJson(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("nesting deeper than 512"), std::string::npos);

  std::string ok_depth = std::string(512, '[') + std::string(512, ']');
  EXPECT_TRUE(ParseJson(ok_depth).ok());
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"a\":";
  objects += "1" + std::string(600, '}');
  EXPECT_FALSE(ParseJson(objects).ok());
}

// Recovery decides whether a stored body is JSON with IsValidJson and parses it only on first
// use, so the two must agree on every text, at every boundary ParseJson draws.
TEST(JsonRead, IsValidJsonAgreesWithParseJson) {
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"a\":";
  objects += "1" + std::string(600, '}');
  const std::string texts[] = {"",
                               " ",
                               "{}",
                               "[]",
                               "null",
                               "true",
                               "-0",
                               "0.5e-3",
                               "1e-400",
                               "-1e400",
                               "1e400",
                               "1.7976931348623157e308",
                               "1.8e308",
                               "[327856385.7e300]",
                               "[922337203685477580.68547e300]",
                               "18446744073709551616",
                               "-9223372036854775809",
                               "9223372036854775807",
                               "01",
                               "1.",
                               ".5",
                               "[1,2",
                               "[1,]",
                               R"({"a" 1})",
                               R"({"a":1,})",
                               "{\"a\":1} x",
                               "{\"a\":1} \n\t\r ",
                               "[1] [2]",
                               "\"\xff\"",
                               "\"\xed\xa0\x80\"",
                               R"("\ud800")",
                               R"(["\udc00"])",
                               R"({"\udfff": 1})",
                               R"("\ud83d\ude00")",
                               "\"tab\there\"",
                               R"("\u0000")",
                               "\"\xf0\x9f\x98\x80\"",
                               std::string(512, '[') + std::string(512, ']'),
                               std::string(513, '[') + std::string(513, ']'),
                               objects,
                               "nul",
                               "tru",
                               "NaN",
                               "Infinity",
                               R"({"a":[1,{"b":null}],"c":"d"})",
                               std::string("\"a\0b\"", 5)};
  for (const std::string& text : texts) {
    EXPECT_EQ(IsValidJson(text), ParseJson(text).ok()) << text.substr(0, 40);
    EXPECT_EQ(IsValidJson(text, 2), ParseJson(text, 2).ok()) << text.substr(0, 40);
  }
  EXPECT_TRUE(IsValidJson(R"({"a":[1,{"b":null}],"c":"d"})"));
  EXPECT_FALSE(IsValidJson("1e400"));
  EXPECT_FALSE(IsValidJson(std::string(3, '[') + std::string(3, ']'), 2));
}

TEST(JsonWrite, RoundTripsEveryType) {
  const char* text =
      R"({"n":null,"t":true,"f":false,"i":-12,"d":1.25,"s":"a\"b\\c\n","a":[1,[2],{}],"o":{"x":"y"}})";
  EXPECT_EQ(ToJson(ParseJson(text).value()), text);
}

TEST(JsonWrite, MissingIsDroppedFromObjectsAndNullElsewhere) {
  Object o;
  o.Set("a", Value(int64_t{1}));
  o.Set("gone", Value());
  EXPECT_EQ(ToJson(Value(o)), R"({"a":1})");
  EXPECT_EQ(ToJson(Value(Array{Value(), Value(int64_t{2})})), "[null,2]");
}

TEST(JsonWrite, DoublesFollowGoFormatting) {
  EXPECT_EQ(ToJson(Value(2.0)), "2");
  EXPECT_EQ(ToJson(Value(0.5)), "0.5");
  EXPECT_EQ(ToJson(Value(1e21)), "1e+21");
  EXPECT_EQ(ToJson(Value(1e-7)), "1e-07");
  EXPECT_EQ(ToJson(Value(123456.789)), "123456.789");
  EXPECT_EQ(ToJson(Value(std::nan(""))), "\"NaN\"");
  EXPECT_EQ(ToJson(Value(-INFINITY)), "\"-Infinity\"");
}

TEST(JsonWrite, PrettyIndentsWithFourSpaces) {
  std::string out;
  AppendPrettyJson(ParseJson(R"({"a":[1]})").value(), &out);
  EXPECT_EQ(out, "{\n    \"a\": [\n        1\n    ]\n}");
}

TEST(JsonWrite, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // "\xE6\x97" is a character cut short (as a byte-wise SUBSTR can leave one); valid text
  // around it is kept, in strings and in field names alike.
  const Value v(Object{{"k\xFF", Value(std::string("a\xE6\x97"
                                                   "b\xC3\xA9"))}});
  EXPECT_EQ(ToJson(v),
            "{\"k\xEF\xBF\xBD\":\"a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b\xC3\xA9\"}");
  EXPECT_EQ(ToJson(Value(std::string("\xF0\x9F\x99\x82"))), "\"\xF0\x9F\x99\x82\"");
  EXPECT_EQ(ToJson(Value(std::string("\xED\xA0\x80"))), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWrite, RecordedTextIsCopiedUntilTheObjectChanges) {
  Object o;
  o.Set("a", Value(int64_t{1}));
  // A text that differs from the fields shows which one the writer used.
  auto text = std::make_shared<const std::string>(R"({"recorded":true})");
  o.set_json_text(text);
  EXPECT_EQ(ToJson(Value(Array{Value(o)})), R"([{"recorded":true}])");
  Object wrapped;
  wrapped.Set("doc", Value(o));
  EXPECT_EQ(ToJson(Value(wrapped)), R"({"doc":{"recorded":true}})");
  std::string pretty;
  AppendPrettyJson(Value(o), &pretty);
  EXPECT_EQ(pretty, "{\n    \"a\": 1\n}") << "pretty output walks the fields";

  Value changed(o);
  changed.MutableObject().Set("b", Value(int64_t{2}));
  EXPECT_EQ(ToJson(changed), R"({"a":1,"b":2})");
  Value nested(o);
  *nested.MutableObject().FindMutable("a") = Value(int64_t{3});
  EXPECT_EQ(ToJson(nested), R"({"a":3})");
  EXPECT_EQ(ToJson(Value(o)), R"({"recorded":true})") << "copies changed, not the original";

  text.reset();
  EXPECT_EQ(ToJson(Value(o)), R"({"a":1})") << "the text's owner is gone";
}

}  // namespace
}  // namespace casql
