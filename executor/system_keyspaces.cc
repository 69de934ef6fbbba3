#include "executor/system_keyspaces.h"

#include <array>

#include "executor/datastore.h"
#include "planner/operator.h"

namespace casql::exec {

namespace {

constexpr std::string_view kDatastoreId = "casql";

Value Str(std::string_view s) {
  return Value(std::string(s));
}

void AddCommon(Object* doc) {
  doc->Set("datastore_id", Str(kDatastoreId));
  doc->Set("namespace", Value("default"));
  doc->Set("namespace_id", Value("default"));
}

std::map<std::string, Value> Buckets(Datastore& ds) {
  std::map<std::string, Value> out;
  for (const auto& bucket : ds.engine().ListBuckets()) {
    Object doc;
    AddCommon(&doc);
    doc.Set("name", Str(bucket));
    doc.Set("path", Value("default:" + bucket));
    out.emplace("default:" + bucket, Value(std::move(doc)));
  }
  return out;
}

std::map<std::string, Value> Scopes(Datastore& ds) {
  std::map<std::string, Value> out;
  for (const auto& bucket : ds.engine().ListBuckets()) {
    for (const auto& scope : ds.engine().ListScopes(bucket)) {
      Object doc;
      AddCommon(&doc);
      doc.Set("bucket", Str(bucket));
      doc.Set("name", Str(scope));
      const std::string path = "default:" + bucket + "." + scope;
      doc.Set("path", Value(path));
      out.emplace(path, Value(std::move(doc)));
    }
  }
  return out;
}

// A bucket is a keyspace (its default collection) and so is every other collection.
std::map<std::string, Value> Keyspaces(Datastore& ds) {
  std::map<std::string, Value> out;
  for (const auto& bucket : ds.engine().ListBuckets()) {
    Object doc;
    AddCommon(&doc);
    doc.Set("id", Str(bucket));
    doc.Set("name", Str(bucket));
    doc.Set("path", Value("default:" + bucket));
    out.emplace("default:" + bucket, Value(std::move(doc)));
    for (const auto& scope : ds.engine().ListScopes(bucket)) {
      for (const auto& collection : ds.engine().ListCollections(bucket, scope)) {
        if (scope == "_default" && collection == "_default") continue;
        Object c;
        AddCommon(&c);
        c.Set("bucket", Str(bucket));
        c.Set("id", Str(collection));
        c.Set("name", Str(collection));
        const std::string path = "default:" + bucket + "." + scope + "." + collection;
        c.Set("path", Value(path));
        c.Set("scope", Str(scope));
        out.emplace(path, Value(std::move(c)));
      }
    }
  }
  return out;
}

// An index expression as CREATE INDEX wrote it: the keys are kept formalized against the
// keyspace's alias (`hotel`.`city`), Couchbase lists them unqualified (`city`).
ast::ExprPtr WithoutAlias(const ast::ExprPtr& expr, const std::string& alias) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery) return expr;
  if (expr->kind == ast::ExprKind::kField && expr->args.size() == 1 &&
      expr->args[0]->kind == ast::ExprKind::kIdentifier && expr->args[0]->name == alias) {
    return ast::MakeIdentifier(expr->name);
  }
  auto out = std::make_shared<ast::Expr>(*expr);
  for (auto& a : out->args) a = WithoutAlias(a, alias);
  for (auto& b : out->bindings) b.expr = WithoutAlias(b.expr, alias);
  out->else_expr = WithoutAlias(out->else_expr, alias);
  return out;
}

Value IndexKeyTexts(const plan::IndexInfo& info) {
  Array out;
  for (const auto& key : info.keys)
    out.push_back(Value(plan::ExprText(WithoutAlias(key, info.alias))));
  return Value(std::move(out));
}

// As Couchbase lists them: an index of a default collection names the bucket as its
// keyspace_id; one of a named collection adds bucket_id and scope_id.
std::map<std::string, Value> Indexes(Datastore& ds) {
  std::map<std::string, Value> out;
  for (const auto& index : ds.AllIndexes()) {
    Object doc;
    const plan::KeyspacePath& ks = index.keyspace;
    const bool default_collection = ks.IsDefaultCollection();
    if (!default_collection) doc.Set("bucket_id", Str(ks.bucket));
    if (!index.primary && index.info.where)
      doc.Set("condition", Value(plan::ExprText(WithoutAlias(index.info.where, index.info.alias))));
    doc.Set("datastore_id", Str(kDatastoreId));
    doc.Set("id", Str(index.primary ? index.name : index.info.id));
    doc.Set("index_key", index.primary ? Value(Array()) : IndexKeyTexts(index.info));
    if (index.primary) doc.Set("is_primary", Value(true));
    doc.Set("keyspace_id", Str(default_collection ? ks.bucket : ks.collection));
    doc.Set("name", Str(index.name));
    doc.Set("namespace_id", Value("default"));
    if (!default_collection) doc.Set("scope_id", Str(ks.scope));
    doc.Set("state", Value("online"));
    doc.Set("using", Value("gsi"));
    const std::string key = default_collection ? "default:" + ks.bucket + "/" + index.name
                                               : "default:" + ks.bucket + "." + ks.scope + "." +
                                                     ks.collection + "/" + index.name;
    out.emplace(key, Value(std::move(doc)));
  }
  return out;
}

std::map<std::string, Value> Prepareds(Datastore& ds) {
  std::map<std::string, Value> out;
  for (const auto& prepared : ds.prepareds().List()) {
    Object doc;
    doc.Set("name", Str(prepared->name));
    doc.Set("namespace", Value("default"));
    doc.Set("queryContext", Str(prepared->query_context));
    doc.Set("statement", Str(prepared->text));
    doc.Set("uses", Value(prepared->uses.load(std::memory_order_relaxed)));
    const std::string key = prepared->query_context.empty()
                                ? prepared->name
                                : prepared->name + "(" + prepared->query_context + ")";
    out.emplace(key, Value(std::move(doc)));
  }
  return out;
}

// The server's requests, keyed by requestId as Couchbase keys them.
std::map<std::string, Value> Requests(Datastore& ds, bool active) {
  std::map<std::string, Value> out;
  const Value listed = ds.ListRequests(active);
  if (!listed.IsArray()) return out;
  for (const Value& request : listed.AsArray()) {
    const Value& id = request.Field("requestId");
    if (id.IsString()) out.emplace(id.AsString(), request);
  }
  return out;
}

}  // namespace

bool IsSystemKeyspace(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "active_requests", "buckets", "completed_requests", "indexes", "keyspaces",
      "prepareds",       "scopes"};
  for (auto n : kNames) {
    if (n == name) return true;
  }
  return false;
}

std::map<std::string, Value> SystemDocuments(Datastore& datastore, std::string_view name) {
  if (name == "buckets") return Buckets(datastore);
  if (name == "scopes") return Scopes(datastore);
  if (name == "keyspaces") return Keyspaces(datastore);
  if (name == "indexes") return Indexes(datastore);
  if (name == "prepareds") return Prepareds(datastore);
  if (name == "active_requests") return Requests(datastore, true);
  if (name == "completed_requests") return Requests(datastore, false);
  return {};
}

}  // namespace casql::exec
