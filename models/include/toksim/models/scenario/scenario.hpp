// A validated scenario: everything a run needs (the model's configuration, seed, horizon, shards, what to
// record, the economic invariants and the baseline comparison), read from YAML through the one schema.
// The embedded default scenario (scenarios/default.yaml, compiled in) is what `toksim run` runs without a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "toksim/models/compute/config.hpp"
#include "toksim/models/launch/token_launch.hpp"
#include "toksim/models/scenario/document.hpp"
#include "toksim/models/scenario/invariant.hpp"
#include "toksim/models/scenario/metric.hpp"
#include "toksim/models/scenario/reader.hpp"

namespace toksim::models {

/// Which metrics `toksim check` compares with a stored baseline, at which times, within which tolerance.
struct BaselineSpec {
  std::vector<std::string> metrics;
  std::vector<sim::Time> at;    ///< kNever: the end
  double rel_tolerance = 1e-9;  ///< |a - b| <= abs + rel * |b|
  double abs_tolerance = 0.0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;  ///< documented default when the scenario has none; written into every output
  sim::Time horizon = 0;
  std::uint32_t shards = 8;      ///< fixed by the scenario, never by the machine: results do not depend on threads
  std::string model;             ///< the economy: a name in the registry (registry.hpp)
  sim::Time window = sim::kDay;  ///< one block: the engine's lookahead and the economy's clearing period
  sim::Time gini_every = 30 * sim::kDay;  ///< the holdings Gini (and a recount of balances) this often
  TokenLaunchConfig launch;               ///< model token_launch (window and gini_every copied from above)
  ComputeNetworkConfig compute;           ///< model compute_network (window, gini_every and sample_every copied)
  sim::Time sample_every = sim::kDay;     ///< metrics are recorded at the end of every such period
  sim::Time snapshot_every = 0;           ///< 0: no agent snapshots
  std::vector<std::string> snapshot_kinds;
  std::vector<Invariant> invariants;
  BaselineSpec baseline;

  std::string file;                   ///< the scenario's name in messages (path, or "<embedded default>")
  std::string source_text;            ///< the main file's text, comments included
  std::string effective_yaml;         ///< extends merged, overrides applied
  std::uint64_t memory_estimate = 0;  ///< bytes
};

/// Reads and validates a document. @throws ScenarioError with every problem found.
Scenario read_scenario(const Document& doc);
/// Loads a file (or, for an empty path, the embedded default), applies `sets` ("key.path=value") and reads it.
/// @throws ScenarioError with every problem found (unreadable files, YAML, schema, memory estimate).
Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& sets = {});
/// The same from YAML text (Python's from_dict, tests).
Scenario parse_scenario(const std::string& text, const std::string& name, const std::vector<std::string>& sets = {});

/// The embedded default scenario's YAML text.
const std::string& default_scenario_yaml();
/// Every key of the schema with its type, default and meaning (read from the default scenario).
std::vector<SchemaEntry> scenario_schema();
/// The metrics a scenario records (name, type, unit), which depend on its model (and, for the compute network,
/// on the GPU types it uses).
std::vector<MetricInfo> scenario_metrics(const Scenario& s);
/// Agents of a scenario, all kinds together.
std::uint64_t scenario_agents(const Scenario& s);

/// Bytes of memory a run needs: per agent (model columns, engine state, queues; measured, bench/RESULTS.md),
/// per window (the model's window record) and per recorded sample, plus a fixed allowance.
std::uint64_t memory_estimate(std::uint64_t agents, std::uint64_t windows, std::uint64_t samples);
/// The memory this process may use: MemTotal, or a smaller cgroup limit.
std::uint64_t machine_memory();

}  // namespace toksim::models
