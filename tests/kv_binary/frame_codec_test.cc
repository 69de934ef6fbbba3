#include <gtest/gtest.h>

#include "http/kv_binary/frame.h"
#include "http/kv_binary/framing_extras.h"
#include "http/kv_binary/leb128.h"

namespace casql::kvbin {
namespace {

Frame SampleRequest() {
  Frame f;
  f.magic = kClientRequest;
  f.opcode = 0x01;
  f.datatype = kDatatypeJson;
  f.vbucket_or_status = 513;
  f.opaque = 0xdeadbeef;
  f.cas = 0x0102030405060708ull;
  f.extras = std::string_view("\0\0\0\1\0\0\0\2", 8);
  f.key = "key";
  f.value = "{\"a\":1}";
  return f;
}

TEST(FrameCodec, RequestRoundTripsWithBigEndianHeader) {
  std::string bytes;
  EncodeFrame(SampleRequest(), &bytes);
  ASSERT_EQ(bytes.size(), kHeaderBytes + 8 + 3 + 7);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 0x80);
  EXPECT_EQ(ReadU16(bytes, 2), 3);  // key length
  EXPECT_EQ(bytes[4], 8);           // extras length
  EXPECT_EQ(ReadU16(bytes, 6), 513);
  EXPECT_EQ(ReadU32(bytes, 8), 18u);  // body length
  EXPECT_EQ(ReadU64(bytes, 16), 0x0102030405060708ull);

  Frame decoded;
  size_t consumed = 0;
  std::string error;
  ASSERT_EQ(DecodeFrame(bytes, false, 1024, &decoded, &consumed, &error), DecodeResult::kFrame);
  EXPECT_EQ(consumed, bytes.size());
  EXPECT_EQ(decoded.opcode, 0x01);
  EXPECT_EQ(decoded.datatype, kDatatypeJson);
  EXPECT_EQ(decoded.vbucket_or_status, 513);
  EXPECT_EQ(decoded.opaque, 0xdeadbeefu);
  EXPECT_EQ(decoded.cas, 0x0102030405060708ull);
  EXPECT_EQ(decoded.extras, std::string_view("\0\0\0\1\0\0\0\2", 8));
  EXPECT_EQ(decoded.key, "key");
  EXPECT_EQ(decoded.value, "{\"a\":1}");
}

TEST(FrameCodec, FramingExtrasUseTheAltMagicAndSplitKeyLength) {
  Frame f = SampleRequest();
  f.framing_extras = std::string_view("\x13\x01\x00\x64", 4);  // durability majority, 100 ms
  std::string bytes;
  EncodeFrame(f, &bytes);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 0x08);
  EXPECT_EQ(bytes[2], 4);  // framing extras length
  EXPECT_EQ(bytes[3], 3);  // key length
  Frame decoded;
  size_t consumed = 0;
  std::string error;
  ASSERT_EQ(DecodeFrame(bytes, false, 1024, &decoded, &consumed, &error), DecodeResult::kFrame);
  EXPECT_EQ(decoded.framing_extras.size(), 4u);
  EXPECT_EQ(decoded.key, "key");
  EXPECT_EQ(decoded.value, "{\"a\":1}");

  FramingExtras parsed;
  bool bad_level = false;
  ASSERT_TRUE(ParseFramingExtras(decoded.framing_extras, &parsed, &error, &bad_level)) << error;
  EXPECT_EQ(parsed.durability, kv::Durability::kMajority);
  EXPECT_EQ(parsed.durability_timeout_ms, 100);
}

TEST(FrameCodec, PartialFramesAskForMoreBytes) {
  std::string bytes;
  EncodeFrame(SampleRequest(), &bytes);
  Frame decoded;
  size_t consumed = 0;
  std::string error;
  for (size_t n : {size_t{0}, size_t{1}, size_t{23}, size_t{24}, bytes.size() - 1}) {
    EXPECT_EQ(
        DecodeFrame(std::string_view(bytes).substr(0, n), false, 1024, &decoded, &consumed, &error),
        DecodeResult::kNeedMore)
        << n;
  }
}

TEST(FrameCodec, MalformedFramesAreRejected) {
  std::string bytes;
  EncodeFrame(SampleRequest(), &bytes);
  Frame decoded;
  size_t consumed = 0;
  std::string error;

  std::string bad_magic = bytes;
  bad_magic[0] = 0x42;
  EXPECT_EQ(DecodeFrame(bad_magic, false, 1024, &decoded, &consumed, &error),
            DecodeResult::kMalformed);
  EXPECT_NE(error.find("magic"), std::string::npos);
  // A response magic where a request is expected.
  std::string response = bytes;
  response[0] = static_cast<char>(0x81);
  EXPECT_EQ(DecodeFrame(response, false, 1024, &decoded, &consumed, &error),
            DecodeResult::kMalformed);

  std::string lengths = bytes;
  lengths[4] = 100;  // extras longer than the body
  EXPECT_EQ(DecodeFrame(lengths, false, 1024, &decoded, &consumed, &error),
            DecodeResult::kMalformed);

  EXPECT_EQ(DecodeFrame(bytes, false, 10, &decoded, &consumed, &error), DecodeResult::kMalformed);
  EXPECT_NE(error.find("exceeds"), std::string::npos);
}

TEST(FrameCodec, FramingExtrasErrors) {
  FramingExtras parsed;
  std::string error;
  bool bad_level = false;
  EXPECT_FALSE(ParseFramingExtras(std::string_view("\x11\x07", 2), &parsed, &error, &bad_level));
  EXPECT_TRUE(bad_level);
  EXPECT_FALSE(
      ParseFramingExtras(std::string_view("\x13\x01\x00\x00", 4), &parsed, &error, &bad_level));
  EXPECT_FALSE(bad_level);  // timeout 0 is reserved
  EXPECT_FALSE(ParseFramingExtras(std::string_view("\x21\x00", 2), &parsed, &error, &bad_level));
  EXPECT_NE(error.find("unsupported framing extra id 2"), std::string::npos);
  EXPECT_FALSE(ParseFramingExtras(std::string_view("\x13\x01", 2), &parsed, &error, &bad_level));
  EXPECT_TRUE(ParseFramingExtras(std::string_view("\x50", 1), &parsed, &error, &bad_level));
  EXPECT_TRUE(parsed.preserve_ttl);
}

TEST(Leb128, EncodesCollectionIdsAndSplitsKeys) {
  std::string key;
  AppendLeb128(0, &key);
  EXPECT_EQ(key, std::string(1, '\0'));
  key.clear();
  AppendLeb128(0x80, &key);
  EXPECT_EQ(key, "\x80\x01");
  key.clear();
  AppendLeb128(624485, &key);  // the classic example: e5 8e 26
  EXPECT_EQ(key, "\xe5\x8e\x26");
  key += "doc";
  const auto split = SplitCollectionKey(key);
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->collection_id, 624485u);
  EXPECT_EQ(split->key, "doc");
  EXPECT_FALSE(SplitCollectionKey("\x80\x80").has_value());              // unterminated
  EXPECT_FALSE(SplitCollectionKey("\xff\xff\xff\xff\x7f").has_value());  // above 32 bits
}

}  // namespace
}  // namespace casql::kvbin
