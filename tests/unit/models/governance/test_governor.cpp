// Pins the OpenZeppelin Votes checkpoints and Governor 5.x lifecycle on hand-derived values: delegation moves
// power, undelegated balances have none, lookups at the exact second of a change (visible at t, not t - 1), the
// strict ERC5805FutureLookup rule, same-second changes collapsing into one checkpoint, implied genesis
// checkpoints (checked against the same state built operation by operation, as OZ would store it), the state
// boundaries Pending/Active/Defeated/Succeeded at snapshot, snapshot + 1, deadline, deadline + 1 (as OZ's
// Governor.test.js and GovernorTimelockControl.test.js pin them), the quorum floor and its equality case,
// for == against, the threshold read at now - 1, timelock eta and grace expiry, cancel only while Pending,
// checkpointed quorum numerators, late quorum, super quorum, fractional counting, the full transition history,
// and a million-holder smoke run. Leaves out calldata, signatures, proposal-id hashing and gas.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;
using toksim::sim::Time;
using PS = ProposalState;

namespace {

// Six holders, all self-delegated at t = 0: 40 + 30 + 20 + 20 + 10 + 0 = 120 votes.
Votes six_holders() {
  return Votes::genesis({Tokens(40), Tokens(30), Tokens(20), Tokens(20), Tokens(10), Tokens(0)}, 0);
}

// Voting delay 10 s, period 100 s, quorum 10% (floor(120 * 10 / 100) = 12), no timelock.
GovernorSettings base_settings() {
  GovernorSettings s;
  s.voting_delay = 10;
  s.voting_period = 100;
  s.quorum_numerator = 10;
  return s;
}

Transition tr(ProposalId id, std::optional<PS> from, PS to, Time t) { return Transition{id, from, to, t}; }
Tallies tl(std::int64_t against, std::int64_t for_votes, std::int64_t abstain) {
  return Tallies{Tokens(against), Tokens(for_votes), Tokens(abstain)};
}
Checkpoint cp(Time t, std::int64_t votes) { return Checkpoint{t, Tokens(votes)}; }

}  // namespace

