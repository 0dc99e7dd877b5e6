// Token issuance schedules and the Filecoin / burn-and-mint minting rules (see issuance.hpp for the formulas,
// the rounding directions and the sources).
#include "toksim/models/supply/issuance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>
#include <type_traits>

namespace toksim::models {

namespace {

constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();

[[noreturn]] void config_fail(std::string_view who, std::string_view expected, const std::string& found) {
  throw ConfigError(std::string(who) + ": " + std::string(expected) + ", got " + found);
}

void require_epoch_length(std::string_view who, sim::Time len) {
  if (len <= 0) config_fail(who, "epoch_length must be > 0 seconds", std::to_string(len));
}

void require_non_negative(std::string_view who, std::string_view field, Tokens v) {
  if (v.raw() < 0) config_fail(who, std::string(field) + " must be >= 0 tokens", to_string(v));
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// ceil(total * 2^(-a) * g) with g = G / 2^63, G = g * 2^63 an exact integer clamped to [2^62, 2^63]:
/// the part of `total` not yet emitted after a + log2(1/g) half-lives (see ExponentialDecaySchedule).
std::int64_t decay_remaining(std::int64_t total, i128 a, double g) {
  if (total <= 0) return 0;
  constexpr u128 kLo = u128{1} << 62;
  constexpr u128 kHi = u128{1} << 63;
  u128 big_g;
  if (!(g > 0.5)) {  // also NaN
    big_g = kLo;
  } else if (g >= 1.0) {
    big_g = kHi;
  } else {
    // g in (0.5, 1): 53-bit mantissa with exponent -1, so g * 2^63 is an integer (a multiple of 2^10) < 2^63.
    big_g = static_cast<u128>(static_cast<std::uint64_t>(std::ldexp(g, 63)));
  }
  if (a >= 63) return 1;  // total * G < 2^126 <= 2^(63 + a): a positive fraction of one unit, rounded up
  const int shift = 63 + static_cast<int>(a);
  const u128 p = static_cast<u128>(total) * big_g;  // < 2^126
  const u128 q = (p + ((u128{1} << shift) - 1)) >> shift;
  return static_cast<std::int64_t>(q);
}

/// The value every "epochs <= 0" query returns.
constexpr Tokens kZero{};

}  // namespace

// ----------------------------------------------------------------------------------------- FixedSchedule

FixedSchedule::FixedSchedule(const Params& p) : p_(p) {
  constexpr std::string_view who = "FixedSchedule";
  require_epoch_length(who, p.epoch_length);
  require_non_negative(who, "per_epoch", p.per_epoch);
  if (p.end_epoch) {
    if (*p.end_epoch < 0) config_fail(who, "end_epoch must be >= 0 (or absent)", std::to_string(*p.end_epoch));
    if (i128{p.per_epoch.raw()} * *p.end_epoch > kI64Max) {
      config_fail(who, "per_epoch * end_epoch must fit int64 base units",
                  to_string(p.per_epoch) + " * " + std::to_string(*p.end_epoch));
    }
  }
}

Tokens FixedSchedule::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0 || (p_.end_epoch && epoch >= *p_.end_epoch)) return kZero;
  return p_.per_epoch;
}

Tokens FixedSchedule::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return kZero;
  const std::int64_t n = p_.end_epoch ? std::min(epochs, *p_.end_epoch) : epochs;
  return p_.per_epoch * n;
}

std::optional<Tokens> FixedSchedule::total() const {
  if (p_.end_epoch) return p_.per_epoch * *p_.end_epoch;
  if (p_.per_epoch.raw() == 0) return kZero;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------- LinearSchedule

LinearSchedule::LinearSchedule(const Params& p) : p_(p) {
  constexpr std::string_view who = "LinearSchedule";
  require_epoch_length(who, p.epoch_length);
  require_non_negative(who, "total", p.total);
  if (p.epochs < 1) config_fail(who, "epochs must be >= 1", std::to_string(p.epochs));
}

Tokens LinearSchedule::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return kZero;
  return Tokens(mul_div(p_.total.raw(), std::min(epochs, p_.epochs), p_.epochs, Round::Down));
}

