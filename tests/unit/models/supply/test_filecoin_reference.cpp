// Filecoin's reward actor (supply/filecoin_reward.hpp) replayed against the reference implementation's own tests,
// read from tests/reference/specs-actors (PROVENANCE.md there names repository, path and commit of each file):
//   * TestExpFunction.golden: 256 rows of ExpNeg(x), x = 0 .. 5 in Q.128, exact;
//   * TestSimpleReward.golden: 512 rows of computeReward(epoch = 0, 5000, ..., 0, 0), exact attoFIL;
//   * TestBaselineReward.golden: 512 rows of computeReward(0, theta0, theta1) - computeReward(0, 0, 0), exact;
//   * reward_cases.json: TestConstructor (epoch-0 reward, baseline b0 - 1, the same reward at b0 and 2 b0),
//     TestComputeRTeta (0.5, 0.25, 15.25 as the reference compares them: converted to double, equal), and
//     TestBaselineRewardGrowth (a year of baseline steps from 7 start values within the reference's error bounds);
//   * the Q.128 constants: derived from the time parameters, equal to the reference's literals.
// Leaves out the actor's payments, penalties and smoothing filter (toksim models the minting, not the actor's
// bookkeeping; see docs/mechanisms.md) and the Python path (tests/python/test_reference_filecoin.py).
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "toksim/models/supply/filecoin_reward.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models::filecoin;
using toksim::ConfigError;
using toksim::ModelError;

