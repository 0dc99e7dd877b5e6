// Running a scenario in steps and recording its metrics (see simulation.hpp). Each economy plugs in through
// an Economy adapter: its model, its samples as metric rows, its agent columns and its unlocks.
#include "toksim/models/scenario/simulation.hpp"

#include <algorithm>

#include "toksim/models/scenario/economy.hpp"
#include "toksim/models/scenario/registry.hpp"

namespace toksim::models {

struct Simulation::Impl {
  Impl(const Scenario& s, std::uint32_t threads)
      : scenario(s),
        economy(make(scenario)),
        engine(economy->model(), economy->population(),
               {.seed = s.seed, .shards = s.shards, .threads = threads, .window = s.window}),
        record(scenario_metrics(scenario)) {
    engine.add_observer(economy->observer());
    gini = static_cast<std::size_t>(record.find("gini"));
    // Every sample's room up front: the columns never move, so views of them (Python's NumPy arrays) stay valid.
    record.reserve(static_cast<std::size_t>(s.horizon / std::max<sim::Time>(s.sample_every, 1)) + 1);
  }

  static std::unique_ptr<Economy> make(const Scenario& s) { return models::economy(s.model).make(s); }

  Scenario scenario;
  std::unique_ptr<Economy> economy;
  sim::Engine engine;
  MetricRecord record;
  std::size_t consumed = 0;  ///< model samples looked at
  std::size_t gini = 0;
  bool finished = false;
  std::vector<std::int64_t> ints;
  std::vector<double> reals;

  /// Records the model's new samples that fall due.
  std::size_t collect() {
    std::size_t added = 0;
    sim::Time t = 0;
    for (; consumed < economy->produced(); ++consumed) {
      if (!economy->row(consumed, t, ints, reals)) continue;
      record.append(t, ints, reals);
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
  if (end >= p.scenario.horizon) p.economy->measure_gini();  // "Gini at the end" is always measured
  const std::size_t added = p.collect();
  if (end >= p.scenario.horizon) p.finished = true;
  return added;
}

std::uint64_t Simulation::events() const noexcept { return p_->engine.events_processed(); }
std::uint32_t Simulation::threads() const noexcept { return p_->engine.threads(); }
std::string Simulation::digest() const { return p_->economy->digest(p_->engine); }
std::vector<std::pair<std::string, std::uint64_t>> Simulation::kinds() const { return p_->economy->kinds(); }
std::vector<MetricInfo> Simulation::agent_columns() const { return p_->economy->agent_columns(); }
void Simulation::agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                              std::vector<double>& reals) const {
  p_->economy->agent_column(kind, column, ints, reals);
}
std::vector<Simulation::AgentArray> Simulation::agent_arrays(std::string_view kind) const {
  for (const auto& [name, rows] : p_->economy->kinds()) {
    if (name == kind) return p_->economy->agent_arrays(kind);
  }
  std::string known;
  for (const auto& [name, rows] : p_->economy->kinds()) known += (known.empty() ? "" : ", ") + name;
  throw ConfigError("agent kind: expected one of " + known + ", got \"" + std::string(kind) + "\"");
}
std::vector<Simulation::Unlock> Simulation::unlocks() const { return p_->economy->unlocks(p_->scenario.horizon); }
std::vector<Simulation::EventTable> Simulation::event_tables() const { return p_->economy->event_tables(); }

}  // namespace toksim::models