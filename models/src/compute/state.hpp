// ComputeNetwork::State: the compute network's whole state and the declarations of its handlers (private to
// models/src/compute/). The economy is described in toksim/models/compute/compute_network.hpp; its handlers are defined by
// concern in the files beside this one: setup, providers, jobs, settlement, metrics, agents, network, and the
// governance features (gov_electorate, gov_proposals, gov_airdrops, gov_qf, gov_conviction, gov_polls, gov_setup).
// Handler bodies keep the order of ledger opens, random draws and schedule/send/submit calls: it is the results.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "toksim/models/compute/compute_network.hpp"
#include "toksim/models/governance/conviction.hpp"
#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/models/markets/amm_market.hpp"
#include "toksim/models/markets/demand.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/models/supply/issuance.hpp"
#include "toksim/models/supply/vesting.hpp"
#include "toksim/sim/context.hpp"

namespace toksim::models {

/// What the compute network's handlers share and nothing else needs: event kinds, payload layouts, job records
/// and the providers' heap entries.
namespace compute_detail {

using enum ComputeNetwork::Kind;
using enum ComputeNetwork::Contract;

enum EventKind : std::uint16_t {
  kDecide = 1,       // provider: costs, selling, profitability, join / leave / outage
  kPaid = 2,         // provider or contributor: tokens arrived (payload: base units)
  kClaim = 3,        // contributor: claim royalties, sell a share
  kUnstaked = 4,     // provider: its stake came back (payload: base units); sells it
  kBallot = 5,       // provider or contributor: a proposal's vote opened (payload: proposal index)
  kQfInvite = 6,     // provider or contributor: a QF round opened (payload: round index)
  kStakeTurn = 7,    // provider or contributor: a conviction stake turn
  kPollBallot = 8,   // provider or contributor: a poll opened (payload: poll index)
  kTick = 10,        // market: settle, clear, arrivals, matching, payment, emission, metrics
  kComplete = 11,    // market: a job finished (payload: job index)
  kJoin = 12,        // from a provider
  kLeave = 13,       // from a provider
  kOutage = 14,      // from a provider (payload: seconds)
  kVest = 15,        // market: an insiders' vesting step
  kRelease = 16,     // market: a leaving provider's unbonding period ended (payload: provider row)
  kPropose = 20,     // market: a scenario proposal is put (payload: proposal index)
  kSnapshot = 21,    // market: voting power is brought up to date at the proposal's snapshot (payload: index)
  kVoteStart = 22,   // market: voting opens (payload: index)
  kVote = 23,        // from an agent: payload = index << 2 | support
  kVoteEnd = 24,     // market: voting closed (payload: index)
  kExecute = 25,     // market: the timelock's eta (payload: index)
  kAirdrop = 26,     // market: an airdrop (payload: index)
  kAirdropEnd = 27,  // market: its claim window closed (payload: index)
  kQfStart = 28,     // market: a QF round opens (payload: index)
  kDonation = 29,    // from an agent: payload = round << 56 | project << 40 | base units
  kQfEnd = 30,       // market: the round closes; matching is paid (payload: index)
  kRequest = 31,     // market: a conviction request is submitted (payload: index)
  kStake = 32,      // from an agent: payload = target << 56 | base units (target 0: none, 1: abstain, k + 2: request k)
  kPollStart = 33,  // market: a poll opens at its snapshot (payload: index)
  kPollVote = 34,   // from an agent: payload = poll << 48 | encoded ballot
  kPollEnd = 35,    // market: a poll closes, is counted and maybe executed (payload: index)
};

constexpr std::uint64_t kStakeAmountMask = (std::uint64_t{1} << 56) - 1;
constexpr std::uint64_t kPollBallotMask = (std::uint64_t{1} << 48) - 1;

constexpr int kAccShift = 32;  // royalty accumulators: base units x 2^32 per unit of weight

/// A rule of the compute network's configuration (sim::require with its name).
inline void require(bool ok, const std::string& what) { toksim::require(ok, "compute network", what); }

struct alignas(64) ShardFlow {
  std::int64_t sold = 0;       // tokens agents sold into the clearing
  std::int64_t royalties = 0;  // royalties contributors claimed out of the pool
};

struct Job {
  std::uint32_t cls = 0;
  float size = 1;
  sim::Time submitted = 0, deadline = 0, done_at = 0;
  double budget_usd = 0, fee_usd = 0, gpu_seconds = 0;
  std::int32_t provider = -1;
  std::int64_t escrow = 0;  // tokens
  bool bad = false;
  bool paid = false;  // the user has paid (escrowed or burned); a reassigned job is not paid twice
};

/// Heap entry: a provider by a key (ask or backlog end), with the provider's version when it was pushed.
struct Entry {
  double key;
  std::uint32_t provider;
  std::uint32_t version;
  bool operator>(const Entry& o) const { return key != o.key ? key > o.key : provider > o.provider; }
};
using MinHeap = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;

}  // namespace compute_detail

struct ComputeNetwork::State final : sim::Observer {
  using ShardFlow = compute_detail::ShardFlow;
  using Job = compute_detail::Job;
  using Entry = compute_detail::Entry;
  using MinHeap = compute_detail::MinHeap;

