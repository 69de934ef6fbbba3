#pragma once

// The public API of the KV engine (namespace casql::kv): keyspaces, documents with CAS, locks,
// expiry, scans and mutation listeners, with kv_engine's status codes. docs/kvengine.md
// describes the model and the rules.
#include "kvengine/collection.h"
#include "kvengine/engine.h"
#include "kvengine/kv_status.h"
#include "kvengine/kv_types.h"
#include "kvengine/stored_doc.h"
