// Pins the Snapshot counting types (snapshot-labs/snapshot.js src/voting/*.ts) on hand-derived ballots:
// single-choice and approval sums (approval totals exceeding the voting power, empty approvals), weighted
// splits and their rescaling, Snapshot's normalised quadratic Q_c, ranked-choice instant runoff with two
// elimination rounds, an immediate majority, the "fewer than 3 candidates" stop on a tie, and the
// lowest-index elimination tie-break; the validity rules (invalid ballots dropped by default as snapshot.js
// getValidVotes does, each throwing ConfigError when strict; bad balances always throw); classic per-identity QV
// and the sqrt(k) Sybil gain; and the token-weighted tally: hand totals, errors, int64 overflow, and 10^6
// random voters giving the same totals in 1- and 2-thread arenas and in a plain serial loop.
// Leaves out copeland (toksim has no Copeland rule yet), per-strategy scores (getScoresByStrategy) and speed;
// snapshot.js's own spec cases are replayed in test_voting_reference.cpp.
#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "toksim/models/governance/voting.hpp"
#include "toksim/models/money/money.hpp"

using namespace toksim::models;
using Sizes = std::vector<std::size_t>;

TEST_CASE("models::voting: single-choice sums balances per choice", "[models][voting]") {
  // Balances 10, 20, 30 choosing 0, 2, 2: scores {10, 0, 50}, total 60.
  const std::vector<SingleChoiceBallot> b{{10, 0}, {20, 2}, {30, 2}};
  const VoteResult r = single_choice(3, b);
  CHECK(r.scores == std::vector<double>{10, 0, 50});
  CHECK(r.scores_total == 60);
  CHECK(single_choice(2, std::vector<SingleChoiceBallot>{}).scores == std::vector<double>{0, 0});
  CHECK_THROWS_AS(single_choice(3, std::vector<SingleChoiceBallot>{{1, 3}}, true), toksim::ConfigError);
  // By default the out-of-range ballot is dropped: it counts in scores_total only (getScoresTotal).
  const VoteResult d = single_choice(3, std::vector<SingleChoiceBallot>{{7, 1}, {1, 3}});
  CHECK(d.scores == std::vector<double>{0, 7, 0});
  CHECK(d.scores_total == 8);
  CHECK(d.dropped == Sizes{1});
  CHECK_THROWS_AS(single_choice(3, std::vector<SingleChoiceBallot>{{-1, 0}}), toksim::ConfigError);
  CHECK_THROWS_AS(single_choice(3, std::vector<SingleChoiceBallot>{{NAN, 0}}), toksim::ConfigError);
  CHECK_THROWS_AS(single_choice(0, std::vector<SingleChoiceBallot>{}), toksim::ConfigError);
}

TEST_CASE("models::voting: approval counts a ballot for every approved choice", "[models][voting]") {
  // 10 approves {0, 1}, 20 approves {1}, 30 approves {0, 1, 2}, 5 approves nothing:
  // c0 = 10 + 30 = 40, c1 = 10 + 20 + 30 = 60, c2 = 30; total 65 (the empty ballot counts), sum 130 > 65.
  const std::vector<ApprovalBallot> b{{10, {0, 1}}, {20, {1}}, {30, {2, 0, 1}}, {5, {}}};
  const VoteResult r = approval(3, b);
  CHECK(r.scores == std::vector<double>{40, 60, 30});
  CHECK(r.scores_total == 65);
  CHECK_THROWS_AS(approval(3, std::vector<ApprovalBallot>{{1, {0, 0}}}, true), toksim::ConfigError);
  CHECK_THROWS_AS(approval(3, std::vector<ApprovalBallot>{{1, {3}}}, true), toksim::ConfigError);
  const VoteResult d = approval(3, std::vector<ApprovalBallot>{{1, {0, 0}}, {2, {1}}, {4, {3}}});
  CHECK(d.scores == std::vector<double>{0, 2, 0});
  CHECK(d.scores_total == 7);
  CHECK(d.dropped == Sizes{0, 2});
}

