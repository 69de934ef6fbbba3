#include "executor/ops/grouping_exec.h"

#include <string>
#include <unordered_map>

namespace casql::exec {

Result<bool> GroupingExec::Next(Row* row) {
  if (!grouped_) {
    grouped_ = true;
    CASQL_RETURN_IF_ERROR(GroupAll());
  }
  if (next_ >= groups_.size()) return false;
  *row = std::move(groups_[next_++]);
  return true;
}

Status GroupingExec::GroupAll() {
  std::unordered_map<std::string, size_t> index;
  Row row;
  while (true) {
    auto more = input_->Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return Status::OK();
    auto [it, inserted] = index.try_emplace(spec_.KeyOf(row, ctx_), groups_.size());
    if (inserted) {
      groups_.push_back(NewGroup(row));
    } else {
      Fold(groups_[it->second], row);
    }
  }
}

}  // namespace casql::exec
