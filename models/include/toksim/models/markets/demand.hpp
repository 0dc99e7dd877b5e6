// Exogenous demand over time: growth, daily seasonality and temporary shocks, as one multiplier of a base rate.
#pragma once

#include "toksim/sim/time.hpp"

namespace toksim::models {

/// A temporary change of exogenous demand: from `at` for `duration`, demand is multiplied by `factor`.
struct DemandShock {
  sim::Time at;
  sim::Time duration;
  double factor;
};

}  // namespace toksim::models