TEST_CASE("models::voting: weighted splits each balance by its weights and rescales", "[models][voting]") {
  // 10 with {1, 1, 0} -> 5, 5, 0; 20 with {0, 1, 3} -> 0, 5, 15; 30 with {2, 0, 1} -> 20, 0, 10.
  // s = {25, 10, 25}, sum 60 = total, so the rescaling s / 60 * 60 leaves it.
  const std::vector<WeightedBallot> b{{10, {1, 1, 0}}, {20, {0, 1, 3}}, {30, {2, 0, 1}}};
  const VoteResult r = weighted(3, b);
  REQUIRE(r.scores.size() == 3);
  CHECK(r.scores[0] == Approx(25));
  CHECK(r.scores[1] == Approx(10));
  CHECK(r.scores[2] == Approx(25));
  CHECK(r.scores_total == 60);
  // Only ratios matter: {1, 1, 1} on 9 is 3 each, the same as {7, 7, 7}.
  const VoteResult t = weighted(3, std::vector<WeightedBallot>{{9, {7, 7, 7}}});
  CHECK(t.scores[0] == Approx(3));
  CHECK(t.scores[2] == Approx(3));
  // Zero balances only: sum of s is 0 -> all scores 0 (Snapshot's NaN -> 0).
  CHECK(weighted(2, std::vector<WeightedBallot>{{0, {1, 1}}}).scores == std::vector<double>{0, 0});
  CHECK_THROWS_AS(weighted(3, std::vector<WeightedBallot>{{1, {1, 1}}}, true), toksim::ConfigError);   // size
  CHECK_THROWS_AS(weighted(2, std::vector<WeightedBallot>{{1, {0, 0}}}, true), toksim::ConfigError);   // none > 0
  CHECK_THROWS_AS(weighted(2, std::vector<WeightedBallot>{{1, {-1, 2}}}, true), toksim::ConfigError);  // negative
  CHECK_THROWS_AS(quadratic(2, std::vector<WeightedBallot>{{1, {INFINITY, 1}}}, true), toksim::ConfigError);
  // Dropped by default: the scores are rescaled to the valid balances (9), the total keeps all (9 + 4 + 5).
  const VoteResult d = weighted(2, std::vector<WeightedBallot>{{9, {1, 2}}, {4, {0, 0}}, {5, {-1, 2}}});
  CHECK(d.scores[0] == Approx(3));
  CHECK(d.scores[1] == Approx(6));
  CHECK(d.scores_total == 18);
  CHECK(d.dropped == Sizes{1, 2});
  const VoteResult q = quadratic(2, std::vector<WeightedBallot>{{1, {INFINITY, 1}}});
  CHECK(q.scores == std::vector<double>{0, 0});
  CHECK(q.dropped == Sizes{0});
}

TEST_CASE("models::voting: quadratic is Snapshot's normalised Q_c", "[models][voting]") {
  // 8 with {1, 1, 0}: powers 4, 4, 0 -> roots 2, 2, 0.
  // 18 with {1, 0, 1}: powers 9, 0, 9 -> roots 3, 0, 3.
  // 36 with {0, 0, 5}: powers 0, 0, 36 -> roots 0, 0, 6.
  // Root sums 5, 2, 9 -> Q = 25, 4, 81 (sum 110); total 62; score_c = Q_c / 110 * 62.
  // (Weighted would give 13, 4, 45: quadratic moves power toward the broadly supported choice 0.)
  const std::vector<WeightedBallot> b{{8, {1, 1, 0}}, {18, {1, 0, 1}}, {36, {0, 0, 5}}};
  const VoteResult q = quadratic(3, b);
  CHECK(q.scores[0] == Approx(25.0 / 110.0 * 62.0));
  CHECK(q.scores[1] == Approx(4.0 / 110.0 * 62.0));
  CHECK(q.scores[2] == Approx(81.0 / 110.0 * 62.0));
  CHECK(q.scores_total == 62);
  CHECK(q.scores[0] + q.scores[1] + q.scores[2] == Approx(62));
  const VoteResult w = weighted(3, b);
  CHECK(w.scores[0] == Approx(13));
  CHECK(w.scores[1] == Approx(4));
  CHECK(w.scores[2] == Approx(45));
}

