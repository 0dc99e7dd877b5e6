// Checkpointed voting power of a token: balances, delegation and the history of every delegate's votes and of
// the total supply, as OpenZeppelin ERC20Votes / Votes / Checkpoints (OpenZeppelin/openzeppelin-contracts 5.x:
// contracts/token/ERC20/extensions/ERC20Votes.sol, contracts/governance/utils/Votes.sol,
// contracts/utils/structs/Checkpoints.sol), on toksim's clock and sized for millions of holders.
//
// Departures from OZ:
//  - The clock is sim::Time seconds (an ERC-6372 "mode=timestamp" clock), signed, starting anywhere.
//  - Accounts are dense ids 0..accounts()-1 instead of addresses; kNoDelegate plays address(0) as a delegate.
//    Mint and burn are their own operations (OZ: transfers from / to address(0)).
//  - Lookups take the caller's `now` (get_past_votes(a, t, now)): OZ's clock() is block.timestamp, which a
//    library cannot see; the strict rule is the same (t >= now reverts ERC5805FutureLookup).
//  - genesis(): a bulk initial state (balances, everybody self-delegated or nobody delegated) that costs no
//    checkpoint storage; OZ would write one checkpoint per self-delegating holder. The values every lookup
//    returns are exactly those of the OZ token after the same mints and delegations at time t0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

using AccountId = std::uint32_t;

/// "Delegates to nobody" (OZ: address(0)): the account's balance counts for no one.
inline constexpr AccountId kNoDelegate = std::numeric_limits<AccountId>::max();

/// An OZ revert of the votes token (the message starts with OZ's error name, e.g.
/// "ERC20InsufficientBalance: ...", "ERC5805FutureLookup: ..."), or an unknown account id.
class VotesError : public Error {
 public:
  using Error::Error;
};

/// Checkpoints.Checkpoint208: the value from `time` on (inclusive) until the next checkpoint.
struct Checkpoint {
  sim::Time time = 0;
  Tokens votes;
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

/// Balances, delegates and checkpointed votes.
///
/// Semantics (OZ Votes): an account's votes are the sum of the balances of the accounts delegating to it;
/// an account delegates to nobody until it calls delegate() (self-delegation is explicit), so undelegated
/// tokens have no votes. A transfer, mint or burn moves votes from delegates(from) to delegates(to) when
/// the two differ and the amount is > 0; delegate() moves the account's whole balance from its old delegate to
/// the new one. Every change of a delegate's votes pushes a checkpoint (time, votes); a second change at the
/// same time overwrites that checkpoint (Checkpoints._insert), so there is at most one checkpoint per second.
/// Every mint and burn pushes a total-supply checkpoint (also for 0, as OZ).
///
/// Time: operations must come with non-decreasing times (clock() is the latest); an earlier time throws
/// toksim::ModelError ("CheckpointUnorderedInsertion"). A value at time t is the one after every operation
/// at t (a change at t is visible to get_past_votes(a, t, now) and not to t - 1), found by binary search
/// (Checkpoints.upperLookupRecent: the last checkpoint with time <= t; 0 before the first).
///
/// Storage: balances (int64) and delegates (uint32) for every account; checkpoint lists only for accounts
/// whose voting power, or whose own balance while self-delegated, has changed since genesis (a hash map from
/// account to its list). An account that never changed costs nothing beyond its 12 bytes: its votes are
/// implied, by the genesis rule, as balance(a) if delegates(a) == a, else 0 (from the genesis time on).
///
/// Every operation either completes or throws and changes nothing.
class Votes {
 public:
  /// `accounts` accounts, each with balance 0 and no delegate.
  explicit Votes(AccountId accounts = 0);

  /// The state after minting balances[i] to account i and, if self_delegate, every account delegating to
  /// itself, all at time t0, without storing a checkpoint per account. clock() becomes t0; later operations
  /// need times >= t0. @throws ConfigError for a negative balance, more than 2^32 - 1 accounts, or a total
  /// beyond int64.
  static Votes genesis(const std::vector<Tokens>& balances, sim::Time t0, bool self_delegate = true);

