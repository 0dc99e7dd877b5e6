// Pins the staking pool: two stakers with hand-derived rewards, stake changes between distributions, the
// floored dust (carried into the next distribution and reported by undistributed()), rewards held while
// nothing is staked, unbonding boundaries (one second before, exactly at ready_at), slashing of stake and
// unbonding entries with floors, argument errors, and on random operation sequences the exact conservation
// of stake (in == staked + unbonding + withdrawn + slashed) and of rewards (in == claimed + pending +
// undistributed). Leaves out validator selection, delegation between accounts and reward compounding, which
// the pool does not model.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "toksim/models/supply/staking.hpp"

using namespace toksim::models;
using toksim::sim::kDay;

namespace {
std::int64_t draw(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}
constexpr u128 kE18 = static_cast<u128>(StakingPool::kAccScale);
}  // namespace

TEST_CASE("models::staking: two stakers share rewards pro rata", "[models][staking]") {
  StakingPool pool(7 * kDay);
  pool.stake(1, Tokens(100));
  pool.stake(2, Tokens(300));
  // 1000 over 400 staked: acc += 1000e18 / 400 = 2.5e18; A 100 * 2.5 = 250, B 300 * 2.5 = 750.
  pool.distribute(Tokens(1000));
  CHECK(pool.acc_per_share() == 25 * kE18 / 10);
  CHECK(pool.pending(1) == Tokens(250));
  CHECK(pool.pending(2) == Tokens(750));
  // A stakes 200 more (settling its 250 first): 300 / 300 of 600. 600 more: acc += 1e18, A +300, B +300.
  pool.stake(1, Tokens(200));
  CHECK(pool.pending(1) == Tokens(250));
  pool.distribute(Tokens(600));
  CHECK(pool.pending(1) == Tokens(550));
  CHECK(pool.pending(2) == Tokens(1050));
  CHECK(pool.claim(1) == Tokens(550));
  CHECK(pool.pending(1) == Tokens(0));
  CHECK(pool.claim(1) == Tokens(0));
  CHECK(pool.claim(2) == Tokens(1050));
  CHECK(pool.total_claimed() == Tokens(1600));
  CHECK(pool.undistributed() == Tokens(0));
  // An unknown account has nothing.
  CHECK(pool.pending(99) == Tokens(0));
  CHECK(pool.claim(99) == Tokens(0));
  CHECK(pool.staked(99) == Tokens(0));
}

TEST_CASE("models::staking: floored dust is carried and reported", "[models][staking]") {
  StakingPool pool(0);
  pool.stake(1, Tokens(1));
  pool.stake(2, Tokens(1));
  pool.stake(3, Tokens(1));
  // 10 over 3: acc += 10e18 / 3 = 3,333,333,333,333,333,333, carry 1 (in 1e-18 units). Each pending
  // floor(3.33) = 3; undistributed = (1 + 3 * 333,333,333,333,333,333) / 1e18 = 1.
  pool.distribute(Tokens(10));
  CHECK(pool.acc_per_share() == u128{3'333'333'333'333'333'333ull});
  CHECK(pool.carry() == 1);
  CHECK(pool.pending(1) == Tokens(3));
  CHECK(pool.undistributed() == Tokens(1));
  // 2 more: numerator 2e18 + 1 = 3 * 666,666,666,666,666,667 exactly: acc = 4e18, each 4, nothing left.
  pool.distribute(Tokens(2));
  CHECK(pool.carry() == 0);
  CHECK(pool.acc_per_share() == 4 * kE18);
  CHECK(pool.pending(1) == Tokens(4));
  CHECK(pool.pending(2) == Tokens(4));
  CHECK(pool.pending(3) == Tokens(4));
  CHECK(pool.undistributed() == Tokens(0));
}

TEST_CASE("models::staking: settlement fractions return to the pool", "[models][staking]") {
  StakingPool pool(0);
  pool.stake(1, Tokens(3));
  pool.stake(2, Tokens(7));
  // 1 over 10: acc += 1e17. A holds 0.3 unit, B 0.7: both pending 0, undistributed 1.
  pool.distribute(Tokens(1));
  CHECK(pool.pending(1) == Tokens(0));
  CHECK(pool.pending(2) == Tokens(0));
  CHECK(pool.undistributed() == Tokens(1));
  // A claims 0; its 0.3 unit (3e17) moves into the carry, still undistributed.
  CHECK(pool.claim(1) == Tokens(0));
  CHECK(pool.carry() == 3 * kE18 / 10);
  CHECK(pool.undistributed() == Tokens(1));
  // 9 more: numerator 9e18 + 3e17 = 9.3e18, acc += 9.3e17, carry 0. A: 3 * 9.3e17 = 2.79e18 -> 2;
  // B: 7e17 + 7 * 9.3e17 = 7.21e18 -> 7. Claimed 0 + pending 9 + undistributed 1 = 10 received.
  pool.distribute(Tokens(9));
  CHECK(pool.carry() == 0);
  CHECK(pool.pending(1) == Tokens(2));
  CHECK(pool.pending(2) == Tokens(7));
  CHECK(pool.undistributed() == Tokens(1));
}

