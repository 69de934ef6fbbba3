#include "cli/regress_peer_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/regress_session.h"
#include "value/json.h"

namespace casql::regress {

namespace fs = std::filesystem;

namespace {

// Large enough to make loading cheap, small enough that a refused batch is quick to retry
// one document at a time.
constexpr size_t kInsertBatch = 64;

std::string InsertStatement(const char* verb, const std::string& keyspace,
                            const std::vector<std::pair<std::string, Value>>& docs, size_t from,
                            size_t to) {
  std::string sql =
      std::string(verb) + " INTO " + QuoteIdentifier(keyspace) + " (KEY, VALUE) VALUES ";
  for (size_t i = from; i < to; ++i) {
    if (i > from) sql += ", ";
    sql += "(";
    AppendJsonString(docs[i].first, &sql);
    sql += ", ";
    AppendJson(docs[i].second, &sql);
    sql += ")";
  }
  return sql;
}

// Runs `sql`; an empty string on success, else what went wrong.
std::string Run(Client& client, const std::string& sql) {
  auto document = client.Query(MakeRequest({}, sql));
  if (!document.ok()) return document.status().message();
  Response r = ReadResponse(document.value());
  return r.success() ? "" : r.DescribeErrors();
}

}  // namespace

BlackBoxData ReadKeyspaceFolders(const std::string& root) {
  BlackBoxData data;
  std::vector<fs::path> folders;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory() && entry.path().filename() != "cases") {
      folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    KeyspaceData keyspace;
    keyspace.name = folder.filename().string();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      const std::string where = keyspace.name + "/" + file.filename().string();
      if (file.extension() != ".json") {
        data.notes.push_back("peer data " + where + " is not a .json file: not loaded");
        continue;
      }
      std::ifstream in(file);
      std::stringstream text;
      text << in.rdbuf();
      auto doc = ParseJson(text.str());
      if (!doc.ok()) {
        data.notes.push_back("peer data " + where + " is not JSON (" + doc.status().message() +
                             "): not loaded");
        continue;
      }
      keyspace.documents.emplace_back(file.stem().string(), doc.value());
    }
    data.keyspaces.push_back(std::move(keyspace));
  }
  return data;
}

void CreateKeyspaces(Client& client, const std::vector<std::string>& names,
                     std::vector<std::string>* problems) {
  for (const std::string& name : names) {
    for (const std::string& sql : {"CREATE BUCKET " + QuoteIdentifier(name),
                                   "CREATE PRIMARY INDEX ON " + QuoteIdentifier(name)}) {
      const std::string failure = Run(client, sql);
      if (!failure.empty()) problems->push_back(sql + ": " + failure);
    }
  }
}

void LoadDocuments(Client& client, const KeyspaceData& keyspace,
                   std::vector<std::string>* problems) {
  const auto& docs = keyspace.documents;
  for (size_t from = 0; from < docs.size(); from += kInsertBatch) {
    const size_t to = std::min(docs.size(), from + kInsertBatch);
    if (Run(client, InsertStatement("INSERT", keyspace.name, docs, from, to)).empty()) continue;
    // Find the documents casql refuses. UPSERT, because the batch may have stored some.
    for (size_t i = from; i < to; ++i) {
      const std::string failure =
          Run(client, InsertStatement("UPSERT", keyspace.name, docs, i, i + 1));
      if (!failure.empty()) {
        problems->push_back("peer data " + keyspace.name + "/" + docs[i].first +
                            ".json could not be inserted: " + failure);
      }
    }
  }
}

}  // namespace casql::regress
