// Private to models/src/scenario: the schema's parts for each economy, read into a Scenario by
// read_scenario (scenario.cpp), and the metrics each economy records.
#pragma once

#include "toksim/models/scenario/reader.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace toksim::models::detail {

/// A `shocks:` list of a demand section: temporary multipliers of demand.
void read_shocks(Reader& r, Section& demand, std::vector<DemandShock>& out);

/// The compute network's sections (token, rewards, payment, gpus, providers, demand, data).
void read_compute_network(Reader& r, Section& root, const Document& doc, Scenario& s);

/// The metrics each economy records, in the order they are stored.
std::vector<MetricInfo> launch_metrics();
std::vector<MetricInfo> compute_metrics(const ComputeNetworkConfig& c);

}  // namespace toksim::models::detail