TEST_CASE("models::staking: rewards with nothing staked are held for the next distribution", "[models][staking]") {
  StakingPool pool(kDay);
  pool.distribute(Tokens(500));
  CHECK(pool.held() == Tokens(500));
  CHECK(pool.undistributed() == Tokens(500));
  CHECK(pool.acc_per_share() == 0);
  pool.stake(1, Tokens(100));
  CHECK(pool.pending(1) == Tokens(0));  // held rewards are not paid to stake that arrives after them...
  pool.distribute(Tokens(100));         // ... until the next distribution: 600 over 100
  CHECK(pool.held() == Tokens(0));
  CHECK(pool.pending(1) == Tokens(600));
  CHECK(pool.undistributed() == Tokens(0));
  // Everyone leaves: rewards are held again.
  pool.unstake(1, Tokens(100), 0);
  pool.distribute(Tokens(7));
  CHECK(pool.held() == Tokens(7));
  CHECK(pool.pending(1) == Tokens(600));
  CHECK(pool.total_rewards_in() == Tokens(607));
}

TEST_CASE("models::staking: unbonding becomes withdrawable exactly at ready_at", "[models][staking]") {
  StakingPool pool(7 * kDay);
  pool.stake(1, Tokens(1000));
  pool.unstake(1, Tokens(300), 100);         // ready at 100 + 7 d
  pool.unstake(1, Tokens(200), 100 + kDay);  // ready at 100 + 8 d
  CHECK(pool.staked(1) == Tokens(500));
  CHECK(pool.unbonding(1) == Tokens(500));
  CHECK(pool.total_staked() == Tokens(500));
  CHECK(pool.total_unbonding() == Tokens(500));
  const auto entries = pool.unbonding_entries(1);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].ready_at == 100 + 7 * kDay);
  CHECK(entries[1].ready_at == 100 + 8 * kDay);
  CHECK(pool.withdrawable(1, 100 + 7 * kDay - 1) == Tokens(0));
  CHECK(pool.withdraw(1, 100 + 7 * kDay - 1) == Tokens(0));
  CHECK(pool.withdrawable(1, 100 + 7 * kDay) == Tokens(300));
  CHECK(pool.withdraw(1, 100 + 7 * kDay) == Tokens(300));
  CHECK(pool.withdraw(1, 100 + 7 * kDay) == Tokens(0));  // paid once
  CHECK(pool.withdraw(1, 100 + 8 * kDay - 1) == Tokens(0));
  CHECK(pool.withdraw(1, 100 + 8 * kDay) == Tokens(200));
  CHECK(pool.unbonding(1) == Tokens(0));
  CHECK(pool.total_withdrawn() == Tokens(500));
  // Unbonding stake earns nothing: only the 500 still staked shares this distribution.
  pool.stake(2, Tokens(500));
  pool.unstake(2, Tokens(500), 0);
  pool.distribute(Tokens(50));
  CHECK(pool.pending(1) == Tokens(50));
  CHECK(pool.pending(2) == Tokens(0));
  // A zero unbonding period: withdrawable at once.
  StakingPool instant(0);
  instant.stake(1, Tokens(10));
  instant.unstake(1, Tokens(10), 42);
  CHECK(instant.withdraw(1, 42) == Tokens(10));
}

