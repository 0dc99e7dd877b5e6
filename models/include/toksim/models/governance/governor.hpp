// On-chain token governance as OpenZeppelin Governor 5.x composes it: proposals with a voting delay and period,
// checkpointed vote weights, simple or fractional counting, a checkpointed quorum fraction, an optional super
// quorum, late-quorum extension and timelock, plus a record of every proposal state change with its exact time.
// Sources (OpenZeppelin/openzeppelin-contracts 5.x, contracts/governance): Governor.sol, extensions/
// GovernorSettings.sol, GovernorVotes.sol, GovernorVotesQuorumFraction.sol, GovernorCountingSimple.sol,
// GovernorCountingFractional.sol, GovernorSuperQuorum.sol, GovernorVotesSuperQuorumFraction.sol,
// GovernorPreventLateQuorum.sol, GovernorTimelockControl.sol (+ TimelockController.sol),
// GovernorTimelockCompound.sol (Expired after the grace period).
//
// Departures from OZ:
//  - Clock: sim::Time seconds, passed as `now` to every call (the ERC-6372 timestamp mode). OZ's comparisons are
//    kept: Pending while snapshot >= now (Active from snapshot + 1), Active while deadline >= now.
//  - Proposal ids are sequential (1, 2, 3, ...; 0 is never an id) instead of hash(targets, values, calldatas,
//    descriptionHash), so the same description may be proposed twice; the description is only stored.
//  - No calldata: execute() marks the proposal Executed and returns; the simulation applies the effects.
//  - One contract, configured by GovernorSettings: timelock_delay > 0 behaves as GovernorTimelockControl with a
//    TimelockController of that min delay (queue() schedules, eta = now + delay; execute() needs Queued and
//    eta <= now); grace_period adds GovernorTimelockCompound's Expired (Queued and now >= eta + grace);
//    timelock_delay == 0 is a Governor without timelock (execute straight from Succeeded, queue() reverts
//    GovernorProposalQueueingNotRequired, OZ 5.7's name). counting picks GovernorCountingSimple or GovernorCountingFractional.
//  - No proposer-suffix check on descriptions (#proposer=), no signatures, no reasons or params bytes,
//    no relay, no onlyGovernance: setters are plain calls. The late-quorum extension is bounded by the voting
//    period where it is set (OZ 5.7 GovernorPreventLateQuorumVoteExtensionTooLarge).
//  - Reverts are toksim::models::GovernorError whose message starts with OZ's custom error name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "toksim/models/governance/votes.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// A Governor revert. The message starts with OZ's error name and says what was expected and found, e.g.
/// "GovernorInsufficientProposerVotes: proposer 3 has 99 votes, threshold 100".
class GovernorError : public Error {
 public:
  using Error::Error;
};

using ProposalId = std::uint64_t;

/// IGovernor.ProposalState, same order.
enum class ProposalState { Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired, Executed };
std::string_view name(ProposalState s) noexcept;

/// GovernorCountingSimple.VoteType.
enum class Support : std::uint8_t { Against = 0, For = 1, Abstain = 2 };

enum class Counting {
  Simple,      ///< GovernorCountingSimple: one vote per account, with all its weight (0 allowed)
  Fractional,  ///< GovernorCountingFractional: votes in parts until the weight is spent
};

struct GovernorSettings {
  sim::Time voting_delay = 0;          ///< snapshot = propose time + voting_delay (>= 0)
  sim::Time voting_period = 0;         ///< deadline = snapshot + voting_period (> 0: GovernorInvalidVotingPeriod)
  Tokens proposal_threshold{0};        ///< votes the proposer needs at now - 1 (0: no check)
  std::uint64_t quorum_numerator = 0;  ///< quorum(t) = floor(supply(t) * numerator(t) / denominator)
  std::uint64_t quorum_denominator = 100;
  sim::Time timelock_delay = 0;                         ///< 0: no timelock, execute straight from Succeeded
  std::optional<sim::Time> grace_period;                ///< Compound-style expiry of Queued at eta + grace (> 0)
  std::optional<sim::Time> late_quorum_extension;       ///< GovernorPreventLateQuorum's vote extension (>= 0)
  std::optional<std::uint64_t> super_quorum_numerator;  ///< GovernorVotesSuperQuorumFraction (same denominator)
  Counting counting = Counting::Simple;
};

