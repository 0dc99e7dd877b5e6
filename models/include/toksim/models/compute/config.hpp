// A compute network's configuration: the token and its allocations, rewards, payment and the revenue split, GPU
// types and provider groups, job classes and demand, data contributors, governance and what is sampled.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "toksim/models/compute/governance_config.hpp"
#include "toksim/models/compute/gpu_cost.hpp"
#include "toksim/models/markets/demand.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/models/supply/issuance.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// A kind of job: its shape (model size, tokens, precision, GPUs), how often it comes and what it is worth.
struct JobClass {
  std::string name;
  JobSpec shape;                   ///< one run of the job's shape
  double repeats = 1;              ///< a size-1 job runs its shape this many times (a customer's batch of requests)
  double arrivals_per_day = 0;     ///< at genesis
  double size_sigma = 0.5;         ///< lognormal sigma of the size factor (mean 1); scales work, cost and budget
  double budget_usd = 1.0;         ///< what the user pays at most for a size-1 job
  sim::Time deadline = sim::kDay;  ///< from submission
  std::uint32_t model = 0;         ///< the AI model it uses (royalties)
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
  double margin = 0.3;  ///< ask = cost per GPU-hour at target utilisation x (1 + margin)
  double target_utilization = 0.6;
  double uptime = 0.98;            ///< long-run share of time available (outages are drawn daily)
  double active_at_genesis = 0.5;  ///< share of the group on the network at genesis
  double malicious = 0.0;          ///< share of the group returning bad results now and then
};

struct ComputeNetworkConfig {
  sim::Time window = sim::kHour;

  // ---- token ----
  Tokens total_supply = Tokens::whole(1'000'000'000);
  Ppm rewards_share = Ppm(300'000);  ///< provider rewards, released by `rewards_curve`
  Ppm treasury_share = Ppm(200'000);
  Ppm liquidity_share = Ppm(50'000);  ///< seeds the AMM at the initial price
  Ppm insiders_share = Ppm(250'000);  ///< team and investors, vested monthly after a cliff, sold in part
  Ppm float_share = Ppm(200'000);     ///< held by the market (exogenous holders) at genesis
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
  Tokens stake_per_gpu = Tokens::whole(200);   ///< io.net: 200 IO per GPU (x multiplier)
  sim::Time stake_unbonding = 14 * sim::kDay;  ///< a leaving provider's stake comes back after this (io.net: 14 days)
  sim::Time decide_every = sim::kDay;
  double profit_memory_days = 14;  ///< EMA time constant of daily USD profit
  double leave_below = -0.5;       ///< leave when the EMA of daily profit per GPU falls below this (USD)
  double join_above =
      0.5;  ///< an off-network provider joins when the market's revenue per GPU-day exceeds its cost by this
  double provider_sell = 0.5;     ///< share of each day's earnings a provider sells at least (more to cover costs)
  double join_probability = 0.2;  ///< ... with this chance at each decision (inertia: not every provider moves at once)
  double verification_rate = 0.1;
  double bad_result_rate = 0.2;  ///< of a malicious provider's jobs
  Ppm slash = Ppm(100'000);      ///< of the stake, per caught result

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
  double weight_sigma = 1.0;  ///< lognormal sigma of dataset size
  double quality_alpha = 5, quality_beta = 2;
  sim::Time claim_every = 30 * sim::kDay;
  double contributor_sell = 0.5;  ///< share of each royalty claim sold

  GovernanceConfig governance;
  sim::Time sample_every = sim::kDay;  ///< a ComputeSample aggregates the windows of this period
  sim::Time gini_every = 30 * sim::kDay;
};

/// The parameters governance can change while the network runs (ParameterChange): they start as configured and
/// move only when a proposal executes or an executed poll closes. The configuration itself never changes.
struct LiveParams {
  Ppm split_provider, split_creator, split_contributors, split_treasury, split_burn;
  double verification_rate = 0;
  Tokens stake_per_gpu{0};
  std::int64_t emission_scale = 1'000'000;  ///< ppm of the rewards curve's per-window emission

  /// The revenue split in RevenueSplit order: provider, creator, contributors, treasury, burn.
  std::array<Ppm, 5> split() const noexcept {
    return {split_provider, split_creator, split_contributors, split_treasury, split_burn};
  }
  /// The configured values.
  static LiveParams from(const ComputeNetworkConfig& c) noexcept {
    return {c.split_provider, c.split_creator,     c.split_contributors, c.split_treasury,
            c.split_burn,     c.verification_rate, c.stake_per_gpu,      c.emission_scale};
  }
  /// Applies the parameters a change sets (grants are not parameters: the network pays them).
  void apply(const ParameterChange& g) noexcept {
    if (g.split) {
      split_provider = (*g.split)[0];
      split_creator = (*g.split)[1];
      split_contributors = (*g.split)[2];
      split_treasury = (*g.split)[3];
      split_burn = (*g.split)[4];
    }
    if (g.verification_rate) verification_rate = *g.verification_rate;
    if (g.stake_per_gpu) stake_per_gpu = *g.stake_per_gpu;
    if (g.emission_scale) emission_scale = *g.emission_scale;
  }
};

}  // namespace toksim::models
