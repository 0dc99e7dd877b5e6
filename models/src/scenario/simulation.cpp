// Running a scenario in steps and recording its metrics (see simulation.hpp).
#include "toksim/models/scenario/simulation.hpp"

#include <cmath>

namespace toksim::models {

namespace {

constexpr double kBase = 1e-6;  // token base units (and micro-USD) -> tokens (USD)

}  // namespace

std::vector<MetricInfo> scenario_metrics() {
  return {
      {"price", false, "USD/token", 1.0, "AMM spot price after the window's clearing"},
      {"supply", true, "token", kBase, "minted - burned"},
      {"circulating", true, "token", kBase, "supply - vesting escrow - emission pool - treasury"},
      {"locked", true, "token", kBase, "vesting escrow + unclaimed emission"},
      {"staked", true, "token", kBase, "bonded stake (unbonding excluded)"},
      {"treasury", true, "token", kBase, "the DAO treasury"},
      {"amm_tokens", true, "token", kBase, "token reserve of the AMM pool"},
      {"amm_usd", true, "USD", kBase, "USD reserve of the AMM pool"},
      {"sold", true, "token", kBase, "tokens sold into the pool in the window (holders and insiders)"},
      {"bought", true, "token", kBase, "tokens bought out of the pool by exogenous demand in the window"},
      {"demand", true, "USD", kBase, "exogenous USD spent in the window"},
      {"sellers", true, "agents", 1.0, "agents that sold in the window"},
      {"base_fee", true, "token/gas", 1e-15, "EIP-1559 base fee for the next window (stored: nano base units per gas)"},
      {"gas_used", true, "gas", 1.0, "gas used by the window's actions"},
      {"fees_burned", true, "token", kBase, "base fees burned in the window"},
      {"burned", true, "token", kBase, "tokens burned since genesis"},
      {"deferred", true, "actions", 1.0, "actions skipped because their fee was too large a share of what they moved"},
      {"gini", false, "", 1.0, "Gini of all agents' balances; NaN where not measured (every metrics.gini_every, and at the end)"},
  };
}

namespace {

void sample_row(const LaunchSample& x, std::vector<std::int64_t>& ints, std::vector<double>& reals) {
  ints = {x.supply.raw(),
          x.circulating.raw(),
          x.locked.raw(),
          x.staked.raw(),
          x.treasury.raw(),
          x.amm_tokens.raw(),
          x.amm_usd.raw(),
          x.sold.raw(),
          x.bought.raw(),
          x.demand.raw(),
          static_cast<std::int64_t>(x.sellers),
          static_cast<std::int64_t>(x.base_fee),
          static_cast<std::int64_t>(x.gas_used),
          x.fees_burned.raw(),
          x.burned.raw(),
          static_cast<std::int64_t>(x.deferred)};
  reals = {x.price * kBase, x.gini};
}

}  // namespace

struct Simulation::Impl {
  Impl(const Scenario& s, std::uint32_t threads)
      : scenario(s),
        model(s.launch, s.shards),
        engine(model, model.population(),
               {.seed = s.seed, .shards = s.shards, .threads = threads, .window = s.launch.window}),
        record(scenario_metrics()) {
    engine.add_observer(model.observer());
    gini = static_cast<std::size_t>(record.find("gini"));
  }

  Scenario scenario;
  TokenLaunch model;
  sim::Engine engine;
  MetricRecord record;
  std::size_t consumed = 0;  ///< model samples looked at
  std::size_t gini = 0;
  bool finished = false;
  std::vector<std::int64_t> ints;
  std::vector<double> reals;

  /// Records the model's new samples whose window ends a sampling period.
  std::size_t collect() {
    std::size_t added = 0;
    const auto& samples = model.samples();
    for (; consumed < samples.size(); ++consumed) {
      const LaunchSample& x = samples[consumed];
      if ((x.t + scenario.launch.window) % scenario.sample_every != 0) continue;
      sample_row(x, ints, reals);
      record.append(x.t, ints, reals);
      ++added;
    }
    return added;
  }
};

Simulation::Simulation(const Scenario& scenario, std::uint32_t threads)
    : p_(std::make_unique<Impl>(scenario, threads)) {}
Simulation::~Simulation() = default;

const Scenario& Simulation::scenario() const noexcept { return p_->scenario; }
const MetricRecord& Simulation::metrics() const noexcept { return p_->record; }
sim::Time Simulation::now() const noexcept { return p_->engine.now(); }
sim::Time Simulation::horizon() const noexcept { return p_->scenario.horizon; }
bool Simulation::done() const noexcept { return p_->finished; }

std::size_t Simulation::advance(sim::Time until) {
  Impl& p = *p_;
  if (p.finished) return 0;
  const sim::Time end = std::min(until, p.scenario.horizon);
  p.engine.run_until(end);
  std::size_t added = p.collect();
  if (end >= p.scenario.horizon) {
    // The last sample gets a Gini whatever the cadence, so "Gini at the end" is always measured.
    p.model.measure_gini();
    const auto& samples = p.model.samples();
    if (!samples.empty() && p.record.samples() > 0 && p.record.time().back() == samples.back().t) {
      p.record.set_last_real(p.gini, samples.back().gini);
    }
    p.finished = true;
  }
  return added;
}

std::uint64_t Simulation::events() const noexcept { return p_->engine.events_processed(); }
std::uint32_t Simulation::threads() const noexcept { return p_->engine.threads(); }
std::string Simulation::digest() const { return p_->model.digest(p_->engine); }
const TokenLaunch& Simulation::model() const noexcept { return p_->model; }

std::vector<std::pair<std::string, std::uint64_t>> Simulation::kinds() const {
  const TokenLaunchConfig& c = p_->scenario.launch;
  return {{"team", c.team_members}, {"investor", c.investors}, {"holder", c.holders}};
}

}  // namespace toksim::models