  State(const ComputeNetworkConfig& c, std::uint32_t shards)
      : cfg(c),
        live(LiveParams::from(c)),
        ledger(shards),
        pool(c.amm_fee),
        rewards(make_rewards(c)),
        rewards_cap(apply(c.total_supply, c.rewards_share)),
        flows(shards),
        insiders(VestingSchedule::monthly_steps(apply(c.total_supply, c.insiders_share), 0, c.insiders_cliff,
                                                c.insiders_months)) {}

  static IssuanceSchedule make_rewards(const ComputeNetworkConfig& c);

  const ComputeNetworkConfig cfg;  // as configured; never changes
  LiveParams live;                 // what governance changes (split, verification, stake, emission scale)
  Ledger ledger;
  ConstantProductPool pool;
  IssuanceSchedule rewards;
  Tokens rewards_cap;  // the rewards allocation: never minted beyond, whatever the emission scale
  Tokens rewards_minted{0};
  std::vector<ShardFlow> flows;
  AccountId treasury = 0, amm = 0, escrow = 0, stakes = 0, royalty_pool = 0, rewards_pool = 0, insiders_escrow = 0,
            market = 0, clearing = 0, creators = 0;
  double price = 0;  // USD per token

  // ---- jobs ----
  std::vector<std::vector<JobCost>> unit;  // [class][gpu]
  std::vector<Job> jobs;
  std::vector<std::uint32_t> free_jobs;
  std::deque<std::uint32_t> pending;
  std::vector<std::uint32_t> matched;    // this window's matches (payment at the window's buy)
  std::vector<std::uint32_t> completed;  // completed since the last tick (settlement)
  AccountId escrow_of_pay = 0;           // "payouts": where provider payments wait for their event
  std::int64_t escrow_total = 0;  // sum of the escrow of every live job: the escrow account must hold exactly this

  // ---- providers (the contract's view; agents read it in their local phase) ----
  std::vector<std::uint8_t> p_active;
  std::vector<std::uint8_t> p_joining;  // asked to join; their stake is bought at the next tick
  std::vector<std::uint32_t> p_version;
  std::vector<std::uint8_t> p_state;                 // 0 off the market, 1 in `available`, 2 in `busy`
  std::vector<std::uint64_t> in_available, in_busy;  // per type: providers in each state
  std::vector<sim::Time> p_backlog_end, p_out_until;
  std::vector<double> p_ask;          // USD per GPU-hour
  std::vector<std::uint64_t> p_busy;  // GPU-seconds served, cumulative
  std::vector<std::int64_t> p_stake;
  std::vector<std::int64_t> p_unbonding;  // stake of a provider that left, until its unbonding period ends
  std::int64_t unbonding_total = 0;
  std::vector<std::int64_t> p_pay;  // tokens owed this tick
  std::vector<std::uint32_t> p_touched;
  std::vector<double> p_work_usd;  // burn-and-mint: USD value of work completed since the last tick
  std::vector<std::uint8_t> p_malicious;
  std::vector<MinHeap> available, busy;  // per GPU type
  std::vector<std::uint32_t> joiners;
  std::vector<Entry> skipped;
  static constexpr int kMaxSkips = 4;
  std::uint64_t active_gpus = 0;
  std::vector<std::uint32_t> worked;    // providers with work since the last tick
  Tokens stake_rewards{0};              // rewards by stake wait for the day's distribution
  std::uint64_t busy_gpu_s_period = 0;  // GPU-seconds of work started in the sampling period
  double active_gpu_s_period = 0;
  // Market signal for providers off the network: USD paid to providers per active GPU-day, by GPU type (EMA).
  std::vector<double> revenue_per_gpu_day;
  std::vector<std::uint64_t> active_gpus_by_type;
  std::vector<double> active_gpu_s_by_type, paid_by_type;  // in the sampling period

