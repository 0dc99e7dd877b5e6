// The AI compute and data economy (see compute_network.hpp).
#include "toksim/models/compute_network.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <numbers>
#include <queue>
#include <set>

#include "toksim/models/amm.hpp"
#include "toksim/models/quadratic_funding.hpp"
#include "toksim/models/votes.hpp"
#include "toksim/models/voting.hpp"
#include "toksim/models/inequality.hpp"
#include "toksim/models/ledger.hpp"
#include "toksim/models/vesting.hpp"
#include "toksim/sim/digest.hpp"
#include "toksim/sim/reduce.hpp"

namespace toksim::models {

namespace {

enum EventKind : std::uint16_t {
  kDecide = 1,    // provider: costs, selling, profitability, join / leave / outage
  kPaid = 2,      // provider or contributor: tokens arrived (payload: base units)
  kClaim = 3,     // contributor: claim royalties, sell a share
  kUnstaked = 4,  // provider: its stake came back (payload: base units); sells it
  kBallot = 5,    // provider or contributor: a proposal's vote opened (payload: proposal index)
  kQfInvite = 6,  // provider or contributor: a QF round opened (payload: round index)
  kStakeTurn = 7, // provider or contributor: a conviction stake turn
  kPollBallot = 8,  // provider or contributor: a poll opened (payload: poll index)
  kTick = 10,     // market: settle, clear, arrivals, matching, payment, emission, metrics
  kComplete = 11, // market: a job finished (payload: job index)
  kJoin = 12,     // from a provider
  kLeave = 13,    // from a provider
  kOutage = 14,   // from a provider (payload: seconds)
  kVest = 15,     // market: an insiders' vesting step
  kRelease = 16,  // market: a leaving provider's unbonding period ended (payload: provider row)
  kPropose = 20,  // market: a scenario proposal is put (payload: proposal index)
  kSnapshot = 21, // market: voting power is brought up to date at the proposal's snapshot (payload: index)
  kVoteStart = 22,  // market: voting opens (payload: index)
  kVote = 23,     // from an agent: payload = index << 2 | support
  kVoteEnd = 24,  // market: voting closed (payload: index)
  kExecute = 25,  // market: the timelock's eta (payload: index)
  kAirdrop = 26,  // market: an airdrop (payload: index)
  kAirdropEnd = 27,  // market: its claim window closed (payload: index)
  kQfStart = 28,  // market: a QF round opens (payload: index)
  kDonation = 29, // from an agent: payload = round << 56 | project << 40 | base units
  kQfEnd = 30,    // market: the round closes; matching is paid (payload: index)
  kRequest = 31,  // market: a conviction request is submitted (payload: index)
  kStake = 32,    // from an agent: payload = target << 56 | base units (target 0: none, 1: abstain, k + 2: request k)
  kPollStart = 33,  // market: a poll opens at its snapshot (payload: index)
  kPollVote = 34, // from an agent: payload = poll << 48 | encoded ballot
  kPollEnd = 35,  // market: a poll closes, is counted and maybe executed (payload: index)
};

constexpr std::uint64_t kStakeAmountMask = (std::uint64_t{1} << 56) - 1;
constexpr std::uint64_t kPollBallotMask = (std::uint64_t{1} << 48) - 1;

constexpr int kAccShift = 32;  // royalty accumulators: base units x 2^32 per unit of weight

void require(bool ok, const std::string& what) {
  if (!ok) throw ConfigError("compute network: " + what);
}

struct alignas(64) ShardFlow {
  std::int64_t sold = 0;      // tokens agents sold into the clearing
  std::int64_t royalties = 0; // royalties contributors claimed out of the pool
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

}  // namespace

struct ComputeNetwork::State final : sim::Observer {
  State(const ComputeNetworkConfig& c, std::uint32_t shards)
      : cfg(c),
        ledger(shards),
        pool(c.amm_fee),
        rewards(make_rewards(c)),
        rewards_cap(apply(c.total_supply, c.rewards_share)),
        flows(shards),
        insiders(VestingSchedule::monthly_steps(apply(c.total_supply, c.insiders_share), 0, c.insiders_cliff,
                                                c.insiders_months)) {}

  static IssuanceSchedule make_rewards(const ComputeNetworkConfig& c) {
    require(c.window > 0 && sim::kDay % c.window == 0, "the window must divide a day");
    require(c.rewards_period > 0 && c.rewards_period % c.window == 0, "the rewards period must be whole windows");
    const Tokens total = apply(c.total_supply, c.rewards_share);
    const std::int64_t interval = c.rewards_period / c.window;
    switch (c.rewards_curve) {
      case EmissionCurve::Halving: return HalvingSchedule({Tokens(total.raw() / (2 * interval)), interval, c.window});
      case EmissionCurve::ExponentialDecay: return ExponentialDecaySchedule({total, c.rewards_period, c.window});
      case EmissionCurve::Linear: return LinearSchedule({total, interval, c.window});
    }
    throw ConfigError("compute network: unknown rewards curve");
  }

  ComputeNetworkConfig cfg;
  Ledger ledger;
  ConstantProductPool pool;
  IssuanceSchedule rewards;
  Tokens rewards_cap;          // the rewards allocation: never minted beyond, whatever the emission scale
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

  // ---- providers (the contract's view; agents read it in their local phase) ----
  std::vector<std::uint8_t> p_active;
  std::vector<std::uint8_t> p_joining;    // asked to join; their stake is bought at the next tick
  std::vector<std::uint32_t> p_version;
  std::vector<std::uint8_t> p_state;      // 0 off the market, 1 in `available`, 2 in `busy`
  std::vector<std::uint64_t> in_available, in_busy;  // per type: providers in each state
  std::vector<sim::Time> p_backlog_end, p_out_until;
  std::vector<double> p_ask;              // USD per GPU-hour
  std::vector<std::uint64_t> p_busy;      // GPU-seconds served, cumulative
  std::vector<std::int64_t> p_stake;
  std::vector<std::int64_t> p_unbonding;  // stake of a provider that left, until its unbonding period ends
  std::int64_t unbonding_total = 0;
  std::vector<std::int64_t> p_pay;        // tokens owed this tick
  std::vector<std::uint32_t> p_touched;
  std::vector<double> p_work_usd;         // burn-and-mint: USD value of work completed since the last tick
  std::vector<std::uint8_t> p_malicious;
  std::vector<MinHeap> available, busy;   // per GPU type
  std::vector<std::uint32_t> joiners;
  std::vector<Entry> skipped;
  static constexpr int kMaxSkips = 4;
  std::uint64_t active_gpus = 0;
  std::vector<std::uint32_t> worked;      // providers with work since the last tick
  Tokens stake_rewards{0};                // rewards by stake wait for the day's distribution
  std::uint64_t busy_gpu_s_period = 0;    // GPU-seconds of work started in the sampling period
  double active_gpu_s_period = 0;
  // Market signal for providers off the network: USD paid to providers per active GPU-day, by GPU type (EMA).
  std::vector<double> revenue_per_gpu_day;
  std::vector<std::uint64_t> active_gpus_by_type;
  std::vector<double> active_gpu_s_by_type, paid_by_type;  // in the sampling period

  // ---- data ----
  std::vector<std::uint32_t> model_first;  // contributor row range of each model: [first[m], first[m+1])
  std::vector<std::uint64_t> model_weight;
  std::vector<u128> acc;                   // per model
  std::vector<double> model_use_usd;       // burn-and-mint: usage since the last tick

  // ---- insiders ----
  VestingSchedule insiders;
  Tokens insiders_released{0};

  // ---- agents ----
  sim::Table<ProviderColumns> prov;
  sim::Table<ContributorColumns> contrib;
  std::vector<std::uint32_t> group_of_row_start;

  // ---- governance ----
  std::optional<Votes> votes;          // providers 0..P-1, contributors P..P+C-1, the market's float last
  std::unique_ptr<Governor> gov;
  std::vector<ProposalId> proposal_ids;
  std::vector<ProposalRecord> records;
  std::vector<std::array<double, 3>> interest;  // per proposal: utility of the change for providers, contributors, holders
  std::uint64_t passed = 0, executed = 0;
  AccountId attacker = 0;                 // the Sybil controller's ledger account
  std::uint32_t identities = 0;           // its identities (voters after the float)
  std::vector<std::uint8_t> passport_out;  // per voter: the score keeps it from voting
  std::vector<std::uint32_t> delegate_of;  // per agent voter: its delegate (kNoDelegate: votes itself)
  std::vector<std::uint8_t> delegate_class;  // per delegate: whose interest it votes (0 providers, 1 contributors, 2 holders)
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
  std::vector<ConvictionProposalId> req_ids;     // per request: the pool's id (0 until submitted)
  std::vector<std::uint8_t> req_open;            // submitted and not executed (agents read it in their local phase)
  std::vector<std::array<double, 3>> req_interest;  // per request: its value to providers, contributors, holders
  bool any_request_open = false;
  std::vector<ConvictionRecord> conv_records;
  std::vector<ConvictionSample> conv_history;
  std::vector<std::uint8_t> conv_is_staker;      // per voter
  std::vector<AccountId> conv_stakers;           // voters that have staked, in the order they first did
  sim::Time conv_clock = 0;                      // the last block start checked

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

  double demand_factor(sim::Time t) const {
    const double years = static_cast<double>(t) / static_cast<double>(sim::kYear);
    double f = std::exp(std::log1p(cfg.demand_growth_per_year) * years);
    f *= 1.0 + cfg.seasonality * std::sin(2.0 * std::numbers::pi * static_cast<double>(t % sim::kDay) / sim::kDay);
    for (const DemandShock& s : cfg.shocks) {
      if (t >= s.at && t < s.at + s.duration) f *= s.factor;
    }
    return std::max(0.0, f);
  }

  /// Daily USD cost of a provider's GPUs sitting on the network, and the energy cost of one busy GPU-second.
  double fixed_usd_per_day(std::uint32_t row) const {
    const ProviderGroup& g = group_of(row);
    return g.gpus_per_provider * g.hardware_usd / (g.life_years * 365.0);
  }
  double energy_usd_per_gpu_s(std::uint32_t row) const {
    const ProviderGroup& g = group_of(row);
    const GpuSpec& spec = cfg.gpus[g.gpu];
    return spec.tdp_w * 0.8 * g.pue * g.usd_per_kwh / 3.6e6;
  }

  // Heaps with lazy deletion: a provider's entries are valid while their version is its current one. Each heap
  // is rebuilt from its valid entries when stale ones outnumber them, so it never grows past twice its size.
  void set_state(std::uint32_t p, std::uint8_t state) {
    const std::uint32_t type = group_of(p).gpu;
    if (p_state[p] == 1) --in_available[type];
    if (p_state[p] == 2) --in_busy[type];
    p_state[p] = state;
    if (state == 1) ++in_available[type];
    if (state == 2) ++in_busy[type];
    ++p_version[p];
  }
  void compact(MinHeap& h, std::uint64_t valid) {
    if (h.size() < 2 * valid + 64) return;
    std::vector<Entry> keep;
    keep.reserve(valid);
    while (!h.empty()) {
      if (h.top().version == p_version[h.top().provider]) keep.push_back(h.top());
      h.pop();
    }
    h = MinHeap(std::greater<>{}, std::move(keep));
  }
  void make_available(std::uint32_t p) {
    set_state(p, 1);
    const std::uint32_t type = group_of(p).gpu;
    available[type].push({p_ask[p], p, p_version[p]});
    compact(available[type], in_available[type]);
  }
  void make_busy(std::uint32_t p) {
    set_state(p, 2);
    const std::uint32_t type = group_of(p).gpu;
    busy[type].push({static_cast<double>(p_backlog_end[p]), p, p_version[p]});
    compact(busy[type], in_busy[type]);
  }
  /// The cheapest valid available provider of a type, or -1 (stale entries dropped).
  std::int64_t cheapest(std::uint32_t type) {
    MinHeap& h = available[type];
    while (!h.empty()) {
      const Entry e = h.top();
      if (e.version == p_version[e.provider] && p_active[e.provider] != 0) return e.provider;
      h.pop();
    }
    return -1;
  }

  std::uint32_t new_job() {
    if (!free_jobs.empty()) {
      const std::uint32_t j = free_jobs.back();
      free_jobs.pop_back();
      jobs[j] = Job{};
      return j;
    }
    jobs.emplace_back();
    return static_cast<std::uint32_t>(jobs.size() - 1);
  }

