// Conviction voting (1Hive): the discrete LTI conviction formula, its trigger threshold, and a funding pool with
// lazily updated conviction per proposal, stakes per voter, and execution out of a fund.
// Sources: 1Hive/conviction-voting-cadcad (algorithm_overview.ipynb, models/v3/Deriving_Alpha.ipynb,
// models/v3/model/parts/utils.py `trigger_threshold`); 1Hive/conviction-voting-app contracts/ConvictionVoting.sol
// (calculateConviction, calculateThreshold, _totalStaked, _stake, _withdrawFromProposal,
// _withdrawInactiveStakedTokens, _withdrawActiveStakedTokens, _onTransfer, executeProposal, cancelProposal).
//
// Departures from the contract, and why:
//  - Conviction and threshold are doubles computed with the closed form (std::pow), not Q128 / Q64 fixed point
//    with round-half-up: relative differences ~1e-15, far below any modelling question. The guard on a request
//    (maxRatio * funds > requested * D) is exact integer arithmetic as in the contract.
//  - Stakes, balances and funds are exact Tokens (int64 base units), as everywhere in toksim.
//  - Time: the caller passes simulated seconds (sim::Time); the pool counts blocks of `block_seconds` seconds,
//    block = floor(now / block_seconds), and conviction moves once per block as in the contract (t in blocks).
//    block_seconds = 1 makes t plain seconds. Time must not go backwards.
//  - The abstain proposal (id 1) exists as in the contract; proposals get ids from 2 on. Signalling proposals
//    (requested 0) cannot be executed. EVM scripts, beneficiaries and permissions are left out.
//  - A revert is a thrown ConfigError, and the pool is then unchanged (as a reverted transaction).
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

/// Conviction after t steps with constant stake x from y0: y_t = alpha^t * y0 + x * (1 - alpha^t) / (1 - alpha),
/// the closed form of y_{t+1} = alpha * y_t + x. t may be fractional. @throws ConfigError for alpha outside
/// [0, 1), t < 0 or non-finite arguments.
double conviction(double y0, double x, double alpha, double t);

/// alpha = (1/2)^(1 / t_half): conviction of a removed stake halves in t_half steps. @throws ConfigError for
/// t_half <= 0 or non-finite.
double alpha_from_half_life(double t_half);

/// t_half = ln(1/2) / ln(alpha), the inverse of alpha_from_half_life. @throws ConfigError for alpha outside (0, 1).
double half_life_from_alpha(double alpha);

/// Trigger threshold: y*(r) = rho * S / ((1 - alpha) * (beta - r / R)^2) when r / R < beta, else +infinity
/// (also +infinity when R == 0: nothing can be requested from an empty fund). S: supply or total staked;
/// R: funds; r: requested. @throws ConfigError for negative or non-finite inputs, beta outside (0, 1] or alpha
/// outside [0, 1).
double threshold(double rho, double beta, double supply_or_staked, double funds, double requested, double alpha);

/// The contract's integer parameters, scaled by D = 10^7: alpha = decay / D, rho = weight / D,
/// beta = max_ratio / D; min_threshold_stake_percentage is scaled by 10^18 = 100% (ONE_HUNDRED_PERCENT).
/// max_ratio and weight have no meaningful default (0): set them (max_ratio 0 fails validate()).
struct ConvictionParams {
  static constexpr std::uint64_t kD = 10'000'000;
  static constexpr std::uint64_t kOneHundredPercent = 1'000'000'000'000'000'000;

  std::uint64_t decay = 9'999'599;  ///< 1Hive's typical value: half-life ~17,285 blocks
  std::uint64_t max_ratio = 0;
  std::uint64_t weight = 0;
  std::uint64_t min_threshold_stake_percentage = 0;

  double alpha() const noexcept { return static_cast<double>(decay) / static_cast<double>(kD); }
  double rho() const noexcept { return static_cast<double>(weight) / static_cast<double>(kD); }
  double beta() const noexcept { return static_cast<double>(max_ratio) / static_cast<double>(kD); }
  /// @throws ConfigError unless decay < D, 0 < max_ratio <= D and min_threshold_stake_percentage <= 10^18.
  void validate() const;
};

using ConvictionProposalId = std::uint64_t;
using ConvictionVoterId = std::uint64_t;

enum class ConvictionStatus { Active, Cancelled, Executed };

/// A conviction-voting funding pool, event-driven like the contract: each proposal stores (conviction_last,
/// block_last) and brings conviction forward with the closed form only when its stake changes or it executes.
///
/// Voters: set_balance() records a voter's stake-token balance (the contract reads MiniMe balances). stake()
/// needs the voter's total stake plus the amount to fit the balance; first it frees stake from executed or
/// cancelled proposals (whole stakes, in the voter's list order) as _withdrawInactiveStakedTokens. A voter may
/// have stake on at most kMaxStakedProposals proposals at once; the list of staked proposals keeps the
/// contract's order (push on first stake, swap-with-last delete when the stake reaches 0). set_balance() below
/// the voter's stake withdraws as _onTransfer: inactive proposals first, then the abstain proposal, then active
/// ones in list order, just enough.
///
/// Threshold: rho * S / (1 - alpha) / (beta - r / funds)^2 with S = max(total staked, supply *
/// min_threshold_stake_percentage / 10^18) (floor, as _totalStaked); +infinity unless max_ratio * funds >
/// r * D. total staked counts stake left on executed or cancelled proposals until it is withdrawn (as the
/// contract's totalStaked). execute() requires conviction > threshold (strict) and pays `requested` out of funds.
/// Conviction and threshold are in token base units (the contract's are in the token's smallest unit).
class ConvictionPool {
 public:
  static constexpr ConvictionProposalId kAbstainProposal = 1;
  static constexpr std::size_t kMaxStakedProposals = 10;