  // ---- data ----
  std::vector<std::uint32_t> model_first;  // contributor row range of each model: [first[m], first[m+1])
  std::vector<std::uint64_t> model_weight;
  std::vector<u128> acc;              // per model
  std::vector<double> model_use_usd;  // burn-and-mint: usage since the last tick

  // ---- insiders ----
  VestingSchedule insiders;
  Tokens insiders_released{0};

  // ---- agents ----
  sim::Table<ProviderColumns> prov;
  sim::Table<ContributorColumns> contrib;
  std::vector<std::uint32_t> group_of_row_start;

  // ---- governance ----
  std::optional<Votes> votes;  // providers 0..P-1, contributors P..P+C-1, the market's float last
  std::unique_ptr<Governor> gov;
  std::vector<ProposalId> proposal_ids;
  std::vector<ProposalRecord> records;
  std::vector<std::array<double, 3>>
      interest;  // per proposal: utility of the change for providers, contributors, holders
  std::uint64_t passed = 0, executed = 0;
  AccountId attacker = 0;                  // the Sybil controller's ledger account
  std::uint32_t identities = 0;            // its identities (voters after the float)
  std::vector<std::uint8_t> passport_out;  // per voter: the score keeps it from voting
  std::vector<std::uint32_t> delegate_of;  // per agent voter: its delegate (kNoDelegate: votes itself)
  bool delegated = false;                  // delegations are made once, at the first snapshot
  std::vector<std::uint8_t>
      delegate_class;  // per delegate: whose interest it votes (0 providers, 1 contributors, 2 holders)
  AccountId first_delegate() const { return holders_voter() + 1 + identities; }
  std::uint64_t honest_excluded = 0;
  AccountId airdrop_pool = 0;
  std::vector<AirdropRecord> drops;
  AccountId qf_pool = 0;
  std::vector<QfRecord> qfs;
  struct Donation {
    AccountId donor;
    std::uint32_t project;
    std::int64_t amount;
  };
  std::vector<std::vector<Donation>> donations;  // per round

  // ---- conviction voting (voter ids as the Votes accounts: agents, the float, the Sybil identities) ----
  std::optional<ConvictionPool> cpool;
  std::vector<ConvictionProposalId> req_ids;        // per request: the pool's id (0 until submitted)
  std::vector<std::uint8_t> req_open;               // submitted and not executed (agents read it in their local phase)
  std::vector<std::array<double, 3>> req_interest;  // per request: its value to providers, contributors, holders
  bool any_request_open = false;
  std::vector<ConvictionRecord> conv_records;
  std::vector<ConvictionSample> conv_history;
  std::vector<std::uint8_t> conv_is_staker;  // per voter
  std::vector<AccountId> conv_stakers;       // voters that have staked, in the order they first did
  sim::Time conv_clock = 0;                  // the last block start checked

  // ---- polls ----
  std::vector<PollRecord> poll_records;
  std::vector<std::vector<std::array<double, 3>>> poll_interest;  // [poll][choice]: value to each class
  std::vector<std::vector<std::int64_t>> poll_snap;  // [poll][agent]: voting power at the snapshot (open polls only)
  std::vector<std::vector<PollVote>> poll_votes;     // [poll]: ballots in the order they were counted
  std::vector<std::uint8_t> poll_open;
  std::vector<double> poll_total_power, poll_sybil_power, poll_sybil_sqrt;

  // ---- metrics (aggregated over the sampling period) ----
  std::vector<ComputeSample> samples;
  ComputeSample acc_sample{};
  double latency_sum = 0;
  Tokens minted_before{0}, burned_before{0};

  // ------------------------------------------------------------------------------------------------------
  const ProviderGroup& group_of(std::uint32_t row) const { return cfg.providers[prov.group[row]]; }
  std::uint32_t gpus_of(std::uint32_t row) const { return group_of(row).gpus_per_provider; }

  double demand_factor(sim::Time t) const;

  /// Daily USD cost of a provider's GPUs sitting on the network, and the energy cost of one busy GPU-second.
  double fixed_usd_per_day(std::uint32_t row) const;
  double energy_usd_per_gpu_s(std::uint32_t row) const;

