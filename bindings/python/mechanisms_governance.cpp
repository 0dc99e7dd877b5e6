// Governance mechanisms in Python: OpenZeppelin Governor with its ERC20Votes checkpoints
// (toksim._core.mechanisms.governor), the Snapshot counting rules (.voting), quadratic funding
// (.quadratic_funding) and conviction voting (.conviction). Votes and stakes are int64 token base units, times
// seconds; the off-chain calculators (Snapshot, QF, conviction) are doubles as their originals, and take
// NumPy arrays (or lists) of balances.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mechanisms.hpp"
#include "toksim/models/governance/conviction.hpp"
#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/quadratic_funding.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/models/governance/voting.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

using models::AccountId;
using models::Tokens;

std::optional<AccountId> delegate_or_none(AccountId a) {
  if (a == models::kNoDelegate) return std::nullopt;
  return a;
}

models::Support support_of(int support) {
  if (support < 0 || support > 2) {
    throw ConfigError("GovernorInvalidVoteType: expected support 0 (Against), 1 (For) or 2 (Abstain), found " +
                      std::to_string(support));
  }
  return static_cast<models::Support>(support);
}

py::tuple tallies_tuple(const models::Tallies& t) {
  return py::make_tuple(t.against_votes, t.for_votes, t.abstain_votes);
}

py::dict settings_dict(const models::GovernorSettings& s) {
  py::dict d;
  d["voting_delay"] = s.voting_delay;
  d["voting_period"] = s.voting_period;
  d["proposal_threshold"] = s.proposal_threshold;
  d["quorum_numerator"] = s.quorum_numerator;
  d["quorum_denominator"] = s.quorum_denominator;
  d["timelock_delay"] = s.timelock_delay;
  d["grace_period"] = s.grace_period;
  d["late_quorum_extension"] = s.late_quorum_extension;
  d["super_quorum_numerator"] = s.super_quorum_numerator;
  d["counting"] = s.counting == models::Counting::Simple ? "simple" : "fractional";
  return d;
}

/// Rows of a 2-D array as vectors (ballot weights, credits, rankings).
template <class T, class A>
std::vector<T> row(const A& a, py::ssize_t i) {
  const py::ssize_t cols = a.shape(1);
  const auto* p = a.data() + i * cols;
  return std::vector<T>(p, p + cols);
}

std::size_t index_of(std::int64_t v, const char* what) {
  if (v < 0) throw ConfigError(std::string(what) + ": expected an index >= 0, found " + std::to_string(v));
  return static_cast<std::size_t>(v);
}

void same_length(py::ssize_t a, py::ssize_t b, const char* what) {
  if (a != b) {
    throw ConfigError(std::string(what) + ": expected one entry per ballot, found " + std::to_string(a) +
                      " balances and " + std::to_string(b) + " entries");
  }
}

/// A Snapshot choice index from Python: a negative one is a choice no proposal has, so it makes the ballot
/// invalid (dropped, or ConfigError when strict) rather than failing the conversion.
std::size_t choice_of(std::int64_t v, bool strict, const char* what) {
  if (v < 0 && !strict) return std::numeric_limits<std::size_t>::max();
  return index_of(v, what);
}

/// Ballot rows: a 2-D array (one row per ballot), or a list / tuple of 1-D rows of any lengths (a row of the
/// wrong length is an invalid ballot, as a Snapshot choice object naming a choice the proposal lacks).
template <class Convert>
void for_each_row(const ArrayLike& rows, Convert convert) {
  if (py::isinstance<py::list>(rows.obj) || py::isinstance<py::tuple>(rows.obj)) {
    for (py::handle r : rows.obj) convert(r);
    return;
  }
  convert(py::handle());  // the 2-D array case is the caller's
}

std::vector<models::WeightedBallot> weighted_ballots(const ArrayLike& balances, const ArrayLike& weights,
                                                     const char* what) {
  const auto b = float_array(balances.obj, what);
  std::vector<std::vector<double>> rows;
  for_each_row(weights, [&](py::handle r) {
    if (!r) {
      const auto w = float_array(weights.obj, what, 2);
      for (py::ssize_t i = 0; i < w.shape(0); ++i) rows.push_back(row<double>(w, i));
      return;
    }
    const auto w = float_array(r, what);
    rows.emplace_back(w.data(), w.data() + w.size());
  });
  same_length(b.size(), static_cast<py::ssize_t>(rows.size()), what);
  std::vector<models::WeightedBallot> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back({b.data()[i], std::move(rows[i])});
  return out;
}

void bind_vote_result(py::module_& m) {
  py::class_<models::VoteResult>(m, "VoteResult",
                                 "Per-choice scores and the total voting power of the ballots (Snapshot getScores "
                                 "/ getScoresTotal), 0-based choices")
      .def_property_readonly(
          "scores", [](const models::VoteResult& r) { return to_array(r.scores); }, "float64 array, one per choice")
      .def_readonly("scores_total", &models::VoteResult::scores_total,
                    "every ballot's balance, valid or not (getScoresTotal)")
      .def_readonly("dropped", &models::VoteResult::dropped,
                    "indices of the invalid ballots left out of the scores (empty when strict)")
      .def("__repr__", [](const models::VoteResult& r) {
        return "VoteResult(scores=" + py::repr(to_array(r.scores)).cast<std::string>() +
               ", scores_total=" + std::to_string(r.scores_total) + ")";
      });
  py::class_<models::RankedChoiceResult>(m, "RankedChoiceResult",
                                         "Instant-runoff result: the final round's tallies as scores, and every "
                                         "round (tallies, remaining candidates, the one eliminated or None)")
      .def_property_readonly("scores", [](const models::RankedChoiceResult& r) { return to_array(r.scores); })
      .def_readonly("scores_total", &models::RankedChoiceResult::scores_total)
      .def_readonly("dropped", &models::RankedChoiceResult::dropped, "indices of the invalid ballots")
      .def_property_readonly("rounds", [](const models::RankedChoiceResult& r) {
        py::list out;
        for (const models::IrvRound& k : r.rounds) {
          py::dict d;
          d["tallies"] = to_array(k.tallies);
          d["remaining"] = k.remaining;
          d["eliminated"] = k.eliminated;
          out.append(d);
        }
        return out;
      });
}

}  // namespace

