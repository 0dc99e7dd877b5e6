// Replays OpenZeppelin's own Governor test cases (Governor.test.js and the extensions' GovernorVotesQuorumFraction,
// GovernorCountingFractional, GovernorTimelockControl, GovernorTimelockCompound, GovernorPreventLateQuorum and
// GovernorSuperQuorum tests; data: tests/reference/openzeppelin-contracts/governor.json, 50 cases) through the C++
// Governor: states at the clocks the upstream test reads them, vote weights, tallies, fractional and used votes,
// quorum at a timepoint, snapshot / deadline / eta, the late-quorum extension and every revert by OZ's custom error
// name. One upstream transaction is one block (one second for the timelock fixtures); amounts are the upstream wei
// divided by the fixture's scale (exact). Leaves out signatures, calldata, id hashing, onlyGovernance, internal
// cancel and params encoding (PROVENANCE.md).
#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;
using toksim::sim::Time;

namespace {
const YAML::Node& data() {
  static const YAML::Node n = YAML::LoadFile(TOKSIM_SOURCE_DIR "/tests/reference/openzeppelin-contracts/governor.json");
  return n;
}

ProposalState state_named(const std::string& s) {
  for (int i = 0; i <= static_cast<int>(ProposalState::Executed); ++i) {
    if (name(static_cast<ProposalState>(i)) == s) return static_cast<ProposalState>(i);
  }
  FAIL("unknown state " << s);
  return ProposalState::Pending;
}

// Parses a decimal wei string and divides it by the scale, requiring an exact quotient that fits int64.
std::int64_t scaled(const std::string& wei, const std::string& scale) {
  using U = boost::multiprecision::checked_uint256_t;
  const U v(wei);
  const U s(scale);
  REQUIRE(v % s == U(0));
  const U q = v / s;
  REQUIRE(q <= U(std::numeric_limits<std::int64_t>::max()));
  return q.convert_to<std::int64_t>();
}

class Replay {
 public:
  explicit Replay(const std::string& fixture) {
    const YAML::Node& d = data();
    const YAML::Node fx = d["fixtures"][fixture];
    for (std::size_t i = 0; i < d["accounts"].size(); ++i) ids_[d["accounts"][i].as<std::string>()] = i;
    scale_ = fx["scale"].as<std::string>();
    propose_at_ = d["propose_at"].as<Time>();
    votes_ = std::make_unique<Votes>(static_cast<AccountId>(ids_.size()));
    Time t = fx["mint_at"].as<Time>();
    const AccountId minter = ids_.at(fx["mint"][0].as<std::string>());
    votes_->mint(minter, Tokens(amount(fx["mint"][1])), t);
    for (const auto& dl : fx["delegations"]) {  // GovernorHelper.delegate: self-delegate, then the transfer
      ++t;
      const AccountId v = ids_.at(dl[0].as<std::string>());
      votes_->delegate(v, v, t);
      votes_->transfer(minter, v, Tokens(amount(dl[1])), t);
    }
    REQUIRE(t < propose_at_);
    const YAML::Node s = fx["settings"];
    GovernorSettings gs;
    gs.voting_delay = s["voting_delay"].as<Time>();
    gs.voting_period = s["voting_period"].as<Time>();
    gs.proposal_threshold = Tokens(amount(s["proposal_threshold"]));
    gs.quorum_numerator = s["quorum_numerator"].as<std::uint64_t>();
    if (s["timelock_delay"]) gs.timelock_delay = s["timelock_delay"].as<Time>();
    if (s["grace_period"]) gs.grace_period = s["grace_period"].as<Time>();
    if (s["late_quorum_extension"]) gs.late_quorum_extension = s["late_quorum_extension"].as<Time>();
    if (s["super_quorum_numerator"]) gs.super_quorum_numerator = s["super_quorum_numerator"].as<std::uint64_t>();
    if (s["counting"] && s["counting"].as<std::string>() == "fractional") gs.counting = Counting::Fractional;
    gov_ = std::make_unique<Governor>(gs, *votes_);
  }

  std::int64_t amount(const YAML::Node& wei) const { return scaled(wei.as<std::string>(), scale_); }
  AccountId account(const YAML::Node& n) const { return ids_.at(n.as<std::string>()); }

  Time time(const YAML::Node& at) const {
    const auto anchor = at[0].as<std::string>();
    const auto offset = at[1].as<Time>();
    if (anchor == "P") return propose_at_ + offset;
    if (anchor == "snapshot") return gov_->proposal_snapshot(kId) + offset;
    if (anchor == "deadline") return gov_->proposal_deadline(kId) + offset;
    REQUIRE(anchor == "eta");
    REQUIRE(gov_->proposal_eta(kId).has_value());
    return *gov_->proposal_eta(kId) + offset;
  }

