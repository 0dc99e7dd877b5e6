// What a scenario asks of the compute network's governance: proposals and the parameter changes they make,
// conviction voting, Snapshot polls, delegates and the float's votes, the Sybil controller and the defences against
// it, airdrops and quadratic funding rounds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/governance/conviction.hpp"
#include "toksim/models/governance/poll.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// Changes of live (governable) parameters, applied when a proposal executes or when an executed poll closes with
/// this choice winning. Unset members leave their parameter as it is; none at all is a text-only signal.
struct ParameterChange {
  std::optional<std::array<Ppm, 5>> split;  ///< provider, creator, contributors, treasury, burn (sum 10^6)
  std::optional<double> verification_rate;
  std::optional<Tokens> stake_per_gpu;
  /// Multiplier of the rewards curve's per-window emission, in ppm (10^6: as scheduled; 500,000 halves it).
  std::optional<std::int64_t> emission_scale;
  Tokens grant_to_contributors{0};  ///< from the treasury to the data contributors' royalty pools, pro rata to weight
  Tokens grant_to_attacker{0};      ///< from the treasury to the Sybil controller (what a capture is after)
};

/// A proposal put to the token holders at a set time; if it passes, its changes apply at its execution time.
struct GovernanceProposal : ParameterChange {
  std::string title;
  sim::Time at = 0;  ///< when it is proposed
};

/// Where a conviction-voting request's tokens go when it executes.
enum class Beneficiary : std::uint8_t {
  Contributors,  ///< the data contributors' royalty pools, pro rata to each model's dataset weight
  Creators,      ///< the AI models' creators (an account)
  Sybil,         ///< the Sybil controller's project (its account)
  Burn,          ///< burned
};
std::string_view name(Beneficiary b) noexcept;

/// A funding request to the conviction pool, submitted at a set time; it executes when its conviction exceeds
/// its threshold (1Hive), paying `amount` out of the treasury.
struct ConvictionRequest {
  std::string title;
  Beneficiary beneficiary = Beneficiary::Contributors;
  Tokens amount{0};
  sim::Time at = 0;  ///< when it is submitted
};

/// Conviction voting for continuous treasury funding (conviction.hpp: 1Hive's formulas and a lazily updated pool).
/// Voters stake a share of their balance on the request they like best (their class's interest plus noise) at
/// every stake turn; conviction moves once per block; a request executes at the first block whose conviction
/// exceeds its threshold. Conviction is token-weighted: splitting tokens over identities changes nothing.
struct ConvictionConfig {
  ConvictionParams params;            ///< decay (per block), max_ratio, weight, min_threshold_stake_percentage
  sim::Time block = sim::kHour;       ///< conviction moves once per block (whole windows); checks run at each block
  Ppm funds_share = Ppm(1'000'000);   ///< the pool's funds: this share of the treasury balance
  sim::Time stake_every = sim::kDay;  ///< stake turns (whole windows)
  double stake_share = 0.5;           ///< share of its balance a voter stakes on its choice
  Tokens min_balance = Tokens::whole(10);  ///< agents holding less get no stake turn (fewer events; they matter little)
  bool abstain = true;                     ///< voters hurt by every open request stake on the abstain proposal
  std::vector<ConvictionRequest> requests;
};

struct PollChoice : ParameterChange {
  std::string name;
};

/// An off-chain Snapshot poll: voting power is each identity's balance at the opening (the snapshot); ballots are
/// counted by `type` at the close; with `execute` the winning choice's changes apply at the close (SafeSnap-like),
/// otherwise the poll is a signal.
struct Poll {
  std::string title;
  PollType type = PollType::SingleChoice;
  sim::Time at = 0;  ///< snapshot and opening
  sim::Time duration = 7 * sim::kDay;
  bool execute = false;
  double approval_bar = 0.05;  ///< approval: a voter approves every choice it values above this
  std::optional<std::uint32_t>
      sybil_choice;                 ///< the choice the Sybil controller's identities back (none: they abstain)
  std::vector<PollChoice> choices;  ///< 2 to 8
};

/// A Sybil controller: buys tokens, makes identities at a cost, splits its tokens across them and votes every
/// identity for the proposals it supports (against the others). Under quadratic counting splitting pays:
/// k identities of T/k tokens have sqrt(k T) votes.
struct SybilAttack {
  Tokens tokens{0};              ///< bought from the market's float at genesis
  double budget_usd = 0;         ///< for identities
  double identity_cost_usd = 0;  ///< per identity (0: only max_identities limits)
  std::uint32_t max_identities = 1;
  std::vector<std::uint32_t> supports;  ///< indices of the proposals it votes for
  std::uint32_t fake_datasets = 0;      ///< low-quality datasets it registers as contributors (the last model's)
  double fake_size = 5.0;               ///< their claimed size, in multiples of a typical dataset's
};

