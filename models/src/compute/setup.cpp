// Setting up the compute network: sizing from the configuration, genesis (accounts, mints, the pool, the first
// providers), agents' first draws.
#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

IssuanceSchedule ComputeNetwork::State::make_rewards(const ComputeNetworkConfig& c) {
  require(c.window > 0 && sim::kDay % c.window == 0, "the window must divide a day");
  require(c.rewards_period > 0 && c.rewards_period % c.window == 0, "the rewards period must be whole windows");
  return make_emission_schedule(c.rewards_curve, apply(c.total_supply, c.rewards_share), c.rewards_period, c.window);
}

ComputeNetwork::ComputeNetwork(const ComputeNetworkConfig& c, std::uint32_t shards)
    : s_(std::make_unique<State>(c, shards)) {
  validate(c);
  State& s = *s_;
  std::uint32_t rows = 0;
  for (const ProviderGroup& g : c.providers) rows += g.count;
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
    ctx.schedule(ctx.now() + 1 + static_cast<sim::Time>(ctx.rng().uniform() * static_cast<double>(s.cfg.decide_every)),
                 kDecide);
  } else {
    // A dataset: size ~ lognormal, quality ~ Beta; weight = size x quality, in integer units (>= 1). A Sybil
    // controller's fake dataset claims a large size at a low quality (Beta(1, 9)); a data quality check gives
    // datasets below its threshold no weight, missing some fakes.
    const bool fake = row >= s.cfg.contributors;
    const double size = ctx.rng().lognormal(0.0, s.cfg.weight_sigma) * (fake ? s.cfg.governance.sybil->fake_size : 1.0);
    const double quality = fake ? ctx.rng().beta(1.0, 9.0) : ctx.rng().beta(s.cfg.quality_alpha, s.cfg.quality_beta);
    const SybilDefences& d = s.cfg.governance.defences;
    const bool rejected =
        d.data_quality_check && quality < d.min_quality && !(fake && ctx.rng().bernoulli(d.quality_miss_rate));
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
  l.mint(s.market,
         apply(c.total_supply, c.float_share) + (apply(c.total_supply, c.insiders_share) - s.insiders.total()));
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
    const Tokens stake = std::min(s.live.stake_per_gpu * s.gpus_of(p), l.balance(s.market));
    l.move(s.market, s.stakes, stake);
    s.p_stake[p] = stake.raw();
    s.active_gpus += s.gpus_of(p);
    s.active_gpus_by_type[s.group_of(p).gpu] += s.gpus_of(p);
    s.make_available(p);
  }
  const GovernanceConfig& gc = c.governance;
  if (!gc.proposals.empty() || !gc.airdrops.empty() || !gc.qf_rounds.empty() || !gc.polls.empty() ||
      (gc.conviction && !gc.conviction->requests.empty())) {
    setup_governance(s, ctx);
  }
  ctx.schedule(kMarket, ctx.now(), kTick);
  const sim::Time first = s.insiders.next_release_time(ctx.now() - 1);
  if (first != sim::kNever) ctx.schedule(kMarket, first, kVest);
}

}  // namespace toksim::models
