// The AI compute and data economy: a DePIN-style network where GPU providers rent compute to AI jobs and the
// revenue flows by contract to providers, model creators, data contributors, the treasury and a burn.
//
// Jobs (classes: chat inference, batch embedding, fine-tuning, pre-training, ...) arrive as a seeded Poisson
// process with growth, daily seasonality and shocks, each with a USD budget and a deadline. Each job's time,
// energy and USD cost on each GPU type comes from the GPU job-cost model (gpu_cost.hpp). Every window the
// market contract matches waiting jobs to the cheapest provider with capacity (GPU-seconds) that finishes
// before the deadline and within the budget; jobs that find none by their deadline are dropped and counted.
// Payment is either direct (the user buys tokens with USD on the AMM; the tokens are escrowed at submission
// and split on completion) or burn-and-mint (Render RNP-001: the user buys and burns the USD value in
// tokens; providers are paid from the epoch's emission pro rata to the USD value of the work they completed).
// A sampled verification catches a share of malicious providers' bad results: their stake is slashed and
// the job goes back to the queue.
//
// Providers are agents with a GPU type and count, electricity price, hardware cost, uptime and a stake; they
// price their GPU-hours at cost plus a margin, sell tokens to cover their USD costs, and leave or join by their
// rolling USD profitability, which ties the token price to the supply of compute. Data contributors are agents
// owning a dataset each (size x quality = weight); every AI model uses a contiguous range of datasets, and the
// contributors' part of each fee streams into the model's royalty pool (reward per weight), which contributors
// claim at their own times. Model creators are accounts paid per use. Every token moves through the Ledger.
#pragma once

#include <cstdint>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/conviction.hpp"
#include "toksim/models/governor.hpp"
#include "toksim/models/gpu_cost.hpp"
#include "toksim/models/issuance.hpp"
#include "toksim/models/money.hpp"
#include "toksim/models/token_launch.hpp"
#include "toksim/sim/engine.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/observer.hpp"
#include "toksim/sim/table.hpp"

namespace toksim::models {

/// A kind of job: its shape (model size, tokens, precision, GPUs), how often it comes and what it is worth.
struct JobClass {
  std::string name;
  JobSpec shape;                  ///< one run of the job's shape
  double repeats = 1;             ///< a size-1 job runs its shape this many times (a customer's batch of requests)
  double arrivals_per_day = 0;    ///< at genesis
  double size_sigma = 0.5;        ///< lognormal sigma of the size factor (mean 1); scales work, cost and budget
  double budget_usd = 1.0;        ///< what the user pays at most for a size-1 job
  sim::Time deadline = sim::kDay; ///< from submission
  std::uint32_t model = 0;        ///< the AI model it uses (royalties)
};

/// Providers of one GPU type on one kind of site.
struct ProviderGroup {
  std::string name;
  std::uint32_t gpu = 0;  ///< index into ComputeNetworkConfig::gpus
  std::uint32_t count = 0;
  std::uint32_t gpus_per_provider = 1;
  double usd_per_kwh = 0.08;
  double pue = 1.3;
  double hardware_usd = 0;  ///< per GPU
  double life_years = 5;
  double margin = 0.3;       ///< ask = cost per GPU-hour at target utilisation x (1 + margin)
  double target_utilization = 0.6;
  double uptime = 0.98;      ///< long-run share of time available (outages are drawn daily)
  double active_at_genesis = 0.5;  ///< share of the group on the network at genesis
  double malicious = 0.0;    ///< share of the group returning bad results now and then
};

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
  ConvictionParams params;               ///< decay (per block), max_ratio, weight, min_threshold_stake_percentage
  sim::Time block = sim::kHour;          ///< conviction moves once per block (whole windows); checks run at each block
  Ppm funds_share = Ppm(1'000'000);      ///< the pool's funds: this share of the treasury balance
  sim::Time stake_every = sim::kDay;     ///< stake turns (whole windows)
  double stake_share = 0.5;              ///< share of its balance a voter stakes on its choice
  Tokens min_balance = Tokens::whole(10);  ///< agents holding less get no stake turn (fewer events; they matter little)
  bool abstain = true;                   ///< voters hurt by every open request stake on the abstain proposal
  std::vector<ConvictionRequest> requests;
};

/// Snapshot's counting types (voting.hpp).
enum class PollType : std::uint8_t { SingleChoice, Approval, Weighted, Quadratic, RankedChoice };
std::string_view name(PollType t) noexcept;

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
  double approval_bar = 0.05;             ///< approval: a voter approves every choice it values above this
  std::optional<std::uint32_t> sybil_choice;  ///< the choice the Sybil controller's identities back (none: they abstain)
  std::vector<PollChoice> choices;        ///< 2 to 8
};

