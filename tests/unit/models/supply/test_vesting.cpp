// Pins the OpenZeppelin VestingWallet / VestingWalletCliff formulas on hand-derived values (before start, at
// start, inside the span, one second before and at the end, the jump at the cliff, floors), the TGE share,
// equal monthly steps whose sum is exactly the total, next_release_time for every branch (checked against a
// second-by-second scan on small schedules), and the wallet's release bookkeeping. Leaves out OZ's
// "total = balance + released" (toksim allocations are fixed amounts, never topped up) and ownership.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>

#include "toksim/models/supply/vesting.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;
using toksim::sim::kMonth;
using toksim::sim::kNever;
using toksim::sim::Time;

namespace {
std::int64_t draw(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

// The least t' > t with a larger vested amount, by scanning every second up to the end.
Time scan_next(const VestingSchedule& s, Time t) {
  const Tokens now = s.vested(t);
  for (Time u = t + 1; u <= s.end(); ++u) {
    if (s.vested(u) > now) return u;
  }
  return kNever;
}
}  // namespace

TEST_CASE("models::vesting: OZ linear boundaries and floors", "[models][vesting]") {
  // total 1,000,000, start 1000, duration 100: floor(1e6 * (t - 1000) / 100) = 10,000 per second.
  const Tokens total(1'000'000);
  CHECK(oz_vested(total, 1000, 100, 0) == Tokens(0));
  CHECK(oz_vested(total, 1000, 100, 999) == Tokens(0));   // one second before start
  CHECK(oz_vested(total, 1000, 100, 1000) == Tokens(0));  // at start: 1e6 * 0 / 100
  CHECK(oz_vested(total, 1000, 100, 1001) == Tokens(10'000));
  CHECK(oz_vested(total, 1000, 100, 1049) == Tokens(490'000));
  CHECK(oz_vested(total, 1000, 100, 1099) == Tokens(990'000));  // one second before the end
  CHECK(oz_vested(total, 1000, 100, 1100) == total);            // at the end
  CHECK(oz_vested(total, 1000, 100, 1'000'000) == total);
  // Floors: total 1000 over 3 s: 333.3 -> 333, 666.6 -> 666, then 1000 at the end.
  CHECK(oz_vested(Tokens(1000), 0, 3, 1) == Tokens(333));
  CHECK(oz_vested(Tokens(1000), 0, 3, 2) == Tokens(666));
  CHECK(oz_vested(Tokens(1000), 0, 3, 3) == Tokens(1000));
  // total 10 over 100 s: 9 * 10 / 100 = 0.9 -> 0; 10 s -> 1; 99 s -> 9.9 -> 9; 100 s -> 10.
  CHECK(oz_vested(Tokens(10), 0, 100, 9) == Tokens(0));
  CHECK(oz_vested(Tokens(10), 0, 100, 10) == Tokens(1));
  CHECK(oz_vested(Tokens(10), 0, 100, 99) == Tokens(9));
  CHECK(oz_vested(Tokens(10), 0, 100, 100) == Tokens(10));
  // Negative start times are ordinary (Time is signed).
  CHECK(oz_vested(Tokens(100), -50, 100, 0) == Tokens(50));
  // Duration 0: everything at start.
  CHECK(oz_vested(total, 5, 0, 4) == Tokens(0));
  CHECK(oz_vested(total, 5, 0, 5) == total);
  // A large total times a long span stays exact: 2^62 over 4 years, half-way: exactly 2^61.
  const Tokens big(std::int64_t{1} << 62);
  CHECK(oz_vested(big, 0, 4 * toksim::sim::kYear, 2 * toksim::sim::kYear) == Tokens(std::int64_t{1} << 61));
}

TEST_CASE("models::vesting: OZ cliff jumps to the linear value", "[models][vesting]") {
  // total 1,200,000 over 12 months (31,104,000 s) with a 3-month cliff (7,776,000 s).
  const Tokens total(1'200'000);
  const Time d = 12 * kMonth, c = 3 * kMonth;
  CHECK(oz_vested_with_cliff(total, 0, d, c, c - 1) == Tokens(0));        // one second before the cliff
  CHECK(oz_vested_with_cliff(total, 0, d, c, c) == Tokens(300'000));      // 1.2e6 * 3 / 12
  CHECK(oz_vested_with_cliff(total, 0, d, c, c + 1) == Tokens(300'000));  // 300,000.0386 -> 300,000
  CHECK(oz_vested_with_cliff(total, 0, d, c, 6 * kMonth) == Tokens(600'000));
  CHECK(oz_vested_with_cliff(total, 0, d, c, d - 1) == Tokens(1'199'999));  // 1,199,999.96 -> 1,199,999
  CHECK(oz_vested_with_cliff(total, 0, d, c, d) == total);
  // A cliff equal to the duration: nothing, then everything.
  CHECK(oz_vested_with_cliff(total, 0, d, d, d - 1) == Tokens(0));
  CHECK(oz_vested_with_cliff(total, 0, d, d, d) == total);
  // A zero cliff is plain VestingWallet.
  CHECK(oz_vested_with_cliff(total, 0, d, 0, c + 1) == oz_vested(total, 0, d, c + 1));
}

TEST_CASE("models::vesting: invalid arguments name what was expected", "[models][vesting]") {
  CHECK_THROWS_AS(oz_vested_with_cliff(Tokens(1), 0, 100, 101, 0), toksim::ConfigError);
  CHECK_THROWS_WITH(oz_vested_with_cliff(Tokens(1), 0, 100, 101, 0),
                    Catch::Contains("InvalidCliffDuration") && Catch::Contains("found 101"));
  CHECK_THROWS_AS(oz_vested(Tokens(-1), 0, 100, 0), toksim::ConfigError);
  CHECK_THROWS_AS(oz_vested(Tokens(1), 0, -1, 0), toksim::ConfigError);
  CHECK_THROWS_AS(oz_vested(Tokens(1), kNever - 5, 10, 0), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::linear(Tokens(1), 0, 100, 101), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::linear(Tokens(1), 0, 100, -1), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::monthly_steps(Tokens(1), 0, 0, 0), toksim::ConfigError);
  CHECK_THROWS_WITH(VestingSchedule::monthly_steps(Tokens(1), 0, 0, 0), Catch::Contains("found 0"));
  CHECK_THROWS_AS(VestingSchedule::monthly_steps(Tokens(1), 0, -1, 3), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::stepped(Tokens(1), 0, 0, 3, 0), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::stepped(Tokens(1), 0, 0, std::int64_t{1} << 42, kMonth), toksim::ConfigError);
  CHECK_THROWS_AS(VestingSchedule::stepped(Tokens(-5), 0, 0, 3, kMonth), toksim::ConfigError);
}

TEST_CASE("models::vesting: TGE share then monthly steps", "[models][vesting]") {
  // total 1,000,003 with 10% at TGE: floor(100,000.3) = 100,000; rest 900,003 in 4 steps: floor(900,003 / 4)
  // = 225,000 each, the last 900,003 - 3 * 225,000 = 225,003. Start 100, cliff 6 months: steps at start + 7,
  // 8, 9 and 10 months.
  const Time start = 100;
  const auto s = VestingSchedule::monthly_steps(Tokens(1'000'003), start, 6 * kMonth, 4, Ppm(100'000));
  CHECK(s.curve() == VestingCurve::Steps);
  CHECK(s.tge_amount() == Tokens(100'000));
  CHECK(s.rest() == Tokens(900'003));
  CHECK(s.step_amount() == Tokens(225'000));
  CHECK(s.last_step_amount() == Tokens(225'003));
  CHECK(s.end() == start + 10 * kMonth);
  CHECK(s.vested(start - 1) == Tokens(0));
  CHECK(s.vested(start) == Tokens(100'000));                   // TGE at start, whatever the cliff
  CHECK(s.vested(start + 6 * kMonth) == Tokens(100'000));      // at the cliff: no step yet
  CHECK(s.vested(start + 7 * kMonth - 1) == Tokens(100'000));  // one second before step 1
  CHECK(s.vested(start + 7 * kMonth) == Tokens(325'000));      // step 1
  CHECK(s.vested(start + 8 * kMonth) == Tokens(550'000));      // step 2
  CHECK(s.vested(start + 9 * kMonth) == Tokens(775'000));      // step 3
  CHECK(s.vested(start + 10 * kMonth - 1) == Tokens(775'000));
  CHECK(s.vested(start + 10 * kMonth) == Tokens(1'000'003));  // step 4 takes the remainder
  CHECK(s.vested(start + 100 * kMonth) == Tokens(1'000'003));
  // next_release_time walks TGE, then each step, then never.
  CHECK(s.next_release_time(0) == start);
  CHECK(s.next_release_time(start) == start + 7 * kMonth);
  CHECK(s.next_release_time(start + 7 * kMonth - 1) == start + 7 * kMonth);
  CHECK(s.next_release_time(start + 7 * kMonth) == start + 8 * kMonth);
  CHECK(s.next_release_time(start + 9 * kMonth + 5) == start + 10 * kMonth);
  CHECK(s.next_release_time(start + 10 * kMonth) == kNever);
}

TEST_CASE("models::vesting: steps without a cliff and with less rest than steps", "[models][vesting]") {
  // No cliff, 3 steps of 1,000,000 / 3 = 333,333, the last 333,334, at 1, 2 and 3 months.
  const auto s = VestingSchedule::monthly_steps(Tokens(1'000'000), 0, 0, 3);
  CHECK(s.vested(0) == Tokens(0));
  CHECK(s.next_release_time(0) == kMonth);
  CHECK(s.vested(kMonth) == Tokens(333'333));
  CHECK(s.vested(2 * kMonth) == Tokens(666'666));
  CHECK(s.vested(3 * kMonth) == Tokens(1'000'000));
  // total 3 in 5 steps: floor(3 / 5) = 0 for steps 1-4, the last takes 3; the next release skips empty steps.
  const auto tiny = VestingSchedule::monthly_steps(Tokens(3), 0, kMonth, 5);
  CHECK(tiny.vested(5 * kMonth) == Tokens(0));
  CHECK(tiny.next_release_time(0) == 6 * kMonth);
  CHECK(tiny.next_release_time(3 * kMonth) == 6 * kMonth);
  CHECK(tiny.vested(6 * kMonth) == Tokens(3));
  CHECK(tiny.next_release_time(6 * kMonth) == kNever);
  // A weekly period.
  const auto weekly = VestingSchedule::stepped(Tokens(700), 0, 0, 7, toksim::sim::kWeek);
  CHECK(weekly.vested(3 * toksim::sim::kWeek) == Tokens(300));
  CHECK(weekly.end() == 7 * toksim::sim::kWeek);
  // Nothing to vest: never.
  CHECK(VestingSchedule::monthly_steps(Tokens(0), 0, 0, 3).next_release_time(-10) == kNever);
}

TEST_CASE("models::vesting: the steps always sum to the total", "[models][vesting]") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 2'000; ++i) {
    const Tokens total(draw(rng, 0, draw(rng, 0, 1) == 0 ? 100 : std::int64_t{1} << 60));
    const std::int64_t n = draw(rng, 1, 48);
    const Ppm tge(draw(rng, 0, 1'000'000));
    const Time start = draw(rng, -kMonth, kMonth), cliff = draw(rng, 0, 12) * kMonth;
    const auto s = VestingSchedule::monthly_steps(total, start, cliff, n, tge);
    Tokens sum = s.vested(start);
    REQUIRE(sum == s.tge_amount());
    Tokens prev = sum;
    for (std::int64_t k = 1; k <= n; ++k) {
      const Time at = start + cliff + k * kMonth;
      REQUIRE(s.vested(at - 1) == prev);
      const Tokens step = s.vested(at) - prev;
      REQUIRE(step == (k < n ? s.step_amount() : s.last_step_amount()));
      REQUIRE(step >= Tokens(0));
      sum += step;
      prev = s.vested(at);
    }
    REQUIRE(sum == total);
    REQUIRE(s.vested(s.end()) == total);
    // The last step exceeds the others by less than n units: rest mod n.
    REQUIRE(s.last_step_amount() - s.step_amount() == Tokens(s.rest().raw() % n));
  }
}

TEST_CASE("models::vesting: TGE share with the linear curve", "[models][vesting]") {
  // total 1,000,000, 10% at TGE = 100,000; rest 900,000 over 100 s from start 1000 with a 20 s cliff.
  const auto s = VestingSchedule::linear(Tokens(1'000'000), 1000, 100, 20, Ppm(100'000));
  CHECK(s.vested(999) == Tokens(0));
  CHECK(s.vested(1000) == Tokens(100'000));
  CHECK(s.vested(1019) == Tokens(100'000));            // before the cliff
  CHECK(s.vested(1020) == Tokens(100'000 + 180'000));  // 900,000 * 20 / 100
  CHECK(s.vested(1021) == Tokens(100'000 + 189'000));
  CHECK(s.vested(1099) == Tokens(100'000 + 891'000));
  CHECK(s.vested(1100) == Tokens(1'000'000));
  CHECK(s.next_release_time(0) == 1000);
  CHECK(s.next_release_time(1000) == 1020);
  CHECK(s.next_release_time(1020) == 1021);
  CHECK(s.next_release_time(1099) == 1100);
  CHECK(s.next_release_time(1100) == kNever);
}

TEST_CASE("models::vesting: next_release_time on linear spans", "[models][vesting]") {
  // 1e6 over 100 s from 1000: 10,000 a second, so the next increase is t + 1 inside the span.
  const auto fast = VestingSchedule::linear(Tokens(1'000'000), 1000, 100);
  CHECK(fast.next_release_time(500) == 1001);  // at 1000 itself nothing has vested yet (floor(0))
  CHECK(fast.next_release_time(1000) == 1001);
  CHECK(fast.next_release_time(1050) == 1051);
  CHECK(fast.next_release_time(1099) == 1100);
  CHECK(fast.next_release_time(1100) == kNever);
  // 10 over 100 s from 0: one unit every 10 s.
  const auto slow = VestingSchedule::linear(Tokens(10), 0, 100);
  CHECK(slow.next_release_time(0) == 10);
  CHECK(slow.next_release_time(10) == 20);
  CHECK(slow.next_release_time(95) == 100);
  // Cliff 3 months of 12 on 1,200,000: the jump at the cliff (300,000), then 300,001 at the least u with
  // 1.2e6 * u / 31,104,000 >= 300,001: u = ceil(300,001 * 31,104,000 / 1.2e6) = ceil(7,776,025.92) = 7,776,026.
  const auto cl = VestingSchedule::linear(Tokens(1'200'000), 0, 12 * kMonth, 3 * kMonth);
  CHECK(cl.next_release_time(0) == 3 * kMonth);
  CHECK(cl.next_release_time(3 * kMonth) == 7'776'026);
  CHECK(cl.vested(7'776'025) == Tokens(300'000));
  CHECK(cl.vested(7'776'026) == Tokens(300'001));
  // Duration 0: everything at start.
  const auto instant = VestingSchedule::linear(Tokens(5), 50, 0);
  CHECK(instant.next_release_time(10) == 50);
  CHECK(instant.vested(50) == Tokens(5));
  CHECK(instant.next_release_time(50) == kNever);
}

TEST_CASE("models::vesting: next_release_time matches a second-by-second scan", "[models][vesting]") {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300; ++i) {
    const Tokens total(draw(rng, 0, 500));
    const Time start = draw(rng, -20, 20);
    const Ppm tge(draw(rng, 0, 3) == 0 ? 0 : draw(rng, 0, 1'000'000));
    VestingSchedule s = VestingSchedule::monthly_steps(Tokens(0), 0, 0, 1);
    if (draw(rng, 0, 1) == 0) {
      const Time d = draw(rng, 0, 300);
      s = VestingSchedule::linear(total, start, d, draw(rng, 0, d), tge);
    } else {
      const Time cliff = draw(rng, 0, 30);  // one draw a statement: argument order is unspecified
      const std::int64_t steps = draw(rng, 1, 6);
      const Time period = draw(rng, 1, 40);
      s = VestingSchedule::stepped(total, start, cliff, steps, period, tge);
    }
    for (Time t = start - 3; t <= s.end() + 1; ++t) {
      INFO("schedule " << i << " t " << t);
      REQUIRE(s.next_release_time(t) == scan_next(s, t));
      REQUIRE(s.vested(t + 1) >= s.vested(t));  // non-decreasing
    }
  }
}

TEST_CASE("models::vesting: the wallet releases vested minus released", "[models][vesting]") {
  VestingWallet w(VestingSchedule::monthly_steps(Tokens(1'000'003), 100, 6 * kMonth, 4, Ppm(100'000)));
  CHECK(w.releasable(99) == Tokens(0));
  CHECK(w.release(99) == Tokens(0));
  CHECK(w.release(100) == Tokens(100'000));
  CHECK(w.release(100) == Tokens(0));                        // nothing new at the same time
  CHECK(w.releasable(100 + 8 * kMonth) == Tokens(450'000));  // two steps
  CHECK(w.release(100 + 8 * kMonth) == Tokens(450'000));
  CHECK(w.released() == Tokens(550'000));
  CHECK(w.next_release_time(100 + 8 * kMonth) == 100 + 9 * kMonth);
  CHECK_THROWS_AS(w.release(100), toksim::ConfigError);  // time went backwards past a release
  CHECK(w.release(100 + 20 * kMonth) == Tokens(450'003));
  CHECK(w.released() == Tokens(1'000'003));
  CHECK(w.releasable(kNever) == Tokens(0));
}
