// toksim._core.mechanisms: the mechanism modules callable on their own, one submodule per area (amm, eip1559,
// vesting, issuance, staking, revenue_split, governor, voting, quadratic_funding, conviction, inequality),
// wrapped by the pure-Python package toksim.mechanisms. The areas are bound in mechanisms_*.cpp; this file makes
// the submodules, holds the NumPy helpers of mechanisms.hpp and binds the Gini coefficient.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "bind.hpp"
#include "mechanisms.hpp"
#include "toksim/models/money/inequality.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

py::array as_array(py::handle obj, const char* what) {
  py::array a = py::array::ensure(obj);
  if (!a) {
    throw py::type_error(std::string(what) + ": expected an array-like of numbers, found " +
                         py::str(py::type::handle_of(obj)).cast<std::string>());
  }
  return a;
}

void check_ndim(const py::array& a, const char* what, int ndim) {
  if (a.ndim() != ndim) {
    throw py::value_error(std::string(what) + ": expected a " + std::to_string(ndim) + "-D array, found " +
                          std::to_string(a.ndim()) + "-D");
  }
}

/// An empty array of `ndim` dimensions (an empty list is 1-D; [] for a 2-D argument means no rows).
template <class T>
py::array_t<T, py::array::c_style> empty(int ndim) {
  std::vector<py::ssize_t> shape(static_cast<std::size_t>(ndim), 0);
  return py::array_t<T, py::array::c_style>(shape);
}

}  // namespace

py::array_t<double, py::array::c_style> float_array(py::handle obj, const char* what, int ndim) {
  const py::array a = as_array(obj, what);
  if (a.size() == 0) return empty<double>(ndim);
  const char kind = a.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
    throw py::type_error(std::string(what) + ": expected real numbers, found an array of dtype " +
                         py::str(a.dtype()).cast<std::string>());
  }
  check_ndim(a, what, ndim);
  return py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
}

py::array_t<std::int64_t, py::array::c_style> int_array(py::handle obj, const char* what, int ndim) {
  const py::array a = as_array(obj, what);
  if (a.size() == 0) return empty<std::int64_t>(ndim);
  const char kind = a.dtype().kind();
  if (kind != 'i' && kind != 'u' && kind != 'b') {
    throw py::type_error(std::string(what) + ": expected integers, found an array of dtype " +
                         py::str(a.dtype()).cast<std::string>());
  }
  check_ndim(a, what, ndim);
  return py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
}

