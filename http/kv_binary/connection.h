#pragma once

#include <array>
#include <memory>
#include <string>

#include <asio.hpp>

#include "http/kv_binary/command_handler.h"
#include "http/kv_binary/session.h"

namespace casql::kvbin {

class KvServer;

// One client connection. Reads frames into a buffer, answers every complete frame in order
// (pipelined requests are batched into one write), and writes while reading continues. Reading
// pauses while more than max_pending_output bytes of responses wait (flow control). A
// malformed frame closes the connection: the byte stream cannot be resynchronised.
//
// Thread safety: every handler runs on the thread of the connection's io_context; Close may be
// called from any thread (it posts to that context).
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::ip::tcp::socket socket, KvServer* server);

  void Start();
  void Close();

 private:
  void Read();
  void OnRead(const asio::error_code& error, size_t bytes);
  // Answers the complete frames in the input buffer; false when the connection must close.
  bool ProcessFrames();
  void Write();
  void OnWrite(const asio::error_code& error, size_t bytes);
  bool OutputFull() const;
  void Shutdown();

  asio::ip::tcp::socket socket_;
  KvServer* server_;
  Session session_;
  std::string input_;
  size_t input_start_ = 0;  // bytes of input_ already consumed
  std::array<char, 64 * 1024> read_chunk_;
  std::string pending_;  // responses not yet handed to the socket
  std::string writing_;  // the buffer of the write in flight
  bool reading_ = false;
  bool writing_active_ = false;
  bool closing_ = false;
};

}  // namespace casql::kvbin