TEST_CASE("models::voting: ranked-choice with two elimination rounds", "[models][voting]") {
  // 40: 0 > 1 > 2 > 3;  25: 1 > 2 > 0 > 3;  20: 2 > 1 > 0 > 3;  15: 3 > 2 > 1 > 0. Total 100.
  // Round 1: 40, 25, 20, 15; 40 <= 50, 4 candidates -> drop 3 (15).
  // Round 2: the 15 go to 2: 40, 25, 35; no majority, 3 candidates -> drop 1 (25).
  // Round 3: the 25 go to 2: 0 = 40, 2 = 60 > 50 -> stop. The first-round leader loses.
  const std::vector<RankedBallot> b{{40, {0, 1, 2, 3}}, {25, {1, 2, 0, 3}}, {20, {2, 1, 0, 3}}, {15, {3, 2, 1, 0}}};
  const RankedChoiceResult r = ranked_choice(4, b);
  REQUIRE(r.rounds.size() == 3);
  CHECK(r.rounds[0].tallies == std::vector<double>{40, 25, 20, 15});
  CHECK(r.rounds[0].remaining == Sizes{0, 1, 2, 3});
  CHECK(r.rounds[0].eliminated == std::optional<std::size_t>(3));
  CHECK(r.rounds[1].tallies == std::vector<double>{40, 25, 35, 0});
  CHECK(r.rounds[1].remaining == Sizes{0, 1, 2});
  CHECK(r.rounds[1].eliminated == std::optional<std::size_t>(1));
  CHECK(r.rounds[2].tallies == std::vector<double>{40, 0, 60, 0});
  CHECK(r.rounds[2].remaining == Sizes{0, 2});
  CHECK_FALSE(r.rounds[2].eliminated.has_value());
  CHECK(r.scores == std::vector<double>{40, 0, 60, 0});
  CHECK(r.scores_total == 100);
}

TEST_CASE("models::voting: ranked-choice stops at once on a first-round majority", "[models][voting]") {
  // 60 > 100 / 2 in round 1: one round, the first-preference tallies are the scores.
  const std::vector<RankedBallot> b{{60, {0, 1, 2, 3}}, {20, {1, 0, 2, 3}}, {10, {2, 0, 1, 3}}, {10, {3, 0, 1, 2}}};
  const RankedChoiceResult r = ranked_choice(4, b);
  REQUIRE(r.rounds.size() == 1);
  CHECK_FALSE(r.rounds[0].eliminated.has_value());
  CHECK(r.scores == std::vector<double>{60, 20, 10, 10});
}

TEST_CASE("models::voting: ranked-choice stops when fewer than 3 candidates remain, even tied", "[models][voting]") {
  // 50: 0 > 1 > 2;  30: 1 > 0 > 2;  20: 2 > 1 > 0. Total 100.
  // Round 1: 50, 30, 20; 50 is not > 50, 3 candidates -> drop 2.
  // Round 2: the 20 go to 1: 50, 50. No majority, but only 2 candidates remain -> stop, tied.
  const std::vector<RankedBallot> b{{50, {0, 1, 2}}, {30, {1, 0, 2}}, {20, {2, 1, 0}}};
  const RankedChoiceResult r = ranked_choice(3, b);
  REQUIRE(r.rounds.size() == 2);
  CHECK(r.rounds[0].eliminated == std::optional<std::size_t>(2));
  CHECK_FALSE(r.rounds[1].eliminated.has_value());
  CHECK(r.scores == std::vector<double>{50, 50, 0});
  // Two choices: round 1 is final whatever the tallies.
  const RankedChoiceResult two = ranked_choice(2, std::vector<RankedBallot>{{5, {0, 1}}, {5, {1, 0}}});
  CHECK(two.rounds.size() == 1);
  CHECK(two.scores == std::vector<double>{5, 5});
  // No ballots: one round, no candidates, zero scores.
  const RankedChoiceResult none = ranked_choice(3, std::vector<RankedBallot>{});
  REQUIRE(none.rounds.size() == 1);
  CHECK(none.rounds[0].remaining.empty());
  CHECK(none.scores == std::vector<double>{0, 0, 0});
}

