// The Datastore's indexes and their definitions file.
//
// data_dir/indexes.json holds every index definition as one JSON document, rewritten whole
// on each change (to indexes.json.tmp, fsynced, renamed over the old file):
//   {"version": 2,
//    "primary":   {"<bucket>.<scope>.<collection>": "<index name>", ...},
//    "secondary": [{"keyspace": "<bucket>.<scope>.<collection>", "name": ..., "id": ...,
//                   "alias": ..., "keys": ["<expression text>", ...], "desc": [bool, ...],
//                   "where": "<expression text>" (partial indexes only)}, ...]}
// Version 1 files (an object of keyspace -> primary index name) are still read. Secondary
// indexes are rebuilt from the documents when the file is loaded.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "executor/datastore.h"
#include "parser/parser.h"
#include "value/json.h"

namespace casql::exec {

std::string Datastore::IndexKey(const plan::KeyspacePath& path) {
  return path.bucket + "." + path.scope + "." + path.collection;
}

plan::KeyspacePath Datastore::PathOfKey(const std::string& key) {
  plan::KeyspacePath path;
  const size_t a = key.find('.'), b = key.rfind('.');
  path.bucket = key.substr(0, a);
  path.scope = key.substr(a + 1, b - a - 1);
  path.collection = key.substr(b + 1);
  path.written_as_bucket = path.IsDefaultCollection();
  return path;
}

std::optional<std::string> Datastore::PrimaryIndex(const plan::KeyspacePath& path) const {
  // Every system keyspace has a primary index, as in Couchbase.
  if (path.is_system) return std::string("#primary");
  std::lock_guard<std::mutex> lock(mu_);
  auto it = primary_indexes_.find(IndexKey(path));
  if (it == primary_indexes_.end()) return std::nullopt;
  return it->second;
}

std::vector<plan::IndexInfo> Datastore::SecondaryIndexes(const plan::KeyspacePath& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<plan::IndexInfo> out;
  auto it = secondary_indexes_.find(IndexKey(path));
  if (it == secondary_indexes_.end()) return out;
  for (const auto& index : it->second) out.push_back(index->info());
  return out;
}

std::shared_ptr<const SecondaryIndex> Datastore::FindIndex(const plan::KeyspacePath& path,
                                                           const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = secondary_indexes_.find(IndexKey(path));
  if (it == secondary_indexes_.end()) return nullptr;
  for (const auto& index : it->second) {
    if (index->info().name == name) return index;
  }
  return nullptr;
}

std::vector<Datastore::IndexListing> Datastore::AllIndexes() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<IndexListing> out;
  for (const auto& [keyspace, name] : primary_indexes_) {
    out.push_back(IndexListing{PathOfKey(keyspace), name, true, {}});
  }
  for (const auto& [keyspace, list] : secondary_indexes_) {
    for (const auto& index : list) {
      out.push_back(IndexListing{PathOfKey(keyspace), index->info().name, false, index->info()});
    }
  }
  return out;
}

bool Datastore::NameTakenLocked(const std::string& keyspace, const std::string& name) const {
  auto primary = primary_indexes_.find(keyspace);
  if (primary != primary_indexes_.end() && primary->second == name) return true;
  auto it = secondary_indexes_.find(keyspace);
  if (it == secondary_indexes_.end()) return false;
  for (const auto& index : it->second) {
    if (index->info().name == name) return true;
  }
  return false;
}

Status Datastore::CreatePrimaryIndex(const plan::KeyspacePath& path, const std::string& name,
                                     bool if_not_exists) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string key = IndexKey(path);
  auto existing = primary_indexes_.find(key);
  if (existing != primary_indexes_.end() || NameTakenLocked(key, name)) {
    if (if_not_exists) return Status::OK();
    const std::string& taken = existing != primary_indexes_.end() ? existing->second : name;
    return Status(ErrorCode::kIndexAlreadyExists,
                  FormatError(ErrorCode::kIndexAlreadyExists, {taken}));
  }
  primary_indexes_.emplace(key, name);
  Status saved = SaveIndexesLocked();
  if (!saved.ok()) primary_indexes_.erase(key);
  return saved;
}

