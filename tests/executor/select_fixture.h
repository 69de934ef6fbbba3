#pragma once

// In-process SELECT tests: statements go through the real QueryService (parse, plan,
// execute) over an in-memory Datastore, and the tests read the response document.
#include <gtest/gtest.h>

#include <string>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "value/json.h"

namespace casql {

class SelectTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(""); }

  void Open(const std::string& data_dir) {
    service_.reset();
    store_.reset();
    auto opened = exec::Datastore::Open(data_dir);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened.value());
    service_ = std::make_unique<http::QueryService>(store_.get());
  }

  // The whole response document.
  Value Response(const std::string& statement, const Value& named = Value()) {
    http::QueryRequest request;
    request.statement = statement;
    if (named.IsObject()) {
      for (const auto& [name, v] : named.AsObject()) request.named_args[name] = v;
    }
    if (named.IsArray()) request.positional_args = named.AsArray();
    return Send(std::move(request));
  }

  // The whole response document of a request the test built itself.
  Value Send(http::QueryRequest request) {
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

  // The results of a statement that must succeed.
  Value Rows(const std::string& statement, const Value& args = Value()) {
    Value r = Response(statement, args);
    EXPECT_EQ(r.Field("status"), Value("success")) << statement << "\n" << ToJson(r);
    return r.Field("results");
  }

  // The first error code of a statement that must fail.
  int64_t ErrorCodeOf(const std::string& statement) {
    Value r = Response(statement);
    const Value& code = r.Field("errors").Element(0).Field("code");
    EXPECT_TRUE(code.IsNumber()) << statement << "\n" << ToJson(r);
    return code.IsNumber() ? code.AsInt() : 0;
  }
  std::string ErrorMessageOf(const std::string& statement) {
    Value r = Response(statement);
    const Value& msg = r.Field("errors").Element(0).Field("msg");
    return msg.IsString() ? msg.AsString() : "";
  }

  static Value J(const std::string& json) {
    auto v = ParseJson(json);
    EXPECT_TRUE(v.ok()) << json;
    return v.ok() ? v.value() : Value();
  }

  void Insert(const std::string& keyspace, const std::string& key, const std::string& json) {
    Rows("INSERT INTO " + keyspace + " (KEY, VALUE) VALUES (\"" + key + "\", " + json + ")");
  }

  std::unique_ptr<exec::Datastore> store_;
  std::unique_ptr<http::QueryService> service_;
};

}  // namespace casql
