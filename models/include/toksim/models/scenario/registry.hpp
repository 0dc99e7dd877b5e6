// The economies toksim can run, in one table: for each, the name a scenario gives as `model:`, how the schema reads
// its sections, its defaults, its agent kinds, the metrics it records and how its Simulation adapter is built.
// Adding an economy is one entry in registry.cpp (plus the economy, its schema reader and its adapter); nothing
// else branches on the model's name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/fwd.hpp"
#include "toksim/models/scenario/document.hpp"
#include "toksim/models/scenario/metric.hpp"
#include "toksim/models/scenario/reader.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

struct EconomyEntry {
  std::string_view name;            ///< the scenario's `model:` value
  std::string_view description;     ///< what it simulates, one line
  sim::Time window;                 ///< run.window's default
  sim::Time sample_every;           ///< metrics.every's default (0: one window)
  std::vector<std::string> kinds;   ///< agent kinds (output.snapshots.kinds)
  std::string_view population_key;  ///< the key that sizes the population (named when a run would not fit memory)
  /// Reads the economy's own sections of the document into the Scenario (after `run:`, before `metrics:`).
  void (*read)(Reader& r, Section& root, const Document& doc, Scenario& s);
  /// Its rules across fields, once the whole document was read without problems.
  void (*check)(Reader& r, const Document& doc, const Scenario& s);
  /// The metrics it records (name, type, unit), in the order its rows store them.
  std::vector<MetricInfo> (*metrics)(const Scenario& s);
  /// The metrics `toksim schema` documents (the per-GPU ones under the name "<gpu>").
  std::vector<MetricInfo> (*documented_metrics)();
  /// Agents of a scenario, all kinds together.
  std::uint64_t (*agents)(const Scenario& s);
  /// Builds its model and adapter for a Simulation.
  std::unique_ptr<Economy> (*make)(const Scenario& s);
  /// Documents that between them set every key of its schema, optional list items included (`toksim schema`).
  std::vector<Document> (*schema_documents)();
  /// The metrics `toksim run` summarises (first and last value, min and max), after the price.
  std::vector<std::string_view> summary;
};

/// Every economy, in the order `toksim schema` lists them.
const std::vector<EconomyEntry>& economies();
/// The economy named `name`. @throws ConfigError listing the known names.
const EconomyEntry& economy(std::string_view name);
/// The names, for messages and choices.
std::vector<std::string> economy_names();

}  // namespace toksim::models