  // ---- the market's window ----------------------------------------------------------------------------
  void on_tick(sim::GlobalContext& ctx, sim::Time t) {
    const sim::Time w_end = t + cfg.window;
    // 0. Conviction voting: requests whose conviction passed their threshold at this block execute; stake turns.
    if (cpool) conviction_tick(ctx, t);
    // 1. Tallies: sells into the clearing, royalties out of the pool.
    ShardFlow total;
    for (ShardFlow& f : flows) {
      total.sold += f.sold;
      total.royalties += f.royalties;
      f = ShardFlow{};
    }
    ledger.receive_from_agent(clearing, Tokens(total.sold));
    ledger.send_to_agent(royalty_pool, Tokens(total.royalties));
    // 2. Settle what completed since the last tick, and this epoch's rewards.
    settle(ctx, t);
    // 3. Sells clear as one swap.
    const Tokens to_sell = ledger.balance(clearing);
    if (to_sell.raw() > 0 &&
        get_amount_out(to_sell.raw(), pool.token_reserve().raw(), pool.usd_reserve().raw(), pool.fee()) > 0) {
      ledger.move(clearing, amm, to_sell);
      pool.swap_token_for_usd(to_sell);
    }
    // 4. Providers whose backlog ends inside this window can take work again; joiners come in.
    for (std::size_t g = 0; g < busy.size(); ++g) {
      MinHeap& h = busy[g];
      while (!h.empty() && h.top().key < static_cast<double>(w_end)) {
        const Entry e = h.top();
        h.pop();
        if (e.version == p_version[e.provider] && p_active[e.provider] != 0) {
          make_available(e.provider);
        }
      }
    }
    // 5. Arrivals: a Poisson number per class, from the contract's stream.
    const double factor = demand_factor(t);
    for (std::uint32_t c = 0; c < cfg.jobs.size(); ++c) {
      const JobClass& jc = cfg.jobs[c];
      const double mean = jc.arrivals_per_day * factor * static_cast<double>(cfg.window) / sim::kDay;
      const std::uint64_t n = mean > 0 ? ctx.rng().poisson(mean) : 0;
      for (std::uint64_t k = 0; k < n; ++k) {
        const std::uint32_t j = new_job();
        Job& job = jobs[j];
        job.cls = c;
        const double s = jc.size_sigma;
        job.size = static_cast<float>(s > 0 ? ctx.rng().lognormal(-0.5 * s * s, s) : 1.0);
        job.submitted = t;
        job.deadline = t + jc.deadline;
        job.budget_usd = jc.budget_usd * job.size;
        pending.push_back(j);
      }
      acc_sample.submitted += n;
    }
    // 6. Matching, first come first served: the cheapest provider that finishes in time within the budget.
    matched.clear();
    const std::size_t waiting = pending.size();
    for (std::size_t k = 0; k < waiting; ++k) {
      const std::uint32_t j = pending.front();
      pending.pop_front();
      Job& job = jobs[j];
      if (t >= job.deadline) {
        refund(j);
        ++acc_sample.dropped;
        free_jobs.push_back(j);
        continue;
      }
      double best_price = std::numeric_limits<double>::infinity();
      std::int64_t best = -1;
      double best_dur = 0;
      for (std::uint32_t g = 0; g < cfg.gpus.size(); ++g) {
        const JobCost& u = unit[job.cls][g];
        if (!u.fits) continue;
        const std::uint32_t need = cfg.jobs[job.cls].shape.gpus;
        const double dur = static_cast<double>(u.time_us) * 1e-6 * cfg.jobs[job.cls].repeats * job.size;
        if (static_cast<double>(t) + dur > static_cast<double>(job.deadline)) continue;  // too slow on this type
        // The cheapest provider of this type that can finish in time: look past a few whose backlog is too
        // long (they stay available for shorter jobs) and put them back afterwards.
        skipped.clear();
        for (int tries = 0; tries < kMaxSkips; ++tries) {
          const std::int64_t p = cheapest(g);
          if (p < 0) break;
          const auto row = static_cast<std::uint32_t>(p);
          const double start = std::max<double>(static_cast<double>(t), static_cast<double>(p_backlog_end[row]));
          if (need > gpus_of(row) || start + dur > static_cast<double>(job.deadline)) {
            skipped.push_back(available[g].top());
            available[g].pop();
            continue;
          }
          const double price_usd = p_ask[row] * dur * need / 3600.0;
          if (price_usd < best_price) {
            best_price = price_usd;
            best = p;
            best_dur = dur;
          }
          break;
        }
        for (const Entry& e : skipped) available[g].push(e);
      }
      if (best < 0 || best_price > job.budget_usd) {
        pending.push_back(j);  // waits for capacity or a cheaper provider, until its deadline
        continue;
      }
      const auto row = static_cast<std::uint32_t>(best);
      const std::uint32_t need = cfg.jobs[job.cls].shape.gpus;
      const double start = std::max<double>(static_cast<double>(t), static_cast<double>(p_backlog_end[row]));
      job.provider = static_cast<std::int32_t>(row);
      if (!job.paid) job.fee_usd = best_price;
      job.gpu_seconds = best_dur * need;
      job.done_at = static_cast<sim::Time>(std::ceil(start + best_dur));
      job.bad = p_malicious[row] != 0 && ctx.rng().bernoulli(cfg.bad_result_rate);
      p_backlog_end[row] = static_cast<sim::Time>(std::ceil(start + best_dur * need / gpus_of(row)));
      p_busy[row] += static_cast<std::uint64_t>(job.gpu_seconds);
      busy_gpu_s_period += static_cast<std::uint64_t>(job.gpu_seconds);
      // Half a window of backlog or more: out of the cheap end of the market until it drains.
      if (p_backlog_end[row] >= t + cfg.window / 2) make_busy(row);
      matched.push_back(j);
      ctx.schedule(kMarket, std::max(job.done_at, w_end), kComplete, j);
    }
    // 7. One buy per window: the users' fees, the joiners' stakes and speculative demand.
    buy(ctx, t);
    // 8. The rewards epoch: the curve's emission times the governable scale (floor), within the allocation.
    Tokens minted = emitted_in_epoch(rewards, epoch_at(rewards, t));
    if (cfg.emission_scale != Ppm::kWhole) minted = Tokens(mul_div(minted.raw(), cfg.emission_scale, Ppm::kWhole));
    minted = std::min(minted, rewards_cap - rewards_minted);
    if (minted.raw() > 0) {
      ledger.mint(rewards_pool, minted);
      rewards_minted += minted;
    }
    price = pool.spot_price() * 1e-6;
    // 9. Metrics: active GPU-seconds of the window, and a sample at the end of each sampling period.
    active_gpu_s_period += static_cast<double>(active_gpus) * static_cast<double>(cfg.window);
    for (std::size_t g = 0; g < active_gpus_by_type.size(); ++g) {
      active_gpu_s_by_type[g] += static_cast<double>(active_gpus_by_type[g]) * static_cast<double>(cfg.window);
    }
    if (w_end % cfg.sample_every == 0) record(t);
    ctx.schedule(kMarket, w_end, kTick);
  }

  /// Returns a dropped or reassigned job's escrow to the users (the market account).
  void refund(std::uint32_t j) {
    Job& job = jobs[j];
    if (job.escrow > 0) ledger.move(escrow, market, Tokens(job.escrow));
    escrow_total -= job.escrow;
    job.escrow = 0;
  }

  void buy(sim::GlobalContext& ctx, sim::Time t) {
    double usd = 0;
    for (const std::uint32_t j : matched) usd += jobs[j].paid ? 0.0 : jobs[j].fee_usd;
    std::vector<double> stake_usd;
    for (const std::uint32_t p : joiners) {
      stake_usd.push_back(static_cast<double>((cfg.stake_per_gpu * gpus_of(p)).raw()) * 1e-6 * price);
      usd += stake_usd.back();
    }
    const double sigma = cfg.speculative_noise_sigma;
    const double noise = sigma > 0 ? ctx.rng().lognormal(-0.5 * sigma * sigma, sigma) : 1.0;  // mean one
    const double spec = static_cast<double>(cfg.speculative_usd_per_day.raw()) * 1e-6 * static_cast<double>(cfg.window) /
                        sim::kDay * noise * demand_factor(t);
    usd += spec;
    const auto usd_in = MicroUsd(static_cast<std::int64_t>(usd * 1e6));
    Tokens bought{0};
    if (usd_in.raw() > 0 && get_amount_out(usd_in.raw(), pool.usd_reserve().raw(), pool.token_reserve().raw(), pool.fee()) > 0) {
      bought = pool.swap_usd_for_token(usd_in);
      ledger.move(amm, market, bought);
    }
    // Split what was bought pro rata to USD (floors; the remainder stays with the market's holders).
    const auto share = [&](double part) {
      return usd > 0 ? Tokens(static_cast<std::int64_t>(static_cast<long double>(bought.raw()) * part / usd)) : Tokens(0);
    };
    for (const std::uint32_t j : matched) {
      Job& job = jobs[j];
      if (job.paid) continue;
      job.paid = true;
      const Tokens tk = share(job.fee_usd);
      if (cfg.burn_and_mint) {
        ledger.burn(market, tk);  // Render RNP-001: the user burns the job's USD value in tokens
      } else {
        ledger.move(market, escrow, tk);
        job.escrow = tk.raw();
        escrow_total += tk.raw();
      }
    }
    for (std::size_t k = 0; k < joiners.size(); ++k) {
      const std::uint32_t p = joiners[k];
      const Tokens tk = share(stake_usd[k]);
      ledger.move(market, stakes, tk);
      p_stake[p] += tk.raw();
      p_joining[p] = 0;
      p_active[p] = 1;
      active_gpus += gpus_of(p);
      active_gpus_by_type[group_of(p).gpu] += gpus_of(p);
      p_backlog_end[p] = std::max(p_backlog_end[p], t);
      make_available(p);
    }
    joiners.clear();
  }

  /// Direct payment: each completed job's escrow is split; rewards go pro rata to GPU-seconds (or stake).
  /// Burn-and-mint: the epoch's rewards are split, the provider part pro rata to the USD value of work.
  void settle(sim::GlobalContext& ctx, sim::Time t) {
    const Tokens epoch_rewards = ledger.balance(rewards_pool) - stake_rewards;
    double work_usd = 0, work_gpu_s = 0;
    std::fill(model_use_usd.begin(), model_use_usd.end(), 0.0);
    for (const std::uint32_t j : completed) {
      Job& job = jobs[j];
      const auto p = static_cast<std::uint32_t>(job.provider);
      work_usd += job.fee_usd;
      work_gpu_s += job.gpu_seconds;
      model_use_usd[cfg.jobs[job.cls].model] += job.fee_usd;
      if (p_work_usd[p] == 0) worked.push_back(p);
      p_work_usd[p] += cfg.burn_and_mint ? job.fee_usd : job.gpu_seconds;
      if (!cfg.burn_and_mint) {
        split_fee(Tokens(job.escrow), p, cfg.jobs[job.cls].model);
        escrow_total -= job.escrow;
        job.escrow = 0;
      }
      latency_sum += static_cast<double>(job.done_at - job.submitted);
      ++acc_sample.completed;
      acc_sample.fees_usd += MicroUsd(static_cast<std::int64_t>(job.fee_usd * 1e6));
      free_jobs.push_back(j);
    }
    // The epoch's rewards.
    if (epoch_rewards.raw() > 0) {
      if (cfg.burn_and_mint) {
        if (work_usd > 0) {
          // Split like a fee: the provider part pro rata to work, creators and contributors pro rata to use.
          const Tokens prov_part = apply(epoch_rewards, cfg.split_provider);
          pay_providers(prov_part, work_usd);
          const Tokens creator_part = apply(epoch_rewards, cfg.split_creator);
          const Tokens contrib_part = apply(epoch_rewards, cfg.split_contributors);
          for (std::uint32_t m = 0; m < cfg.models; ++m) {
            if (model_use_usd[m] <= 0) continue;
            pay_model(Tokens(static_cast<std::int64_t>(static_cast<long double>(creator_part.raw()) * model_use_usd[m] / work_usd)),
                      Tokens(static_cast<std::int64_t>(static_cast<long double>(contrib_part.raw()) * model_use_usd[m] / work_usd)),
                      m, rewards_pool);
          }
          const Tokens burn_part = apply(epoch_rewards, cfg.split_burn);
          ledger.burn(rewards_pool, burn_part);
          acc_sample.paid_burn += burn_part;
          const Tokens rest = ledger.balance(rewards_pool);  // the treasury's part and every remainder
          ledger.move(rewards_pool, treasury, rest);
          acc_sample.paid_treasury += rest;
        }
        // No work this epoch: the rewards stay in the pool for the next one.
      } else if (cfg.rewards_by_stake) {
        // Pro rata to stake, once a day (a pass over every provider).
        stake_rewards += epoch_rewards;
        if ((t + cfg.window) % sim::kDay == 0) {
          std::int64_t total_stake = 0;
          for (std::uint32_t p = 0; p < p_active.size(); ++p) total_stake += p_active[p] != 0 ? p_stake[p] : 0;
          if (total_stake > 0) {
            for (std::uint32_t p = 0; p < p_active.size(); ++p) {
              if (p_active[p] == 0 || p_stake[p] == 0) continue;
              owe(p, Tokens(static_cast<std::int64_t>(static_cast<i128>(stake_rewards.raw()) * p_stake[p] / total_stake)),
                  rewards_pool);
            }
            stake_rewards = Tokens(0);
          }
        }
      } else if (work_gpu_s > 0) {
        pay_providers(epoch_rewards, work_gpu_s);
      }
    }
    completed.clear();
    // Providers are paid: one event each.
    for (const std::uint32_t p : p_touched) {
      if (p_pay[p] > 0) {
        ledger.send_to_agent(escrow_of_pay, Tokens(p_pay[p]));
        ctx.send(ctx.partition().population().id(kProvider, p), ctx.window_end(), kPaid, static_cast<std::uint64_t>(p_pay[p]));
      }
      p_pay[p] = 0;
    }
    p_touched.clear();
    for (const std::uint32_t p : worked) p_work_usd[p] = 0;
    worked.clear();
    (void)t;
  }

  AccountId escrow_of_pay = 0;  // "payouts": where provider payments wait for their event
  std::int64_t escrow_total = 0;  // sum of the escrow of every live job: the escrow account must hold exactly this

  void owe(std::uint32_t p, Tokens amount, AccountId from) {
    if (amount.raw() <= 0) return;
    ledger.move(from, escrow_of_pay, amount);
    if (p_pay[p] == 0) p_touched.push_back(p);
    p_pay[p] += amount.raw();
    paid_by_type[group_of(p).gpu] += static_cast<double>(amount.raw());
    acc_sample.paid_provider += amount;
  }

  /// Pays `amount` from the rewards pool to the providers of this epoch's completed jobs, pro rata to their work.
  void pay_providers(Tokens amount, double total_work) {
    for (const std::uint32_t p : worked) {
      owe(p, Tokens(static_cast<std::int64_t>(static_cast<long double>(amount.raw()) * p_work_usd[p] / total_work)),
          rewards_pool);
    }
  }

