// OpenZeppelin vesting formulas and toksim's TGE + linear / stepped allocation schedules.
#include "toksim/models/supply/vesting.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "toksim/sim/error.hpp"

namespace toksim::models {

namespace {

constexpr i128 kTimeMax = std::numeric_limits<sim::Time>::max();
constexpr i128 kTimeMin = std::numeric_limits<sim::Time>::min();

std::string n(i128 v) {
  // Times and amounts here fit int64 except sums we reject; print through long long after a range check.
  if (v > kTimeMax || v < kTimeMin) return v > 0 ? "(beyond int64)" : "(below int64)";
  return std::to_string(static_cast<long long>(v));
}

i128 floor_div128(i128 a, i128 b) {  // b > 0
  const i128 q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

i128 ceil_div128(i128 a, i128 b) {  // a >= 0, b > 0
  return (a + b - 1) / b;
}

void require_total(Tokens total, const char* what) {
  if (total.raw() < 0) {
    throw ConfigError(std::string("vesting: ") + what + ": expected a total >= 0, found " + n(total.raw()));
  }
}

/// The linear part with a cliff, as VestingWalletCliff over VestingWallet (arguments already checked).
i128 linear_with_cliff(i128 total, i128 start, i128 duration, i128 cliff, i128 t) {
  // total is an int64 amount here (a schedule's rest or an allocation).
  return vesting_detail::linear_with_cliff<std::int64_t, i128>(static_cast<std::int64_t>(total), start, duration, cliff,
                                                               t);
}

}  // namespace

namespace vesting_detail {

void require_linear(sim::Time start, sim::Time duration, sim::Time cliff, const char* what) {
  if (duration < 0) {
    throw ConfigError(std::string("vesting: ") + what + ": expected a duration >= 0 s, found " + n(duration));
  }
  if (cliff < 0) throw ConfigError(std::string("vesting: ") + what + ": expected a cliff >= 0 s, found " + n(cliff));
  if (cliff > duration) {
    throw ConfigError(std::string("vesting: ") + what + ": InvalidCliffDuration: expected a cliff <= the duration " +
                      n(duration) + " s, found " + n(cliff) + " s");
  }
  if (i128{start} + duration > kTimeMax) {
    throw ConfigError(std::string("vesting: ") + what + ": expected start + duration within int64 seconds, found " +
                      n(start) + " + " + n(duration));
  }
}

}  // namespace vesting_detail

Tokens oz_vested(Tokens total, sim::Time start, sim::Time duration, sim::Time t) {
  return Tokens(oz_vested_amount<std::int64_t, i128>(total.raw(), start, duration, 0, t, "oz_vested"));
}

Tokens oz_vested_with_cliff(Tokens total, sim::Time start, sim::Time duration, sim::Time cliff_seconds, sim::Time t) {
  return Tokens(
      oz_vested_amount<std::int64_t, i128>(total.raw(), start, duration, cliff_seconds, t, "oz_vested_with_cliff"));
}

VestingSchedule VestingSchedule::linear(Tokens total, sim::Time start, sim::Time duration, sim::Time cliff,
                                        Ppm tge_share) {
  require_total(total, "linear schedule");
  vesting_detail::require_linear(start, duration, cliff, "linear schedule");
  VestingSchedule s;
  s.curve_ = VestingCurve::Linear;
  s.total_ = total;
  s.tge_ = apply(total, tge_share, Round::Down);
  s.start_ = start;
  s.cliff_ = cliff;
  s.duration_ = duration;
  return s;
}

VestingSchedule VestingSchedule::stepped(Tokens total, sim::Time start, sim::Time cliff, std::int64_t steps,
                                         sim::Time period, Ppm tge_share) {
  require_total(total, "stepped schedule");
  if (cliff < 0) throw ConfigError("vesting: stepped schedule: expected a cliff >= 0 s, found " + n(cliff));
  if (steps < 1) throw ConfigError("vesting: stepped schedule: expected at least 1 step, found " + n(steps));
  if (period <= 0) throw ConfigError("vesting: stepped schedule: expected a period > 0 s, found " + n(period));
  // steps * period < 2^126, so the sum is exact in 128 bits.
  if (i128{start} + cliff + i128{steps} * period > kTimeMax) {
    throw ConfigError(
        "vesting: stepped schedule: expected start + cliff + steps * period within int64 seconds, "
        "found " +
        n(start) + " + " + n(cliff) + " + " + n(steps) + " * " + n(period));
  }
  VestingSchedule s;
  s.curve_ = VestingCurve::Steps;
  s.total_ = total;
  s.tge_ = apply(total, tge_share, Round::Down);
  s.start_ = start;
  s.cliff_ = cliff;
  s.steps_ = steps;
  s.period_ = period;
  s.step_ = Tokens(s.rest().raw() / steps);
  return s;
}

sim::Time VestingSchedule::end() const noexcept {
  if (curve_ == VestingCurve::Linear) return start_ + duration_;
  return static_cast<sim::Time>(i128{start_} + cliff_ + i128{steps_} * period_);  // checked at construction
}

Tokens VestingSchedule::rest_vested(sim::Time t) const {
  if (curve_ == VestingCurve::Linear) {
    return Tokens(static_cast<std::int64_t>(linear_with_cliff(rest().raw(), start_, duration_, cliff_, t)));
  }
  const i128 done = std::clamp<i128>(floor_div128(i128{t} - start_ - cliff_, period_), 0, steps_);
  return done == steps_ ? rest() : Tokens(static_cast<std::int64_t>(done * step_.raw()));
}

Tokens VestingSchedule::vested(sim::Time t) const {
  if (t < start_) return Tokens(0);
  return tge_ + rest_vested(t);
}

sim::Time VestingSchedule::next_release_time(sim::Time t) const {
  i128 best = kTimeMax + 1;  // "never"
  if (t < start_ && tge_.raw() > 0) best = start_;
  const i128 rest_units = rest().raw();
  if (rest_units > 0) {
    const i128 u = i128{t} - start_;  // time since start, may be negative
    if (curve_ == VestingCurve::Linear) {
      if (u < duration_) {  // otherwise everything already vested
        // cur: what has vested so far (0 before the cliff); the next increase is at the first u' > u past the
        // cliff with floor(rest * u' / d) >= cur + 1, i.e. u' >= ceil((cur + 1) * d / rest), or at d itself.
        const i128 cur = linear_with_cliff(rest_units, 0, duration_, cliff_, u);
        i128 next_u = std::max<i128>({u + 1, cliff_, ceil_div128((cur + 1) * duration_, rest_units)});
        next_u = std::min<i128>(next_u, duration_);
        best = std::min(best, i128{start_} + next_u);
      }
    } else {
      // Step k falls at start + cliff + k * period. With floor(rest / steps) == 0 only the last step releases.
      const i128 first_k = floor_div128(u - cliff_, period_) + 1;  // the first step strictly after t
      const i128 k = step_.raw() > 0 ? std::max<i128>(first_k, 1) : std::max<i128>(first_k, steps_);
      if (k <= steps_) best = std::min(best, i128{start_} + cliff_ + k * period_);
    }
  }
  return best > kTimeMax ? sim::kNever : static_cast<sim::Time>(best);
}

Tokens VestingWallet::releasable(sim::Time t) const {
  const Tokens v = schedule_.vested(t);
  if (v < released_) {
    throw ConfigError("vesting: releasable at t = " + n(t) + ": expected vested >= released " + n(released_.raw()) +
                      ", found vested " + n(v.raw()) + " (time went backwards)");
  }
  return v - released_;
}

Tokens VestingWallet::release(sim::Time t) {
  const Tokens amount = releasable(t);
  released_ += amount;
  return amount;
}

}  // namespace toksim::models
