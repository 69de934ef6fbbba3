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
  std::string key;
  while (true) {
    auto more = input_->Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return Status::OK();
    spec_.KeyOf(row, ctx_, &key);
    // Most rows join an existing group: look up first, so only a new group copies its key.
    auto it = index.find(key);
    if (it == index.end()) {
      index.emplace(key, groups_.size());
      groups_.push_back(NewGroup(row));
    } else {
      Fold(groups_[it->second], row);
    }
  }
}

}  // namespace casql::exec