TEST_CASE("models::votes: delegation, undelegated balances, checkpoint boundaries", "[models][governor][votes]") {
  Votes v(4);
  v.mint(0, Tokens(100), 10);
  v.mint(1, Tokens(50), 10);
  CHECK(v.get_votes(0) == Tokens(0));  // nobody delegated: no votes at all
  CHECK(v.total_supply() == Tokens(150));
  v.delegate(0, 2, 20);              // 2: 100
  v.delegate(1, 2, 30);              // 2: 150
  v.transfer(0, 3, Tokens(30), 40);  // 3 undelegated: 2 loses 30 -> 120
  v.transfer(1, 0, Tokens(10), 40);  // both delegate to 2: nothing moves
  v.delegate(0, 0, 50);              // 0 takes back its 80 -> 2: 40, 0: 80
  CHECK(v.balance(0) == Tokens(80));
  CHECK(v.balance(1) == Tokens(40));
  CHECK(v.balance(3) == Tokens(30));
  CHECK(v.get_votes(3) == Tokens(0));  // holds 30, delegates to nobody
  CHECK(v.get_votes(2) == Tokens(40));
  CHECK(v.get_votes(0) == Tokens(80));
  CHECK(v.delegates(3) == kNoDelegate);
  // A change at t is visible at t, not at t - 1.
  const Time now = 100;
  CHECK(v.get_past_votes(2, 19, now) == Tokens(0));
  CHECK(v.get_past_votes(2, 20, now) == Tokens(100));
  CHECK(v.get_past_votes(2, 29, now) == Tokens(100));
  CHECK(v.get_past_votes(2, 30, now) == Tokens(150));
  CHECK(v.get_past_votes(2, 39, now) == Tokens(150));
  CHECK(v.get_past_votes(2, 40, now) == Tokens(120));
  CHECK(v.get_past_votes(2, 49, now) == Tokens(120));
  CHECK(v.get_past_votes(2, 50, now) == Tokens(40));
  CHECK(v.get_past_votes(0, 49, now) == Tokens(0));
  CHECK(v.get_past_votes(0, 50, now) == Tokens(80));
  CHECK(v.num_checkpoints(2) == 4);  // (20,100) (30,150) (40,120) (50,40)
  CHECK(v.checkpoint(2, 2) == cp(40, 120));
  CHECK(v.num_checkpoints(1) == 0);
  CHECK(v.checkpointed_accounts() == 2);  // 0 and 2; 1 and 3 never had votes
  // ERC5805FutureLookup: t must be strictly before now.
  CHECK_THROWS_WITH(v.get_past_votes(2, 50, 50), Catch::Contains("ERC5805FutureLookup"));
  CHECK_THROWS_AS(v.get_past_total_supply(60, 60), VotesError);
  CHECK(v.get_past_votes(2, 50, 51) == Tokens(40));

  // Several changes in one second collapse into one checkpoint holding the last value.
  v.delegate(3, 0, 60);              // 0: 80 + 30 = 110
  v.transfer(0, 1, Tokens(20), 60);  // 0 -> 2 (1's delegate): 0: 90, 2: 60
  CHECK(v.num_checkpoints(0) == 2);  // (50,80) (60,90)
  CHECK(v.checkpoint(0, 1) == cp(60, 90));
  CHECK(v.get_past_votes(0, 59, 61) == Tokens(80));
  CHECK(v.get_past_votes(0, 60, 61) == Tokens(90));
  CHECK(v.get_past_votes(2, 60, 61) == Tokens(60));

  // Total supply: both mints at 10 are one checkpoint; the burn at 70 another. Burning from 3 (delegating to 0)
  // takes 30 votes from 0.
  v.burn(3, Tokens(30), 70);
  CHECK(v.supply_checkpoints() == 2);
  CHECK(v.get_past_total_supply(9, 71) == Tokens(0));
  CHECK(v.get_past_total_supply(10, 71) == Tokens(150));
  CHECK(v.get_past_total_supply(69, 71) == Tokens(150));
  CHECK(v.get_past_total_supply(70, 71) == Tokens(120));
  CHECK(v.get_votes(0) == Tokens(60));

  // Reverts change nothing.
  CHECK_THROWS_WITH(v.transfer(1, 2, Tokens(61), 80), Catch::Contains("ERC20InsufficientBalance"));
  CHECK_THROWS_AS(v.burn(3, Tokens(1), 80), VotesError);
  CHECK_THROWS_AS(v.mint(4, Tokens(1), 80), VotesError);  // unknown account
  CHECK_THROWS_AS(v.mint(0, Tokens(-1), 80), VotesError);
  CHECK_THROWS_WITH(v.mint(0, Tokens(1), 69), Catch::Contains("CheckpointUnorderedInsertion"));
  CHECK_THROWS_AS(v.mint(0, Tokens(1), 69), toksim::ModelError);
  CHECK(v.balance(1) == Tokens(60));
  CHECK(v.total_supply() == Tokens(120));
}

TEST_CASE("models::votes: genesis holders cost no checkpoint storage", "[models][governor][votes]") {
  Votes v = Votes::genesis({Tokens(100), Tokens(200), Tokens(0), Tokens(50)}, 1000);
  CHECK(v.checkpointed_accounts() == 0);
  CHECK(v.get_votes(1) == Tokens(200));
  CHECK(v.num_checkpoints(1) == 1);  // the one OZ would store, implied
  CHECK(v.checkpoint(1, 0) == cp(1000, 200));
  CHECK(v.num_checkpoints(2) == 0);  // balance 0: OZ moves nothing
  CHECK(v.get_past_votes(1, 999, 2000) == Tokens(0));
  CHECK(v.get_past_votes(1, 1000, 2000) == Tokens(200));
  CHECK(v.get_past_total_supply(999, 2000) == Tokens(0));
  CHECK(v.get_past_total_supply(1000, 2000) == Tokens(350));

  v.delegate(3, 1, 1100);  // 1: 250, 3: 0
  CHECK(v.checkpointed_accounts() == 2);
  CHECK(v.get_past_votes(1, 1099, 2000) == Tokens(200));
  CHECK(v.get_past_votes(1, 1100, 2000) == Tokens(250));
  CHECK(v.get_past_votes(3, 1099, 2000) == Tokens(50));
  CHECK(v.get_past_votes(3, 1100, 2000) == Tokens(0));

  // 2 (balance 0) delegates to 0: nothing moves. Then 0 pays 40 to 2: both delegate to 0, so 0 keeps 100 votes
  // although its balance drops to 60 (its votes are no longer "its own balance").
  v.delegate(2, 0, 1200);
  CHECK(v.checkpointed_accounts() == 2);
  v.transfer(0, 2, Tokens(40), 1300);
  CHECK(v.balance(0) == Tokens(60));
  CHECK(v.get_votes(0) == Tokens(100));
  CHECK(v.get_past_votes(0, 1300, 2000) == Tokens(100));
  v.delegate(2, 2, 1400);  // 40 moves from 0 to 2
  CHECK(v.get_votes(0) == Tokens(60));
  CHECK(v.get_votes(2) == Tokens(40));
  CHECK(v.get_past_votes(0, 1399, 2000) == Tokens(100));
  CHECK(v.get_past_votes(0, 1400, 2000) == Tokens(60));
  CHECK_THROWS_AS(v.delegate(0, 0, 999), toksim::ModelError);  // before genesis
}