void bind_governor(py::module_& m) {
  using models::Governor;
  using models::ProposalId;
  using models::ProposalState;
  using models::Votes;

  py::enum_<ProposalState>(m, "ProposalState", "IGovernor.ProposalState, same order")
      .value("Pending", ProposalState::Pending)
      .value("Active", ProposalState::Active)
      .value("Canceled", ProposalState::Canceled)
      .value("Defeated", ProposalState::Defeated)
      .value("Succeeded", ProposalState::Succeeded)
      .value("Queued", ProposalState::Queued)
      .value("Expired", ProposalState::Expired)
      .value("Executed", ProposalState::Executed);
  py::enum_<models::Support>(m, "Support", "GovernorCountingSimple.VoteType: 0 Against, 1 For, 2 Abstain",
                             py::arithmetic())
      .value("Against", models::Support::Against)
      .value("For", models::Support::For)
      .value("Abstain", models::Support::Abstain);

  py::class_<Votes>(
      m, "Votes",
      "Checkpointed voting power of a token, as OpenZeppelin ERC20Votes / Votes / Checkpoints 5.x: balances, "
      "delegation (nobody until delegate(); self-delegation is explicit) and the history of every delegate's votes "
      "and of the total supply. Accounts are ids 0..accounts-1, amounts int64 base units, times seconds that "
      "never go backwards (ModelError CheckpointUnorderedInsertion). A revert raises ConfigError with OZ's error "
      "name (ERC20InsufficientBalance, ERC5805FutureLookup, ...) and changes nothing.")
      .def(py::init<AccountId>(), py::arg("accounts") = 0, "`accounts` accounts with balance 0 and no delegate")
      .def_static(
          "genesis",
          [](const ArrayLike& balances, sim::Time t0, bool self_delegate) {
            const auto b = int_array(balances.obj, "genesis: balances");
            std::vector<Tokens> v(static_cast<std::size_t>(b.size()));
            for (py::ssize_t i = 0; i < b.size(); ++i) v[static_cast<std::size_t>(i)] = Tokens(b.data()[i]);
            return guarded([&] { return Votes::genesis(v, t0, self_delegate); });
          },
          py::arg("balances"), py::arg("t0"), py::arg("self_delegate") = true,
          "The state after minting balances[i] to account i (and, if self_delegate, each delegating to itself) at "
          "time t0, without a checkpoint per holder (millions of holders are cheap). balances: int64 array-like.")
      .def("add_accounts", guard(&Votes::add_accounts), py::arg("count"), "Adds accounts; returns the first id")
      .def_property_readonly("accounts", &Votes::accounts)
      .def_property_readonly("clock", &Votes::clock, "the time of the latest operation (seconds)")
      .def("balance", guard(&Votes::balance), py::arg("account"))
      .def(
          "delegates",
          [](const Votes& v, AccountId a) { return delegate_or_none(guarded([&] { return v.delegates(a); })); },
          py::arg("account"), "The account's delegate, or None")
      .def_property_readonly("total_supply", &Votes::total_supply)
      .def(
          "delegate",
          [](Votes& v, AccountId account, std::optional<AccountId> to, sim::Time t) {
            guarded([&] { v.delegate(account, to.value_or(models::kNoDelegate), t); });
          },
          py::arg("account"), py::arg("to"), py::arg("t"),
          "Votes._delegate: moves the account's whole balance from its old delegate to `to` (None: nobody).")
      .def(
          "transfer",
          [](Votes& v, AccountId sender, AccountId to, Tokens amount, sim::Time t) {
            guarded([&] { v.transfer(sender, to, amount, t); });
          },
          py::arg("sender"), py::arg("to"), py::arg("amount"), py::arg("t"),
          "ERC20 transfer: moves votes from delegates(sender) to delegates(to). Raises ConfigError "
          "ERC20InsufficientBalance.")
      .def("mint", guard(&Votes::mint), py::arg("to"), py::arg("amount"), py::arg("t"))
      .def("burn", guard(&Votes::burn), py::arg("account"), py::arg("amount"), py::arg("t"))
      .def("get_votes", guard(&Votes::get_votes), py::arg("account"), "Votes.getVotes: the current votes")
      .def("get_past_votes", guard(&Votes::get_past_votes), py::arg("account"), py::arg("t"), py::arg("now"),
           "Votes.getPastVotes(account, t) at time now: the votes after every operation at t. Raises ConfigError "
           "ERC5805FutureLookup unless t < now.")
      .def("get_past_total_supply", guard(&Votes::get_past_total_supply), py::arg("t"), py::arg("now"),
           "Votes.getPastTotalSupply(t) at time now (t < now).")
      .def("votes_at", guard(&Votes::votes_at), py::arg("account"), py::arg("t"),
           "The votes at the end of second t as recorded so far (no future check)")
      .def("total_supply_at", guard(&Votes::total_supply_at), py::arg("t"))
      .def("num_checkpoints", guard(&Votes::num_checkpoints), py::arg("account"))
      .def(
          "checkpoint",
          [](const Votes& v, AccountId a, std::size_t pos) {
            const models::Checkpoint c = guarded([&] { return v.checkpoint(a, pos); });
            return py::make_tuple(c.time, c.votes);
          },
          py::arg("account"), py::arg("pos"), "Votes.checkpoints(account, pos): (time, votes)")
      .def_property_readonly("checkpointed_accounts", &Votes::checkpointed_accounts)
      .def_property_readonly("supply_checkpoints", &Votes::supply_checkpoints);

  m.def(
      "quorum",
      [](const uint256& total_supply, const uint256& numerator, const uint256& denominator) {
        return guarded([&] { return models::quorum_fraction<uint512>(total_supply, numerator, denominator); });
      },
      py::arg("total_supply"), py::arg("numerator"), py::arg("denominator") = 100,
      "GovernorVotesQuorumFraction.quorum's arithmetic: Math.mulDiv(total_supply, numerator, denominator), "
      "rounded down, with an exact 512-bit product (the same template Governor.quorum runs on int64).\n\n"
      "total_supply: base units (wei), numerator / denominator: the quorum fraction (OZ's default denominator is "
      "100); Python ints in [0, 2**256 - 1].\n"
      "Raises ConfigError for a zero denominator; OverflowError 'MathOverflowedMulDiv' when the result exceeds "
      "2**256 - 1 (only if numerator > denominator), and for an argument outside uint256.");

  py::class_<Governor>(
      m, "Governor",
      "OpenZeppelin Governor 5.x as one configurable contract: voting delay and period, proposal threshold, "
      "checkpointed quorum fraction, simple or fractional counting, super quorum, late-quorum extension, "
      "timelock (TimelockControl) with optional grace expiry (TimelockCompound), and a record of every state change "
      "at its exact time. Replay it with propose / cast_vote / queue / execute and read state(id, t). Weights come "
      "from `votes` (kept alive by the governor), read at each proposal's snapshot. Clock: seconds, non-decreasing "
      "across recording calls. Proposal ids are 1, 2, 3... A revert raises ConfigError naming OZ's custom error.")
      .def(
          py::init([](const Votes& votes, sim::Time voting_delay, sim::Time voting_period, Tokens proposal_threshold,
                      std::uint64_t quorum_numerator, std::uint64_t quorum_denominator, sim::Time timelock_delay,
                      std::optional<sim::Time> grace_period, std::optional<sim::Time> late_quorum_extension,
                      std::optional<std::uint64_t> super_quorum_numerator, const std::string& counting) {
            models::GovernorSettings s;
            s.voting_delay = voting_delay;
            s.voting_period = voting_period;
            s.proposal_threshold = proposal_threshold;
            s.quorum_numerator = quorum_numerator;
            s.quorum_denominator = quorum_denominator;
            s.timelock_delay = timelock_delay;
            s.grace_period = grace_period;
            s.late_quorum_extension = late_quorum_extension;
            s.super_quorum_numerator = super_quorum_numerator;
            if (counting == "simple") {
              s.counting = models::Counting::Simple;
            } else if (counting == "fractional") {
              s.counting = models::Counting::Fractional;
            } else {
              throw ConfigError("governor: expected counting \"simple\" or \"fractional\", found \"" + counting + "\"");
            }
            return guarded([&] { return std::make_unique<Governor>(s, votes); });
          }),
          py::keep_alive<1, 2>(), py::arg("votes"), py::kw_only(), py::arg("voting_delay") = 0,
          py::arg("voting_period"), py::arg("proposal_threshold") = Tokens(0), py::arg("quorum_numerator") = 0,
          py::arg("quorum_denominator") = 100, py::arg("timelock_delay") = 0, py::arg("grace_period") = py::none(),
          py::arg("late_quorum_extension") = py::none(), py::arg("super_quorum_numerator") = py::none(),
          py::arg("counting") = "simple",
          "Seconds for every delay and period; proposal_threshold in base units (votes at now - 1); quorum = "
          "floor(supply(snapshot) * quorum_numerator / quorum_denominator); timelock_delay 0: no timelock; "
          "counting \"simple\" (GovernorCountingSimple) or \"fractional\" (GovernorCountingFractional). Raises "
          "ConfigError for settings out of range (GovernorInvalidVotingPeriod, GovernorInvalidQuorumFraction, ...).")
      .def("propose", guard(&Governor::propose), py::arg("proposer"), py::arg("description"), py::arg("now"),
           "Returns the new proposal's id; snapshot = now + voting_delay, deadline = snapshot + voting_period. "
           "Raises ConfigError GovernorInsufficientProposerVotes.")
      .def(
          "cast_vote",
          [](Governor& g, ProposalId proposal_id, AccountId voter, int support, sim::Time now) {
            return guarded([&] { return g.cast_vote(proposal_id, voter, support_of(support), now); });
          },
          py::arg("proposal_id"), py::arg("voter"), py::arg("support"), py::arg("now"),
          "Counts the voter's weight at the snapshot for support 0 Against, 1 For, 2 Abstain (or Support.*); "
          "returns the weight. Raises ConfigError GovernorUnexpectedProposalState (not Active), "
          "GovernorAlreadyCastVote, GovernorInvalidVoteType.")
      .def("cast_vote_fractional", guard(&Governor::cast_vote_fractional), py::arg("proposal_id"), py::arg("voter"),
           py::arg("against"), py::arg("for_votes"), py::arg("abstain"), py::arg("now"),
           "GovernorCountingFractional: spends part of the weight; returns against + for_votes + abstain. Raises "
           "ConfigError GovernorExceedRemainingWeight, GovernorInvalidVoteType (simple counting).")
      .def("queue", guard(&Governor::queue), py::arg("proposal_id"), py::arg("now"),
           "Requires Succeeded; returns eta = now + timelock_delay. Raises ConfigError "
           "GovernorProposalQueueingNotRequired "
           "without a timelock.")
      .def("execute", guard(&Governor::execute), py::arg("proposal_id"), py::arg("now"),
           "Marks the proposal Executed (Succeeded without timelock; Queued and eta <= now with one).")
      .def("cancel", guard(&Governor::cancel), py::arg("proposal_id"), py::arg("caller"), py::arg("now"),
           "Only the proposer, only while Pending (GovernorUnableToCancel).")
      .def("observe", guard(&Governor::observe), py::arg("now"), "Records the time-driven state changes due by now")
      .def_property_readonly(
          "history",
          [](const Governor& g) {
            py::list out;
            for (const models::Transition& t : g.history()) {
              out.append(py::make_tuple(t.proposal, t.from, t.to, t.time));
            }
            return out;
          },
          "Every state change as (proposal_id, from (None at creation), to, time), in time order")
      .def("state", guard(&Governor::state), py::arg("proposal_id"), py::arg("now"),
           "IGovernor.state at time now (a ProposalState)")
      .def("proposal_snapshot", guard(&Governor::proposal_snapshot), py::arg("proposal_id"))
      .def("proposal_deadline", guard(&Governor::proposal_deadline), py::arg("proposal_id"),
           "with the late-quorum extension, if any")
      .def("proposal_proposer", guard(&Governor::proposal_proposer), py::arg("proposal_id"))
      .def("proposal_eta", guard(&Governor::proposal_eta), py::arg("proposal_id"), "the eta set by queue(), or None")
      .def("proposal_description", guard(&Governor::proposal_description), py::arg("proposal_id"))
      .def(
          "tallies",
          [](const Governor& g, ProposalId id) { return tallies_tuple(guarded([&] { return g.tallies(id); })); },
          py::arg("proposal_id"), "proposalVotes(id): (against, for, abstain)")
      .def("has_voted", guard(&Governor::has_voted), py::arg("proposal_id"), py::arg("voter"))
      .def("used_votes", guard(&Governor::used_votes), py::arg("proposal_id"), py::arg("voter"))
      .def("voter_count", guard(&Governor::voter_count), py::arg("proposal_id"))
      .def_property_readonly("proposal_count", &Governor::proposal_count)
      .def("quorum", guard(&Governor::quorum), py::arg("t"),
           "floor(total_supply_at(t) * quorum_numerator(t) / denominator), base units")
      .def("quorum_numerator", &Governor::quorum_numerator, py::arg("t"))
      .def("super_quorum", guard(&Governor::super_quorum), py::arg("t"), "0 without a super quorum")
      .def("super_quorum_numerator", &Governor::super_quorum_numerator, py::arg("t"))
      .def_property_readonly(
          "settings", [](const Governor& g) { return settings_dict(g.settings()); }, "the settings now in force")
      .def("set_voting_delay", guard(&Governor::set_voting_delay), py::arg("delay"))
      .def("set_voting_period", guard(&Governor::set_voting_period), py::arg("period"))
      .def("set_proposal_threshold", guard(&Governor::set_proposal_threshold), py::arg("threshold"))
      .def("set_late_quorum_extension", guard(&Governor::set_late_quorum_extension), py::arg("extension"))
      .def("set_quorum_numerator", guard(&Governor::set_quorum_numerator), py::arg("numerator"), py::arg("now"),
           "Checkpointed at now: affects snapshots >= now")
      .def("set_super_quorum_numerator", guard(&Governor::set_super_quorum_numerator), py::arg("numerator"),
           py::arg("now"))
      .def_property_readonly("clock", &Governor::clock, "the latest now given to a recording call");
}