TEST_CASE("models::voting: ranked-choice drops the lowest index on a tie for last", "[models][voting]") {
  // 40: 0 > 1 > 2 > 3;  30: 1 > 0 > 2 > 3;  15: 2 > 1 > 0 > 3;  15: 3 > 1 > 0 > 2.
  // Round 1: 40, 30, 15, 15: 2 and 3 tie for last -> drop 2 (the lower index).
  // Round 2: 2's 15 go to 1: 40, 45, -, 15; 45 <= 50 -> drop 3.
  // Round 3: 3's 15 go to 1: 40, 60 -> stop.
  const std::vector<RankedBallot> b{{40, {0, 1, 2, 3}}, {30, {1, 0, 2, 3}}, {15, {2, 1, 0, 3}}, {15, {3, 1, 0, 2}}};
  const RankedChoiceResult r = ranked_choice(4, b);
  REQUIRE(r.rounds.size() == 3);
  CHECK(r.rounds[0].eliminated == std::optional<std::size_t>(2));
  CHECK(r.rounds[1].tallies == std::vector<double>{40, 45, 0, 15});
  CHECK(r.rounds[1].eliminated == std::optional<std::size_t>(3));
  CHECK(r.scores == std::vector<double>{40, 60, 0, 0});
}

TEST_CASE("models::voting: ranked-choice needs full rankings", "[models][voting]") {
  CHECK_THROWS_AS(ranked_choice(3, std::vector<RankedBallot>{{1, {0, 1}}}, true), toksim::ConfigError);     // partial
  CHECK_THROWS_AS(ranked_choice(3, std::vector<RankedBallot>{{1, {0, 1, 1}}}, true), toksim::ConfigError);  // repeat
  CHECK_THROWS_AS(ranked_choice(3, std::vector<RankedBallot>{{1, {0, 1, 3}}}, true), toksim::ConfigError);  // range
  CHECK_THROWS_AS(ranked_choice(3, std::vector<RankedBallot>{{-2, {0, 1, 2}}}), toksim::ConfigError);
  // Dropped by default; the majority threshold is half the VALID balances: 3 > (3 + 2) / 2 wins in round 1,
  // although 3 is not more than half of scores_total = 3 + 2 + 4.
  const RankedChoiceResult r =
      ranked_choice(3, std::vector<RankedBallot>{{3, {0, 1, 2}}, {4, {0, 1}}, {2, {1, 2, 0}}, {0.5, {2, 2, 0}}});
  CHECK(r.dropped == Sizes{1, 3});
  CHECK(r.scores_total == 9.5);
  REQUIRE(r.rounds.size() == 1);
  CHECK(r.scores == std::vector<double>{3, 2, 0});
  const RankedChoiceResult none = ranked_choice(2, std::vector<RankedBallot>{{1, {0}}});
  CHECK(none.rounds.size() == 1);
  CHECK(none.rounds[0].remaining.empty());
  CHECK(none.scores == std::vector<double>{0, 0});
}

