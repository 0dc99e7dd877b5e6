// Token issuance schedules: how many new tokens a protocol mints in each epoch since genesis, as exact,
// pure, named, parameterised mechanisms (fixed, linear, halving, exponential decay, geometric), plus the
// two stateful minting rules that depend on what the network does: Filecoin's simple + baseline minting
// and Helium/Render burn-and-mint net emissions.
//
// Contract shared by every schedule (FixedSchedule, LinearSchedule, HalvingSchedule,
// ExponentialDecaySchedule, GeometricSchedule):
//   * emission happens in discrete epochs of a fixed length (seconds); epoch 0 starts at genesis (t = 0);
//   * everything is integer token base units (Tokens, 6 decimals); cumulative(n) is the exact sum of the
//     first n epochs, computed in closed form or in O(number of halvings) / O(1) table look-ups, never by a
//     loop over epochs;
//   * emitted_in_epoch(e) == cumulative(e + 1) - cumulative(e), so per-epoch amounts telescope exactly:
//     sum of emitted_in_epoch over [a, b) == cumulative(b) - cumulative(a), and no schedule ever exceeds its
//     cap; cumulative is non-decreasing; negative epochs emit nothing and cumulative(n <= 0) == 0.
//
// Sources (see /work/shared/REFERENCES.md and GPU_FACTS.md):
//   * Bitcoin subsidy: bitcoin/bitcoin src/validation.cpp GetBlockSubsidy (50 BTC = 5e9 satoshi,
//     `nSubsidy >>= halvings` every 210,000 blocks, 0 from 64 halvings on; total 20,999,999.9769 BTC).
//   * Bittensor: 1 TAO per 12 s block, cap 21M, halving each time issuance reaches 50% of the remaining
//     supply (GPU_FACTS.md 5.4; docs.bittensor.com/dynamic-tao/emission).
//   * io.net: 300M IO over 20 years of hourly rewards, decreasing 1.02% per month (GPU_FACTS.md 5.2;
//     docs.io.net/docs/io-tokenomics).
//   * Filecoin: filecoin-project/builtin-actors actors/reward/src/{logic.rs,state.rs} (SIMPLE_TOTAL 330M,
//     BASELINE_TOTAL 770M, 6-year half-life, BASELINE_INITIAL_VALUE 2.88888888e18 bytes, baseline doubling
//     yearly), protocol/filecoin-mecha-twin mechafil/minting.py, and the spec's minting model page
//     (REFERENCES.md section 6).
//   * Helium HIP-20 net emissions (helium/docs docs/tokens/hnt-token.mdx; 2025 smoothing update helium/docs
//     PR #1968) and Render RNP-001 (rendernetwork/RNPs RNP-001.md)
//     (REFERENCES.md section 7; GPU_FACTS.md 5.1).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// The shape of an emission schedule a scenario names: Bitcoin-style halvings, exponential decay or linear.
enum class EmissionCurve { Halving, ExponentialDecay, Linear };

// ---------------------------------------------------------------------------------------------------------
// 1. Fixed: a constant amount per epoch, optionally until an end epoch.
// ---------------------------------------------------------------------------------------------------------

/// A constant emission per epoch: emitted_in_epoch(e) = per_epoch for 0 <= e < end_epoch (or for every
/// e >= 0 without an end). No rounding: cumulative(n) = per_epoch * min(n, end_epoch) exactly.
class FixedSchedule {
 public:
  struct Params {
    Tokens per_epoch;                       ///< >= 0
    sim::Time epoch_length;                 ///< seconds, > 0
    std::optional<std::int64_t> end_epoch;  ///< first epoch that emits nothing (>= 0); none: emits forever
  };
  /// @throws toksim::ConfigError when epoch_length <= 0, per_epoch < 0 or end_epoch < 0.
  explicit FixedSchedule(const Params& p);

