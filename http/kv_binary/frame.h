#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace casql::kvbin {

// The memcached binary protocol frame as Couchbase extends it. Every frame is a 24-byte header
// (multi-byte fields big-endian) followed by the body: [framing extras] extras key value.
//
//   offset  request (magic 0x80, or 0x08 "alt")     response (magic 0x81, or 0x18 "alt")
//   0       magic                                    magic
//   1       opcode                                   opcode
//   2-3     key length (alt: 2 = framing extras      key length (alt: the same split)
//           length, 3 = key length)
//   4       extras length                            extras length
//   5       datatype                                 datatype
//   6-7     vBucket id                               status
//   8-11    total body length                        total body length
//   12-15   opaque (echoed back)                     opaque
//   16-23   CAS                                      CAS
inline constexpr size_t kHeaderBytes = 24;

enum Magic : uint8_t {
  kClientRequest = 0x80,
  kClientResponse = 0x81,
  kAltClientRequest = 0x08,
  kAltClientResponse = 0x18,
};

// Datatype bits.
inline constexpr uint8_t kDatatypeJson = 0x01;
inline constexpr uint8_t kDatatypeSnappy = 0x02;
inline constexpr uint8_t kDatatypeXattr = 0x04;

// One decoded frame; the views point into the buffer it was decoded from. `status` holds the
// vBucket id of a request.
struct Frame {
  uint8_t magic = kClientRequest;
  uint8_t opcode = 0;
  uint8_t datatype = 0;
  uint16_t vbucket_or_status = 0;
  uint32_t opaque = 0;
  uint64_t cas = 0;
  std::string_view framing_extras, extras, key, value;
};

enum class DecodeResult { kFrame, kNeedMore, kMalformed };

// Decodes the frame at the front of `buffer`. kFrame sets *frame and *consumed; kNeedMore asks
// for more bytes; kMalformed (bad magic, inconsistent lengths, body above max_body) sets *error:
// the stream cannot be resynchronised and the connection must be closed. `responses` selects
// which pair of magics is expected.
DecodeResult DecodeFrame(std::string_view buffer, bool responses, size_t max_body, Frame* frame,
                         size_t* consumed, std::string* error);

// Appends the encoded frame; the alternative magic is used when framing extras are present.
// `frame.magic` says whether a request or a response is written.
void EncodeFrame(const Frame& frame, std::string* out);

// Big-endian helpers for extras and bodies.
void AppendU16(uint16_t v, std::string* out);
void AppendU32(uint32_t v, std::string* out);
void AppendU64(uint64_t v, std::string* out);
uint16_t ReadU16(std::string_view bytes, size_t offset);
uint32_t ReadU32(std::string_view bytes, size_t offset);
uint64_t ReadU64(std::string_view bytes, size_t offset);

}  // namespace casql::kvbin
