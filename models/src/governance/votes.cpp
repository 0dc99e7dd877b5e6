// Checkpointed voting power (OpenZeppelin Votes / ERC20Votes / Checkpoints) with implied genesis checkpoints.
#include "toksim/models/governance/votes.hpp"

#include <algorithm>
#include <string>

namespace toksim::models {

namespace {

std::string num(std::int64_t v) { return std::to_string(v); }
std::string num(Tokens v) { return std::to_string(v.raw()); }

// Checkpoints.upperLookupRecent: the value of the last checkpoint with time <= t, else 0.
Tokens upper_lookup(const std::vector<Checkpoint>& list, sim::Time t) {
  const auto it =
      std::upper_bound(list.begin(), list.end(), t, [](sim::Time key, const Checkpoint& c) { return key < c.time; });
  return it == list.begin() ? Tokens(0) : std::prev(it)->votes;
}

AccountId checked_count(AccountId accounts) {
  if (accounts == kNoDelegate) {
    throw ConfigError("votes: expected fewer than " + num(std::int64_t{kNoDelegate}) + " accounts, found " +
                      num(std::int64_t{accounts}));
  }
  return accounts;
}

}  // namespace

Votes::Votes(AccountId accounts) : balance_(checked_count(accounts), Tokens(0)), delegate_(accounts, kNoDelegate) {}

Votes Votes::genesis(const std::vector<Tokens>& balances, sim::Time t0, bool self_delegate) {
  if (balances.size() >= kNoDelegate) {
    throw ConfigError("votes genesis: expected fewer than " + num(std::int64_t{kNoDelegate}) + " accounts, found " +
                      std::to_string(balances.size()));
  }
  Votes v(static_cast<AccountId>(balances.size()));
  i128 total = 0;
  for (std::size_t i = 0; i < balances.size(); ++i) {
    if (balances[i].raw() < 0) {
      throw ConfigError("votes genesis: expected balances >= 0, account " + std::to_string(i) + " has " +
                        num(balances[i]));
    }
    total += balances[i].raw();
    if (total > std::numeric_limits<std::int64_t>::max()) {
      throw ConfigError("votes genesis: the total supply exceeds the int64 range of base units");
    }
  }
  v.balance_ = balances;
  if (self_delegate) {
    for (std::size_t i = 0; i < balances.size(); ++i) v.delegate_[i] = static_cast<AccountId>(i);
  }
  v.supply_ = Tokens(static_cast<std::int64_t>(total));
  v.supply_history_.push_back({t0, v.supply_});
  v.clock_ = t0;
  v.genesis_time_ = t0;
  return v;
}

AccountId Votes::add_accounts(AccountId count) {
  const std::uint64_t now = balance_.size();
  if (now + count >= kNoDelegate) {
    throw ConfigError("votes: adding " + num(std::int64_t{count}) + " accounts to " + std::to_string(now) +
                      " would reach the limit of " + num(std::int64_t{kNoDelegate} - 1));
  }
  balance_.resize(now + count, Tokens(0));
  delegate_.resize(now + count, kNoDelegate);
  return static_cast<AccountId>(now);
}

void Votes::check_account(AccountId a, const char* what) const {
  if (a >= balance_.size()) {
    throw VotesError(std::string("votes: ") + what + ": unknown account " + num(std::int64_t{a}) + " (there are " +
                     std::to_string(balance_.size()) + ")");
  }
}

void Votes::check_time(sim::Time t, const char* what) const {
  if (t < clock_) {
    throw ModelError(std::string("CheckpointUnorderedInsertion: votes ") + what + " at t=" + num(t) +
                     " after an operation at t=" + num(clock_) + " (time must not go backwards)");
  }
}

void Votes::check_amount(Tokens amount, const char* what) {
  if (amount.raw() < 0)
    throw VotesError(std::string("votes: ") + what + ": expected an amount >= 0, found " + num(amount));
}

Tokens Votes::balance(AccountId a) const {
  check_account(a, "balance");
  return balance_[a];
}

AccountId Votes::delegates(AccountId a) const {
  check_account(a, "delegates");
  return delegate_[a];
}

Tokens Votes::implied(AccountId a) const { return delegate_[a] == a ? balance_[a] : Tokens(0); }

// Gives `a` a stored list holding what its implied votes were (one checkpoint at the genesis time when they are
// not 0). Must run before the balances or delegates it reads change.
std::vector<Checkpoint>& Votes::materialize(AccountId a) {
  auto [it, inserted] = lists_.try_emplace(a);
  if (inserted) {
    const Tokens v = implied(a);
    if (v.raw() != 0) it->second.push_back({genesis_time_, v});
  }
  return it->second;
}

// Checkpoints._insert: overwrite the last checkpoint at the same time, else append.
void Votes::push(std::vector<Checkpoint>& list, sim::Time t, Tokens value) {
  if (!list.empty() && list.back().time == t) {
    list.back().votes = value;
  } else {
    list.push_back({t, value});
  }
}

// Votes._moveDelegateVotes, after the lists of both ends exist.
void Votes::move_votes(AccountId from, AccountId to, Tokens amount, sim::Time t) {
  if (from == to || amount.raw() == 0) return;
  if (from != kNoDelegate) {
    auto& l = lists_.at(from);
    push(l, t, (l.empty() ? Tokens(0) : l.back().votes) - amount);
  }
  if (to != kNoDelegate) {
    auto& l = lists_.at(to);
    push(l, t, (l.empty() ? Tokens(0) : l.back().votes) + amount);
  }
}

void Votes::push_supply(Tokens value, sim::Time t) {
  if (!supply_history_.empty() && supply_history_.back().time == t) {
    supply_history_.back().votes = value;
  } else {
    supply_history_.push_back({t, value});
  }
}

void Votes::delegate(AccountId account, AccountId to, sim::Time t) {
  check_account(account, "delegate");
  if (to != kNoDelegate) check_account(to, "delegate (delegatee)");
  check_time(t, "delegate");
  const AccountId old = delegate_[account];
  const Tokens amount = balance_[account];
  if (old != to && amount.raw() != 0) {
    // Both ends of the move; `account` itself is one of them whenever its implied votes change.
    if (old != kNoDelegate) materialize(old);
    if (to != kNoDelegate) materialize(to);
  }
  delegate_[account] = to;
  move_votes(old, to, amount, t);
  clock_ = t;
}

void Votes::transfer(AccountId from, AccountId to, Tokens amount, sim::Time t) {
  check_account(from, "transfer (sender)");
  check_account(to, "transfer (receiver)");
  check_amount(amount, "transfer");
  check_time(t, "transfer");
  if (balance_[from] < amount) {
    throw VotesError("ERC20InsufficientBalance: account " + num(std::int64_t{from}) + " has " + num(balance_[from]) +
                     ", needs " + num(amount));
  }
  const AccountId df = delegate_[from], dt = delegate_[to];
  if (amount.raw() != 0 && from != to) {
    // The receiver's balance cannot overflow: it is part of the supply, which fits int64.
    if (df != dt) {
      if (df != kNoDelegate) materialize(df);
      if (dt != kNoDelegate) materialize(dt);
    }
    // A self-delegated account whose balance changes while its votes may not (the other side delegates to it).
    if (df == from) materialize(from);
    if (dt == to) materialize(to);
    balance_[from] -= amount;
    balance_[to] += amount;
    move_votes(df, dt, amount, t);
  }
  clock_ = t;
}

void Votes::mint(AccountId to, Tokens amount, sim::Time t) {
  check_account(to, "mint");
  check_amount(amount, "mint");
  check_time(t, "mint");
  if (i128{supply_.raw()} + amount.raw() > std::numeric_limits<std::int64_t>::max()) {
    throw VotesError("ERC20ExceededSafeSupply: minting " + num(amount) + " onto a supply of " + num(supply_) +
                     " leaves the int64 range of base units");
  }
  const AccountId dt = delegate_[to];
  if (amount.raw() != 0 && dt != kNoDelegate) materialize(dt);
  if (amount.raw() != 0 && dt == to) materialize(to);
  balance_[to] += amount;
  supply_ += amount;
  push_supply(supply_, t);
  move_votes(kNoDelegate, dt, amount, t);
  clock_ = t;
}

void Votes::burn(AccountId from, Tokens amount, sim::Time t) {
  check_account(from, "burn");
  check_amount(amount, "burn");
  check_time(t, "burn");
  if (balance_[from] < amount) {
    throw VotesError("ERC20InsufficientBalance: account " + num(std::int64_t{from}) + " has " + num(balance_[from]) +
                     ", burning " + num(amount));
  }
  const AccountId df = delegate_[from];
  if (amount.raw() != 0 && df != kNoDelegate) materialize(df);
  if (amount.raw() != 0 && df == from) materialize(from);
  balance_[from] -= amount;
  supply_ -= amount;
  push_supply(supply_, t);
  move_votes(df, kNoDelegate, amount, t);
  clock_ = t;
}

Tokens Votes::get_votes(AccountId a) const {
  check_account(a, "getVotes");
  const auto it = lists_.find(a);
  if (it == lists_.end()) return implied(a);
  return it->second.empty() ? Tokens(0) : it->second.back().votes;
}

Tokens Votes::votes_at(AccountId a, sim::Time t) const {
  check_account(a, "votes_at");
  const auto it = lists_.find(a);
  if (it == lists_.end()) return t >= genesis_time_ ? implied(a) : Tokens(0);
  return upper_lookup(it->second, t);
}

Tokens Votes::total_supply_at(sim::Time t) const { return upper_lookup(supply_history_, t); }

Tokens Votes::get_past_votes(AccountId a, sim::Time t, sim::Time now) const {
  if (t >= now) {
    throw VotesError("ERC5805FutureLookup: getPastVotes at t=" + num(t) + " needs t < now, now is " + num(now));
  }
  return votes_at(a, t);
}

Tokens Votes::get_past_total_supply(sim::Time t, sim::Time now) const {
  if (t >= now) {
    throw VotesError("ERC5805FutureLookup: getPastTotalSupply at t=" + num(t) + " needs t < now, now is " + num(now));
  }
  return total_supply_at(t);
}

std::size_t Votes::num_checkpoints(AccountId a) const {
  check_account(a, "numCheckpoints");
  const auto it = lists_.find(a);
  if (it == lists_.end()) return implied(a).raw() != 0 ? 1 : 0;
  return it->second.size();
}

Checkpoint Votes::checkpoint(AccountId a, std::size_t pos) const {
  const std::size_t n = num_checkpoints(a);
  if (pos >= n) {
    throw VotesError("votes: checkpoint " + std::to_string(pos) + " of account " + num(std::int64_t{a}) +
                     ", which has " + std::to_string(n));
  }
  const auto it = lists_.find(a);
  if (it == lists_.end()) return {genesis_time_, implied(a)};
  return it->second[pos];
}

}  // namespace toksim::models
