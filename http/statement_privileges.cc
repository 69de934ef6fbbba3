#include "http/statement_privileges.h"

#include "planner/ops/create_index.h"
#include "planner/ops/create_primary_index.h"
#include "planner/ops/drop_index.h"
#include "planner/ops/except_all.h"
#include "planner/ops/fetch.h"
#include "planner/ops/hash_join.h"
#include "planner/ops/index_scan.h"
#include "planner/ops/intersect_all.h"
#include "planner/ops/join.h"
#include "planner/ops/merge.h"
#include "planner/ops/nest.h"
#include "planner/ops/nested_loop_join.h"
#include "planner/ops/nested_loop_nest.h"
#include "planner/ops/parallel.h"
#include "planner/ops/prepare.h"
#include "planner/ops/primary_scan.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/sequence.h"
#include "planner/ops/union_all.h"
#include "planner/ops/with.h"

namespace casql::http {

namespace {

struct Collected {
  std::vector<RequiredPrivilege> writes;
  std::vector<plan::KeyspacePath> reads;
  bool admin = false;
};

void Walk(const plan::Operator& op, Collected* out) {
  using plan::OpKind;
  auto write = [out](Privilege p, const plan::KeyspacePath& ks, const char* kind) {
    out->writes.push_back({p, ks, kind});
  };
  // Every kind is listed (no default) so that the compiler flags a new operator until its
  // keyspaces are accounted for here.
  switch (op.kind()) {
    case OpKind::kSequence:
      for (const auto& child : op.As<plan::Sequence>().children) Walk(*child, out);
      break;
    case OpKind::kParallel:
      Walk(*op.As<plan::Parallel>().child, out);
      break;
    case OpKind::kUnionAll:
      for (const auto& child : op.As<plan::UnionAll>().children) Walk(*child, out);
      break;
    case OpKind::kIntersectAll:
      Walk(*op.As<plan::IntersectAll>().first, out);
      Walk(*op.As<plan::IntersectAll>().second, out);
      break;
    case OpKind::kExceptAll:
      Walk(*op.As<plan::ExceptAll>().first, out);
      Walk(*op.As<plan::ExceptAll>().second, out);
      break;
    case OpKind::kNestedLoopJoin:
      Walk(*op.As<plan::NestedLoopJoin>().child, out);
      break;
    case OpKind::kNestedLoopNest:
      Walk(*op.As<plan::NestedLoopNest>().child, out);
      break;
    case OpKind::kHashJoin:
      Walk(*op.As<plan::HashJoin>().child, out);
      break;
    case OpKind::kWith: {
      const auto& with = op.As<plan::With>();
      for (const auto& sub : with.subquery_plans) {
        if (sub) Walk(*sub, out);
      }
      for (const auto& step : with.recursive_plans) {
        if (step) Walk(*step, out);
      }
      Walk(*with.child, out);
      break;
    }
    // Preparing a statement needs the privileges of running it, as in Couchbase.
    case OpKind::kPrepare:
      Walk(*op.As<plan::Prepare>().prepared->root, out);
      break;
    case OpKind::kFetch:
      out->reads.push_back(op.As<plan::Fetch>().keyspace);
      break;
    case OpKind::kPrimaryScan:
      out->reads.push_back(op.As<plan::PrimaryScan>().keyspace);
      break;
    case OpKind::kIndexScan:
      out->reads.push_back(op.As<plan::IndexScan>().keyspace);
      break;
    case OpKind::kJoin:
      out->reads.push_back(op.As<plan::Join>().keyspace);
      break;
    case OpKind::kNest:
      out->reads.push_back(op.As<plan::Nest>().keyspace);
      break;
    case OpKind::kSendUpdate:
      write(Privilege::kQueryUpdate, op.As<plan::SendUpdate>().keyspace, "UPDATE");
      break;
    case OpKind::kSendDelete:
      write(Privilege::kQueryDelete, op.As<plan::SendDelete>().keyspace, "DELETE");
      break;
    case OpKind::kSendInsert: {
      const auto& insert = op.As<plan::SendInsert>();
      write(Privilege::kQueryInsert, insert.keyspace, insert.upsert ? "UPSERT" : "INSERT");
      if (insert.upsert) write(Privilege::kQueryUpdate, insert.keyspace, "UPSERT");
      break;
    }
    case OpKind::kMerge: {
      const auto& merge = op.As<plan::Merge>();
      if (merge.has_update) write(Privilege::kQueryUpdate, merge.keyspace, "MERGE");
      if (merge.has_delete) write(Privilege::kQueryDelete, merge.keyspace, "MERGE");
      if (merge.has_insert) write(Privilege::kQueryInsert, merge.keyspace, "MERGE");
      break;
    }
    case OpKind::kCreatePrimaryIndex:
      write(Privilege::kQueryManageIndex, op.As<plan::CreatePrimaryIndex>().keyspace,
            "CREATE INDEX");
      break;
    case OpKind::kCreateIndex:
      write(Privilege::kQueryManageIndex, op.As<plan::CreateIndex>().keyspace, "CREATE INDEX");
      break;
    case OpKind::kDropIndex:
      write(Privilege::kQueryManageIndex, op.As<plan::DropIndex>().keyspace, "DROP INDEX");
      break;
    case OpKind::kKeyspaceDdl:
      out->admin = true;
      break;
    // Operators that read no keyspace themselves: they transform rows from their input, or
    // produce rows from expressions (FROM subqueries are planned inline as operators).
    case OpKind::kDummyScan:
    case OpKind::kKeyScan:
    case OpKind::kValueScan:
    case OpKind::kExpressionScan:
    case OpKind::kFilter:
    case OpKind::kInitialProject:
    case OpKind::kOrder:
    case OpKind::kOffset:
    case OpKind::kLimit:
    case OpKind::kClone:
    case OpKind::kSet:
    case OpKind::kUnset:
    case OpKind::kAlias:
    case OpKind::kLet:
    case OpKind::kUnnest:
    case OpKind::kInitialGroup:
    case OpKind::kIntermediateGroup:
    case OpKind::kFinalGroup:
    case OpKind::kDistinct:
      break;
  }
}

}  // namespace

std::vector<RequiredPrivilege> StatementPrivileges(const plan::PlannedStatement& plan) {
  Collected c;
  Walk(*plan.root, &c);
  std::vector<RequiredPrivilege> out;
  if (c.admin) out.push_back({Privilege::kAdmin, std::nullopt, "DDL"});
  for (const auto& w : c.writes) out.push_back(w);
  for (const auto& ks : c.reads) {
    bool written = false;
    for (const auto& w : c.writes) written = written || (w.keyspace && *w.keyspace == ks);
    if (!written) out.push_back({Privilege::kQuerySelect, ks, "SELECT"});
  }
  return out;
}

std::optional<plan::KeyspacePath> MutatedKeyspace(const plan::PlannedStatement& plan) {
  Collected c;
  Walk(*plan.root, &c);
  for (const auto& w : c.writes) {
    if (w.privilege != Privilege::kQueryManageIndex) return w.keyspace;
  }
  return std::nullopt;
}

}  // namespace casql::http