TEST_CASE("models::votes: genesis equals the same state built operation by operation", "[models][governor][votes]") {
  // B is what OZ stores (a mint and a self-delegation per holder at t0); A the implied-checkpoint genesis. After
  // the same random operations every lookup, every checkpoint list and the supply history agree.
  std::mt19937_64 rng(7);
  const std::uint32_t n = 60;
  const Time t0 = 5;
  std::vector<Tokens> bal(n);
  for (std::uint32_t i = 0; i < n; ++i) bal[i] = Tokens(static_cast<std::int64_t>(rng() % 4) * 25);  // some 0
  Votes a = Votes::genesis(bal, t0);
  Votes b(n);
  for (std::uint32_t i = 0; i < n; ++i) b.mint(i, bal[i], t0);
  for (std::uint32_t i = 0; i < n; ++i) b.delegate(i, i, t0);
  Time t = t0;
  for (int step = 0; step < 3000; ++step) {
    if (rng() % 3 == 0) ++t;
    const auto x = static_cast<std::uint32_t>(rng() % n), y = static_cast<std::uint32_t>(rng() % n);
    switch (rng() % 5) {
      case 0: {
        const AccountId to = rng() % 8 == 0 ? kNoDelegate : y;
        a.delegate(x, to, t);
        b.delegate(x, to, t);
        break;
      }
      case 1:
      case 2: {
        const Tokens amt(static_cast<std::int64_t>(rng() % 3 == 0 ? 0 : rng() % (a.balance(x).raw() + 1)));
        a.transfer(x, y, amt, t);
        b.transfer(x, y, amt, t);
        break;
      }
      case 3: {
        const Tokens amt(static_cast<std::int64_t>(rng() % 20));
        a.mint(x, amt, t);
        b.mint(x, amt, t);
        break;
      }
      default: {
        const Tokens amt(static_cast<std::int64_t>(rng() % (a.balance(x).raw() + 1)));
        a.burn(x, amt, t);
        b.burn(x, amt, t);
        break;
      }
    }
  }
  CHECK(a.checkpointed_accounts() <= b.checkpointed_accounts());
  CHECK(a.supply_checkpoints() == b.supply_checkpoints());
  for (std::uint32_t i = 0; i < n; ++i) {
    INFO("account " << i);
    REQUIRE(a.balance(i) == b.balance(i));
    REQUIRE(a.get_votes(i) == b.get_votes(i));
    REQUIRE(a.num_checkpoints(i) == b.num_checkpoints(i));
    for (std::size_t k = 0; k < a.num_checkpoints(i); ++k) REQUIRE(a.checkpoint(i, k) == b.checkpoint(i, k));
    for (Time u = t0 - 1; u <= t; ++u) REQUIRE(a.get_past_votes(i, u, t + 1) == b.get_past_votes(i, u, t + 1));
  }
  for (Time u = t0 - 1; u <= t; ++u) CHECK(a.total_supply_at(u) == b.total_supply_at(u));
}

