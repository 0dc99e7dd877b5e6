// Pins the evaluation of economic invariants on hand-made series whose answers are derived by hand: bounds
// inside a time span, drawdown over a trailing window (and since the start), yearly growth against the last
// sample a year before, value at a time or the end (NaN = not measured is skipped), runway from the trailing
// outflow, and growth between two times. Leaves out parsing (test_scenario.cpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "toksim/models/scenario/invariant.hpp"

using namespace toksim;
using namespace toksim::models;
using R = Invariant::Rule;

namespace {
const std::vector<sim::Time> kDays = [] {
  std::vector<sim::Time> t;
  for (int d = 0; d < 10; ++d) t.push_back(d * sim::kDay);
  return t;
}();

Invariant make(R rule, double bound) {
  Invariant i;
  i.metric = "price";
  i.rule = rule;
  i.bound = bound;
  return i;
}
}  // namespace

TEST_CASE("scenario::invariant: never below / above within a span", "[scenario][invariant]") {
  const std::vector<double> v = {5, 4, 3, 2, 1, 2, 3, 4, 5, 6};
  Invariant i = make(R::NeverBelow, 2.5);
  auto r = evaluate(i, kDays, v);
  CHECK_FALSE(r.ok);
  CHECK(r.message ==
        "price never below 2.5: first at 3d (2); worst 1 at 4d, under the bound by 1.5 (60.00%); 3 sample(s) out of "
        "bounds");
  i.from = 7 * sim::kDay;
  CHECK(evaluate(i, kDays, v).ok);  // the dip is before `from`
  Invariant above = make(R::NeverAbove, 5.5);
  CHECK_FALSE(evaluate(above, kDays, v).ok);
  above.to = 8 * sim::kDay;
  CHECK(evaluate(above, kDays, v).ok);  // 6 is after `to`
}

TEST_CASE("scenario::invariant: drawdown over a trailing window", "[scenario][invariant]") {
  const std::vector<double> v = {10, 8, 9, 6, 7, 5, 9, 9, 9, 9};
  Invariant i = make(R::MaxDrawdown, 0.45);
  // Since the start: peak 10, trough 5 -> 50%.
  auto r = evaluate(i, kDays, v);
  CHECK_FALSE(r.ok);
  CHECK(r.message ==
        "price drawdown at most 45.00% from its peak: first at 5d; worst 50.00% from 10 at 0s to 5 at 5d, over the "
        "bound by 5.00 points");
  // Over any 2 days the worst fall is 9 (2d) -> 6 (3d): 33.3%; 7 (4d) -> 5 (5d) is 28.6%.
  i.over = 2 * sim::kDay;
  r = evaluate(i, kDays, v);
  CHECK(r.ok);
  CHECK(r.message == "price drawdown at most 45.00% over any 2d: worst 33.33%");
}

TEST_CASE("scenario::invariant: yearly growth and runway against the last sample a lag before",
          "[scenario][invariant]") {
  const std::vector<sim::Time> t = {0, 200 * sim::kDay, sim::kYear, sim::kYear + 100 * sim::kDay, 2 * sim::kYear};
  const std::vector<double> supply = {100, 110, 120, 150, 156};
  Invariant g = make(R::MaxGrowthPerYear, 0.3);
  // 1y: 120/100 = +20%; 1y100d: 150/110 (day 200 is the last at or before day 100 + ...: t - 1y = 100d -> sample 0d) = 150/100 = +50%.
  auto r = evaluate(g, t, supply);
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("worst 50.00% from 100 at 0s to 150 at 1y100d") != std::string::npos);
  // Runway: treasury 120 at 30d after 150 at 0d -> outflow 30 a month -> 4 months.
  const std::vector<sim::Time> m = {0, 30 * sim::kDay, 60 * sim::kDay};
  const std::vector<double> treasury = {150, 120, 120};
  Invariant run = make(R::MinRunway, 5);
  run.over = 30 * sim::kDay;
  r = evaluate(run, m, treasury);
  CHECK_FALSE(r.ok);
  CHECK(r.message ==
        "price runway at least 5 months (outflow over the trailing 30d): first at 30d; shortest 4 months at 30d (120 "
        "left, 30 spent since 0s), short by 1 months");
  run.bound = 4;
  CHECK(evaluate(run, m, treasury).ok);
}

TEST_CASE("scenario::invariant: value at a time, at the end, and growth between two times", "[scenario][invariant]") {
  const double nan = std::nan("");
  const std::vector<double> gini = {nan, 0.3, nan, nan, 0.5, nan, nan, nan, nan, 0.7};
  Invariant at = make(R::ValueAt, 0);
  at.metric = "gini";
  at.at_most = 0.6;
  auto r = evaluate(at, kDays, gini);
  CHECK_FALSE(r.ok);
  CHECK(r.message == "gini at the end at most 0.6: the value at 9d is 0.7, above 0.6 by 0.1");
  at.at = 6 * sim::kDay;  // the last measured value at or before 6d: 0.5 (day 4)
  CHECK(evaluate(at, kDays, gini).ok);
  at.at = 0;
  CHECK(evaluate(at, kDays, gini).message == "gini at 0s at most 0.6: no measured value at or before 0s");
  Invariant growth = make(R::Growth, 0);
  growth.metric = "gini";
  growth.from = sim::kDay;
  growth.to = sim::kNever;
  growth.at_least = 1.5;  // 0.3 -> 0.7: +133%
  r = evaluate(growth, kDays, gini);
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("below 1.5") != std::string::npos);
  growth.at_least = 1.3;
  CHECK(evaluate(growth, kDays, gini).ok);
}
