#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "http/kv_binary/authenticator.h"
#include "http/kv_binary/features.h"
#include "http/kv_binary/kv_server.h"
#include "kvengine/engine.h"
#include "tests/kv_binary/kv_client.h"

namespace casql::kvbin::testing {

// An in-memory engine with bucket "b", served by a KvServer on an ephemeral loopback port,
// with the default Administrator/password account.
class KvServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = kv::Engine::Open(kv::Engine::Options{});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    engine_ = std::move(opened).value();
    ASSERT_TRUE(engine_->CreateBucket("b").ok());
    users_ = std::make_unique<SingleUserAuthenticator>("Administrator", "password");
    StartServer(options_);
  }

  void StartServer(KvServerOptions options) {
    if (server_) server_->Stop();
    options.port = 0;
    options.query_port = 18093;
    server_ = std::make_unique<KvServer>(engine_.get(), users_.get(), options);
    const kv::Status bound = server_->Bind();
    ASSERT_TRUE(bound.ok()) << bound.ToString();
    server_->Start();
  }

  void TearDown() override {
    if (server_) server_->Stop();
  }

  // A connection as the SDK leaves it after bootstrap: HELLO (XERROR, JSON, MUTATION_SEQNO,
  // ALT_REQUEST, SYNC_REPLICATION, plus `extra`), authenticated, bucket "b" selected.
  void Bootstrap(KvClient& client, std::vector<uint16_t> extra = {}) {
    ASSERT_TRUE(client.Connect(server_->port()));
    std::vector<uint16_t> features = {kFeatureXerror, kFeatureJson, kFeatureMutationSeqno,
                                      kFeatureAltRequest, kFeatureSyncReplication};
    features.insert(features.end(), extra.begin(), extra.end());
    ASSERT_EQ(client.Hello(features).size(), features.size());
    ASSERT_EQ(client.Authenticate("PLAIN", "Administrator", "password"), 0);
    ASSERT_EQ(client.SelectBucket("b"), 0);
  }

  KvServerOptions options_;
  std::unique_ptr<kv::Engine> engine_;
  std::unique_ptr<Authenticator> users_;
  std::unique_ptr<KvServer> server_;
};

}  // namespace casql::kvbin::testing
