// Filecoin's reward actor in Q.128 fixed point (see filecoin_reward.hpp for the formulas and the sources).
#include "toksim/models/supply/filecoin_reward.hpp"

#include <array>
#include <limits>
#include <string>
#include <string_view>

#include "toksim/sim/error.hpp"

namespace toksim::models::filecoin {

namespace {

// ExpNeg's coefficients in Q.128, highest order first (specs-actors actors/util/math/expneg.go).
const std::array<BigInt, 8>& numerator() {
  static const std::array<BigInt, 8> c = {
      BigInt("-648770010757830093818553637600"),          BigInt("67469480939593786226847644286976"),
      BigInt("-3197587544499098424029388939001856"),      BigInt("89244641121992890118377641805348864"),
      BigInt("-1579656163641440567800982336819953664"),   BigInt("17685496037279256458459817590917169152"),
      BigInt("-115682590513835356866803355398940131328"), BigInt("340282366920938463463374607431768211456"),
  };
  return c;
}

const std::array<BigInt, 14>& denominator() {
  static const std::array<BigInt, 14> c = {
      BigInt("1225524182432722209606361"),
      BigInt("114095592300906098243859450"),
      BigInt("5665570424063336070530214243"),
      BigInt("194450132448609991765137938448"),
      BigInt("5068267641632683791026134915072"),
      BigInt("104716890604972796896895427629056"),
      BigInt("1748338658439454459487681798864896"),
      BigInt("23704654329841312470660182937960448"),
      BigInt("259380097567996910282699886670381056"),
      BigInt("2250336698853390384720606936038375424"),
      BigInt("14978272436876548034486263159246028800"),
      BigInt("72144088983913131323343765784380833792"),
      BigInt("224599776407103106596571252037123047424"),
      BigInt("340282366920938463463374607431768211456"),
  };
  return c;
}

/// x >> k rounded toward -infinity (Go's big.Int.Rsh; cpp_int shifts the magnitude of a negative value).
BigInt floor_shr(const BigInt& x, unsigned k) {
  if (x >= 0) return x >> k;
  const BigInt mag = -x;
  return -((mag + ((BigInt(1) << k) - 1)) >> k);
}

/// floor(x / d) for d > 0 (Go's big.Int.Div, Euclidean).
BigInt floor_div(const BigInt& x, const BigInt& d) {
  if (x >= 0) return x / d;
  const BigInt mag = -x;
  return -((mag + d - 1) / d);
}

/// Horner's rule with a floor shift after each product (specs-actors Polyval).
template <std::size_t N>
BigInt polyval(const std::array<BigInt, N>& p, const BigInt& x) {
  BigInt r = p[0];
  for (std::size_t i = 1; i < N; ++i) r = floor_shr(r * x, kPrecision) + p[i];
  return r;
}

BigInt big(const U256& v) { return BigInt(v); }

[[noreturn]] void model_fail(std::string_view what) { throw ModelError("filecoin: " + std::string(what)); }

/// A BigInt known to be in [0, 2^256) as U256; `what` names it when it is not.
U256 to_u256(const BigInt& v, std::string_view what) {
  if (v < 0 || v > BigInt(std::numeric_limits<U256>::max())) {
    model_fail(std::string(what) + " leaves uint256: " + v.str());
  }
  return U256(v);
}

// ---- Constants::derive: series in Q.(128 + 64) -------------------------------------------------------------

constexpr unsigned kGuard = 64;
constexpr unsigned kWide = kPrecision + kGuard;

/// ln 2 = sum_{k >= 1} 1 / (k 2^k), each term floored in Q.kWide (at most kWide terms of error 1 ulp each).
BigInt ln2_wide() {
  const BigInt one = BigInt(1) << kWide;
  BigInt sum = 0;
  for (unsigned k = 1; k <= kWide; ++k) {
    BigInt divisor = k;  // a named value, not a temporary: GCC 12 -Wmaybe-uninitialized misfires on the latter
    divisor <<= k;
    sum += one / divisor;
  }
  return sum;
}

/// e^x - 1 = sum_{k >= 1} x^k / k! for 0 <= x <= 1 in Q.kWide (terms floored; they fall below 1 ulp fast).
BigInt expm1_wide(const BigInt& x) {
  BigInt term = x;
  BigInt sum = 0;
  for (unsigned k = 1; term > 0; ++k) {
    sum += term;
    term = (term * x) / ((BigInt(1) << kWide) * (k + 1));
  }
  return sum;
}

}  // namespace

Constants Constants::mainnet() {
  return {U256("37396271439864487274534522888786"), U256("37396273494747879394193016954629"),
          U256("340282591298641078465964189926313473653")};
}

Constants Constants::derive(sim::Time epoch_length, sim::Time half_life, sim::Time baseline_doubling) {
  if (epoch_length <= 0 || half_life < epoch_length || baseline_doubling < epoch_length) {
    throw ConfigError(
        "filecoin: expected 0 < epoch_length <= half_life and epoch_length <= baseline_doubling "
        "(seconds), got epoch_length " +
        std::to_string(epoch_length) + ", half_life " + std::to_string(half_life) + ", baseline_doubling " +
        std::to_string(baseline_doubling));
  }
  const BigInt ln2 = ln2_wide();
  const BigInt lambda = ln2 * epoch_length / half_life;          // < ln 2 <= 1
  const BigInt growth = ln2 * epoch_length / baseline_doubling;  // ln 2^(len / doubling) <= ln 2
  Constants c;
  c.lambda = U256(lambda >> kGuard);
  c.exp_lam_sub_one = U256(expm1_wide(lambda) >> kGuard);
  c.baseline_exponent = U256(((BigInt(1) << kWide) + expm1_wide(growth)) >> kGuard);
  return c;
}

BigInt expneg(const BigInt& x_q128) {
  const BigInt num = polyval(numerator(), x_q128);
  const BigInt den = polyval(denominator(), x_q128);
  if (den <= 0) model_fail("expneg: the denominator polynomial is not positive at x = " + x_q128.str() + " (Q.128)");
  return floor_div(num << kPrecision, den);
}

U256 baseline_power_from_prev(const U256& prev, const Constants& c) {
  return to_u256((big(prev) * big(c.baseline_exponent)) >> kPrecision, "the baseline power");
}

U256 baseline_power_after(const U256& start, std::int64_t epochs, const Constants& c) {
  if (epochs < 0) model_fail("baseline_power_after: expected epochs >= 0, got " + std::to_string(epochs));
  BigInt b = big(start);
  const BigInt e = big(c.baseline_exponent);
  for (std::int64_t i = 0; i < epochs; ++i) b = (b * e) >> kPrecision;
  return to_u256(b, "the baseline power");
}

U256 init_baseline_power(const U256& baseline_initial_value, const Constants& c) {
  const BigInt at_minus_one = (big(baseline_initial_value) << (2 * kPrecision)) / big(c.baseline_exponent);
  return to_u256(at_minus_one >> kPrecision, "the baseline power");
}

U256 compute_r_theta(std::int64_t effective_network_time, const U256& baseline_power_at_ent,
                     const U256& cumsum_realized, const U256& cumsum_baseline) {
  if (effective_network_time < 0) model_fail("compute_r_theta: expected effective_network_time >= 0");
  if (effective_network_time == 0) return U256(0);
  if (cumsum_realized > cumsum_baseline) {
    model_fail("compute_r_theta: expected cumsum_realized <= cumsum_baseline, got " + cumsum_realized.str() + " > " +
               cumsum_baseline.str());
  }
  if (baseline_power_at_ent == 0) model_fail("compute_r_theta: expected a positive baseline power");
  const BigInt diff = (big(cumsum_baseline - cumsum_realized) << kPrecision) / big(baseline_power_at_ent);
  const BigInt theta = (BigInt(effective_network_time) << kPrecision) - diff;
  return to_u256(theta, "theta");
}

BigInt compute_baseline_supply(const U256& theta_q128, const U256& baseline_total, const Constants& c) {
  const BigInt theta_lambda = (big(theta_q128) * big(c.lambda)) >> kPrecision;
  return big(baseline_total) * ((BigInt(1) << kPrecision) - expneg(theta_lambda));
}

U256 compute_reward(std::int64_t epoch, const U256& prev_theta, const U256& curr_theta, const U256& simple_total,
                    const U256& baseline_total, const Constants& c) {
  if (epoch < 0) model_fail("compute_reward: expected epoch >= 0, got " + std::to_string(epoch));
  if (curr_theta < prev_theta) {
    model_fail("compute_reward: expected curr_theta >= prev_theta, got " + curr_theta.str() + " < " + prev_theta.str());
  }
  const BigInt simple =
      floor_shr(big(simple_total) * big(c.exp_lam_sub_one) * expneg(BigInt(epoch) * big(c.lambda)), kPrecision);
  const BigInt baseline =
      compute_baseline_supply(curr_theta, baseline_total, c) - compute_baseline_supply(prev_theta, baseline_total, c);
  return to_u256(floor_shr(simple + baseline, kPrecision), "the reward");
}

RewardState::RewardState(const U256& initial_realized_power, const RewardParams& p) : p_(p) {
  const U256 limit = U256(1) << kPrecision;
  auto require_total = [&](const U256& v, std::string_view name) {
    if (v >= limit) {
      throw ConfigError("filecoin: expected " + std::string(name) + " < 2^128 attoFIL (" + limit.str() +
                        ", the largest total whose Q.128 supply fits uint256), got " + v.str());
    }
  };
  require_total(p.simple_total, "simple_total");
  require_total(p.baseline_total, "baseline_total");
  if (p.baseline_initial_value == 0) throw ConfigError("filecoin: expected baseline_initial_value > 0 bytes, got 0");
  if (p.constants.lambda == 0 || p.constants.exp_lam_sub_one == 0 || p.constants.baseline_exponent == 0) {
    throw ConfigError("filecoin: expected positive Q.128 constants (lambda, exp_lam_sub_one, baseline_exponent)");
  }
  effective_baseline_power_ = p.baseline_initial_value;
  this_epoch_baseline_power_ = init_baseline_power(p.baseline_initial_value, p.constants);
  advance(initial_realized_power);
}

void RewardState::step(const U256& realized_power) {
  ++epoch_;
  this_epoch_baseline_power_ = baseline_power_from_prev(this_epoch_baseline_power_, p_.constants);
  const U256& capped = realized_power < this_epoch_baseline_power_ ? realized_power : this_epoch_baseline_power_;
  cumsum_realized_ += capped;
  while (cumsum_realized_ > cumsum_baseline_) {
    ++effective_network_time_;
    effective_baseline_power_ = baseline_power_from_prev(effective_baseline_power_, p_.constants);
    cumsum_baseline_ += effective_baseline_power_;
  }
}

void RewardState::null_round(const U256& realized_power) { step(realized_power); }

const U256& RewardState::advance(const U256& realized_power) {
  const U256 prev_theta = theta();
  step(realized_power);
  this_epoch_reward_ = compute_reward(epoch_, prev_theta, theta(), p_.simple_total, p_.baseline_total, p_.constants);
  rewards_sum_ += this_epoch_reward_;
  return this_epoch_reward_;
}

U256 RewardState::theta() const {
  return compute_r_theta(effective_network_time_, effective_baseline_power_, cumsum_realized_, cumsum_baseline_);
}

}  // namespace toksim::models::filecoin
