#pragma once

#include <memory>
#include <string_view>

#include "value/status.h"
#include "value/value.h"

namespace casql::exec {

// One running aggregate (COUNT, SUM, AVG, MIN, MAX, ARRAY_AGG, COUNTN, MEDIAN, STDDEV,
// VARIANCE and their _POP/_SAMP forms), fed one evaluated argument per input row.
//
// Usage by a GROUP BY operator: MakeAggregator once per group and aggregate call; Add the
// argument's value for each row of the group (COUNT(*) adds any non-NULL value, e.g. TRUE,
// per row); Merge partial aggregates built on other threads; Result when the group is done.
// MISSING and NULL inputs are ignored by every aggregate except ARRAY_AGG, which keeps NULL.
// The result over no input is 0 for COUNT/COUNTN and NULL for every other aggregate.
//
// Thread safety: none; one aggregator belongs to one thread until it is merged.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual void Add(const Value& value) = 0;
  // Folds in `other`, which must come from MakeAggregator with the same name and DISTINCT.
  virtual void Merge(const Aggregator& other) = 0;
  virtual Value Result() const = 0;
  // A fresh, empty aggregator of the same kind (one per group from a prototype).
  virtual std::unique_ptr<Aggregator> NewEmpty() const = 0;
};

// True for the names above (lower-case, as the parser writes function names).
bool IsAggregateFunction(std::string_view name);

// An empty aggregator for `name` (lower-case); `distinct` aggregates each distinct value once
// (COUNT(DISTINCT x)). An unknown name is error 3000 "Invalid function <name>".
Result<std::unique_ptr<Aggregator>> MakeAggregator(std::string_view name, bool distinct);

}  // namespace casql::exec