TEST_CASE("models::governor: state boundaries at snapshot and deadline", "[models][governor]") {
  Votes v = six_holders();
  Governor g(base_settings(), v);
  const ProposalId id = g.propose(0, "p", 1000);  // snapshot 1010, deadline 1110
  CHECK(id == 1);
  CHECK(g.proposal_snapshot(id) == 1010);
  CHECK(g.proposal_deadline(id) == 1110);
  CHECK(g.state(id, 1000) == PS::Pending);
  CHECK(g.state(id, 1010) == PS::Pending);  // snapshot >= now
  CHECK(g.state(id, 1011) == PS::Active);
  CHECK(g.state(id, 1110) == PS::Active);    // deadline >= now
  CHECK(g.state(id, 1111) == PS::Defeated);  // no votes
  CHECK_THROWS_WITH(g.cast_vote(id, 1, Support::For, 1010),
                    Catch::Contains("GovernorUnexpectedProposalState") && Catch::Contains("Pending"));
  CHECK(g.cast_vote(id, 1, Support::For, 1011) == Tokens(30));
  CHECK(g.cast_vote(id, 4, Support::For, 1110) == Tokens(10));  // last second
  CHECK_THROWS_WITH(g.cast_vote(id, 2, Support::Against, 1111), Catch::Contains("GovernorUnexpectedProposalState"));
  CHECK_THROWS_WITH(g.cast_vote(id, 1, Support::Against, 1111), Catch::Contains("GovernorUnexpectedProposalState"));
  CHECK(g.state(id, 1111) == PS::Succeeded);  // 40 >= 12, 40 > 0
  CHECK(g.tallies(id) == tl(0, 40, 0));
  CHECK_THROWS_WITH(g.state(2, 1111), Catch::Contains("GovernorNonexistentProposal"));
  // Settings changes do not move an existing proposal.
  g.set_voting_period(500);
  g.set_voting_delay(0);
  CHECK(g.proposal_deadline(id) == 1110);
  const ProposalId id2 = g.propose(0, "q", 2000);
  CHECK(id2 == 2);
  CHECK(g.proposal_snapshot(id2) == 2000);
  CHECK(g.proposal_deadline(id2) == 2500);
  CHECK(g.state(id2, 2000) == PS::Pending);
  CHECK(g.state(id2, 2001) == PS::Active);
  CHECK_THROWS_WITH(g.set_voting_period(0), Catch::Contains("GovernorInvalidVotingPeriod"));
}

TEST_CASE("models::governor: quorum floor, equality, abstain, ties", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  SECTION("below quorum") {
    Governor g(s, v);  // quorum floor(120 * 10 / 100) = 12
    CHECK(g.quorum(0) == Tokens(12));
    const auto id = g.propose(0, "", 100);
    g.cast_vote(id, 4, Support::For, 111);  // 10 < 12
    CHECK(g.state(id, 211) == PS::Defeated);
  }
  SECTION("for + abstain exactly at quorum passes, one more unit of quorum fails") {
    s.quorum_numerator = 25;  // 120 * 25 / 100 = 30
    Governor g(s, v);
    CHECK(g.quorum(0) == Tokens(30));
    const auto id = g.propose(0, "", 100);
    g.cast_vote(id, 2, Support::For, 111);      // 20
    g.cast_vote(id, 4, Support::Abstain, 111);  // 10: for + abstain = 30
    CHECK(g.state(id, 211) == PS::Succeeded);
    s.quorum_numerator = 26;  // floor(31.2) = 31
    Governor h(s, v);
    CHECK(h.quorum(0) == Tokens(31));
    const auto id2 = h.propose(0, "", 100);
    h.cast_vote(id2, 2, Support::For, 111);
    h.cast_vote(id2, 4, Support::Abstain, 111);
    CHECK(h.state(id2, 211) == PS::Defeated);
  }
  SECTION("for == against is Defeated, for > against by 1 unit Succeeded") {
    Governor g(s, v);
    const auto id = g.propose(0, "", 100);
    g.cast_vote(id, 2, Support::For, 111);      // 20
    g.cast_vote(id, 3, Support::Against, 111);  // 20
    CHECK(g.state(id, 211) == PS::Defeated);
    const auto id2 = g.propose(0, "", 300);
    g.cast_vote(id2, 1, Support::For, 311);      // 30
    g.cast_vote(id2, 2, Support::Against, 311);  // 20
    g.cast_vote(id2, 4, Support::Against, 311);  // 10: 30 vs 30
    CHECK(g.state(id2, 411) == PS::Defeated);
  }
  SECTION("simple counting: zero weight may vote, double votes revert") {
    Governor g(s, v);
    const auto id = g.propose(0, "", 100);
    CHECK(g.cast_vote(id, 5, Support::For, 111) == Tokens(0));
    CHECK(g.has_voted(id, 5));
    CHECK_THROWS_WITH(g.cast_vote(id, 5, Support::Against, 112), Catch::Contains("GovernorAlreadyCastVote"));
    g.cast_vote(id, 0, Support::Against, 112);
    CHECK_THROWS_WITH(g.cast_vote(id, 0, Support::For, 113), Catch::Contains("GovernorAlreadyCastVote"));
    CHECK_THROWS_WITH(g.cast_vote_fractional(id, 1, Tokens(1), Tokens(0), Tokens(0), 113),
                      Catch::Contains("GovernorInvalidVoteType"));
    CHECK(g.tallies(id) == tl(40, 0, 0));
    CHECK(g.voter_count(id) == 2);
  }
}

