// The aggregate accumulators behind GROUP BY, with Couchbase's rules: only numbers feed
// SUM/AVG/COUNTN/MEDIAN and the variance family, MISSING and NULL are skipped (ARRAY_AGG keeps
// NULL), and a group with no usable input yields NULL (COUNT and COUNTN: 0).
#include "executor/expr/aggregates.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <unordered_map>

#include "value/collation.h"

namespace casql::exec {

namespace {

enum class AggKind {
  kCount,
  kCountN,
  kSum,
  kAvg,
  kMin,
  kMax,
  kArrayAgg,
  kMedian,
  kStddev,
  kStddevPop,
  kStddevSamp,
  kVariance,
  kVarPop,
  kVarSamp,
};

const std::unordered_map<std::string_view, AggKind>& Kinds() {
  static const auto* kinds = new std::unordered_map<std::string_view, AggKind>{
      {"count", AggKind::kCount},
      {"countn", AggKind::kCountN},
      {"sum", AggKind::kSum},
      {"avg", AggKind::kAvg},
      {"mean", AggKind::kAvg},
      {"min", AggKind::kMin},
      {"max", AggKind::kMax},
      {"array_agg", AggKind::kArrayAgg},
      {"median", AggKind::kMedian},
      {"stddev", AggKind::kStddev},
      {"stddev_pop", AggKind::kStddevPop},
      {"stddev_samp", AggKind::kStddevSamp},
      {"variance", AggKind::kVariance},
      {"var_pop", AggKind::kVarPop},
      {"variance_pop", AggKind::kVarPop},
      {"var_samp", AggKind::kVarSamp},
      {"variance_samp", AggKind::kVarSamp},
  };
  return *kinds;
}

// A sum that stays an exact int64 until it overflows or meets a double.
struct NumberSum {
  bool exact = true;
  int64_t int_sum = 0;
  double double_sum = 0;

  void Add(const Value& v) {
    int64_t sum;
    if (exact && v.IsInt() && !__builtin_add_overflow(int_sum, v.AsInt(), &sum)) {
      int_sum = sum;
      return;
    }
    if (exact) {
      exact = false;
      double_sum = static_cast<double>(int_sum);
    }
    double_sum += v.AsDouble();
  }
  void Merge(const NumberSum& other) {
    if (other.exact) {
      Add(Value(other.int_sum));
    } else {
      Add(Value(other.double_sum));
    }
  }
  Value ToValue() const { return exact ? Value(int_sum) : Value(double_sum); }
  double ToDouble() const { return exact ? static_cast<double>(int_sum) : double_sum; }
};

template <typename Self>
class AggregatorBase : public Aggregator {
 public:
  void Merge(const Aggregator& other) override {
    static_cast<Self*>(this)->MergeSame(static_cast<const Self&>(other));
  }
  std::unique_ptr<Aggregator> NewEmpty() const override {
    return std::make_unique<Self>(static_cast<const Self&>(*this).Fresh());
  }
};

class CountAggregator final : public AggregatorBase<CountAggregator> {
 public:
  explicit CountAggregator(bool numbers_only) : numbers_only_(numbers_only) {}
  void Add(const Value& v) override {
    if (numbers_only_ ? v.IsNumber() : !v.IsMissingOrNull()) ++count_;
  }
  void MergeSame(const CountAggregator& other) { count_ += other.count_; }
  Value Result() const override { return Value(count_); }
  CountAggregator Fresh() const { return CountAggregator(numbers_only_); }

 private:
  bool numbers_only_;
  int64_t count_ = 0;
};

class SumAggregator final : public AggregatorBase<SumAggregator> {
 public:
  explicit SumAggregator(bool average) : average_(average) {}
  void Add(const Value& v) override {
    if (!v.IsNumber()) return;
    sum_.Add(v);
    ++count_;
  }
  void MergeSame(const SumAggregator& other) {
    sum_.Merge(other.sum_);
    count_ += other.count_;
  }
  Value Result() const override {
    if (count_ == 0) return Value::Null();
    if (!average_) return sum_.ToValue();
    return Value(sum_.ToDouble() / static_cast<double>(count_));
  }
  SumAggregator Fresh() const { return SumAggregator(average_); }

 private:
  bool average_;
  NumberSum sum_;
  int64_t count_ = 0;
};

class ExtremeAggregator final : public AggregatorBase<ExtremeAggregator> {
 public:
  explicit ExtremeAggregator(bool max) : max_(max) {}
  void Add(const Value& v) override {
    if (v.IsMissingOrNull()) return;
    if (best_.IsMissing() || (Collate(v, best_) > 0) == max_) best_ = v;
  }
  void MergeSame(const ExtremeAggregator& other) { Add(other.best_); }
  Value Result() const override { return best_.IsMissing() ? Value::Null() : best_; }
  ExtremeAggregator Fresh() const { return ExtremeAggregator(max_); }

 private:
  bool max_;
  Value best_;
};

// ARRAY_AGG's result is in collation order, as Couchbase sorts it, so the output does not
// depend on scan order or on how partial aggregates were merged.
class ArrayAggregator final : public AggregatorBase<ArrayAggregator> {
 public:
  void Add(const Value& v) override {
    if (!v.IsMissing()) values_.push_back(v);
  }
  void MergeSame(const ArrayAggregator& other) {
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
  }
  Value Result() const override {
    if (values_.empty()) return Value::Null();
    Array sorted = values_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Value& a, const Value& b) { return Collate(a, b) < 0; });
    return Value(std::move(sorted));
  }
  ArrayAggregator Fresh() const { return ArrayAggregator(); }