  static constexpr std::string_view schedule_name() noexcept { return "fixed"; }
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  /// Exact. @throws MoneyError when an unbounded schedule's sum leaves int64 (a bounded one never does:
  /// the constructor checks per_epoch * end_epoch).
  Tokens cumulative(std::int64_t epochs) const;
  sim::Time epoch_length() const noexcept { return p_.epoch_length; }
  std::int64_t epoch_at(sim::Time t) const noexcept { return sim::floor_div(t, p_.epoch_length); }
  /// The limit of cumulative(n): per_epoch * end_epoch; none for an endless non-zero schedule.
  std::optional<Tokens> total() const;
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
};

// ---------------------------------------------------------------------------------------------------------
// 2. Linear: a total released evenly over N epochs.
// ---------------------------------------------------------------------------------------------------------

/// `total` released evenly over `epochs` epochs: cumulative(n) = floor(total * min(n, N) / N) (rounded down,
/// 128-bit product), so cumulative(N) == total exactly and each epoch gets floor(total/N) or one unit more
/// (the remainder is spread, not dumped in the last epoch). Nothing after epoch N - 1.
class LinearSchedule {
 public:
  struct Params {
    Tokens total;            ///< >= 0
    std::int64_t epochs;     ///< N >= 1
    sim::Time epoch_length;  ///< seconds, > 0
  };
  /// @throws toksim::ConfigError when epoch_length <= 0, total < 0 or epochs < 1.
  explicit LinearSchedule(const Params& p);

  static constexpr std::string_view schedule_name() noexcept { return "linear"; }
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  Tokens cumulative(std::int64_t epochs) const;
  sim::Time epoch_length() const noexcept { return p_.epoch_length; }
  std::int64_t epoch_at(sim::Time t) const noexcept { return sim::floor_div(t, p_.epoch_length); }
  std::optional<Tokens> total() const { return p_.total; }
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
};

// ---------------------------------------------------------------------------------------------------------
// 3. Halving (Bitcoin, Bittensor, Helium HIP-20).
// ---------------------------------------------------------------------------------------------------------

/// Bitcoin-style subsidy: reward(e) = initial_reward >> (e / halving_interval) in base units (an integer right
/// shift, i.e. rounded down at every halving exactly as Bitcoin's GetBlockSubsidy does in satoshi), and 0 from
/// the 64th halving on. cumulative(n) sums whole halving eras in closed form: O(64), exact, no rounding beyond
/// the shifts.
///
/// With Bitcoin's parameters (initial 5,000,000,000 raw units standing for satoshi, interval 210,000 blocks of
/// 600 s) the total is 210,000 * sum_k (5e9 >> k) = 210,000 * 9,999,999,989 = 2,099,999,997,690,000
/// (20,999,999.9769 BTC).
///
/// Bittensor's rule "halve each time issuance reaches 50% of the remaining supply" is a fixed interval when the
/// reward per block is constant within an era: with cap S and first reward r0, era k starts with S / 2^k
/// remaining, lasts until it has issued half of that, S / 2^(k+1), at reward r0 / 2^k per block, which takes
/// (S / 2^(k+1)) / (r0 / 2^k) = S / (2 r0) blocks whatever k is. TAO: S = 21M, r0 = 1 TAO per 12 s block ->
/// interval 10,500,000 blocks = 126,000,000 s (~3.995 years of 365 days); halvings at 10.5M, 15.75M, 18.375M
/// TAO issued. The equivalence is exact only while the shift is exact (r0 divisible by 2^k): 1 TAO =
/// 1,000,000 base units = 2^6 * 15,625, so eras 0..6 agree exactly and later eras lose the shifted-out
/// fraction (the real chain counts in rao, 9 decimals, 2^9 * 1,953,125). See halving_at_half_remaining().
class HalvingSchedule {
 public:
  struct Params {
    Tokens initial_reward;          ///< reward per epoch in era 0 (base units), >= 0
    std::int64_t halving_interval;  ///< epochs per era, >= 1
    sim::Time epoch_length;         ///< seconds, > 0
  };
  static constexpr int kMaxHalvings = 64;  ///< reward is 0 from era 64 on (Bitcoin: `if (halvings >= 64) return 0`)

