// DURATION_TO_STR and STR_TO_DURATION, including the documented Couchbase examples.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsDuration, DurationToStr) {
  RunTable({
      {"DURATION_TO_STR(2000)", "\"2µs\""},
      {"DURATION_TO_STR(2000000)", "\"2ms\""},
      {"DURATION_TO_STR(2000000000)", "\"2s\""},
      {"DURATION_TO_STR(993)", "\"993ns\""},
      {"DURATION_TO_STR(0)", "\"0s\""},
      {"DURATION_TO_STR(1500000)", "\"1.5ms\""},
      {"DURATION_TO_STR(-1500)", "\"-1.5µs\""},
      {"DURATION_TO_STR(3600000000000)", "\"1h0m0s\""},
      {"DURATION_TO_STR(5400500000000)", "\"1h30m0.5s\""},
      {"DURATION_TO_STR(90061000000000)", "\"25h1m1s\""},
      {"DURATION_TO_STR(1.9)", "\"1ns\""},
      {"DURATION_TO_STR(993, \"interval\")", "\"0:00:00.000000993\""},
      {"DURATION_TO_STR(993, \"seconds\")", "\"0.000000993\""},
      {"DURATION_TO_STR(993, \"compatible\")", "\"0.000000993s\""},
      {"DURATION_TO_STR(993, \"LEGACY\")", "\"993ns\""},
      {"DURATION_TO_STR(993, \"default\")", "\"993ns\""},
      {"DURATION_TO_STR(3723000000000, \"interval\")", "\"1:02:03.000\""},
      {"DURATION_TO_STR(1500000000, \"compatible\")", "\"1.500s\""},
      {"DURATION_TO_STR(1500000000, \"seconds\")", "\"1.500\""},
      {"DURATION_TO_STR(-1500000000, \"interval\")", "\"-0:00:01.500\""},
      {"DURATION_TO_STR(1, \"bogus\")", "null"},
      {"DURATION_TO_STR(1, 2)", "null"},
      {"DURATION_TO_STR(\"1s\")", "null"},
      {"DURATION_TO_STR(1e300)", "null"},
      {"DURATION_TO_STR(d.nothing)", "MISSING"},
  });
}

TEST(FunctionsDuration, StrToDuration) {
  RunTable({
      {"STR_TO_DURATION(\"1h\")", "3600000000000"},
      {"STR_TO_DURATION(\"1us\")", "1000"},
      {"STR_TO_DURATION(\"1µs\")", "1000"},
      {"STR_TO_DURATION(\"1ms\")", "1000000"},
      {"STR_TO_DURATION(\"1m\")", "60000000000"},
      {"STR_TO_DURATION(\"1ns\")", "1"},
      {"STR_TO_DURATION(\"1s\")", "1000000000"},
      {"STR_TO_DURATION(\"993ns\")", "993"},
      {"STR_TO_DURATION(\"1h30m\")", "5400000000000"},
      {"STR_TO_DURATION(\"1.5h\")", "5400000000000"},
      {"STR_TO_DURATION(\"-1m\")", "-60000000000"},
      {"STR_TO_DURATION(\"1:30:00\")", "5400000000000"},
      {"STR_TO_DURATION(\"2:30\")", "150000000000"},
      {"STR_TO_DURATION(\"90\")", "90000000000"},
      {"STR_TO_DURATION(\"0:00:0.000000993\", \"interval\")", "993"},
      {"STR_TO_DURATION(\"0.000000993\", \"seconds\")", "993"},
      {"STR_TO_DURATION(\"0.000000993s\", \"compatible\")", "993"},
      {"STR_TO_DURATION(\"0:00:0.000000993\")", "993"},
      {"STR_TO_DURATION(\"0.000000993\")", "993"},
      {"STR_TO_DURATION(\"0\", \"legacy\")", "0"},
      {"STR_TO_DURATION(\"1\", \"legacy\")", "null"},
      {"STR_TO_DURATION(\"5m\", \"seconds\")", "null"},
      {"STR_TO_DURATION(\"1:2:3:4\")", "null"},
      {"STR_TO_DURATION(\"1x\")", "null"},
      {"STR_TO_DURATION(\"\")", "null"},
      {"STR_TO_DURATION(\"1h\", \"bogus\")", "null"},
      {"STR_TO_DURATION(60)", "null"},
      {"STR_TO_DURATION(DURATION_TO_STR(5400500000000))", "5400500000000"},
      {"STR_TO_DURATION(d.nothing)", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
