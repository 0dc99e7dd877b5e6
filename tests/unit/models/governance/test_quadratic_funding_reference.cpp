// Replays the test cases of two quadratic-funding libraries through toksim::models::standard_qf
// (tests/reference/{pluralistic.js,loremlabs-quadratic-funding}, see PROVENANCE.md there):
//  - gitcoinco/pluralistic.js src/test/linear.test.ts (linearQF, the subsidy form): the 7 tests' `matched` and
//    `matchedWithoutCap` per project and the distributed totals. Upstream is integer arithmetic (base units,
//    integer square roots, truncating division); toksim is double, so each amount must be within one base unit
//    and the distributed total within the test's maxDifference plus one unit. ignoreSaturation=false is
//    QfPoolRule::ScaleDownOnly, true is Normalize; matchingCapAmount is cap_share = cap / matchAmount.
//  - LoremLabs/quadratic-funding src/index.test.ts (calculateQf, the classic form): its 5 numeric cases exactly
//    (jest toEqual) with QfFormula::Classic, and its two numeric error cases as ConfigError.
// Left out: pluralistic.js's integer-square-root bookkeeping fields (sumOfSqrt, sumOfSqrtRemainder, capOverflow,
// contributionsCount) and calculateQf's input-shape errors (not expressible in the typed API).
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "toksim/models/governance/quadratic_funding.hpp"

using namespace toksim::models;

namespace {

const std::string kRef = TOKSIM_SOURCE_DIR "/tests/reference/";

}  // namespace

TEST_CASE("models::qf reference: pluralistic.js linearQF tests", "[models][qf][reference]") {
  const YAML::Node doc = YAML::LoadFile(kRef + "pluralistic.js/linear_test_cases.json");
  REQUIRE(doc["cases"].size() == 7);
  for (const auto& c : doc["cases"]) {
    INFO(c["test"].as<std::string>());
    const YAML::Node list = c["contributions"].IsSequence() ? c["contributions"] : doc["shared_contributions"];
    // aggregateContributions: per recipient (first-seen order), each contributor's summed amount.
    std::vector<std::string> names;
    std::map<std::string, std::map<std::string, double>> agg;
    for (const auto& x : list) {
      const auto p = x["recipient"].as<std::string>();
      if (agg.find(p) == agg.end()) names.push_back(p);
      agg[p][x["contributor"].as<std::string>()] += x["amount"].as<double>();
    }
    std::vector<std::vector<double>> rows;
    for (const auto& p : names) {
      std::vector<double> r;
      for (const auto& [who, amount] : agg[p]) r.push_back(amount);
      rows.push_back(r);
    }
    const auto pool = c["matchAmount"].as<double>();
    const YAML::Node& opts = c["options"];
    REQUIRE(opts["minimumAmount"].as<double>() == 0);
    const QfPoolRule rule = opts["ignoreSaturation"].as<bool>() ? QfPoolRule::Normalize : QfPoolRule::ScaleDownOnly;
    std::optional<double> cap;
    if (!opts["matchingCapAmount"].IsNull()) cap = opts["matchingCapAmount"].as<double>() / pool;
    const QfResult capped = standard_qf(rows, pool, cap, rule);
    const QfResult uncapped = standard_qf(rows, pool, std::nullopt, rule);
    REQUIRE(names.size() == c["expected"].size());
    double total = 0.0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      INFO(names[i]);
      const YAML::Node& e = c["expected"][names[i]];
      CHECK(std::abs(capped.match[i] - e["matched"].as<double>()) < 1.0);
      CHECK(std::abs(uncapped.match[i] - e["matchedWithoutCap"].as<double>()) < 1.0);
      total += capped.match[i];
    }
    if (c["expected_distributed"]) {
      const auto want = c["expected_distributed"]["amount"].as<double>();
      const auto slack = c["expected_distributed"]["maxDifference"].as<double>();
      CHECK(total > want - slack - 1.0);
      CHECK(total < want + 1.0);
    }
  }
}

TEST_CASE("models::qf reference: LoremLabs calculateQf tests (classic form)", "[models][qf][reference]") {
  const YAML::Node doc = YAML::LoadFile(kRef + "loremlabs-quadratic-funding/calculate_qf_cases.json");
  REQUIRE(doc["cases"].size() == 5);
  for (const auto& c : doc["cases"]) {
    INFO(c["test"].as<std::string>());
    const auto rows = c["projects"].as<std::vector<std::vector<double>>>();
    const QfResult r =
        standard_qf(rows, c["matchingAmount"].as<double>(), std::nullopt, QfPoolRule::Normalize, QfFormula::Classic);
    CHECK(r.match == c["expected"].as<std::vector<double>>());
  }
  for (const auto& c : doc["error_cases"]) {
    INFO(c["test"].as<std::string>());
    const auto rows = c["projects"].as<std::vector<std::vector<double>>>();
    CHECK_THROWS_AS(
        standard_qf(rows, c["matchingAmount"].as<double>(), std::nullopt, QfPoolRule::Normalize, QfFormula::Classic),
        toksim::ConfigError);
  }
}
