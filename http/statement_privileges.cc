#include "http/statement_privileges.h"

#include "planner/ops/create_primary_index.h"
#include "planner/ops/fetch.h"
#include "planner/ops/parallel.h"
#include "planner/ops/primary_scan.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/sequence.h"

namespace casql::http {

namespace {

struct Collected {
  std::vector<RequiredPrivilege> writes;
  std::vector<plan::KeyspacePath> reads;
  bool admin = false;
};

void Walk(const plan::Operator& op, Collected* out) {
  using plan::OpKind;
  switch (op.kind()) {
    case OpKind::kSequence:
      for (const auto& child : op.As<plan::Sequence>().children) Walk(*child, out);
      break;
    case OpKind::kParallel:
      Walk(*op.As<plan::Parallel>().child, out);
      break;
    case OpKind::kFetch:
      out->reads.push_back(op.As<plan::Fetch>().keyspace);
      break;
    case OpKind::kPrimaryScan:
      out->reads.push_back(op.As<plan::PrimaryScan>().keyspace);
      break;
    case OpKind::kSendUpdate:
      out->writes.push_back(
          {Privilege::kQueryUpdate, op.As<plan::SendUpdate>().keyspace, "UPDATE"});
      break;
    case OpKind::kSendDelete:
      out->writes.push_back(
          {Privilege::kQueryDelete, op.As<plan::SendDelete>().keyspace, "DELETE"});
      break;
    case OpKind::kSendInsert: {
      const auto& insert = op.As<plan::SendInsert>();
      if (insert.upsert) {
        out->writes.push_back({Privilege::kQueryInsert, insert.keyspace, "UPSERT"});
        out->writes.push_back({Privilege::kQueryUpdate, insert.keyspace, "UPSERT"});
      } else {
        out->writes.push_back({Privilege::kQueryInsert, insert.keyspace, "INSERT"});
      }
      break;
    }
    case OpKind::kCreatePrimaryIndex:
      out->writes.push_back({Privilege::kQueryManageIndex,
                             op.As<plan::CreatePrimaryIndex>().keyspace, "CREATE INDEX"});
      break;
    case OpKind::kKeyspaceDdl:
      out->admin = true;
      break;
    default:
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
