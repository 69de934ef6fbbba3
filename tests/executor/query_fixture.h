#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "value/json.h"

namespace casql::testing {

// An in-memory store and the query service over it, in process: statements run exactly as
// over HTTP (parse, plan, prepare, run) and answer the Couchbase response document.
class QueryFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = exec::Datastore::Open("");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened.value());
    service_ = std::make_unique<http::QueryService>(store_.get());
  }

  Value Run(http::QueryRequest request) {
    auto execution = service_->Prepare(std::move(request), std::chrono::steady_clock::now());
    std::string body;
    execution.Stream([&body](std::string_view s) {
      body.append(s);
      return true;
    });
    auto parsed = ParseJson(body);
    EXPECT_TRUE(parsed.ok()) << body;
    return parsed.ok() ? parsed.value() : Value();
  }

  Value Run(const std::string& statement) {
    http::QueryRequest request;
    request.statement = statement;
    return Run(std::move(request));
  }

  // Runs a statement that must succeed and returns its results.
  Value Rows(const std::string& statement) {
    Value r = Run(statement);
    EXPECT_EQ(r.Field("status"), Value("success")) << statement << "\n" << ToJson(r);
    return r.Field("results");
  }

  std::shared_ptr<kv::Collection> Collection(const std::string& bucket,
                                             const std::string& scope = "_default",
                                             const std::string& collection = "_default") {
    plan::KeyspacePath path;
    path.bucket = bucket;
    path.scope = scope;
    path.collection = collection;
    return store_->Collection(path).value();
  }

  static Value J(const char* text) { return ParseJson(text).value(); }

  std::unique_ptr<exec::Datastore> store_;
  std::unique_ptr<http::QueryService> service_;
};

}  // namespace casql::testing
