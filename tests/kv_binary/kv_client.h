#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/kv_binary/frame.h"

namespace casql::kvbin::testing {

// A decoded response, owning its bytes.
struct Response {
  uint8_t opcode = 0;
  uint16_t status = 0;
  uint8_t datatype = 0;
  uint32_t opaque = 0;
  uint64_t cas = 0;
  std::string extras, key, value;
};

// Everything one request carries.
struct Request {
  explicit Request(uint8_t op, std::string k = {}, std::string ex = {}, std::string val = {},
                   uint64_t c = 0, uint8_t type = 0)
      : opcode(op),
        key(std::move(k)),
        extras(std::move(ex)),
        value(std::move(val)),
        cas(c),
        datatype(type) {}

  uint8_t opcode = 0;
  std::string key;
  std::string extras;
  std::string value;
  uint64_t cas = 0;
  uint8_t datatype = 0;
  uint16_t vbucket = 0;
  std::string framing_extras;  // non-empty: sent with the alt magic 0x08
};

// A small blocking memcached-binary-protocol client for the tests and the benchmark: plain
// sockets, requests written whole, responses read frame by frame.
class KvClient {
 public:
  ~KvClient();
  // Connects to 127.0.0.1:port; false when the connection fails.
  bool Connect(int port);
  void Close();

  // Sends the requests back to back (pipelined) without reading; opaques count up from 1.
  bool Send(const std::vector<Request>& requests);
  bool SendRaw(std::string_view bytes);
  // Reads the next response; nullopt when the server closed the connection or sent garbage.
  std::optional<Response> Read();
  // Send one request and read its response.
  std::optional<Response> Call(const Request& request);

  // HELLO with these features; returns the granted ones.
  std::vector<uint16_t> Hello(const std::vector<uint16_t>& features);
  // SASL PLAIN or SCRAM-SHA1/256/512; returns the final status.
  uint16_t Authenticate(std::string_view mechanism, std::string_view user,
                        std::string_view password);
  uint16_t SelectBucket(std::string_view bucket);

 private:
  int fd_ = -1;
  uint32_t next_opaque_ = 1;
  std::string buffer_;
};

// Extras helpers.
std::string StoreExtras(uint32_t flags, uint32_t expiry);
std::string U32(uint32_t v);

}  // namespace casql::kvbin::testing
