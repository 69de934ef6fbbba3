#include "executor/ops/recursive_union.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "executor/canonical_key.h"
#include "executor/row.h"
#include "value/json.h"

namespace casql::exec {

namespace {

class RecursiveUnionExec final : public ExecOperator {
 public:
  RecursiveUnionExec(ExecContext& ctx, ExecOperatorPtr anchor, RecursiveStep step, bool distinct,
                     RecursionLimits limits)
      : ExecOperator(ctx),
        current_(std::move(anchor)),
        step_(std::move(step)),
        distinct_(distinct),
        limits_(limits) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      if (limits_.documents >= 0 && produced_ >= limits_.documents) return false;
      auto more = current_->Next(row);
      if (!more.ok()) return more;
      if (*more) {
        if (distinct_ && !seen_.insert(CanonicalKey(row->result)).second) continue;
        round_.push_back(row->result);
        ++produced_;
        return true;
      }
      if (round_.empty()) return false;
      if (limits_.levels >= 0 && level_ >= limits_.levels) return false;
      ++level_;
      // Each round may be long; a timeout or quota stops the recursion between rounds too.
      CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      Value previous(std::move(round_));
      round_ = Array();
      auto next = step_(previous);
      if (!next.ok()) return next.status();
      current_ = std::move(next.value());
    }
  }

 private:
  ExecOperatorPtr current_;
  RecursiveStep step_;
  const bool distinct_;
  const RecursionLimits limits_;
  int64_t level_ = 0;     // the round running now; the anchor is round 0
  int64_t produced_ = 0;  // rows returned so far, over all rounds
  Array round_;           // the rows the current round has produced so far
  std::unordered_set<std::string> seen_;
};

Status InvalidOption(const std::string& what) {
  return Status(ErrorCode::kConfigInvalidOption,
                FormatError(ErrorCode::kConfigInvalidOption, {what}));
}

}  // namespace

// Couchbase reports a non-object OPTIONS or a non-number value as an internal error (5002)
// and reads a negative value as "no limit"; casql refuses all of them with 3303, the code
// Couchbase gives an unknown option, so a mistyped limit never silently means "unlimited".
Result<RecursionLimits> ParseRecursionLimits(const Value& options) {
  if (!options.IsObject()) {
    return InvalidOption("OPTIONS: " + ToJson(options) + " is not an object");
  }
  RecursionLimits limits;
  for (const auto& [name, value] : options.AsObject()) {
    int64_t* target = name == "levels"      ? &limits.levels
                      : name == "documents" ? &limits.documents
                                            : nullptr;
    if (target == nullptr) return InvalidOption(name);
    const bool whole = value.IsInt() || (value.IsDouble() && std::isfinite(value.AsDouble()) &&
                                         std::trunc(value.AsDouble()) == value.AsDouble());
    if (!whole || value.AsDouble() < 0) {
      return InvalidOption(name + ": " + ToJson(value) + " is not a non-negative integer");
    }
    // A double too large for int64 is as good as no limit.
    *target = value.IsInt()               ? value.AsInt()
              : value.AsDouble() < 9.2e18 ? static_cast<int64_t>(value.AsDouble())
                                          : INT64_MAX;
  }
  return limits;
}

ExecOperatorPtr MakeRecursiveUnion(ExecOperatorPtr anchor, RecursiveStep step, bool distinct,
                                   RecursionLimits limits, ExecContext& ctx) {
  return std::make_unique<RecursiveUnionExec>(ctx, std::move(anchor), std::move(step), distinct,
                                              limits);
}

}  // namespace casql::exec
