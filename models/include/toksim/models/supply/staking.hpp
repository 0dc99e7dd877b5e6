// A staking pool with an exact reward-per-share accumulator, as Synthetix StakingRewards
// (Synthetixio/synthetix: contracts/StakingRewards.sol, rewardPerTokenStored / userRewardPerTokenPaid, 1e18)
// and SushiSwap MasterChef (sushiswap/sushiswap: contracts/MasterChef.sol, accSushiPerShare), plus an
// unbonding queue and proportional slashing; every token and every reward unit is accounted for exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

using StakerId = std::uint64_t;

/// Stake on its way out: withdrawable from ready_at on (inclusive).
struct UnbondingEntry {
  Tokens amount;
  sim::Time ready_at = 0;
};

/// Rewards: distribute(R) raises acc_per_share by floor((R * 1e18 + carry) / total_staked); an account earns
/// stake * (acc_per_share - its snapshot) / 1e18, settled (floored into its pending balance) whenever its
/// stake changes or it claims. Nothing is lost:
///  - a reward that arrives while nothing is staked is held (held()) and added to the next distribution that
///    finds stake;
///  - the remainder of each division (in 1e-18 token units) is carried into the next distribution, and so is
///    the fractional part an account's settlement floors away;
///  - undistributed() reports, in whole base units, what is held or carried or still fractional, so that
///    exactly: total_rewards_in() == total_claimed() + sum of pending(a) + undistributed().
/// acc_per_share is a 128-bit counter that wraps modulo 2^128 (defined unsigned arithmetic): only differences
/// are used, and each account's difference times its stake is bounded by the rewards distributed while it
/// held that stake, times 1e18 (< 2^123 while the cumulative rewards fit int64); a product that would not fit
/// 128 bits throws MoneyError instead.
///
/// Stake: stake() adds to an account's stake; unstake() moves stake into the account's unbonding queue,
/// withdrawable at now + unbonding_period; withdraw() pays out every matured entry. Unbonding stake earns no
/// rewards. slash() takes floor(fraction * stake) and, unless told otherwise, floor(fraction * entry) of each
/// unbonding entry (unbonding stake is still at risk, as in Cosmos SDK x/staking; floors as its TruncateInt),
/// settles the account's rewards first, leaves pending rewards alone, and returns the total for the caller to
/// burn or send to a treasury. Exactly: total_stake_in() == total_staked() + total_unbonding() +
/// total_withdrawn() + total_slashed().
///
/// Accounts live in a hash map keyed by id; no result depends on its iteration order (only undistributed()
/// iterates, to sum). Every operation either completes or throws and changes nothing.
class StakingPool {
 public:
  static constexpr std::int64_t kAccScale = 1'000'000'000'000'000'000;  ///< acc_per_share units per token unit

  /// @throws ConfigError for a negative unbonding period.
  explicit StakingPool(sim::Time unbonding_period);

  /// @throws ConfigError for amount <= 0.
  void stake(StakerId account, Tokens amount);
  /// @throws ConfigError for amount <= 0 or above the account's stake.
  void unstake(StakerId account, Tokens amount, sim::Time now);
  /// Pays out and removes every unbonding entry with ready_at <= now; returns the total (maybe 0).
  Tokens withdraw(StakerId account, sim::Time now);
  /// What withdraw(account, now) would pay.
  Tokens withdrawable(StakerId account, sim::Time now) const;

  /// @throws ConfigError for reward < 0; MoneyError if the scaled sums leave 128 bits.
  void distribute(Tokens reward);
  /// Settled plus unsettled rewards, floored. 0 for an unknown account.
  Tokens pending(StakerId account) const;
  /// Pays out pending(account) and returns it.
  Tokens claim(StakerId account);

  /// Slashes floor(fraction * stake) and, if include_unbonding, floor(fraction * amount) of each unbonding
  /// entry (entries reduced to 0 are dropped). Returns the total taken (0 for an unknown account).
  Tokens slash(StakerId account, Ppm fraction, bool include_unbonding = true);

  Tokens staked(StakerId account) const;
  Tokens unbonding(StakerId account) const;
  /// The account's unbonding entries in the order unstake() created them.
  std::vector<UnbondingEntry> unbonding_entries(StakerId account) const;

  sim::Time unbonding_period() const noexcept { return unbonding_period_; }
  Tokens total_staked() const noexcept { return total_staked_; }
  Tokens total_unbonding() const noexcept { return total_unbonding_; }
  Tokens total_stake_in() const noexcept { return stake_in_; }
  Tokens total_withdrawn() const noexcept { return withdrawn_; }
  Tokens total_slashed() const noexcept { return slashed_; }
  Tokens total_rewards_in() const noexcept { return rewards_in_; }
  Tokens total_claimed() const noexcept { return claimed_; }
  /// Rewards received while nothing was staked, waiting for the next distribution that finds stake.
  Tokens held() const noexcept { return held_; }
  /// The division remainders carried to the next distribution, in 1e-18 base units.
  u128 carry() const noexcept { return carry_; }
  u128 acc_per_share() const noexcept { return acc_; }
  std::size_t accounts() const noexcept { return accounts_.size(); }

  /// held() + (carry() + the fractional unsettled rewards of every account) / 1e18, in base units: all the
  /// rewards received that are neither claimed nor pending. O(accounts).
  /// @throws toksim::Error if that sum is not a whole number of base units (a broken ledger; never expected).
  Tokens undistributed() const;

 private:
  struct Account {
    Tokens stake{0};
    u128 paid = 0;  // acc_ at the last settlement
    Tokens earned{0};
    Tokens unbonding_total{0};
    std::vector<UnbondingEntry> unbonding;
  };
  /// An account's rewards settled up to now: `earned` plus the floored unsettled rewards, and carry_ plus the
  /// fraction floored away.
  struct Settlement {
    Tokens earned;
    u128 carry;
  };
  /// stake * (acc_ - paid) in 1e-18 units. @throws MoneyError beyond 128 bits.
  u128 unsettled_scaled(const Account& a) const;
  /// Computes the account's settlement without changing anything. @throws MoneyError beyond the ranges.
  Settlement settlement_of(const Account& a) const;
  /// Applies a settlement computed by settlement_of (nothing else may have changed in between).
  void commit(Account& a, const Settlement& s) noexcept;
  const Account* find(StakerId id) const;

  sim::Time unbonding_period_;
  std::unordered_map<StakerId, Account> accounts_;
  u128 acc_ = 0;
  u128 carry_ = 0;
  Tokens held_{0};
  Tokens total_staked_{0};
  Tokens total_unbonding_{0};
  Tokens stake_in_{0};
  Tokens withdrawn_{0};
  Tokens slashed_{0};
  Tokens rewards_in_{0};
  Tokens claimed_{0};
};

}  // namespace toksim::models
