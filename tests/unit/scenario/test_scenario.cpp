// Pins the scenario schema and runs: the embedded default and every example under scenarios/examples/ read
// without a problem; keys land in the model's configuration exactly (shares as ppm, tokens as base units);
// the cross-field rules (shares sum to 1, whole windows, the memory estimate); the schema listing; and a
// Simulation that records its samples, measures the Gini at the end, and gives the same digest for 1 and 2
// threads. Leaves out the CLI and HDF5 (tests/cli).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "toksim/models/scenario/scenario.hpp"
#include "toksim/models/scenario/simulation.hpp"

using namespace toksim;
using namespace toksim::models;

namespace {
std::string message_of(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  try {
    parse_scenario(yaml, "s.yaml", sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("scenario: the embedded default and the examples are valid", "[scenario]") {
  const Scenario d = load_scenario("");
  CHECK(d.name == "default");
  CHECK(d.file == "<embedded default>");
  CHECK(d.model == "compute_network");
  CHECK(d.compute.providers.size() == 4);
  CHECK(d.compute.gpu_names == std::vector<std::string>{"h100_sxm", "a100_80gb_sxm", "l40s", "rtx_4090"});
  CHECK(d.effective_yaml.find("horizon") != std::string::npos);
  for (const char* f : {"token_launch.yaml", "vc_cliff_crash.yaml", "emission_comparison.yaml"}) {
    INFO(f);
    const Scenario s = load_scenario(std::filesystem::path(TOKSIM_SOURCE_DIR) / "scenarios/examples" / f);
    CHECK(!s.invariants.empty());
    CHECK(!s.description.empty());
  }
}

TEST_CASE("scenario: keys land in the configuration exactly", "[scenario]") {
  const Scenario s = parse_scenario(
      "seed: 9\n"
      "run: {horizon: 90d, shards: 3}\n"
      "token:\n"
      "  total_supply: 2.5e9\n"
      "  initial_price: 0.012345\n"
      "  allocations:\n"
      "    team: {share: 10%, cliff: 3mo, months: 6}\n"
      "    investors: {share: 0.1}\n"
      "    community: {share: 0.5}\n"
      "    liquidity: {share: 0.1}\n"
      "    treasury: {share: 0.2}\n"
      "emission: {schedule: linear, period: 2y}\n"
      "agents: {holders: {count: 1_000}}\n"
      "market: {demand: {shocks: [{at: 30d, factor: 0.5}]}}\n",
      "s.yaml", {"gas.enabled=false"});
  CHECK(s.seed == 9);
  CHECK(s.horizon == 90 * sim::kDay);
  CHECK(s.shards == 3);
  CHECK(s.launch.total_supply == Tokens::whole(2'500'000'000));
  CHECK(s.launch.initial_price == MicroUsd(12'345));
  CHECK(s.launch.team_share == Ppm(100'000));
  CHECK(s.launch.team_cliff == 90 * sim::kDay);
  CHECK(s.launch.team_steps == 6);
  CHECK(s.launch.emission_curve == EmissionCurve::Linear);
  CHECK(s.launch.emission_period == 2 * sim::kYear);
  CHECK(s.launch.holders == 1000);
  REQUIRE(s.launch.shocks.size() == 1);
  CHECK(s.launch.shocks[0].duration == 30 * sim::kDay);
  CHECK_FALSE(s.launch.gas);
}

TEST_CASE("scenario: rules across keys", "[scenario]") {
  CHECK(message_of("token: {allocations: {team: {share: 0.3}}}\n") ==
        "s.yaml:1:22: token.allocations: expected shares that sum to 1, got 1.1 (team + investors + community + "
        "liquidity + treasury)");
  CHECK(message_of("run: {horizon: 36h}\n") ==
        "s.yaml:1:16: run.horizon: expected a horizon of a whole number of windows (1d), got 1d12h");
  CHECK(message_of("metrics: {every: 7d, gini_every: 30d}\nrun: {horizon: 70d}\n") ==
        "s.yaml:1:34: metrics.gini_every: expected a multiple of metrics.every (7d), got 30d");
  const std::string big = message_of("agents: {holders: {count: 4_000_000_000}}\n");
  CHECK(big.rfind("s.yaml:1:27: agents.holders.count: expected a run that fits this machine's memory", 0) == 0);
  CHECK(big.find("4000000160 agents x 100 B") != std::string::npos);
  const std::string long_run = message_of("run: {horizon: 100000y, window: 1m}\nmetrics: {gini_every: 1d}\n");
  CHECK(long_run.rfind("s.yaml:1:16: run.horizon: expected a run that fits this machine's memory", 0) == 0);
  CHECK(message_of("seed: 1\n", {"agents.holders.count=lots"}) ==
        "--set agents.holders.count: expected an integer in [1, 4000000000], got \"lots\"");
  CHECK(message_of("invariants: [{metric: prise, never_below: 1}]\n") ==
        "s.yaml:1:23: invariants[0].metric: expected one of price, supply, circulating, locked, staked, treasury, "
        "amm_tokens, amm_usd, sold, bought, demand, sellers, base_fee, gas_used, fees_burned, burned, deferred, gini, "
        "nakamoto, "
        "got \"prise\" (did you mean 'price'?)");
}

TEST_CASE("scenario: the schema lists every key with its default", "[scenario]") {
  const auto schema = scenario_schema();
  const auto find = [&](const std::string& p) {
    for (const auto& e : schema) {
      if (e.path == p) return e;
    }
    return SchemaEntry{};
  };
  CHECK(find("token.allocations.team.share").type == "share in [0, 1] (0.15 or 15%)");
  CHECK(find("run.horizon").default_value == "2y");
  CHECK(find("demand.classes[].model.params").doc == "parameters N");
  CHECK(find("payment.split.contributors").type == "share in [0, 1] (0.15 or 15%)");
  CHECK(find("emission.period").doc.find("half-life") != std::string::npos);
  CHECK(find("invariants[].max_drawdown").path.empty() == false);
  for (const auto& e : schema) {
    INFO(e.path);
    CHECK(!e.doc.empty());
  }
}

TEST_CASE("scenario: a simulation records its samples and does not depend on threads", "[scenario]") {
  const Scenario s = parse_scenario(
      "agents: {holders: {count: 2000}}\nmetrics: {every: 7d, gini_every: 28d}\n"
      "run: {horizon: 63d}\n",
      "s.yaml");
  Simulation one(s, 1), two(s, 2);
  while (!one.done()) one.advance(one.now() + 10 * sim::kDay);
  two.advance(sim::kNever);
  CHECK(two.done());
  CHECK(one.digest() == two.digest());
  const MetricRecord& m = one.metrics();
  REQUIRE(m.samples() == 9);  // windows ending at 7d, 14d, ..., 63d
  CHECK(m.time()[0] == 6 * sim::kDay);
  CHECK(m.time().back() == 62 * sim::kDay);
  const auto gini = m.reals(static_cast<std::size_t>(m.find("gini")));
  CHECK(std::isnan(gini[0]));
  CHECK_FALSE(std::isnan(gini[3]));      // the window ending at 28d
  CHECK_FALSE(std::isnan(gini.back()));  // measured at the end whatever the cadence
}

TEST_CASE("scenario: a compute network with a calibration file uses its efficiencies", "[scenario]") {
  const auto dir = std::filesystem::temp_directory_path() / ("toksim_cal_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cal.yaml")
      << "calibration:\n  rtx_4090:\n    eta_memory: {value: 0.5, source: toksim calibrate, "
         "measured: true, date: 2026-11-22, host: test}\n";
  std::ofstream(dir / "s.yaml") << "model: compute_network\nrun: {horizon: 10d}\ncalibration: [cal.yaml]\n"
                                   "providers: {groups: [{gpu: rtx_4090, count: 5}]}\n"
                                   "demand: {classes: [{name: chat, seq_in: 100, seq_out: 10}]}\n";
  const Scenario s = load_scenario(dir / "s.yaml");
  REQUIRE(s.compute.gpus.size() == 1);
  CHECK(s.compute.gpus[0].eta_memory == 0.5);
  std::ofstream(dir / "bad.yaml") << "calibration:\n  rtx_4909:\n    eta_memory: 0.5\n";
  std::ofstream(dir / "t.yaml") << "model: compute_network\nrun: {horizon: 10d}\ncalibration: [bad.yaml]\n"
                                   "providers: {groups: [{gpu: rtx_4090, count: 5}]}\n"
                                   "demand: {classes: [{name: chat, seq_in: 100, seq_out: 10}]}\n";
  try {
    load_scenario(dir / "t.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()).find(
              "bad.yaml:2:3: calibration.rtx_4909: expected a GPU of the catalog, got \"rtx_4909\" "
              "(did you mean 'rtx_4090'?)") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("scenario: the token launch's EIP-1559 parameters", "[scenario][eip1559]") {
  const char* const launch = "model: token_launch\n";
  CHECK(parse_scenario(launch, "s.yaml").launch.fee_market == Eip1559Params{2, 8});
  CHECK(parse_scenario(std::string(launch) + "gas: {fee_market: polygon-bhilai}\n", "s.yaml").launch.fee_market ==
        Eip1559Params{2, 64});
  // The two keys override the preset.
  CHECK(parse_scenario(std::string(launch) + "gas: {fee_market: polygon-delhi, elasticity_multiplier: 4}\n", "s.yaml")
            .launch.fee_market == Eip1559Params{4, 16});
  CHECK(parse_scenario(std::string(launch) + "gas: {base_fee_max_change_denominator: 250}\n", "s.yaml")
            .launch.fee_market == Eip1559Params{2, 250});
  CHECK(message_of(std::string(launch) + "gas: {fee_market: polygon}\n")
            .find("gas.fee_market: expected one of ethereum, polygon-pre-delhi, polygon-delhi, polygon-bhilai") !=
        std::string::npos);
  CHECK(message_of(std::string(launch) + "gas: {base_fee_max_change_denominator: 0}\n")
            .find("gas.base_fee_max_change_denominator: expected an integer >= 1, got 0") != std::string::npos);
  CHECK(message_of(std::string(launch) + "gas: {limit: 3, elasticity_multiplier: 4}\n") ==
        "s.yaml:2:14: gas.limit: expected at least gas.elasticity_multiplier (4): the gas target is limit // it");
  const auto schema = scenario_schema();
  bool listed = false;
  for (const auto& e : schema) listed = listed || (e.path == "gas.fee_market" && e.default_value == "ethereum");
  CHECK(listed);
}
