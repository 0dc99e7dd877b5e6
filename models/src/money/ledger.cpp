// The token ledger and its conservation checks.
#include "toksim/models/money/ledger.hpp"

#include <set>

namespace toksim::models {

std::string_view to_string(AccountClass c) noexcept {
  switch (c) {
    case AccountClass::Treasury:
      return "treasury";
    case AccountClass::AmmReserve:
      return "amm_reserve";
    case AccountClass::VestingEscrow:
      return "vesting_escrow";
    case AccountClass::EmissionPool:
      return "emission_pool";
    case AccountClass::Staked:
      return "staked";
    case AccountClass::Market:
      return "market";
    case AccountClass::Other:
      return "other";
  }
  return "other";
}

Ledger::Ledger(std::uint32_t shards) : tallies_(shards) {
  if (shards == 0) throw ConfigError("ledger: needs at least one shard");
}

AccountId Ledger::open(std::string name, AccountClass cls) {
  if (name.empty()) throw ConfigError("ledger: an account needs a name");
  for (const Account& a : accounts_) {
    if (a.name == name) throw ConfigError("ledger: account \"" + name + "\" is opened twice");
  }
  accounts_.push_back({std::move(name), cls, Tokens{0}});
  return static_cast<AccountId>(accounts_.size() - 1);
}

Tokens Ledger::total(AccountClass cls) const {
  Tokens t{0};
  for (const Account& a : accounts_) {
    if (a.cls == cls) t += a.balance;
  }
  return t;
}

void Ledger::debit(AccountId a, Tokens amount, const char* op) {
  if (amount.raw() < 0) throw ConservationError(std::string(op) + ": negative amount " + to_string(amount));
  Account& acc = accounts_[a];
  if (acc.balance < amount) {
    throw ConservationError(std::string(op) + " of " + to_string(amount) + " from account \"" + acc.name +
                            "\" which holds " + to_string(acc.balance));
  }
  acc.balance -= amount;
}

void Ledger::mint(AccountId to, Tokens amount) {
  if (amount.raw() < 0) throw ConservationError("mint: negative amount " + to_string(amount));
  minted_ += amount;
  accounts_[to].balance += amount;
}

void Ledger::burn(AccountId from, Tokens amount) {
  debit(from, amount, "burn");
  burned_ += amount;
}

void Ledger::move(AccountId from, AccountId to, Tokens amount) {
  debit(from, amount, "move");
  accounts_[to].balance += amount;
}

void Ledger::send_to_agent(AccountId from, Tokens amount) {
  debit(from, amount, "send to agent");
  global_out_ += amount;
}

void Ledger::receive_from_agent(AccountId to, Tokens amount) {
  if (amount.raw() < 0) throw ConservationError("receive: negative amount " + to_string(amount));
  accounts_[to].balance += amount;
  global_in_ += amount;
}

Tokens Ledger::agents_total() const {
  i128 t = 0;
  for (const Tally& s : tallies_) t += i128{s.genesis} + s.received - s.sent;
  return Tokens(detail::checked(t, "agents' total"));
}

Tokens Ledger::in_flight() const {
  i128 sent = global_out_.raw();
  i128 landed = global_in_.raw();
  for (const Tally& s : tallies_) {
    sent += s.sent;
    landed += s.received;
  }
  return Tokens(detail::checked(sent - landed, "tokens in flight"));
}

void Ledger::check(sim::Time window_begin, sim::Time window_end) const {
  const Tokens supply = minted_ - burned_;
  Tokens accounts{0};
  for (const Account& a : accounts_) accounts += a.balance;
  const Tokens agents = agents_total();
  const Tokens flight = in_flight();
  const Tokens held = agents + accounts + flight;
  if (supply != held || flight.raw() < 0) {
    std::string msg =
        "conservation broken in window [" + std::to_string(window_begin) + ", " + std::to_string(window_end) + "): ";
    if (flight.raw() < 0) {
      msg += "tokens in flight are negative (" + to_string(flight) + "): agents were credited with tokens nobody sent";
    } else {
      msg += "minted - burned = " + to_string(supply) + " but agents + accounts + in flight = " + to_string(agents) +
             " + " + to_string(accounts) + " + " + to_string(flight) + " = " + to_string(held) + " (difference " +
             to_string(supply - held) + ")";
    }
    msg += "; accounts:";
    for (const Account& a : accounts_) msg += " " + a.name + "=" + to_string(a.balance);
    throw ConservationError(msg);
  }
}

void Ledger::check_agents(Tokens recounted, sim::Time window_end) const {
  const Tokens tallied = agents_total();
  if (recounted != tallied) {
    throw ConservationError("conservation broken at t=" + std::to_string(window_end) + ": agent balances sum to " +
                            to_string(recounted) + " but the ledger's tallies say " + to_string(tallied) +
                            " (difference " + to_string(recounted - tallied) + ")");
  }
}

void Ledger::check_account(AccountId a, Tokens mechanism_says, sim::Time window_end) const {
  if (accounts_[a].balance != mechanism_says) {
    throw ConservationError("conservation broken at t=" + std::to_string(window_end) + ": account \"" +
                            accounts_[a].name + "\" holds " + to_string(accounts_[a].balance) +
                            " in the ledger but its mechanism holds " + to_string(mechanism_says) + " (difference " +
                            to_string(mechanism_says - accounts_[a].balance) + ")");
  }
}

}  // namespace toksim::models