  void pay_model(Tokens creator_part, Tokens contrib_part, std::uint32_t m, AccountId from) {
    ledger.move(from, creators, creator_part);
    acc_sample.paid_creator += creator_part;
    if (model_weight[m] > 0 && contrib_part.raw() > 0) {
      ledger.move(from, royalty_pool, contrib_part);
      acc[m] += (static_cast<u128>(contrib_part.raw()) << kAccShift) / model_weight[m];
      acc_sample.paid_contributors += contrib_part;
    }
  }

  /// Direct payment of one job's fee by the revenue split (floors; the treasury takes the remainder).
  void split_fee(Tokens fee, std::uint32_t p, std::uint32_t m) {
    if (fee.raw() <= 0) return;
    owe(p, apply(fee, cfg.split_provider), escrow);
    pay_model(apply(fee, cfg.split_creator), apply(fee, cfg.split_contributors), m, escrow);
    const Tokens burn_part = apply(fee, cfg.split_burn);
    ledger.burn(escrow, burn_part);
    acc_sample.paid_burn += burn_part;
    const Tokens rest = fee - apply(fee, cfg.split_provider) - apply(fee, cfg.split_creator) -
                        (model_weight[m] > 0 ? apply(fee, cfg.split_contributors) : Tokens(0)) - burn_part;
    ledger.move(escrow, treasury, rest);
    acc_sample.paid_treasury += rest;
  }

  void on_complete(sim::GlobalContext& ctx, std::uint32_t j) {
    Job& job = jobs[j];
    const auto p = static_cast<std::uint32_t>(job.provider);
    if (job.bad) {
      if (ctx.rng().bernoulli(cfg.verification_rate)) {
        // Caught: the provider's stake is slashed to the treasury and the job goes back to the queue.
        const Tokens cut = apply(Tokens(p_stake[p]), cfg.slash);
        ledger.move(stakes, treasury, cut);
        p_stake[p] -= cut.raw();
        ++acc_sample.caught;
        job.provider = -1;
        job.bad = false;
        pending.push_back(j);
        return;
      }
      ++acc_sample.undetected;
    }
    completed.push_back(j);
  }

  void on_join(sim::GlobalContext&, std::uint32_t p) {
    if (p_active[p] != 0 || p_joining[p] != 0) return;
    p_joining[p] = 1;
    joiners.push_back(p);
  }

  void on_leave(sim::GlobalContext& ctx, std::uint32_t p) {
    if (p_active[p] == 0) return;
    p_active[p] = 0;
    active_gpus -= gpus_of(p);
    active_gpus_by_type[group_of(p).gpu] -= gpus_of(p);
    set_state(p, 0);
    // The stake unbonds: it stays in the stakes account (slashable no more) and comes back after the unbonding
    // period; the provider then sells it.
    if (p_stake[p] > 0) {
      if (p_unbonding[p] == 0) ctx.schedule(kMarket, ctx.now() + cfg.stake_unbonding, kRelease, p);
      p_unbonding[p] += p_stake[p];
      unbonding_total += p_stake[p];
      p_stake[p] = 0;
    }
  }

  void on_release(sim::GlobalContext& ctx, std::uint32_t p) {
    const std::int64_t amount = p_unbonding[p];
    if (amount <= 0) return;
    p_unbonding[p] = 0;
    unbonding_total -= amount;
    ledger.send_to_agent(stakes, Tokens(amount));
    ctx.send(ctx.partition().population().id(kProvider, p), ctx.window_end(), kUnstaked, static_cast<std::uint64_t>(amount));
  }

  void on_outage(sim::GlobalContext& ctx, std::uint32_t p, sim::Time seconds) {
    if (p_active[p] == 0) return;
    p_out_until[p] = ctx.now() + seconds;
    p_backlog_end[p] = std::max(p_backlog_end[p], p_out_until[p]);
    make_busy(p);
  }

  void on_vest(sim::GlobalContext& ctx, sim::Time t) {
    const Tokens delta = insiders.vested(t) - insiders_released;
    insiders_released += delta;
    if (delta.raw() > 0) {
      const Tokens sold = Tokens(static_cast<std::int64_t>(static_cast<double>(delta.raw()) * cfg.insiders_sell));
      ledger.move(insiders_escrow, clearing, sold);
      ledger.move(insiders_escrow, market, delta - sold);
    }
    const sim::Time next = insiders.next_release_time(t);
    if (next != sim::kNever) ctx.schedule(kMarket, next, kVest);
  }

  // ---- governance ----
  AccountId holders_voter() const { return static_cast<AccountId>(prov.rows() + contrib.rows()); }
  /// The part of the float that never delegates: in the Votes supply (so in the quorum), without votes.
  AccountId passive_voter() const { return first_delegate() + cfg.governance.delegates; }
  bool is_identity(AccountId v) const { return v > holders_voter() && v <= holders_voter() + identities; }
  /// Sybil identity k's share of the controller's balance (the first ones take the remainder).
  std::int64_t identity_share(std::uint32_t k) const {
    const std::int64_t total = identities > 0 ? ledger.balance(attacker).raw() : 0;
    return identities > 0 ? total / identities + (k < static_cast<std::uint32_t>(total % identities) ? 1 : 0) : 0;
  }
  /// The defences keep an identity (an agent or a Sybil identity) holding `balance` from voting or staking.
  bool excluded(AccountId v, std::int64_t balance) const {
    const SybilDefences& d = cfg.governance.defences;
    return (d.passport && passport_out[v] != 0) || balance < d.min_balance.raw();
  }

  /// Brings the voting power up to the agents' balances, the float and the Sybil identities now; checkpoints only
  /// accounts whose power changed. Power is the balance (or its square root, quadratic counting), 0 for an
  /// identity the defences exclude.
  bool delegated = false;
  void sync_votes(sim::Time now) {
    if (!delegated) {  // delegations are made once, at the first snapshot
      delegated = true;
      for (AccountId a = 0; a < delegate_of.size(); ++a) {
        if (delegate_of[a] != kNoDelegate) votes->delegate(a, first_delegate() + delegate_of[a], now);
      }
      votes->delegate(passive_voter(), kNoDelegate, now);
    }
    const SybilDefences& d = cfg.governance.defences;
    honest_excluded = 0;
    const auto power = [&](AccountId a, std::int64_t balance, bool sybil) {
      balance = std::max<std::int64_t>(0, balance);
      const bool out = (d.passport && passport_out[a] != 0) || balance < d.min_balance.raw();
      if (out && !sybil && balance > 0) ++honest_excluded;
      if (out) return std::int64_t{0};
      return cfg.governance.quadratic ? static_cast<std::int64_t>(std::sqrt(static_cast<long double>(balance))) : balance;
    };
    const auto set = [&](AccountId a, std::int64_t want) {
      const std::int64_t have = votes->balance(a).raw();
      if (want > have) votes->mint(a, Tokens(want - have), now);
      if (want < have) votes->burn(a, Tokens(have - want), now);
    };
    const auto pb = prov.balance.span();
    for (std::size_t i = 0; i < pb.size(); ++i) set(static_cast<AccountId>(i), power(static_cast<AccountId>(i), pb[i], false));
    const auto cb = contrib.balance.span();
    for (std::size_t i = 0; i < cb.size(); ++i) {
      const auto a = static_cast<AccountId>(prov.rows() + i);
      set(a, power(a, cb[i], false));
    }
    // The float: the part whose holders vote (one holder), the part delegated to the delegates (evenly, as their
    // own balances), and the passive rest (undelegated: in the supply, no votes).
    const Tokens fl = ledger.balance(market);
    const Tokens fv = apply(fl, cfg.governance.float_votes), fd = apply(fl, cfg.governance.float_delegated);
    set(holders_voter(), power(holders_voter(), fv.raw(), false));
    const auto plain = [&](std::int64_t balance) {  // not identities the defences score: no gate
      return cfg.governance.quadratic ? static_cast<std::int64_t>(std::sqrt(static_cast<long double>(balance))) : balance;
    };
    const std::uint32_t nd = cfg.governance.delegates;
    for (std::uint32_t k = 0; k < nd; ++k) {
      set(first_delegate() + k, plain(fd.raw() / nd + (k < static_cast<std::uint32_t>(fd.raw() % nd) ? 1 : 0)));
    }
    set(passive_voter(), plain((fl - fv - fd).raw()));
    // The controller splits its tokens evenly across its identities.
    for (std::uint32_t k = 0; k < identities; ++k) {
      const AccountId a = holders_voter() + 1 + k;
      set(a, power(a, identity_share(k), true));
    }
  }

  /// Utility of a proposal's change for providers, contributors and holders (the float), from the live values.
  std::array<double, 3> utilities(const ParameterChange& g) const {
    std::array<double, 3> u{0, 0, 0};
    if (g.split) {
      const auto d = [&](std::size_t k, Ppm now_value) {
        return static_cast<double>((*g.split)[k].raw() - now_value.raw()) / 1e6;
      };
      u[0] += 10 * d(0, cfg.split_provider);
      u[1] += 10 * d(2, cfg.split_contributors);
      u[2] += 10 * (d(3, cfg.split_treasury) + d(4, cfg.split_burn));
    }
    if (g.verification_rate) u[0] -= 5 * (*g.verification_rate - cfg.verification_rate);
    if (g.stake_per_gpu && cfg.stake_per_gpu.raw() > 0) {
      u[0] -= static_cast<double>(g.stake_per_gpu->raw() - cfg.stake_per_gpu.raw()) / static_cast<double>(cfg.stake_per_gpu.raw());
    }
    if (g.emission_scale) {  // more rewards for providers, more dilution for holders
      const double d = static_cast<double>(*g.emission_scale - cfg.emission_scale) / 1e6;
      u[0] += d;
      u[2] -= d;
    }
    if (g.grant_to_contributors.raw() > 0) {
      u[1] += 1;
      u[2] -= 1;
    }
    if (g.grant_to_attacker.raw() > 0) {  // the treasury given away: nobody honest gains
      u[0] -= 1;
      u[1] -= 1;
      u[2] -= 1;
    }
    return u;
  }

  /// An agent's turn to vote (local phase): turnout grows with its balance; it votes for a change in its interest,
  /// plus noise. The ballot goes to the market as an event.
  void ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls) {
    const GovernanceConfig& g = cfg.governance;
    const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
    const double fatigue = std::pow(1.0 - g.apathy, static_cast<double>(e.payload));  // proposals before this one
    const double turnout = std::min(1.0, g.base_turnout + g.turnout_per_decade * std::log10(1.0 + tokens)) * fatigue;
    if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
    const double u = interest[e.payload][static_cast<std::size_t>(cls)] + g.noise * ctx.rng().normal(0.0, 1.0);
    const Support support = u > 0.05 ? Support::For : u < -0.05 ? Support::Against : Support::Abstain;
    ctx.submit(kMarket, ctx.now(), kVote, (e.payload << 2) | static_cast<std::uint64_t>(support));
  }

  void update_record(std::size_t i, sim::Time now) {
    ProposalRecord& r = records[i];
    const Tallies t = gov->tallies(proposal_ids[i]);
    r.for_votes = t.for_votes;
    r.against_votes = t.against_votes;
    r.abstain_votes = t.abstain_votes;
    r.voters = gov->voter_count(proposal_ids[i]);
    r.state = std::string(name(gov->state(proposal_ids[i], now)));
  }

  void on_propose(sim::GlobalContext& ctx, std::size_t i) {
    const GovernanceProposal& g = cfg.governance.proposals[i];
    sync_votes(ctx.now());
    const ProposalId id = gov->propose(holders_voter(), g.title, ctx.now());
    proposal_ids[i] = id;
    ProposalRecord& r = records[i];
    r.title = g.title;
    r.id = id;
    r.proposed = ctx.now();
    r.snapshot = gov->proposal_snapshot(id);
    r.deadline = gov->proposal_deadline(id);
    r.quorum = gov->quorum(r.snapshot);
    update_record(i, ctx.now());
    r.honest_excluded = honest_excluded;
    if (r.snapshot > ctx.now()) ctx.schedule(kMarket, r.snapshot, kSnapshot, i);
    ctx.schedule(kMarket, r.snapshot + 1, kVoteStart, i);
    ctx.schedule(kMarket, r.deadline + 1, kVoteEnd, i);
  }

  void on_snapshot(sim::GlobalContext& ctx, std::size_t i) {
    sync_votes(ctx.now());
    records[i].quorum = gov->quorum(records[i].snapshot);
    records[i].honest_excluded = honest_excluded;
  }

  void on_vote_start(sim::GlobalContext& ctx, std::size_t i) {
    interest[i] = utilities(cfg.governance.proposals[i]);
    // The Sybil identities that can vote do, all the same way.
    if (identities > 0) {
      const auto& sup = cfg.governance.sybil->supports;
      const bool favour = std::find(sup.begin(), sup.end(), static_cast<std::uint32_t>(i)) != sup.end();
      for (std::uint32_t k = 0; k < identities; ++k) {
        const AccountId a = holders_voter() + 1 + k;
        if (votes->votes_at(a, records[i].snapshot).raw() <= 0) continue;
        records[i].sybil_votes += gov->cast_vote(proposal_ids[i], a, favour ? Support::For : Support::Against, ctx.now());
        ++records[i].sybil_voters;
      }
    }
    // The float votes as one holder, by its interest plus noise.
    const double u = interest[i][2] + cfg.governance.noise * ctx.rng().normal(0.0, 1.0);
    if (votes->balance(holders_voter()).raw() > 0) {
      gov->cast_vote(proposal_ids[i], holders_voter(), u > 0.05 ? Support::For : u < -0.05 ? Support::Against : Support::Abstain,
                     ctx.now());
    }
    // Delegates vote with their delegators' power, by the interest of the class they speak for.
    for (std::uint32_t k = 0; k < cfg.governance.delegates; ++k) {
      const AccountId a = first_delegate() + k;
      if (votes->votes_at(a, records[i].snapshot).raw() <= 0) continue;
      const double du = interest[i][delegate_class[k]] + cfg.governance.noise * ctx.rng().normal(0.0, 1.0);
      records[i].delegate_votes +=
          gov->cast_vote(proposal_ids[i], a, du > 0.05 ? Support::For : du < -0.05 ? Support::Against : Support::Abstain,
                         ctx.now());
    }
    // Everybody else who has not delegated gets a ballot.
    const sim::Population& pop = ctx.partition().population();
    for (std::uint32_t p = 0; p < prov.rows(); ++p) {
      if (delegate_of[p] == kNoDelegate) ctx.send(pop.id(kProvider, p), ctx.window_end(), kBallot, i);
    }
    for (std::uint32_t c = 0; c < contrib.rows(); ++c) {
      if (delegate_of[prov.rows() + c] == kNoDelegate) ctx.send(pop.id(kContributor, c), ctx.window_end(), kBallot, i);
    }
    update_record(i, ctx.now());
  }