void bind_voting(py::module_& m) {
  bind_vote_result(m);
  constexpr const char* kInvalid =
      "\n\nInvalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in "
      "result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance "
      "always raises ConfigError.";
  m.def(
      "single_choice",
      [](std::size_t num_choices, const ArrayLike& balances, const ArrayLike& choices, bool strict) {
        const auto b = float_array(balances.obj, "single_choice: balances");
        const auto c = int_array(choices.obj, "single_choice: choices");
        same_length(b.size(), c.size(), "single_choice");
        std::vector<models::SingleChoiceBallot> v;
        v.reserve(static_cast<std::size_t>(b.size()));
        for (py::ssize_t i = 0; i < b.size(); ++i) {
          v.push_back({b.data()[i], choice_of(c.data()[i], strict, "single_choice")});
        }
        return models::single_choice(num_choices, v, strict);
      },
      py::arg("num_choices"), py::arg("balances"), py::arg("choices"), py::kw_only(), py::arg("strict") = false,
      (std::string("Snapshot single-choice ('basic'): score_c = sum of the balances of the valid ballots choosing "
                   "c. balances: voting power per ballot (floats); choices: one 0-based choice per ballot; one "
                   "outside [0, num_choices) makes the ballot invalid.") +
       kInvalid)
          .c_str());
  m.def(
      "approval",
      [](std::size_t num_choices, const ArrayLike& balances, const std::vector<std::vector<std::int64_t>>& approved,
         bool strict) {
        const auto b = float_array(balances.obj, "approval: balances");
        same_length(b.size(), static_cast<py::ssize_t>(approved.size()), "approval");
        std::vector<models::ApprovalBallot> v;
        v.reserve(approved.size());
        for (std::size_t i = 0; i < approved.size(); ++i) {
          models::ApprovalBallot x{b.data()[i], {}};
          for (const std::int64_t c : approved[i]) x.choices.push_back(choice_of(c, strict, "approval"));
          v.push_back(std::move(x));
        }
        return models::approval(num_choices, v, strict);
      },
      py::arg("num_choices"), py::arg("balances"), py::arg("approved"), py::kw_only(), py::arg("strict") = false,
      (std::string("Snapshot approval: score_c = sum of the balances of the valid ballots approving c (totals may "
                   "exceed the voting power). approved: per ballot, a list of 0-based choices (may be empty); an "
                   "index outside [0, num_choices) or a repeat makes the ballot invalid.") +
       kInvalid)
          .c_str());
  m.def(
      "weighted",
      [](std::size_t num_choices, const ArrayLike& balances, const ArrayLike& weights, bool strict) {
        return models::weighted(num_choices, weighted_ballots(balances, weights, "weighted"), strict);
      },
      py::arg("num_choices"), py::arg("balances"), py::arg("weights"), py::kw_only(), py::arg("strict") = false,
      (std::string("Snapshot weighted: each valid balance split by its ballot's weights, power_ic = (w_ic / W_i * "
                   "100) / 100 * b_i, then rescaled to the valid voting power, in Snapshot's operation order. "
                   "weights: a 2-D array, or a list of rows, one row per ballot; a row is valid with num_choices "
                   "finite weights >= 0, one of them > 0.") +
       kInvalid)
          .c_str());
  m.def(
      "quadratic",
      [](std::size_t num_choices, const ArrayLike& balances, const ArrayLike& weights, bool strict) {
        return models::quadratic(num_choices, weighted_ballots(balances, weights, "quadratic"), strict);
      },
      py::arg("num_choices"), py::arg("balances"), py::arg("weights"), py::kw_only(), py::arg("strict") = false,
      (std::string("Snapshot quadratic: Q_c = (sum_i sqrt(w_ic / W_i * b_i))^2 over the valid ballots, score_c = "
                   "V * (Q_c / sum_k Q_k) with V the valid voting power. weights as in weighted().") +
       kInvalid)
          .c_str());
  m.def(
      "ranked_choice",
      [](std::size_t num_choices, const ArrayLike& balances, const ArrayLike& rankings, bool strict) {
        const auto b = float_array(balances.obj, "ranked_choice: balances");
        std::vector<std::vector<std::size_t>> rows;
        const auto add = [&](const auto& r, py::ssize_t from, py::ssize_t to) {
          std::vector<std::size_t> x;
          for (py::ssize_t k = from; k < to; ++k) x.push_back(choice_of(r.data()[k], strict, "ranked_choice"));
          rows.push_back(std::move(x));
        };
        for_each_row(rankings, [&](py::handle r) {
          if (!r) {
            const auto a = int_array(rankings.obj, "ranked_choice: rankings", 2);
            for (py::ssize_t i = 0; i < a.shape(0); ++i) add(a, i * a.shape(1), (i + 1) * a.shape(1));
            return;
          }
          const auto a = int_array(r, "ranked_choice: rankings");
          add(a, 0, a.size());
        });
        same_length(b.size(), static_cast<py::ssize_t>(rows.size()), "ranked_choice");
        std::vector<models::RankedBallot> v;
        v.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) v.push_back({b.data()[i], std::move(rows[i])});
        return models::ranked_choice(num_choices, v, strict);
      },
      py::arg("num_choices"), py::arg("balances"), py::arg("rankings"), py::kw_only(), py::arg("strict") = false,
      (std::string("Snapshot ranked-choice (instant runoff, snapshot.js irv()) over the valid ballots: rounds tally "
                   "each ballot's first remaining preference; stop when the leader has > half the valid total or "
                   "fewer than 3 candidates remain; else drop the lowest (ties: the lowest index). rankings: a 2-D "
                   "int array or a list of rows, most preferred first; a row is valid when it is a permutation of "
                   "0..num_choices-1 (Snapshot requires full rankings).") +
       kInvalid)
          .c_str());
  m.def(
      "quadratic_voting_per_identity",
      [](std::size_t num_choices, const ArrayLike& credits) {
        const auto c = float_array(credits.obj, "quadratic_voting_per_identity: credits", 2);
        std::vector<models::QvBallot> v;
        v.reserve(static_cast<std::size_t>(c.shape(0)));
        for (py::ssize_t i = 0; i < c.shape(0); ++i) v.push_back({row<double>(c, i)});
        return models::quadratic_voting_per_identity(num_choices, v);
      },
      py::arg("num_choices"), py::arg("credits"),
      "Classic quadratic voting per identity: score_c = sum_i sqrt(credits_ic); scores_total = credits spent. "
      "credits: a 2-D array, one row per identity. A Sybil splitting k credits over n identities gains sqrt(n).");
  m.def(
      "token_weighted_tally",
      [](const ArrayLike& support, const ArrayLike& weight) {
        const auto s = int_array(support.obj, "token_weighted_tally: support");
        const auto w = int_array(weight.obj, "token_weighted_tally: weight");
        std::vector<std::uint8_t> s8(static_cast<std::size_t>(s.size()));
        for (py::ssize_t i = 0; i < s.size(); ++i) {
          const std::int64_t x = s.data()[i];
          if (x < 0 || x > 2) {
            throw ConfigError("token_weighted_tally: expected support 0 (Against), 1 (For) or 2 (Abstain), found " +
                              std::to_string(x) + " for voter " + std::to_string(i));
          }
          s8[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
        }
        const std::span<const std::int64_t> wspan(w.data(), static_cast<std::size_t>(w.size()));
        const models::TallyTotals t = guarded([&] {
          py::gil_scoped_release release;
          return models::token_weighted_tally(s8, wspan);
        });
        return py::make_tuple(t.against_votes, t.for_votes, t.abstain_votes);
      },
      py::arg("support"), py::arg("weight"),
      "Exact token-weighted tally: voter v adds weight[v] (int64 base units) to the total of support[v] (0 "
      "Against, 1 For, 2 Abstain); returns (against, for, abstain). Parallel with 128-bit partial sums: the same "
      "for any thread count; the GIL is released. Raises ConfigError for a support outside 0..2, a negative weight "
      "or different lengths; OverflowError when a total exceeds int64.");
}

