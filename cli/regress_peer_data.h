#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/regress_target.h"
#include "value/value.h"

namespace casql::regress {

// One keyspace of Couchbase's black-box suite: the folder `<root>/<name>/`, each `<key>.json`
// in it one document.
struct KeyspaceData {
  std::string name;
  std::vector<std::pair<std::string, Value>> documents;  // in key order
};

// Every folder of `root` (filestore/json/default) except `cases/`, read once and shared by
// all the case files of the suite. Files that are not JSON are left out and named in `notes`.
struct BlackBoxData {
  std::vector<KeyspaceData> keyspaces;
  std::vector<std::string> notes;
};
BlackBoxData ReadKeyspaceFolders(const std::string& root);

// What casql must do to host the peer data, in SQL: CREATE BUCKET and CREATE PRIMARY INDEX
// for each keyspace (the bucket's default collection is the keyspace), then INSERT its
// documents in batches. Problems (a bucket that cannot be created, a document casql refuses)
// are appended to `problems`; loading goes on with the rest.
void CreateKeyspaces(Client& client, const std::vector<std::string>& names,
                     std::vector<std::string>* problems);
void LoadDocuments(Client& client, const KeyspaceData& keyspace,
                   std::vector<std::string>* problems);

}  // namespace casql::regress