/// A Sybil controller: buys tokens, makes identities at a cost, splits its tokens across them and votes every
/// identity for the proposals it supports (against the others). Under quadratic counting splitting pays:
/// k identities of T/k tokens have sqrt(k T) votes.
struct SybilAttack {
  Tokens tokens{0};                  ///< bought from the market's float at genesis
  double budget_usd = 0;             ///< for identities
  double identity_cost_usd = 0;      ///< per identity (0: only max_identities limits)
  std::uint32_t max_identities = 1;
  std::vector<std::uint32_t> supports;  ///< indices of the proposals it votes for
  std::uint32_t fake_datasets = 0;   ///< low-quality datasets it registers as contributors (the last model's)
  double fake_size = 5.0;            ///< their claimed size, in multiples of a typical dataset's
};

/// An airdrop from the treasury to identities that were active (providers that served GPU-hours, contributors
/// that claimed royalties), in equal parts; the eligible claim within a window and the rest returns to the
/// treasury. The Sybil controller's identities farm it by faking the activity at a cost each.
struct Airdrop {
  sim::Time at = 0;
  Tokens amount{0};
  double min_gpu_hours = 1;       ///< a provider is eligible after serving this many GPU-hours
  Tokens min_royalties{0};        ///< a contributor is eligible after claiming at least this (and more than 0)
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
  double donor_share = 0.05;      ///< chance that an identity with tokens donates
  double donation_share = 0.02;   ///< of its balance
  std::optional<double> cap;      ///< per-project matching cap, a share of the pool
  bool pairwise = false;          ///< pairwise-bounded matching (Gitcoin Grants 2.0) instead of standard QF
  double pairwise_m = 0.01;
  Tokens sybil_donation = Tokens::whole(1);  ///< each Sybil identity's donation to the controller's project
};

/// Defences against Sybil identities, applied to every identity's voting power at each snapshot.
struct SybilDefences {
  bool passport = false;          ///< a Passport-style score gates voting
  double false_positive = 0.05;   ///< share of honest identities the score wrongly excludes
  double false_negative = 0.1;    ///< share of Sybil identities that pass
  Tokens min_balance{0};          ///< identities holding less cannot vote
  bool data_quality_check = false;  ///< datasets below min_quality earn no royalties...
  double min_quality = 0.3;
  double quality_miss_rate = 0.1;   ///< ... except fake ones the check misses
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

struct ComputeNetworkConfig {
  sim::Time window = sim::kHour;