  void on_vote(sim::GlobalContext& ctx, const sim::Event& e) {
    const std::size_t i = e.payload >> 2;
    const auto support = static_cast<Support>(e.payload & 3);
    const sim::Population& pop = ctx.partition().population();
    const std::uint32_t kind = pop.kind_of(e.source);
    const AccountId voter = kind == kProvider ? static_cast<AccountId>(e.source - pop.offset(kProvider))
                                              : static_cast<AccountId>(prov.rows() + (e.source - pop.offset(kContributor)));
    // A ballot that arrives after the deadline (a vote period shorter than a window) is not counted.
    if (gov->state(proposal_ids[i], ctx.now()) != ProposalState::Active) return;
    gov->cast_vote(proposal_ids[i], voter, support, ctx.now());
  }

  void on_vote_end(sim::GlobalContext& ctx, std::size_t i) {
    const ProposalId id = proposal_ids[i];
    update_record(i, ctx.now());
    if (gov->state(id, ctx.now()) != ProposalState::Succeeded) return;
    ++passed;
    if (cfg.governance.timelock > 0) {
      const sim::Time eta = gov->queue(id, ctx.now());
      update_record(i, ctx.now());
      ctx.schedule(kMarket, eta, kExecute, i);
    } else {
      on_execute(ctx, i);
    }
  }

  /// The change takes effect now: the parameters every later settlement, check and decision reads.
  void on_execute(sim::GlobalContext& ctx, std::size_t i) {
    gov->execute(proposal_ids[i], ctx.now());
    apply_change(cfg.governance.proposals[i]);
    ++executed;
    records[i].executed = ctx.now();
    update_record(i, ctx.now());
  }

  /// From the treasury into the royalty pools, pro rata to each model's dataset weight: floors, the remainder to
  /// the model with the largest weight, so exactly `grant` leaves the treasury (nothing when no dataset has weight).
  void grant_contributors(Tokens grant) {
    std::uint64_t total_weight = 0;
    std::uint32_t heaviest = 0;
    for (std::uint32_t m = 0; m < cfg.models; ++m) {
      total_weight += model_weight[m];
      if (model_weight[m] > model_weight[heaviest]) heaviest = m;
    }
    if (total_weight == 0 || grant.raw() <= 0) return;
    Tokens given{0};
    std::vector<Tokens> part(cfg.models, Tokens(0));
    for (std::uint32_t m = 0; m < cfg.models; ++m) {
      part[m] = Tokens(static_cast<std::int64_t>(static_cast<u128>(grant.raw()) * model_weight[m] / total_weight));
      given += part[m];
    }
    part[heaviest] += grant - given;
    for (std::uint32_t m = 0; m < cfg.models; ++m) {
      if (part[m].raw() <= 0 || model_weight[m] == 0) continue;
      ledger.move(treasury, royalty_pool, part[m]);
      acc[m] += (static_cast<u128>(part[m].raw()) << kAccShift) / model_weight[m];
    }
  }

  /// Pays `amount` out of the treasury to a beneficiary, exactly.
  void pay_from_treasury(Beneficiary b, Tokens amount) {
    switch (b) {
      case Beneficiary::Contributors: grant_contributors(amount); break;
      case Beneficiary::Creators: ledger.move(treasury, creators, amount); break;
      case Beneficiary::Sybil: ledger.move(treasury, attacker, amount); break;
      case Beneficiary::Burn: ledger.burn(treasury, amount); break;
    }
  }

  /// A passed proposal's or an executed poll's changes.
  void apply_change(const ParameterChange& g) {
    if (g.split) {
      cfg.split_provider = (*g.split)[0];
      cfg.split_creator = (*g.split)[1];
      cfg.split_contributors = (*g.split)[2];
      cfg.split_treasury = (*g.split)[3];
      cfg.split_burn = (*g.split)[4];
    }
    if (g.verification_rate) cfg.verification_rate = *g.verification_rate;
    if (g.stake_per_gpu) cfg.stake_per_gpu = *g.stake_per_gpu;
    if (g.emission_scale) cfg.emission_scale = *g.emission_scale;
    if (g.grant_to_contributors.raw() > 0) grant_contributors(std::min(g.grant_to_contributors, ledger.balance(treasury)));
    if (g.grant_to_attacker.raw() > 0 && identities > 0) {
      ledger.move(treasury, attacker, std::min(g.grant_to_attacker, ledger.balance(treasury)));
    }
  }

  // ---- airdrops ----
  bool passes(AccountId voter) const { return !cfg.governance.defences.passport || passport_out[voter] == 0; }

  void on_airdrop(sim::GlobalContext& ctx, std::size_t i) {
    const Airdrop& a = cfg.governance.airdrops[i];
    AirdropRecord& r = drops[i];
    r.at = ctx.now();
    // Who was active: providers by GPU-hours served, contributors by royalties claimed; then the defences.
    std::vector<std::uint32_t> providers_in, contributors_in;
    for (std::uint32_t p = 0; p < prov.rows(); ++p) {
      if (static_cast<double>(p_busy[p]) < a.min_gpu_hours * 3600.0) continue;
      if (passes(p)) {
        providers_in.push_back(p);
      } else {
        ++r.honest_excluded;
      }
    }
    std::vector<std::uint32_t> fakes_in;  // the controller's fake datasets that qualify farm it too
    for (std::uint32_t c = 0; c < contrib.rows(); ++c) {
      if (contrib.claimed[c] <= 0 || contrib.claimed[c] < a.min_royalties.raw()) continue;
      if (c >= cfg.contributors) {
        fakes_in.push_back(c);
      } else if (passes(static_cast<AccountId>(prov.rows() + c))) {
        contributors_in.push_back(c);
      } else {
        ++r.honest_excluded;
      }
    }
    std::uint64_t bots = 0;
    if (identities > 0) {
      for (std::uint32_t k = 0; k < identities; ++k) {
        if (passes(holders_voter() + 1 + k)) ++bots;
      }
      r.bot_cost_usd = static_cast<double>(identities) * a.bot_activity_usd;  // every bot fakes the activity
    }
    r.eligible_honest = providers_in.size() + contributors_in.size();
    r.eligible_sybil = bots + fakes_in.size();
    const std::uint64_t eligible = r.eligible_honest + r.eligible_sybil;
    r.amount = std::min(a.amount, ledger.balance(treasury));
    if (eligible == 0 || r.amount.raw() <= 0) return;
    r.each = Tokens(r.amount.raw() / static_cast<std::int64_t>(eligible));
    ledger.move(treasury, airdrop_pool, r.each * static_cast<std::int64_t>(eligible));
    // Bots claim at once; honest identities claim at a uniform time within the window, or never.
    if (bots > 0) {
      r.claimed_sybil = r.each * static_cast<std::int64_t>(bots);
      ledger.move(airdrop_pool, attacker, r.claimed_sybil);
    }
    const sim::Population& pop = ctx.partition().population();
    const auto claim = [&](sim::AgentId id) {
      if (!ctx.rng().bernoulli(a.claim_rate)) return;
      const auto when = ctx.window_end() + static_cast<sim::Time>(ctx.rng().uniform() * static_cast<double>(a.claim_window));
      ledger.send_to_agent(airdrop_pool, r.each);
      ctx.send(id, when, kPaid, static_cast<std::uint64_t>(r.each.raw()));
      r.claimed_honest += r.each;
    };
    for (const std::uint32_t p : providers_in) claim(pop.id(kProvider, p));
    for (const std::uint32_t c : contributors_in) claim(pop.id(kContributor, c));
    for (const std::uint32_t c : fakes_in) {  // the controller's: all claim at once
      ledger.send_to_agent(airdrop_pool, r.each);
      ctx.send(pop.id(kContributor, c), ctx.window_end(), kPaid, static_cast<std::uint64_t>(r.each.raw()));
      r.claimed_sybil += r.each;
    }
    ctx.schedule(kMarket, ctx.window_end() + a.claim_window, kAirdropEnd, i);
  }

  void on_airdrop_end(std::size_t i) {
    drops[i].returned = ledger.balance(airdrop_pool);
    ledger.move(airdrop_pool, treasury, drops[i].returned);
  }

  // ---- quadratic funding ----
  std::uint32_t model_of(std::uint32_t contributor_row) const {
    return static_cast<std::uint32_t>(std::upper_bound(model_first.begin(), model_first.end(), contributor_row) -
                                      model_first.begin() - 1);
  }

  void on_qf_start(sim::GlobalContext& ctx, std::size_t i) {
    const QfRound& q = cfg.governance.qf_rounds[i];
    qfs[i].at = ctx.now();
    // The controller's identities each give a little to its own project (project index = models).
    for (std::uint32_t k = 0; k < identities; ++k) {
      const Tokens give = std::min(q.sybil_donation, ledger.balance(attacker));
      if (give.raw() <= 0) break;
      ledger.move(attacker, qf_pool, give);
      donations[i].push_back({holders_voter() + 1 + k, cfg.models, give.raw()});
      qfs[i].donations_sybil += give;
    }
    const sim::Population& pop = ctx.partition().population();
    for (std::uint32_t p = 0; p < prov.rows(); ++p) ctx.send(pop.id(kProvider, p), ctx.window_end(), kQfInvite, i);
    for (std::uint32_t c = 0; c < contrib.rows(); ++c) ctx.send(pop.id(kContributor, c), ctx.window_end(), kQfInvite, i);
    ctx.schedule(kMarket, ctx.now() + q.duration, kQfEnd, i);
  }

  /// An agent's turn in a QF round (local phase): maybe donate a share of its balance to a model.
  void invited(sim::AgentContext& ctx, const sim::Event& e, std::int64_t& balance, std::int64_t project) {
    const QfRound& q = cfg.governance.qf_rounds[e.payload];
    if (balance <= 0 || !ctx.rng().bernoulli(q.donor_share)) return;
    const auto amount = std::min<std::int64_t>(static_cast<std::int64_t>(static_cast<double>(balance) * q.donation_share),
                                               (std::int64_t{1} << 40) - 1);
    if (amount <= 0) return;
    if (project < 0) project = static_cast<std::int64_t>(ctx.rng().uniform_int(cfg.models));
    balance -= amount;
    ledger.agent_sent(ctx.shard(), Tokens(amount));
    ctx.submit(kMarket, ctx.now(), kDonation,
               (e.payload << 56) | (static_cast<std::uint64_t>(project) << 40) | static_cast<std::uint64_t>(amount));
  }

  void on_donation(sim::GlobalContext& ctx, const sim::Event& e) {
    const std::size_t i = e.payload >> 56;
    const auto project = static_cast<std::uint32_t>((e.payload >> 40) & 0xffff);
    const auto amount = static_cast<std::int64_t>(e.payload & ((std::uint64_t{1} << 40) - 1));
    ledger.receive_from_agent(qf_pool, Tokens(amount));
    const sim::Population& pop = ctx.partition().population();
    const AccountId donor = pop.kind_of(e.source) == kProvider
                                ? static_cast<AccountId>(e.source - pop.offset(kProvider))
                                : static_cast<AccountId>(prov.rows() + (e.source - pop.offset(kContributor)));
    donations[i].push_back({donor, project, amount});
    qfs[i].donations_honest += Tokens(amount);
  }

  /// Closes a round: donations go to their projects; the treasury pays the match, computed only over donors the
  /// defences let through (the others' donations still reach their projects).
  void on_qf_end(std::size_t i) {
    const QfRound& q = cfg.governance.qf_rounds[i];
    QfRecord& r = qfs[i];
    const std::size_t projects = cfg.models + 1;  // the models' creators, then the controller's project
    r.pool = std::min(q.matching_pool, ledger.balance(treasury));
    std::vector<std::vector<double>> by_project(projects);
    std::vector<Contribution> pairs;
    std::vector<double> trust;
    std::vector<std::int64_t> donated(projects, 0);
    std::set<AccountId> donors, sybils, excluded;
    for (const Donation& d : donations[i]) {
      donated[d.project] += d.amount;
      const bool sybil = d.donor > holders_voter();
      (sybil ? sybils : donors).insert(d.donor);
      if (!passes(d.donor) || (d.amount < cfg.governance.defences.min_balance.raw() && cfg.governance.defences.min_balance.raw() > 0)) {
        excluded.insert(d.donor);
        continue;
      }
      by_project[d.project].push_back(static_cast<double>(d.amount) * 1e-6);
      pairs.push_back({d.donor, d.project, static_cast<double>(d.amount) * 1e-6});
    }
    r.donors = donors.size();
    r.sybil_donors = sybils.size();
    for (const AccountId d : excluded) r.donors_excluded += d <= holders_voter();
    std::vector<double> match;
    if (q.pairwise) {
      trust.assign(holders_voter() + 1 + identities, 1.0);
      match = pairwise_qf(projects, pairs, static_cast<double>(r.pool.raw()) * 1e-6, q.pairwise_m, trust).match;
    } else {
      match = standard_qf(by_project, static_cast<double>(r.pool.raw()) * 1e-6, q.cap).match;
    }
    // Donations and matches reach the projects: the models' creators, or the controller.
    for (std::size_t p = 0; p < projects; ++p) {
      const auto m = Tokens(std::min<std::int64_t>(static_cast<std::int64_t>(match[p] * 1e6),
                                                   ledger.balance(treasury).raw()));
      const AccountId to = p < cfg.models ? creators : attacker;
      ledger.move(qf_pool, to, Tokens(donated[p]));
      if (m.raw() > 0) ledger.move(treasury, to, m);
      r.match_total += m;
      if (p == cfg.models) r.match_sybil += m;
    }
    donations[i].clear();
  }