namespace {

const std::string kDir = TOKSIM_SOURCE_DIR "/tests/reference/specs-actors/";

/// The rows of a golden CSV (header dropped), each split at the commas.
std::vector<std::vector<std::string>> golden_rows(const std::string& name) {
  std::ifstream in(kDir + name);
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // "x, y" or "t0, t1, y"
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

U256 u(const YAML::Node& n) { return U256(n.as<std::string>()); }

double q128_to_double(const U256& v) {
  return static_cast<double>(boost::multiprecision::cpp_bin_float_100(BigInt(v)) /
                             boost::multiprecision::cpp_bin_float_100(BigInt(1) << kPrecision));
}

}  // namespace

TEST_CASE("reference::filecoin: ExpNeg matches TestExpFunction.golden row for row", "[models][reference][filecoin]") {
  const auto rows = golden_rows("TestExpFunction.golden");
  REQUIRE(rows.size() == 256);
  for (const auto& r : rows) {
    REQUIRE(r.size() == 2);
    CHECK(expneg(BigInt(r[0])) == BigInt(r[1]));
  }
}

TEST_CASE("reference::filecoin: the simple reward matches TestSimpleReward.golden", "[models][reference][filecoin]") {
  const RewardParams p;
  const auto rows = golden_rows("TestSimpleReward.golden");
  REQUIRE(rows.size() == 512);
  for (const auto& r : rows) {
    REQUIRE(r.size() == 2);
    CHECK(compute_reward(std::stoll(r[0]), 0, 0, p.simple_total, p.baseline_total) == U256(r[1]));
  }
}

TEST_CASE("reference::filecoin: the baseline reward matches TestBaselineReward.golden",
          "[models][reference][filecoin]") {
  const RewardParams p;
  const U256 simple = compute_reward(0, 0, 0, p.simple_total, p.baseline_total);
  const auto rows = golden_rows("TestBaselineReward.golden");
  REQUIRE(rows.size() == 512);
  for (const auto& r : rows) {
    REQUIRE(r.size() == 3);
    CHECK(compute_reward(0, U256(r[0]), U256(r[1]), p.simple_total, p.baseline_total) - simple == U256(r[2]));
  }
}

TEST_CASE("reference::filecoin: the actor's construction, theta and baseline growth cases",
          "[models][reference][filecoin]") {
  const YAML::Node doc = YAML::LoadFile(kDir + "reward_cases.json");

  SECTION("TestConstructor") {
    const YAML::Node zero = doc["construct"][0];
    const RewardState st(u(zero["power"]));
    CHECK(st.epoch() == zero["epoch"].as<std::int64_t>());
    CHECK(st.cumsum_realized() == u(zero["cumsum_realized"]));
    CHECK(st.this_epoch_reward() == u(zero["this_epoch_reward"]));
    CHECK(st.this_epoch_reward() == u(doc["epoch_zero_reward"]));
    CHECK(st.this_epoch_baseline_power() == u(zero["this_epoch_baseline_power"]));
    CHECK(st.effective_baseline_power() == u(zero["effective_baseline_power"]));

    const YAML::Node less = doc["construct"][1];
    const RewardState below(u(less["power"]));
    CHECK(below.epoch() == less["epoch"].as<std::int64_t>());
    CHECK(below.cumsum_realized() == u(less["cumsum_realized"]));
    CHECK(below.this_epoch_reward() != u(less["this_epoch_reward_is_not"]));

    const YAML::Node same = doc["same_reward_at_or_above_baseline"];
    CHECK(RewardState(u(same[0])).this_epoch_reward() == RewardState(u(same[1])).this_epoch_reward());
  }

  SECTION("TestComputeRTeta") {
    for (const YAML::Node& c : doc["r_theta"]) {
      const U256 theta = compute_r_theta(c["effective_network_time"].as<std::int64_t>(), u(c["baseline_power"]),
                                         u(c["cumsum_realized"]), u(c["cumsum_baseline"]));
      CHECK(q128_to_double(theta) == c["theta"].as<double>());
    }
  }

  SECTION("TestBaselineRewardGrowth") {
    const auto year = doc["epochs_in_year"].as<std::int64_t>();
    for (const YAML::Node& c : doc["baseline_growth"]) {
      const U256 start = u(c["start"]);
      const U256 end = baseline_power_after(start, year);
      const U256 expected = start * 2;
      REQUIRE(end <= expected);
      const double err = static_cast<double>(boost::multiprecision::cpp_bin_float_100(BigInt(expected - end)) /
                                             boost::multiprecision::cpp_bin_float_100(BigInt(expected)));
      CHECK(err < c["error_bound"].as<double>());
    }
  }

  SECTION("TestSuccessiveKPIUpdates") {
    const YAML::Node k = doc["successive_kpi_updates"];
    RewardState st(u(k["power"]));
    for (const YAML::Node& e : k["epochs"]) {
      st.advance(u(k["power"]));
      CHECK(st.epoch() == e.as<std::int64_t>());
    }
  }

  SECTION("the Q.128 constants, derived from 30 s epochs, a 6-year half-life and yearly doubling") {
    const YAML::Node c = doc["constants"];
    const Constants lit{u(c["lambda"]), u(c["exp_lam_sub_one"]), u(c["baseline_exponent"])};
    CHECK(lit == Constants::mainnet());
    const auto year = toksim::sim::kYear;
    const Constants derived =
        Constants::derive(c["epoch_length_s"].as<std::int64_t>(), c["half_life_years"].as<std::int64_t>() * year,
                          c["doubling_years"].as<std::int64_t>() * year);
    CHECK(derived.lambda == lit.lambda);
    CHECK(derived.exp_lam_sub_one == lit.exp_lam_sub_one);
    CHECK(derived.baseline_exponent == lit.baseline_exponent);
  }
}

TEST_CASE("models::filecoin: the state machine's invariants and its refusals", "[models][filecoin]") {
  // At power at or above the baseline, theta tracks the epoch, one ahead: each epoch's capped power equals the
  // baseline step, and the baseline sum starts at 0 where epoch 0's realized power already counts.
  RewardState full(U256(1) << 80);
  U256 sum = full.this_epoch_reward();
  for (int e = 1; e <= 2'880; ++e) {
    sum += full.advance(U256(1) << 80);
    REQUIRE(full.epoch() == e);
  }
  CHECK(full.rewards_sum() == sum);
  CHECK(full.effective_network_time() == 2'881);
  CHECK(full.theta() > U256(2'880) << kPrecision);  // ceiling 2,881: theta in (2,880, 2,881]
  CHECK(full.theta() <= U256(2'881) << kPrecision);
  // With no power the baseline part pays nothing: each reward is the simple reward of its epoch alone.
  RewardState none(0);
  for (int e = 1; e <= 10; ++e) {
    const RewardParams p;
    CHECK(none.advance(0) == compute_reward(e, 0, 0, p.simple_total, p.baseline_total));
  }
  CHECK(none.theta() == 0);
  // A null round moves the epoch and the baseline without a new reward.
  const U256 before = none.this_epoch_reward();
  none.null_round(0);
  CHECK(none.epoch() == 11);
  CHECK(none.this_epoch_reward() == before);

  RewardParams big;
  big.simple_total = U256(1) << 128;
  CHECK_THROWS_AS(RewardState(0, big), ConfigError);
  big.simple_total = (U256(1) << 128) - 1;  // the largest accepted total
  CHECK(RewardState(0, big).this_epoch_reward() > 0);
  RewardParams no_b0;
  no_b0.baseline_initial_value = 0;
  CHECK_THROWS_AS(RewardState(0, no_b0), ConfigError);
  CHECK_THROWS_AS(compute_reward(-1, 0, 0, 1, 1), ModelError);
  CHECK_THROWS_AS(compute_reward(0, 2, 1, 1, 1), ModelError);
  CHECK_THROWS_AS(compute_r_theta(1, 4096, 6145, 6144), ModelError);
  CHECK_THROWS_AS(Constants::derive(0, 1, 1), ConfigError);
  CHECK_THROWS_AS(baseline_power_after(1, -1), ModelError);
}