  /// @throws toksim::ConfigError when epoch_length <= 0, initial_reward < 0, halving_interval < 1, or the
  ///         total issuance (<= 2 * initial_reward * halving_interval) does not fit int64 base units.
  explicit HalvingSchedule(const Params& p);

  /// Bittensor's "halve when issuance reaches 50% of the remaining supply of `cap`": a HalvingSchedule with
  /// halving_interval = cap / (2 * initial_reward) (derivation above).
  /// @throws toksim::ConfigError when initial_reward <= 0, cap <= 0, or cap is not an exact multiple of
  ///         2 * initial_reward (the rule would then not be a whole number of epochs per era).
  static HalvingSchedule halving_at_half_remaining(Tokens cap, Tokens initial_reward, sim::Time epoch_length);

  static constexpr std::string_view schedule_name() noexcept { return "halving"; }
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  Tokens cumulative(std::int64_t epochs) const;
  sim::Time epoch_length() const noexcept { return p_.epoch_length; }
  std::int64_t epoch_at(sim::Time t) const noexcept { return sim::floor_div(t, p_.epoch_length); }
  /// Everything the schedule ever emits: sum over the 64 eras of halving_interval * (initial >> k).
  std::optional<Tokens> total() const { return total_; }
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
  Tokens total_;
};

// ---------------------------------------------------------------------------------------------------------
// 4. Exponential decay with a half-life (Filecoin simple minting, Akash-style decay).
// ---------------------------------------------------------------------------------------------------------

/// cumulative(n) = floor(total * (1 - 2^(-x))) with x = n * epoch_length / half_life half-lives (rounded
/// DOWN, so it never exceeds total; the last base unit is never emitted because 1 - 2^(-x) < 1 for finite x).
///
/// How it is computed, and why it is reproducible: n * epoch_length = a * half_life + r exactly in 128-bit
/// integers (0 <= r < half_life). Then 2^(-x) = 2^(-a) * g with g = exp2(-(double)r / half_life) in [0.5, 1]:
/// one IEEE division and one libm exp2 call, nothing else in floating point. g * 2^63 is an exact integer G
/// (53-bit mantissa, exponent -1 or 0), and cumulative = total - ceil(total * G / 2^(63 + a)) in unsigned
/// 128-bit arithmetic. So the result is bit-identical for the same binary and the same libm; another libm
/// may differ in g by an ulp, which moves cumulative by at most total * 2^-53 (about 0.12 base unit for
/// 1.1e18 units), so results across libms agree except for rare one-unit flips.
/// Monotone: across an era boundary the remainder halves exactly (G(0) = 2^63 against G(r) >= 2^62); inside
/// an era consecutive epochs differ in g by g * (1 - 2^(-epoch_length / half_life)) >= 0.25 * epoch_length /
/// half_life >= 0.25 * 2^-40 (the constructor bounds half_life / epoch_length by 2^40), far more than the
/// error of the division plus exp2 (about one ulp, 2^-53, each), so g, hence cumulative, never steps the wrong
/// way. (G is also clamped to [2^62, 2^63], so a libm returning a value outside [0.5, 1] cannot break the cap.)
class ExponentialDecaySchedule {
 public:
  struct Params {
    Tokens total;            ///< T >= 0
    sim::Time half_life;     ///< seconds, > 0 (a half-life of k epochs: k * epoch_length)
    sim::Time epoch_length;  ///< seconds, > 0
  };
  static constexpr std::int64_t kMaxHalfLifeEpochs = std::int64_t{1} << 40;

  /// @throws toksim::ConfigError when epoch_length <= 0, total < 0, half_life <= 0, or
  ///         half_life / epoch_length > 2^40 (the monotonicity argument above needs it).
  explicit ExponentialDecaySchedule(const Params& p);

