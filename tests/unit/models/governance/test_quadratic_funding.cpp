// Pins the QF calculators (gitcoinco/qf-calculator fundingutils.py; gitcoinco/gitcoin_cadcad_model misc/clr.py)
// on hand-derived rounds: standard QF raw matches (4 donors of 1 -> F 16, match 12; 1 donor of 4 -> match 0),
// both pool rules (normalise up and down; scale down only when oversubscribed), a cap that binds twice with
// proportional redistribution, a cap that leaves the pool partly unpaid, pairwise-bounded matching with M and
// trust (and its M -> infinity limit: half the standard raw match), saturation, clr.py's log bonus, repeated
// donations summed, the Passport weight, and the configuration errors.
// Leaves out COCM / cluster match and the other eligibility rules (self-votes, minimum donation).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "toksim/models/governance/quadratic_funding.hpp"

using namespace toksim::models;

namespace {
// A: 4 donors of 1 -> (4 * 1)^2 = 16, raw 16 - 4 = 12.  B: 1 donor of 4 -> (2)^2 = 4, raw 0.
const std::vector<std::vector<double>> kAB{{1, 1, 1, 1}, {4}};
// 5 donors of 1: 25 - 5 = 20.  4 donors of 1: 16 - 4 = 12.  2 donors of 4: (2 + 2)^2 - 8 = 8. Ratio 5 : 3 : 2.
const std::vector<std::vector<double>> kThree{{1, 1, 1, 1, 1}, {1, 1, 1, 1}, {4, 4}};
}  // namespace

TEST_CASE("models::qf: standard QF raw match and pool rules", "[models][qf]") {
  const QfResult r = standard_qf(kAB, 6.0);
  CHECK(r.raw == std::vector<double>{12, 0});
  // Normalize (qf-calculator): shares 1, 0 of the pool, whatever its size.
  CHECK(r.match == std::vector<double>{6, 0});
  CHECK(standard_qf(kAB, 100.0).match == std::vector<double>{100, 0});
  // ScaleDownOnly: 12 > 6 -> scaled to 6; 12 <= 100 -> paid as is, 88 left over.
  CHECK(standard_qf(kAB, 6.0, std::nullopt, QfPoolRule::ScaleDownOnly).match == std::vector<double>{6, 0});
  const QfResult down = standard_qf(kAB, 100.0, std::nullopt, QfPoolRule::ScaleDownOnly);
  CHECK(down.match[0] == Approx(12));
  CHECK(down.match[1] == 0.0);
  // Three projects, raw 20, 12, 8 (sum 40), pool 10: 5, 3, 2.
  const QfResult t = standard_qf(kThree, 10.0);
  CHECK(t.raw == std::vector<double>{20, 12, 8});
  CHECK(t.match[0] == Approx(5));
  CHECK(t.match[1] == Approx(3));
  CHECK(t.match[2] == Approx(2));
  // Nothing to match: no payout.
  CHECK(standard_qf({{4}, {}}, 10.0).match == std::vector<double>{0, 0});
}

TEST_CASE("models::qf: a binding cap redistributes the excess proportionally", "[models][qf]") {
  // Shares 0.5, 0.3, 0.2 with cap 0.35:
  // pass 1: excess 0.15, A -> 0.35; uncapped 0.3 + 0.2 = 0.5 grow by 1 + 0.15 / 0.5 = 1.3 -> 0.39, 0.26;
  // pass 2: B is over: excess 0.04, B -> 0.35; uncapped 0.26 grows by 1 + 0.04 / 0.26 -> 0.30.
  // Result 0.35, 0.35, 0.30 (sum 1): pool 1000 pays 350, 350, 300.
  const QfResult r = standard_qf(kThree, 1000.0, 0.35);
  CHECK(r.match[0] == Approx(350));
  CHECK(r.match[1] == Approx(350));
  CHECK(r.match[2] == Approx(300));
  const std::vector<double> s = check_matching_cap({0.5, 0.3, 0.2}, 0.35);
  CHECK(s[0] == Approx(0.35));
  CHECK(s[1] == Approx(0.35));
  CHECK(s[2] == Approx(0.30));
  // Cap 1 (100%) is no cap.
  CHECK(standard_qf(kThree, 1000.0, 1.0).match[0] == Approx(500));
  // A cap that does not bind changes nothing.
  CHECK(standard_qf(kThree, 1000.0, 0.6).match[0] == Approx(500));
}

TEST_CASE("models::qf: when every project hits the cap the excess stays unpaid", "[models][qf]") {
  // Raw 12 and 8: shares 0.6 and 0.4, cap 0.4. A -> 0.4 (excess 0.2); B sits exactly at the cap and takes no
  // part in the redistribution, nothing is below the cap -> stop. 400 + 400 of 1000 paid.
  const QfResult r = standard_qf({{1, 1, 1, 1}, {4, 4}}, 1000.0, 0.4);
  CHECK(r.match[0] == Approx(400));
  CHECK(r.match[1] == Approx(400));
}

