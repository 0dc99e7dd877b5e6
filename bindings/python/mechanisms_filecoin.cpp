// toksim._core.mechanisms.filecoin: Filecoin's reward actor in Q.128 fixed point (models/supply/filecoin_reward.hpp),
// with Python ints for every amount, power and Q.128 value (uint256 through the caster of mechanisms.hpp).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <limits>
#include <optional>
#include <string>

#include "mechanisms.hpp"
#include "toksim/models/supply/filecoin_reward.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

namespace fil = models::filecoin;

/// A BigInt result that is >= 0 by construction of the caller's arguments, as a uint256 for the caster.
uint256 non_negative(const fil::BigInt& v, const char* what) {
  if (v < 0) throw ModelError(std::string("filecoin: ") + what + " is negative: " + v.str());
  if (v > fil::BigInt(std::numeric_limits<uint256>::max())) {
    throw std::overflow_error(std::string("filecoin: ") + what + " leaves uint256: " + v.str());
  }
  return uint256(v);
}

const fil::Constants& or_mainnet(const std::optional<fil::Constants>& c) {
  static const fil::Constants mainnet = fil::Constants::mainnet();
  return c ? *c : mainnet;
}

}  // namespace

void bind_filecoin(py::module_& m) {
  const fil::RewardParams defaults;
  m.attr("PRECISION") = fil::kPrecision;
  m.attr("SIMPLE_TOTAL") = defaults.simple_total;
  m.attr("BASELINE_TOTAL") = defaults.baseline_total;
  m.attr("BASELINE_INITIAL_VALUE") = defaults.baseline_initial_value;

  py::class_<fil::Constants>(
      m, "Constants",
      "The three Q.128 constants of the reward rule: lam = floor(ln 2 * epoch_length / half_life * 2**128), "
      "exp_lam_sub_one = floor((e**lam - 1) * 2**128), baseline_exponent = floor(2**(epoch_length / "
      "baseline_doubling) * 2**128). Constants.mainnet() holds the literals of specs-actors reward_logic.go; "
      "Constants.derive() computes them for other time parameters.")
      .def(py::init([](const uint256& lam, const uint256& exp_lam_sub_one, const uint256& baseline_exponent) {
             return fil::Constants{lam, exp_lam_sub_one, baseline_exponent};
           }),
           py::arg("lam"), py::arg("exp_lam_sub_one"), py::arg("baseline_exponent"))
      .def_static("mainnet", &fil::Constants::mainnet,
                  "Mainnet's literals (30 s epochs, 6-year half-life, yearly doubling of the baseline).")
      .def_static("derive", &fil::Constants::derive, py::arg("epoch_length"), py::arg("half_life"),
                  py::arg("baseline_doubling"),
                  "The constants for epochs of epoch_length seconds, a minting half-life and a baseline doubling "
                  "time (seconds), computed with 64 guard bits; derive(30, 6 * 365 * 86400, 365 * 86400) == "
                  "mainnet(). Raises ConfigError unless 0 < epoch_length <= half_life, baseline_doubling.")
      .def_readonly("lam", &fil::Constants::lambda, "lambda in Q.128: the minting decay per epoch")
      .def_readonly("exp_lam_sub_one", &fil::Constants::exp_lam_sub_one, "e**lambda - 1 in Q.128")
      .def_readonly("baseline_exponent", &fil::Constants::baseline_exponent,
                    "the baseline's growth factor per epoch in Q.128")
      .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
      .def("__repr__", [](const fil::Constants& c) {
        return "Constants(lam=" + c.lambda.str() + ", exp_lam_sub_one=" + c.exp_lam_sub_one.str() +
               ", baseline_exponent=" + c.baseline_exponent.str() + ")";
      });

  m.def(
      "expneg",
      [](const uint256& x) { return non_negative(guarded([&] { return fil::expneg(fil::BigInt(x)); }), "expneg"); },
      py::arg("x"),
      "ExpNeg: e**-x for x >= 0, both in Q.128 (x / 2**128 is the real argument), as specs-actors "
      "actors/util/math/expneg.go computes it: a rational polynomial by Horner's rule, each product shifted right "
      "by 128 rounding down, the quotient rounded down. Accurate to 3.4e-30 on [0, 1.725) and 4.6e-15 on [0, 5) "
      "(the source's bounds).");
  m.def(
      "baseline_power_from_prev",
      [](const uint256& prev, const std::optional<fil::Constants>& c) {
        return guarded([&] { return fil::baseline_power_from_prev(prev, or_mainnet(c)); });
      },
      py::arg("prev"), py::arg("constants") = py::none(),
      "BaselinePowerFromPrev: floor(prev * baseline_exponent / 2**128), bytes.");
  m.def(
      "baseline_power_after",
      [](const uint256& start, std::int64_t epochs, const std::optional<fil::Constants>& c) {
        return guarded([&] { return fil::baseline_power_after(start, epochs, or_mainnet(c)); });
      },
      py::arg("start"), py::arg("epochs"), py::arg("constants") = py::none(),
      "`epochs` steps of baseline_power_from_prev from `start` (in C++; a year of 30 s epochs is 1,051,200 steps).");
  m.def(
      "init_baseline_power",
      [](const uint256& b0, const std::optional<fil::Constants>& c) {
        return guarded([&] { return fil::init_baseline_power(b0, or_mainnet(c)); });
      },
      py::arg("baseline_initial_value") = defaults.baseline_initial_value, py::arg("constants") = py::none(),
      "InitBaselinePower: the baseline of epoch -1, floor(floor(b0 * 2**256 / baseline_exponent) / 2**128), so "
      "that one step gives epoch 0's (b0 - 1 byte on mainnet).");
  m.def("compute_r_theta", guard(&fil::compute_r_theta), py::arg("effective_network_time"),
        py::arg("baseline_power_at_ent"), py::arg("cumsum_realized"), py::arg("cumsum_baseline"),
        "ComputeRTheta: the fractional effective network time theta in Q.128, effective_network_time * 2**128 - "
        "floor((cumsum_baseline - cumsum_realized) * 2**128 / baseline_power_at_ent); 0 when "
        "effective_network_time is 0. Raises ModelError for cumsum_realized > cumsum_baseline.");
  m.def(
      "compute_baseline_supply",
      [](const uint256& theta, const uint256& baseline_total, const std::optional<fil::Constants>& c) {
        return non_negative(guarded([&] { return fil::compute_baseline_supply(theta, baseline_total, or_mainnet(c)); }),
                            "the baseline supply");
      },
      py::arg("theta"), py::arg("baseline_total") = defaults.baseline_total, py::arg("constants") = py::none(),
      "computeBaselineSupply: baseline_total * (2**128 - expneg(floor(theta * lam / 2**128))), attoFIL in Q.128.");
  m.def(
      "compute_reward",
      [](std::int64_t epoch, const uint256& prev_theta, const uint256& curr_theta, const uint256& simple_total,
         const uint256& baseline_total, const std::optional<fil::Constants>& c) {
        return guarded([&] {
          return fil::compute_reward(epoch, prev_theta, curr_theta, simple_total, baseline_total, or_mainnet(c));
        });
      },
      py::arg("epoch"), py::arg("prev_theta"), py::arg("curr_theta"), py::arg("simple_total") = defaults.simple_total,
      py::arg("baseline_total") = defaults.baseline_total, py::arg("constants") = py::none(),
      "computeReward: the attoFIL minted at chain epoch `epoch` while theta moves from prev_theta to curr_theta "
      "(Q.128): floor((floor(simple_total * exp_lam_sub_one * expneg(epoch * lam) / 2**128) + "
      "baseline_supply(curr) - baseline_supply(prev)) / 2**128). Raises ModelError for epoch < 0 or curr_theta < "
      "prev_theta.");

  py::class_<fil::RewardState>(
      m, "RewardState",
      "The reward actor's state (specs-actors reward_state.go) and its per-epoch update, without payments and the "
      "smoothing filter. Constructing it is ConstructState(initial_realized_power): epoch 0 is computed at once "
      "(this_epoch_reward is epoch 0's reward, 36266264293777134739 attoFIL at zero power on mainnet). advance(power) "
      "is updateToNextEpochWithReward; null_round(power) is updateToNextEpoch. Amounts in attoFIL, powers in bytes, "
      "all Python ints. Raises ConfigError for a total >= 2**128 attoFIL (its Q.128 supply would leave uint256).")
      .def(py::init([](const uint256& power, const uint256& simple_total, const uint256& baseline_total,
                       const uint256& b0, const std::optional<fil::Constants>& c) {
             fil::RewardParams p;
             p.simple_total = simple_total;
             p.baseline_total = baseline_total;
             p.baseline_initial_value = b0;
             p.constants = or_mainnet(c);
             return guarded([&] { return fil::RewardState(power, p); });
           }),
           py::arg("initial_realized_power") = uint256(0), py::kw_only(),
           py::arg("simple_total") = defaults.simple_total, py::arg("baseline_total") = defaults.baseline_total,
           py::arg("baseline_initial_value") = defaults.baseline_initial_value, py::arg("constants") = py::none())
      .def("advance", guard(&fil::RewardState::advance), py::arg("realized_power"),
           "One epoch at the network's raw-byte power (bytes); returns the new this_epoch_reward (attoFIL).")
      .def("null_round", guard(&fil::RewardState::null_round), py::arg("realized_power"),
           "One null round: the epoch, the baseline and the cumulative sums move; the reward is not recomputed.")
      .def_property_readonly("epoch", &fil::RewardState::epoch)
      .def_property_readonly("this_epoch_reward", &fil::RewardState::this_epoch_reward, "attoFIL")
      .def_property_readonly("this_epoch_baseline_power", &fil::RewardState::this_epoch_baseline_power, "bytes")
      .def_property_readonly("cumsum_baseline", &fil::RewardState::cumsum_baseline, "byte-epochs")
      .def_property_readonly("cumsum_realized", &fil::RewardState::cumsum_realized, "byte-epochs")
      .def_property_readonly("effective_network_time", &fil::RewardState::effective_network_time,
                             "the ceiling of theta, epochs")
      .def_property_readonly("effective_baseline_power", &fil::RewardState::effective_baseline_power, "bytes")
      .def_property_readonly("theta", guard(&fil::RewardState::theta), "theta in Q.128")
      .def_property_readonly("rewards_sum", &fil::RewardState::rewards_sum,
                             "the sum of this_epoch_reward over every reward epoch, construction included (attoFIL)");
}

}  // namespace toksim::python
