// Token vesting: the linear schedule of OpenZeppelin VestingWallet and the cliff of VestingWalletCliff
// (OpenZeppelin/openzeppelin-contracts: contracts/finance/VestingWallet.sol, VestingWalletCliff.sol), exactly,
// plus toksim's allocation schedule: a TGE share released at start, then OZ-linear or equal periodic steps.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// VestingWallet._vestingSchedule: 0 if t < start; total if t >= start + duration; otherwise
/// floor(total * (t - start) / duration). For duration > 0 this is OZ exactly (OZ tests `t > end` and lets
/// the formula give total at t == end). duration == 0 unlocks everything at start (OZ would divide by zero
/// at t == start).
/// @throws ConfigError for total < 0, duration < 0, or start + duration beyond the int64 range.
Tokens oz_vested(Tokens total, sim::Time start, sim::Time duration, sim::Time t);

/// VestingWalletCliff: 0 if t < start + cliff_seconds, else oz_vested(...) (a jump to
/// floor(total * cliff / duration) at the cliff).
/// @throws ConfigError as oz_vested, and for cliff_seconds < 0 or cliff_seconds > duration (OZ's
///         InvalidCliffDuration).
Tokens oz_vested_with_cliff(Tokens total, sim::Time start, sim::Time duration, sim::Time cliff_seconds, sim::Time t);

namespace vesting_detail {

/// The argument checks of the linear formulas: duration >= 0, 0 <= cliff <= duration (InvalidCliffDuration),
/// start + duration within int64. @throws ConfigError whose message names `what`.
void require_linear(sim::Time start, sim::Time duration, sim::Time cliff, const char* what);

/// VestingWalletCliff over VestingWallet._vestingSchedule on any integer amount type (arguments already
/// checked): 0 if t < start + cliff (so also before start); total if t >= start + duration; otherwise
/// total * (t - start) / duration, the product in Wide. Times are 128-bit so that callers may pass shifted
/// times (t - start) without overflow. Wide = i128 for int64 amounts never overflows; Wide = uint256 (checked)
/// for uint256 amounts overflows exactly where the contract's checked `totalAllocation * (timestamp - start())`
/// does, which panics there (Panic 0x11) and throws MoneyError here.
template <class Int, class Wide>
Int linear_with_cliff(const Int& total, i128 start, i128 duration, i128 cliff, i128 t) {
  if (t < start + cliff) return Int(0);
  if (t >= start + duration) return total;
  // duration > 0 here, and 0 <= t - start < duration <= int64 max.
  const auto elapsed = static_cast<std::int64_t>(t - start);
  Wide product(0);
  try {
    product = Wide(total) * Wide(elapsed);
  } catch (const std::overflow_error&) {
    throw MoneyError("vesting: vestedAmount: Panic(0x11): totalAllocation " + detail::int_text(total) + " * " +
                     std::to_string(elapsed) + " s since start overflows");
  }
  return static_cast<Int>(Wide(product / Wide(static_cast<std::int64_t>(duration))));
}

}  // namespace vesting_detail

/// oz_vested_with_cliff on any integer amount type (cliff_seconds 0: oz_vested): what oz_vested and
/// oz_vested_with_cliff compute for Tokens (Int = int64, Wide = i128) and the Python bindings for OpenZeppelin's
/// uint256 allocations (Int = Wide = Boost's checked_uint256_t). `what` names the caller in messages.
/// @throws ConfigError as oz_vested_with_cliff (a negative total, a bad duration or cliff); MoneyError when
///         total * (t - start) overflows Wide.
template <class Int, class Wide>
Int oz_vested_amount(const Int& total, sim::Time start, sim::Time duration, sim::Time cliff_seconds, sim::Time t,
                     const char* what = "oz_vested_with_cliff") {
  if (total < 0) {
    throw ConfigError(std::string("vesting: ") + what + ": expected a total >= 0, found " + detail::int_text(total));
  }
  vesting_detail::require_linear(start, duration, cliff_seconds, what);
  return vesting_detail::linear_with_cliff<Int, Wide>(total, start, duration, cliff_seconds, t);
}

enum class VestingCurve {
  Linear,  ///< OZ-linear from start over `duration`, nothing before start + cliff (VestingWalletCliff)
  Steps,   ///< `steps` equal releases, one every `period`, the first one period after start + cliff
};

