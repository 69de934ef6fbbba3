// Date functions, pinned to the examples of Couchbase's date function reference. The local
// zone is fixed to America/Los_Angeles for this binary, the zone of those examples.
#include <cstdlib>

#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

class PacificTime : public ::testing::Environment {
 public:
  void SetUp() override { setenv("TZ", "America/Los_Angeles", 1); }
};
const auto* const kPacific = ::testing::AddGlobalTestEnvironment(new PacificTime);

TEST(FunctionsDate, Conversions) {
  RunTable({
      {"MILLIS_TO_STR(1463284740000)", "\"2016-05-14T20:59:00-07:00\""},
      {"MILLIS_TO_STR(1463284740000, 'invalid format')", "\"2016-05-14T20:59:00-07:00\""},
      {"MILLIS_TO_STR(1463284740000, '1111-11-11')", "\"2016-05-14\""},
      {"MILLIS_TO_LOCAL(1463284740123)", "\"2016-05-14T20:59:00.123-07:00\""},
      {"MILLIS_TO_STR(1463284740500)", "\"2016-05-14T20:59:00.5-07:00\""},
      {"MILLIS_TO_STR(1463284740000.7)", "\"2016-05-14T20:59:00-07:00\""},
      {"MILLIS_TO_STR(\"x\")", "null"},
      {"MILLIS_TO_STR(1, 2)", "null"},
      {"MILLIS_TO_STR(d.nothing)", "MISSING"},
      {"MILLIS_TO_UTC(1463284740000)", "\"2016-05-15T03:59:00Z\""},
      {"MILLIS_TO_UTC(1463284740000, '1111-11-11')", "\"2016-05-15\""},
      {"MILLIS_TO_UTC(0)", "\"1970-01-01T00:00:00Z\""},
      {"MILLIS_TO_UTC(-1)", "\"1969-12-31T23:59:59.999Z\""},
      {"MILLIS_TO_UTC(1463284740000, 'YYYY-MM-DD hh:mm:ss')", "\"2016-05-15 03:59:00\""},
      {"MILLIS_TO_UTC(1463284740000, '%Y/%m/%d %H.%M')", "\"2016/05/15 03.59\""},
      {"MILLIS_TO_UTC(1463284740000, '2006-01-02 15:04:05Z07:00')", "\"2016-05-15 03:59:00Z\""},
      {"MILLIS_TO_UTC(1463284740000, 'DD-MON-YYYY')", "\"15-MAY-2016\""},
      {"MILLIS_TO_UTC(1463284740000, '%A %d %B %Y')", "\"Sunday 15 May 2016\""},
      {"MILLIS_TO_UTC(1420196800000, '%T %z %D')", "\"11:06:40 +0000 2015-01-02\""},
      {"MILLIS_TO_TZ(1463284740000, 'America/New_York')", "\"2016-05-14T23:59:00-04:00\""},
      {"MILLIS_TO_TZ(1463284740000, 'Asia/Kolkata')", "\"2016-05-15T09:29:00+05:30\""},
      {"MILLIS_TO_TZ(1463284740000, 'UTC')", "\"2016-05-15T03:59:00Z\""},
      {"MILLIS_TO_TZ(1463284740000, 'Europe/Paris', '%H:%M %Z')", "\"05:59 Europe/Paris\""},
      {"MILLIS_TO_TZ(1463284740000, 'Not/AZone')", "null"},
      {"MILLIS_TO_ZONE_NAME(0, 'UTC', '1111-11-11')", "\"1970-01-01\""},
      {"STR_TO_MILLIS('2016-05-15T03:59:00Z')", "1463284740000"},
      {"MILLIS('2016-05-15T03:59:00Z')", "1463284740000"},
      {"STR_TO_MILLIS('2016-05-15T03:59:00.5+02:00')", "1463277540500"},
      {"STR_TO_MILLIS('2016-05-15 03:59:00Z')", "1463284740000"},
      {"STR_TO_MILLIS('2016-05-14T20:59:00')", "1463284740000"},
      {"STR_TO_MILLIS('2016-05-15')", "1463295600000"},
      {"STR_TO_MILLIS('19/08/2011 6:33:23+0000', '02/01/2006 15:04:05Z0700')", "1313735603000"},
      {"STR_TO_MILLIS('2016-02-30')", "null"},
      {"STR_TO_MILLIS('yesterday')", "null"},
      {"STR_TO_MILLIS(5)", "null"},
      {"STR_TO_MILLIS(d.nothing)", "MISSING"},
      {"STR_TO_UTC('1111-11-11T00:00:00+08:00')", "\"1111-11-10T16:00:00Z\""},
      {"STR_TO_UTC('2016-05-14T20:59:00-07:00')", "\"2016-05-15T03:59:00Z\""},
      {"STR_TO_UTC('2016-05-14 20:59:00')", "\"2016-05-15 03:59:00\""},
      {"STR_TO_UTC('2016-05-15T03:59:00Z', '%d.%m.%Y')", "\"15.05.2016\""},
      {"STR_TO_UTC('bad')", "null"},
      {"STR_TO_TZ('1111-11-11T00:00:00+08:00', 'America/New_York')",
       "\"1111-11-10T11:03:58-04:56\""},
      {"STR_TO_TZ('1111-11-11T00:00:00+08:00', 'UTC')", "\"1111-11-10T16:00:00Z\""},
      {"STR_TO_TZ('2016-05-15T03:59:00Z', 'Asia/Kolkata')", "\"2016-05-15T09:29:00+05:30\""},
      {"STR_TO_ZONE_NAME('2016-05-15T03:59:00Z', 'Europe/London')",
       "\"2016-05-15T04:59:00+01:00\""},
      {"STR_TO_TZ('2016-05-15T03:59:00Z', 'Nowhere')", "null"},
      {"DATE_FORMAT_STR('2016-05-15T00:00:23+00:00', '1111-11-11')", "\"2016-05-15\""},
      {"DATE_FORMAT_STR('2016-05-15', '1111-11-11T00:00:00+00:00')",
       "\"2016-05-15T00:00:00-07:00\""},
      {"DATE_FORMAT_STR('15-MAY-2016', 'DD-MON-YYYY', 'YYYY-MM-DD')", "\"2016-05-15\""},
      {"DATE_FORMAT_STR('2016-05-15T10:11:12Z', '%H:%M:%S')", "\"10:11:12\""},
      {"DATE_FORMAT_STR('nope', '1111-11-11')", "null"},
      {"DATE_FORMAT_STR(1, '1111-11-11')", "null"},
  });
}

