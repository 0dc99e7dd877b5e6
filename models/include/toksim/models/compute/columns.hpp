// The compute network's agent tables: providers' and data contributors' columns (structure of arrays).
#pragma once

#include <cstdint>
#include <tuple>

#include "toksim/sim/table.hpp"

namespace toksim::models {

struct ProviderColumns {
  sim::Column<std::int64_t> balance{"balance"};
  sim::Column<std::int64_t> earned{"earned"};        ///< tokens received since the last decision
  sim::Column<std::int64_t> busy_seen{"busy_seen"};  ///< the market's GPU-seconds count at the last decision
  sim::Column<float> profit_ema{"profit_ema"};       ///< USD per GPU-day
  sim::Column<float> usd_debt{"usd_debt"};           ///< costs not yet covered by selling tokens
  sim::Column<std::uint32_t> group{"group"};
  auto columns() { return std::tie(balance, earned, busy_seen, profit_ema, usd_debt, group); }
  auto columns() const { return std::tie(balance, earned, busy_seen, profit_ema, usd_debt, group); }
};

struct ContributorColumns {
  sim::Column<std::int64_t> balance{"balance"};
  sim::Column<std::int64_t> claimed{"claimed"};  ///< royalties claimed so far (base units)
  sim::Column<float> weight{"weight"};
  auto columns() { return std::tie(balance, claimed, weight); }
  auto columns() const { return std::tie(balance, claimed, weight); }
};

}  // namespace toksim::models