  // ---- token ----
  Tokens total_supply = Tokens::whole(1'000'000'000);
  Ppm rewards_share = Ppm(300'000);    ///< provider rewards, released by `rewards_curve`
  Ppm treasury_share = Ppm(200'000);
  Ppm liquidity_share = Ppm(50'000);   ///< seeds the AMM at the initial price
  Ppm insiders_share = Ppm(250'000);   ///< team and investors, vested monthly after a cliff, sold in part
  Ppm float_share = Ppm(200'000);      ///< held by the market (exogenous holders) at genesis
  sim::Time insiders_cliff = 12 * sim::kMonth;
  std::int64_t insiders_months = 24;
  double insiders_sell = 0.5;  ///< share of each unlock sold
  MicroUsd initial_price = MicroUsd(100'000);
  Ppm amm_fee = Ppm(3'000);
  EmissionCurve rewards_curve = EmissionCurve::ExponentialDecay;
  sim::Time rewards_period = 2 * sim::kYear;
  /// Multiplier (ppm) of the curve's per-window emission, governable: each window mints floor(scheduled x scale /
  /// 10^6), never more in all than the rewards allocation; what is not minted stays in the allocation.
  std::int64_t emission_scale = 1'000'000;
  bool rewards_by_stake = false;  ///< false: pro rata to GPU-hours served; true: pro rata to stake

  // ---- payment and split ----
  bool burn_and_mint = false;
  Ppm split_provider = Ppm(700'000);
  Ppm split_creator = Ppm(100'000);
  Ppm split_contributors = Ppm(100'000);
  Ppm split_treasury = Ppm(50'000);
  Ppm split_burn = Ppm(50'000);

  // ---- providers ----
  std::vector<GpuSpec> gpus;
  std::vector<std::string> gpu_names;
  std::vector<ProviderGroup> providers;
  Tokens stake_per_gpu = Tokens::whole(200);  ///< io.net: 200 IO per GPU (x multiplier)
  sim::Time stake_unbonding = 14 * sim::kDay;  ///< a leaving provider's stake comes back after this (io.net: 14 days)
  sim::Time decide_every = sim::kDay;
  double profit_memory_days = 14;  ///< EMA time constant of daily USD profit
  double leave_below = -0.5;       ///< leave when the EMA of daily profit per GPU falls below this (USD)
  double join_above = 0.5;         ///< an off-network provider joins when the market's revenue per GPU-day exceeds its cost by this
  double provider_sell = 0.5;      ///< share of each day's earnings a provider sells at least (more to cover costs)
  double join_probability = 0.2;   ///< ... with this chance at each decision (inertia: not every provider moves at once)
  double verification_rate = 0.1;
  double bad_result_rate = 0.2;    ///< of a malicious provider's jobs
  Ppm slash = Ppm(100'000);        ///< of the stake, per caught result

  // ---- demand ----
  std::vector<JobClass> jobs;
  double demand_growth_per_year = 1.0;
  double seasonality = 0.3;  ///< daily amplitude: rate x (1 + a sin(2 pi t / day))
  std::vector<DemandShock> shocks;
  MicroUsd speculative_usd_per_day = MicroUsd::whole(10'000);  ///< exogenous token buying
  double speculative_noise_sigma = 0.3;  ///< lognormal noise of each window's speculative buying (mean one)

  // ---- data ----
  std::uint32_t contributors = 10'000;
  std::uint32_t models = 20;
  double weight_sigma = 1.0;        ///< lognormal sigma of dataset size
  double quality_alpha = 5, quality_beta = 2;
  sim::Time claim_every = 30 * sim::kDay;
  double contributor_sell = 0.5;    ///< share of each royalty claim sold

  GovernanceConfig governance;
  sim::Time sample_every = sim::kDay;  ///< a ComputeSample aggregates the windows of this period
  sim::Time gini_every = 30 * sim::kDay;
};

/// One row per window of the run's metrics.
struct ComputeSample {
  sim::Time t;
  double price;  ///< USD per token
  Tokens supply, circulating, treasury, staked, burned_total, minted_total;
  Tokens burned, minted;                 ///< in the window
  Tokens paid_provider, paid_creator, paid_contributors, paid_treasury, paid_burn;  ///< revenue split, in the window
  MicroUsd fees_usd;                     ///< USD value of the jobs settled in the window
  std::uint64_t submitted, completed, dropped, caught, undetected;
  double latency_mean_s;                 ///< completion - submission of the jobs completed in the window
  double utilization;                    ///< busy / active GPU-seconds
  std::uint64_t providers_active;
  std::vector<std::uint32_t> active_by_gpu;
  double profitable_share;               ///< of active providers with a positive profit EMA
  double provider_profit_p10, provider_profit_median, provider_profit_p90;  ///< USD per GPU-day (EMA), active providers
  std::vector<double> royalty_deciles;   ///< mean claimable royalties per contributor by decile; NaN unless measured
  double gini;
  double nakamoto;                       ///< fewest agents holding more than half of the agents' tokens; NaN unless measured
  double sybil_royalty_share;            ///< of royalties earned so far, the fake datasets' share; NaN unless measured
  // Live (governable) parameters at the end of the period, and governance counts since genesis.
  Ppm split_provider, split_contributors;
  double verification_rate;
  Tokens stake_per_gpu;
  std::int64_t emission_scale;           ///< ppm
  std::uint64_t proposals_passed, proposals_executed;
};

/// What happened to a proposal (the run's /events/proposals table).
struct ProposalRecord {
  std::string title;
  ProposalId id = 0;  ///< the Governor's id (0 until proposed)
  sim::Time proposed = 0, snapshot = 0, deadline = 0, executed = -1;
  Tokens for_votes{0}, against_votes{0}, abstain_votes{0}, quorum{0};
  std::uint64_t voters = 0;
  Tokens delegate_votes{0};        ///< cast by delegates (their delegators' power)
  Tokens sybil_votes{0};           ///< cast by the Sybil controller's identities
  std::uint64_t sybil_voters = 0;  ///< its identities that could vote (passed the defences)
  std::uint64_t honest_excluded = 0;  ///< honest identities with tokens that the defences kept from voting
  std::string state;  ///< final (or current) state
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
  std::vector<double> scores;   ///< per choice, token base units (Snapshot's getScores)
  double scores_total = 0;
  std::int64_t winner = -1;     ///< -1: no votes
  std::uint64_t voters = 0;
  double turnout = 0;           ///< balance that voted / balance of every identity at the snapshot (the whole float included)
  double sybil_share = 0;       ///< of the voting power cast (quadratic: of the sum of square roots)
};

/// A ballot of a poll as cast: its voting power (balance at the snapshot, base units) and the ballot encoded by
/// encode_poll_ballot().
struct PollVote {
  double power = 0;
  std::uint64_t ballot = 0;
};

struct PollResult {
  std::vector<double> scores;
  double scores_total = 0;
  std::int64_t winner = -1;  ///< the first choice with the highest score; -1 when no score is positive
};

/// A voter's ballot from its value of each choice (at most 8 choices), packed in 32 bits: single-choice: the best
/// choice; approval: every choice valued above `approval_bar` (bit c); weighted and quadratic: 4-bit weights
/// round(15 exp(u_c - max u)) (the best gets 15); ranked-choice: the choices by value, best first (4 bits each;
/// ties to the lower index). @throws ConfigError for no choice or more than 8, or a non-finite value.
std::uint64_t encode_poll_ballot(PollType type, std::span<const double> value, double approval_bar);
/// Counts encoded ballots by the poll's Snapshot type (voting.hpp) and picks the winner (ranked-choice: the last
/// round's leader). @throws ConfigError for a ballot that does not decode into a valid one.
PollResult tally_poll(PollType type, std::size_t choices, std::span<const PollVote> votes);

struct ProviderColumns {
  sim::Column<std::int64_t> balance{"balance"};
  sim::Column<std::int64_t> earned{"earned"};        ///< tokens received since the last decision
  sim::Column<std::int64_t> busy_seen{"busy_seen"};  ///< the market's GPU-seconds count at the last decision
  sim::Column<float> profit_ema{"profit_ema"};       ///< USD per GPU-day
  sim::Column<float> usd_debt{"usd_debt"};           ///< costs not yet covered by selling tokens
  sim::Column<std::uint32_t> group{"group"};
  auto columns() { return std::tie(balance, earned, busy_seen, profit_ema, usd_debt, group); }
  auto columns() const { return std::tie(balance, earned, busy_seen, profit_ema, usd_debt, group); }
};

struct ContributorColumns {
  sim::Column<std::int64_t> balance{"balance"};
  sim::Column<std::int64_t> claimed{"claimed"};  ///< royalties claimed so far (base units)
  sim::Column<float> weight{"weight"};
  auto columns() { return std::tie(balance, claimed, weight); }
  auto columns() const { return std::tie(balance, claimed, weight); }
};

/// Checks a configuration for what the network cannot run: allocation and split shares that do not sum to
/// 10^6 ppm, no provider groups, unknown GPU types, empty groups, governance settings out of range (voting period,
/// float shares, conviction blocks and requests, polls, QF rounds), fewer contributors than models, a GPU catalog
/// that does not match its names. Job classes are checked where their costs are computed (the constructor).
/// @throws ConfigError naming the first problem.
void validate(const ComputeNetworkConfig& config);

class ComputeNetwork final : public sim::Model {
 public:
  enum Kind : std::uint32_t { kProvider = 0, kContributor = 1 };
  enum Contract : std::uint32_t { kMarket = 1 };

  /// @throws ConfigError for inconsistent configuration (shares, empty groups, unknown GPU types, jobs that fit
  ///         no GPU).
  ComputeNetwork(const ComputeNetworkConfig& config, std::uint32_t shards);
  ~ComputeNetwork() override;

  sim::Population population() const;
  void init_agent(sim::AgentContext& ctx) override;
  void init_global(sim::GlobalContext& ctx) override;
  void on_agent_event(sim::AgentContext& ctx, const sim::Event& e) override;
  void on_global_event(sim::GlobalContext& ctx, const sim::Event& e) override;

  sim::Observer& observer();
  const std::vector<ComputeSample>& samples() const noexcept;
  const Ledger& ledger() const noexcept;
  void measure_gini();
  std::string digest(const sim::Engine& engine) const;
  const sim::Table<ProviderColumns>& providers() const noexcept;
  const sim::Table<ContributorColumns>& contributors() const noexcept;
  /// Unit job cost of class c on GPU type g (a size-1 job), as the market uses it.
  const JobCost& unit_cost(std::size_t job_class, std::size_t gpu) const;
  /// Proposals so far, with their tallies and states.
  std::vector<ProposalRecord> proposals() const;
  /// Airdrops so far.
  std::vector<AirdropRecord> airdrops() const;
  /// Quadratic funding rounds so far.
  std::vector<QfRecord> qf_rounds() const;
  /// Every state change of every proposal, in time order (the Governor's history; empty without governance).
  std::vector<Transition> transitions() const;
  /// Conviction requests so far (one per configured request), and their state at every stake turn.
  std::vector<ConvictionRecord> conviction_requests() const;
  const std::vector<ConvictionSample>& conviction_history() const noexcept;
  /// Polls so far (one per configured poll).
  std::vector<PollRecord> polls() const;

  struct State;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace toksim::models
