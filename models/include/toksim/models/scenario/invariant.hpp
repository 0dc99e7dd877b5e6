// Economic invariants a scenario declares as data (its `invariants:` section) and their evaluation over a
// recorded metric series: price never below X after day D, maximum drawdown over any window, yearly growth
// (supply inflation) at most Y, a value at a time or at the end within bounds, treasury runway at least N
// months, growth between two times. `toksim check` evaluates them after a run; a breach says which rule,
// where and by how much.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "toksim/models/scenario/diagnostic.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

struct Invariant {
  enum class Rule {
    NeverBelow,        ///< v(t) >= bound for every sample in [from, to]
    NeverAbove,        ///< v(t) <= bound for every sample in [from, to]
    MaxDrawdown,       ///< 1 - v(t) / max(v over the trailing `over` window) <= bound (over = kNever: since `from`)
    MaxGrowthPerYear,  ///< v(t) / v(t - 1y) - 1 <= bound for every t - 1y >= from (v(t - 1y): last sample at or before)
    ValueAt,           ///< the last measured value at or before `at` (kNever: the end) within [at_least, at_most]
    MinRunway,         ///< v(t) / (net outflow per month over the trailing `over` window) >= bound months
    Growth,            ///< v(to) / v(from) - 1 within [at_least, at_most] (to = kNever: the end; v(from): the last
                       ///< measured value at or before `from`, else the first after it)
  };

  std::string name;    ///< as given, or a description of the rule
  std::string metric;  ///< a recorded metric (its values in the metric's unit)
  Rule rule = Rule::NeverBelow;
  double bound = 0.0;
  std::optional<double> at_least, at_most;
  sim::Time from = 0;
  sim::Time to = sim::kNever;
  sim::Time over = sim::kNever;
  sim::Time at = sim::kNever;
  std::string path;  ///< "invariants[2]": where it was declared
  Origin origin;
};

struct InvariantResult {
  bool ok = true;
  std::string message;  ///< the rule, then (on a breach) where and by how much
};

/// Evaluates an invariant over samples (t ascending; NaN values are "not measured" and skipped).
InvariantResult evaluate(const Invariant& inv, std::span<const sim::Time> t, std::span<const double> v);

/// The rule in words: "price never below 0.02 from 90d", "price max drawdown 0.6 over any 30d".
std::string describe(const Invariant& inv);

}  // namespace toksim::models
