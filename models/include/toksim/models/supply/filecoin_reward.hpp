// Filecoin's block reward exactly as the chain computes it: the Q.128 fixed-point arithmetic of the reward actor
// (e^-x as a rational polynomial, simple + baseline minting, effective network time, the baseline power that
// doubles yearly) in attoFIL and bytes, and the actor's per-epoch state machine. Every row of the reference
// implementation's golden files comes out to the attoFIL (tests/reference/specs-actors).
//
// Source: filecoin-project/specs-actors (v8, commit 985cd0fa04578e262d68e0ef196f17df6f2434f2):
// actors/builtin/reward/reward_logic.go (computeReward, computeBaselineSupply, ComputeRTheta, InitBaselinePower,
// BaselinePowerFromPrev, the Q.128 constants Lambda, ExpLamSubOne, BaselineExponent), reward_state.go (State,
// ConstructState, updateToNextEpoch, updateToNextEpochWithReward) and actors/util/math/{expneg.go,polyval.go}
// (ExpNeg, Polyval, the 8 + 14 coefficients). filecoin-project/builtin-actors (actors/reward/src/{logic.rs,
// state.rs,expneg.rs}) is the same arithmetic in Rust. The continuous model behind it is REFERENCES.md section 6.
//
// Rounding, as the reference: every Q.256 -> Q.128 step is a right shift that rounds toward -infinity (Go's
// big.Int.Rsh is an arithmetic shift), every division rounds down (big.Int.Div is Euclidean, the divisors are
// positive). Intermediates are Boost.Multiprecision cpp_int (unbounded), so nothing overflows inside; the values
// that cross the API are uint256 (checked_uint256_t), which holds every reward and supply when a total is below
// 2^128 attoFIL (a Q.128 supply is total * (2^128 - e^-x) < 2^256): the constructor rejects larger totals.
//
// For simulations at window scale (any epoch length, O(1) blocks of epochs, toksim's Tokens) see FilecoinMinting
// in issuance.hpp, the continuous model of the same rule; it agrees with this one to about 1e-9 relative.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <optional>

#include "toksim/sim/time.hpp"

namespace toksim::models::filecoin {

/// Unbounded signed integer for Q.128 intermediates.
using BigInt = boost::multiprecision::cpp_int;
/// The values the API takes and returns (attoFIL, bytes, byte-epochs, Q.128 numbers >= 0): arithmetic that
/// leaves [0, 2^256) throws std::overflow_error / std::range_error.
using U256 = boost::multiprecision::checked_uint256_t;

inline constexpr int kPrecision = 128;  ///< Q.128: a value v stands for v / 2^128

/// The three Q.128 constants of the reward rule, for epochs of `epoch_length` seconds, a minting half-life and a
/// baseline doubling time:
///   lambda            = floor(ln 2 / (half_life / epoch_length) * 2^128)          (decay per epoch)
///   exp_lam_sub_one   = floor((e^lambda - 1) * 2^128)
///   baseline_exponent = floor(2^(epoch_length / baseline_doubling) * 2^128)       (baseline growth per epoch)
struct Constants {
  U256 lambda;
  U256 exp_lam_sub_one;
  U256 baseline_exponent;

  /// Mainnet's literals from reward_logic.go (30 s epochs, 6-year half-life, yearly doubling; a year is 365 days):
  /// Lambda 37396271439864487274534522888786, ExpLamSubOne 37396273494747879394193016954629, BaselineExponent
  /// 340282591298641078465964189926313473653.
  static Constants mainnet();
  /// The constants for other time parameters (seconds), computed in integer arithmetic with 64 guard bits (series
  /// for ln 2 and e^x), so that they are the exact floors except where the true value lies within 2^-186 of a
  /// multiple of 2^-128. derive(30, 6 * kYear, kYear) == mainnet() (pinned by a test).
  /// @throws toksim::ConfigError unless 0 < epoch_length <= half_life and 0 < epoch_length <= baseline_doubling.
  static Constants derive(sim::Time epoch_length, sim::Time half_life, sim::Time baseline_doubling);