TEST(FunctionsDate, Arithmetic) {
  RunTable({
      {"DATE_ADD_MILLIS(1463284740000, 3, 'day')", "1463543940000"},
      {"DATE_ADD_MILLIS(1463284740000, 3, 'year')", "1557892740000"},
      {"DATE_ADD_MILLIS(1463284740000, -3, 'day')", "1463025540000"},
      {"DATE_ADD_MILLIS(1463284740000, -3, 'year')", "1368590340000"},
      {"DATE_ADD_MILLIS(1463284740000, 2, 'hour')", "1463291940000"},
      {"DATE_ADD_MILLIS(1463284740000, 1, 'fortnight')", "null"},
      {"DATE_ADD_MILLIS(1463284740000, 1.5, 'day')", "null"},
      {"DATE_ADD_MILLIS(d.nothing, 1, 'day')", "MISSING"},
      {"DATE_ADD_STR('2016-05-15 03:59:00Z', 3, 'day')", "\"2016-05-18T03:59:00Z\""},
      {"DATE_ADD_STR('2016-05-15 03:59:00Z', 3, 'year')", "\"2019-05-15T03:59:00Z\""},
      {"DATE_ADD_STR('2016-05-15 03:59:00Z', -3, 'day')", "\"2016-05-12T03:59:00Z\""},
      {"DATE_ADD_STR('2016-05-15 03:59:00Z', -3, 'year')", "\"2013-05-15T03:59:00Z\""},
      {"DATE_ADD_STR('2016-01-31T00:00:00Z', 1, 'month')", "\"2016-03-02T00:00:00Z\""},
      {"DATE_ADD_STR('2016-01-31T00:00:00Z', 1, 'quarter')", "\"2016-05-01T00:00:00Z\""},
      {"DATE_ADD_STR('2016-05-15T00:00:00Z', 90, 'minute')", "\"2016-05-15T01:30:00Z\""},
      {"DATE_ADD_STR('x', 1, 'day')", "null"},
      {"DATE_ADD_STR('2006-01-02', 1, 'year')", "\"2007-01-02\""},
      {"DATE_ADD_STR('2019-04-30', 1, 'month')", "\"2019-05-30\""},
      {"DATE_ADD_STR('2021-01-31', 13, 'month')", "\"2022-03-03\""},
      {"DATE_ADD_STR('2021-01-31', 13, 'calendar_month')", "\"2022-02-28\""},
      {"DATE_ADD_STR('2020-04-30', -2, 'calendar_month')", "\"2020-02-29\""},
      {"DATE_ADD_STR('2021-08-31', 1, 'calendar_month')", "\"2021-09-30\""},
      {"DATE_ADD_STR('2019-04-30', 1, 'calendar_month')", "\"2019-05-31\""},
      {"DATE_ADD_STR('2021-02-28', 2, 'calendar_month')", "\"2021-04-30\""},
      {"DATE_ADD_STR('2021-02-27', 2, 'calendar_month')", "\"2021-04-27\""},
      {"DATE_DIFF_MILLIS(1463543940000, 1463284740000, 'day')", "3"},
      {"DATE_DIFF_MILLIS(1557892740000, 1463284740000, 'year')", "3"},
      {"DATE_DIFF_MILLIS(1463025540000, 1463284740000, 'day')", "-3"},
      {"DATE_DIFF_MILLIS(1368590340000, 1463284740000, 'year')", "-3"},
      {"DATE_DIFF_MILLIS(1463284740000, 1463284739000, 'millisecond')", "1000"},
      {"DATE_DIFF_MILLIS(1, 2, 'eon')", "null"},
      {"DATE_DIFF_STR('2016-05-18T03:59:00Z', '2016-05-15 03:59:00Z', 'day')", "3"},
      {"DATE_DIFF_STR('2019-05-15T03:59:00Z', '2016-05-15 03:59:00Z', 'year')", "3"},
      {"DATE_DIFF_STR('2016-05-12T03:59:00Z', '2016-05-15 03:59:00Z', 'day')", "-3"},
      {"DATE_DIFF_STR('2013-05-15T03:59:00Z', '2016-05-15 03:59:00Z', 'year')", "-3"},
      {"DATE_DIFF_STR('2017-05-14T00:00:00Z', '2016-05-15T00:00:00Z', 'year')", "1"},
      {"DATE_DIFF_STR('2006-01-02', '1998-02-02', 'year')", "8"},
      {"DATE_DIFF_STR('2014-12-01', '2015-01-01', 'quarter')", "-1"},
      {"DATE_DIFF_STR('2013-12-01', '2015-01-01', 'quarter')", "-5"},
      {"DATE_DIFF_STR('2014-10-01', '2014-12-01', 'quarter')", "0"},
      {"DATE_DIFF_STR('2015-11-01', '2014-10-01', 'month')", "13"},
      {"DATE_DIFF_STR('2018-09-10 23:59:59', '2018-09-11 00:00:01', 'day')", "-1"},
      {"DATE_DIFF_STR('2018-09-11 00:00:01', '2018-09-10 23:59:59', 'hour')", "1"},
      {"DATE_DIFF_ABS_STR('2018-09-10 23:59:59', '2018-09-11 00:00:01', 'day')", "1"},
      {"DATE_DIFF_ABS_MILLIS(1463025540000, 1463284740000, 'day')", "3"},
      {"DATE_DIFF_STR('2016-03-15T00:00:00Z', '2016-01-15T00:00:00Z', 'month')", "2"},
      {"DATE_DIFF_STR('2016-03-14T00:00:00Z', '2016-01-15T00:00:00Z', 'month')", "2"},
      {"DATE_DIFF_STR('2016-01-15T00:00:00Z', '2016-03-14T00:00:00Z', 'month')", "-2"},
      {"DATE_DIFF_STR('2016-05-15T00:00:00Z', '2016-05-01T00:00:00Z', 'week')", "2"},
      {"DATE_DIFF_STR('x', '2016-05-01', 'day')", "null"},
      {"DATE_TRUNC_MILLIS(1463284740000, 'day')", "1463270400000"},
      {"DATE_TRUNC_MILLIS(1463284740000, 'month')", "1462060800000"},
      {"DATE_TRUNC_MILLIS(1463284740000, 'year')", "1451606400000"},
      {"DATE_TRUNC_MILLIS(1463284740123, 'second')", "1463284740000"},
      {"DATE_TRUNC_MILLIS(1463284740000, 'dow')", "null"},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'day')", "\"2016-05-18T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'month')", "\"2016-05-01T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'year')", "\"2016-01-01T00:00:00Z\""},
      {"DATE_TRUNC_STR('05/18/2016 03:59:00', 'month', 'MM/DD/YYYY HH24:MI:SS')",
       "\"05/01/2016 00:00:00\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'quarter')", "\"2016-04-01T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'week')", "\"2016-05-15T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'iso_week')", "\"2016-05-16T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18T03:59:00Z', 'decade')", "\"2010-01-01T00:00:00Z\""},
      {"DATE_TRUNC_STR('2016-05-18', 'month')", "\"2016-05-01\""},
  });
}

