// The connection layer: pipelining, flow control, limits and malformed input.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "http/kv_binary/frame.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "tests/kv_binary/server_fixture.h"

namespace casql::kvbin {
namespace {

using testing::KvClient;
using testing::Request;
using testing::StoreExtras;

using ConnectionTest = testing::KvServerTest;

TEST_F(ConnectionTest, PipelinedRequestsAreAnsweredInOrder) {
  KvClient client;
  Bootstrap(client);
  std::vector<Request> batch;
  for (int i = 0; i < 200; ++i) {
    batch.push_back(Request{kSet, "k" + std::to_string(i), StoreExtras(0, 0), std::to_string(i)});
  }
  for (int i = 0; i < 200; ++i) batch.push_back(Request{kGet, "k" + std::to_string(i)});
  ASSERT_TRUE(client.Send(batch));
  uint32_t previous_opaque = 0;
  for (int i = 0; i < 400; ++i) {
    const auto r = client.Read();
    ASSERT_TRUE(r) << i;
    EXPECT_GT(r->opaque, previous_opaque);
    previous_opaque = r->opaque;
    EXPECT_EQ(r->status, kSuccess);
    if (i >= 200) {
      EXPECT_EQ(r->value, std::to_string(i - 200));
    }
  }
}

TEST_F(ConnectionTest, ManyConnectionsWorkInParallel) {
  constexpr int kClients = 32, kIncrements = 50;
  std::vector<std::thread> clients;
  std::atomic<int> failures{0};
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      KvClient client;
      Bootstrap(client);
      std::string extras;
      AppendU64(1, &extras);
      AppendU64(1, &extras);
      AppendU32(0, &extras);
      for (int n = 0; n < kIncrements; ++n) {
        const auto r = client.Call(Request(kIncrement, "counter", extras));
        if (!r || r->status != kSuccess) ++failures;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  KvClient reader;
  Bootstrap(reader);
  // The first increment created the counter at its initial value 1; the others added 1 each.
  EXPECT_EQ(reader.Call(Request(kGet, "counter"))->value, std::to_string(kClients * kIncrements));
}

TEST_F(ConnectionTest, AClientThatDoesNotReadIsThrottledNotDropped) {
  KvClient client;
  Bootstrap(client);
  const std::string big(64 * 1024, 'x');
  ASSERT_EQ(client.Call(Request{kSet, "big", StoreExtras(0, 0), big})->status, kSuccess);
  // 1000 responses of 64 KiB are far more than the 4 MiB of pending output a connection may
  // hold: the server must stop reading until the client catches up, then finish the work.
  constexpr int kRequests = 1000;
  std::thread writer([&] {
    std::vector<Request> gets(kRequests, Request{kGet, "big"});
    EXPECT_TRUE(client.Send(gets));
  });
  int received = 0;
  for (; received < kRequests; ++received) {
    const auto r = client.Read();
    if (!r || r->value.size() != big.size()) break;
  }
  writer.join();
  EXPECT_EQ(received, kRequests);
}

TEST_F(ConnectionTest, MalformedFramesCloseTheConnection) {
  KvClient client;
  Bootstrap(client);
  ASSERT_TRUE(client.SendRaw(std::string(24, 'G')));  // not a request magic
  EXPECT_FALSE(client.Read().has_value());

  KvClient oversized;
  Bootstrap(oversized);
  Frame frame;
  frame.opcode = kSet;
  frame.extras = std::string_view("\0\0\0\0\0\0\0\0", 8);
  frame.key = "k";
  std::string header;
  EncodeFrame(frame, &header);
  // Claim a 1 GiB body.
  header[8] = 0x40;
  ASSERT_TRUE(oversized.SendRaw(header));
  EXPECT_FALSE(oversized.Read().has_value());

  // Other connections are unaffected.
  KvClient healthy;
  Bootstrap(healthy);
  EXPECT_EQ(healthy.Call(Request{kNoop})->status, kSuccess);
}

TEST_F(ConnectionTest, ConnectionsAboveTheLimitAreClosed) {
  KvServerOptions limited;
  limited.max_connections = 2;
  StartServer(limited);
  KvClient first, second, third;
  Bootstrap(first);
  Bootstrap(second);
  ASSERT_TRUE(third.Connect(server_->port()));
  third.Send({Request{kNoop}});
  EXPECT_FALSE(third.Read().has_value());
  first.Close();
  // The freed slot is usable again once the server has noticed the close.
  bool served = false;
  for (int attempt = 0; attempt < 100 && !served; ++attempt) {
    KvClient fourth;
    if (fourth.Connect(server_->port()) && fourth.Send({Request{kNoop}})) {
      const auto r = fourth.Read();
      served = r && r->status == kSuccess;
    }
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(served);
}

TEST_F(ConnectionTest, QuitAnswersThenCloses) {
  KvClient client;
  ASSERT_TRUE(client.Connect(server_->port()));
  ASSERT_TRUE(client.Send({Request{kQuit}, Request{kNoop}}));
  const auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->opcode, kQuit);
  EXPECT_FALSE(client.Read().has_value());
}

TEST_F(ConnectionTest, FlexibleFramingRequiresAltRequest) {
  KvClient client;
  ASSERT_TRUE(client.Connect(server_->port()));
  ASSERT_EQ(client.Hello({kFeatureXerror}).size(), 1u);
  ASSERT_EQ(client.Authenticate("PLAIN", "Administrator", "password"), kSuccess);
  Request noop{kNoop};
  noop.framing_extras = std::string(1, '\0');
  EXPECT_EQ(client.Call(noop)->status, kEinval);
}

TEST_F(ConnectionTest, HelloGrantsOnlySupportedFeatures) {
  KvClient client;
  ASSERT_TRUE(client.Connect(server_->port()));
  const auto granted =
      client.Hello({kFeatureXerror, kFeatureSnappy, kFeatureCollections, kFeatureDuplex,
                    kFeatureClustermapChangeNotification, kFeatureUnorderedExecution, kFeatureJson,
                    kFeatureXattr, kFeatureSyncReplication, kFeatureAltRequest});
  EXPECT_EQ(granted, (std::vector<uint16_t>{kFeatureXerror, kFeatureCollections, kFeatureJson,
                                            kFeatureSyncReplication, kFeatureAltRequest}));
}

}  // namespace
}  // namespace casql::kvbin