TEST_CASE("models::governor: proposal threshold reads votes at now - 1", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.proposal_threshold = Tokens(40);
  Governor g(s, v);
  CHECK(g.propose(0, "", 1000) == 1);  // 40 at 999
  CHECK_THROWS_WITH(g.propose(1, "", 1000), Catch::Contains("GovernorInsufficientProposerVotes") &&
                                                Catch::Contains("has 30 votes") && Catch::Contains("threshold 40"));
  v.delegate(2, 1, 2000);                                                      // 1: 50 from 2000 on
  CHECK_THROWS_WITH(g.propose(1, "", 2000), Catch::Contains("has 30 votes"));  // same second: not counted
  CHECK(g.propose(1, "", 2001) == 2);
  CHECK(g.proposal_count() == 2);
}

TEST_CASE("models::governor: timelock eta, execution and grace expiry", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.timelock_delay = 3600;
  s.grace_period = 86400;
  Governor g(s, v);
  const auto id = g.propose(0, "", 1000);
  g.cast_vote(id, 0, Support::For, 1011);
  CHECK_THROWS_WITH(g.queue(id, 1110), Catch::Contains("GovernorUnexpectedProposalState"));    // still Active
  CHECK_THROWS_WITH(g.execute(id, 1111), Catch::Contains("GovernorUnexpectedProposalState"));  // not queued (OZ 5.7)
  CHECK(g.queue(id, 1200) == 4800);
  CHECK(g.proposal_eta(id) == std::optional<Time>(4800));
  CHECK(g.state(id, 1200) == PS::Queued);
  CHECK_THROWS_WITH(g.queue(id, 1300), Catch::Contains("GovernorUnexpectedProposalState"));
  CHECK_THROWS_WITH(g.execute(id, 4799), Catch::Contains("TimelockUnexpectedOperationState"));
  g.execute(id, 4800);
  CHECK(g.state(id, 4800) == PS::Executed);
  CHECK_THROWS_WITH(g.execute(id, 4801), Catch::Contains("GovernorUnexpectedProposalState"));

  const auto id2 = g.propose(0, "", 5000);
  g.cast_vote(id2, 0, Support::For, 5011);
  CHECK(g.queue(id2, 5200) == 8800);
  CHECK(g.state(id2, 8800 + 86400 - 1) == PS::Queued);
  CHECK(g.state(id2, 8800 + 86400) == PS::Expired);  // now >= eta + grace
  CHECK_THROWS_WITH(g.execute(id2, 8800 + 86400), Catch::Contains("GovernorUnexpectedProposalState"));

  // Without a timelock: no queue, execute straight from Succeeded, never from Defeated.
  Governor h(base_settings(), v);
  const auto a = h.propose(0, "", 100000);
  const auto b = h.propose(0, "", 100000);
  h.cast_vote(a, 0, Support::For, 100011);
  CHECK_THROWS_WITH(h.queue(a, 100111), Catch::Contains("GovernorQueueNotImplemented"));
  CHECK_THROWS_WITH(h.execute(b, 100111), Catch::Contains("GovernorUnexpectedProposalState"));
  h.execute(a, 100111);
  CHECK(h.state(a, 100111) == PS::Executed);
}

TEST_CASE("models::governor: cancel only by the proposer while Pending", "[models][governor]") {
  Votes v = six_holders();
  Governor g(base_settings(), v);
  const auto id = g.propose(1, "", 1000);
  CHECK_THROWS_WITH(g.cancel(id, 0, 1005), Catch::Contains("GovernorUnableToCancel"));
  g.cancel(id, 1, 1010);  // the snapshot second is still Pending
  CHECK(g.state(id, 1010) == PS::Canceled);
  CHECK(g.state(id, 5000) == PS::Canceled);
  CHECK_THROWS_WITH(g.cast_vote(id, 0, Support::For, 1011), Catch::Contains("Canceled"));
  const auto id2 = g.propose(1, "", 2000);
  CHECK_THROWS_WITH(g.cancel(id2, 1, 2011), Catch::Contains("GovernorUnableToCancel") && Catch::Contains("Active"));
}