/// GovernorVotesQuorumFraction.quorum's arithmetic, Math.mulDiv(supply, numerator, denominator) rounded down, on
/// any integer types, with the product in Wide, an unsigned type wide enough for supply * numerator (so it is
/// exact, as mulDiv's 512-bit product): Governor::quorum and super_quorum use Int = int64 with uint64 numerators
/// and Wide = u128; the Python bindings use Boost's uint256 for everything and a uint512 product.
/// @throws ConfigError for a zero denominator (mulDiv's division by zero); MoneyError "MathOverflowedMulDiv"
///         when the quotient does not fit Int (never when numerator <= denominator).
template <class Wide, class Int, class Frac>
Int quorum_fraction(const Int& supply, const Frac& numerator, const Frac& denominator) {
  if (denominator == 0) throw ConfigError("governor: quorum: expected a quorum denominator > 0, found 0");
  if (supply < 0) {
    throw ConfigError("governor: quorum: expected a total supply >= 0, found " + detail::int_text(supply));
  }
  const Wide q = Wide(supply) * Wide(numerator) / Wide(denominator);
  if (q > Wide(std::numeric_limits<Int>::max())) {
    throw MoneyError("governor: quorum: MathOverflowedMulDiv: " + detail::int_text(supply) + " * " +
                     detail::int_text(numerator) + " / " + detail::int_text(denominator) + " exceeds " +
                     detail::int_text(std::numeric_limits<Int>::max()));
  }
  return static_cast<Int>(q);
}

/// proposalVotes(id): against, for, abstain.
struct Tallies {
  Tokens against_votes;
  Tokens for_votes;
  Tokens abstain_votes;
  friend bool operator==(const Tallies&, const Tallies&) = default;
};

/// A state change of one proposal at `time` (the first second in which state(id, time) returns `to`).
/// `from` is empty for the creation (propose) of the proposal.
struct Transition {
  ProposalId proposal = 0;
  std::optional<ProposalState> from;
  ProposalState to = ProposalState::Pending;
  sim::Time time = 0;
  friend bool operator==(const Transition&, const Transition&) = default;
};

/// The Governor. It reads weights and supply from `votes`, which must outlive it and share its clock: the
/// token must not receive operations at times earlier than a `now` already given to the governor.
///
/// Rules (OZ 5.x):
///  - propose: if proposal_threshold > 0, votes.get_past_votes(proposer, now - 1, now) >= threshold, else
///    GovernorInsufficientProposerVotes. snapshot = now + voting_delay, deadline = snapshot + voting_period,
///    both fixed at propose time (later setting changes do not move them).
///  - state(id, now): Executed flag -> Canceled flag -> Pending while snapshot >= now -> Active while
///    deadline >= now (unless the super quorum is met: for >= superQuorum(snapshot) and for > against, then as
///    after the deadline) -> Defeated unless quorum(snapshot) <= for + abstain and for > against ->
///    Succeeded without eta -> Expired if grace is set and now >= eta + grace -> Queued.
///  - Votes: only while Active (GovernorUnexpectedProposalState); weight = votes.get_past_votes(voter,
///    snapshot, now). Simple: one vote per voter (GovernorAlreadyCastVote), a 0 weight may vote and counts 0.
///    Fractional: a voter may vote again until weight - used == 0 (then GovernorAlreadyCastVote, so a 0 weight
///    cannot vote); a part vote needs against + for + abstain <= weight - used (GovernorExceedRemainingWeight);
///    a nominal vote (cast_vote) spends all the remaining weight.
///  - Late quorum: after each vote, the first time quorum is reached, extended = now + late_quorum_extension
///    (the setting in force then); proposal_deadline = max(snapshot + period, extended).
///  - quorum(t) = mulDiv(totalSupply(t), quorumNumerator(t), denominator); numerators are checkpointed at the
///    `now` of set_*_numerator (a change at now affects snapshots >= now).
///
/// History: every state change is recorded once, with the time it first held. Operations (propose, cast_vote,
/// queue, execute, cancel, set_*) and observe(now) first record all time-driven changes due by `now` for every
/// live proposal (Pending -> Active at snapshot + 1, Active -> Defeated/Succeeded at deadline + 1,
/// Queued -> Expired at eta + grace), oldest first, then the changes they cause at `now` (creation, Canceled,
/// Succeeded by super quorum, Queued, Executed). These calls need non-decreasing `now` (toksim::ModelError
/// otherwise), so history() is in time order. state() and the other const queries record nothing.
class Governor {
 public:
  /// @throws ConfigError for settings out of range (see GovernorSettings; a quorum numerator above the
  ///         denominator, a super quorum numerator below the quorum numerator or above the denominator).
  Governor(const GovernorSettings& settings, const Votes& votes);

