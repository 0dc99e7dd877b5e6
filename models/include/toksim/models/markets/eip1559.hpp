// The EIP-1559 fee market (ethereum/EIPs: EIPS/eip-1559.md): the per-block base-fee update with integer
// division exactly as the specification's Python and go-ethereum's CalcBaseFee (consensus/misc/eip1559), with the
// elasticity multiplier and the base-fee change denominator as parameters (Ethereum 2 and 8; Polygon PoS, bor's
// params/protocol_params.go: 8 before Delhi, 16 from Delhi, 64 from Bhilai), and the split of a transaction's fee
// into the burned base fee and the proposer's tip. Amounts are in the smallest token unit (wei-like) per gas unit.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

inline constexpr std::uint64_t kElasticityMultiplier = 2;         ///< ELASTICITY_MULTIPLIER
inline constexpr std::uint64_t kBaseFeeMaxChangeDenominator = 8;  ///< BASE_FEE_MAX_CHANGE_DENOMINATOR
inline constexpr std::uint64_t kInitialBaseFee = 1'000'000'000;   ///< INITIAL_BASE_FEE: 1 gwei = 1e9 wei

/// The two constants of the base-fee update, as a chain sets them. The defaults are Ethereum's (the EIP's and
/// go-ethereum's params.DefaultElasticityMultiplier / DefaultBaseFeeChangeDenominator).
struct Eip1559Params {
  std::uint64_t elasticity_multiplier = kElasticityMultiplier;  ///< gas target = gas limit // this; >= 1
  std::uint64_t base_fee_max_change_denominator = kBaseFeeMaxChangeDenominator;  ///< a full block moves 1/this; >= 1
  friend constexpr bool operator==(const Eip1559Params&, const Eip1559Params&) = default;
};

/// A named parameter set.
struct Eip1559Preset {
  std::string_view name;
  Eip1559Params params;
};

/// The named presets: "ethereum" (2, 8: EIP-1559, go-ethereum); Polygon PoS per bor fork (maticnetwork/bor,
/// params/protocol_params.go BaseFeeChangeDenominatorPreDelhi / PostDelhi / PostBhilai; the elasticity stays
/// params.DefaultElasticityMultiplier = 2): "polygon-pre-delhi" (2, 8), "polygon-delhi" (2, 16),
/// "polygon-bhilai" (2, 64; PIP-58).
inline constexpr std::array<Eip1559Preset, 4> kEip1559Presets{{
    {"ethereum", {2, 8}},
    {"polygon-pre-delhi", {2, 8}},
    {"polygon-delhi", {2, 16}},
    {"polygon-bhilai", {2, 64}},
}};

/// The preset of that name. @throws ConfigError naming the known presets when there is none.
Eip1559Params eip1559_preset(std::string_view name);

/// @throws ConfigError when elasticity_multiplier or base_fee_max_change_denominator is 0.
void validate(const Eip1559Params& p);

