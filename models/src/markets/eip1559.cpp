// EIP-1559 base-fee update (with its parameters and named presets) and transaction fee split.
#include "toksim/models/markets/eip1559.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <string_view>

#include "toksim/sim/error.hpp"

namespace toksim::models {

namespace {
std::string n(std::uint64_t v) { return std::to_string(v); }
}  // namespace

Eip1559Params eip1559_preset(std::string_view name) {
  std::string known;
  for (const Eip1559Preset& p : kEip1559Presets) {
    if (p.name == name) return p.params;
    known += (known.empty() ? "" : ", ") + std::string(p.name);
  }
  throw ConfigError("eip1559: unknown preset '" + std::string(name) + "'; expected one of " + known);
}

void validate(const Eip1559Params& p) {
  if (p.elasticity_multiplier == 0) {
    throw ConfigError("eip1559: expected an elasticity_multiplier >= 1 (gas target = gas limit // it), found 0");
  }
  if (p.base_fee_max_change_denominator == 0) {
    throw ConfigError(
        "eip1559: expected a base_fee_max_change_denominator >= 1 (a full block moves the base fee 1/it), found 0");
  }
}

std::uint64_t next_base_fee(std::uint64_t parent_base_fee, std::uint64_t parent_gas_used,
                            std::uint64_t parent_gas_limit, const Eip1559Params& p) {
  return next_base_fee_as<std::uint64_t, u128>(parent_base_fee, parent_gas_used, parent_gas_limit, p);
}

TxFee transaction_fee(std::uint64_t gas_used, std::uint64_t base_fee, std::uint64_t max_fee_per_gas,
                      std::uint64_t max_priority_fee_per_gas) {
  if (max_fee_per_gas < base_fee) {
    throw ConfigError("eip1559: transaction not includable: expected max_fee_per_gas >= the base fee " + n(base_fee) +
                      ", found " + n(max_fee_per_gas));
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