  static constexpr std::string_view schedule_name() noexcept { return "exponential_decay"; }
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  Tokens cumulative(std::int64_t epochs) const;
  sim::Time epoch_length() const noexcept { return p_.epoch_length; }
  std::int64_t epoch_at(sim::Time t) const noexcept { return sim::floor_div(t, p_.epoch_length); }
  /// The limit of cumulative(n): total - 1 unit when total > 0 (see above), else 0.
  std::optional<Tokens> total() const;
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
};

/// floor(total * (1 - 2^(-half_lives))) for a real, non-negative number of half-lives (the baseline part of
/// Filecoin minting, where time is the effective network time). Same integer tail as
/// ExponentialDecaySchedule, with a = floor(half_lives) and g = exp2(a - half_lives); +infinity gives
/// total - 1 (total > 0).
/// @throws MoneyError when total < 0; toksim::ModelError when half_lives is negative or NaN.
Tokens decayed_cumulative(Tokens total, double half_lives);

// ---------------------------------------------------------------------------------------------------------
// 5. Geometric per-period decay (io.net: -1.02% per month), capped at the pool.
// ---------------------------------------------------------------------------------------------------------

/// Period k emits m_k with m_0 = first and m_k = floor(m_{k-1} * ratio / 1e6) (ratio in ppm, rounded DOWN
/// at every period, like Bitcoin's shift), for `periods` periods; the running sum is capped at `cap` (the
/// period that would cross the cap emits only up to it; later periods emit nothing). Each period spans
/// epochs_per_period epochs and is released linearly inside it: cumulative(k * P + j) = C(k) +
/// floor(m'_k * j / P), where C(k) is the capped sum of the first k periods and m'_k = C(k+1) - C(k).
/// (io.net pays hourly: epoch 1 h, P = 720 epochs = one 30-day month; its "20 years" are 240 such months =
/// 7,200 days, 19.7 toksim years of 365 days.)
///
/// The floored-per-period sum is below the exact floor(first * (1 - r^k) / (1 - r)) by less than
/// k * min(k, 1/(1 - r)) base units (each term's deficit e_k <= r e_{k-1} + 1): for io.net 0.007125 IO over
/// 240 months. Exact floor of the real partial sum would need r^k = p^k / 1e6^k with thousands of bits;
/// the per-period floor is exact integer arithmetic on every platform instead.
/// C(k) is tabulated once at construction (O(periods) time and memory, periods <= 1e6), so cumulative()
/// is O(1).
class GeometricSchedule {
 public:
  struct Params {
    Tokens first;                    ///< m_0 >= 0
    Ppm ratio;                       ///< per-period factor in (0, 1]: 1e6 - decay (io.net: 989,800)
    std::int64_t periods;            ///< number of emitting periods, 1..1e6 (io.net: 240 months)
    Tokens cap;                      ///< the pool, >= 0: cumulative never exceeds it (io.net: 300M IO)
    sim::Time epoch_length;          ///< seconds, > 0
    std::int64_t epochs_per_period;  ///< P >= 1
  };
  static constexpr std::int64_t kMaxPeriods = 1'000'000;

  /// @throws toksim::ConfigError when epoch_length <= 0, first < 0, cap < 0, ratio == 0, periods outside
  ///         [1, 1e6], epochs_per_period < 1, or periods * epochs_per_period overflows int64.
  explicit GeometricSchedule(const Params& p);

  static constexpr std::string_view schedule_name() noexcept { return "geometric"; }
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  Tokens cumulative(std::int64_t epochs) const;
  sim::Time epoch_length() const noexcept { return p_.epoch_length; }
  std::int64_t epoch_at(sim::Time t) const noexcept { return sim::floor_div(t, p_.epoch_length); }
  /// Capped sum of the first k periods, C(k) (k clamped to [0, periods]).
  Tokens cumulative_periods(std::int64_t k) const;
  /// Emission of period k after the cap, C(k + 1) - C(k).
  Tokens emitted_in_period(std::int64_t k) const;
  std::optional<Tokens> total() const { return Tokens(prefix_.back()); }
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
  std::vector<std::int64_t> prefix_;  ///< C(0..K); C(k) = C(K) for k >= K
};