  // Heaps with lazy deletion: a provider's entries are valid while their version is its current one. Each heap
  // is rebuilt from its valid entries when stale ones outnumber them, so it never grows past twice its size.
  void set_state(std::uint32_t p, std::uint8_t state);
  void compact(MinHeap& h, std::uint64_t valid);
  void make_available(std::uint32_t p);
  void make_busy(std::uint32_t p);
  /// The cheapest valid available provider of a type, or -1 (stale entries dropped).
  std::int64_t cheapest(std::uint32_t type);

  std::uint32_t new_job();

  // ---- the market's window ----------------------------------------------------------------------------
  void on_tick(sim::GlobalContext& ctx, sim::Time t);
  // The steps of the market's window, in the order on_tick runs them (jobs.cpp).
  void collect_flows();
  void release_busy(sim::Time w_end);
  void arrivals(sim::GlobalContext& ctx, sim::Time t);
  void match(sim::GlobalContext& ctx, sim::Time t, sim::Time w_end);
  void mint_rewards(sim::Time t);

  /// Returns a dropped or reassigned job's escrow to the users (the market account).
  void refund(std::uint32_t j);

  void buy(sim::GlobalContext& ctx, sim::Time t);

  /// Direct payment: each completed job's escrow is split; rewards go pro rata to GPU-seconds (or stake).
  /// Burn-and-mint: the epoch's rewards are split, the provider part pro rata to the USD value of work.
  void settle(sim::GlobalContext& ctx, sim::Time t);

  void owe(std::uint32_t p, Tokens amount, AccountId from) {
    if (amount.raw() <= 0) return;
    ledger.move(from, escrow_of_pay, amount);
    if (p_pay[p] == 0) p_touched.push_back(p);
    p_pay[p] += amount.raw();
    paid_by_type[group_of(p).gpu] += static_cast<double>(amount.raw());
    acc_sample.paid_provider += amount;
  }

  /// Pays `amount` from the rewards pool to the providers of this epoch's completed jobs, pro rata to their work.
  void pay_providers(Tokens amount, double total_work);

  void pay_model(Tokens creator_part, Tokens contrib_part, std::uint32_t m, AccountId from);

  /// Direct payment of one job's fee by the revenue split (floors; the treasury takes the remainder).
  void split_fee(Tokens fee, std::uint32_t p, std::uint32_t m);

  void on_complete(sim::GlobalContext& ctx, std::uint32_t j);

  void on_join(sim::GlobalContext&, std::uint32_t p);

  void on_leave(sim::GlobalContext& ctx, std::uint32_t p);

  void on_release(sim::GlobalContext& ctx, std::uint32_t p);

  void on_outage(sim::GlobalContext& ctx, std::uint32_t p, sim::Time seconds);

  void on_vest(sim::GlobalContext& ctx, sim::Time t);

  // ---- governance ----
  /// The Votes account of the agent that sent an event: providers 0..P-1, then contributors.
  AccountId voter_of(const sim::Population& pop, sim::AgentId source) const {
    return pop.kind_of(source) == kProvider ? static_cast<AccountId>(source - pop.offset(kProvider))
                                            : static_cast<AccountId>(prov.rows() + (source - pop.offset(kContributor)));
  }
  /// The chance that a holder of `tokens` takes part: base + per decade x log10(1 + tokens), capped at 1, times the
  /// `fatigue` of earlier votes (1: none).
  double turnout_of(double tokens, double fatigue) const {
    const GovernanceConfig& g = cfg.governance;
    return std::min(1.0, g.base_turnout + g.turnout_per_decade * std::log10(1.0 + tokens)) * fatigue;
  }
  /// A voter's support from its utility of a change: for above 0.05, against below -0.05, else abstain.
  static Support support_of(double u) {
    return u > 0.05 ? Support::For : u < -0.05 ? Support::Against : Support::Abstain;
  }
  AccountId holders_voter() const { return static_cast<AccountId>(prov.rows() + contrib.rows()); }
  /// The part of the float that never delegates: in the Votes supply (so in the quorum), without votes.
  AccountId passive_voter() const { return first_delegate() + cfg.governance.delegates; }
  bool is_identity(AccountId v) const { return v > holders_voter() && v <= holders_voter() + identities; }
  /// Sybil identity k's share of the controller's balance (the first ones take the remainder).
  std::int64_t identity_share(std::uint32_t k) const;
  /// The defences keep an identity (an agent or a Sybil identity) holding `balance` from voting or staking.
  bool excluded(AccountId v, std::int64_t balance) const;