  // ---- conviction voting ----
  /// A voter's balance as the pool sees it: an agent's, the float's voting part, a Sybil identity's share.
  std::int64_t voter_balance(AccountId v) const {
    const auto p = static_cast<AccountId>(prov.rows());
    if (v < p) return std::max<std::int64_t>(0, prov.balance[v]);
    if (v < holders_voter()) return std::max<std::int64_t>(0, contrib.balance[v - p]);
    if (v == holders_voter()) return apply(ledger.balance(market), cfg.governance.float_votes).raw();
    if (is_identity(v)) return identity_share(v - holders_voter() - 1);
    return 0;
  }

  static std::array<double, 3> request_utilities(Beneficiary b) {
    switch (b) {
      case Beneficiary::Contributors: return {0, 1, -1};  // as a grant to contributors by proposal
      case Beneficiary::Creators: return {0, 0, -1};
      case Beneficiary::Sybil: return {-1, -1, -1};       // the treasury given away: nobody honest gains
      case Beneficiary::Burn: return {0, 0, 1};           // less supply
    }
    return {0, 0, 0};
  }

  /// The pool's funds (a share of the treasury) and the stake token's supply, now.
  void sync_pool() {
    cpool->set_funds(apply(ledger.balance(treasury), cfg.governance.conviction->funds_share));
    cpool->set_stake_token_supply(ledger.minted() - ledger.burned());
  }

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

  ConvictionProposalId pool_id(std::uint64_t target) const {
    if (target == 1) return ConvictionPool::kAbstainProposal;
    if (target >= 2 && target - 2 < req_open.size() && req_open[target - 2] != 0) return req_ids[target - 2];
    return 0;
  }

  /// Sets a voter's stake to `amount` on `id` (0: nowhere), withdrawing it from every other proposal.
  void set_stake(AccountId v, ConvictionProposalId id, Tokens amount, sim::Time now) {
    if (conv_is_staker[v] == 0) {
      conv_is_staker[v] = 1;
      conv_stakers.push_back(v);
    }
    if (id != 0 && cpool->status(id) != ConvictionStatus::Active) id = 0;
    for (const ConvictionProposalId other : cpool->voter_proposals(v)) {
      if (other != id) cpool->withdraw(v, other, cpool->voter_stake(v, other), now);
    }
    if (id == 0) return;
    amount = std::min(amount, cpool->balance(v));
    const Tokens have = cpool->voter_stake(v, id);
    if (amount > have) cpool->stake(v, id, amount - have, now);
    if (amount < have) cpool->withdraw(v, id, have - amount, now);
  }

  /// The controller stakes everything on its open request (the first), each identity its share; identities the
  /// defences exclude cannot stake.
  void sybil_stakes(sim::Time now) {
    if (identities == 0) return;
    ConvictionProposalId target = 0;
    for (std::size_t k = 0; k < req_open.size() && target == 0; ++k) {
      if (req_open[k] != 0 && cfg.governance.conviction->requests[k].beneficiary == Beneficiary::Sybil) target = req_ids[k];
    }
    for (std::uint32_t k = 0; k < identities; ++k) {
      const AccountId v = holders_voter() + 1 + k;
      const std::int64_t each = identity_share(k);
      cpool->set_balance(v, Tokens(each), now);
      set_stake(v, excluded(v, each) ? 0 : target, Tokens(each), now);
    }
  }

  Tokens sybil_stake_on(ConvictionProposalId id) const {
    Tokens sum{0};
    for (std::uint32_t k = 0; k < identities; ++k) sum += cpool->voter_stake(holders_voter() + 1 + k, id);
    return sum;
  }

  void on_request(sim::GlobalContext& ctx, std::size_t k) {
    const ConvictionRequest& q = cfg.governance.conviction->requests[k];
    sync_pool();
    req_ids[k] = cpool->add_proposal(q.amount);
    req_open[k] = 1;
    any_request_open = true;
    req_interest[k] = request_utilities(q.beneficiary);
    conv_records[k].submitted = ctx.now();
    if (q.beneficiary == Beneficiary::Sybil) sybil_stakes(ctx.now());  // its own request: at once
  }

  /// Snapshot of a request into its record (at its execution, or at the last block reached).
  void fill_record(ConvictionRecord& r, ConvictionProposalId id, sim::Time now) const {
    r.conviction = cpool->conviction_at(id, now);
    r.threshold = cpool->threshold_of(id);
    r.staked = cpool->staked_on(id);
    r.staked_sybil = sybil_stake_on(id);
    r.staked_total = cpool->total_staked();
    r.funds = cpool->funds();
  }

  void conviction_tick(sim::GlobalContext& ctx, sim::Time t) {
    const ConvictionConfig& cc = *cfg.governance.conviction;
    if (t % cc.block == 0 && any_request_open) {
      conv_clock = t;
      sync_pool();
      // Executions at this block, in request order (each one lowers the funds the next one's threshold sees).
      for (std::size_t k = 0; k < req_open.size(); ++k) {
        if (req_open[k] == 0 || !cpool->can_execute(req_ids[k], t)) continue;
        fill_record(conv_records[k], req_ids[k], t);
        const Tokens paid = cpool->execute(req_ids[k], t);
        pay_from_treasury(cc.requests[k].beneficiary, paid);
        conv_records[k].executed = t;
        req_open[k] = 0;
        sync_pool();
      }
      any_request_open = std::find(req_open.begin(), req_open.end(), 1) != req_open.end();
    }
    if (t % cc.stake_every != 0 || !any_request_open) return;
    sync_pool();
    // Stakers whose balance fell below their stake lose the excess (the contract's _onTransfer, once a turn).
    for (const AccountId v : conv_stakers) cpool->set_balance(v, Tokens(voter_balance(v)), t);
    sybil_stakes(t);
    // The float's holders stake their voting part by the holders' interest, without noise: the float stands for
    // many holders whose noise averages out, and a whale flipping at random every turn would swing every threshold.
    {
      const AccountId v = holders_voter();
      const std::int64_t b = voter_balance(v);
      const std::uint64_t target = conviction_target(2, [] { return 0.0; });
      cpool->set_balance(v, Tokens(b), t);
      set_stake(v, pool_id(target), Tokens(static_cast<std::int64_t>(static_cast<double>(b) * cc.stake_share)), t);
    }
    for (std::size_t k = 0; k < req_open.size(); ++k) {
      if (req_open[k] == 0) continue;
      const ConvictionProposalId id = req_ids[k];
      conv_history.push_back({t, static_cast<std::uint32_t>(k), cpool->staked_on(id), sybil_stake_on(id),
                              cpool->total_staked(), cpool->funds(), cpool->conviction_at(id, t), cpool->threshold_of(id)});
    }
    // Every agent with enough tokens (that the defences let through) gets a turn.
    const sim::Population& pop = ctx.partition().population();
    const std::int64_t min = std::max(cc.min_balance.raw(), cfg.governance.defences.min_balance.raw());
    for (std::uint32_t p = 0; p < prov.rows(); ++p) {
      const std::int64_t b = prov.balance[p];
      if (b >= min && b > 0 && !excluded(p, b)) ctx.send(pop.id(kProvider, p), ctx.window_end(), kStakeTurn);
    }
    for (std::uint32_t c = 0; c < cfg.contributors; ++c) {
      const std::int64_t b = contrib.balance[c];
      const auto v = static_cast<AccountId>(prov.rows() + c);
      if (b >= min && b > 0 && !excluded(v, b)) ctx.send(pop.id(kContributor, c), ctx.window_end(), kStakeTurn);
    }
  }

  /// An agent's stake turn (local phase): turnout grows with its balance; it stakes a share of its balance on the
  /// open request it values most (plus noise), on abstain when all hurt it, or nowhere.
  void stake_turn(sim::AgentContext& ctx, std::int64_t balance, int cls) {
    const GovernanceConfig& g = cfg.governance;
    const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
    const double turnout = std::min(1.0, g.base_turnout + g.turnout_per_decade * std::log10(1.0 + tokens));
    if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
    const std::uint64_t target = conviction_target(static_cast<std::size_t>(cls), [&] { return ctx.rng().normal(0.0, 1.0); });
    const auto amount = std::min<std::uint64_t>(
        static_cast<std::uint64_t>(static_cast<double>(balance) * g.conviction->stake_share), kStakeAmountMask);
    ctx.submit(kMarket, ctx.now(), kStake, (target << 56) | (target == 0 ? 0 : amount));
  }

  void on_stake(sim::GlobalContext& ctx, const sim::Event& e) {
    const sim::Population& pop = ctx.partition().population();
    const AccountId v = pop.kind_of(e.source) == kProvider
                            ? static_cast<AccountId>(e.source - pop.offset(kProvider))
                            : static_cast<AccountId>(prov.rows() + (e.source - pop.offset(kContributor)));
    const std::int64_t b = voter_balance(v);
    cpool->set_balance(v, Tokens(b), ctx.now());
    const auto amount = static_cast<std::int64_t>(e.payload & kStakeAmountMask);
    set_stake(v, pool_id(e.payload >> 56), Tokens(std::min(amount, b)), ctx.now());
  }

  // ---- polls ----
  void on_poll_start(sim::GlobalContext& ctx, std::size_t i) {
    const Poll& p = cfg.governance.polls[i];
    const GovernanceConfig& g = cfg.governance;
    PollRecord& r = poll_records[i];
    r.opened = ctx.now();
    poll_open[i] = 1;
    poll_interest[i].clear();
    for (const PollChoice& c : p.choices) poll_interest[i].push_back(utilities(c));
    // The snapshot: every identity's balance now. Agents that delegated speak through their delegate.
    const sim::Population& pop = ctx.partition().population();
    std::vector<std::int64_t>& snap = poll_snap[i];
    snap.assign(prov.rows() + contrib.rows(), 0);
    std::vector<std::int64_t> delegators(g.delegates, 0);  // per delegate: its delegators' balances
    double everyone = static_cast<double>(ledger.balance(market).raw() + ledger.balance(attacker).raw());
    for (AccountId a = 0; a < snap.size(); ++a) {
      const bool provider = a < prov.rows();
      const std::uint32_t row = provider ? a : a - static_cast<AccountId>(prov.rows());
      if (!provider && row >= cfg.contributors) continue;  // fake datasets' owners are the controller's
      const std::int64_t b = std::max<std::int64_t>(0, provider ? prov.balance[row] : contrib.balance[row]);
      everyone += static_cast<double>(b);
      if (delegate_of[a] != kNoDelegate) {
        delegators[delegate_of[a]] += b;
        continue;
      }
      if (b <= 0 || excluded(a, b)) continue;
      snap[a] = b;
      ctx.send(provider ? pop.id(kProvider, row) : pop.id(kContributor, row), ctx.window_end(), kPollBallot, i);
    }
    poll_total_power[i] = everyone;
    const std::size_t n = p.choices.size();
    std::vector<double> value(n);
    const auto cast = [&](std::int64_t power, std::size_t cls) {
      if (power <= 0) return;
      for (std::size_t c = 0; c < n; ++c) value[c] = poll_interest[i][c][cls] + g.noise * ctx.rng().normal(0.0, 1.0);
      poll_votes[i].push_back({static_cast<double>(power), encode_poll_ballot(p.type, value, p.approval_bar)});
    };
    // The float's voting part, as one holder; delegates with their delegators' balances and their part of the
    // float, each by the interest of the class it speaks for.
    const Tokens fl = ledger.balance(market);
    cast(apply(fl, g.float_votes).raw(), 2);
    const Tokens fd = apply(fl, g.float_delegated);
    for (std::uint32_t k = 0; k < g.delegates; ++k) {
      const std::int64_t own = fd.raw() / g.delegates + (k < static_cast<std::uint32_t>(fd.raw() % g.delegates) ? 1 : 0);
      cast(delegators[k] + own, delegate_class[k]);
    }
    // The controller's identities back its choice, all in.
    if (p.sybil_choice && identities > 0) {
      for (std::size_t c = 0; c < n; ++c) value[c] = c == *p.sybil_choice ? 1.0 : -1e3;
      const std::uint64_t ballot = encode_poll_ballot(p.type, value, 0.0);
      for (std::uint32_t k = 0; k < identities; ++k) {
        const std::int64_t b = identity_share(k);
        if (b <= 0 || excluded(holders_voter() + 1 + k, b)) continue;
        poll_votes[i].push_back({static_cast<double>(b), ballot});
        poll_sybil_power[i] += static_cast<double>(b);
        poll_sybil_sqrt[i] += std::sqrt(static_cast<double>(b));
      }
    }
    ctx.schedule(kMarket, ctx.now() + p.duration, kPollEnd, i);
  }

  /// An agent's ballot (local phase): turnout as for proposals; its value of each choice is its class's interest
  /// plus noise, made into a ballot of the poll's type.
  void poll_ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls) {
    const GovernanceConfig& g = cfg.governance;
    const Poll& p = g.polls[e.payload];
    const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
    const double fatigue = std::pow(1.0 - g.apathy, static_cast<double>(e.payload));  // polls before this one
    const double turnout = std::min(1.0, g.base_turnout + g.turnout_per_decade * std::log10(1.0 + tokens)) * fatigue;
    if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
    std::array<double, 8> value{};
    for (std::size_t c = 0; c < p.choices.size(); ++c) {
      value[c] = poll_interest[e.payload][c][static_cast<std::size_t>(cls)] + g.noise * ctx.rng().normal(0.0, 1.0);
    }
    const std::uint64_t ballot = encode_poll_ballot(p.type, std::span<const double>(value.data(), p.choices.size()), p.approval_bar);
    ctx.submit(kMarket, ctx.now(), kPollVote, (e.payload << 48) | ballot);
  }

