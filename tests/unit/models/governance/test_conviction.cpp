// Pins 1Hive conviction voting (1Hive/conviction-voting-cadcad notebooks; 1Hive/conviction-voting-app
// ConvictionVoting.sol): the closed form against iterating y <- a * y + x, the half-life relation and the
// "decay 9,999,599 -> ~17,285 blocks" figure, the trigger threshold (hand values, +infinity at r / R >= beta),
// and the pool: lazy conviction at stake changes equal to per-block iteration, execution exactly at the first
// block whose conviction exceeds the threshold, the exact max-ratio guard, the min-threshold-stake floor, the
// 10-proposal limit (a refused stake changes nothing), freeing stake from inactive proposals, the balance-drop
// withdrawal order (abstain first, then the contract's swap-with-last list order), time going backwards, and
// set_funds (a vault whose balance changes outside the pool: the threshold and the max-ratio guard follow it).
// Leaves out the contract's Q128 rounding (the pool computes in double; see conviction.hpp), EVM scripts and
// permissions.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "toksim/models/governance/conviction.hpp"

using namespace toksim::models;
using Ids = std::vector<ConvictionProposalId>;

namespace {
// alpha 0.9, beta 0.2, rho 0.005; 15-second blocks; funds 10,000; supply 1,000,000 (base units throughout).
ConvictionParams params() {
  ConvictionParams p;
  p.decay = 9'000'000;
  p.max_ratio = 2'000'000;
  p.weight = 50'000;
  return p;
}
ConvictionPool pool() { return ConvictionPool(params(), Tokens(10'000), Tokens(1'000'000), 15); }
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("models::conviction: closed form equals iterating y <- a y + x", "[models][conviction]") {
  // alpha 0.9, x 10 from 0: 10, 19, 27.1; closed form 10 * (1 - 0.729) / 0.1 = 27.1.
  CHECK(conviction(0, 10, 0.9, 1) == Approx(10));
  CHECK(conviction(0, 10, 0.9, 2) == Approx(19));
  CHECK(conviction(0, 10, 0.9, 3) == Approx(27.1));
  // The steady state x / (1 - a) = 100 stays put.
  CHECK(conviction(100, 10, 0.9, 3) == Approx(100));
  CHECK(conviction(5, 10, 0.9, 0) == 5);
  double y = 5;
  for (int t = 0; t < 50; ++t) y = 0.95 * y + 7;
  CHECK(conviction(5, 7, 0.95, 50) == Approx(y).epsilon(1e-12));
  CHECK_THROWS_AS(conviction(0, 1, 1.0, 1), toksim::ConfigError);
  CHECK_THROWS_AS(conviction(0, 1, 0.5, -1), toksim::ConfigError);
}

TEST_CASE("models::conviction: half-life and the 1Hive decay figure", "[models][conviction]") {
  // t_half 2: alpha = sqrt(1/2); a removed stake's conviction halves in 2 steps.
  CHECK(alpha_from_half_life(2) == Approx(std::sqrt(0.5)));
  CHECK(conviction(100, 0, alpha_from_half_life(2), 2) == Approx(50));
  // decay 9,999,599 / 10^7: ln(1/2) / ln(0.9999599) = 17,285.1 blocks = 3.0 days at 15 s, 1.0 day at 5 s.
  const double h = half_life_from_alpha(9'999'599.0 / 1e7);
  CHECK(h == Approx(17'285).margin(1));
  CHECK(h * 15 / 86'400 == Approx(3.0).margin(0.01));
  CHECK(h * 5 / 86'400 == Approx(1.0).margin(0.01));
  CHECK(alpha_from_half_life(h) == Approx(0.9999599).epsilon(1e-12));
  ConvictionParams p;
  CHECK(p.decay == 9'999'599);  // the default is 1Hive's typical value
  CHECK_THROWS_AS(alpha_from_half_life(0), toksim::ConfigError);
}

TEST_CASE("models::conviction: trigger threshold", "[models][conviction]") {
  // rho 0.1, beta 0.2, S 1000, R 10000, alpha 0.9:
  // r = 1000 (r/R 0.1): 0.1 * 1000 / (0.1 * 0.1^2) = 100,000; r = 0: 100 / (0.1 * 0.04) = 25,000.
  CHECK(threshold(0.1, 0.2, 1000, 10'000, 1000, 0.9) == Approx(100'000));
  CHECK(threshold(0.1, 0.2, 1000, 10'000, 0, 0.9) == Approx(25'000));
  // r / R >= beta: infinity; an empty fund too.
  CHECK(threshold(0.1, 0.2, 1000, 10'000, 2000, 0.9) == kInf);
  CHECK(threshold(0.1, 0.2, 1000, 10'000, 3000, 0.9) == kInf);
  CHECK(threshold(0.1, 0.2, 1000, 0, 0, 0.9) == kInf);
  CHECK_THROWS_AS(threshold(0.1, 0.0, 1000, 10'000, 1, 0.9), toksim::ConfigError);
  CHECK_THROWS_AS(threshold(0.1, 0.2, -1, 10'000, 1, 0.9), toksim::ConfigError);
}

TEST_CASE("models::conviction: a proposal executes at the first block above the threshold", "[models][conviction]") {
  ConvictionPool cp = pool();
  cp.set_balance(1, Tokens(1000), 0);
  const ConvictionProposalId id = cp.add_proposal(Tokens(1000));
  CHECK(id == 2);
  cp.stake(1, id, Tokens(1000), 0);
  // S = 1000, r / R = 0.1: threshold 0.005 * 1000 / (0.1 * 0.01) = 5000. Conviction 10000 (1 - 0.9^t):
  // block 6 (t = 90..104 s): 4685.59 < 5000; block 7 (t = 105 s): 5217.03 > 5000.
  CHECK(cp.threshold_of(id) == Approx(5000));
  CHECK(cp.conviction_at(id, 104) == Approx(4685.59));
  CHECK_FALSE(cp.can_execute(id, 104));
  CHECK_THROWS_AS(cp.execute(id, 104), toksim::ConfigError);
  CHECK(cp.status(id) == ConvictionStatus::Active);
  CHECK(cp.funds() == Tokens(10'000));
  CHECK(cp.conviction_at(id, 105) == Approx(5217.031));
  CHECK(cp.can_execute(id, 105));
  CHECK(cp.execute(id, 105) == Tokens(1000));
  CHECK(cp.funds() == Tokens(9000));
  CHECK(cp.status(id) == ConvictionStatus::Executed);
  CHECK(cp.conviction_last(id) == Approx(5217.031));
  CHECK(cp.block_last(id) == 7);
  CHECK_THROWS_AS(cp.execute(id, 120), toksim::ConfigError);
  CHECK_THROWS_AS(cp.execute(ConvictionPool::kAbstainProposal, 120), toksim::ConfigError);
}

TEST_CASE("models::conviction: lazy updates equal per-block iteration", "[models][conviction]") {
  ConvictionPool cp = pool();
  cp.set_balance(1, Tokens(500), 0);
  cp.set_balance(2, Tokens(500), 0);
  const ConvictionProposalId id = cp.add_proposal(Tokens(100));
  cp.stake(1, id, Tokens(500), 0);   // block 0
  cp.stake(2, id, Tokens(500), 45);  // block 3: record 500 (1 - 0.9^3) / 0.1 = 1355
  CHECK(cp.block_last(id) == 3);
  CHECK(cp.conviction_last(id) == Approx(1355));
  double y = 0;
  for (int b = 0; b < 3; ++b) y = 0.9 * y + 500;
  for (int b = 3; b < 10; ++b) y = 0.9 * y + 1000;
  CHECK(cp.conviction_at(id, 150) == Approx(y));  // block 10
  CHECK(cp.conviction_at(id, 150) == Approx(conviction(1355, 1000, 0.9, 7)));
  cp.withdraw(1, id, Tokens(500), 150);
  CHECK(cp.conviction_last(id) == Approx(y));
  for (int b = 10; b < 12; ++b) y = 0.9 * y + 500;
  CHECK(cp.conviction_at(id, 180) == Approx(y));  // block 12
  CHECK(cp.staked_on(id) == Tokens(500));
  CHECK(cp.total_staked() == Tokens(500));
  // Time going backwards is refused.
  CHECK_THROWS_AS(cp.withdraw(2, id, Tokens(1), 149), toksim::ConfigError);
}

TEST_CASE("models::conviction: the max-ratio guard and the min-threshold-stake floor", "[models][conviction]") {
  ConvictionPool cp = pool();
  // 2000 of 10000 is exactly beta: maxRatio * funds = 2e10 is not > requested * D = 2e10 -> +infinity.
  const ConvictionProposalId big = cp.add_proposal(Tokens(2000));
  const ConvictionProposalId ok = cp.add_proposal(Tokens(1999));
  CHECK(cp.threshold_of(big) == kInf);
  cp.set_balance(1, Tokens(1000), 0);
  cp.stake(1, big, Tokens(1000), 0);
  CHECK_FALSE(cp.can_execute(big, 1'000'000));
  CHECK_THROWS_AS(cp.execute(big, 1'000'000), toksim::ConfigError);
  // 1999: 0.005 * 1000 / (0.1 * (0.2 - 0.1999)^2) = 5 / (0.1 * 1e-8) = 5e9.
  CHECK(cp.threshold_of(ok) == Approx(5e9));
  // Signalling proposals cannot execute.
  const ConvictionProposalId sig = cp.add_proposal(Tokens(0));
  CHECK_FALSE(cp.can_execute(sig, 0));

  ConvictionParams p = params();
  p.min_threshold_stake_percentage = 50'000'000'000'000'000;  // 5% of 10^18
  ConvictionPool floor_pool(p, Tokens(10'000), Tokens(1'000'000), 15);
  floor_pool.set_balance(1, Tokens(1000), 0);
  const ConvictionProposalId id = floor_pool.add_proposal(Tokens(1000));
  floor_pool.stake(1, id, Tokens(1000), 0);
  // S = max(1000, 5% of 1,000,000 = 50,000): threshold 0.005 * 50,000 / 0.001 = 250,000 (> steady state 10,000).
  CHECK(floor_pool.effective_total_staked() == Tokens(50'000));
  CHECK(floor_pool.threshold_of(id) == Approx(250'000));
  CHECK_FALSE(floor_pool.can_execute(id, 1'000'000));
}

TEST_CASE("models::conviction: at most 10 staked proposals per voter", "[models][conviction]") {
  ConvictionPool cp = pool();
  cp.set_balance(7, Tokens(100), 0);
  Ids ids;
  for (int k = 0; k < 11; ++k) ids.push_back(cp.add_proposal(Tokens(10)));
  for (int k = 0; k < 10; ++k) cp.stake(7, ids[k], Tokens(1), 0);
  CHECK_THROWS_AS(cp.stake(7, ids[10], Tokens(1), 0), toksim::ConfigError);
  CHECK(cp.voter_total_stake(7) == Tokens(10));
  CHECK(cp.staked_on(ids[10]) == Tokens(0));
  CHECK(cp.voter_proposals(7).size() == 10);
  cp.stake(7, ids[0], Tokens(5), 0);  // more on a listed proposal is fine
  cp.withdraw(7, ids[3], Tokens(1), 0);
  cp.stake(7, ids[10], Tokens(1), 0);            // a slot is free again
  CHECK(cp.voter_total_stake(7) == Tokens(15));  // 10 + 5 - 1 + 1
  // More than the unstaked balance is refused.
  CHECK_THROWS_AS(cp.stake(7, ids[0], Tokens(86), 0), toksim::ConfigError);  // 15 + 86 > 100
  CHECK_THROWS_AS(cp.stake(8, ids[0], Tokens(1), 0), toksim::ConfigError);   // no balance recorded
}

TEST_CASE("models::conviction: staking frees stake left on inactive proposals", "[models][conviction]") {
  ConvictionPool cp = pool();
  cp.set_balance(1, Tokens(1000), 0);
  const ConvictionProposalId a = cp.add_proposal(Tokens(100));
  const ConvictionProposalId b = cp.add_proposal(Tokens(100));
  cp.stake(1, a, Tokens(1000), 0);
  cp.cancel(a);
  CHECK_THROWS_AS(cp.stake(1, a, Tokens(1), 0), toksim::ConfigError);  // not active
  // Unstaked 0 < 600: the whole 1000 on the cancelled proposal is withdrawn first.
  cp.stake(1, b, Tokens(600), 15);
  CHECK(cp.voter_stake(1, a) == Tokens(0));
  CHECK(cp.voter_stake(1, b) == Tokens(600));
  CHECK(cp.total_staked() == Tokens(600));
  CHECK(cp.voter_proposals(1) == Ids{b});
}

TEST_CASE("models::conviction: a balance drop withdraws abstain first, then in list order", "[models][conviction]") {
  ConvictionPool cp = pool();
  cp.set_balance(1, Tokens(1000), 0);
  const ConvictionProposalId p2 = cp.add_proposal(Tokens(100));
  const ConvictionProposalId p3 = cp.add_proposal(Tokens(100));
  cp.stake(1, ConvictionPool::kAbstainProposal, Tokens(300), 0);
  cp.stake(1, p2, Tokens(400), 0);
  cp.stake(1, p3, Tokens(300), 0);
  CHECK(cp.voter_proposals(1) == Ids{1, p2, p3});
  // Balance 500: target 500. Abstain gives 300 and leaves the list; swap-with-last makes it [3, 2];
  // then 3 gives min(200, 300) = 200. Left: abstain 0, p2 400, p3 100.
  cp.set_balance(1, Tokens(500), 30);
  CHECK(cp.voter_stake(1, ConvictionPool::kAbstainProposal) == Tokens(0));
  CHECK(cp.voter_stake(1, p2) == Tokens(400));
  CHECK(cp.voter_stake(1, p3) == Tokens(100));
  CHECK(cp.voter_proposals(1) == Ids{p3, p2});
  CHECK(cp.voter_total_stake(1) == Tokens(500));
  CHECK(cp.total_staked() == Tokens(500));
}

TEST_CASE("models::conviction: invalid parameters throw ConfigError", "[models][conviction]") {
  ConvictionParams p = params();
  p.decay = ConvictionParams::kD;
  CHECK_THROWS_AS(ConvictionPool(p, Tokens(1), Tokens(1), 15), toksim::ConfigError);
  p = params();
  p.max_ratio = 0;
  CHECK_THROWS_AS(ConvictionPool(p, Tokens(1), Tokens(1), 15), toksim::ConfigError);
  CHECK_THROWS_AS(ConvictionPool(params(), Tokens(1), Tokens(1), 0), toksim::ConfigError);
  CHECK_THROWS_AS(ConvictionPool(params(), Tokens(-1), Tokens(1), 15), toksim::ConfigError);
  ConvictionPool cp = pool();
  CHECK_THROWS_AS(cp.add_proposal(Tokens(-1)), toksim::ConfigError);
  CHECK_THROWS_AS(cp.status(99), toksim::ConfigError);
  CHECK_THROWS_AS(cp.cancel(ConvictionPool::kAbstainProposal), toksim::ConfigError);
}

TEST_CASE("models::conviction: set_funds follows a vault whose balance changes outside the pool",
          "[models][conviction]") {
  ConvictionPool cp = pool();
  const ConvictionProposalId id = cp.add_proposal(Tokens(1999));
  cp.set_balance(1, Tokens(1000), 0);
  cp.stake(1, id, Tokens(1000), 0);
  CHECK(cp.threshold_of(id) == Approx(5e9));  // funds 10,000: r / R = 0.1999
  // The vault doubles: r / R = 0.09995, threshold 0.005 * 1000 / (0.1 * (0.2 - 0.09995)^2) = 4,995.0...
  cp.set_funds(Tokens(20'000));
  CHECK(cp.funds() == Tokens(20'000));
  CHECK(cp.threshold_of(id) == Approx(0.005 * 1000 / (0.1 * (0.2 - 0.09995) * (0.2 - 0.09995))));
  // ... and shrinks below r / beta: the guard makes the threshold infinite again.
  cp.set_funds(Tokens(9'995));
  CHECK(cp.threshold_of(id) == kInf);
  CHECK_THROWS_AS(cp.set_funds(Tokens(-1)), toksim::ConfigError);
  CHECK(cp.funds() == Tokens(9'995));
}
