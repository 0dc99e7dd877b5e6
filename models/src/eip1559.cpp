// EIP-1559 base-fee update and transaction fee split.
#include "toksim/models/eip1559.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "toksim/sim/error.hpp"

namespace toksim::models {

namespace {
std::string n(std::uint64_t v) { return std::to_string(v); }
}  // namespace

std::uint64_t next_base_fee(std::uint64_t parent_base_fee, std::uint64_t parent_gas_used,
                            std::uint64_t parent_gas_limit) {
  const std::uint64_t target = gas_target(parent_gas_limit);
  if (target == 0) {
    throw ConfigError("eip1559: expected a gas limit >= " + n(kElasticityMultiplier) +
                      " (a positive gas target), found " + n(parent_gas_limit));
  }
  if (parent_gas_used > parent_gas_limit) {
    throw ConfigError("eip1559: expected gas used <= the gas limit " + n(parent_gas_limit) + ", found " +
                      n(parent_gas_used));
  }
  const u128 bf = parent_base_fee;
  if (parent_gas_used == target) return parent_base_fee;
  if (parent_gas_used > target) {
    const u128 delta = std::max<u128>(bf * (parent_gas_used - target) / target / kBaseFeeMaxChangeDenominator, 1);
    const u128 next = bf + delta;
    if (next > std::numeric_limits<std::uint64_t>::max()) {
      throw MoneyError("eip1559: the next base fee leaves uint64: " + n(parent_base_fee) + " + " +
                       n(static_cast<std::uint64_t>(delta)));
    }
    return static_cast<std::uint64_t>(next);
  }
  // delta <= bf * target / target / 8 <= bf / 8: never below zero.
  const u128 delta = bf * (target - parent_gas_used) / target / kBaseFeeMaxChangeDenominator;
  return static_cast<std::uint64_t>(bf - delta);
}

TxFee transaction_fee(std::uint64_t gas_used, std::uint64_t base_fee, std::uint64_t max_fee_per_gas,
                      std::uint64_t max_priority_fee_per_gas) {
  if (max_fee_per_gas < base_fee) {
    throw ConfigError("eip1559: transaction not includable: expected max_fee_per_gas >= the base fee " +
                      n(base_fee) + ", found " + n(max_fee_per_gas));
  }
  if (max_fee_per_gas < max_priority_fee_per_gas) {
    throw ConfigError("eip1559: transaction not includable: expected max_fee_per_gas >= max_priority_fee_per_gas " +
                      n(max_priority_fee_per_gas) + ", found " + n(max_fee_per_gas));
  }
  TxFee f;
  f.priority_fee_per_gas = std::min(max_priority_fee_per_gas, max_fee_per_gas - base_fee);
  f.effective_gas_price = f.priority_fee_per_gas + base_fee;  // <= max_fee_per_gas: no overflow
  f.burned = u128{gas_used} * base_fee;
  f.tip = u128{gas_used} * f.priority_fee_per_gas;
  return f;
}

}  // namespace toksim::models