  void on_poll_vote(sim::GlobalContext& ctx, const sim::Event& e) {
    const std::size_t i = e.payload >> 48;
    if (poll_open[i] == 0) return;  // arrived after the close
    const sim::Population& pop = ctx.partition().population();
    const AccountId v = pop.kind_of(e.source) == kProvider
                            ? static_cast<AccountId>(e.source - pop.offset(kProvider))
                            : static_cast<AccountId>(prov.rows() + (e.source - pop.offset(kContributor)));
    const std::int64_t power = poll_snap[i][v];
    if (power > 0) poll_votes[i].push_back({static_cast<double>(power), e.payload & kPollBallotMask});
  }

  void on_poll_end(sim::GlobalContext& ctx, std::size_t i) {
    const Poll& p = cfg.governance.polls[i];
    PollRecord& r = poll_records[i];
    const PollResult res = tally_poll(p.type, p.choices.size(), poll_votes[i]);
    r.closed = ctx.now();
    r.scores = res.scores;
    r.scores_total = res.scores_total;
    r.winner = res.winner;
    r.voters = poll_votes[i].size();
    double power = 0, roots = 0;
    for (const PollVote& v : poll_votes[i]) {
      power += v.power;
      roots += std::sqrt(v.power);
    }
    r.turnout = poll_total_power[i] > 0 ? power / poll_total_power[i] : 0.0;
    r.sybil_share = p.type == PollType::Quadratic ? (roots > 0 ? poll_sybil_sqrt[i] / roots : 0.0)
                                                   : (power > 0 ? poll_sybil_power[i] / power : 0.0);
    if (p.execute && res.winner >= 0) {
      apply_change(p.choices[static_cast<std::size_t>(res.winner)]);
      r.executed = ctx.now();
    }
    poll_open[i] = 0;
    std::vector<std::int64_t>().swap(poll_snap[i]);
    std::vector<PollVote>().swap(poll_votes[i]);
  }

  // ---- metrics ----
  void record(sim::Time t) {
    ComputeSample& s = acc_sample;
    s.t = t;
    s.price = price;
    s.supply = ledger.minted() - ledger.burned();
    s.treasury = ledger.balance(treasury);
    s.staked = ledger.balance(stakes);
    s.circulating = s.supply - ledger.balance(rewards_pool) - ledger.balance(insiders_escrow) - s.treasury - s.staked;
    s.burned_total = ledger.burned();
    s.minted_total = ledger.minted();
    s.burned = ledger.burned() - burned_before;
    s.minted = ledger.minted() - minted_before;
    burned_before = ledger.burned();
    minted_before = ledger.minted();
    s.latency_mean_s = s.completed > 0 ? latency_sum / static_cast<double>(s.completed) : std::nan("");
    s.utilization = active_gpu_s_period > 0 ? static_cast<double>(busy_gpu_s_period) / active_gpu_s_period : 0.0;
    s.active_by_gpu.assign(cfg.gpus.size(), 0);
    std::vector<float> profits;
    std::uint64_t active = 0, profitable = 0;
    for (std::uint32_t p = 0; p < p_active.size(); ++p) {
      if (p_active[p] == 0) continue;
      ++active;
      ++s.active_by_gpu[group_of(p).gpu];
      const float per_gpu = prov.profit_ema[p];
      profits.push_back(per_gpu);
      profitable += per_gpu > 0;
    }
    s.providers_active = active;
    s.profitable_share = active > 0 ? static_cast<double>(profitable) / static_cast<double>(active) : 0.0;
    const auto quantile = [&](double q) {
      if (profits.empty()) return std::nan("");
      const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(profits.size() - 1));
      std::nth_element(profits.begin(), profits.begin() + k, profits.end());
      return static_cast<double>(profits[static_cast<std::size_t>(k)]);
    };
    s.provider_profit_p10 = quantile(0.1);
    s.provider_profit_median = quantile(0.5);
    s.provider_profit_p90 = quantile(0.9);
    s.royalty_deciles.assign(10, std::nan(""));
    s.gini = std::nan("");
    s.nakamoto = std::nan("");
    s.sybil_royalty_share = std::nan("");
    s.split_provider = cfg.split_provider;
    s.split_contributors = cfg.split_contributors;
    s.verification_rate = cfg.verification_rate;
    s.stake_per_gpu = cfg.stake_per_gpu;
    s.emission_scale = cfg.emission_scale;
    s.proposals_passed = passed;
    s.proposals_executed = executed;
    // Market signal for providers off the network: USD paid per active GPU-day of each type (EMA). A type with
    // nobody on the network keeps its last value.
    for (std::size_t g = 0; g < revenue_per_gpu_day.size(); ++g) {
      const double gpu_days = active_gpu_s_by_type[g] / sim::kDay;
      if (gpu_days > 0) {
        const double paid_usd = paid_by_type[g] * 1e-6 * price;
        revenue_per_gpu_day[g] = 0.7 * revenue_per_gpu_day[g] + 0.3 * (paid_usd / gpu_days);
      }
      active_gpu_s_by_type[g] = 0;
      paid_by_type[g] = 0;
    }
    samples.push_back(s);
    acc_sample = ComputeSample{};
    latency_sum = 0;
    busy_gpu_s_period = 0;
    active_gpu_s_period = 0;
  }

  void measure(sim::Time at) {
    if (samples.empty()) return;
    std::vector<float> all;
    all.reserve(prov.rows() + contrib.rows());
    std::int64_t recount = 0;
    for (const std::int64_t x : prov.balance.span()) {
      recount += x;
      all.push_back(static_cast<float>(x));
    }
    for (const std::int64_t x : contrib.balance.span()) {
      recount += x;
      all.push_back(static_cast<float>(x));
    }
    ledger.check_agents(Tokens(recount), at);
    oneapi::tbb::parallel_sort(all.begin(), all.end());
    samples.back().gini = gini_of_sorted(all);
    samples.back().nakamoto = nakamoto_of_sorted(all);
    // Royalties by decile of contributors (what each has earned so far, claimed or not).
    std::vector<double> earned(contrib.rows());
    for (std::uint32_t m = 0; m < cfg.models; ++m) {
      for (std::uint32_t r = model_first[m]; r < model_first[m + 1]; ++r) {
        earned[r] = static_cast<double>((static_cast<u128>(contrib.weight[r]) * acc[m]) >> kAccShift) * 1e-6;
      }
    }
    double fake_earned = 0, all_earned = 0;
    for (std::size_t r = 0; r < earned.size(); ++r) {
      all_earned += earned[r];
      if (r >= cfg.contributors) fake_earned += earned[r];
    }
    samples.back().sybil_royalty_share = all_earned > 0 ? fake_earned / all_earned : 0.0;
    // Deciles are of the honest contributors.
    earned.resize(cfg.contributors);
    std::sort(earned.begin(), earned.end());
    auto& d = samples.back().royalty_deciles;
    for (int k = 0; k < 10; ++k) {
      const std::size_t lo = earned.size() * static_cast<std::size_t>(k) / 10, hi = earned.size() * static_cast<std::size_t>(k + 1) / 10;
      double sum = 0;
      for (std::size_t i = lo; i < hi; ++i) sum += earned[i];
      d[static_cast<std::size_t>(k)] = hi > lo ? sum / static_cast<double>(hi - lo) : 0.0;
    }
  }

  void on_window_end(const sim::WindowInfo& w) override {
    ledger.check(w.begin, w.end);
    ledger.check_account(amm, pool.token_reserve(), w.end);
    std::int64_t staked = 0;
    for (const std::int64_t s : p_stake) staked += s;
    ledger.check_account(stakes, Tokens(staked + unbonding_total), w.end);
    // Every job's escrow is in the escrow account, from payment to settlement or refund; payouts all left.
    ledger.check_account(escrow, Tokens(escrow_total), w.end);
    ledger.check_account(escrow_of_pay, Tokens(0), w.end);
    if (w.end % cfg.gini_every == 0) measure(w.end);
  }
};

// ---------------------------------------------------------------------------------------------------------

ComputeNetwork::ComputeNetwork(const ComputeNetworkConfig& c, std::uint32_t shards)
    : s_(std::make_unique<State>(c, shards)) {
  State& s = *s_;
  const std::int64_t shares = c.rewards_share.raw() + c.treasury_share.raw() + c.liquidity_share.raw() +
                              c.insiders_share.raw() + c.float_share.raw();
  require(shares == Ppm::kWhole, "allocation shares must sum to 1,000,000 ppm, got " + std::to_string(shares));
  const std::int64_t split = c.split_provider.raw() + c.split_creator.raw() + c.split_contributors.raw() +
                             c.split_treasury.raw() + c.split_burn.raw();
  require(split == Ppm::kWhole, "the revenue split must sum to 1,000,000 ppm, got " + std::to_string(split));
  require(!c.providers.empty(), "at least one provider group");
  for (const GovernanceProposal& g : c.governance.proposals) {
    if (g.split) {
      std::int64_t sum = 0;
      for (const Ppm x : *g.split) sum += x.raw();
      require(sum == Ppm::kWhole, "proposal '" + g.title + "': its split must sum to 1,000,000 ppm, got " + std::to_string(sum));
    }
  }
  require(c.governance.proposals.empty() || c.governance.voting_period >= 2 * c.window,
          "the voting period must be at least two windows");
  const GovernanceConfig& gc = c.governance;
  require(gc.float_votes.raw() + gc.float_delegated.raw() <= Ppm::kWhole,
          "the float's voting and delegated shares must sum to at most 1");
  require(gc.float_delegated.raw() == 0 || gc.delegates > 0, "a delegated share of the float needs delegates");
  for (const GovernanceProposal& g : gc.proposals) {
    require(!g.emission_scale || *g.emission_scale >= 0, "proposal '" + g.title + "': a negative emission scale");
  }
  if (gc.conviction) {
    const ConvictionConfig& cc = *gc.conviction;
    cc.params.validate();
    require(cc.block > 0 && cc.block % c.window == 0, "the conviction block must be whole windows");
    require(cc.stake_every > 0 && cc.stake_every % c.window == 0, "conviction stake turns must be whole windows apart");
    require(cc.requests.size() < 255, "at most 254 conviction requests");
    for (const ConvictionRequest& q : cc.requests) {
      require(q.amount.raw() > 0, "conviction request '" + q.title + "' must ask for tokens");
    }
  }
  require(gc.polls.size() < 256, "at most 255 polls");
  for (const Poll& p : gc.polls) {
    require(p.choices.size() >= 2 && p.choices.size() <= 8, "poll '" + p.title + "' needs 2 to 8 choices");
    require(!p.sybil_choice || *p.sybil_choice < p.choices.size(), "poll '" + p.title + "': sybil_choice out of range");
    require(p.duration >= 2 * c.window, "poll '" + p.title + "' must stay open at least two windows");
    for (const PollChoice& ch : p.choices) {
      if (ch.split) {
        std::int64_t sum = 0;
        for (const Ppm x : *ch.split) sum += x.raw();
        require(sum == Ppm::kWhole, "poll '" + p.title + "' choice '" + ch.name + "': its split must sum to 1,000,000 ppm");
      }
    }
  }
  // A donation event packs round (8 bits), project (16 bits) and amount (40 bits) into its payload.
  require(c.governance.qf_rounds.size() < 256, "at most 255 QF rounds");
  require(c.governance.qf_rounds.empty() || c.models < 65535, "at most 65,534 models with QF rounds");
  require(c.contributors >= c.models && c.models > 0, "at least one model and one contributor per model");
  require(c.gini_every % c.window == 0, "gini_every must be whole windows");
  require(c.gpus.size() == c.gpu_names.size() && !c.gpus.empty(), "a GPU catalog");
  std::uint32_t rows = 0;
  for (const ProviderGroup& g : c.providers) {
    require(g.gpu < c.gpus.size(), "provider group " + g.name + " names an unknown GPU type");
    require(g.count > 0 && g.gpus_per_provider > 0, "provider group " + g.name + " is empty");
    rows += g.count;
  }
  // Unit costs of every class on every GPU type, from the job-cost model.
  s.unit.resize(c.jobs.size());
  for (std::size_t k = 0; k < c.jobs.size(); ++k) {
    const JobClass& jc = c.jobs[k];
    require(jc.model < c.models, "job class " + jc.name + " uses an unknown model");
    bool fits_somewhere = false;
    for (std::size_t g = 0; g < c.gpus.size(); ++g) {
      SiteCost site{0.08, 1.3, 0, 5, 0.6, 0.8};
      s.unit[k].push_back(job_cost(c.gpus[g], site, jc.shape));
      fits_somewhere = fits_somewhere || s.unit[k].back().fits;
    }
    require(fits_somewhere, "job class " + jc.name + " fits on no GPU type of the scenario");
  }
  s.prov.append(rows);
  const std::uint32_t fakes = c.governance.sybil ? c.governance.sybil->fake_datasets : 0;
  s.contrib.append(c.contributors + fakes);
  std::uint32_t r = 0;
  for (std::uint32_t g = 0; g < c.providers.size(); ++g) {
    for (std::uint32_t k = 0; k < c.providers[g].count; ++k) s.prov.group[r++] = g;
  }
  const std::size_t n = rows;
  s.p_active.assign(n, 0);
  s.p_joining.assign(n, 0);
  s.p_version.assign(n, 0);
  s.p_state.assign(n, 0);
  s.in_available.assign(c.gpus.size(), 0);
  s.in_busy.assign(c.gpus.size(), 0);
  s.revenue_per_gpu_day.assign(c.gpus.size(), 0.0);
  s.active_gpus_by_type.assign(c.gpus.size(), 0);
  s.active_gpu_s_by_type.assign(c.gpus.size(), 0.0);
  s.paid_by_type.assign(c.gpus.size(), 0.0);
  s.p_backlog_end.assign(n, 0);
  s.p_out_until.assign(n, 0);
  s.p_ask.assign(n, 0);
  s.p_busy.assign(n, 0);
  s.p_stake.assign(n, 0);
  s.p_unbonding.assign(n, 0);
  s.p_pay.assign(n, 0);
  s.p_work_usd.assign(n, 0);
  s.p_malicious.assign(n, 0);
  s.available.resize(c.gpus.size());
  s.busy.resize(c.gpus.size());
  // Models own contiguous, equal ranges of datasets.
  s.model_first.resize(c.models + 1);
  for (std::uint32_t m = 0; m <= c.models; ++m) {
    s.model_first[m] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(c.contributors) * m / c.models);
  }
  s.model_first[c.models] = c.contributors + fakes;  // fake datasets register with the last model
  s.model_weight.assign(c.models, 0);
  s.acc.assign(c.models, 0);
  s.model_use_usd.assign(c.models, 0);
}