Tokens LinearSchedule::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0 || epoch >= p_.epochs) return kZero;
  return cumulative(epoch + 1) - cumulative(epoch);
}

// --------------------------------------------------------------------------------------- HalvingSchedule

HalvingSchedule::HalvingSchedule(const Params& p) : p_(p) {
  constexpr std::string_view who = "HalvingSchedule";
  require_epoch_length(who, p.epoch_length);
  require_non_negative(who, "initial_reward", p.initial_reward);
  if (p.halving_interval < 1)
    config_fail(who, "halving_interval must be >= 1 epoch", std::to_string(p.halving_interval));
  // Era 0 alone must fit; then the 64 eras sum to < 2 * era 0 < 2^64, still checked below.
  const i128 era0 = i128{p.initial_reward.raw()} * p.halving_interval;
  i128 sum = 0;
  if (era0 <= kI64Max) {
    for (int k = 0; k < kMaxHalvings; ++k) sum += i128{p.halving_interval} * (p.initial_reward.raw() >> k);
  }
  if (era0 > kI64Max || sum > kI64Max) {
    config_fail(who, "total issuance (about 2 * initial_reward * halving_interval) must fit int64 base units",
                to_string(p.initial_reward) + " per epoch * " + std::to_string(p.halving_interval) + " epochs");
  }
  total_ = Tokens(static_cast<std::int64_t>(sum));
}

HalvingSchedule HalvingSchedule::halving_at_half_remaining(Tokens cap, Tokens initial_reward, sim::Time epoch_length) {
  constexpr std::string_view who = "HalvingSchedule::halving_at_half_remaining";
  if (initial_reward.raw() <= 0) config_fail(who, "initial_reward must be > 0", to_string(initial_reward));
  if (cap.raw() <= 0) config_fail(who, "cap must be > 0", to_string(cap));
  const i128 two_r = i128{2} * initial_reward.raw();
  if (i128{cap.raw()} % two_r != 0) {
    config_fail(who, "cap must be a whole multiple of 2 * initial_reward (whole epochs per era)",
                "cap " + to_string(cap) + ", initial_reward " + to_string(initial_reward));
  }
  const auto interval = static_cast<std::int64_t>(i128{cap.raw()} / two_r);
  return HalvingSchedule(Params{initial_reward, interval, epoch_length});
}

Tokens HalvingSchedule::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0) return kZero;
  const std::int64_t era = epoch / p_.halving_interval;
  if (era >= kMaxHalvings) return kZero;
  return Tokens(p_.initial_reward.raw() >> era);
}

Tokens HalvingSchedule::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return kZero;
  const std::int64_t eras = epochs / p_.halving_interval;
  const std::int64_t rest = epochs % p_.halving_interval;
  const std::int64_t full = std::min<std::int64_t>(eras, kMaxHalvings);
  i128 sum = 0;
  for (std::int64_t k = 0; k < full; ++k) sum += i128{p_.halving_interval} * (p_.initial_reward.raw() >> k);
  if (eras < kMaxHalvings) sum += i128{rest} * (p_.initial_reward.raw() >> eras);
  return Tokens(static_cast<std::int64_t>(sum));  // <= total_, checked at construction
}

// ------------------------------------------------------------------------------ ExponentialDecaySchedule

ExponentialDecaySchedule::ExponentialDecaySchedule(const Params& p) : p_(p) {
  constexpr std::string_view who = "ExponentialDecaySchedule";
  require_epoch_length(who, p.epoch_length);
  require_non_negative(who, "total", p.total);
  if (p.half_life <= 0) config_fail(who, "half_life must be > 0 seconds", std::to_string(p.half_life));
  if (p.half_life / p.epoch_length > kMaxHalfLifeEpochs) {
    config_fail(who, "half_life / epoch_length must be <= 2^40 epochs",
                std::to_string(p.half_life) + " s / " + std::to_string(p.epoch_length) + " s");
  }
}

