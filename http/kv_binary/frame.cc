#include "http/kv_binary/frame.h"

namespace casql::kvbin {

void AppendU16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}

void AppendU32(uint32_t v, std::string* out) {
  AppendU16(static_cast<uint16_t>(v >> 16), out);
  AppendU16(static_cast<uint16_t>(v), out);
}

void AppendU64(uint64_t v, std::string* out) {
  AppendU32(static_cast<uint32_t>(v >> 32), out);
  AppendU32(static_cast<uint32_t>(v), out);
}

uint16_t ReadU16(std::string_view bytes, size_t offset) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[offset]) << 8 |
                               static_cast<uint8_t>(bytes[offset + 1]));
}

uint32_t ReadU32(std::string_view bytes, size_t offset) {
  return static_cast<uint32_t>(ReadU16(bytes, offset)) << 16 | ReadU16(bytes, offset + 2);
}

uint64_t ReadU64(std::string_view bytes, size_t offset) {
  return static_cast<uint64_t>(ReadU32(bytes, offset)) << 32 | ReadU32(bytes, offset + 4);
}

DecodeResult DecodeFrame(std::string_view buffer, bool responses, size_t max_body, Frame* frame,
                         size_t* consumed, std::string* error) {
  if (buffer.empty()) return DecodeResult::kNeedMore;
  const auto magic = static_cast<uint8_t>(buffer[0]);
  const uint8_t plain = responses ? kClientResponse : kClientRequest;
  const uint8_t alt = responses ? kAltClientResponse : kAltClientRequest;
  if (magic != plain && magic != alt) {
    *error = "invalid magic byte " + std::to_string(magic);
    return DecodeResult::kMalformed;
  }
  if (buffer.size() < kHeaderBytes) return DecodeResult::kNeedMore;
  size_t framing_len = 0, key_len = 0;
  if (magic == alt) {
    framing_len = static_cast<uint8_t>(buffer[2]);
    key_len = static_cast<uint8_t>(buffer[3]);
  } else {
    key_len = ReadU16(buffer, 2);
  }
  const size_t extras_len = static_cast<uint8_t>(buffer[4]);
  const size_t body_len = ReadU32(buffer, 8);
  if (body_len > max_body) {
    *error = "frame body of " + std::to_string(body_len) + " bytes exceeds the limit of " +
             std::to_string(max_body);
    return DecodeResult::kMalformed;
  }
  if (framing_len + extras_len + key_len > body_len) {
    *error = "framing extras, extras and key lengths exceed the body length";
    return DecodeResult::kMalformed;
  }
  if (buffer.size() < kHeaderBytes + body_len) return DecodeResult::kNeedMore;
  frame->magic = magic;
  frame->opcode = static_cast<uint8_t>(buffer[1]);
  frame->datatype = static_cast<uint8_t>(buffer[5]);
  frame->vbucket_or_status = ReadU16(buffer, 6);
  frame->opaque = ReadU32(buffer, 12);
  frame->cas = ReadU64(buffer, 16);
  std::string_view body = buffer.substr(kHeaderBytes, body_len);
  frame->framing_extras = body.substr(0, framing_len);
  frame->extras = body.substr(framing_len, extras_len);
  frame->key = body.substr(framing_len + extras_len, key_len);
  frame->value = body.substr(framing_len + extras_len + key_len);
  *consumed = kHeaderBytes + body_len;
  return DecodeResult::kFrame;
}

void EncodeFrame(const Frame& frame, std::string* out) {
  const bool response = frame.magic == kClientResponse || frame.magic == kAltClientResponse;
  const bool alt = !frame.framing_extras.empty();
  uint8_t magic = response ? kClientResponse : kClientRequest;
  if (alt) magic = response ? kAltClientResponse : kAltClientRequest;
  out->push_back(static_cast<char>(magic));
  out->push_back(static_cast<char>(frame.opcode));
  if (alt) {
    out->push_back(static_cast<char>(frame.framing_extras.size()));
    out->push_back(static_cast<char>(frame.key.size()));
  } else {
    AppendU16(static_cast<uint16_t>(frame.key.size()), out);
  }
  out->push_back(static_cast<char>(frame.extras.size()));
  out->push_back(static_cast<char>(frame.datatype));
  AppendU16(frame.vbucket_or_status, out);
  AppendU32(static_cast<uint32_t>(frame.framing_extras.size() + frame.extras.size() +
                                  frame.key.size() + frame.value.size()),
            out);
  AppendU32(frame.opaque, out);
  AppendU64(frame.cas, out);
  out->append(frame.framing_extras);
  out->append(frame.extras);
  out->append(frame.key);
  out->append(frame.value);
}

}  // namespace casql::kvbin