TEST_CASE("models::governor: a quorum numerator change spares earlier snapshots", "[models][governor]") {
  Votes v = six_holders();
  Governor g(base_settings(), v);
  const auto early = g.propose(0, "", 1000);    // snapshot 1010: numerator 10 -> quorum 12
  const auto pending = g.propose(0, "", 1045);  // snapshot 1055: after the change -> 60
  g.set_quorum_numerator(50, 1050);
  const auto late = g.propose(0, "", 1060);  // snapshot 1070 -> 60
  CHECK(g.quorum_numerator(1049) == 10);
  CHECK(g.quorum_numerator(1050) == 50);
  CHECK(g.quorum(1049) == Tokens(12));
  CHECK(g.quorum(1050) == Tokens(60));
  for (const auto id : {early, pending, late}) {
    g.cast_vote(id, 2, Support::For, 1071);  // 20
    g.cast_vote(id, 4, Support::For, 1071);  // 10: 30 for
  }
  CHECK(g.state(early, 2000) == PS::Succeeded);   // 30 >= 12
  CHECK(g.state(pending, 2000) == PS::Defeated);  // 30 < 60
  CHECK(g.state(late, 2000) == PS::Defeated);
  CHECK_THROWS_WITH(g.set_quorum_numerator(101, 2000), Catch::Contains("GovernorInvalidQuorumFraction"));
}

TEST_CASE("models::governor: late quorum extends the deadline once", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.late_quorum_extension = 50;
  Governor g(s, v);
  const auto late = g.propose(0, "", 1000);  // deadline 1110
  g.cast_vote(late, 4, Support::For, 1090);  // 10 < 12: no extension
  CHECK(g.proposal_deadline(late) == 1110);
  g.cast_vote(late, 3, Support::Against, 1100);  // for + abstain still 10
  CHECK(g.proposal_deadline(late) == 1110);
  g.cast_vote(late, 2, Support::For, 1100);  // 30 >= 12: extended to 1100 + 50
  CHECK(g.proposal_deadline(late) == 1150);
  g.cast_vote(late, 1, Support::For, 1140);  // no second extension
  CHECK(g.proposal_deadline(late) == 1150);
  CHECK(g.state(late, 1111) == PS::Active);
  CHECK(g.state(late, 1150) == PS::Active);
  CHECK(g.state(late, 1151) == PS::Succeeded);  // 60 for, 20 against

  const auto early = g.propose(0, "", 2000);  // deadline 2110
  g.cast_vote(early, 0, Support::For, 2020);  // quorum at 2020: 2070 < 2110, deadline unchanged
  CHECK(g.proposal_deadline(early) == 2110);
  CHECK(g.state(early, 2111) == PS::Succeeded);
}

TEST_CASE("models::governor: super quorum succeeds before the deadline", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.super_quorum_numerator = 50;  // floor(120 * 50 / 100) = 60
  Governor g(s, v);
  CHECK(g.super_quorum(0) == Tokens(60));
  const auto id = g.propose(0, "", 1000);
  g.cast_vote(id, 0, Support::For, 1020);      // 40 < 60
  g.cast_vote(id, 1, Support::Against, 1025);  // 30
  CHECK(g.state(id, 1025) == PS::Active);
  g.cast_vote(id, 2, Support::For, 1030);  // 60 >= 60 and 60 > 30
  CHECK(g.state(id, 1030) == PS::Succeeded);
  CHECK_THROWS_WITH(g.cast_vote(id, 3, Support::Against, 1031), Catch::Contains("Succeeded"));
  g.execute(id, 1031);  // no timelock: executable inside the voting period
  CHECK(g.state(id, 1031) == PS::Executed);

  // Super quorum without a strict majority stays Active, then is Defeated at the deadline (60 == 60).
  const auto id2 = g.propose(0, "", 2000);
  g.cast_vote(id2, 1, Support::Against, 2020);  // 30
  g.cast_vote(id2, 2, Support::Against, 2020);  // 50
  g.cast_vote(id2, 4, Support::Against, 2020);  // 60
  g.cast_vote(id2, 0, Support::For, 2020);      // 40
  g.cast_vote(id2, 3, Support::For, 2020);      // 60 >= 60, but not > 60
  CHECK(g.state(id2, 2020) == PS::Active);
  CHECK(g.state(id2, 2111) == PS::Defeated);
  const auto id3 = g.propose(0, "", 3000);
  g.cast_vote(id3, 0, Support::For, 3020);  // 40
  g.cast_vote(id3, 3, Support::For, 3020);  // 60 >= 60 ...
  CHECK(g.state(id3, 3020) == PS::Succeeded);
  CHECK_THROWS_WITH(g.set_super_quorum_numerator(9, 4000), Catch::Contains("GovernorInvalidSuperQuorumTooSmall"));
  CHECK_THROWS_WITH(g.set_quorum_numerator(51, 4000), Catch::Contains("GovernorInvalidQuorumTooLarge"));
  s.super_quorum_numerator = 5;
  CHECK_THROWS_AS((Governor(s, v)), toksim::ConfigError);
}