Status Datastore::CreateIndex(const plan::KeyspacePath& path, plan::IndexInfo info,
                              bool if_not_exists) {
  const std::string key = IndexKey(path);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (NameTakenLocked(key, info.name)) {
      if (if_not_exists) return Status::OK();
      return Status(ErrorCode::kIndexAlreadyExists,
                    FormatError(ErrorCode::kIndexAlreadyExists, {info.name}));
    }
    if (info.id.empty()) info.id = "casql-" + std::to_string(next_index_id_++);
  }
  auto collection = Collection(path);
  if (!collection.ok()) return collection.status();
  // Built without the lock: indexing a large collection must not stall planning.
  auto index = SecondaryIndex::Build(std::move(info), collection.value());
  if (!index.ok()) return index.status();
  std::lock_guard<std::mutex> lock(mu_);
  if (NameTakenLocked(key, index.value()->info().name)) {
    if (if_not_exists) return Status::OK();
    return Status(ErrorCode::kIndexAlreadyExists,
                  FormatError(ErrorCode::kIndexAlreadyExists, {index.value()->info().name}));
  }
  auto& list = secondary_indexes_[key];
  list.push_back(index.value());
  Status saved = SaveIndexesLocked();
  if (!saved.ok()) list.pop_back();
  return saved;
}

Status Datastore::DropIndex(const plan::KeyspacePath& path, const std::string& name,
                            bool if_exists) {
  std::shared_ptr<SecondaryIndex> dropped;  // destroyed after the lock is released
  std::lock_guard<std::mutex> lock(mu_);
  const std::string key = IndexKey(path);
  auto primary = primary_indexes_.find(key);
  if (primary != primary_indexes_.end() && primary->second == name) {
    primary_indexes_.erase(primary);
    return SaveIndexesLocked();
  }
  auto it = secondary_indexes_.find(key);
  if (it != secondary_indexes_.end()) {
    auto& list = it->second;
    for (auto index = list.begin(); index != list.end(); ++index) {
      if ((*index)->info().name != name) continue;
      dropped = *index;
      list.erase(index);
      return SaveIndexesLocked();
    }
  }
  if (if_exists) return Status::OK();
  return Status(ErrorCode::kIndexNotFound,
                FormatError(ErrorCode::kIndexNotFound, {"GSI index " + name + " not found."}));
}

Status Datastore::ForgetIndexes(const std::string& bucket, const std::string& scope,
                                const std::string& collection) {
  std::string prefix = bucket + ".";
  if (!scope.empty()) prefix += scope + ".";
  auto matches = [&](const std::string& key) {
    return collection.empty() ? key.rfind(prefix, 0) == 0 : key == prefix + collection;
  };
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = primary_indexes_.begin(); it != primary_indexes_.end();) {
    it = matches(it->first) ? primary_indexes_.erase(it) : std::next(it);
  }
  for (auto it = secondary_indexes_.begin(); it != secondary_indexes_.end();) {
    it = matches(it->first) ? secondary_indexes_.erase(it) : std::next(it);
  }
  return SaveIndexesLocked();
}

