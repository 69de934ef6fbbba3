// The /query/service handler: parameters, authentication, admission, then the streamed
// response, with the request's life recorded in the registry and the metrics.
#include <httplib.h>

#include "http/server.h"

namespace casql::http {

namespace {

bool AcceptsJson(const httplib::Request& req) {
  const std::string accept = req.get_header_value("Accept");
  if (accept.empty()) return true;
  for (const char* ok : {"*/*", "application/json", "application/xml", "application/*"}) {
    if (accept.find(ok) != std::string::npos) return true;
  }
  return false;
}

// Closes a request's registry entry and writes its log line exactly once: when its response
// has been streamed, or, if httplib drops the response unstreamed (the client went away), when
// the response is destroyed.
class RequestTracker {
 public:
  RequestTracker(RequestRegistry* registry, ServiceMetrics* metrics, RequestLog* log,
                 uint64_t handle, std::shared_ptr<const QueryService::Execution> execution,
                 std::string users)
      : registry_(registry),
        metrics_(metrics),
        log_(log),
        handle_(handle),
        execution_(std::move(execution)),
        users_(std::move(users)) {}
  ~RequestTracker() {
    if (finished_) return;
    RequestRegistry::Finished f;
    f.state = "closed";
    f.elapsed = std::chrono::steady_clock::now() - created_;
    registry_->Finish(handle_, f);
    metrics_->RecordRequest(f.state, f.elapsed);
    QueryService::Outcome closed;
    closed.http_status = execution_->http_status();
    closed.status = f.state;
    closed.elapsed = f.elapsed;
    Log(closed);
  }
  RequestTracker(const RequestTracker&) = delete;
  RequestTracker& operator=(const RequestTracker&) = delete;

  void Finish(const QueryService::Outcome& outcome) {
    finished_ = true;
    RequestRegistry::Finished f;
    f.state = outcome.status;
    f.elapsed = outcome.elapsed;
    f.execution = outcome.execution;
    f.result_count = outcome.result_count;
    f.result_size = outcome.result_size;
    f.error_count = outcome.errors.size();
    f.mutation_count = outcome.mutation_count;
    registry_->Finish(handle_, f);
    metrics_->RecordRequest(outcome.status, outcome.elapsed);
    Log(outcome);
    if (outcome.mutated && outcome.mutation_count > 0) {
      metrics_->RecordKvOp(outcome.mutated->FullName(), "query_mutation", "SUCCESS",
                           outcome.mutation_count);
    }
    for (const Error& e : outcome.errors) {
      if (e.code != static_cast<int>(ErrorCode::kDml)) continue;
      const Value& keyspace = e.reason.Field("keyspace");
      metrics_->RecordConflict(keyspace.IsString() ? keyspace.AsString() : "", "query");
    }
  }

 private:
  void Log(const QueryService::Outcome& outcome) const {
    if (!log_) return;
    const QueryRequest& request = execution_->request();
    RequestLog::Entry entry{execution_->request_id(),
                            &request.client_context_id,
                            users_,
                            outcome.http_status,
                            outcome.status,
                            outcome.elapsed,
                            outcome.result_count,
                            {},
                            request.statement};
    for (const Error& e : outcome.errors) entry.error_codes.push_back(e.code);
    log_->Write(entry);
  }

  RequestRegistry* registry_;
  ServiceMetrics* metrics_;
  RequestLog* log_;
  const uint64_t handle_;
  const std::shared_ptr<const QueryService::Execution> execution_;
  const std::string users_;
  const std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  bool finished_ = false;
};

std::string UserNames(const std::vector<const User*>& users) {
  std::string out;
  for (const User* u : users) out += (out.empty() ? "" : ",") + u->name;
  return out;
}

}  // namespace

void Server::HandleQuery(const httplib::Request& req, httplib::Response& res) {
  const auto received = std::chrono::steady_clock::now();
  if (!AcceptsJson(req)) {
    SendFatal(res,
              Status(ErrorCode::kMediaType,
                     FormatError(ErrorCode::kMediaType, {req.get_header_value("Accept")})),
              received);
    return;
  }
  std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
  RequestContext context{req.method == "GET", options_.fault_injection};
  auto parsed = ParseQueryRequest(req.get_header_value("Content-Type"), req.body, params, context);
  if (!parsed.ok()) {
    SendFatal(res, parsed.status(), received);
    return;
  }
  auto users = Authenticate(req, parsed->creds);
  if (!users.ok()) {
    SendFatal(res, users.status(), received, parsed->client_context_id, parsed->statement);
    return;
  }
  parsed->authorize = options_.users != nullptr;
  parsed->users = users.value();

  auto execution = std::make_shared<QueryService::Execution>(
      service_.Prepare(std::move(parsed.value()), received));
  const QueryRequest& request = execution->request();
  std::string user_names = UserNames(users.value());
  auto handle = registry_.Begin(RequestRegistry::Started{execution->request_id(), request.statement,
                                                         request.client_context_id, user_names});
  if (!handle.ok()) {
    SendFatal(res, handle.status(), received, request.client_context_id, request.statement);
    return;
  }
  auto tracker = std::make_shared<RequestTracker>(&registry_, &metrics_, options_.request_log,
                                                  handle.value(), execution, std::move(user_names));
  std::string body;
  const ResponseWriter::Output to_body = [&body](std::string_view piece) {
    body.append(piece);
    return true;
  };
  if (!execution->streams_rows()) {
    QueryService::Outcome outcome = execution->Stream(to_body);
    res.status = outcome.http_status;
    tracker->Finish(outcome);
    res.set_content(body, QueryContentType());
    return;
  }
  res.status = execution->http_status();
  // Most responses are small: gathered whole, they go out with a Content-Length in two writes,
  // where httplib's chunked encoding takes three writes and two more polls of the socket. Only
  // a response that outgrows the buffer is streamed in chunks.
  constexpr size_t kBufferedResponseBytes = 64 * 1024;
  if (auto outcome = execution->StreamPrefix(to_body, kBufferedResponseBytes)) {
    tracker->Finish(*outcome);
    res.set_content(body, QueryContentType());
    return;
  }
  res.set_chunked_content_provider(
      QueryContentType(),
      [execution, tracker, prefix = std::move(body)](size_t, httplib::DataSink& sink) {
        // Rows are gathered into chunks of about kChunkBytes: one write per row would cost a
        // system call per row.
        constexpr size_t kChunkBytes = 16 * 1024;
        std::string chunk = prefix;
        bool writable = true;
        auto flush = [&] {
          writable = writable && sink.write(chunk.data(), chunk.size());
          chunk.clear();
          return writable;
        };
        flush();
        tracker->Finish(execution->Stream([&](std::string_view piece) {
          chunk.append(piece);
          return chunk.size() < kChunkBytes || flush();
        }));
        if (!chunk.empty()) flush();
        sink.done();
        return true;
      });
}

}  // namespace casql::http