Tokens ExponentialDecaySchedule::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return kZero;
  const i128 elapsed = i128{epochs} * p_.epoch_length;  // seconds, exact
  const i128 a = elapsed / p_.half_life;
  const auto r = static_cast<std::int64_t>(elapsed % p_.half_life);
  const double g = std::exp2(-static_cast<double>(r) / static_cast<double>(p_.half_life));
  return Tokens(p_.total.raw() - decay_remaining(p_.total.raw(), a, g));
}

Tokens ExponentialDecaySchedule::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0) return kZero;
  return cumulative(epoch + 1) - cumulative(epoch);
}

std::optional<Tokens> ExponentialDecaySchedule::total() const {
  return p_.total.raw() > 0 ? Tokens(p_.total.raw() - 1) : kZero;
}

Tokens decayed_cumulative(Tokens total, double half_lives) {
  if (total.raw() < 0) detail::throw_overflow("decayed_cumulative of a negative total");
  if (!(half_lives >= 0.0)) throw ModelError("decayed_cumulative: half_lives must be >= 0, got " + num(half_lives));
  if (half_lives >= 0x1p62) return Tokens(total.raw() - decay_remaining(total.raw(), 63, 1.0));  // also +inf
  const double whole = std::floor(half_lives);
  const double frac = half_lives - whole;  // exact
  const double g = std::exp2(-frac);
  return Tokens(total.raw() - decay_remaining(total.raw(), static_cast<i128>(whole), g));
}

// ------------------------------------------------------------------------------------- GeometricSchedule

GeometricSchedule::GeometricSchedule(const Params& p) : p_(p) {
  constexpr std::string_view who = "GeometricSchedule";
  require_epoch_length(who, p.epoch_length);
  require_non_negative(who, "first", p.first);
  require_non_negative(who, "cap", p.cap);
  if (p.ratio.raw() <= 0)
    config_fail(who, "ratio must be in (0, 1] (1..1,000,000 ppm)", std::to_string(p.ratio.raw()) + " ppm");
  if (p.periods < 1 || p.periods > kMaxPeriods) {
    config_fail(who, "periods must be in [1, 1,000,000]", std::to_string(p.periods));
  }
  if (p.epochs_per_period < 1) config_fail(who, "epochs_per_period must be >= 1", std::to_string(p.epochs_per_period));
  if (i128{p.periods} * p.epochs_per_period > kI64Max) {
    config_fail(who, "periods * epochs_per_period must fit int64",
                std::to_string(p.periods) + " * " + std::to_string(p.epochs_per_period));
  }
  prefix_.push_back(0);
  i128 term = p.first.raw();
  i128 sum = 0;
  const i128 cap = p.cap.raw();
  for (std::int64_t k = 0; k < p.periods && sum < cap && term > 0; ++k) {
    sum = std::min(sum + term, cap);
    prefix_.push_back(static_cast<std::int64_t>(sum));
    term = term * p.ratio.raw() / Ppm::kWhole;  // floor: non-negative operands
  }
}

Tokens GeometricSchedule::cumulative_periods(std::int64_t k) const {
  if (k <= 0) return kZero;
  const auto stored = static_cast<std::int64_t>(prefix_.size()) - 1;
  return Tokens(prefix_[static_cast<std::size_t>(std::min(k, stored))]);
}

Tokens GeometricSchedule::emitted_in_period(std::int64_t k) const {
  if (k < 0) return kZero;
  return cumulative_periods(k + 1) - cumulative_periods(k);
}

Tokens GeometricSchedule::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return kZero;
  const std::int64_t k = epochs / p_.epochs_per_period;
  const std::int64_t j = epochs % p_.epochs_per_period;
  const auto stored = static_cast<std::int64_t>(prefix_.size()) - 1;
  if (k >= stored) return Tokens(prefix_.back());
  const std::int64_t base = prefix_[static_cast<std::size_t>(k)];
  const std::int64_t period = prefix_[static_cast<std::size_t>(k + 1)] - base;
  return Tokens(base + mul_div(period, j, p_.epochs_per_period, Round::Down));
}