TEST(FunctionsDate, Parts) {
  RunTable({
      {"DATE_PART_MILLIS(1463284740000, 'day')", "14"},
      {"DATE_PART_MILLIS(1463284740000, 'day', 'America/Tijuana')", "14"},
      {"DATE_PART_MILLIS(1463284740000, 'day', 'UTC')", "15"},
      {"DATE_PART_MILLIS(1463284740000, 'month')", "5"},
      {"DATE_PART_MILLIS(1463284740000, 'week')", "20"},
      {"DATE_PART_MILLIS(1463284740000, 'year')", "2016"},
      {"DATE_PART_MILLIS(1463284740000, 'timezone')", "-25200"},
      {"DATE_PART_MILLIS(1463284740000, 'timezone_hour', 'Asia/Kolkata')", "5"},
      {"DATE_PART_MILLIS(1463284740000, 'timezone_minute', 'Asia/Kolkata')", "30"},
      {"DATE_PART_MILLIS(1463284740000, 'day', 'Bad/Zone')", "null"},
      {"DATE_PART_MILLIS(1463284740000, 'bogus')", "null"},
      {"DATE_PART_STR('2016-05-15T03:59:00Z', 'day')", "15"},
      {"DATE_PART_STR('2016-05-15T03:59:00Z', 'millisecond')", "0"},
      {"DATE_PART_STR('2016-05-15T03:59:00Z', 'month')", "5"},
      {"DATE_PART_STR('2016-05-15T03:59:00Z', 'week')", "20"},
      {"DATE_PART_STR('2016-05-15T03:59:00Z', 'year')", "2016"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'millennium')", "3"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'century')", "21"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'decade')", "200"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'quarter')", "1"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'doy')", "2"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'dow')", "1"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'hour')", "15"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'minute')", "4"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'second')", "5"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'millisecond')", "999"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999Z', 'iso_year')", "2006"},
      {"DATE_PART_STR('2006-01-08T15:04:05.999Z', 'iso_week')", "1"},
      {"DATE_PART_STR('2006-01-08T15:04:05.999Z', 'week')", "2"},
      {"DATE_PART_STR('2006-01-01T00:00:00Z', 'iso_year')", "2005"},
      {"DATE_PART_STR('2006-01-02T15:04:05.999+05:30', 'timezone')", "19800"},
      {"DATE_PART_STR('2006-01-02T15:04:05Z', 'YeAr')", "2006"},
      {"DATE_PART_STR(1, 'year')", "null"},
      {"WEEKDAY_MILLIS(1486237655742, 'America/Tijuana')", "\"Saturday\""},
      {"WEEKDAY_MILLIS(1486237655742, 'UTC')", "\"Saturday\""},
      {"WEEKDAY_MILLIS(0, 'UTC')", "\"Thursday\""},
      {"WEEKDAY_MILLIS(0, 'Nope')", "null"},
      {"WEEKDAY_STR('2017-02-05')", "\"Sunday\""},
      {"WEEKDAY_STR('2017-02-06T23:00:00-05:00')", "\"Monday\""},
      {"WEEKDAY_STR('x')", "null"},
      {"WEEKDAY_STR(d.nothing)", "MISSING"},
  });
}