// ---------------------------------------------------------------------------------------------------------
// The tagged schedule type, for scenarios that pick a schedule by name.
// ---------------------------------------------------------------------------------------------------------

using IssuanceSchedule =
    std::variant<FixedSchedule, LinearSchedule, HalvingSchedule, ExponentialDecaySchedule, GeometricSchedule>;

/// The schedule_name() of every alternative, in variant order.
inline constexpr std::array<std::string_view, 5> kScheduleNames = {
    FixedSchedule::schedule_name(), LinearSchedule::schedule_name(), HalvingSchedule::schedule_name(),
    ExponentialDecaySchedule::schedule_name(), GeometricSchedule::schedule_name()};

/// The schedule that releases `total` in epochs of one `window` along `curve`, shaped by `period`: halvings every
/// `period` with a first-era rate of total / (2 x windows per period), since the eras sum to twice the first (the
/// floor remainders are never minted); exponential decay with time constant `period`; or linear over `period`.
/// Both economies name their emission this way (EmissionCurve in a scenario).
/// @throws ConfigError unless window > 0 and period is a positive whole number of windows.
IssuanceSchedule make_emission_schedule(EmissionCurve curve, Tokens total, sim::Time period, sim::Time window);

Tokens emitted_in_epoch(const IssuanceSchedule& s, std::int64_t epoch);
Tokens cumulative(const IssuanceSchedule& s, std::int64_t epochs);
/// cumulative(end) - cumulative(begin): what epochs [begin, end) emit (0 when end <= begin).
Tokens emitted_in_range(const IssuanceSchedule& s, std::int64_t begin, std::int64_t end);
std::string_view name(const IssuanceSchedule& s);
sim::Time epoch_length(const IssuanceSchedule& s);
std::int64_t epoch_at(const IssuanceSchedule& s, sim::Time t);
std::optional<Tokens> total(const IssuanceSchedule& s);

// ---------------------------------------------------------------------------------------------------------
// 6. Filecoin minting: simple (time) + baseline (effective network time from capped power).
// ---------------------------------------------------------------------------------------------------------

/// Parameters of FilecoinMinting; the defaults are mainnet's (REFERENCES.md section 6).
struct FilecoinParams {
  Tokens simple_total = Tokens::whole(330'000'000);    ///< S: SIMPLE_TOTAL, 30% of 1.1B
  Tokens baseline_total = Tokens::whole(770'000'000);  ///< B: BASELINE_TOTAL, 70% of 1.1B
  sim::Time epoch_length = 30;                         ///< 30 s: 2,880 epochs a day, 1,051,200 a year
  sim::Time half_life = 6 * sim::kYear;                ///< lambda = ln 2 / 6 years
  sim::Time baseline_doubling = sim::kYear;            ///< g = ln 2 / year: b(t) doubles yearly
  double baseline_initial_bytes = 2.88888888e18;       ///< b0: BASELINE_INITIAL_VALUE (2.5057 EiB)
};