/// An allocation's schedule, immutable. total = tge + rest, where tge = floor(total * tge_share / 1e6) is
/// released at `start` (whatever the cliff) and rest follows the curve:
///  - Linear: rest vests as oz_vested_with_cliff(rest, start, duration, cliff, t).
///  - Steps: step k (k = 1..steps) falls at start + cliff + k * period and releases floor(rest / steps); the
///    last step releases rest - (steps - 1) * floor(rest / steps), so the steps sum to rest exactly.
/// vested() is non-decreasing in t, 0 before start and total from end() on.
class VestingSchedule {
 public:
  /// @throws ConfigError for total < 0, duration < 0, cliff < 0, cliff > duration, or an end beyond int64.
  static VestingSchedule linear(Tokens total, sim::Time start, sim::Time duration, sim::Time cliff = 0,
                                Ppm tge_share = Ppm(0));
  /// Steps every `period` (kMonth = 30 days for monthly_steps).
  /// @throws ConfigError for total < 0, cliff < 0, steps < 1, period <= 0, or an end beyond int64.
  static VestingSchedule stepped(Tokens total, sim::Time start, sim::Time cliff, std::int64_t steps, sim::Time period,
                                 Ppm tge_share = Ppm(0));
  static VestingSchedule monthly_steps(Tokens total, sim::Time start, sim::Time cliff, std::int64_t steps,
                                       Ppm tge_share = Ppm(0)) {
    return stepped(total, start, cliff, steps, sim::kMonth, tge_share);
  }

  /// The amount vested by time t (inclusive: a release falling at t is vested at t).
  Tokens vested(sim::Time t) const;

  /// The least t' > t with vested(t') > vested(t), or sim::kNever once nothing more will vest. Exact for both
  /// curves: for Steps the next step with a non-zero release; for Linear inside the linear span the first
  /// second where the floored formula steps up, which is t + 1 whenever rest >= duration (at least one base
  /// unit a second) and later when rest vests slower than that. A simulation schedules a wake-up there
  /// (or at its own release cadence) instead of polling every second.
  sim::Time next_release_time(sim::Time t) const;

  VestingCurve curve() const noexcept { return curve_; }
  Tokens total() const noexcept { return total_; }
  Tokens tge_amount() const noexcept { return tge_; }
  Tokens rest() const noexcept { return total_ - tge_; }
  sim::Time start() const noexcept { return start_; }
  sim::Time cliff() const noexcept { return cliff_; }        ///< seconds after start
  sim::Time duration() const noexcept { return duration_; }  ///< Linear only (0 for Steps)
  std::int64_t steps() const noexcept { return steps_; }     ///< Steps only (0 for Linear)
  sim::Time period() const noexcept { return period_; }      ///< Steps only (0 for Linear)
  /// Steps only: floor(rest / steps), the release of every step but the last (0 for Linear).
  Tokens step_amount() const noexcept { return step_; }
  /// Steps only: the last step's release, which takes the remainder (0 for Linear).
  Tokens last_step_amount() const noexcept { return steps_ > 0 ? rest() - step_ * (steps_ - 1) : Tokens(0); }
  /// The time from which vested() == total(): start + duration (Linear) or start + cliff + steps * period.
  sim::Time end() const noexcept;

 private:
  VestingSchedule() = default;
  Tokens rest_vested(sim::Time t) const;

  VestingCurve curve_ = VestingCurve::Linear;
  Tokens total_{0};
  Tokens tge_{0};
  Tokens step_{0};
  sim::Time start_ = 0;
  sim::Time cliff_ = 0;
  sim::Time duration_ = 0;
  std::int64_t steps_ = 0;
  sim::Time period_ = 0;
};

/// A beneficiary's wallet on a schedule, as VestingWallet: releasable(t) = vested(t) - released;
/// release(t) pays that out and records it. Time should not go backwards between releases.
class VestingWallet {
 public:
  explicit VestingWallet(VestingSchedule schedule) : schedule_(schedule) {}

  const VestingSchedule& schedule() const noexcept { return schedule_; }
  Tokens vested(sim::Time t) const { return schedule_.vested(t); }
  Tokens released() const noexcept { return released_; }
  /// @throws ConfigError when vested(t) < released() (t before a time already released at).
  Tokens releasable(sim::Time t) const;
  /// Releases releasable(t) (possibly 0) and returns it. @throws ConfigError as releasable.
  Tokens release(sim::Time t);
  /// The schedule's next_release_time(t).
  sim::Time next_release_time(sim::Time t) const { return schedule_.next_release_time(t); }

 private:
  VestingSchedule schedule_;
  Tokens released_{0};
};

}  // namespace toksim::models