  /// Returns the new proposal's id. @throws GovernorError "GovernorInsufficientProposerVotes"; VotesError for
  /// an unknown proposer; ModelError when now goes backwards.
  ProposalId propose(AccountId proposer, std::string description, sim::Time now);
  /// Returns the weight counted. @throws GovernorError (GovernorNonexistentProposal,
  /// GovernorUnexpectedProposalState, GovernorAlreadyCastVote).
  Tokens cast_vote(ProposalId id, AccountId voter, Support support, sim::Time now);
  /// Fractional counting only (GovernorInvalidVoteType otherwise). Returns against + for + abstain.
  /// @throws GovernorError as cast_vote, GovernorExceedRemainingWeight, GovernorInvalidVoteParams (< 0).
  Tokens cast_vote_fractional(ProposalId id, AccountId voter, Tokens against, Tokens for_votes, Tokens abstain,
                              sim::Time now);

  /// Requires Succeeded; eta = now + timelock_delay. Returns eta. @throws GovernorError
  /// GovernorUnexpectedProposalState, GovernorProposalQueueingNotRequired (no timelock).
  sim::Time queue(ProposalId id, sim::Time now);
  /// Without timelock requires Succeeded; with one requires Queued and eta <= now (TimelockController Ready).
  /// @throws GovernorError GovernorUnexpectedProposalState (the wrong state, e.g. Succeeded but not queued under a
  ///         timelock, as OZ 5.7), TimelockUnexpectedOperationState (queued, eta > now).
  void execute(ProposalId id, sim::Time now);
  /// Only the proposer, only while Pending. @throws GovernorError GovernorUnableToCancel.
  void cancel(ProposalId id, AccountId caller, sim::Time now);

  /// Records the time-driven changes due by now (see History above).
  void observe(sim::Time now);
  const std::vector<Transition>& history() const noexcept { return history_; }

  /// @throws GovernorError GovernorNonexistentProposal for an unknown id (all per-proposal queries).
  ProposalState state(ProposalId id, sim::Time now) const;
  sim::Time proposal_snapshot(ProposalId id) const;
  /// With the late-quorum extension, if any.
  sim::Time proposal_deadline(ProposalId id) const;
  AccountId proposal_proposer(ProposalId id) const;
  /// The eta set by queue(), if queued.
  std::optional<sim::Time> proposal_eta(ProposalId id) const;
  const std::string& proposal_description(ProposalId id) const;
  Tallies tallies(ProposalId id) const;
  /// Simple: voted at all; Fractional: used_votes > 0 (as OZ).
  bool has_voted(ProposalId id, AccountId voter) const;
  /// Weight spent so far by voter on the proposal.
  Tokens used_votes(ProposalId id, AccountId voter) const;
  std::size_t voter_count(ProposalId id) const;
  std::size_t proposal_count() const noexcept { return proposals_.size(); }