/// Filecoin's block-reward minting as a stateful per-epoch mechanism.
///
/// For epoch tau = 0, 1, ... the caller passes the network raw-byte power R(tau) in bytes (double; +inf means
/// "always above the baseline"). The class keeps
///   b(tau)    = b0 * 2^(tau * epoch_length / baseline_doubling)          (baseline target, bytes)
///   R_sum(t)  = sum_{tau < t} min(R(tau), b(tau))                        (byte-epochs, double)
///   theta(t)  = ln(1 + (e^g - 1) * R_sum(t) / b0) / g,  g = ln 2 * epoch_length / baseline_doubling
///                                                                        (effective network time, epochs)
/// and the epoch's reward is
///   [M_S(t+1) - M_S(t)] + [M_B(theta(t+1)) - M_B(theta(t))]
/// with M_S(t) = floor(S (1 - 2^(-t len / H))) (an ExponentialDecaySchedule) and
/// M_B(theta) = floor(B (1 - 2^(-theta len / H))) (decayed_cumulative), both rounded DOWN.
///
/// theta inverts the discrete sum of the baseline: sum_{tau < theta} b0 e^{g tau} = b0 (e^{g theta} - 1) /
/// (e^g - 1) = R_sum. The continuous form in REFERENCES.md, theta = (1/g) ln(1 + g R_sum / b0), is the
/// integral instead of the sum; it differs by the factor (e^g - 1)/g = 1 + 3.3e-7 at 30 s epochs and would make
/// theta lag t by (1 - e^{-g t}) / 2 epochs (up to half an epoch) when power always meets the baseline. The
/// discrete form gives theta == t then (up to double rounding), as builtin-actors' integer
/// effective_network_time does (it steps cumsum_baseline until it passes cumsum_realized and interpolates
/// linearly between epochs; the logarithm here interpolates geometrically inside one epoch, a difference of
/// order g / 8, about 1e-7 epoch).
/// Two off-by-one details of builtin-actors (state.rs / logic.rs) that toksim does NOT copy, both below one
/// epoch's reward: (1) its cumsum_baseline starts at b0 e^g while the realized sum starts at b0, so at full
/// power its theta trails t by up to one epoch; (2) its simple reward at chain epoch t is S (e^lambda - 1)
/// e^(-lambda t) from t = 0, i.e. M_S(t+1) - M_S(t) times e^lambda (1 + 1.1e-7), whose sum would exceed S by
/// about 36 FIL. toksim keeps REFERENCES.md's telescoping M_S(t+1) - M_S(t), so the caps hold exactly; its first
/// epoch pays M_S(1) = 36.266260 FIL, the value of builtin-actors' INITIAL_REWARD_POSITION_ESTIMATE
/// (36.266260308195979333 FIL).
///
/// Exactness: the reward is the difference of stored integer cumulatives, so rewards telescope exactly to
/// minted() = M_S(t) + M_B(theta(t)) <= S + B; M_B is additionally held non-decreasing (max with the previous
/// value) so a rounding wobble in the logarithm can never produce a negative reward. R_sum (a compensated
/// Neumaier sum) and theta are double: reproducible for the same binary and libm (fixed operation order),
/// not bit-for-bit across libms.
class FilecoinMinting {
 public:
  /// @throws toksim::ConfigError when a total is negative, epoch_length, half_life or baseline_doubling is
  ///         <= 0, half_life / epoch_length > 2^40, or b0 is not a positive finite number.
  explicit FilecoinMinting(const FilecoinParams& p = {});

  /// Advances one epoch with raw-byte power `raw_byte_power` and returns the reward minted in it.
  /// @throws toksim::ModelError when the power is negative or NaN.
  Tokens reward_for_epoch(double raw_byte_power);
  /// Advances `count` epochs at a constant power in O(1) (the capped sum in closed form: the baseline's
  /// geometric sum up to the epoch where b(tau) passes R, then R per epoch) and returns their total reward.
  /// Equal to `count` calls of reward_for_epoch up to the double rounding of R_sum.
  /// @throws toksim::ModelError when count < 0 or the power is negative or NaN.
  Tokens reward_for_epochs(std::int64_t count, double raw_byte_power);

  std::int64_t epoch() const noexcept { return epoch_; }                 ///< epochs processed so far
  double capped_power_sum() const noexcept { return r_sum_ + r_comp_; }  ///< R_sum, byte-epochs
  double effective_network_time() const noexcept { return theta_; }      ///< theta, epochs
  Tokens minted() const { return simple_minted_ + baseline_minted_; }    ///< all rewards so far
  Tokens simple_minted() const noexcept { return simple_minted_; }
  Tokens baseline_minted() const noexcept { return baseline_minted_; }

  /// b(tau) in bytes.
  double baseline_power(std::int64_t epoch) const;
  /// theta for a given R_sum (pure).
  double theta_for(double capped_power_sum) const;
  /// M_S(t) (pure).
  Tokens simple_cumulative(std::int64_t epochs) const { return simple_.cumulative(epochs); }
  /// M_B(theta) (pure; theta in epochs).
  Tokens baseline_cumulative(double theta_epochs) const;
  const FilecoinParams& params() const noexcept { return p_; }

