#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http/auth.h"
#include "http/service_metrics.h"
#include "kvengine/kvengine.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace casql::http {

// casql's KV REST API over kvengine (docs/http-api.md has the full contract):
//   GET    /kv/{bucket}/{scope}/{collection}/{key}          the document; ETag: "<cas>"
//   PUT    .../{key}[?expiry=&flags=&durability=]           upsert; replace when If-Match
//   POST   .../{key}[?expiry=&flags=&durability=]           insert (201)
//   DELETE .../{key}[?durability=]                          remove (CAS from If-Match)
//   POST   .../{key}/lock?seconds=N                         get-and-lock; ETag = lock CAS
//   POST   .../{key}/unlock                                 If-Match: the lock CAS
//   POST   .../{key}/touch?expiry=N                         new expiry
// Path segments are percent-decoded one by one, so a key may hold any byte ("%2F" is a slash
// inside the key; "../x" is just a key): keys never touch the filesystem. Errors are JSON
// {"status": "<kv_engine status>", "code": <its number>, "msg": "..."}.
//
// Thread safety: Handle may be called from many threads at once.
class KvRest {
 public:
  KvRest(kv::Engine* engine, ServiceMetrics* metrics) : engine_(engine), metrics_(metrics) {}

  // `users` null: the server has no users and every request is allowed; otherwise the
  // authenticated users, who need data_reader (GET, lock) or data_writer (the rest) on the
  // keyspace.
  void Handle(const httplib::Request& req, httplib::Response& res,
              const std::vector<const User*>* users);

 private:
  kv::Engine* engine_;
  ServiceMetrics* metrics_;
};

// The JSON error body of the KV REST API.
std::string KvErrorBody(kv::KvStatus status, const std::string& message);

}  // namespace casql::http
