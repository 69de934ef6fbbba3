#include "http/kv_binary/kv_server.h"

#include <algorithm>

#include <asio.hpp>

#include "http/kv_binary/connection.h"

namespace casql::kvbin {

// One io_context per thread, each run by its own thread: a connection lives on one of them
// (round robin), so its handlers never hop between threads and need no strand. The acceptor
// lives on the first.
struct KvServer::Impl {
  explicit Impl(int threads) {
    for (int i = 0; i < std::max(threads, 1); ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      // Keeps run() going while a context has no connection yet.
      work.push_back(asio::make_work_guard(*contexts.back()));
    }
    acceptor = std::make_unique<asio::ip::tcp::acceptor>(*contexts.front());
  }
  asio::io_context& Next() { return *contexts[next++ % contexts.size()]; }

  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<asio::ip::tcp::acceptor> acceptor;
  size_t next = 0;  // only touched by the accept handler
};

KvServer::KvServer(kv::Engine* engine, const Authenticator* users, KvServerOptions options)
    : impl_(std::make_unique<Impl>(options.threads)),
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
  auto& acceptor = *impl_->acceptor;
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
  for (auto& context : impl_->contexts) {
    threads_.emplace_back([io = context.get()] { io->run(); });
  }
}

void KvServer::Accept() {
  impl_->acceptor->async_accept(
      impl_->Next(), [this](const asio::error_code& error, asio::ip::tcp::socket socket) {
        if (error == asio::error::operation_aborted || !impl_->acceptor->is_open()) return;
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
  asio::post(*impl_->contexts.front(), [this] {
    asio::error_code ignored;
    impl_->acceptor->close(ignored);
  });
  for (const auto& connection : open) connection->Close();
  for (auto& guard : impl_->work) guard.reset();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace casql::kvbin