  /// @throws ConfigError for invalid params, negative funds or supply, or block_seconds <= 0.
  ConvictionPool(ConvictionParams params, Tokens funds, Tokens stake_token_supply, sim::Time block_seconds);

  /// Adds a proposal requesting `requested` (0: a signalling proposal); returns its id (2, 3, ...). Its conviction
  /// record starts at its first stake (the contract's blockLast == 0 case). @throws ConfigError for requested < 0.
  ConvictionProposalId add_proposal(Tokens requested);

  /// Sets a voter's stake-token balance (withdrawing stake as _onTransfer when it falls below the stake).
  /// @throws ConfigError for a negative balance or time going backwards.
  void set_balance(ConvictionVoterId voter, Tokens balance, sim::Time now);

  /// Stakes `amount` of the voter's tokens on an active proposal. @throws ConfigError for an unknown or inactive
  /// proposal, amount <= 0, more than the unstaked balance (after freeing inactive stake), an 11th proposal, or
  /// time going backwards.
  void stake(ConvictionVoterId voter, ConvictionProposalId id, Tokens amount, sim::Time now);

  /// Withdraws `amount` of the voter's stake from a proposal (any status; conviction moves only for active ones).
  /// @throws ConfigError for amount <= 0, more than the voter's stake there, an unknown proposal, or time going
  /// backwards.
  void withdraw(ConvictionVoterId voter, ConvictionProposalId id, Tokens amount, sim::Time now);

  /// Conviction of a proposal at `now`, brought forward from its last record without storing it.
  double conviction_at(ConvictionProposalId id, sim::Time now) const;
  /// Current threshold of a proposal's request, calculateThreshold(requested): +infinity unless
  /// max_ratio * funds > requested * D (finite for a signalling proposal while funds > 0).
  double threshold_of(ConvictionProposalId id) const;
  /// Whether execute(id, now) would succeed.
  bool can_execute(ConvictionProposalId id, sim::Time now) const;
  /// Executes: pays the requested amount out of funds and returns it. @throws ConfigError when the proposal is
  /// the abstain proposal, a signalling one, not active, or its conviction is not above the threshold.
  Tokens execute(ConvictionProposalId id, sim::Time now);
  /// Cancels an active proposal (not the abstain proposal). Stake stays until withdrawn.
  void cancel(ConvictionProposalId id);

  void add_funds(Tokens amount);  ///< @throws ConfigError for amount < 0
  /// Sets the funds to the vault's balance now (the contract reads the vault's balance at each threshold; a
  /// simulation whose treasury changes outside the pool syncs it). @throws ConfigError for amount < 0
  void set_funds(Tokens amount);
  void set_stake_token_supply(Tokens supply);  ///< @throws ConfigError for supply < 0

  const ConvictionParams& params() const noexcept { return params_; }
  Tokens funds() const noexcept { return funds_; }
  Tokens total_staked() const noexcept { return total_staked_; }
  /// S of the threshold: max(total staked, supply * min_threshold_stake_percentage / 10^18).
  Tokens effective_total_staked() const;
  std::int64_t block_at(sim::Time now) const noexcept { return sim::floor_div(now, block_seconds_); }

  ConvictionStatus status(ConvictionProposalId id) const;
  Tokens requested(ConvictionProposalId id) const;
  Tokens staked_on(ConvictionProposalId id) const;
  Tokens voter_stake(ConvictionVoterId voter, ConvictionProposalId id) const;
  Tokens voter_total_stake(ConvictionVoterId voter) const;
  Tokens balance(ConvictionVoterId voter) const;
  /// The voter's staked proposals in the contract's list order.
  std::vector<ConvictionProposalId> voter_proposals(ConvictionVoterId voter) const;
  /// Conviction and block of the proposal's last record (block 0 before its first stake).
  double conviction_last(ConvictionProposalId id) const;
  std::int64_t block_last(ConvictionProposalId id) const;

 private:
  struct Proposal {
    Tokens requested;
    Tokens staked;
    double conviction_last = 0.0;
    std::int64_t block_last = 0;
    bool started = false;  // the contract's blockLast != 0
    ConvictionStatus status = ConvictionStatus::Active;
    std::unordered_map<ConvictionVoterId, Tokens> voter_stake;
  };
  struct Voter {
    Tokens balance;
    Tokens total_stake;
    std::vector<ConvictionProposalId> proposals;
  };
  struct Withdrawal {
    ConvictionProposalId id;
    Tokens amount;
  };

  const Proposal& proposal(ConvictionProposalId id) const;
  Proposal& proposal(ConvictionProposalId id);
  std::int64_t checked_block(sim::Time now) const;
  double conviction_from(const Proposal& p, std::int64_t block) const;
  /// _withdrawInactiveStakedTokens as a plan (nothing changes).
  std::vector<Withdrawal> plan_inactive(const Voter& v, ConvictionVoterId voter, Tokens target) const;
  /// _withdrawFromProposal after its checks.
  void apply_withdrawal(ConvictionVoterId voter, Voter& v, ConvictionProposalId id, Tokens amount, std::int64_t block);
  void set_conviction(Proposal& p, std::int64_t block) const;

  ConvictionParams params_;
  Tokens funds_;
  Tokens supply_;
  sim::Time block_seconds_;
  std::int64_t last_block_ = std::numeric_limits<std::int64_t>::min();
  Tokens total_staked_;
  std::vector<Proposal> proposals_;  // index = id; 0 unused, 1 abstain
  std::unordered_map<ConvictionVoterId, Voter> voters_;
};

}  // namespace toksim::models
