#pragma once

#include <string>

#include "value/value.h"

namespace casql::exec::fn {

// The value's JSON text with every object's fields in name order, as Couchbase writes JSON,
// so that ENCODE_JSON, ENCODED_SIZE, BASE64_ENCODE and HASHBYTES see the text it would see.
std::string CanonicalJson(const Value& v);

}  // namespace casql::exec::fn
