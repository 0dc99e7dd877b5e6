// What the compute network records: one sample per sampling period (the run's metrics) and one record per
// proposal, airdrop, QF round, conviction request and poll (the run's /events tables).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toksim/models/compute/governance_config.hpp"
#include "toksim/models/governance/governor.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// What happened in a QF round (the run's /events/qf_rounds table).
struct QfRecord {
  sim::Time at = 0;
  Tokens pool{0}, donations_honest{0}, donations_sybil{0}, match_total{0}, match_sybil{0};
  std::uint64_t donors = 0, sybil_donors = 0, donors_excluded = 0;
};

/// What happened to an airdrop (the run's /events/airdrops table).
struct AirdropRecord {
  sim::Time at = 0;
  Tokens amount{0}, each{0}, claimed_honest{0}, claimed_sybil{0}, returned{0};
  std::uint64_t eligible_honest = 0, eligible_sybil = 0, honest_excluded = 0;
  double bot_cost_usd = 0;
};

/// One row per window of the run's metrics.
struct ComputeSample {
  sim::Time t;
  double price;  ///< USD per token
  Tokens supply, circulating, treasury, staked, burned_total, minted_total;
  Tokens burned, minted;                                                            ///< in the window
  Tokens paid_provider, paid_creator, paid_contributors, paid_treasury, paid_burn;  ///< revenue split, in the window
  MicroUsd fees_usd;  ///< USD value of the jobs settled in the window
  std::uint64_t submitted, completed, dropped, caught, undetected;
  double latency_mean_s;  ///< completion - submission of the jobs completed in the window
  double utilization;     ///< busy / active GPU-seconds
  std::uint64_t providers_active;
  std::vector<std::uint32_t> active_by_gpu;
  double profitable_share;  ///< of active providers with a positive profit EMA
  double provider_profit_p10, provider_profit_median, provider_profit_p90;  ///< USD per GPU-day (EMA), active providers
  std::vector<double> royalty_deciles;  ///< mean claimable royalties per contributor by decile; NaN unless measured
  double gini;
  double nakamoto;             ///< fewest agents holding more than half of the agents' tokens; NaN unless measured
  double sybil_royalty_share;  ///< of royalties earned so far, the fake datasets' share; NaN unless measured
  // Live (governable) parameters at the end of the period, and governance counts since genesis.
  Ppm split_provider, split_contributors;
  double verification_rate;
  Tokens stake_per_gpu;
  std::int64_t emission_scale;  ///< ppm
  std::uint64_t proposals_passed, proposals_executed;
};

/// What happened to a proposal (the run's /events/proposals table).
struct ProposalRecord {
  std::string title;
  ProposalId id = 0;  ///< the Governor's id (0 until proposed)
  sim::Time proposed = 0, snapshot = 0, deadline = 0, executed = -1;
  Tokens for_votes{0}, against_votes{0}, abstain_votes{0}, quorum{0};
  std::uint64_t voters = 0;
  Tokens delegate_votes{0};           ///< cast by delegates (their delegators' power)
  Tokens sybil_votes{0};              ///< cast by the Sybil controller's identities
  std::uint64_t sybil_voters = 0;     ///< its identities that could vote (passed the defences)
  std::uint64_t honest_excluded = 0;  ///< honest identities with tokens that the defences kept from voting
  std::string state;                  ///< final (or current) state
};

/// What happened to a conviction request (the run's /events/conviction table). Conviction, threshold and stakes
/// are at the execution, or at the last block reached for a request that has not executed.
struct ConvictionRecord {
  std::string title;
  Beneficiary beneficiary = Beneficiary::Contributors;
  Tokens amount{0};
  sim::Time submitted = -1, executed = -1;
  double conviction = 0, threshold = 0;  ///< token base units (threshold +inf while the request exceeds max_ratio)
  Tokens staked{0}, staked_sybil{0};     ///< on this request
  Tokens staked_total{0};                ///< on every proposal of the pool (abstain included)
  Tokens funds{0};                       ///< the pool's funds
};

/// A request's state at a stake turn (the run's /events/conviction_history table).
struct ConvictionSample {
  sim::Time t = 0;
  std::uint32_t request = 0;
  Tokens staked{0}, staked_sybil{0}, staked_total{0}, funds{0};
  double conviction = 0, threshold = 0;
};

/// What happened in a poll (the run's /events/polls table).
struct PollRecord {
  std::string title;
  PollType type = PollType::SingleChoice;
  sim::Time opened = -1, closed = -1, executed = -1;
  std::vector<double> scores;  ///< per choice, token base units (Snapshot's getScores)
  double scores_total = 0;
  std::int64_t winner = -1;  ///< -1: no votes
  std::uint64_t voters = 0;
  double turnout = 0;  ///< balance that voted / balance of every identity at the snapshot (the whole float included)
  double sybil_share = 0;  ///< of the voting power cast (quadratic: of the sum of square roots)
};

}  // namespace toksim::models
