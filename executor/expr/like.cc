#include "executor/expr/like.h"

#include <string_view>
#include <vector>

#include "executor/expr/evaluator.h"
#include "executor/functions/helpers.h"

namespace casql::exec {

namespace {

size_t CharLength(std::string_view s, size_t pos) {
  size_t n = 1;
  while (pos + n < s.size() && (static_cast<unsigned char>(s[pos + n]) & 0xC0) == 0x80) ++n;
  return n;
}

struct PatternChar {
  enum Kind { kLiteral, kOne, kAny } kind;
  std::string_view text;
};

std::vector<PatternChar> Tokens(std::string_view pattern, std::string_view escape) {
  std::vector<PatternChar> out;
  for (size_t i = 0; i < pattern.size();) {
    const size_t n = CharLength(pattern, i);
    const std::string_view c = pattern.substr(i, n);
    if (c == escape && i + n < pattern.size()) {
      const size_t m = CharLength(pattern, i + n);
      out.push_back({PatternChar::kLiteral, pattern.substr(i + n, m)});
      i += n + m;
      continue;
    }
    if (c == "%") {
      if (out.empty() || out.back().kind != PatternChar::kAny)
        out.push_back({PatternChar::kAny, c});
    } else {
      out.push_back({c == "_" ? PatternChar::kOne : PatternChar::kLiteral, c});
    }
    i += n;
  }
  return out;
}

// Greedy match with backtracking to the last %, linear in practice.
bool Match(std::string_view s, const std::vector<PatternChar>& p) {
  size_t si = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    const size_t n = CharLength(s, si);
    if (pi < p.size() && p[pi].kind == PatternChar::kAny) {
      star_p = pi++;
      star_s = si;
    } else if (pi < p.size() &&
               (p[pi].kind == PatternChar::kOne || p[pi].text == s.substr(si, n))) {
      ++pi;
      si += n;
    } else if (star_p != std::string_view::npos) {
      pi = star_p + 1;
      star_s += CharLength(s, star_s);
      si = star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi].kind == PatternChar::kAny) ++pi;
  return pi == p.size();
}

// With a constant pattern and escape (the usual case) the pattern is tokenised once, at
// compile time; the tokens point into the constants this evaluator owns.
class LikeEval final : public Evaluator {
 public:
  LikeEval(bool negated, EvaluatorPtr arg, EvaluatorPtr pattern, EvaluatorPtr escape)
      : negated_(negated),
        arg_(std::move(arg)),
        pattern_(std::move(pattern)),
        escape_(std::move(escape)) {
    const Value* p = pattern_->Constant();
    const Value* e = escape_->Constant();
    if (p && e && p->IsString() && e->IsString() && fn::CodePoints(e->AsString()) == 1) {
      tokens_ = Tokens(p->AsString(), e->AsString());
      precompiled_ = true;
    }
  }
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value a, p, e;
    const Value& s = *arg_->EvalRef(row, ctx, &a);
    if (!precompiled_) {
      return Like(s, *pattern_->EvalRef(row, ctx, &p), *escape_->EvalRef(row, ctx, &e), negated_);
    }
    if (s.IsMissing()) return Value();
    if (!s.IsString()) return Value::Null();
    return Value(Match(s.AsString(), tokens_) != negated_);
  }

 private:
  bool negated_;
  EvaluatorPtr arg_, pattern_, escape_;
  bool precompiled_ = false;
  std::vector<PatternChar> tokens_;
};

}  // namespace

Value Like(const Value& s, const Value& pattern, const Value& escape, bool negated) {
  if (s.IsMissing() || pattern.IsMissing() || escape.IsMissing()) return Value();
  if (!s.IsString() || !pattern.IsString() || !escape.IsString() ||
      fn::CodePoints(escape.AsString()) != 1) {
    return Value::Null();
  }
  return Value(Match(s.AsString(), Tokens(pattern.AsString(), escape.AsString())) != negated);
}

EvaluatorPtr MakeLike(bool negated, EvaluatorPtr arg, EvaluatorPtr pattern, EvaluatorPtr escape) {
  return std::make_unique<LikeEval>(negated, std::move(arg), std::move(pattern), std::move(escape));
}

}  // namespace casql::exec