Tokens GeometricSchedule::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0) return kZero;
  return cumulative(epoch + 1) - cumulative(epoch);
}

// ------------------------------------------------------------------------------------ IssuanceSchedule

Tokens emitted_in_epoch(const IssuanceSchedule& s, std::int64_t epoch) {
  return std::visit([epoch](const auto& x) { return x.emitted_in_epoch(epoch); }, s);
}
Tokens cumulative(const IssuanceSchedule& s, std::int64_t epochs) {
  return std::visit([epochs](const auto& x) { return x.cumulative(epochs); }, s);
}
Tokens emitted_in_range(const IssuanceSchedule& s, std::int64_t begin, std::int64_t end) {
  if (end <= begin) return kZero;
  return cumulative(s, end) - cumulative(s, begin);
}
std::string_view name(const IssuanceSchedule& s) {
  return std::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::schedule_name(); }, s);
}
sim::Time epoch_length(const IssuanceSchedule& s) {
  return std::visit([](const auto& x) { return x.epoch_length(); }, s);
}
std::int64_t epoch_at(const IssuanceSchedule& s, sim::Time t) {
  return std::visit([t](const auto& x) { return x.epoch_at(t); }, s);
}
std::optional<Tokens> total(const IssuanceSchedule& s) {
  return std::visit([](const auto& x) { return x.total(); }, s);
}

// -------------------------------------------------------------------------------------- FilecoinMinting

namespace {
const FilecoinParams& validated(const FilecoinParams& p) {
  constexpr std::string_view who = "FilecoinMinting";
  require_non_negative(who, "simple_total", p.simple_total);
  require_non_negative(who, "baseline_total", p.baseline_total);
  require_epoch_length(who, p.epoch_length);
  if (p.half_life <= 0) config_fail(who, "half_life must be > 0 seconds", std::to_string(p.half_life));
  if (p.half_life / p.epoch_length > ExponentialDecaySchedule::kMaxHalfLifeEpochs) {
    config_fail(who, "half_life / epoch_length must be <= 2^40 epochs",
                std::to_string(p.half_life) + " s / " + std::to_string(p.epoch_length) + " s");
  }
  if (p.baseline_doubling <= 0) {
    config_fail(who, "baseline_doubling must be > 0 seconds", std::to_string(p.baseline_doubling));
  }
  if (!(p.baseline_initial_bytes > 0.0) || !std::isfinite(p.baseline_initial_bytes)) {
    config_fail(who, "baseline_initial_bytes must be a positive finite number of bytes", num(p.baseline_initial_bytes));
  }
  return p;
}

void require_power(double raw_byte_power) {
  if (!(raw_byte_power >= 0.0)) {
    throw ModelError("FilecoinMinting: raw_byte_power must be >= 0 bytes (or +inf), got " + num(raw_byte_power));
  }
}
}  // namespace

FilecoinMinting::FilecoinMinting(const FilecoinParams& p)
    : p_(validated(p)),
      simple_(ExponentialDecaySchedule::Params{p.simple_total, p.half_life, p.epoch_length}),
      g_(std::numbers::ln2 * (static_cast<double>(p.epoch_length) / static_cast<double>(p.baseline_doubling))),
      rho_m1_(std::expm1(g_)) {}

double FilecoinMinting::baseline_power(std::int64_t epoch) const {
  return p_.baseline_initial_bytes * std::exp2(static_cast<double>(epoch) * static_cast<double>(p_.epoch_length) /
                                               static_cast<double>(p_.baseline_doubling));
}

double FilecoinMinting::theta_for(double capped_power_sum) const {
  return std::log1p(rho_m1_ * capped_power_sum / p_.baseline_initial_bytes) / g_;
}