TEST_CASE("models::governor: fractional counting spends weight in parts", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.counting = Counting::Fractional;
  Governor g(s, v);
  const auto id = g.propose(0, "", 1000);
  CHECK(g.cast_vote_fractional(id, 0, Tokens(10), Tokens(5), Tokens(0), 1011) == Tokens(15));
  CHECK(g.has_voted(id, 0));
  CHECK(g.used_votes(id, 0) == Tokens(15));
  CHECK(g.cast_vote_fractional(id, 0, Tokens(0), Tokens(20), Tokens(5), 1012) == Tokens(25));  // 40 spent
  CHECK_THROWS_WITH(g.cast_vote_fractional(id, 0, Tokens(0), Tokens(1), Tokens(0), 1013),
                    Catch::Contains("GovernorAlreadyCastVote"));
  CHECK_THROWS_WITH(g.cast_vote_fractional(id, 1, Tokens(0), Tokens(31), Tokens(0), 1013),
                    Catch::Contains("GovernorExceedRemainingWeight") && Catch::Contains("remaining weight 30"));
  CHECK(g.cast_vote_fractional(id, 1, Tokens(10), Tokens(0), Tokens(0), 1013) == Tokens(10));
  CHECK(g.cast_vote(id, 1, Support::For, 1014) == Tokens(20));  // nominal: the remaining 20
  CHECK_THROWS_WITH(g.cast_vote(id, 1, Support::For, 1015), Catch::Contains("GovernorAlreadyCastVote"));
  // A zero weight has nothing to spend: OZ's fractional counting reverts.
  CHECK_THROWS_WITH(g.cast_vote(id, 5, Support::For, 1015), Catch::Contains("GovernorAlreadyCastVote"));
  CHECK_FALSE(g.has_voted(id, 5));
  CHECK_THROWS_WITH(g.cast_vote_fractional(id, 2, Tokens(-1), Tokens(0), Tokens(0), 1015),
                    Catch::Contains("GovernorInvalidVoteParams"));
  CHECK(g.cast_vote_fractional(id, 2, Tokens(0), Tokens(0), Tokens(0), 1015) == Tokens(0));  // allowed, spends 0
  CHECK_FALSE(g.has_voted(id, 2));
  CHECK(g.tallies(id) == tl(20, 45, 5));
  CHECK(g.state(id, 1111) == PS::Succeeded);  // 45 > 20, 50 >= 12
}