  // Runs a transaction step; returns the weight counted for votes (0 otherwise).
  std::int64_t run(const YAML::Node& st) {
    const auto op = st["op"].as<std::string>();
    Governor& g = *gov_;
    if (op == "propose") {
      g.propose(account(st["proposer"]), "<proposal description>", time(st["at"]));
    } else if (op == "vote") {
      return g.cast_vote(kId, account(st["voter"]), static_cast<Support>(st["support"].as<int>()), time(st["at"]))
          .raw();
    } else if (op == "vote_fractional") {
      const YAML::Node p = st["parts"];
      return g
          .cast_vote_fractional(kId, account(st["voter"]), Tokens(amount(p[0])), Tokens(amount(p[1])),
                                Tokens(amount(p[2])), time(st["at"]))
          .raw();
    } else if (op == "queue") {
      g.queue(kId, time(st["at"]));
    } else if (op == "execute") {
      g.execute(kId, time(st["at"]));
    } else if (op == "cancel") {
      g.cancel(kId, account(st["caller"]), time(st["at"]));
    } else if (op == "set_proposal_threshold") {
      g.set_proposal_threshold(Tokens(amount(st["value"])));
    } else if (op == "set_quorum_numerator") {
      g.set_quorum_numerator(st["value"].as<std::uint64_t>(), time(st["at"]));
    } else if (op == "set_late_quorum_extension") {
      g.set_late_quorum_extension(st["value"].as<Time>());
    } else {
      FAIL("unknown op " << op);
    }
    return 0;
  }

  // Checks a query step; false when the step is a transaction.
  bool check(const YAML::Node& st) const {
    const auto op = st["op"].as<std::string>();
    const YAML::Node want = st["expect"];
    const Governor& g = *gov_;
    if (op == "state") {
      CHECK(g.state(kId, time(st["at"])) == state_named(want.as<std::string>()));
    } else if (op == "snapshot") {
      CHECK(g.proposal_snapshot(kId) == time(want));
    } else if (op == "deadline") {
      CHECK(g.proposal_deadline(kId) == time(want));
    } else if (op == "eta") {
      const auto eta = g.proposal_eta(kId);
      if (want.IsNull()) {
        CHECK_FALSE(eta.has_value());
      } else if (want.IsScalar() && want.as<std::string>() == "nonzero") {
        CHECK((eta.has_value() && *eta != 0));
      } else {
        CHECK(eta == std::optional<Time>(time(want)));
      }
    } else if (op == "tallies") {
      CHECK(g.tallies(kId) == Tallies{Tokens(amount(want[0])), Tokens(amount(want[1])), Tokens(amount(want[2]))});
    } else if (op == "has_voted") {
      CHECK(g.has_voted(kId, account(st["voter"])) == want.as<bool>());
    } else if (op == "used_votes") {
      CHECK(g.used_votes(kId, account(st["voter"])).raw() == amount(want));
    } else if (op == "quorum") {
      const Time t = st["t"].IsSequence() ? time(st["t"]) : st["t"].as<Time>();
      CHECK(t < time(st["at"]));  // OZ reads quorum at a past timepoint only
      CHECK(g.quorum(t).raw() == amount(want));
    } else if (op == "super_quorum") {
      CHECK(g.super_quorum(st["t"].as<Time>()).raw() == amount(want));
    } else if (op == "quorum_numerator") {
      CHECK(g.quorum_numerator(Time{1} << 62) == want.as<std::uint64_t>());
    } else {
      return false;
    }
    return true;
  }

 private:
  static constexpr ProposalId kId = 1;  // the upstream test's one proposal is the first
  std::map<std::string, AccountId> ids_;
  std::string scale_;
  Time propose_at_ = 0;
  std::unique_ptr<Votes> votes_;
  std::unique_ptr<Governor> gov_;
};
}  // namespace

TEST_CASE("models::governor reference: OpenZeppelin Governor test cases", "[models][governor][reference]") {
  const YAML::Node& d = data();
  REQUIRE(d["cases"].size() == 50);
  for (const auto& c : d["cases"]) {
    const auto test = c["fixture"].as<std::string>() + ": " + c["test"].as<std::string>();
    CAPTURE(test);
    Replay r(c["fixture"].as<std::string>());
    int i = 0;
    for (const auto& st : c["steps"]) {
      CAPTURE(i++, st["op"].as<std::string>());
      if (r.check(st)) continue;
      if (st["error"]) {
        auto err = st["error"].as<std::string>();
        if (d["error_aliases"][err]) err = d["error_aliases"][err].as<std::string>();
        CHECK_THROWS_WITH(r.run(st), Catch::StartsWith(err));
        continue;
      }
      const std::int64_t got = r.run(st);
      if ((st["op"].as<std::string>() == "vote" || st["op"].as<std::string>() == "vote_fractional") && st["expect"]) {
        CHECK(got == r.amount(st["expect"]));
      }
    }
  }
}