Tokens FilecoinMinting::baseline_cumulative(double theta_epochs) const {
  if (!(theta_epochs >= 0.0)) {
    throw ModelError("FilecoinMinting: effective network time must be >= 0 epochs, got " + num(theta_epochs));
  }
  const double half_lives = theta_epochs * static_cast<double>(p_.epoch_length) / static_cast<double>(p_.half_life);
  return decayed_cumulative(p_.baseline_total, half_lives);
}

void FilecoinMinting::add_to_power_sum(double x) {
  // Neumaier's compensated sum: R_sum = r_sum_ + r_comp_ stays within a few ulps of the exact sum over
  // millions of epochs (a plain sum drifts by ~n ulps, which moves theta, and M_B, visibly).
  const double t = r_sum_ + x;
  if (!std::isfinite(t)) {
    r_sum_ = t;
    r_comp_ = 0.0;
    return;
  }
  if (std::fabs(r_sum_) >= std::fabs(x)) {
    r_comp_ += (r_sum_ - t) + x;
  } else {
    r_comp_ += (x - t) + r_sum_;
  }
  r_sum_ = t;
}

Tokens FilecoinMinting::advance_to(std::int64_t new_epoch) {
  const double theta = theta_for(capped_power_sum());
  const Tokens simple = simple_.cumulative(new_epoch);
  const Tokens baseline = std::max(baseline_minted_, baseline_cumulative(theta));
  const Tokens reward = (simple - simple_minted_) + (baseline - baseline_minted_);
  epoch_ = new_epoch;
  theta_ = theta;
  simple_minted_ = simple;
  baseline_minted_ = baseline;
  return reward;
}

Tokens FilecoinMinting::reward_for_epoch(double raw_byte_power) {
  require_power(raw_byte_power);
  if (epoch_ == kI64Max) throw ModelError("FilecoinMinting: epoch counter overflow");
  add_to_power_sum(std::min(raw_byte_power, baseline_power(epoch_)));
  return advance_to(epoch_ + 1);
}

Tokens FilecoinMinting::reward_for_epochs(std::int64_t count, double raw_byte_power) {
  require_power(raw_byte_power);
  if (count < 0) throw ModelError("FilecoinMinting: epoch count must be >= 0, got " + std::to_string(count));
  if (count == 0) return kZero;
  if (count > kI64Max - epoch_) throw ModelError("FilecoinMinting: epoch counter overflow");
  const std::int64_t t0 = epoch_;
  const std::int64_t t1 = epoch_ + count;
  // sum_{t0 <= tau < t} b(tau) = b(t0) * (e^{g (t - t0)} - 1) / (e^g - 1)
  const auto baseline_sum = [&](std::int64_t t) {
    return baseline_power(t0) * std::expm1(g_ * static_cast<double>(t - t0)) / rho_m1_;
  };
  double add = 0.0;
  if (raw_byte_power >= baseline_power(t1 - 1)) {
    add = baseline_sum(t1);  // capped at the baseline throughout (b grows)
  } else if (raw_byte_power < baseline_power(t0)) {
    add = raw_byte_power * static_cast<double>(count);  // never reaches the baseline
  } else {
    // b(t0) <= R < b(t1 - 1): the first tau with b(tau) > R is in (t0, t1 - 1].
    const double est = std::floor(std::log2(raw_byte_power / p_.baseline_initial_bytes) *
                                  static_cast<double>(p_.baseline_doubling) / static_cast<double>(p_.epoch_length)) +
                       1.0;
    std::int64_t tc = t1 - 1;
    if (est > static_cast<double>(t0) && est < static_cast<double>(t1 - 1)) tc = static_cast<std::int64_t>(est);
    if (tc <= t0) tc = t0 + 1;
    while (tc > t0 + 1 && baseline_power(tc - 1) > raw_byte_power) --tc;
    while (tc < t1 - 1 && baseline_power(tc) <= raw_byte_power) ++tc;
    add = baseline_sum(tc) + raw_byte_power * static_cast<double>(t1 - tc);
  }
  add_to_power_sum(add);
  return advance_to(t1);
}

