#pragma once

#include <gtest/gtest.h>

// The only way a casql test may skip itself. ctest counts a test as skipped only when its
// output carries this marker (see tests/CMakeLists.txt); gtest's own "[  SKIPPED ]", which it
// also prints when a suite's SetUpTestSuite fails, is then judged by the exit status: failed.
#define CASQL_SKIP(reason) GTEST_SKIP() << "casql-skip: " << reason
