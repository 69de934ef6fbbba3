// libFuzzer target for the /query/service request reader (http/query_request.cc): the first
// byte picks the content type and the method, the rest is the body. Any input must give a
// request or one of the request errors the reader documents, never crash, hang or throw.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "http/query_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kTypes[] = {"application/json", "application/x-www-form-urlencoded",
                                       "text/plain", ""};
  const std::string_view content_type = kTypes[data[0] % 4];
  casql::http::RequestContext context;
  context.is_get = (data[0] & 4) != 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  // A GET carries its parameters in the URL: the body is then read as a query string.
  std::multimap<std::string, std::string> url_params;
  if (context.is_get) url_params.emplace("statement", std::string(body));
  casql::Result<casql::http::QueryRequest> request =
      casql::http::ParseQueryRequest(content_type, context.is_get ? "" : body, url_params, context);
  static const std::set<int> kDocumented = {1030, 1040, 1050, 1060, 1065, 1070, 1090, 1110};
  if (!request.ok() && kDocumented.count(request.status().code()) == 0) std::abort();
  return 0;
}
