#include "http/kv_binary/kv_server.h"

#include <asio.hpp>

#include "http/kv_binary/connection.h"

namespace casql::kvbin {

struct KvServer::Impl {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor{io};
  // Keeps run() going while there is nothing to accept yet.
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
};

KvServer::KvServer(kv::Engine* engine, const Authenticator* users, KvServerOptions options)
    : impl_(std::make_unique<Impl>()),
      options_(std::move(options)),
      handler_(ServiceContext{engine, users, NodeServices{0, options_.query_port}}) {}

KvServer::~KvServer() {
  Stop();
}

kv::Status KvServer::Bind() {
  asio::error_code error;
  const asio::ip::address address = asio::ip::make_address(options_.host, error);
  if (error) {
    return kv::Status(kv::KvStatus::kEinternal,
                      "KV port: cannot use address " + options_.host + ": " + error.message());
  }
  const asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(options_.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return kv::Status(kv::KvStatus::kEinternal, "cannot listen on " + options_.host + ":" +
                                                    std::to_string(options_.port) +
                                                    " for the KV protocol: " + error.message());
  }
  port_ = acceptor.local_endpoint().port();
  handler_ = CommandHandler(ServiceContext{handler_.service().engine, handler_.service().users,
                                           NodeServices{port_, options_.query_port}});
  return kv::Status::OK();
}

void KvServer::Start() {
  Accept();
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this] { impl_->io.run(); });
  }
}

void KvServer::Accept() {
  impl_->acceptor.async_accept(asio::make_strand(impl_->io), [this](const asio::error_code& error,
                                                                    asio::ip::tcp::socket socket) {
    if (error == asio::error::operation_aborted || !impl_->acceptor.is_open()) return;
    if (!error) {
      std::lock_guard<std::mutex> lock(connections_mutex_);
      if (!stopped_ && connections_.size() < options_.max_connections) {
        auto connection = std::make_shared<Connection>(std::move(socket), this);
        connections_.insert(connection);
        connection_count_.store(connections_.size());
        connection->Start();
      }
      // Otherwise the socket closes as it goes out of scope: kv_engine also drops
      // connections above its limit rather than answering them.
    }
    Accept();
  });
}

void KvServer::Forget(const std::shared_ptr<Connection>& connection) {
  std::lock_guard<std::mutex> lock(connections_mutex_);
  connections_.erase(connection);
  connection_count_.store(connections_.size());
}

void KvServer::Stop() {
  if (threads_.empty()) return;
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    stopped_ = true;
    open.assign(connections_.begin(), connections_.end());
  }
  asio::post(impl_->io, [this] {
    asio::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  for (const auto& connection : open) connection->Close();
  impl_->work.reset();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace casql::kvbin