// ------------------------------------------------------------------------------------------ BurnAndMint

std::string_view net_emissions_name(NetEmissions m) {
  switch (m) {
    case NetEmissions::HeliumHip20:
      return "helium_hip20";
    case NetEmissions::HeliumSmoothed:
      return "helium_smoothed";
    case NetEmissions::Render:
      return "render";
  }
  return "unknown";
}

BurnAndMint::BurnAndMint(const BurnAndMintParams& p) : p_(p), target_(p.initial_target) {
  constexpr std::string_view who = "BurnAndMint";
  require_non_negative(who, "cap_per_epoch", p.cap_per_epoch);
  if (p.initial_target.raw() < 0) {
    config_fail(who, "initial_target must be >= 0 tokens", to_string(p.initial_target));
  }
  switch (p.mode) {
    case NetEmissions::HeliumHip20:
    case NetEmissions::HeliumSmoothed:
    case NetEmissions::Render:
      break;
    default:
      config_fail(who, "mode must be helium_hip20, helium_smoothed or render",
                  std::to_string(static_cast<int>(p.mode)));
  }
}

Tokens BurnAndMint::mint_for_epoch(Tokens scheduled, Tokens burned) {
  if (scheduled.raw() < 0 || burned.raw() < 0) {
    throw ModelError("BurnAndMint: scheduled and burned must be >= 0 tokens, got scheduled " + to_string(scheduled) +
                     ", burned " + to_string(burned));
  }
  Tokens remint{};
  Tokens target = target_;
  switch (p_.mode) {
    case NetEmissions::HeliumHip20:
      remint = std::min(burned, p_.cap_per_epoch);
      break;
    case NetEmissions::HeliumSmoothed: {
      // helium-program-library calculate_utility_score_v0: (7 - 1) * prev / 7 + burned / 7, two floors, stored
      // uncapped; the cap applies to the re-mint only.
      const i128 smoothed = i128{6} * target_.raw() / 7 + i128{burned.raw()} / 7;  // floors: non-negative
      if (smoothed > std::numeric_limits<std::int64_t>::max()) {
        throw MoneyError("BurnAndMint: the smoothed burn leaves int64");
      }
      target = Tokens(static_cast<std::int64_t>(smoothed));
      remint = std::min(target, p_.cap_per_epoch);
      break;
    }
    case NetEmissions::Render:
      break;
  }
  // Compute every new total first (each may throw MoneyError), then commit.
  const Tokens minted = scheduled + remint;
  const Tokens scheduled_total = scheduled_ + scheduled;
  const Tokens reminted_total = reminted_ + remint;
  const Tokens burned_total = burned_ + burned;
  (void)(scheduled_total + reminted_total);  // total_minted() must stay representable
  if (epochs_ == kI64Max) throw ModelError("BurnAndMint: epoch counter overflow");
  scheduled_ = scheduled_total;
  reminted_ = reminted_total;
  burned_ = burned_total;
  target_ = target;
  last_reminted_ = remint;
  ++epochs_;
  return minted;
}

IssuanceSchedule make_emission_schedule(EmissionCurve curve, Tokens total, sim::Time period, sim::Time window) {
  if (window <= 0 || period <= 0 || period % window != 0) {
    throw ConfigError("emission schedule: expected a period of whole windows, got " + std::to_string(period) +
                      " s for a window of " + std::to_string(window) + " s");
  }
  const std::int64_t interval = period / window;
  switch (curve) {
    case EmissionCurve::Halving:
      return HalvingSchedule({Tokens(total.raw() / (2 * interval)), interval, window});
    case EmissionCurve::ExponentialDecay:
      return ExponentialDecaySchedule({total, period, window});
    case EmissionCurve::Linear:
      return LinearSchedule({total, interval, window});
  }
  throw ConfigError("emission schedule: unknown curve");
}

}  // namespace toksim::models