ComputeNetwork::~ComputeNetwork() = default;

sim::Population ComputeNetwork::population() const {
  return sim::Population({{"provider", static_cast<std::uint32_t>(s_->prov.rows())},
                          {"contributor", static_cast<std::uint32_t>(s_->contrib.rows())}});
}

void ComputeNetwork::init_agent(sim::AgentContext& ctx) {
  State& s = *s_;
  const std::uint32_t row = ctx.row();
  if (ctx.kind() == kProvider) {
    const ProviderGroup& g = s.group_of(row);
    // Ask: cost per GPU-hour at the target utilisation, plus the margin; drawn +-10% per provider.
    const double hw = g.hardware_usd / (g.life_years * 8760.0 * g.target_utilization);
    const double energy = s.energy_usd_per_gpu_s(row) * 3600.0;
    s.p_ask[row] = (hw + energy) * (1.0 + g.margin) * (0.9 + 0.2 * ctx.rng().uniform());
    s.p_malicious[row] = ctx.rng().bernoulli(g.malicious) ? 1 : 0;
    s.p_active[row] = ctx.rng().bernoulli(g.active_at_genesis) ? 1 : 0;
    ctx.schedule(ctx.now() + 1 + static_cast<sim::Time>(ctx.rng().uniform() * static_cast<double>(s.cfg.decide_every)), kDecide);
  } else {
    // A dataset: size ~ lognormal, quality ~ Beta; weight = size x quality, in integer units (>= 1). A Sybil
    // controller's fake dataset claims a large size at a low quality (Beta(1, 9)); a data quality check gives
    // datasets below its threshold no weight, missing some fakes.
    const bool fake = row >= s.cfg.contributors;
    const double size = ctx.rng().lognormal(0.0, s.cfg.weight_sigma) * (fake ? s.cfg.governance.sybil->fake_size : 1.0);
    const double quality = fake ? ctx.rng().beta(1.0, 9.0) : ctx.rng().beta(s.cfg.quality_alpha, s.cfg.quality_beta);
    const SybilDefences& d = s.cfg.governance.defences;
    const bool rejected = d.data_quality_check && quality < d.min_quality && !(fake && ctx.rng().bernoulli(d.quality_miss_rate));
    s.contrib.weight[row] = rejected ? 0.0f : static_cast<float>(std::max(1.0, std::round(size * quality * 1000.0)));
    const double gap = ctx.rng().exponential(1.0 / static_cast<double>(s.cfg.claim_every));
    ctx.schedule(ctx.now() + 1 + static_cast<sim::Time>(gap), kClaim);
  }
}

void ComputeNetwork::init_global(sim::GlobalContext& ctx) {
  State& s = *s_;
  const ComputeNetworkConfig& c = s.cfg;
  Ledger& l = s.ledger;
  s.treasury = l.open("treasury", AccountClass::Treasury);
  s.amm = l.open("amm", AccountClass::AmmReserve);
  s.escrow = l.open("job_escrow", AccountClass::Other);
  s.stakes = l.open("provider_stakes", AccountClass::Staked);
  s.royalty_pool = l.open("royalty_pool", AccountClass::Other);
  s.rewards_pool = l.open("provider_rewards", AccountClass::EmissionPool);
  s.insiders_escrow = l.open("insiders_vesting", AccountClass::VestingEscrow);
  s.market = l.open("market", AccountClass::Market);
  s.clearing = l.open("clearing", AccountClass::Other);
  s.creators = l.open("model_creators", AccountClass::Market);
  s.escrow_of_pay = l.open("payouts", AccountClass::Other);
  // Genesis: the rewards share is minted by its schedule, the rest now.
  const Tokens liquidity = apply(c.total_supply, c.liquidity_share);
  l.mint(s.treasury, apply(c.total_supply, c.treasury_share));
  l.mint(s.amm, liquidity);
  l.mint(s.insiders_escrow, s.insiders.total());
  l.mint(s.market, apply(c.total_supply, c.float_share) + (apply(c.total_supply, c.insiders_share) - s.insiders.total()));
  s.pool.add_liquidity(liquidity, convert<UsdTag>(liquidity, c.initial_price.raw()));
  s.price = s.pool.spot_price() * 1e-6;
  // Contributors' weights per model; providers on the network at genesis hold their stake (from the float).
  for (std::uint32_t m = 0; m < c.models; ++m) {
    for (std::uint32_t r = s.model_first[m]; r < s.model_first[m + 1]; ++r) {
      s.model_weight[m] += static_cast<std::uint64_t>(s.contrib.weight[r]);
    }
  }
  for (std::uint32_t p = 0; p < s.p_active.size(); ++p) {
    if (s.p_active[p] == 0) continue;
    const Tokens stake = std::min(c.stake_per_gpu * s.gpus_of(p), l.balance(s.market));
    l.move(s.market, s.stakes, stake);
    s.p_stake[p] = stake.raw();
    s.active_gpus += s.gpus_of(p);
    s.active_gpus_by_type[s.group_of(p).gpu] += s.gpus_of(p);
    s.make_available(p);
  }
  const GovernanceConfig& gc = c.governance;
  if (!gc.proposals.empty() || !gc.airdrops.empty() || !gc.qf_rounds.empty() || !gc.polls.empty() ||
      (gc.conviction && !gc.conviction->requests.empty())) {
    // Voting power: every agent's balance (none at genesis) and the market's float, self-delegated.
    s.attacker = l.open("sybil_controller", AccountClass::Market);
    if (c.governance.sybil) {
      const SybilAttack& a = *c.governance.sybil;
      const double affordable = a.identity_cost_usd > 0 ? std::floor(a.budget_usd / a.identity_cost_usd) : 1e18;
      s.identities = static_cast<std::uint32_t>(std::min<double>(a.max_identities, affordable));
      l.move(s.market, s.attacker, std::min(a.tokens, l.balance(s.market)));
    }
    // Agents, the float, the Sybil identities, the delegates, the float's passive part.
    const std::size_t voters = s.prov.rows() + s.contrib.rows() + 1 + s.identities + c.governance.delegates + 1;
    s.delegate_of.assign(s.prov.rows() + s.contrib.rows(), kNoDelegate);
    s.delegate_class.assign(c.governance.delegates, 0);
    for (std::uint32_t k = 0; k < c.governance.delegates; ++k) {
      s.delegate_class[k] = static_cast<std::uint8_t>(ctx.rng().uniform_int(3));
    }
    if (c.governance.delegates > 0) {
      for (auto& d : s.delegate_of) {
        if (ctx.rng().bernoulli(c.governance.delegation_share)) {
          d = static_cast<std::uint32_t>(ctx.rng().uniform_int(c.governance.delegates));
        }
      }
    }
    // Passport: each identity's score is drawn once from the market's stream; honest ones fail with the false-
    // positive rate, Sybil ones pass with the false-negative rate.
    s.passport_out.assign(voters, 0);
    if (c.governance.defences.passport) {
      for (std::size_t v = 0; v < voters; ++v) {
        const std::size_t float_row = s.prov.rows() + s.contrib.rows();
        const bool sybil = v > float_row && v <= float_row + s.identities;
        const bool float_holder = v == float_row || v > float_row + s.identities;  // the float, delegates: not scored
        const double u = ctx.rng().uniform();
        s.passport_out[v] = float_holder ? 0
                            : sybil      ? (u >= c.governance.defences.false_negative)
                                         : (u < c.governance.defences.false_positive);
      }
    }
    s.votes.emplace(Votes::genesis(std::vector<Tokens>(voters, Tokens(0)), ctx.now()));
    GovernorSettings gs;
    gs.voting_delay = c.governance.voting_delay;
    gs.voting_period = c.governance.voting_period;
    gs.quorum_numerator = c.governance.quorum_percent;
    gs.quorum_denominator = 100;
    gs.timelock_delay = c.governance.timelock;
    s.gov = std::make_unique<Governor>(gs, *s.votes);
    s.proposal_ids.assign(c.governance.proposals.size(), 0);
    s.records.assign(c.governance.proposals.size(), ProposalRecord{});
    s.interest.assign(c.governance.proposals.size(), {0, 0, 0});
    s.airdrop_pool = l.open("airdrop", AccountClass::Other);
    s.qf_pool = l.open("qf_round", AccountClass::Other);
    s.qfs.assign(c.governance.qf_rounds.size(), QfRecord{});
    s.donations.assign(c.governance.qf_rounds.size(), {});
    for (std::size_t i = 0; i < c.governance.qf_rounds.size(); ++i) {
      ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.qf_rounds[i].at), kQfStart, i);
    }
    s.drops.assign(c.governance.airdrops.size(), AirdropRecord{});
    for (std::size_t i = 0; i < c.governance.airdrops.size(); ++i) {
      ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.airdrops[i].at), kAirdrop, i);
    }
    for (std::size_t i = 0; i < c.governance.proposals.size(); ++i) {
      s.records[i].title = c.governance.proposals[i].title;
      s.records[i].state = "not yet proposed";
      ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.proposals[i].at), kPropose, i);
    }
    if (gc.conviction && !gc.conviction->requests.empty()) {
      const ConvictionConfig& cc = *gc.conviction;
      s.cpool.emplace(cc.params, apply(l.balance(s.treasury), cc.funds_share), l.minted() - l.burned(), cc.block);
      const std::size_t n = cc.requests.size();
      s.req_ids.assign(n, 0);
      s.req_open.assign(n, 0);
      s.req_interest.assign(n, {0, 0, 0});
      s.conv_records.assign(n, ConvictionRecord{});
      s.conv_is_staker.assign(voters, 0);
      for (std::size_t k = 0; k < n; ++k) {
        s.conv_records[k].title = cc.requests[k].title;
        s.conv_records[k].beneficiary = cc.requests[k].beneficiary;
        s.conv_records[k].amount = cc.requests[k].amount;
        ctx.schedule(kMarket, std::max(ctx.now() + 1, cc.requests[k].at), kRequest, k);
      }
    }
    const std::size_t polls = gc.polls.size();
    s.poll_records.assign(polls, PollRecord{});
    s.poll_interest.assign(polls, {});
    s.poll_snap.assign(polls, {});
    s.poll_votes.assign(polls, {});
    s.poll_open.assign(polls, 0);
    s.poll_total_power.assign(polls, 0.0);
    s.poll_sybil_power.assign(polls, 0.0);
    s.poll_sybil_sqrt.assign(polls, 0.0);
    for (std::size_t i = 0; i < polls; ++i) {
      s.poll_records[i].title = gc.polls[i].title;
      s.poll_records[i].type = gc.polls[i].type;
      ctx.schedule(kMarket, std::max(ctx.now() + 1, gc.polls[i].at), kPollStart, i);
    }
  }
  ctx.schedule(kMarket, ctx.now(), kTick);
  const sim::Time first = s.insiders.next_release_time(ctx.now() - 1);
  if (first != sim::kNever) ctx.schedule(kMarket, first, kVest);
}

