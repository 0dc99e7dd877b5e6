// The EIP-1559 fee market (ethereum/EIPs: EIPS/eip-1559.md): the per-block base-fee update with integer
// division exactly as the specification's Python, and the split of a transaction's fee into the burned base
// fee and the proposer's tip. Amounts are in the smallest token unit (wei-like) per gas unit.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

inline constexpr std::uint64_t kElasticityMultiplier = 2;         ///< ELASTICITY_MULTIPLIER
inline constexpr std::uint64_t kBaseFeeMaxChangeDenominator = 8;  ///< BASE_FEE_MAX_CHANGE_DENOMINATOR
inline constexpr std::uint64_t kInitialBaseFee = 1'000'000'000;   ///< INITIAL_BASE_FEE: 1 gwei = 1e9 wei

/// gas_target = gas_limit // ELASTICITY_MULTIPLIER.
constexpr std::uint64_t gas_target(std::uint64_t gas_limit) noexcept { return gas_limit / kElasticityMultiplier; }

/// The base fee of the next block from its parent's base fee, gas used and gas limit (target = limit // 2):
///   used == target: base_fee;
///   used >  target: base_fee + max(base_fee * (used - target) // target // 8, 1);
///   used <  target: base_fee - base_fee * (target - used) // target // 8.
/// The product is taken in 128 bits. For an even limit the change is at most +/-12.5% a block (an odd limit
/// floors the target, so a full block can exceed 12.5%). Note the asymmetry of the integer formulas: a base
/// fee below 8 never falls (its decrease floors to 0), while an over-target block always adds at least 1.
/// @throws ConfigError when the target is 0 (limit < 2) or used > limit (the spec asserts used <= limit).
/// @throws MoneyError when the new base fee exceeds uint64.
std::uint64_t next_base_fee(std::uint64_t parent_base_fee, std::uint64_t parent_gas_used,
                            std::uint64_t parent_gas_limit);

/// next_base_fee on any unsigned integer type Int, with the product base_fee * gas delta taken in Wide, an
/// unsigned type of at least twice Int's width (so every intermediate is exact, as in the specification's
/// Python): next_base_fee above is Int = uint64, Wide = u128; the Python bindings use Boost's uint256 with a
/// uint512 product (the base fee as clients store it, a 256-bit integer).
/// @throws ConfigError as next_base_fee; MoneyError when the new base fee exceeds Int.
template <class Int, class Wide>
Int next_base_fee_as(const Int& parent_base_fee, const Int& parent_gas_used, const Int& parent_gas_limit) {
  const Int target = parent_gas_limit / Int(kElasticityMultiplier);
  if (target == 0) {
    throw ConfigError("eip1559: expected a gas limit >= " + detail::int_text(kElasticityMultiplier) +
                      " (a positive gas target), found " + detail::int_text(parent_gas_limit));
  }
  if (parent_gas_used > parent_gas_limit) {
    throw ConfigError("eip1559: expected gas used <= the gas limit " + detail::int_text(parent_gas_limit) + ", found " +
                      detail::int_text(parent_gas_used));
  }
  const Wide bf(parent_base_fee);
  if (parent_gas_used == target) return parent_base_fee;
  if (parent_gas_used > target) {
    Wide delta = bf * Wide(parent_gas_used - target) / Wide(target) / Wide(kBaseFeeMaxChangeDenominator);
    if (delta < Wide(1)) delta = Wide(1);
    const Wide next = bf + delta;
    if (next > Wide(std::numeric_limits<Int>::max())) {
      // delta <= bf * (target + 1) / target / 8 <= bf / 4: it fits Int.
      throw MoneyError("eip1559: the next base fee leaves uint" + std::to_string(std::numeric_limits<Int>::digits) +
                       ": " + detail::int_text(parent_base_fee) + " + " + detail::int_text(static_cast<Int>(delta)));
    }
    return static_cast<Int>(next);
  }
  // delta <= bf * target / target / 8 <= bf / 8: never below zero.
  const Wide delta = bf * Wide(target - parent_gas_used) / Wide(target) / Wide(kBaseFeeMaxChangeDenominator);
  return static_cast<Int>(Wide(bf - delta));
}

/// A transaction's fee at a block's base fee.
struct TxFee {
  std::uint64_t priority_fee_per_gas = 0;               ///< min(max_priority_fee, max_fee - base_fee)
  std::uint64_t effective_gas_price = 0;                ///< priority_fee_per_gas + base_fee
  u128 burned = 0;                                      ///< gas_used * base_fee: destroyed
  u128 tip = 0;                                         ///< gas_used * priority_fee_per_gas: to the block proposer
  u128 total() const noexcept { return burned + tip; }  ///< what the sender pays: gas_used * effective price
};

/// Whether the spec's block validity accepts the transaction: max_fee >= base_fee and
/// max_fee >= max_priority_fee.
constexpr bool includable(std::uint64_t base_fee, std::uint64_t max_fee_per_gas,
                          std::uint64_t max_priority_fee_per_gas) noexcept {
  return max_fee_per_gas >= base_fee && max_fee_per_gas >= max_priority_fee_per_gas;
}

/// priority = min(max_priority_fee, max_fee - base_fee); burned = gas_used * base_fee;
/// tip = gas_used * priority (both exact in 128 bits).
/// @throws ConfigError when the transaction is not includable (max_fee < base_fee, or
///         max_fee < max_priority_fee), naming the fees; check includable() first to avoid the exception.
TxFee transaction_fee(std::uint64_t gas_used, std::uint64_t base_fee, std::uint64_t max_fee_per_gas,
                      std::uint64_t max_priority_fee_per_gas);

}  // namespace toksim::models