void bind_quadratic_funding(py::module_& m) {
  py::class_<models::QfResult>(m, "QfResult", "Standard QF per project: raw = F_p - sum_i c_ip, match = the payout")
      .def_property_readonly("raw", [](const models::QfResult& r) { return to_array(r.raw); })
      .def_property_readonly("match", [](const models::QfResult& r) { return to_array(r.match); });
  py::class_<models::PairwiseQfResult>(m, "PairwiseQfResult",
                                       "Pairwise-bounded QF per project: raw pairwise sums, match, saturated")
      .def_property_readonly("raw", [](const models::PairwiseQfResult& r) { return to_array(r.raw); })
      .def_property_readonly("match", [](const models::PairwiseQfResult& r) { return to_array(r.match); })
      .def_readonly("saturated", &models::PairwiseQfResult::saturated);
  m.def(
      "standard_qf",
      [](const ArrayLikes& contributions, double pool, std::optional<double> cap_share, const std::string& rule,
         const std::string& formula) {
        std::vector<std::vector<double>> c;
        for (py::handle project : contributions.obj) {
          const auto a = float_array(project, "standard_qf: contributions");
          c.emplace_back(a.data(), a.data() + a.size());
        }
        models::QfPoolRule r = models::QfPoolRule::Normalize;
        if (rule == "scale_down_only") {
          r = models::QfPoolRule::ScaleDownOnly;
        } else if (rule != "normalize") {
          throw ConfigError("standard_qf: expected rule \"normalize\" or \"scale_down_only\", found \"" + rule + "\"");
        }
        models::QfFormula f = models::QfFormula::Subsidy;
        if (formula == "classic") {
          f = models::QfFormula::Classic;
        } else if (formula != "subsidy") {
          throw ConfigError("standard_qf: expected formula \"subsidy\" or \"classic\", found \"" + formula + "\"");
        }
        return models::standard_qf(c, pool, cap_share, r, f);
      },
      py::arg("contributions"), py::arg("pool"), py::arg("cap_share") = py::none(), py::arg("rule") = "normalize",
      py::arg("formula") = "subsidy",
      "Standard quadratic funding (Buterin-Hitzig-Weyl), F_p = (sum_i sqrt(c_ip))^2. formula \"subsidy\" (the "
      "default): raw_p = F_p - sum_i c_ip (0 for a lone contributor), as Gitcoin's qf-calculator "
      "(fundingutils.py standard_qf), grants-stack / pluralistic.js linearQF and clr.fund's FundingRound.sol "
      "(alpha * (V^2 - spent)); \"classic\": raw_p = F_p, each match proportional to (sum sqrt c)^2, as "
      "LoremLabs/quadratic-funding calculateQf (paid F_p * (pool / sum F) without a cap). rule \"normalize\" "
      "(qf-calculator; pluralistic.js ignoreSaturation): matches are shares of the raw sum times the pool; "
      "\"scale_down_only\" (pluralistic.js's default): raw matches paid as they are unless their sum exceeds the "
      "pool. cap_share in (0, 1]: per-project matching cap as a share of the pool, with qf-calculator's iterative "
      "redistribution (check_matching_cap).\n\n"
      "contributions: one array-like per project of its contributors' amounts (aggregate a donor's donations "
      "first); pool: the matching pool, same unit. Floats, as the Python original.");
  m.def(
      "check_matching_cap",
      [](const ArrayLike& shares, double cap) {
        const auto s = float_array(shares.obj, "check_matching_cap: shares");
        return to_array(models::check_matching_cap(std::vector<double>(s.data(), s.data() + s.size()), cap));
      },
      py::arg("shares"), py::arg("cap"),
      "qf-calculator check_matching_cap on shares of the pool: caps them at `cap` and redistributes the excess "
      "proportionally to the uncapped ones until none is above.");
  m.def(
      "pairwise_qf",
      [](std::size_t num_projects, const ArrayLike& contributors, const ArrayLike& projects, const ArrayLike& amounts,
         double pot, double threshold_m, const std::optional<ArrayLike>& trust, bool clr_log_bonus) {
        const auto who = int_array(contributors.obj, "pairwise_qf: contributors");
        const auto what = int_array(projects.obj, "pairwise_qf: projects");
        const auto amt = float_array(amounts.obj, "pairwise_qf: amounts");
        if (who.size() != what.size() || who.size() != amt.size()) {
          throw ConfigError("pairwise_qf: expected contributors, projects and amounts of one length, found " +
                            std::to_string(who.size()) + ", " + std::to_string(what.size()) + " and " +
                            std::to_string(amt.size()));
        }
        std::vector<models::Contribution> c;
        std::size_t people = 0;
        for (py::ssize_t i = 0; i < who.size(); ++i) {
          c.push_back({index_of(who.data()[i], "pairwise_qf: contributors"),
                       index_of(what.data()[i], "pairwise_qf: projects"), amt.data()[i]});
          people = std::max(people, c.back().contributor + 1);
        }
        std::vector<double> t;
        if (!trust) {
          t.assign(people, 1.0);
        } else {
          const auto ta = float_array(trust->obj, "pairwise_qf: trust");
          t.assign(ta.data(), ta.data() + ta.size());
        }
        return models::pairwise_qf(num_projects, c, pot, threshold_m, t, clr_log_bonus);
      },
      py::arg("num_projects"), py::arg("contributors"), py::arg("projects"), py::arg("amounts"), py::arg("pot"),
      py::arg("m") = 0.01, py::arg("trust") = py::none(), py::arg("clr_log_bonus") = false,
      "Pairwise-bounded QF (gitcoinco/gitcoin_cadcad_model misc/clr.py calculate_clr): raw_p = sum over pairs "
      "{i, j} of p's contributors of sqrt(c_ip c_jp) / (1 + P_ij / (m * max(t_i, t_j))), P_ij = sum_q sqrt(c_iq "
      "c_jq); if sum raw >= pot the matches are normalised to the pot (saturated).\n\n"
      "One entry per donation: contributors[k] gave amounts[k] to projects[k] (0-based ids; repeats are summed). "
      "m: the pairwise threshold M (qf-calculator's default 0.01); trust: t_i per contributor id (default all 1); "
      "clr_log_bonus: clr.py's under-saturation bonus raw * (1 + ln(pot / sum) / 100).");
  m.def(
      "passport_weight",
      [](const FloatOrArray& score, const FloatOrArray& s50, const FloatOrArray& s100) {
        return vectorized(&models::passport_weight, score, s50, s100);
      },
      py::arg("score"), py::arg("s50"), py::arg("s100"),
      "Gitcoin Passport eligibility weight (qf-calculator apply_voting_eligibility): 0 below s50, 0.5 -> 1.0 "
      "linearly from s50 to s100, 1 from s100 on. Floats or arrays (elementwise).");
}

