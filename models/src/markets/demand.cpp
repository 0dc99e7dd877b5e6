// Exogenous demand over time (see demand.hpp).
#include "toksim/models/markets/demand.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace toksim::models {

double demand_factor(sim::Time t, double growth_per_year, double seasonality, std::span<const DemandShock> shocks) {
  const double years = static_cast<double>(t) / static_cast<double>(sim::kYear);
  double f = std::exp(std::log1p(growth_per_year) * years);
  f *= 1.0 + seasonality * std::sin(2.0 * std::numbers::pi * static_cast<double>(t % sim::kDay) / sim::kDay);
  for (const DemandShock& s : shocks) {
    if (t >= s.at && t < s.at + s.duration) f *= s.factor;
  }
  return std::max(0.0, f);
}

}  // namespace toksim::models