 private:
  Array values_;
};

class MedianAggregator final : public AggregatorBase<MedianAggregator> {
 public:
  void Add(const Value& v) override {
    if (v.IsNumber()) numbers_.push_back(v.AsDouble());
  }
  void MergeSame(const MedianAggregator& other) {
    numbers_.insert(numbers_.end(), other.numbers_.begin(), other.numbers_.end());
  }
  Value Result() const override {
    if (numbers_.empty()) return Value::Null();
    std::vector<double> sorted = numbers_;
    std::sort(sorted.begin(), sorted.end());
    const size_t mid = sorted.size() / 2;
    if (sorted.size() % 2 == 1) return Value(sorted[mid]);
    return Value((sorted[mid - 1] + sorted[mid]) / 2);
  }
  MedianAggregator Fresh() const { return MedianAggregator(); }

 private:
  std::vector<double> numbers_;
};

// Count, mean and sum of squared deviations, updated by Welford's method and merged by
// Chan's formula, which stay accurate where sum-of-squares arithmetic cancels.
class MomentsAggregator final : public AggregatorBase<MomentsAggregator> {
 public:
  explicit MomentsAggregator(AggKind kind) : kind_(kind) {}
  void Add(const Value& v) override {
    if (!v.IsNumber()) return;
    const double x = v.AsDouble();
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  void MergeSame(const MomentsAggregator& other) {
    if (other.n_ == 0) return;
    const double n = static_cast<double>(n_), m = static_cast<double>(other.n_);
    const double delta = other.mean_ - mean_;
    mean_ += delta * m / (n + m);
    m2_ += other.m2_ + delta * delta * n * m / (n + m);
    n_ += other.n_;
  }
  Value Result() const override {
    if (n_ == 0) return Value::Null();
    const bool population = kind_ == AggKind::kStddevPop || kind_ == AggKind::kVarPop;
    const bool strict_sample = kind_ == AggKind::kStddevSamp || kind_ == AggKind::kVarSamp;
    // VARIANCE and STDDEV give 0 for a single value; the _SAMP forms give NULL.
    if (n_ == 1 && strict_sample) return Value::Null();
    double variance = 0;
    if (population) {
      variance = m2_ / static_cast<double>(n_);
    } else if (n_ > 1) {
      variance = m2_ / static_cast<double>(n_ - 1);
    }
    const bool stddev =
        kind_ == AggKind::kStddev || kind_ == AggKind::kStddevPop || kind_ == AggKind::kStddevSamp;
    return Value(stddev ? std::sqrt(variance) : variance);
  }
  MomentsAggregator Fresh() const { return MomentsAggregator(kind_); }

 private:
  AggKind kind_;
  int64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

// DISTINCT: keeps the set of distinct inputs and aggregates them once at the end, so merging
// partial sets never counts a value twice.
class DistinctAggregator final : public Aggregator {
 public:
  explicit DistinctAggregator(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
  void Add(const Value& v) override {
    if (!v.IsMissing()) values_.insert(v);
  }
  void Merge(const Aggregator& other) override {
    const auto& o = static_cast<const DistinctAggregator&>(other);
    values_.insert(o.values_.begin(), o.values_.end());
  }
  Value Result() const override {
    auto fresh = inner_->NewEmpty();
    for (const Value& v : values_) fresh->Add(v);
    return fresh->Result();
  }
  std::unique_ptr<Aggregator> NewEmpty() const override {
    return std::make_unique<DistinctAggregator>(inner_->NewEmpty());
  }

 private:
  std::unique_ptr<Aggregator> inner_;
  std::set<Value, CollateLess> values_;
};

std::unique_ptr<Aggregator> MakePlain(AggKind kind) {
  switch (kind) {
    case AggKind::kCount:
      return std::make_unique<CountAggregator>(false);
    case AggKind::kCountN:
      return std::make_unique<CountAggregator>(true);
    case AggKind::kSum:
      return std::make_unique<SumAggregator>(false);
    case AggKind::kAvg:
      return std::make_unique<SumAggregator>(true);
    case AggKind::kMin:
      return std::make_unique<ExtremeAggregator>(false);
    case AggKind::kMax:
      return std::make_unique<ExtremeAggregator>(true);
    case AggKind::kArrayAgg:
      return std::make_unique<ArrayAggregator>();
    case AggKind::kMedian:
      return std::make_unique<MedianAggregator>();
    default:
      return std::make_unique<MomentsAggregator>(kind);
  }
}

}  // namespace

bool IsAggregateFunction(std::string_view name) {
  return Kinds().count(name) > 0;
}

Result<std::unique_ptr<Aggregator>> MakeAggregator(std::string_view name, bool distinct) {
  auto it = Kinds().find(name);
  if (it == Kinds().end()) {
    return Status(ErrorCode::kSyntax, "Invalid function " + std::string(name));
  }
  auto plain = MakePlain(it->second);
  if (!distinct) return plain;
  return std::unique_ptr<Aggregator>(std::make_unique<DistinctAggregator>(std::move(plain)));
}

}  // namespace casql::exec