void ComputeNetwork::on_agent_event(sim::AgentContext& ctx, const sim::Event& e) {
  State& s = *s_;
  const std::uint32_t row = ctx.row();
  const double price = std::max(s.price, 1e-9);
  if (ctx.kind() == kProvider) {
    auto& t = s.prov;
    if (e.kind == kPaid || e.kind == kUnstaked) {
      const auto amount = static_cast<std::int64_t>(e.payload);
      s.ledger.agent_received(ctx.shard(), Tokens(amount));
      if (e.kind == kUnstaked) {  // left the network: the stake that came back is sold
        s.ledger.agent_sent(ctx.shard(), Tokens(amount));
        s.flows[ctx.shard()].sold += amount;
      } else {
        t.balance[row] += amount;
        t.earned[row] += amount;
      }
      return;
    }
    if (e.kind == kBallot) {
      s.ballot(ctx, e, t.balance[row], 0);
      return;
    }
    if (e.kind == kQfInvite) {
      s.invited(ctx, e, t.balance[row], -1);
      return;
    }
    if (e.kind == kStakeTurn) {
      s.stake_turn(ctx, t.balance[row], 0);
      return;
    }
    if (e.kind == kPollBallot) {
      s.poll_ballot(ctx, e, t.balance[row], 0);
      return;
    }
    if (e.kind != kDecide) return;
    // A day on or off the network: costs, selling to cover them, and the decision to stay, leave or join.
    const ProviderGroup& g = s.group_of(row);
    const bool active = s.p_active[row] != 0;
    const double days = static_cast<double>(s.cfg.decide_every) / sim::kDay;
    if (active) {
      const auto busy_now = static_cast<std::int64_t>(s.p_busy[row]);
      const double busy_s = static_cast<double>(busy_now - t.busy_seen[row]);
      t.busy_seen[row] = busy_now;
      const double cost = s.fixed_usd_per_day(row) * days + s.energy_usd_per_gpu_s(row) * busy_s;
      const std::int64_t earned_now = t.earned[row];
      const double revenue = static_cast<double>(earned_now) * 1e-6 * price;
      t.earned[row] = 0;
      const double profit_per_gpu_day = (revenue - cost) / g.gpus_per_provider / days;
      const double a = 1.0 - std::exp(-days / s.cfg.profit_memory_days);
      t.profit_ema[row] = static_cast<float>((1.0 - a) * t.profit_ema[row] + a * profit_per_gpu_day);
      // Sell tokens to cover the USD costs, and at least a set share of what was earned.
      t.usd_debt[row] += static_cast<float>(cost);
      const auto to_cover = static_cast<std::int64_t>(static_cast<double>(t.usd_debt[row]) / price * 1e6);
      const auto share = static_cast<std::int64_t>(static_cast<double>(earned_now) * s.cfg.provider_sell);
      const std::int64_t sell = std::min<std::int64_t>(t.balance[row], std::max(to_cover, share));
      if (sell > 0) {
        t.balance[row] -= sell;
        s.ledger.agent_sent(ctx.shard(), Tokens(sell));
        s.flows[ctx.shard()].sold += sell;
        t.usd_debt[row] = std::max(0.0f, t.usd_debt[row] - static_cast<float>(static_cast<double>(sell) * 1e-6 * price));
      }
      if (t.profit_ema[row] < s.cfg.leave_below) {
        ctx.submit(kMarket, e.t, kLeave);
        t.usd_debt[row] = 0;  // the hardware leaves with the provider
      } else if (ctx.rng().bernoulli(std::min(1.0, (1.0 - g.uptime) * 10.0 * days))) {
        // Outages average a tenth of a day, so (1 - uptime) x 10 a day keeps the long-run uptime.
        ctx.submit(kMarket, e.t, kOutage, static_cast<std::uint64_t>(ctx.rng().exponential(1.0 / (0.1 * sim::kDay))));
      }
    } else if (s.p_joining[row] == 0) {
      // Off the network: join when the market pays providers more per GPU-day than this provider's cost.
      const double cost_per_gpu_day = s.fixed_usd_per_day(row) / g.gpus_per_provider +
                                      s.energy_usd_per_gpu_s(row) * 0.5 * sim::kDay;
      if (s.revenue_per_gpu_day[g.gpu] - cost_per_gpu_day > s.cfg.join_above &&
          ctx.rng().bernoulli(s.cfg.join_probability)) {
        t.profit_ema[row] = 0;
        t.busy_seen[row] = static_cast<std::int64_t>(s.p_busy[row]);
        ctx.submit(kMarket, e.t, kJoin);
      }
    }
    ctx.schedule(e.t + s.cfg.decide_every, kDecide);
    return;
  }
  // A contributor.
  auto& t = s.contrib;
  if (e.kind == kClaim) {
    const std::uint32_t m = s.model_of(row);
    const auto earned = static_cast<std::int64_t>((static_cast<u128>(t.weight[row]) * s.acc[m]) >> kAccShift);
    const std::int64_t owed = earned - t.claimed[row];
    if (owed > 0) {
      t.claimed[row] = earned;
      t.balance[row] += owed;
      s.ledger.agent_received(ctx.shard(), Tokens(owed));
      s.flows[ctx.shard()].royalties += owed;
      const auto sell = static_cast<std::int64_t>(static_cast<double>(owed) * s.cfg.contributor_sell);
      if (sell > 0) {
        t.balance[row] -= sell;
        s.ledger.agent_sent(ctx.shard(), Tokens(sell));
        s.flows[ctx.shard()].sold += sell;
      }
    }
    const double gap = ctx.rng().exponential(1.0 / static_cast<double>(s.cfg.claim_every));
    ctx.schedule(e.t + 1 + static_cast<sim::Time>(gap), kClaim);
  } else if (e.kind == kPaid) {
    t.balance[row] += static_cast<std::int64_t>(e.payload);
    s.ledger.agent_received(ctx.shard(), Tokens(static_cast<std::int64_t>(e.payload)));
  } else if (e.kind == kBallot && row < s.cfg.contributors) {  // fake datasets' owners vote as Sybil identities
    s.ballot(ctx, e, t.balance[row], 1);
  } else if (e.kind == kQfInvite && row < s.cfg.contributors) {
    s.invited(ctx, e, t.balance[row], s.model_of(row));
  } else if (e.kind == kStakeTurn && row < s.cfg.contributors) {
    s.stake_turn(ctx, t.balance[row], 1);
  } else if (e.kind == kPollBallot && row < s.cfg.contributors) {
    s.poll_ballot(ctx, e, t.balance[row], 1);
  }
}

void ComputeNetwork::on_global_event(sim::GlobalContext& ctx, const sim::Event& e) {
  State& s = *s_;
  const sim::Population& pop = ctx.partition().population();
  switch (e.kind) {
    case kTick: s.on_tick(ctx, e.t); break;
    case kComplete: s.on_complete(ctx, static_cast<std::uint32_t>(e.payload)); break;
    case kJoin: s.on_join(ctx, e.source - pop.offset(kProvider)); break;
    case kLeave: s.on_leave(ctx, e.source - pop.offset(kProvider)); break;
    case kOutage: s.on_outage(ctx, e.source - pop.offset(kProvider), static_cast<sim::Time>(e.payload)); break;
    case kVest: s.on_vest(ctx, e.t); break;
    case kRelease: s.on_release(ctx, static_cast<std::uint32_t>(e.payload)); break;
    case kPropose: s.on_propose(ctx, e.payload); break;
    case kSnapshot: s.on_snapshot(ctx, e.payload); break;
    case kVoteStart: s.on_vote_start(ctx, e.payload); break;
    case kVote: s.on_vote(ctx, e); break;
    case kVoteEnd: s.on_vote_end(ctx, e.payload); break;
    case kExecute: s.on_execute(ctx, e.payload); break;
    case kAirdrop: s.on_airdrop(ctx, e.payload); break;
    case kAirdropEnd: s.on_airdrop_end(e.payload); break;
    case kQfStart: s.on_qf_start(ctx, e.payload); break;
    case kDonation: s.on_donation(ctx, e); break;
    case kQfEnd: s.on_qf_end(e.payload); break;
    case kRequest: s.on_request(ctx, e.payload); break;
    case kStake: s.on_stake(ctx, e); break;
    case kPollStart: s.on_poll_start(ctx, e.payload); break;
    case kPollVote: s.on_poll_vote(ctx, e); break;
    case kPollEnd: s.on_poll_end(ctx, e.payload); break;
    default: Model::on_global_event(ctx, e);
  }
}

sim::Observer& ComputeNetwork::observer() { return *s_; }
const std::vector<ComputeSample>& ComputeNetwork::samples() const noexcept { return s_->samples; }
const Ledger& ComputeNetwork::ledger() const noexcept { return s_->ledger; }
const sim::Table<ProviderColumns>& ComputeNetwork::providers() const noexcept { return s_->prov; }
const sim::Table<ContributorColumns>& ComputeNetwork::contributors() const noexcept { return s_->contrib; }
const JobCost& ComputeNetwork::unit_cost(std::size_t job_class, std::size_t gpu) const { return s_->unit.at(job_class).at(gpu); }
std::vector<ProposalRecord> ComputeNetwork::proposals() const { return s_->records; }
std::vector<AirdropRecord> ComputeNetwork::airdrops() const { return s_->drops; }
std::vector<QfRecord> ComputeNetwork::qf_rounds() const { return s_->qfs; }
std::vector<Transition> ComputeNetwork::transitions() const {
  if (!s_->gov) return {};
  s_->gov->observe(s_->gov->clock());  // time-driven changes already due
  return s_->gov->history();
}

std::vector<ConvictionRecord> ComputeNetwork::conviction_requests() const {
  const State& s = *s_;
  std::vector<ConvictionRecord> out = s.conv_records;
  for (std::size_t k = 0; k < out.size(); ++k) {  // requests still open: as at the last block checked
    if (s.req_ids[k] != 0 && out[k].executed < 0) s.fill_record(out[k], s.req_ids[k], std::max(s.conv_clock, out[k].submitted));
  }
  return out;
}
const std::vector<ConvictionSample>& ComputeNetwork::conviction_history() const noexcept { return s_->conv_history; }
std::vector<PollRecord> ComputeNetwork::polls() const { return s_->poll_records; }

std::string_view name(Beneficiary b) noexcept {
  switch (b) {
    case Beneficiary::Contributors: return "contributors";
    case Beneficiary::Creators: return "creators";
    case Beneficiary::Sybil: return "sybil";
    case Beneficiary::Burn: return "burn";
  }
  return "?";
}

std::string_view name(PollType t) noexcept {
  switch (t) {
    case PollType::SingleChoice: return "single_choice";
    case PollType::Approval: return "approval";
    case PollType::Weighted: return "weighted";
    case PollType::Quadratic: return "quadratic";
    case PollType::RankedChoice: return "ranked_choice";
  }
  return "?";
}

std::uint64_t encode_poll_ballot(PollType type, std::span<const double> value, double approval_bar) {
  const std::size_t n = value.size();
  if (n == 0 || n > 8) throw ConfigError(fmt::format("poll ballot: expected 1 to 8 choices, found {}", n));
  for (std::size_t c = 0; c < n; ++c) {
    if (!std::isfinite(value[c])) throw ConfigError(fmt::format("poll ballot: value of choice {} is not finite", c));
  }
  std::size_t best = 0;
  for (std::size_t c = 1; c < n; ++c) {
    if (value[c] > value[best]) best = c;
  }
  std::uint64_t code = 0;
  switch (type) {
    case PollType::SingleChoice: return best;
    case PollType::Approval:
      for (std::size_t c = 0; c < n; ++c) code |= value[c] > approval_bar ? std::uint64_t{1} << c : 0;
      return code;
    case PollType::Weighted:
    case PollType::Quadratic:
      for (std::size_t c = 0; c < n; ++c) {
        const auto w = static_cast<std::uint64_t>(std::lround(15.0 * std::exp(value[c] - value[best])));
        code |= std::min<std::uint64_t>(w, 15) << (4 * c);
      }
      return code;
    case PollType::RankedChoice: {
      std::array<std::size_t, 8> order{};
      for (std::size_t c = 0; c < n; ++c) order[c] = c;
      std::stable_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n),
                       [&](std::size_t a, std::size_t b) { return value[a] > value[b]; });
      for (std::size_t k = 0; k < n; ++k) code |= static_cast<std::uint64_t>(order[k]) << (4 * k);
      return code;
    }
  }
  return code;
}

PollResult tally_poll(PollType type, std::size_t choices, std::span<const PollVote> votes) {
  if (choices == 0 || choices > 8) throw ConfigError(fmt::format("poll: expected 1 to 8 choices, found {}", choices));
  const auto nibble = [](std::uint64_t code, std::size_t k) { return static_cast<std::size_t>((code >> (4 * k)) & 15); };
  PollResult r;
  switch (type) {
    case PollType::SingleChoice: {
      std::vector<SingleChoiceBallot> b;
      for (const PollVote& v : votes) b.push_back({v.power, static_cast<std::size_t>(v.ballot)});
      const VoteResult x = single_choice(choices, b);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::Approval: {
      std::vector<ApprovalBallot> b;
      for (const PollVote& v : votes) {
        if (v.ballot >> choices != 0) {
          throw ConfigError(fmt::format("poll: approval ballot {:#x} names a choice beyond {}", v.ballot, choices));
        }
        ApprovalBallot a{v.power, {}};
        for (std::size_t c = 0; c < choices; ++c) {
          if ((v.ballot >> c & 1) != 0) a.choices.push_back(c);
        }
        b.push_back(std::move(a));
      }
      const VoteResult x = approval(choices, b);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::Weighted:
    case PollType::Quadratic: {
      std::vector<WeightedBallot> b;
      for (const PollVote& v : votes) {
        WeightedBallot w{v.power, std::vector<double>(choices)};
        for (std::size_t c = 0; c < choices; ++c) w.weights[c] = static_cast<double>(nibble(v.ballot, c));
        b.push_back(std::move(w));
      }
      const VoteResult x = type == PollType::Weighted ? weighted(choices, b) : quadratic(choices, b);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::RankedChoice: {
      std::vector<RankedBallot> b;
      for (const PollVote& v : votes) {
        RankedBallot rb{v.power, std::vector<std::size_t>(choices)};
        for (std::size_t k = 0; k < choices; ++k) rb.ranking[k] = nibble(v.ballot, k);
        b.push_back(std::move(rb));
      }
      const RankedChoiceResult x = ranked_choice(choices, b);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
  }
  double top = 0;
  for (std::size_t c = 0; c < choices; ++c) {
    if (r.scores[c] > top) {
      top = r.scores[c];
      r.winner = static_cast<std::int64_t>(c);
    }
  }
  return r;
}

void ComputeNetwork::measure_gini() {
  if (!s_->samples.empty() && std::isnan(s_->samples.back().gini)) s_->measure(s_->samples.back().t + s_->cfg.window);
}

std::string ComputeNetwork::digest(const sim::Engine& engine) const {
  const State& s = *s_;
  sim::Digest d;
  d.add(s.prov.balance.span());
  d.add(s.contrib.balance.span());
  d.add(s.contrib.claimed.span());
  for (std::size_t a = 0; a < s.ledger.accounts(); ++a) d.add(static_cast<std::uint64_t>(s.ledger.balance(static_cast<AccountId>(a)).raw()));
  d.add(static_cast<std::uint64_t>(s.ledger.minted().raw()));
  for (const ComputeSample& x : s.samples) {
    std::uint64_t bits;
    std::memcpy(&bits, &x.price, sizeof bits);
    d.add(bits);
    d.add(x.submitted);
    d.add(x.completed);
    d.add(x.dropped);
    d.add(x.providers_active);
  }
  engine.digest(d);
  return d.hex();
}

}  // namespace toksim::models