TEST(FunctionsDate, Ranges) {
  RunTable({
      {"DATE_RANGE_MILLIS(1480752000000, 1475478000000, 'month', -1)",
       "[1480752000000, 1478156400000]"},
      {"DATE_RANGE_MILLIS(1480752000000, 1449129600000, 'month', -1)",
       "[1480752000000, 1478156400000, 1475478000000, 1472886000000, 1470207600000,"
       " 1467529200000, 1464937200000, 1462258800000, 1459666800000, 1456992000000,"
       " 1454486400000, 1451808000000]"},
      {"DATE_RANGE_MILLIS(0, 3, 'millisecond')", "[0, 1, 2]"},
      {"DATE_RANGE_MILLIS(3, 0, 'millisecond')", "[]"},
      {"DATE_RANGE_MILLIS(0, 3, 'millisecond', 0)", "null"},
      {"DATE_RANGE_STR('2015-11-30T15:04:05.999', '2017-04-14T15:04:06.998', 'quarter')",
       R"(["2015-11-30T15:04:05.999", "2016-03-01T15:04:05.999", "2016-06-01T15:04:05.999",)"
       R"( "2016-09-01T15:04:05.999", "2016-12-01T15:04:05.999", "2017-03-01T15:04:05.999"])"},
      {"DATE_RANGE_STR('2016-01-01T15:04:05.999', '2016-01-05T15:04:05.998', 'day', 1)",
       R"(["2016-01-01T15:04:05.999", "2016-01-02T15:04:05.999", "2016-01-03T15:04:05.999",)"
       R"( "2016-01-04T15:04:05.999"])"},
      {"DATE_RANGE_STR('2018-01-01', '2019-01-01', 'month', 4)",
       R"(["2018-01-01", "2018-05-01", "2018-09-01"])"},
      {"DATE_RANGE_STR('2016-01-05T15:04:05.999', '2016-01-01T15:04:06.998', 'day', -1)",
       R"(["2016-01-05T15:04:05.999", "2016-01-04T15:04:05.999", "2016-01-03T15:04:05.999",)"
       R"( "2016-01-02T15:04:05.999"])"},
      {"ARRAY_LENGTH(DATE_RANGE_STR('2015-01-01T01:01:01', '2015-12-11T00:00:00', 'month', 1))",
       "12"},
      {"DATE_RANGE_STR('2020-01-31', '2020-05-01', 'calendar_month')",
       R"(["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"])"},
      {"DATE_RANGE_STR('2020-01-30', '2020-05-01', 'calendar_month')",
       R"(["2020-01-30", "2020-02-29", "2020-03-30", "2020-04-30"])"},
      {"DATE_RANGE_STR('2018-01-01', 'x', 'month')", "null"},
      {"DATE_RANGE_STR('2018-01-01', '2019-01-01', 'month', 1.5)", "null"},
  });
}