/// Polygon PoS fork blocks that change the denominator (bor's BorConfig.DelhiBlock / BhilaiBlock); an absent fork
/// never activates, as a nil block in bor.
struct BorFeeForks {
  std::optional<std::uint64_t> delhi_block;
  std::optional<std::uint64_t> bhilai_block;
};
/// bor params/config.go BorMainnetChainConfig (chain 137) and AmoyChainConfig (chain 80002).
inline constexpr BorFeeForks kPolygonMainnetForks{38'189'056, 73'440'256};
inline constexpr BorFeeForks kPolygonAmoyForks{73'100, 22'765'056};

/// bor's params.BaseFeeChangeDenominator(borConfig, number): 64 once the parent block is at or past Bhilai, else 16
/// at or past Delhi, else 8. bor asks it of the parent's number (CalcBaseFee passes parent.Number).
constexpr std::uint64_t bor_base_fee_change_denominator(std::uint64_t parent_number,
                                                        const BorFeeForks& forks) noexcept {
  if (forks.bhilai_block && *forks.bhilai_block <= parent_number) return 64;
  if (forks.delhi_block && *forks.delhi_block <= parent_number) return 16;
  return 8;
}

/// The parameters bor's CalcBaseFee uses for a parent block of that number (elasticity 2).
constexpr Eip1559Params bor_params(std::uint64_t parent_number, const BorFeeForks& forks) noexcept {
  return {kElasticityMultiplier, bor_base_fee_change_denominator(parent_number, forks)};
}

inline constexpr std::uint64_t kGasLimitBoundDivisor = 1024;  ///< the EIP's `// 1024`; geth GasLimitBoundDivisor
inline constexpr std::uint64_t kMinGasLimit = 5000;           ///< the EIP's `>= 5000`; geth MinGasLimit

/// Whether a block's gas limit may follow its parent's (the EIP's validate_block; go-ethereum's VerifyGaslimit as
/// VerifyEIP1559Header calls it): |limit - parent| < parent // 1024 and limit >= 5000, where parent is the
/// parent's gas limit, times the elasticity multiplier on the fork block (the first EIP-1559 block, whose parent's
/// whole limit was its target). Exact over uint64 (go-ethereum subtracts in int64).
constexpr bool gas_limit_valid(std::uint64_t parent_gas_limit, std::uint64_t gas_limit, bool fork_block = false,
                               const Eip1559Params& p = {}) noexcept {
  const u128 parent = fork_block ? u128{parent_gas_limit} * p.elasticity_multiplier : u128{parent_gas_limit};
  const u128 limit{gas_limit};
  const u128 diff = parent > limit ? parent - limit : limit - parent;
  return diff < parent / kGasLimitBoundDivisor && gas_limit >= kMinGasLimit;
}

/// gas_target = gas_limit // ELASTICITY_MULTIPLIER.
constexpr std::uint64_t gas_target(std::uint64_t gas_limit, const Eip1559Params& p = {}) noexcept {
  return p.elasticity_multiplier == 0 ? 0 : gas_limit / p.elasticity_multiplier;
}

/// The base fee of the next block from its parent's base fee, gas used and gas limit, with E the elasticity
/// multiplier and D the change denominator (Ethereum: E = 2, D = 8); target = limit // E:
///   used == target: base_fee;
///   used >  target: base_fee + max(base_fee * (used - target) // target // D, 1);
///   used <  target: base_fee - base_fee * (target - used) // target // D.
/// The product is taken in 128 bits. With E = 2 and an even limit the change is at most +/-1/D a block (12.5% on
/// Ethereum; an odd limit floors the target, so a full block can exceed it). Note the asymmetry of the integer
/// formulas: a base fee below D never falls (its decrease floors to 0), while an over-target block always adds at
/// least 1.
/// @throws ConfigError when a parameter is 0, the target is 0 (limit < E) or used > limit (the spec asserts
///         used <= limit).
/// @throws MoneyError when the new base fee exceeds uint64.
std::uint64_t next_base_fee(std::uint64_t parent_base_fee, std::uint64_t parent_gas_used,
                            std::uint64_t parent_gas_limit, const Eip1559Params& p = {});

/// next_base_fee on any unsigned integer type Int, with the product base_fee * gas delta taken in Wide, an
/// unsigned type of at least twice Int's width (so every intermediate is exact, as in the specification's
/// Python and go-ethereum's big.Int): next_base_fee above is Int = uint64, Wide = u128; the Python bindings use
/// Boost's uint256 with a uint512 product (the base fee as clients store it, a 256-bit integer).
/// @throws ConfigError as next_base_fee; MoneyError when the new base fee exceeds Int.
template <class Int, class Wide>
Int next_base_fee_as(const Int& parent_base_fee, const Int& parent_gas_used, const Int& parent_gas_limit,
                     const Eip1559Params& p = {}) {
  validate(p);
  const Int target = parent_gas_limit / Int(p.elasticity_multiplier);
  if (target == 0) {
    throw ConfigError("eip1559: expected a gas limit >= the elasticity multiplier " +
                      detail::int_text(p.elasticity_multiplier) + " (a positive gas target), found " +
                      detail::int_text(parent_gas_limit));
  }
  if (parent_gas_used > parent_gas_limit) {
    throw ConfigError("eip1559: expected gas used <= the gas limit " + detail::int_text(parent_gas_limit) + ", found " +
                      detail::int_text(parent_gas_used));
  }
  const Wide bf(parent_base_fee);
  const Wide denominator(p.base_fee_max_change_denominator);
  if (parent_gas_used == target) return parent_base_fee;
  if (parent_gas_used > target) {
    Wide delta = bf * Wide(parent_gas_used - target) / Wide(target) / denominator;
    if (delta < Wide(1)) delta = Wide(1);
    // delta <= bf * (used - target) <= (2^n - 1)^2, so bf + delta <= (2^n - 1) * 2^n: exact in Wide.
    const Wide next = bf + delta;
    if (next > Wide(std::numeric_limits<Int>::max())) {
      const std::string bits = std::to_string(std::numeric_limits<Int>::digits);
      const std::string increase = delta > Wide(std::numeric_limits<Int>::max())
                                       ? "an increase past uint" + bits
                                       : detail::int_text(static_cast<Int>(delta));
      throw MoneyError("eip1559: the next base fee leaves uint" + bits + ": " + detail::int_text(parent_base_fee) +
                       " + " + increase);
    }
    return static_cast<Int>(next);
  }
  // delta <= bf * target / target / D <= bf: never below zero (go-ethereum's max(0, ...) never binds).
  const Wide delta = bf * Wide(target - parent_gas_used) / Wide(target) / denominator;
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