  /// quorum(t) = floor(total_supply_at(t) * quorum_numerator(t) / denominator). Unlike OZ, t >= now is not
  /// refused: the token's value at t as recorded so far is used.
  Tokens quorum(sim::Time t) const;
  std::uint64_t quorum_numerator(sim::Time t) const;
  /// 0 when no super quorum is configured.
  Tokens super_quorum(sim::Time t) const;
  std::uint64_t super_quorum_numerator(sim::Time t) const;

  /// The settings now in force (numerators: the latest).
  const GovernorSettings& settings() const noexcept { return settings_; }
  /// GovernorSettings setters: they affect proposals made afterwards only. @throws ConfigError as the
  /// constructor (GovernorInvalidVotingPeriod for a period <= 0).
  void set_voting_delay(sim::Time delay);
  void set_voting_period(sim::Time period);
  void set_proposal_threshold(Tokens threshold);
  /// GovernorPreventLateQuorum.setLateQuorumVoteExtension: read when a proposal first reaches quorum.
  /// @throws ConfigError GovernorPreventLateQuorumVoteExtensionTooLarge above the voting period (OZ 5.7).
  void set_late_quorum_extension(std::optional<sim::Time> extension);
  /// Checkpointed at now. @throws ConfigError GovernorInvalidQuorumFraction (n > denominator),
  ///         GovernorInvalidQuorumTooLarge (n > super quorum numerator); ModelError when now goes backwards.
  void set_quorum_numerator(std::uint64_t n, sim::Time now);
  /// @throws ConfigError when no super quorum is configured, GovernorInvalidSuperQuorumFraction,
  ///         GovernorInvalidSuperQuorumTooSmall; ModelError when now goes backwards.
  void set_super_quorum_numerator(std::uint64_t n, sim::Time now);

  /// The latest `now` given to a recording call.
  sim::Time clock() const noexcept { return clock_; }

 private:
  struct Proposal {
    AccountId proposer = 0;
    std::string description;
    sim::Time snapshot = 0;
    sim::Time duration = 0;
    std::optional<sim::Time> extended_deadline;
    std::optional<sim::Time> eta;
    bool executed = false;
    bool canceled = false;
    Tallies tallies;
    std::unordered_map<AccountId, Tokens> used;  ///< voter -> weight spent (Simple: present = voted)
    ProposalState recorded = ProposalState::Pending;
  };
  using Numerators = std::vector<std::pair<sim::Time, std::uint64_t>>;

  const Proposal& get(ProposalId id) const;
  Proposal& get(ProposalId id);
  sim::Time deadline(const Proposal& p) const;
  bool quorum_reached(const Proposal& p) const;
  bool super_quorum_reached(const Proposal& p) const;
  ProposalState compute(const Proposal& p, sim::Time now) const;
  void advance(sim::Time now, const char* what);
  void record(ProposalId id, std::optional<ProposalState> from, ProposalState to, sim::Time t);
  void schedule(ProposalId id, sim::Time after);
  void sync(ProposalId id, sim::Time now);
  void require_state(ProposalId id, ProposalState found, ProposalState expected) const;
  Tokens count_vote(ProposalId id, Proposal& p, AccountId voter, const Tokens* parts, Support support, sim::Time now);

  GovernorSettings settings_;
  const Votes& votes_;
  Numerators quorum_numerators_;
  Numerators super_numerators_;
  std::vector<Proposal> proposals_;  ///< id i at index i - 1
  std::vector<Transition> history_;
  /// (time, id) of each live proposal's next possible time-driven change, earliest first.
  std::priority_queue<std::pair<sim::Time, ProposalId>, std::vector<std::pair<sim::Time, ProposalId>>, std::greater<>>
      due_;
  sim::Time clock_ = std::numeric_limits<sim::Time>::min();
};

}  // namespace toksim::models
