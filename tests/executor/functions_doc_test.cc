// docs/functions.md must be exactly what the registry generates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "executor/functions/registry.h"

namespace casql::exec {
namespace {

const std::string kDocPath = std::string(CASQL_SOURCE_DIR) + "/docs/functions.md";

TEST(FunctionsDoc, MatchesTheRegistry) {
  const std::string generated = GenerateFunctionsDoc();
  if (const char* write = std::getenv("CASQL_WRITE_FUNCTIONS_DOC"); write && *write == '1') {
    std::ofstream(kDocPath, std::ios::binary) << generated;
  }
  std::ifstream in(kDocPath, std::ios::binary);
  ASSERT_TRUE(in) << kDocPath << " is missing; regenerate it (see its header)";
  std::stringstream current;
  current << in.rdbuf();
  EXPECT_TRUE(current.str() == generated)
      << "docs/functions.md is stale; regenerate with CASQL_WRITE_FUNCTIONS_DOC=1 "
         "build/expr_test --gtest_filter=FunctionsDoc.*";
}

TEST(FunctionsDoc, RegistryIsConsistent) {
  std::set<std::string_view> names;
  for (const FunctionDef* def : AllFunctions()) {
    EXPECT_TRUE(names.insert(def->name).second) << "duplicate " << def->name;
    EXPECT_EQ(FindFunction(def->name), def);
    EXPECT_TRUE(def->max_args == kVariadic || def->max_args >= def->min_args) << def->name;
    EXPECT_FALSE(def->summary.empty()) << def->name;
    for (char c : def->name) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c))) << def->name;
  }
  EXPECT_GE(names.size(), 200u);  // every family table is registered
  EXPECT_EQ(FindFunction("no_such_function"), nullptr);
}

}  // namespace
}  // namespace casql::exec