  /// Adds `count` accounts (balance 0, no delegate); returns the id of the first. @throws ConfigError when the
  /// total would reach kNoDelegate.
  AccountId add_accounts(AccountId count);
  AccountId accounts() const noexcept { return static_cast<AccountId>(balance_.size()); }

  /// The time of the latest operation (genesis time after genesis(); the lowest Time before any operation).
  sim::Time clock() const noexcept { return clock_; }

  Tokens balance(AccountId a) const;
  /// kNoDelegate when the account has not delegated (or delegated to nobody).
  AccountId delegates(AccountId a) const;
  Tokens total_supply() const noexcept { return supply_; }

  /// Votes._delegate: `to` may be kNoDelegate (undelegate) or any account, itself included.
  /// @throws VotesError for an unknown account; ModelError for t < clock().
  void delegate(AccountId account, AccountId to, sim::Time t);
  /// ERC20 transfer (amount 0 and from == to are allowed, as OZ).
  /// @throws VotesError "ERC20InsufficientBalance" when balance(from) < amount, for amount < 0 or an unknown
  ///         account; ModelError for t < clock().
  void transfer(AccountId from, AccountId to, Tokens amount, sim::Time t);
  /// @throws VotesError for amount < 0 or an unknown account, "ERC20ExceededSafeSupply" when the supply would
  ///         leave int64; ModelError for t < clock().
  void mint(AccountId to, Tokens amount, sim::Time t);
  /// @throws VotesError "ERC20InsufficientBalance", for amount < 0 or an unknown account; ModelError as above.
  void burn(AccountId from, Tokens amount, sim::Time t);

  /// Votes.getVotes: the current votes (after every operation so far).
  Tokens get_votes(AccountId a) const;
  /// Votes.getPastVotes(a, t) evaluated at time `now`. @throws VotesError "ERC5805FutureLookup" when t >= now.
  Tokens get_past_votes(AccountId a, sim::Time t, sim::Time now) const;
  /// Votes.getPastTotalSupply(t) at time `now`. @throws VotesError "ERC5805FutureLookup" when t >= now.
  Tokens get_past_total_supply(sim::Time t, sim::Time now) const;

  /// The same lookups without the future check: the value at the end of second t as recorded so far (for t
  /// >= clock() that is the current value, which later operations at t may still change).
  Tokens votes_at(AccountId a, sim::Time t) const;
  Tokens total_supply_at(sim::Time t) const;

  /// Votes.numCheckpoints / checkpoints(a, pos): an implied genesis checkpoint counts as one (what OZ would
  /// have stored). @throws VotesError for pos >= num_checkpoints(a).
  std::size_t num_checkpoints(AccountId a) const;
  Checkpoint checkpoint(AccountId a, std::size_t pos) const;

  /// How many accounts have a stored checkpoint list (the memory that depends on activity, not on holders).
  std::size_t checkpointed_accounts() const noexcept { return lists_.size(); }
  /// Total-supply checkpoints stored.
  std::size_t supply_checkpoints() const noexcept { return supply_history_.size(); }

 private:
  void check_account(AccountId a, const char* what) const;
  void check_time(sim::Time t, const char* what) const;
  static void check_amount(Tokens amount, const char* what);
  Tokens implied(AccountId a) const;
  std::vector<Checkpoint>& materialize(AccountId a);
  void push(std::vector<Checkpoint>& list, sim::Time t, Tokens value);
  void move_votes(AccountId from, AccountId to, Tokens amount, sim::Time t);
  void push_supply(Tokens value, sim::Time t);

  std::vector<Tokens> balance_;
  std::vector<AccountId> delegate_;
  std::unordered_map<AccountId, std::vector<Checkpoint>> lists_;
  std::vector<Checkpoint> supply_history_;
  Tokens supply_{0};
  sim::Time clock_ = std::numeric_limits<sim::Time>::min();
  sim::Time genesis_time_ = std::numeric_limits<sim::Time>::min();  ///< where implied votes start
};

}  // namespace toksim::models
