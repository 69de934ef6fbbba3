#include "http/server.h"

#include <httplib.h>

#include "http/status_mapping.h"

namespace casql::http {

namespace {

std::string ContentType() {
  return std::string("application/json; version=") + kVersion + "-N1QL";
}

bool AcceptsJson(const httplib::Request& req) {
  const std::string accept = req.get_header_value("Accept");
  if (accept.empty()) return true;
  for (const char* ok : {"*/*", "application/json", "application/xml", "application/*"}) {
    if (accept.find(ok) != std::string::npos) return true;
  }
  return false;
}

// Sends a response that failed before execution (bad parameters, wrong method or media
// type): a fatal document with no results.
void SendFatal(httplib::Response& res, const Status& error, bool pretty,
               std::chrono::steady_clock::time_point received) {
  std::string body;
  auto outcome =
      QueryService::WriteFatal(error, std::nullopt, pretty, received, [&body](std::string_view s) {
        body.append(s);
        return true;
      });
  res.status = outcome.http_status;
  res.set_content(body, ContentType().c_str());
}

}  // namespace

Server::Server(exec::Datastore* datastore, ServerOptions options)
    : datastore_(datastore),
      options_(std::move(options)),
      service_(datastore),
      server_(std::make_unique<httplib::Server>()) {
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_max_count(100000);
  Routes();
}

Server::~Server() = default;

void Server::Routes() {
  server_->Get("/admin/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"OK"})", "application/json");
  });

  auto query = [this](const httplib::Request& req, httplib::Response& res) {
    const auto received = std::chrono::steady_clock::now();
    if (!AcceptsJson(req)) {
      SendFatal(res,
                Status(ErrorCode::kMediaType,
                       FormatError(ErrorCode::kMediaType, {req.get_header_value("Accept")})),
                false, received);
      return;
    }
    std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
    RequestContext context{req.method == "GET", options_.fault_injection};
    auto parsed =
        ParseQueryRequest(req.get_header_value("Content-Type"), req.body, params, context);
    if (!parsed.ok()) {
      SendFatal(res, parsed.status(), false, received);
      return;
    }
    auto execution = std::make_shared<QueryService::Execution>(
        service_.Prepare(std::move(parsed.value()), received));
    res.status = execution->http_status();
    res.set_chunked_content_provider(ContentType(), [execution](size_t, httplib::DataSink& sink) {
      execution->Stream([&sink](std::string_view chunk) {
        return sink.is_writable() && sink.write(chunk.data(), chunk.size());
      });
      sink.done();
      return true;
    });
  };
  for (const char* path : {"/query/service", "/query"}) {
    server_->Get(path, query);
    server_->Post(path, query);
    auto unsupported = [](const httplib::Request& req, httplib::Response& res) {
      SendFatal(res,
                Status(ErrorCode::kUnsupportedMethod,
                       FormatError(ErrorCode::kUnsupportedMethod, {req.method})),
                false, std::chrono::steady_clock::now());
    };
    server_->Put(path, unsupported);
    server_->Delete(path, unsupported);
    server_->Patch(path, unsupported);
  }
}

Status Server::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host.c_str());
  } else {
    port_ = server_->bind_to_port(options_.host.c_str(), options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return Status(ErrorCode::kInternal, "cannot listen on " + options_.host + ":" +
                                            std::to_string(options_.port) +
                                            " (address in use or not available)");
  }
  return Status::OK();
}

void Server::Serve() {
  server_->listen_after_bind();
}

void Server::Stop() {
  server_->stop();
}

}  // namespace casql::http