 private:
  Tokens advance_to(std::int64_t new_epoch);
  void add_to_power_sum(double x);

  FilecoinParams p_;
  ExponentialDecaySchedule simple_;
  double g_;       ///< ln 2 * epoch_length / baseline_doubling: growth per epoch
  double rho_m1_;  ///< e^g - 1
  std::int64_t epoch_ = 0;
  double r_sum_ = 0.0;  ///< R_sum, compensated: the value is r_sum_ + r_comp_
  double r_comp_ = 0.0;
  double theta_ = 0.0;
  Tokens simple_minted_{};
  Tokens baseline_minted_{};
};

// ---------------------------------------------------------------------------------------------------------
// 7. Burn-and-mint net emissions (Helium HIP-20 and its 2025 smoothing; Render RNP-001).
// ---------------------------------------------------------------------------------------------------------

enum class NetEmissions {
  /// Helium HIP-20: re-mint = min(burned, cap); burns above the cap are permanent.
  HeliumHip20,
  /// Helium 2025 (helium/docs PR #1968) as helium-program-library's calculate_utility_score_v0 computes it:
  /// smoothed = floor(6 * previous / 7) + floor(burned / 7) (two floors), stored UNCAPPED, so burns above the cap
  /// carry into later epochs; re-mint = min(smoothed, cap). (The program substitutes 300 base units for a previous
  /// value of 0, a deployment artefact toksim does not copy: initial_target is explicit.)
  HeliumSmoothed,
  /// Render RNP-001: minted = scheduled, "not a function of burned tokens"; burns are all permanent.
  Render,
};
std::string_view net_emissions_name(NetEmissions m);  ///< "helium_hip20", "helium_smoothed", "render"

struct BurnAndMintParams {
  NetEmissions mode = NetEmissions::HeliumHip20;
  /// Net-emissions cap per epoch, >= 0. HIP-20: 1,643.83561643 HNT a day (= 600,000 HNT / 365) has 8
  /// decimals; in 6-decimal base units it is 1,643.835616 HNT = 1,643,835,616 units (rounded down).
  /// Unused in Render mode.
  Tokens cap_per_epoch{};
  Tokens initial_target{};  ///< HeliumSmoothed: the smoothed burn before the first epoch, >= 0 (uncapped)
};

/// Per-epoch minting under burn-and-mint: mint_for_epoch(scheduled E, burned D) returns E + re-mint, where the
/// re-mint depends on the mode (NetEmissions). Stateful only for the smoothed target and the running totals.
class BurnAndMint {
 public:
  /// @throws toksim::ConfigError when cap_per_epoch < 0 or initial_target < 0.
  explicit BurnAndMint(const BurnAndMintParams& p);

  /// Total minted in this epoch: scheduled + re-mint. Exact integers.
  /// @throws toksim::ModelError when scheduled or burned is negative; MoneyError when a total overflows.
  Tokens mint_for_epoch(Tokens scheduled, Tokens burned);

  Tokens last_reminted() const noexcept { return last_reminted_; }  ///< re-mint of the latest epoch
  Tokens target() const noexcept { return target_; }                ///< HeliumSmoothed state
  std::int64_t epochs() const noexcept { return epochs_; }
  Tokens total_scheduled() const noexcept { return scheduled_; }
  Tokens total_reminted() const noexcept { return reminted_; }
  Tokens total_burned() const noexcept { return burned_; }
  Tokens total_minted() const { return scheduled_ + reminted_; }
  /// total_burned - total_reminted: burned supply that has not come back (so far).
  Tokens burned_not_reminted() const { return burned_ - reminted_; }
  const BurnAndMintParams& params() const noexcept { return p_; }

 private:
  BurnAndMintParams p_;
  Tokens target_{};
  Tokens last_reminted_{};
  Tokens scheduled_{};
  Tokens reminted_{};
  Tokens burned_{};
  std::int64_t epochs_ = 0;
};

}  // namespace toksim::models