TEST(FunctionsDate, NowIsStablePerStatement) {
  ExecContext ctx(nullptr, ExecSettings{});
  auto first = Evaluate("[NOW_MILLIS(), NOW_STR(), NOW_UTC(), NOW_TZ('UTC')]", kDefaultDoc, &ctx);
  ASSERT_TRUE(first.ok());
  auto again = Evaluate("[NOW_MILLIS(), NOW_STR(), NOW_UTC(), NOW_TZ('UTC')]", kDefaultDoc, &ctx);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(first.value() == again.value());
  const Array& values = first.value().AsArray();
  const int64_t statement_millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(ctx.statement_time().time_since_epoch())
          .count();
  EXPECT_EQ(static_cast<int64_t>(values[0].AsDouble()), statement_millis);
  auto utc = Evaluate("MILLIS_TO_UTC(" + std::to_string(statement_millis) + ")");
  ASSERT_TRUE(utc.ok());
  EXPECT_TRUE(values[2] == utc.value());
  EXPECT_TRUE(values[2] == values[3]);

  auto clock =
      Evaluate("[CLOCK_MILLIS(), CLOCK_STR(), CLOCK_UTC(), CLOCK_TZ('UTC'), CLOCK_LOCAL()]",
               kDefaultDoc, &ctx);
  ASSERT_TRUE(clock.ok());
  EXPECT_GE(clock.value().AsArray()[0].AsDouble(), values[0].AsDouble());
  EXPECT_TRUE(clock.value().AsArray()[2].IsString());
  auto bad = Evaluate("NOW_TZ('No/Where')", kDefaultDoc, &ctx);
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad.value().IsNull());
}

}  // namespace
}  // namespace casql::exec::testing
