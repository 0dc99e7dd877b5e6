// OpenZeppelin Governor 5.x (simple / fractional counting, quorum fraction, super quorum, late quorum, timelock)
// on toksim's clock, with a time-exact record of proposal state changes.
#include "toksim/models/governance/governor.hpp"

#include <algorithm>
#include <string>

namespace toksim::models {

namespace {

constexpr sim::Time kLastTime = std::numeric_limits<sim::Time>::max() - 1;  // so that t + 1 never overflows

std::string num(std::int64_t v) { return std::to_string(v); }
std::string num(std::uint64_t v) { return std::to_string(v); }
std::string num(Tokens v) { return std::to_string(v.raw()); }

// a + b for a time and a non-negative span, or ConfigError when it passes kLastTime.
sim::Time add_time(sim::Time a, sim::Time b, const char* what) {
  if (i128{a} + b > kLastTime) {
    throw ConfigError(std::string("governor: ") + what + ": " + num(a) + " + " + num(b) +
                      " leaves the range of sim::Time");
  }
  return a + b;
}

std::uint64_t lookup(const std::vector<std::pair<sim::Time, std::uint64_t>>& h, sim::Time t) {
  // _optimisticUpperLookupRecent: the value of the last checkpoint with time <= t (0 before the first).
  const auto it = std::upper_bound(
      h.begin(), h.end(), t, [](sim::Time key, const std::pair<sim::Time, std::uint64_t>& c) { return key < c.first; });
  return it == h.begin() ? 0 : std::prev(it)->second;
}

void push_numerator(std::vector<std::pair<sim::Time, std::uint64_t>>& h, sim::Time t, std::uint64_t n) {
  if (!h.empty() && h.back().first == t) {
    h.back().second = n;
  } else {
    h.emplace_back(t, n);
  }
}

Tokens fraction_of(Tokens supply, std::uint64_t numerator, std::uint64_t denominator) {
  // Math.mulDiv, rounding down; numerator <= denominator keeps the result within supply.
  return Tokens(quorum_fraction<u128>(supply.raw(), numerator, denominator));
}

void validate(const GovernorSettings& s) {
  if (s.voting_delay < 0) throw ConfigError("governor: expected voting_delay >= 0 s, found " + num(s.voting_delay));
  if (s.voting_period <= 0) {
    throw ConfigError("GovernorInvalidVotingPeriod: expected voting_period > 0 s, found " + num(s.voting_period));
  }
  if (s.proposal_threshold.raw() < 0) {
    throw ConfigError("governor: expected proposal_threshold >= 0, found " + num(s.proposal_threshold));
  }
  if (s.quorum_denominator == 0) throw ConfigError("governor: expected quorum_denominator > 0, found 0");
  if (s.quorum_numerator > s.quorum_denominator) {
    throw ConfigError("GovernorInvalidQuorumFraction: quorum numerator " + num(s.quorum_numerator) +
                      " exceeds the denominator " + num(s.quorum_denominator));
  }
  if (s.timelock_delay < 0) {
    throw ConfigError("governor: expected timelock_delay >= 0 s, found " + num(s.timelock_delay));
  }
  if (s.grace_period && *s.grace_period <= 0) {
    throw ConfigError("governor: expected grace_period > 0 s, found " + num(*s.grace_period));
  }
  if (s.late_quorum_extension && *s.late_quorum_extension < 0) {
    throw ConfigError("governor: expected late_quorum_extension >= 0 s, found " + num(*s.late_quorum_extension));
  }
  if (s.super_quorum_numerator) {
    if (*s.super_quorum_numerator > s.quorum_denominator) {
      throw ConfigError("GovernorInvalidSuperQuorumFraction: super quorum numerator " + num(*s.super_quorum_numerator) +
                        " exceeds the denominator " + num(s.quorum_denominator));
    }
    if (*s.super_quorum_numerator < s.quorum_numerator) {
      throw ConfigError("GovernorInvalidSuperQuorumTooSmall: super quorum numerator " + num(*s.super_quorum_numerator) +
                        " is below the quorum numerator " + num(s.quorum_numerator));
    }
  }
}

}  // namespace

std::string_view name(ProposalState s) noexcept {
  switch (s) {
    case ProposalState::Pending:
      return "Pending";
    case ProposalState::Active:
      return "Active";
    case ProposalState::Canceled:
      return "Canceled";
    case ProposalState::Defeated:
      return "Defeated";
    case ProposalState::Succeeded:
      return "Succeeded";
    case ProposalState::Queued:
      return "Queued";
    case ProposalState::Expired:
      return "Expired";
    case ProposalState::Executed:
      return "Executed";
  }
  return "?";
}

namespace {
// GovernorPreventLateQuorum._setLateQuorumVoteExtension (OZ 5.7): the extension may not exceed the voting period
// (_maxLateQuorumVoteExtension), checked where it is set (constructor, setter), not when the period changes later.
void check_late_quorum_bound(const GovernorSettings& s) {
  if (s.late_quorum_extension && *s.late_quorum_extension > s.voting_period) {
    throw ConfigError("GovernorPreventLateQuorumVoteExtensionTooLarge: late quorum extension " +
                      num(*s.late_quorum_extension) + " s exceeds the voting period " + num(s.voting_period) + " s");
  }
}
}  // namespace

Governor::Governor(const GovernorSettings& settings, const Votes& votes) : settings_(settings), votes_(votes) {
  validate(settings_);
  check_late_quorum_bound(settings_);
  constexpr sim::Time kBeginning = std::numeric_limits<sim::Time>::min();
  quorum_numerators_.emplace_back(kBeginning, settings_.quorum_numerator);
  if (settings_.super_quorum_numerator) super_numerators_.emplace_back(kBeginning, *settings_.super_quorum_numerator);
}

// ---- lookups ------------------------------------------------------------------------------------------------

const Governor::Proposal& Governor::get(ProposalId id) const {
  if (id == 0 || id > proposals_.size()) {
    throw GovernorError("GovernorNonexistentProposal: proposal " + num(id) + " does not exist (ids 1.." +
                        num(std::uint64_t{proposals_.size()}) + ")");
  }
  return proposals_[id - 1];
}

Governor::Proposal& Governor::get(ProposalId id) {
  return const_cast<Proposal&>(static_cast<const Governor&>(*this).get(id));
}

sim::Time Governor::deadline(const Proposal& p) const {
  const sim::Time original = p.snapshot + p.duration;
  return p.extended_deadline ? std::max(original, *p.extended_deadline) : original;
}

std::uint64_t Governor::quorum_numerator(sim::Time t) const { return lookup(quorum_numerators_, t); }

std::uint64_t Governor::super_quorum_numerator(sim::Time t) const { return lookup(super_numerators_, t); }

Tokens Governor::quorum(sim::Time t) const {
  return fraction_of(votes_.total_supply_at(t), quorum_numerator(t), settings_.quorum_denominator);
}

Tokens Governor::super_quorum(sim::Time t) const {
  if (!settings_.super_quorum_numerator) return Tokens(0);
  return fraction_of(votes_.total_supply_at(t), super_quorum_numerator(t), settings_.quorum_denominator);
}

bool Governor::quorum_reached(const Proposal& p) const {
  // GovernorCountingSimple._quorumReached: quorum(snapshot) <= for + abstain.
  return quorum(p.snapshot) <= p.tallies.for_votes + p.tallies.abstain_votes;
}

bool Governor::super_quorum_reached(const Proposal& p) const {
  // GovernorSuperQuorum.state: for >= superQuorum(snapshot) and _voteSucceeded (for > against).
  return settings_.super_quorum_numerator && p.tallies.for_votes >= super_quorum(p.snapshot) &&
         p.tallies.for_votes > p.tallies.against_votes;
}

ProposalState Governor::compute(const Proposal& p, sim::Time now) const {
  if (p.executed) return ProposalState::Executed;
  if (p.canceled) return ProposalState::Canceled;
  if (p.snapshot >= now) return ProposalState::Pending;
  if (deadline(p) >= now) {
    if (!super_quorum_reached(p)) return ProposalState::Active;
  } else if (!quorum_reached(p) || !(p.tallies.for_votes > p.tallies.against_votes)) {
    return ProposalState::Defeated;
  }
  if (!p.eta) return ProposalState::Succeeded;
  if (settings_.grace_period && now >= *p.eta + *settings_.grace_period) return ProposalState::Expired;
  return ProposalState::Queued;
}

ProposalState Governor::state(ProposalId id, sim::Time now) const { return compute(get(id), now); }
sim::Time Governor::proposal_snapshot(ProposalId id) const { return get(id).snapshot; }
sim::Time Governor::proposal_deadline(ProposalId id) const { return deadline(get(id)); }
AccountId Governor::proposal_proposer(ProposalId id) const { return get(id).proposer; }
std::optional<sim::Time> Governor::proposal_eta(ProposalId id) const { return get(id).eta; }
const std::string& Governor::proposal_description(ProposalId id) const { return get(id).description; }
Tallies Governor::tallies(ProposalId id) const { return get(id).tallies; }
std::size_t Governor::voter_count(ProposalId id) const { return get(id).used.size(); }

Tokens Governor::used_votes(ProposalId id, AccountId voter) const {
  const auto& used = get(id).used;
  const auto it = used.find(voter);
  return it == used.end() ? Tokens(0) : it->second;
}

bool Governor::has_voted(ProposalId id, AccountId voter) const {
  const auto& used = get(id).used;
  const auto it = used.find(voter);
  if (it == used.end()) return false;
  return settings_.counting == Counting::Simple || it->second.raw() > 0;
}

// ---- history ------------------------------------------------------------------------------------------------

void Governor::record(ProposalId id, std::optional<ProposalState> from, ProposalState to, sim::Time t) {
  history_.push_back({id, from, to, t});
  get(id).recorded = to;
}

// Queues the proposal's next possible time-driven change, if it lies after `after`.
void Governor::schedule(ProposalId id, sim::Time after) {
  const Proposal& p = get(id);
  std::optional<sim::Time> next;
  switch (p.recorded) {
    case ProposalState::Pending:
      next = p.snapshot + 1;
      break;
    case ProposalState::Active:
      next = deadline(p) + 1;
      break;
    case ProposalState::Queued:
      if (settings_.grace_period && p.eta) next = *p.eta + *settings_.grace_period;
      break;
    default:
      break;
  }
  if (next && *next > after) due_.emplace(*next, id);
}

void Governor::advance(sim::Time now, const char* what) {
  if (now < clock_) {
    throw ModelError(std::string("governor: ") + what + " at t=" + num(now) + " after a call at t=" + num(clock_) +
                     " (time must not go backwards)");
  }
  clock_ = now;
  while (!due_.empty() && due_.top().first <= now) {
    const auto [t, id] = due_.top();
    due_.pop();
    const ProposalState s = compute(get(id), t);
    if (s != get(id).recorded) record(id, get(id).recorded, s, t);
    schedule(id, t);
  }
}

void Governor::observe(sim::Time now) { advance(now, "observe"); }

void Governor::sync(ProposalId id, sim::Time now) {
  const ProposalState s = compute(get(id), now);
  if (s != get(id).recorded) {
    record(id, get(id).recorded, s, now);
    schedule(id, now);
  }
}

void Governor::require_state(ProposalId id, ProposalState found, ProposalState expected) const {
  if (found != expected) {
    throw GovernorError("GovernorUnexpectedProposalState: proposal " + num(id) + " is " + std::string(name(found)) +
                        ", expected " + std::string(name(expected)));
  }
}

// ---- operations ---------------------------------------------------------------------------------------------

ProposalId Governor::propose(AccountId proposer, std::string description, sim::Time now) {
  advance(now, "propose");
  const sim::Time snapshot = add_time(now, settings_.voting_delay, "propose: snapshot");
  add_time(snapshot, settings_.voting_period, "propose: deadline");
  if (settings_.proposal_threshold.raw() > 0) {
    const Tokens have = votes_.get_past_votes(proposer, now - 1, now);
    if (have < settings_.proposal_threshold) {
      throw GovernorError("GovernorInsufficientProposerVotes: proposer " + num(std::int64_t{proposer}) + " has " +
                          num(have) + " votes at t=" + num(now - 1) + ", threshold " +
                          num(settings_.proposal_threshold));
    }
  } else {
    (void)votes_.get_votes(proposer);  // validates the account id
  }
  Proposal p;
  p.proposer = proposer;
  p.description = std::move(description);
  p.snapshot = snapshot;
  p.duration = settings_.voting_period;
  proposals_.push_back(std::move(p));
  const ProposalId id = proposals_.size();
  record(id, std::nullopt, ProposalState::Pending, now);
  schedule(id, now);
  return id;
}

Tokens Governor::count_vote(ProposalId id, Proposal& p, AccountId voter, const Tokens* parts, Support support,
                            sim::Time now) {
  const Tokens weight = votes_.get_past_votes(voter, p.snapshot, now);
  if (settings_.late_quorum_extension) add_time(now, *settings_.late_quorum_extension, "late quorum extension");
  Tallies add{};
  Tokens spend{0};
  auto it = p.used.find(voter);
  if (settings_.counting == Counting::Simple) {
    if (it != p.used.end()) {
      throw GovernorError("GovernorAlreadyCastVote: voter " + num(std::int64_t{voter}) + " already voted on proposal " +
                          num(id));
    }
    spend = weight;
  } else {
    const Tokens spent = it == p.used.end() ? Tokens(0) : it->second;
    const Tokens remaining = weight - spent;
    if (remaining.raw() <= 0) {
      throw GovernorError("GovernorAlreadyCastVote: voter " + num(std::int64_t{voter}) +
                          " has no weight left on proposal " + num(id) + " (weight " + num(weight) + ", used " +
                          num(spent) + ")");
    }
    if (parts == nullptr) {
      spend = remaining;
    } else {
      const i128 total = i128{parts[0].raw()} + parts[1].raw() + parts[2].raw();
      if (total > remaining.raw()) {
        throw GovernorError("GovernorExceedRemainingWeight: voter " + num(std::int64_t{voter}) + " votes " +
                            std::to_string(static_cast<long long>(total)) + ", remaining weight " + num(remaining) +
                            " on proposal " + num(id));
      }
      spend = Tokens(static_cast<std::int64_t>(total));
      add = {parts[0], parts[1], parts[2]};
    }
  }
  if (parts == nullptr) {
    switch (support) {
      case Support::Against:
        add.against_votes = spend;
        break;
      case Support::For:
        add.for_votes = spend;
        break;
      case Support::Abstain:
        add.abstain_votes = spend;
        break;
    }
  }
  p.tallies.against_votes += add.against_votes;
  p.tallies.for_votes += add.for_votes;
  p.tallies.abstain_votes += add.abstain_votes;
  if (settings_.counting == Counting::Simple) {
    p.used.emplace(voter, spend);
  } else if (spend.raw() > 0) {
    p.used[voter] += spend;
  }
  // GovernorPreventLateQuorum._tallyUpdated.
  if (settings_.late_quorum_extension && !p.extended_deadline && quorum_reached(p)) {
    p.extended_deadline = add_time(now, *settings_.late_quorum_extension, "late quorum extension");
  }
  return spend;
}

Tokens Governor::cast_vote(ProposalId id, AccountId voter, Support support, sim::Time now) {
  if (static_cast<unsigned>(support) > 2) {
    throw GovernorError("GovernorInvalidVoteType: support " + num(std::uint64_t{static_cast<unsigned>(support)}) +
                        ", expected 0 (Against), 1 (For) or 2 (Abstain)");
  }
  get(id);
  advance(now, "cast_vote");
  Proposal& p = get(id);
  require_state(id, compute(p, now), ProposalState::Active);
  const Tokens used = count_vote(id, p, voter, nullptr, support, now);
  sync(id, now);
  return used;
}

Tokens Governor::cast_vote_fractional(ProposalId id, AccountId voter, Tokens against, Tokens for_votes, Tokens abstain,
                                      sim::Time now) {
  if (settings_.counting != Counting::Fractional) {
    throw GovernorError(
        "GovernorInvalidVoteType: fractional votes need counting = Fractional (this governor counts "
        "simple votes)");
  }
  if (against.raw() < 0 || for_votes.raw() < 0 || abstain.raw() < 0) {
    throw GovernorError("GovernorInvalidVoteParams: expected parts >= 0, found against " + num(against) + ", for " +
                        num(for_votes) + ", abstain " + num(abstain));
  }
  get(id);
  advance(now, "cast_vote_fractional");
  Proposal& p = get(id);
  require_state(id, compute(p, now), ProposalState::Active);
  const Tokens parts[3] = {against, for_votes, abstain};
  const Tokens used = count_vote(id, p, voter, parts, Support::Against, now);
  sync(id, now);
  return used;
}

sim::Time Governor::queue(ProposalId id, sim::Time now) {
  get(id);
  advance(now, "queue");
  Proposal& p = get(id);
  require_state(id, compute(p, now), ProposalState::Succeeded);
  if (settings_.timelock_delay == 0) {
    throw GovernorError("GovernorProposalQueueingNotRequired: proposal " + num(id) +
                        ": this governor has no timelock (timelock_delay 0); execute it directly (OZ before 5.7: "
                        "GovernorQueueNotImplemented)");
  }
  const sim::Time eta = add_time(now, settings_.timelock_delay, "queue: eta");
  if (settings_.grace_period) add_time(eta, *settings_.grace_period, "queue: eta + grace period");
  p.eta = eta;
  sync(id, now);
  return eta;
}

void Governor::execute(ProposalId id, sim::Time now) {
  get(id);
  advance(now, "execute");
  Proposal& p = get(id);
  const ProposalState s = compute(p, now);
  // OZ 5.7 (Governor.execute): the state must be Queued when the proposal needs queuing (a timelock), else
  // Succeeded; then the timelock refuses an operation that is not Ready yet (eta > now).
  const ProposalState expected = settings_.timelock_delay > 0 ? ProposalState::Queued : ProposalState::Succeeded;
  if (s != expected) {
    throw GovernorError("GovernorUnexpectedProposalState: proposal " + num(id) + " is " + std::string(name(s)) +
                        ", expected " + std::string(name(expected)));
  }
  if (settings_.timelock_delay > 0 && *p.eta > now) {
    throw GovernorError("TimelockUnexpectedOperationState: proposal " + num(id) +
                        " is not Ready in the timelock (eta " + num(*p.eta) + ", now " + num(now) + ")");
  }
  p.executed = true;
  sync(id, now);
}

void Governor::cancel(ProposalId id, AccountId caller, sim::Time now) {
  get(id);
  advance(now, "cancel");
  Proposal& p = get(id);
  const ProposalState s = compute(p, now);
  if (s != ProposalState::Pending || caller != p.proposer) {
    throw GovernorError("GovernorUnableToCancel: proposal " + num(id) + " by account " + num(std::int64_t{caller}) +
                        ": only the proposer (" + num(std::int64_t{p.proposer}) +
                        ") may cancel, only while Pending (it is " + std::string(name(s)) + ")");
  }
  p.canceled = true;
  sync(id, now);
}

// ---- settings -----------------------------------------------------------------------------------------------

void Governor::set_voting_delay(sim::Time delay) {
  GovernorSettings s = settings_;
  s.voting_delay = delay;
  validate(s);
  settings_ = s;
}

void Governor::set_voting_period(sim::Time period) {
  GovernorSettings s = settings_;
  s.voting_period = period;
  validate(s);
  settings_ = s;
}

void Governor::set_proposal_threshold(Tokens threshold) {
  GovernorSettings s = settings_;
  s.proposal_threshold = threshold;
  validate(s);
  settings_ = s;
}

void Governor::set_late_quorum_extension(std::optional<sim::Time> extension) {
  GovernorSettings s = settings_;
  s.late_quorum_extension = extension;
  validate(s);
  check_late_quorum_bound(s);
  settings_ = s;
}

void Governor::set_quorum_numerator(std::uint64_t n, sim::Time now) {
  if (n > settings_.quorum_denominator) {
    throw ConfigError("GovernorInvalidQuorumFraction: quorum numerator " + num(n) + " exceeds the denominator " +
                      num(settings_.quorum_denominator));
  }
  if (settings_.super_quorum_numerator && n > *settings_.super_quorum_numerator) {
    throw ConfigError("GovernorInvalidQuorumTooLarge: quorum numerator " + num(n) +
                      " exceeds the super quorum numerator " + num(*settings_.super_quorum_numerator));
  }
  advance(now, "set_quorum_numerator");
  push_numerator(quorum_numerators_, now, n);
  settings_.quorum_numerator = n;
}

void Governor::set_super_quorum_numerator(std::uint64_t n, sim::Time now) {
  if (!settings_.super_quorum_numerator) {
    throw ConfigError("governor: set_super_quorum_numerator on a governor without a super quorum");
  }
  if (n > settings_.quorum_denominator) {
    throw ConfigError("GovernorInvalidSuperQuorumFraction: super quorum numerator " + num(n) +
                      " exceeds the denominator " + num(settings_.quorum_denominator));
  }
  if (n < settings_.quorum_numerator) {
    throw ConfigError("GovernorInvalidSuperQuorumTooSmall: super quorum numerator " + num(n) +
                      " is below the quorum numerator " + num(settings_.quorum_numerator));
  }
  advance(now, "set_super_quorum_numerator");
  push_numerator(super_numerators_, now, n);
  settings_.super_quorum_numerator = n;
}

}  // namespace toksim::models