/// An airdrop from the treasury to identities that were active (providers that served GPU-hours, contributors
/// that claimed royalties), in equal parts; the eligible claim within a window and the rest returns to the
/// treasury. The Sybil controller's identities farm it by faking the activity at a cost each.
struct Airdrop {
  sim::Time at = 0;
  Tokens amount{0};
  double min_gpu_hours = 1;  ///< a provider is eligible after serving this many GPU-hours
  Tokens min_royalties{0};   ///< a contributor is eligible after claiming at least this (and more than 0)
  sim::Time claim_window = 30 * sim::kDay;
  double claim_rate = 0.6;        ///< share of eligible honest identities that claim within the window
  double bot_activity_usd = 1.0;  ///< what faking the activity costs one Sybil identity
};

/// A quadratic funding round from the treasury: holders donate to the AI models' creators (contributors to their
/// own model, providers to any), the treasury matches by QF; the Sybil controller's identities each donate a
/// little to its own project to farm the match.
struct QfRound {
  sim::Time at = 0;
  sim::Time duration = 7 * sim::kDay;
  Tokens matching_pool{0};
  double donor_share = 0.05;     ///< chance that an identity with tokens donates
  double donation_share = 0.02;  ///< of its balance
  std::optional<double> cap;     ///< per-project matching cap, a share of the pool
  bool pairwise = false;         ///< pairwise-bounded matching (Gitcoin Grants 2.0) instead of standard QF
  double pairwise_m = 0.01;
  Tokens sybil_donation = Tokens::whole(1);  ///< each Sybil identity's donation to the controller's project
};

/// Defences against Sybil identities, applied to every identity's voting power at each snapshot.
struct SybilDefences {
  bool passport = false;            ///< a Passport-style score gates voting
  double false_positive = 0.05;     ///< share of honest identities the score wrongly excludes
  double false_negative = 0.1;      ///< share of Sybil identities that pass
  Tokens min_balance{0};            ///< identities holding less cannot vote
  bool data_quality_check = false;  ///< datasets below min_quality earn no royalties...
  double min_quality = 0.3;
  double quality_miss_rate = 0.1;  ///< ... except fake ones the check misses
};

/// Token-weighted governance through the OpenZeppelin Governor (governor.hpp): providers and contributors vote
/// with their balances at the snapshot, and so does the market's float, as one holder; each votes by its
/// interest in the change plus noise, turning out more the more it holds.
struct GovernanceConfig {
  /// The market's float: the share of it whose holders vote (as one holder) and the share delegated to the
  /// delegates (evenly); the rest never delegates (OpenZeppelin Votes: no voting power, but in the supply).
  Ppm float_votes = Ppm(1'000'000);
  Ppm float_delegated = Ppm(0);
  sim::Time voting_delay = sim::kDay;
  sim::Time voting_period = 7 * sim::kDay;
  sim::Time timelock = 2 * sim::kDay;  ///< Compound Timelock's minimum delay (REFERENCES §1)
  std::uint64_t quorum_percent = 4;    ///< of the supply at the snapshot (OpenZeppelin's wizard default)
  double base_turnout = 0.05;          ///< turnout of a holder of 1 token
  double turnout_per_decade = 0.05;    ///< + this per tenfold balance, capped at 1
  double noise = 0.5;                  ///< standard deviation of the preference noise
  bool quadratic = false;              ///< quadratic counting: an identity's power is sqrt(balance in base units)
  double apathy = 0.0;                 ///< turnout shrinks by this factor with each earlier proposal: x (1 - apathy)^k
  std::uint32_t delegates = 0;         ///< delegates that vote for those who delegate to them
  double delegation_share = 0.0;       ///< share of agents that delegate (to a delegate drawn at genesis)
  std::vector<GovernanceProposal> proposals;
  std::optional<SybilAttack> sybil;
  SybilDefences defences;
  std::vector<Airdrop> airdrops;
  std::vector<QfRound> qf_rounds;
  std::optional<ConvictionConfig> conviction;
  std::vector<Poll> polls;
};

}  // namespace toksim::models