  /// Brings the voting power up to the agents' balances, the float and the Sybil identities now; checkpoints only
  /// accounts whose power changed. Power is the balance (or its square root, quadratic counting), 0 for an
  /// identity the defences exclude.
  void sync_votes(sim::Time now);

  /// Utility of a proposal's change for providers, contributors and holders (the float), from the live values.
  std::array<double, 3> utilities(const ParameterChange& g) const;

  /// An agent's turn to vote (local phase): turnout grows with its balance; it votes for a change in its interest,
  /// plus noise. The ballot goes to the market as an event.
  void ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls);

  void update_record(std::size_t i, sim::Time now);

  void on_propose(sim::GlobalContext& ctx, std::size_t i);

  void on_snapshot(sim::GlobalContext& ctx, std::size_t i);

  void on_vote_start(sim::GlobalContext& ctx, std::size_t i);

  void on_vote(sim::GlobalContext& ctx, const sim::Event& e);

  void on_vote_end(sim::GlobalContext& ctx, std::size_t i);

  /// The change takes effect now: the parameters every later settlement, check and decision reads.
  void on_execute(sim::GlobalContext& ctx, std::size_t i);

  /// From the treasury into the royalty pools, pro rata to each model's dataset weight: floors, the remainder to
  /// the model with the largest weight, so exactly `grant` leaves the treasury (nothing when no dataset has weight).
  void grant_contributors(Tokens grant);

  /// Pays `amount` out of the treasury to a beneficiary, exactly.
  void pay_from_treasury(Beneficiary b, Tokens amount);

  /// A passed proposal's or an executed poll's changes.
  void apply_change(const ParameterChange& g);

  // ---- airdrops ----
  bool passes(AccountId voter) const { return !cfg.governance.defences.passport || passport_out[voter] == 0; }

  void on_airdrop(sim::GlobalContext& ctx, std::size_t i);

  void on_airdrop_end(std::size_t i);

  // ---- quadratic funding ----
  std::uint32_t model_of(std::uint32_t contributor_row) const;

  void on_qf_start(sim::GlobalContext& ctx, std::size_t i);

  /// An agent's turn in a QF round (local phase): maybe donate a share of its balance to a model.
  void invited(sim::AgentContext& ctx, const sim::Event& e, std::int64_t& balance, std::int64_t project);

  void on_donation(sim::GlobalContext& ctx, const sim::Event& e);

  /// Closes a round: donations go to their projects; the treasury pays the match, computed only over donors the
  /// defences let through (the others' donations still reach their projects).
  void on_qf_end(std::size_t i);

  // ---- conviction voting ----
  /// A voter's balance as the pool sees it: an agent's, the float's voting part, a Sybil identity's share.
  std::int64_t voter_balance(AccountId v) const;

  static std::array<double, 3> request_utilities(Beneficiary b);

  /// The pool's funds (a share of the treasury) and the stake token's supply, now.
  void sync_pool();

  /// A voter's choice among the open requests, from its class's interest plus noise: target code 0 (stake
  /// nothing), 1 (the abstain proposal: every open request hurts it) or k + 2 (request k).
  template <class Draw>
  std::uint64_t conviction_target(std::size_t cls, Draw&& normal) const {
    double best = -std::numeric_limits<double>::infinity();
    std::uint64_t target = 0;
    for (std::size_t k = 0; k < req_open.size(); ++k) {
      if (req_open[k] == 0) continue;
      const double u = req_interest[k][cls] + cfg.governance.noise * normal();
      if (u > best) {
        best = u;
        target = k + 2;
      }
    }
    if (best > 0.05) return target;
    return cfg.governance.conviction->abstain && best < -0.05 ? 1 : 0;
  }

  ConvictionProposalId pool_id(std::uint64_t target) const;

  /// Sets a voter's stake to `amount` on `id` (0: nowhere), withdrawing it from every other proposal.
  void set_stake(AccountId v, ConvictionProposalId id, Tokens amount, sim::Time now);

  /// The controller stakes everything on its open request (the first), each identity its share; identities the
  /// defences exclude cannot stake.
  void sybil_stakes(sim::Time now);

  Tokens sybil_stake_on(ConvictionProposalId id) const;

  void on_request(sim::GlobalContext& ctx, std::size_t k);

  /// Snapshot of a request into its record (at its execution, or at the last block reached).
  void fill_record(ConvictionRecord& r, ConvictionProposalId id, sim::Time now) const;

