// Exogenous demand over time: growth, daily seasonality and temporary shocks, as one multiplier of a base rate.
#pragma once

#include <span>

#include "toksim/sim/time.hpp"

namespace toksim::models {

/// A temporary change of exogenous demand: from `at` for `duration`, demand is multiplied by `factor`.
struct DemandShock {
  sim::Time at;
  sim::Time duration;
  double factor;
};

/// Demand's multiplier of its base rate at time t: growth compounding continuously at `growth_per_year`
/// (exp(ln(1 + g) x years)), times the daily seasonality 1 + a sin(2 pi (t mod day) / day) (a = 0: exactly 1), times
/// the factor of every shock in force; never below 0. Both economies' demand comes from it.
double demand_factor(sim::Time t, double growth_per_year, double seasonality, std::span<const DemandShock> shocks);

}  // namespace toksim::models