void bind_conviction(py::module_& m) {
  using models::ConvictionPool;
  using models::ConvictionProposalId;
  using models::ConvictionVoterId;
  m.attr("D") = models::ConvictionParams::kD;
  m.attr("ONE_HUNDRED_PERCENT") = models::ConvictionParams::kOneHundredPercent;
  m.attr("ABSTAIN_PROPOSAL") = ConvictionPool::kAbstainProposal;
  m.attr("MAX_STAKED_PROPOSALS") = ConvictionPool::kMaxStakedProposals;

  m.def(
      "conviction",
      [](const FloatOrArray& y0, const FloatOrArray& x, const FloatOrArray& alpha, const FloatOrArray& t) {
        return vectorized(&models::conviction, y0, x, alpha, t);
      },
      py::arg("y0"), py::arg("x"), py::arg("alpha"), py::arg("t"),
      "Conviction after t steps of constant stake x from y0 (1Hive conviction-voting-cadcad): y_t = alpha^t * y0 "
      "+ x * (1 - alpha^t) / (1 - alpha), the closed form of y <- alpha * y + x (t may be fractional; steady "
      "state x / (1 - alpha)). Floats or NumPy arrays (broadcast elementwise). Raises ConfigError for alpha "
      "outside [0, 1), t < 0 or non-finite values.");
  m.def(
      "alpha_from_half_life",
      [](const FloatOrArray& t_half) { return vectorized(&models::alpha_from_half_life, t_half); }, py::arg("t_half"),
      "alpha = (1/2)^(1 / t_half): conviction of a removed stake halves in t_half steps (blocks). Float or array.");
  m.def(
      "half_life_from_alpha",
      [](const FloatOrArray& alpha) { return vectorized(&models::half_life_from_alpha, alpha); }, py::arg("alpha"),
      "t_half = ln(1/2) / ln(alpha), the inverse of alpha_from_half_life. Float or array.");
  m.def(
      "threshold",
      [](const FloatOrArray& rho, const FloatOrArray& beta, const FloatOrArray& supply_or_staked,
         const FloatOrArray& funds, const FloatOrArray& requested, const FloatOrArray& alpha) {
        return vectorized(&models::threshold, rho, beta, supply_or_staked, funds, requested, alpha);
      },
      py::arg("rho"), py::arg("beta"), py::arg("supply_or_staked"), py::arg("funds"), py::arg("requested"),
      py::arg("alpha"),
      "Trigger threshold (1Hive algorithm_overview.ipynb; ConvictionVoting.sol calculateThreshold): y*(r) = rho * "
      "S / ((1 - alpha) * (beta - r / R)^2) when r / R < beta, else +inf (also for R == 0). S: supply or total "
      "staked, R: funds, r: requested (same unit). Floats or arrays.");

  py::enum_<models::ConvictionStatus>(m, "ConvictionStatus")
      .value("Active", models::ConvictionStatus::Active)
      .value("Cancelled", models::ConvictionStatus::Cancelled)
      .value("Executed", models::ConvictionStatus::Executed);

  py::class_<ConvictionPool>(
      m, "ConvictionPool",
      "A conviction-voting funding pool, event-driven like 1Hive's ConvictionVoting.sol: each proposal stores "
      "(conviction_last, block_last) and brings conviction forward in closed form when its stake changes or it "
      "executes. Stakes, balances and funds are int64 token base units; time in seconds, blocks of block_seconds. "
      "The abstain proposal is id 1; proposals get ids from 2. A revert raises ConfigError and changes nothing.")
      .def(py::init([](Tokens funds, Tokens stake_token_supply, sim::Time block_seconds, std::uint64_t max_ratio,
                       std::uint64_t weight, std::uint64_t decay, std::uint64_t min_threshold_stake_percentage) {
             models::ConvictionParams p;
             p.decay = decay;
             p.max_ratio = max_ratio;
             p.weight = weight;
             p.min_threshold_stake_percentage = min_threshold_stake_percentage;
             return guarded([&] { return ConvictionPool(p, funds, stake_token_supply, block_seconds); });
           }),
           py::arg("funds"), py::arg("stake_token_supply"), py::arg("block_seconds"), py::kw_only(),
           py::arg("max_ratio"), py::arg("weight"), py::arg("decay") = models::ConvictionParams{}.decay,
           py::arg("min_threshold_stake_percentage") = 0,
           "The contract's integer parameters scaled by D = 10**7: alpha = decay / D (default 9,999,599: half-life "
           "~17,285 blocks), rho = weight / D, beta = max_ratio / D; min_threshold_stake_percentage scaled by "
           "10**18 = 100%. funds, supply: base units; block_seconds: seconds per block (1: t in seconds).")
      .def("add_proposal", guard(&ConvictionPool::add_proposal), py::arg("requested"),
           "Adds a proposal requesting `requested` base units (0: signalling); returns its id")
      .def("set_balance", guard(&ConvictionPool::set_balance), py::arg("voter"), py::arg("balance"), py::arg("now"),
           "Sets a voter's stake-token balance, withdrawing stake as _onTransfer when it falls below it")
      .def("stake", guard(&ConvictionPool::stake), py::arg("voter"), py::arg("proposal_id"), py::arg("amount"),
           py::arg("now"))
      .def("withdraw", guard(&ConvictionPool::withdraw), py::arg("voter"), py::arg("proposal_id"), py::arg("amount"),
           py::arg("now"))
      .def("conviction_at", guard(&ConvictionPool::conviction_at), py::arg("proposal_id"), py::arg("now"),
           "Conviction at now (base units), brought forward without storing it")
      .def("threshold_of", guard(&ConvictionPool::threshold_of), py::arg("proposal_id"),
           "calculateThreshold(requested); +inf unless max_ratio * funds > requested * D")
      .def("can_execute", guard(&ConvictionPool::can_execute), py::arg("proposal_id"), py::arg("now"))
      .def("execute", guard(&ConvictionPool::execute), py::arg("proposal_id"), py::arg("now"),
           "Pays the requested amount out of funds when conviction > threshold; returns it")
      .def("cancel", guard(&ConvictionPool::cancel), py::arg("proposal_id"))
      .def("add_funds", guard(&ConvictionPool::add_funds), py::arg("amount"))
      .def("set_funds", guard(&ConvictionPool::set_funds), py::arg("amount"))
      .def("set_stake_token_supply", guard(&ConvictionPool::set_stake_token_supply), py::arg("supply"))
      .def_property_readonly("funds", &ConvictionPool::funds)
      .def_property_readonly("total_staked", &ConvictionPool::total_staked)
      .def_property_readonly("effective_total_staked", guard(&ConvictionPool::effective_total_staked),
                             "max(total staked, supply * min_threshold_stake_percentage / 10**18)")
      .def_property_readonly("params",
                             [](const ConvictionPool& c) {
                               const models::ConvictionParams& p = c.params();
                               py::dict d;
                               d["decay"] = p.decay;
                               d["max_ratio"] = p.max_ratio;
                               d["weight"] = p.weight;
                               d["min_threshold_stake_percentage"] = p.min_threshold_stake_percentage;
                               d["alpha"] = p.alpha();
                               d["rho"] = p.rho();
                               d["beta"] = p.beta();
                               return d;
                             })
      .def("block_at", &ConvictionPool::block_at, py::arg("now"))
      .def("status", guard(&ConvictionPool::status), py::arg("proposal_id"))
      .def("requested", guard(&ConvictionPool::requested), py::arg("proposal_id"))
      .def("staked_on", guard(&ConvictionPool::staked_on), py::arg("proposal_id"))
      .def("voter_stake", guard(&ConvictionPool::voter_stake), py::arg("voter"), py::arg("proposal_id"))
      .def("voter_total_stake", guard(&ConvictionPool::voter_total_stake), py::arg("voter"))
      .def("balance", guard(&ConvictionPool::balance), py::arg("voter"))
      .def("voter_proposals", guard(&ConvictionPool::voter_proposals), py::arg("voter"))
      .def("conviction_last", guard(&ConvictionPool::conviction_last), py::arg("proposal_id"))
      .def("block_last", guard(&ConvictionPool::block_last), py::arg("proposal_id"));
}

}  // namespace toksim::python