TEST_CASE("models::voting: per-identity QV gives a Sybil sqrt(k) more votes", "[models][voting]") {
  // Honest: one identity spends 100 credits on choice 0 -> sqrt(100) = 10 votes.
  // Sybil: the same 100 credits split over 4 identities on choice 1 -> 4 * sqrt(25) = 20 votes: 2x = sqrt(4).
  std::vector<QvBallot> b{{{100, 0}}};
  for (int k = 0; k < 4; ++k) b.push_back({{0, 25}});
  const VoteResult r = quadratic_voting_per_identity(2, b);
  CHECK(r.scores[0] == Approx(10));
  CHECK(r.scores[1] == Approx(20));
  CHECK(r.scores[1] / r.scores[0] == Approx(std::sqrt(4.0)));
  CHECK(r.scores_total == 200);
  // 9 identities of 100 / 9 credits: 9 * sqrt(100 / 9) = 9 * 10 / 3 = 30 = 3x.
  std::vector<QvBallot> nine(9, QvBallot{{100.0 / 9.0}});
  CHECK(quadratic_voting_per_identity(1, nine).scores[0] == Approx(30));
  CHECK_THROWS_AS(quadratic_voting_per_identity(2, std::vector<QvBallot>{{{1}}}), toksim::ConfigError);
  CHECK_THROWS_AS(quadratic_voting_per_identity(1, std::vector<QvBallot>{{{-1}}}), toksim::ConfigError);
}

TEST_CASE("models::voting: token-weighted tally sums weights per support", "[models][voting]") {
  // support 0, 1, 2, 1 with weights 5, 7, 11, 13: against 5, for 7 + 13 = 20, abstain 11.
  const std::vector<std::uint8_t> s{0, 1, 2, 1};
  const std::vector<std::int64_t> w{5, 7, 11, 13};
  CHECK(token_weighted_tally(s, w) == TallyTotals{5, 20, 11});
  CHECK(token_weighted_tally({}, {}) == TallyTotals{});
  CHECK_THROWS_AS(token_weighted_tally(std::vector<std::uint8_t>{0, 3}, std::vector<std::int64_t>{1, 1}),
                  toksim::ConfigError);
  CHECK_THROWS_AS(token_weighted_tally(std::vector<std::uint8_t>{0, 1}, std::vector<std::int64_t>{1, -1}),
                  toksim::ConfigError);
  CHECK_THROWS_AS(token_weighted_tally(std::vector<std::uint8_t>{0}, std::vector<std::int64_t>{1, 1}),
                  toksim::ConfigError);
  // Two maximal weights For: 2 * (2^63 - 1) does not fit int64.
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  CHECK_THROWS_AS(token_weighted_tally(std::vector<std::uint8_t>{1, 1}, std::vector<std::int64_t>{kMax, kMax}),
                  MoneyError);
}

TEST_CASE("models::voting: token-weighted tally of 10^6 voters is the same on 1 and 2 threads", "[models][voting]") {
  constexpr std::size_t kN = 1'000'000;
  std::mt19937_64 rng(20240601);
  std::vector<std::uint8_t> s(kN);
  std::vector<std::int64_t> w(kN);
  TallyTotals serial;
  for (std::size_t v = 0; v < kN; ++v) {
    s[v] = static_cast<std::uint8_t>(rng() % 3);
    w[v] = static_cast<std::int64_t>(rng() % 1'000'000'000'000ULL);  // up to 1e6 tokens in base units
    (s[v] == 0 ? serial.against_votes : s[v] == 1 ? serial.for_votes : serial.abstain_votes) += w[v];
  }
  const oneapi::tbb::global_control allow(oneapi::tbb::global_control::max_allowed_parallelism, 2);
  TallyTotals one;
  TallyTotals two;
  oneapi::tbb::task_arena(1).execute([&] { one = token_weighted_tally(s, w); });
  oneapi::tbb::task_arena(2).execute([&] { two = token_weighted_tally(s, w); });
  CHECK(one == serial);
  CHECK(two == serial);
  CHECK(serial.for_votes > 0);
}