TEST_CASE("models::qf: pairwise-bounded matching with M and trust", "[models][qf]") {
  // Contributor 0: 4 to P0, 1 to P1. Contributor 1: 1 to P0, 4 to P1. Contributor 2: 9 to P0.
  // P_01 = sqrt(4 * 1) + sqrt(1 * 4) = 4; P_02 = sqrt(4 * 9) = 6; P_12 = sqrt(1 * 9) = 3.
  // M = 1, trust 1: P0 = 2 / (1 + 4) + 6 / (1 + 6) + 3 / (1 + 3) = 0.4 + 6/7 + 0.75; P1 = 2 / 5 = 0.4.
  const std::vector<Contribution> c{{0, 0, 4}, {0, 1, 1}, {1, 0, 1}, {1, 1, 4}, {2, 0, 9}};
  const std::vector<double> ones{1, 1, 1};
  const PairwiseQfResult r = pairwise_qf(2, c, 10.0, 1.0, ones);
  const double p0 = 0.4 + 6.0 / 7.0 + 0.75;
  CHECK(r.raw[0] == Approx(p0));
  CHECK(r.raw[1] == Approx(0.4));
  CHECK_FALSE(r.saturated);  // 2.407 < 10: paid as is
  CHECK(r.match[0] == Approx(p0));
  // M = 2: P0 = 2 / 3 + 6 / 4 + 3 / 2.5; P1 = 2 / 3.
  const PairwiseQfResult m2 = pairwise_qf(2, c, 10.0, 2.0, ones);
  CHECK(m2.raw[0] == Approx(2.0 / 3.0 + 1.5 + 1.2));
  CHECK(m2.raw[1] == Approx(2.0 / 3.0));
  // Trust 2 for contributor 2 (max(t_i, t_j) = 2 in its pairs), M = 1: 0.4 + 6 / (1 + 3) + 3 / (1 + 1.5).
  const PairwiseQfResult tr = pairwise_qf(2, c, 10.0, 1.0, std::vector<double>{1, 1, 2});
  CHECK(tr.raw[0] == Approx(0.4 + 1.5 + 1.2));
  // M -> infinity: no discount, sum over pairs of sqrt(c_i c_j) = 2 + 6 + 3 = 11 = (standard raw 36 - 14) / 2.
  const PairwiseQfResult big = pairwise_qf(2, c, 1e9, 1e12, ones);
  CHECK(big.raw[0] == Approx(11).epsilon(1e-9));
  CHECK(standard_qf({{4, 1, 9}}, 1.0).raw[0] == Approx(22));
  // Repeated donations are summed first: 3 + 1 from contributor 0 is the same as 4.
  const std::vector<Contribution> split{{0, 0, 3}, {0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 4}, {2, 0, 9}};
  CHECK(pairwise_qf(2, split, 10.0, 1.0, ones).raw[0] == Approx(p0));
}

TEST_CASE("models::qf: pairwise saturation normalises to the pot; clr.py's bonus below it", "[models][qf]") {
  const std::vector<Contribution> c{{0, 0, 4}, {0, 1, 1}, {1, 0, 1}, {1, 1, 4}, {2, 0, 9}};
  const std::vector<double> ones{1, 1, 1};
  const double p0 = 0.4 + 6.0 / 7.0 + 0.75;
  const double total = p0 + 0.4;
  // Pot 1.2 < total 2.407: match = raw / total * 1.2.
  const PairwiseQfResult s = pairwise_qf(2, c, 1.2, 1.0, ones);
  CHECK(s.saturated);
  CHECK(s.match[0] == Approx(p0 / total * 1.2));
  CHECK(s.match[1] == Approx(0.4 / total * 1.2));
  CHECK(s.match[0] + s.match[1] == Approx(1.2));
  // Pot 10 with the bonus: raw * (1 + ln(10 / total) / 100).
  const PairwiseQfResult b = pairwise_qf(2, c, 10.0, 1.0, ones, true);
  CHECK(b.match[0] == Approx(p0 * (1.0 + std::log(10.0 / total) / 100.0)));
  CHECK(b.match[0] + b.match[1] < 10.0);
}

TEST_CASE("models::qf: Passport weight scales donations from 0.5 to 1", "[models][qf]") {
  // s50 = 15, s100 = 25: below 15 dropped; 15 -> 0.5; 20 -> 0.75; 25 and above -> 1.
  CHECK(passport_weight(10, 15, 25) == 0.0);
  CHECK(passport_weight(14.999, 15, 25) == 0.0);
  CHECK(passport_weight(15, 15, 25) == 0.5);
  CHECK(passport_weight(20, 15, 25) == Approx(0.75));
  CHECK(passport_weight(25, 15, 25) == 1.0);
  CHECK(passport_weight(40, 15, 25) == 1.0);
  // s50 == s100: a plain threshold (np.interp returns the right end at the shared point).
  CHECK(passport_weight(20, 20, 20) == 1.0);
  CHECK(passport_weight(19.9, 20, 20) == 0.0);
  CHECK_THROWS_AS(passport_weight(20, 25, 15), toksim::ConfigError);
}

TEST_CASE("models::qf: invalid inputs throw ConfigError", "[models][qf]") {
  CHECK_THROWS_AS(standard_qf({{-1}}, 10.0), toksim::ConfigError);
  CHECK_THROWS_AS(standard_qf({{1}}, -10.0), toksim::ConfigError);
  CHECK_THROWS_AS(standard_qf({{1}}, 10.0, 0.0), toksim::ConfigError);
  CHECK_THROWS_AS(standard_qf({{1}}, 10.0, 1.5), toksim::ConfigError);
  const std::vector<double> ones{1, 1};
  CHECK_THROWS_AS(pairwise_qf(1, std::vector<Contribution>{{0, 1, 1}}, 1.0, 1.0, ones), toksim::ConfigError);
  CHECK_THROWS_AS(pairwise_qf(1, std::vector<Contribution>{{2, 0, 1}}, 1.0, 1.0, ones), toksim::ConfigError);
  CHECK_THROWS_AS(pairwise_qf(1, std::vector<Contribution>{{0, 0, 1}}, 1.0, 0.0, ones), toksim::ConfigError);
  CHECK_THROWS_AS(pairwise_qf(1, std::vector<Contribution>{{0, 0, 1}}, 1.0, 1.0, std::vector<double>{0, 1}),
                  toksim::ConfigError);
}