TEST_CASE("models::staking: slashing takes floored fractions of stake and unbonding", "[models][staking]") {
  StakingPool pool(7 * kDay);
  pool.stake(1, Tokens(1000));
  pool.unstake(1, Tokens(300), 0);
  pool.unstake(1, Tokens(200), 0);
  // 10% of stake 500, entries 300 and 200: 50 + 30 + 20 = 100.
  CHECK(pool.slash(1, Ppm(100'000)) == Tokens(100));
  CHECK(pool.staked(1) == Tokens(450));
  CHECK(pool.unbonding(1) == Tokens(450));
  const auto entries = pool.unbonding_entries(1);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].amount == Tokens(270));
  CHECK(entries[1].amount == Tokens(180));
  // Stake only, 1/3 (333,333 ppm): floor(450 * 0.333333 = 149.99985) = 149.
  CHECK(pool.slash(1, Ppm(333'333), false) == Tokens(149));
  CHECK(pool.staked(1) == Tokens(301));
  CHECK(pool.unbonding(1) == Tokens(450));
  // 100% empties everything; the emptied entries are dropped.
  CHECK(pool.slash(1, Ppm(1'000'000)) == Tokens(751));
  CHECK(pool.unbonding_entries(1).empty());
  CHECK(pool.total_slashed() == Tokens(1000));
  CHECK(pool.total_stake_in() ==
        pool.total_staked() + pool.total_unbonding() + pool.total_withdrawn() + pool.total_slashed());
  CHECK(pool.slash(77, Ppm(500'000)) == Tokens(0));
}

TEST_CASE("models::staking: slashing keeps rewards already earned", "[models][staking]") {
  StakingPool pool(kDay);
  pool.stake(1, Tokens(100));
  pool.stake(2, Tokens(100));
  pool.distribute(Tokens(200));  // 100 each
  CHECK(pool.slash(1, Ppm(500'000)) == Tokens(50));
  CHECK(pool.pending(1) == Tokens(100));
  // 150 over 150 staked (50 + 100): acc += 1e18: A +50, B +100.
  pool.distribute(Tokens(150));
  CHECK(pool.pending(1) == Tokens(150));
  CHECK(pool.pending(2) == Tokens(200));
}

TEST_CASE("models::staking: invalid arguments are errors that change nothing", "[models][staking]") {
  CHECK_THROWS_AS(StakingPool(-1), toksim::ConfigError);
  StakingPool pool(kDay);
  CHECK_THROWS_AS(pool.stake(1, Tokens(0)), toksim::ConfigError);
  CHECK_THROWS_AS(pool.stake(1, Tokens(-5)), toksim::ConfigError);
  CHECK(pool.accounts() == 0);
  pool.stake(1, Tokens(10));
  CHECK_THROWS_WITH(pool.unstake(1, Tokens(11), 0), Catch::Contains("[1, 10]") && Catch::Contains("found 11"));
  CHECK_THROWS_AS(pool.unstake(2, Tokens(1), 0), toksim::ConfigError);
  CHECK_THROWS_AS(pool.unstake(1, Tokens(0), 0), toksim::ConfigError);
  CHECK_THROWS_AS(pool.unstake(1, Tokens(1), toksim::sim::kNever), toksim::ConfigError);
  CHECK_THROWS_AS(pool.distribute(Tokens(-1)), toksim::ConfigError);
  CHECK_THROWS_AS(pool.stake(1, Tokens(std::numeric_limits<std::int64_t>::max())), MoneyError);
  CHECK(pool.staked(1) == Tokens(10));
  CHECK(pool.total_staked() == Tokens(10));
  CHECK(pool.total_stake_in() == Tokens(10));
  CHECK(pool.unbonding(1) == Tokens(0));
}

TEST_CASE("models::staking: random operations conserve stake and rewards exactly", "[models][staking]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    std::mt19937_64 rng(seed);
    StakingPool pool(3 * kDay);
    constexpr int kAccounts = 6;
    Tokens in(0), withdrawn(0), slashed(0), rewards(0), claimed(0);
    toksim::sim::Time now = 0;
    for (int step = 0; step < 4'000; ++step) {
      const auto who = static_cast<StakerId>(draw(rng, 0, kAccounts - 1));
      // Amounts from 1 unit to 2^40, log-uniform, so the dust matters.
      const Tokens amount(draw(rng, 1, std::int64_t{1} << draw(rng, 0, 40)));
      switch (draw(rng, 0, 7)) {
        case 0:
        case 1:
          pool.stake(who, amount);
          in += amount;
          break;
        case 2:
          if (pool.staked(who).raw() > 0) pool.unstake(who, Tokens(draw(rng, 1, pool.staked(who).raw())), now);
          break;
        case 3:
          withdrawn += pool.withdraw(who, now);
          break;
        case 4:
        case 5: {
          pool.distribute(amount);
          rewards += amount;
          if (pool.total_staked().raw() > 0) {
            REQUIRE(pool.held() == Tokens(0));
            // After a distribution: carry < total staked (< 1e18), plus one fraction under 1 unit per account.
            REQUIRE(pool.undistributed().raw() <= static_cast<std::int64_t>(pool.accounts()));
          }
          break;
        }
        case 6:
          claimed += pool.claim(who);
          break;
        default: {
          const Ppm fraction(draw(rng, 0, 1'000'000));  // one draw a statement: argument order is unspecified
          const bool include_unbonding = draw(rng, 0, 1) == 0;
          slashed += pool.slash(who, fraction, include_unbonding);
          break;
        }
      }
      now += draw(rng, 0, kDay);
      // Stake conservation, from the pool's totals and from the accounts.
      Tokens staked_sum(0), unbonding_sum(0), pending_sum(0);
      for (StakerId a = 0; a < kAccounts; ++a) {
        staked_sum += pool.staked(a);
        unbonding_sum += pool.unbonding(a);
        pending_sum += pool.pending(a);
      }
      REQUIRE(staked_sum == pool.total_staked());
      REQUIRE(unbonding_sum == pool.total_unbonding());
      REQUIRE(in == pool.total_stake_in());
      REQUIRE(withdrawn == pool.total_withdrawn());
      REQUIRE(slashed == pool.total_slashed());
      REQUIRE(in == staked_sum + unbonding_sum + withdrawn + slashed);
      // Reward conservation.
      REQUIRE(rewards == pool.total_rewards_in());
      REQUIRE(claimed == pool.total_claimed());
      REQUIRE(rewards == claimed + pending_sum + pool.undistributed());
    }
  }
}