py::array_t<double> to_array(const std::vector<double>& v) {
  py::array_t<double> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

/// Sorts a copy of `values` (a list or a float / integer array) ascending and applies `measure` to it, with the
/// GIL released. Raises ConfigError (named `what`) for a negative or non-finite value.
template <class Measure>
double of_sorted(const ArrayLike& values, const std::string& what, Measure measure) {
  const std::string label = what + ": values";
  const py::array a = as_array(values.obj, label.c_str());
  const bool ints = a.size() > 0 && (a.dtype().kind() == 'i' || a.dtype().kind() == 'u');
  auto run = [&](auto data, std::size_t n) {
    using T = std::remove_const_t<std::remove_pointer_t<decltype(data)>>;
    std::vector<T> sorted(data, data + n);
    py::gil_scoped_release release;
    for (const T v : sorted) {
      if (!(v >= 0) || !std::isfinite(static_cast<double>(v))) {
        throw ConfigError(what + ": expected finite values >= 0, found " + std::to_string(v));
      }
    }
    std::sort(sorted.begin(), sorted.end());
    return measure(std::span<const T>(sorted));
  };
  if (ints) {
    const auto x = int_array(values.obj, label.c_str());
    return run(x.data(), static_cast<std::size_t>(x.size()));
  }
  const auto x = float_array(values.obj, label.c_str());
  return run(x.data(), static_cast<std::size_t>(x.size()));
}

void bind_inequality(py::module_& m) {
  m.def(
      "gini",
      [](const ArrayLike& values, const std::string& form) {
        models::GiniForm f = models::GiniForm::Population;
        if (form == "sample") {
          f = models::GiniForm::Sample;
        } else if (form != "population") {
          throw ConfigError("gini: expected form \"population\" or \"sample\", found \"" + form + "\"");
        }
        return of_sorted(values, "gini", [f](auto sorted) { return models::gini_of_sorted(sorted, f); });
      },
      py::arg("values"), py::arg("form") = "population",
      "The Gini coefficient of holdings. form \"population\" (the default): G = 2 sum(i x_i) / (n S) - (n + 1) / n "
      "over the values sorted ascending, i = 1..n (REFERENCES.md 'Inequality'; toksim's launch models report it per "
      "sample; pabutools' gini_coefficient): 0 for equal values, (n - 1) / n when one account holds everything. "
      "form \"sample\": the n / (n - 1) corrected G = sum((2i - n - 1) x_i) / ((n - 1) S) (photutils' gini, Lotz "
      "et al. 2004): 1 when one account holds everything, 0 for fewer than two values. Both 0 for no values or a "
      "zero sum.\n\n"
      "values: balances in any order and any unit (base units or whole tokens: G is scale-free), as a list or a "
      "1-D NumPy array of floats or integers (int64 is summed exactly in long double). Not modified.\n"
      "Raises ConfigError for a negative or non-finite value or an unknown form.");
  m.def(
      "nakamoto",
      [](const ArrayLike& values) {
        return static_cast<std::int64_t>(
            of_sorted(values, "nakamoto", [](auto sorted) { return models::nakamoto_of_sorted(sorted); }));
      },
      py::arg("values"),
      "The Nakamoto coefficient of holdings: the fewest holders whose combined holdings are more than half of the "
      "total (toksim's models report it per sample, with the Gini); 0 for no values or a zero sum.\n\n"
      "values: balances in any order and any unit, as a list or a 1-D NumPy array of floats or integers. "
      "Raises ConfigError for a negative or non-finite value.");
}

void bind_mechanisms(py::module_& m) {
  py::module_ mech = m.def_submodule(
      "mechanisms",
      "The mechanisms on their own: pure functions and small objects (use the toksim.mechanisms package). "
      "On-chain integer formulas take Python ints of any size up to 2**256 - 1 and compute exactly in uint256; "
      "the stateful objects keep int64 base units.");
  const auto area = [&mech](const char* name, const char* doc, void (*bind)(py::module_&)) {
    py::module_ sub = mech.def_submodule(name, doc);
    bind(sub);
  };
  area("amm", "Uniswap V2 constant-product pricing and pool (Uniswap/v2-core, v2-periphery)", &bind_amm);
  area("eip1559", "The EIP-1559 base fee and fee split (ethereum/EIPs EIPS/eip-1559.md)", &bind_eip1559);
  area("vesting", "OpenZeppelin VestingWallet / VestingWalletCliff and toksim's TGE + linear / stepped schedules",
       &bind_vesting);
  area("issuance",
       "Issuance schedules (fixed, linear, halving, exponential decay, geometric), Filecoin minting, burn-and-mint "
       "net emissions",
       &bind_issuance);
  area("filecoin",
       "Filecoin's reward actor in Q.128 fixed point, exact to the attoFIL (filecoin-project/specs-actors "
       "reward_logic.go, reward_state.go, util/math/expneg.go)",
       &bind_filecoin);
  area("staking", "A staking pool with an exact reward-per-share accumulator (Synthetix StakingRewards, MasterChef)",
       &bind_staking);
  area("revenue_split", "Revenue split in ppm shares, floors as OpenZeppelin PaymentSplitter, remainder to a sink",
       &bind_revenue_split);
  area("governor", "OpenZeppelin Governor 5.x with ERC20Votes checkpoints (OpenZeppelin/openzeppelin-contracts)",
       &bind_governor);
  area("voting", "Snapshot counting rules (snapshot-labs/snapshot.js), per-identity QV, token-weighted tally",
       &bind_voting);
  area("quadratic_funding", "Quadratic funding: standard with a matching cap, pairwise-bounded (Gitcoin)",
       &bind_quadratic_funding);
  area("conviction", "Conviction voting (1Hive conviction-voting-cadcad and ConvictionVoting.sol)", &bind_conviction);
  area("inequality", "Inequality of holdings: the Gini coefficient", &bind_inequality);
}

}  // namespace toksim::python