  void conviction_tick(sim::GlobalContext& ctx, sim::Time t);

  /// An agent's stake turn (local phase): turnout grows with its balance; it stakes a share of its balance on the
  /// open request it values most (plus noise), on abstain when all hurt it, or nowhere.
  void stake_turn(sim::AgentContext& ctx, std::int64_t balance, int cls);

  void on_stake(sim::GlobalContext& ctx, const sim::Event& e);

  // ---- polls ----
  void on_poll_start(sim::GlobalContext& ctx, std::size_t i);

  /// An agent's ballot (local phase): turnout as for proposals; its value of each choice is its class's interest
  /// plus noise, made into a ballot of the poll's type.
  void poll_ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls);

  void on_poll_vote(sim::GlobalContext& ctx, const sim::Event& e);

  void on_poll_end(sim::GlobalContext& ctx, std::size_t i);

  // ---- metrics ----
  void record(sim::Time t);

  void measure(sim::Time at);

  void on_window_end(const sim::WindowInfo& w) override;
};

namespace compute_detail {
// Handlers of ComputeNetwork that work on the State (defined in gov_setup.cpp, agents.cpp, config_check.cpp).
void setup_governance(ComputeNetwork::State& s, sim::GlobalContext& ctx);
void provider_turn(ComputeNetwork::State& s, sim::AgentContext& ctx, const sim::Event& e, std::uint32_t row,
                   double price);
void contributor_turn(ComputeNetwork::State& s, sim::AgentContext& ctx, const sim::Event& e, std::uint32_t row);
}  // namespace compute_detail

// The per-job and per-event helpers stay inline, so that the market's window and the agents' turns in other files
// do not pay a call for each (bench/compute_network ran 8-10% slower without).
inline double ComputeNetwork::State::fixed_usd_per_day(std::uint32_t row) const {
  const ProviderGroup& g = group_of(row);
  return g.gpus_per_provider * g.hardware_usd / (g.life_years * 365.0);
}

inline double ComputeNetwork::State::energy_usd_per_gpu_s(std::uint32_t row) const {
  const ProviderGroup& g = group_of(row);
  const GpuSpec& spec = cfg.gpus[g.gpu];
  return spec.tdp_w * 0.8 * g.pue * g.usd_per_kwh / 3.6e6;
}

inline void ComputeNetwork::State::set_state(std::uint32_t p, std::uint8_t state) {
  const std::uint32_t type = group_of(p).gpu;
  if (p_state[p] == 1) --in_available[type];
  if (p_state[p] == 2) --in_busy[type];
  p_state[p] = state;
  if (state == 1) ++in_available[type];
  if (state == 2) ++in_busy[type];
  ++p_version[p];
}

inline void ComputeNetwork::State::compact(MinHeap& h, std::uint64_t valid) {
  if (h.size() < 2 * valid + 64) return;
  std::vector<Entry> keep;
  keep.reserve(valid);
  while (!h.empty()) {
    if (h.top().version == p_version[h.top().provider]) keep.push_back(h.top());
    h.pop();
  }
  h = MinHeap(std::greater<>{}, std::move(keep));
}

inline void ComputeNetwork::State::make_available(std::uint32_t p) {
  set_state(p, 1);
  const std::uint32_t type = group_of(p).gpu;
  available[type].push({p_ask[p], p, p_version[p]});
  compact(available[type], in_available[type]);
}

inline void ComputeNetwork::State::make_busy(std::uint32_t p) {
  set_state(p, 2);
  const std::uint32_t type = group_of(p).gpu;
  busy[type].push({static_cast<double>(p_backlog_end[p]), p, p_version[p]});
  compact(busy[type], in_busy[type]);
}

inline std::int64_t ComputeNetwork::State::cheapest(std::uint32_t type) {
  MinHeap& h = available[type];
  while (!h.empty()) {
    const Entry e = h.top();
    if (e.version == p_version[e.provider] && p_active[e.provider] != 0) return e.provider;
    h.pop();
  }
  return -1;
}

inline std::uint32_t ComputeNetwork::State::new_job() {
  if (!free_jobs.empty()) {
    const std::uint32_t j = free_jobs.back();
    free_jobs.pop_back();
    jobs[j] = Job{};
    return j;
  }
  jobs.emplace_back();
  return static_cast<std::uint32_t>(jobs.size() - 1);
}

}  // namespace toksim::models