  friend bool operator==(const Constants&, const Constants&) = default;
};

/// ExpNeg: e^-x for x >= 0 in Q.128, a (7, 13) rational polynomial evaluated by Horner's rule with a floor shift
/// after each product; the quotient num * 2^128 / den rounds down. The reference states the error: below 3.4e-30
/// on [0, 1.725), below 4.6e-15 on [0, 5). The polynomial is not meant beyond that; toksim evaluates it for any x
/// the callers produce (lambda * epoch stays below 5 for 18,000 years of 30 s epochs).
/// @throws toksim::ModelError when the denominator is not positive (x far outside the fitted range).
BigInt expneg(const BigInt& x_q128);

/// BaselinePowerFromPrev: floor(prev * baseline_exponent / 2^128) bytes.
U256 baseline_power_from_prev(const U256& prev, const Constants& c = Constants::mainnet());
/// `epochs` steps of baseline_power_from_prev from `start` (the reference's baseline growth test runs a year of
/// them). @throws toksim::ModelError when epochs < 0.
U256 baseline_power_after(const U256& start, std::int64_t epochs, const Constants& c = Constants::mainnet());
/// InitBaselinePower: the baseline of epoch -1, floor(floor(b0 * 2^256 / baseline_exponent) / 2^128), so that one
/// step gives the baseline of epoch 0 (b0 - 1 byte on mainnet: the rounding the reference's own test accounts for).
U256 init_baseline_power(const U256& baseline_initial_value, const Constants& c = Constants::mainnet());

/// ComputeRTheta: the fractional effective network time in Q.128, interpolating linearly inside the epoch
/// effective_network_time (its ceiling): ent * 2^128 - floor((cumsum_baseline - cumsum_realized) * 2^128 /
/// baseline_power_at_ent); 0 when ent == 0.
/// @throws toksim::ModelError when cumsum_realized > cumsum_baseline or the baseline power is 0 (ent > 0), or
/// ent < 0: the actor's state never has them.
U256 compute_r_theta(std::int64_t effective_network_time, const U256& baseline_power_at_ent,
                     const U256& cumsum_realized, const U256& cumsum_baseline);

/// computeBaselineSupply: baseline_total * (2^128 - expneg(floor(theta * lambda / 2^128))), in Q.128 attoFIL.
BigInt compute_baseline_supply(const U256& theta_q128, const U256& baseline_total,
                               const Constants& c = Constants::mainnet());

/// computeReward: the attoFIL minted at chain epoch `epoch` while the effective network time moves from
/// prev_theta to curr_theta (both Q.128):
///   floor((floor(simple_total * exp_lam_sub_one * expneg(epoch * lambda) / 2^128)
///          + baseline_supply(curr) - baseline_supply(prev)) / 2^128).
/// The simple part is simple_total (e^lambda - 1) e^(-lambda epoch): a first epoch pays M_S(1) e^lambda, so the
/// simple rewards sum to simple_total * e^lambda (about 36 FIL above 330M FIL); see docs/mechanisms.md.
/// @throws toksim::ModelError when epoch < 0, curr_theta < prev_theta, or the reward leaves uint256.
U256 compute_reward(std::int64_t epoch, const U256& prev_theta, const U256& curr_theta, const U256& simple_total,
                    const U256& baseline_total, const Constants& c = Constants::mainnet());

/// Mainnet's defaults, attoFIL and bytes (reward_logic.go: DefaultSimpleTotal, DefaultBaselineTotal,
/// BaselineInitialValue = 2,888,888,880,000,000,000 bytes = 2.5057 EiB).
struct RewardParams {
  U256 simple_total = U256(330'000'000) * U256(1'000'000'000'000'000'000ULL);
  U256 baseline_total = U256(770'000'000) * U256(1'000'000'000'000'000'000ULL);
  U256 baseline_initial_value = U256(2'888'888'880'000'000'000ULL);
  Constants constants = Constants::mainnet();
};

/// The reward actor's state (reward_state.go State) and its per-epoch update, without the actor's payments and
/// smoothing filter. Construction is ConstructState(initial power): it runs the first update, so epoch() == 0
/// and this_epoch_reward() is epoch 0's reward (36,266,264,293,777,134,739 attoFIL at zero power on mainnet).
/// Then each advance(power) is updateToNextEpochWithReward (a cron tick with the network's raw-byte power) and
/// each null_round(power) is updateToNextEpoch (no reward computed, as the actor does for null rounds).
class RewardState {
 public:
  /// @throws toksim::ConfigError when a total is >= 2^128 attoFIL (the largest the uint256 arithmetic can hold,
  ///         see the file comment), the baseline initial value is 0, or a constant is 0.
  explicit RewardState(const U256& initial_realized_power, const RewardParams& p = {});

  /// updateToNextEpochWithReward: one epoch at raw-byte power `realized_power`; returns the new
  /// this_epoch_reward().
  const U256& advance(const U256& realized_power);
  /// updateToNextEpoch: one null round (the epoch, the baseline and the cumulative sums move; no new reward).
  void null_round(const U256& realized_power);

  std::int64_t epoch() const noexcept { return epoch_; }
  const U256& this_epoch_reward() const noexcept { return this_epoch_reward_; }
  const U256& this_epoch_baseline_power() const noexcept { return this_epoch_baseline_power_; }
  const U256& cumsum_baseline() const noexcept { return cumsum_baseline_; }
  const U256& cumsum_realized() const noexcept { return cumsum_realized_; }
  /// The ceiling of theta, in epochs.
  std::int64_t effective_network_time() const noexcept { return effective_network_time_; }
  const U256& effective_baseline_power() const noexcept { return effective_baseline_power_; }
  /// theta in Q.128 (ComputeRTheta of the current state).
  U256 theta() const;
  /// The sum of this_epoch_reward() over every reward epoch so far, construction included.
  const U256& rewards_sum() const noexcept { return rewards_sum_; }
  const RewardParams& params() const noexcept { return p_; }

 private:
  void step(const U256& realized_power);

  RewardParams p_;
  std::int64_t epoch_ = -1;
  U256 cumsum_baseline_{0};
  U256 cumsum_realized_{0};
  std::int64_t effective_network_time_ = 0;
  U256 effective_baseline_power_;
  U256 this_epoch_baseline_power_;
  U256 this_epoch_reward_{0};
  U256 rewards_sum_{0};
};

}  // namespace toksim::models::filecoin
