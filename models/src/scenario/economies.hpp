// Private to models/src/scenario: what the registry (registry.cpp) knows of each economy. The schema readers and
// cross-field rules (launch_schema.cpp; compute_schema.cpp and compute_governance_schema.cpp), the metrics each
// records and its Simulation adapter (launch_economy.cpp, compute_economy.cpp); and the schema helpers they share.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "toksim/models/markets/eip1559.hpp"
#include "toksim/models/scenario/metric.hpp"
#include "toksim/models/scenario/reader.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace toksim::models {

class Economy;

namespace detail {

// ---- token_launch ----
void read_launch(Reader& r, Section& root, const Document& doc, Scenario& s);
void check_launch(Reader& r, const Document& doc, const Scenario& s);
std::vector<MetricInfo> launch_metrics(const Scenario& s);
std::unique_ptr<Economy> make_launch(const Scenario& s);
std::uint64_t launch_agents(const Scenario& s);
std::vector<MetricInfo> launch_documented_metrics();
std::vector<Document> launch_schema_documents();

// ---- compute_network ----
/// The compute network's sections (token, market, rewards, payment, gpus, providers, demand, data, governance).
void read_compute_network(Reader& r, Section& root, const Document& doc, Scenario& s);
/// Its `governance:` section.
void read_compute_governance(Reader& r, Section& root, ComputeNetworkConfig& c);
void check_compute_network(Reader& r, const Document& doc, const Scenario& s);
std::vector<MetricInfo> compute_metrics(const ComputeNetworkConfig& c);
std::vector<MetricInfo> compute_metrics(const Scenario& s);
std::unique_ptr<Economy> make_compute(const Scenario& s);
std::uint64_t compute_agents(const Scenario& s);
std::vector<MetricInfo> compute_documented_metrics();
std::vector<Document> compute_schema_documents();

// ---- shared by the schema readers ----
/// A `shocks:` list of a demand section: temporary multipliers of demand.
void read_shocks(Reader& r, Section& demand, std::vector<DemandShock>& out);
/// EIP-1559's parameters in a section: `fee_market` (a named preset, "ethereum" by default) and the
/// `elasticity_multiplier` and `base_fee_max_change_denominator` that override it (markets/eip1559.hpp).
Eip1559Params read_eip1559_params(Section& s);
/// The node at a dotted key path, or the deepest one that exists on the way (errors point there).
YAML::Node node_at(const Document& doc, std::string_view path);
/// An error at `key` unless `t` is a whole number of windows (0, and kNever, pass).
void whole_windows(Reader& r, const Document& doc, const Scenario& s, sim::Time t, const char* key,
                   const std::string& what);

}  // namespace detail
}  // namespace toksim::models