Status Datastore::LoadSecondary(const Value& def) {
  plan::IndexInfo info;
  info.name = def.Field("name").IsString() ? def.Field("name").AsString() : "";
  info.id = def.Field("id").IsString() ? def.Field("id").AsString() : "";
  info.alias = def.Field("alias").IsString() ? def.Field("alias").AsString() : "";
  const Value& keys = def.Field("keys");
  const Value& desc = def.Field("desc");
  if (info.name.empty() || !keys.IsArray() || !def.Field("keyspace").IsString()) {
    return Status(ErrorCode::kInternal, "Corrupt secondary index definition in indexes.json");
  }
  for (size_t i = 0; i < keys.AsArray().size(); ++i) {
    const Value& text = keys.AsArray()[i];
    auto expr = ParseExpression(text.IsString() ? text.AsString() : "");
    if (!expr.ok()) return expr.status();
    info.keys.push_back(expr.value());
    info.desc.push_back(desc.Element(static_cast<int64_t>(i)).IsTrue());
  }
  if (def.Field("where").IsString()) {
    auto where = ParseExpression(def.Field("where").AsString());
    if (!where.ok()) return where.status();
    info.where = where.value();
  }
  const std::string key = def.Field("keyspace").AsString();
  auto collection = Collection(PathOfKey(key));
  if (!collection.ok()) return Status::OK();  // its collection is gone: the index went with it
  auto index = SecondaryIndex::Build(std::move(info), collection.value());
  if (!index.ok()) return index.status();
  secondary_indexes_[key].push_back(index.value());
  return Status::OK();
}

Status Datastore::LoadIndexes() {
  if (data_dir_.empty()) return Status::OK();
  std::ifstream in(data_dir_ + "/indexes.json");
  if (!in) return Status::OK();  // a new data directory has no index definitions yet
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  if (!parsed.ok() || !parsed->IsObject()) {
    return Status(ErrorCode::kInternal,
                  "Corrupt index definitions in " + data_dir_ + "/indexes.json");
  }
  const bool v1 = parsed->Field("version").IsMissing();
  const Value& primary = v1 ? parsed.value() : parsed->Field("primary");
  if (primary.IsObject()) {
    for (const auto& [keyspace, name] : primary.AsObject()) {
      if (name.IsString()) primary_indexes_.emplace(keyspace, name.AsString());
    }
  }
  const Value& secondary = parsed->Field("secondary");
  if (!v1 && secondary.IsArray()) {
    for (const Value& def : secondary.AsArray()) {
      CASQL_RETURN_IF_ERROR(LoadSecondary(def));
      const std::string& id = def.Field("id").IsString() ? def.Field("id").AsString() : "";
      if (id.rfind("casql-", 0) == 0) {
        next_index_id_ = std::max<uint64_t>(next_index_id_, std::stoull(id.substr(6)) + 1);
      }
    }
  }
  return Status::OK();
}

Status Datastore::SaveIndexesLocked() const {
  if (data_dir_.empty()) return Status::OK();
  Object primary;
  for (const auto& [keyspace, name] : primary_indexes_) primary.Set(keyspace, Value(name));
  Array secondary;
  for (const auto& [keyspace, list] : secondary_indexes_) {
    for (const auto& index : list) {
      const plan::IndexInfo& info = index->info();
      Array keys, desc;
      for (size_t i = 0; i < info.keys.size(); ++i) {
        keys.push_back(Value(ast::ToString(info.keys[i])));
        desc.push_back(Value(info.desc[i]));
      }
      Object def{{"keyspace", Value(keyspace)},    {"name", Value(info.name)},
                 {"id", Value(info.id)},           {"alias", Value(info.alias)},
                 {"keys", Value(std::move(keys))}, {"desc", Value(std::move(desc))}};
      if (info.where) def.Set("where", Value(ast::ToString(info.where)));
      secondary.push_back(Value(std::move(def)));
    }
  }
  const std::string text = ToJson(Value(Object{{"version", Value(int64_t{2})},
                                               {"primary", Value(std::move(primary))},
                                               {"secondary", Value(std::move(secondary))}}));
  const std::string tmp = data_dir_ + "/indexes.json.tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  if (fd >= 0) ok = (::close(fd) == 0) && ok;
  ok = ok && std::rename(tmp.c_str(), (data_dir_ + "/indexes.json").c_str()) == 0;
  if (!ok) return Status(ErrorCode::kInternal, "Cannot write index definitions to " + data_dir_);
  return Status::OK();
}

}  // namespace casql::exec