TEST_CASE("models::governor: history records every transition at its exact time", "[models][governor]") {
  Votes v = six_holders();
  GovernorSettings s = base_settings();
  s.timelock_delay = 3600;
  s.grace_period = 86400;
  Governor g(s, v);
  const auto p1 = g.propose(0, "", 1000);  // snapshot 1010, deadline 1110
  const auto p2 = g.propose(0, "", 1005);  // snapshot 1015, deadline 1115
  g.observe(1011);                         // p1 Active from 1011
  CHECK(g.history().size() == 3);
  g.cast_vote(p1, 0, Support::For, 1050);  // records p2 Active at 1016 first
  CHECK(g.queue(p1, 1200) == 4800);        // p1 Succeeded 1111, p2 Defeated 1116, p1 Queued 1200
  g.execute(p1, 5000);
  const auto p3 = g.propose(0, "", 5000);
  g.cancel(p3, 0, 5005);
  const auto p4 = g.propose(0, "", 6000);  // snapshot 6010, deadline 6110
  g.cast_vote(p4, 1, Support::For, 6020);
  g.observe(6200);  // Active 6011, Succeeded 6111
  CHECK(g.queue(p4, 6200) == 9800);
  g.observe(1'000'000);  // Expired at 9800 + 86400 = 96200
  const std::vector<Transition> expected = {
      tr(p1, std::nullopt, PS::Pending, 1000), tr(p2, std::nullopt, PS::Pending, 1005),
      tr(p1, PS::Pending, PS::Active, 1011),   tr(p2, PS::Pending, PS::Active, 1016),
      tr(p1, PS::Active, PS::Succeeded, 1111), tr(p2, PS::Active, PS::Defeated, 1116),
      tr(p1, PS::Succeeded, PS::Queued, 1200), tr(p1, PS::Queued, PS::Executed, 5000),
      tr(p3, std::nullopt, PS::Pending, 5000), tr(p3, PS::Pending, PS::Canceled, 5005),
      tr(p4, std::nullopt, PS::Pending, 6000), tr(p4, PS::Pending, PS::Active, 6011),
      tr(p4, PS::Active, PS::Succeeded, 6111), tr(p4, PS::Succeeded, PS::Queued, 6200),
      tr(p4, PS::Queued, PS::Expired, 96200),
  };
  CHECK(g.history() == expected);
  // Times never decrease; a time-driven change is the first second of the new state (p2 has no later flags).
  for (std::size_t k = 1; k < g.history().size(); ++k) CHECK(g.history()[k - 1].time <= g.history()[k].time);
  CHECK(g.state(p2, 1015) == PS::Pending);
  CHECK(g.state(p2, 1016) == PS::Active);
  CHECK(g.state(p2, 1115) == PS::Active);
  CHECK(g.state(p2, 1116) == PS::Defeated);
  CHECK_THROWS_AS(g.observe(999'999), toksim::ModelError);

  // Late quorum and super quorum transitions: the extended deadline + 1, and the vote's own second.
  s.late_quorum_extension = 50;
  s.super_quorum_numerator = 50;
  s.timelock_delay = 0;
  Governor h(s, v);
  const auto a = h.propose(0, "", 1000);  // deadline 1110 -> 1150 after quorum at 1100
  const auto b = h.propose(0, "", 1000);
  h.cast_vote(b, 0, Support::For, 1020);
  h.cast_vote(b, 3, Support::For, 1030);  // 60 >= 60: Succeeded at 1030
  h.cast_vote(a, 2, Support::For, 1100);  // 20 >= 12: deadline 1150
  h.observe(2000);
  const std::vector<Transition> expected_h = {
      tr(a, std::nullopt, PS::Pending, 1000), tr(b, std::nullopt, PS::Pending, 1000),
      tr(a, PS::Pending, PS::Active, 1011),   tr(b, PS::Pending, PS::Active, 1011),
      tr(b, PS::Active, PS::Succeeded, 1030), tr(a, PS::Active, PS::Succeeded, 1151),
  };
  CHECK(h.history() == expected_h);
}

TEST_CASE("models::governor: a million holders, ten thousand transfers, a million votes", "[models][governor]") {
  // Balances i % 100 + 1: the total is 10,000 * (1 + ... + 100) = 50,500,000.
  const std::uint32_t n = 1'000'000;
  std::vector<Tokens> bal(n);
  for (std::uint32_t i = 0; i < n; ++i) bal[i] = Tokens(i % 100 + 1);
  Votes v = Votes::genesis(bal, 0);
  CHECK(v.total_supply() == Tokens(50'500'000));
  for (std::uint32_t k = 0; k < 10'000; ++k) v.transfer(k * 100, k * 100 + 1, Tokens(1), 100 + k / 100);
  CHECK(v.checkpointed_accounts() == 20'000);  // sender and receiver of each, nobody else
  CHECK(v.checkpointed_accounts() * 50 == n);
  Governor g(base_settings(), v);
  const auto id = g.propose(7, "budget", 500);  // snapshot 510
  std::int64_t expect_for = 0, expect_against = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Support s = i % 3 == 0 ? Support::Against : Support::For;
    const Tokens w = g.cast_vote(id, i, s, 511 + i / 10'000);
    (s == Support::For ? expect_for : expect_against) += w.raw();
  }
  const Tallies t = g.tallies(id);
  CHECK(t.for_votes == Tokens(expect_for));
  CHECK(t.against_votes == Tokens(expect_against));
  CHECK(t.for_votes + t.against_votes + t.abstain_votes == Tokens(50'500'000));
  CHECK(g.voter_count(id) == n);
  CHECK(g.state(id, 611) == PS::Succeeded);
}
