#pragma once

namespace casql::http {

// The HTTP status of a response whose first error has `code`, as Couchbase 7.6's
// mapErrorToHttpResponse decides it: errors raised before execution default to 500 when
// unmapped, errors raised during execution to 200.
int HttpStatusForError(int code, bool before_execution);

}  // namespace casql::http
