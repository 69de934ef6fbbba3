#include "http/kv_binary/connection.h"

#include "http/kv_binary/kv_server.h"

namespace casql::kvbin {

Connection::Connection(asio::ip::tcp::socket socket, KvServer* server)
    : socket_(std::move(socket)), server_(server) {}

void Connection::Start() {
  // Accepted on the acceptor's thread: from here on only the connection's own thread runs it.
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    asio::error_code ignored;
    self->socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    self->Read();
  });
}

void Connection::Close() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->Shutdown(); });
}

void Connection::Shutdown() {
  if (closing_) return;
  closing_ = true;
  asio::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  server_->Forget(shared_from_this());
}

bool Connection::OutputFull() const {
  return pending_.size() + writing_.size() > server_->options_.max_pending_output;
}

void Connection::Read() {
  if (reading_ || closing_ || session_.close_after_reply || OutputFull()) return;
  reading_ = true;
  socket_.async_read_some(asio::buffer(read_chunk_),
                          [self = shared_from_this()](const asio::error_code& error, size_t n) {
                            self->OnRead(error, n);
                          });
}

void Connection::OnRead(const asio::error_code& error, size_t bytes) {
  reading_ = false;
  if (closing_) return;
  if (error) {
    Shutdown();
    return;
  }
  input_.append(read_chunk_.data(), bytes);
  if (!ProcessFrames()) {
    Shutdown();
    return;
  }
  Write();
  Read();
}

bool Connection::ProcessFrames() {
  const KvServerOptions& options = server_->options_;
  while (!session_.close_after_reply && !OutputFull()) {
    std::string_view available(input_);
    available.remove_prefix(input_start_);
    Frame frame;
    size_t consumed = 0;
    std::string error;
    const DecodeResult result =
        DecodeFrame(available, false, options.max_frame_body, &frame, &consumed, &error);
    if (result == DecodeResult::kMalformed) return false;
    if (result == DecodeResult::kNeedMore) break;
    server_->handler_.Handle(frame, session_, &pending_);
    input_start_ += consumed;
  }
  // Compact once the consumed prefix dominates, so the buffer does not grow with the stream.
  if (input_start_ > 0 && input_start_ * 2 >= input_.size()) {
    input_.erase(0, input_start_);
    input_start_ = 0;
  }
  return true;
}

void Connection::Write() {
  if (writing_active_ || closing_) return;
  if (pending_.empty()) {
    if (session_.close_after_reply) Shutdown();
    return;
  }
  writing_.swap(pending_);
  pending_.clear();
  writing_active_ = true;
  asio::async_write(socket_, asio::buffer(writing_),
                    [self = shared_from_this()](const asio::error_code& error, size_t n) {
                      self->OnWrite(error, n);
                    });
}

void Connection::OnWrite(const asio::error_code& error, size_t) {
  writing_active_ = false;
  writing_.clear();
  if (closing_) return;
  if (error) {
    Shutdown();
    return;
  }
  // Frames left unread while the output was full can be answered now.
  if (!ProcessFrames()) {
    Shutdown();
    return;
  }
  Write();
  Read();
}

}  // namespace casql::kvbin
