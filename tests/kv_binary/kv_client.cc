#include "tests/kv_binary/kv_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/scram_crypto.h"
#include "http/kv_binary/scram_server.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin::testing {

KvClient::~KvClient() {
  Close();
}

bool KvClient::Connect(int port) {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    Close();
    return false;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return true;
}

void KvClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

bool KvClient::SendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool KvClient::Send(const std::vector<Request>& requests) {
  std::string out;
  for (const Request& r : requests) {
    Frame frame;
    frame.magic = kClientRequest;
    frame.opcode = r.opcode;
    frame.datatype = r.datatype;
    frame.vbucket_or_status = r.vbucket;
    frame.opaque = next_opaque_++;
    frame.cas = r.cas;
    frame.framing_extras = r.framing_extras;
    frame.extras = r.extras;
    frame.key = r.key;
    frame.value = r.value;
    EncodeFrame(frame, &out);
  }
  return SendRaw(out);
}

std::optional<Response> KvClient::Read() {
  while (true) {
    Frame frame;
    size_t consumed = 0;
    std::string error;
    const DecodeResult result = DecodeFrame(buffer_, true, 64 << 20, &frame, &consumed, &error);
    if (result == DecodeResult::kMalformed) return std::nullopt;
    if (result == DecodeResult::kFrame) {
      Response r{frame.opcode,
                 frame.vbucket_or_status,
                 frame.datatype,
                 frame.opaque,
                 frame.cas,
                 std::string(frame.extras),
                 std::string(frame.key),
                 std::string(frame.value)};
      buffer_.erase(0, consumed);
      return r;
    }
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

std::optional<Response> KvClient::Call(const Request& request) {
  if (!Send({request})) return std::nullopt;
  return Read();
}

std::vector<uint16_t> KvClient::Hello(const std::vector<uint16_t>& features) {
  Request hello{kHello, "{\"a\":\"casql-test\"}"};
  for (uint16_t f : features) AppendU16(f, &hello.value);
  std::vector<uint16_t> granted;
  const auto r = Call(hello);
  if (!r || r->status != kSuccess) return granted;
  for (size_t i = 0; i + 1 < r->value.size(); i += 2) granted.push_back(ReadU16(r->value, i));
  return granted;
}

uint16_t KvClient::Authenticate(std::string_view mechanism, std::string_view user,
                                std::string_view password) {
  if (mechanism == "PLAIN") {
    std::string message;
    message.push_back('\0');
    message.append(user);
    message.push_back('\0');
    message.append(password);
    const auto r = Call(Request{kSaslAuth, std::string(mechanism), {}, message});
    return r ? r->status : 0xffff;
  }
  ScramHash hash = ScramHash::kSha512;
  if (mechanism == "SCRAM-SHA1") hash = ScramHash::kSha1;
  if (mechanism == "SCRAM-SHA256") hash = ScramHash::kSha256;
  const std::string client_nonce = Base64Encode(RandomBytes(12));
  const std::string first_bare = "n=" + std::string(user) + ",r=" + client_nonce;
  const auto first = Call(Request{kSaslAuth, std::string(mechanism), {}, "n,," + first_bare});
  if (!first || first->status != kAuthContinue) return first ? first->status : 0xffff;
  const auto nonce = ScramAttribute(first->value, 'r');
  const auto salt64 = ScramAttribute(first->value, 's');
  const auto iterations = ScramAttribute(first->value, 'i');
  std::string salt;
  if (!nonce || !salt64 || !iterations || !Base64Decode(*salt64, &salt)) return 0xffff;
  const std::string salted =
      ScramSaltPassword(hash, password, salt, std::stoi(std::string(*iterations)));
  const std::string without_proof = "c=biws,r=" + std::string(*nonce);
  const std::string auth_message = first_bare + "," + first->value + "," + without_proof;
  const std::string client_key = ScramHmac(hash, salted, "Client Key");
  const std::string signature = ScramHmac(hash, ScramDigest(hash, client_key), auth_message);
  const std::string proof = Base64Encode(XorBytes(client_key, signature));
  const auto final_response =
      Call(Request{kSaslStep, std::string(mechanism), {}, without_proof + ",p=" + proof});
  if (!final_response) return 0xffff;
  if (final_response->status != kSuccess) return final_response->status;
  // The server proves it knows the secret too.
  const std::string server_key = ScramHmac(hash, salted, "Server Key");
  const std::string expected = "v=" + Base64Encode(ScramHmac(hash, server_key, auth_message));
  return final_response->value == expected ? kSuccess : 0xfffe;
}

uint16_t KvClient::SelectBucket(std::string_view bucket) {
  const auto r = Call(Request{kSelectBucket, std::string(bucket)});
  return r ? r->status : 0xffff;
}

std::string StoreExtras(uint32_t flags, uint32_t expiry) {
  std::string extras;
  AppendU32(flags, &extras);
  AppendU32(expiry, &extras);
  return extras;
}

std::string U32(uint32_t v) {
  std::string out;
  AppendU32(v, &out);
  return out;
}

}  // namespace casql::kvbin::testing
