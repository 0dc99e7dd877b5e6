// The economies toksim can run (registry.hpp): one entry each. This is the only file that lists them.
#include "toksim/models/scenario/registry.hpp"

#include "economies.hpp"
#include "toksim/models/scenario/economy.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

const std::vector<EconomyEntry>& economies() {
  static const std::vector<EconomyEntry> all = {
      {.name = "token_launch",
       .description = "a token launch",
       .window = sim::kDay,
       .sample_every = 0,
       .kinds = {"team", "investor", "holder"},
       .population_key = "agents.holders.count",
       .read = &detail::read_launch,
       .check = &detail::check_launch,
       .metrics = &detail::launch_metrics,
       .documented_metrics = &detail::launch_documented_metrics,
       .agents = &detail::launch_agents,
       .make = &detail::make_launch,
       .schema_documents = &detail::launch_schema_documents,
       .summary = {"supply", "circulating", "treasury", "staked", "burned"}},
      {.name = "compute_network",
       .description = "an AI compute and data network",
       .window = sim::kHour,
       .sample_every = sim::kDay,
       .kinds = {"provider", "contributor"},
       .population_key = "data.contributors",
       .read = &detail::read_compute_network,
       .check = &detail::check_compute_network,
       .metrics = &detail::compute_metrics,
       .documented_metrics = &detail::compute_documented_metrics,
       .agents = &detail::compute_agents,
       .make = &detail::make_compute,
       .schema_documents = &detail::compute_schema_documents,
       .summary = {"supply", "circulating", "treasury", "providers_active", "utilization"}},
  };
  return all;
}

const EconomyEntry& economy(std::string_view name) {
  for (const EconomyEntry& e : economies()) {
    if (e.name == name) return e;
  }
  std::string known;
  for (const EconomyEntry& e : economies()) known += (known.empty() ? "" : ", ") + std::string(e.name);
  throw ConfigError("model: expected one of " + known + ", got \"" + std::string(name) + "\"");
}

std::vector<std::string> economy_names() {
  std::vector<std::string> names;
  for (const EconomyEntry& e : economies()) names.emplace_back(e.name);
  return names;
}

}  // namespace toksim::models
