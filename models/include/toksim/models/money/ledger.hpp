// The token ledger: every movement of tokens goes through it, and it checks the conservation identity
//   minted - burned == (sum of agent balances) + (sum of global accounts) + (tokens in flight)
// exactly. Agent balances live in the agents' own columns; the ledger keeps per-shard tallies of how they
// change, so the check costs O(shards + accounts) per window, and a full recount (at samples) compares the
// tallies with the columns. A breach throws ConservationError naming the window, the account and the amounts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// The identity broke: the message names the first offending window, the account and the amounts.
class ConservationError : public Error {
 public:
  using Error::Error;
};

using AccountId = std::uint32_t;

/// What a global account is, for metrics (circulating supply excludes locked classes) and messages.
enum class AccountClass : std::uint8_t {
  Treasury,
  AmmReserve,
  VestingEscrow,
  EmissionPool,
  Staked,
  Market,  ///< tokens held outside the modelled agents (exogenous buyers)
  Other,
};
std::string_view to_string(AccountClass c) noexcept;

class Ledger {
 public:
  /// @param shards number of engine shards (one tally each).
  explicit Ledger(std::uint32_t shards);

  /// Opens a global account with a unique name. @throws ConfigError on a duplicate or empty name.
  AccountId open(std::string name, AccountClass cls);
  std::size_t accounts() const noexcept { return accounts_.size(); }
  const std::string& name(AccountId a) const { return accounts_[a].name; }
  AccountClass account_class(AccountId a) const { return accounts_[a].cls; }
  Tokens balance(AccountId a) const { return accounts_[a].balance; }
  /// Sum of the balances of every account of a class.
  Tokens total(AccountClass cls) const;

  // ---- global phase (one thread) ----
  /// Creates tokens into an account.
  void mint(AccountId to, Tokens amount);
  /// Destroys tokens from an account. @throws ConservationError if the account would go negative.
  void burn(AccountId from, Tokens amount);
  /// Moves between accounts. @throws ConservationError if `from` would go negative.
  void move(AccountId from, AccountId to, Tokens amount);
  /// Takes tokens from an account into an event bound for an agent (in flight until the agent credits it).
  void send_to_agent(AccountId from, Tokens amount);
  /// Lands tokens that an agent sent (in flight) into an account.
  void receive_from_agent(AccountId to, Tokens amount);

  // ---- local phase (one shard per thread; each call touches only its shard's tally) ----
  /// An agent's balance grew by tokens that were in flight (sent by a contract or another agent).
  void agent_received(std::uint32_t shard, Tokens amount) noexcept { tallies_[shard].received += amount.raw(); }
  /// An agent's balance shrank by tokens it put in flight (to a contract or another agent).
  void agent_sent(std::uint32_t shard, Tokens amount) noexcept { tallies_[shard].sent += amount.raw(); }
  /// Tokens placed into agents' balances at set-up, not through flight (e.g. an airdrop at genesis, minted).
  void agent_genesis(std::uint32_t shard, Tokens amount) noexcept { tallies_[shard].genesis += amount.raw(); }

  // ---- totals and checks (boundary phase) ----
  Tokens minted() const noexcept { return minted_; }
  Tokens burned() const noexcept { return burned_; }
  /// Sum of agent balances as the tallies say (genesis + received - sent).
  Tokens agents_total() const;
  /// Tokens in events not yet landed.
  Tokens in_flight() const;
  /// The cheap check, every window. @throws ConservationError naming the window and the amounts.
  void check(sim::Time window_begin, sim::Time window_end) const;
  /// The full check, at samples: the agents' columns summed (by the caller, exactly) must equal the tallies.
  void check_agents(Tokens recounted, sim::Time window_end) const;
  /// Cross-check of an account against the mechanism that holds the tokens (an AMM's reserve, say).
  void check_account(AccountId a, Tokens mechanism_says, sim::Time window_end) const;

 private:
  struct Account {
    std::string name;
    AccountClass cls;
    Tokens balance;
  };
  struct alignas(64) Tally {  // one cache line per shard: no false sharing between threads
    std::int64_t genesis = 0;
    std::int64_t received = 0;
    std::int64_t sent = 0;
  };
  void debit(AccountId a, Tokens amount, const char* op);

  std::vector<Account> accounts_;
  std::vector<Tally> tallies_;
  Tokens minted_{0};
  Tokens burned_{0};
  Tokens global_out_{0};  // contracts -> agents, in flight
  Tokens global_in_{0};   // agents -> contracts, landed
};

}  // namespace toksim::models
