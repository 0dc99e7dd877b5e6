// The exact on-chain formulas in Python: Uniswap V2 (toksim._core.mechanisms.amm), EIP-1559 (.eip1559) and
// OpenZeppelin vesting (.vesting). The functions named as in Solidity take uint256 (Python ints up to
// 2**256 - 1) and run the models' own templates (amm.hpp get_amount_out_as, eip1559.hpp next_base_fee_as,
// vesting.hpp oz_vested_amount) on Boost's checked uint256; the *_int64 / *_uint64 functions are the
// instantiations toksim's simulations run, and the objects (ConstantProductPool, VestingSchedule, VestingWallet)
// keep int64 base units.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "mechanisms.hpp"
#include "toksim/models/markets/amm.hpp"
#include "toksim/models/markets/eip1559.hpp"
#include "toksim/models/supply/vesting.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

/// A plain int64 with the Amount<Tag> caster (OverflowError outside int64) for the *_int64 functions.
struct Int64Tag {};
using Int64 = models::Amount<Int64Tag>;

std::optional<sim::Time> never_to_none(sim::Time t) {
  if (t == sim::kNever) return std::nullopt;
  return t;
}

}  // namespace

void bind_amm(py::module_& m) {
  using models::ConstantProductPool;
  using models::LpShares;
  using models::MicroUsd;
  using models::Ppm;
  using models::Tokens;
  m.attr("MINIMUM_LIQUIDITY") = models::kMinimumLiquidity;
  m.attr("UNISWAP_V2_FEE_PPM") = models::kUniswapV2FeePpm;

  m.def(
      "get_amount_out",
      [](const uint256& amount_in, const uint256& reserve_in, const uint256& reserve_out, Ppm fee_ppm) {
        return guarded(
            [&] { return models::get_amount_out_as<uint256, uint256>(amount_in, reserve_in, reserve_out, fee_ppm); });
      },
      py::arg("amount_in"), py::arg("reserve_in"), py::arg("reserve_out"),
      py::arg("fee_ppm") = models::kUniswapV2FeePpm,
      "UniswapV2Library.getAmountOut (Uniswap/v2-periphery): the output of selling `amount_in`, in uint256 "
      "exactly as the contract: amountInWithFee = amount_in * 997; out = amountInWithFee * reserve_out // "
      "(reserve_in * 1000 + amountInWithFee) (floor). A general fee in ppm replaces 997/1000 by "
      "(1e6 - fee_ppm)/1e6 in lowest terms.\n\n"
      "Amounts in base units (wei for 18-decimal tokens), any Python int in [0, 2**256 - 1].\n"
      "Raises ConfigError 'INSUFFICIENT_INPUT_AMOUNT' (amount_in 0) or 'INSUFFICIENT_LIQUIDITY' (a reserve 0), "
      "or for fee_ppm outside [0, 999999]; OverflowError 'ds-math-mul-overflow' / 'ds-math-add-overflow' where "
      "the contract's SafeMath reverts, and for an argument outside uint256.");
  m.def(
      "get_amount_in",
      [](const uint256& amount_out, const uint256& reserve_in, const uint256& reserve_out, Ppm fee_ppm) {
        return guarded(
            [&] { return models::get_amount_in_as<uint256, uint256>(amount_out, reserve_in, reserve_out, fee_ppm); });
      },
      py::arg("amount_out"), py::arg("reserve_in"), py::arg("reserve_out"),
      py::arg("fee_ppm") = models::kUniswapV2FeePpm,
      "UniswapV2Library.getAmountIn (Uniswap/v2-periphery): the input that buys `amount_out`, in uint256: "
      "reserve_in * amount_out * 1000 // ((reserve_out - amount_out) * 997) + 1 (general fee: (1e6 - fee_ppm)/1e6 "
      "in lowest terms). Always buys at least amount_out; one base unit more than needed when the division is "
      "exact.\n\n"
      "Amounts in base units, any Python int in [0, 2**256 - 1].\n"
      "Raises ConfigError 'INSUFFICIENT_OUTPUT_AMOUNT' (amount_out 0) or 'INSUFFICIENT_LIQUIDITY' (a reserve 0, "
      "or amount_out >= reserve_out, where the contract underflows or divides by zero); OverflowError "
      "'ds-math-mul-overflow' / 'ds-math-add-overflow' where SafeMath reverts, and for an argument outside uint256.");
  m.def(
      "quote",
      [](const uint256& amount_a, const uint256& reserve_a, const uint256& reserve_b) {
        return guarded([&] { return models::quote_as<uint256, uint256>(amount_a, reserve_a, reserve_b); });
      },
      py::arg("amount_a"), py::arg("reserve_a"), py::arg("reserve_b"),
      "UniswapV2Library.quote: amount_a * reserve_b // reserve_a in uint256, the amount of the other asset "
      "worth amount_a at the pool's ratio (no fee).\n\n"
      "Amounts in base units, any Python int in [0, 2**256 - 1].\n"
      "Raises ConfigError 'INSUFFICIENT_AMOUNT' / 'INSUFFICIENT_LIQUIDITY' for a zero amount or reserve; "
      "OverflowError 'ds-math-mul-overflow' when amount_a * reserve_b exceeds 2**256 - 1.");

  m.def(
      "get_amount_out_int64",
      [](Int64 amount_in, Int64 reserve_in, Int64 reserve_out, Ppm fee_ppm) {
        return guarded(
            [&] { return models::get_amount_out(amount_in.raw(), reserve_in.raw(), reserve_out.raw(), fee_ppm); });
      },
      py::arg("amount_in"), py::arg("reserve_in"), py::arg("reserve_out"),
      py::arg("fee_ppm") = models::kUniswapV2FeePpm,
      "get_amount_out on int64 base units, the instantiation toksim's pools and launch models run (same template, "
      "same result wherever both apply).\n"
      "Raises ConfigError as get_amount_out (a negative amount too); OverflowError outside int64.");
  m.def(
      "get_amount_in_int64",
      [](Int64 amount_out, Int64 reserve_in, Int64 reserve_out, Ppm fee_ppm) {
        return guarded(
            [&] { return models::get_amount_in(amount_out.raw(), reserve_in.raw(), reserve_out.raw(), fee_ppm); });
      },
      py::arg("amount_out"), py::arg("reserve_in"), py::arg("reserve_out"),
      py::arg("fee_ppm") = models::kUniswapV2FeePpm,
      "get_amount_in on int64 base units (toksim's pools).\n"
      "Raises ConfigError as get_amount_in; OverflowError when an argument or the required input leaves int64.");
  m.def(
      "quote_int64",
      [](Int64 amount_a, Int64 reserve_a, Int64 reserve_b) {
        return guarded([&] { return models::quote(amount_a.raw(), reserve_a.raw(), reserve_b.raw()); });
      },
      py::arg("amount_a"), py::arg("reserve_a"), py::arg("reserve_b"),
      "quote on int64 base units (toksim's pools). Raises ConfigError as quote; OverflowError outside int64.");
  m.def(
      "k_invariant_holds",
      [](Int64 r0, Int64 r1, Int64 b0, Int64 b1, Int64 in0, Int64 in1, Ppm fee_ppm) {
        return models::k_invariant_holds(r0.raw(), r1.raw(), b0.raw(), b1.raw(), in0.raw(), in1.raw(), fee_ppm);
      },
      py::arg("r0"), py::arg("r1"), py::arg("b0"), py::arg("b1"), py::arg("in0"), py::arg("in1"),
      py::arg("fee_ppm") = models::kUniswapV2FeePpm,
      "The K check of UniswapV2Pair.swap in its general-fee form, exactly (256-bit products): "
      "(b0 * 1e6 - in0 * fee) * (b1 * 1e6 - in1 * fee) >= r0 * r1 * 1e12, with r the reserves before the swap, "
      "b the balances after it and in the inputs (int64 base units). False for negative values.");

  py::class_<ConstantProductPool>(
      m, "ConstantProductPool",
      "One Uniswap V2 pair (UniswapV2Pair.sol mint / burn / swap, UniswapV2Router02 amounts): asset 0 the token, "
      "asset 1 a stable in micro-USD, both in int64 base units (6 decimals). Every operation completes or raises "
      "and leaves the pool unchanged (a revert: ConfigError with the Uniswap reason). No protocol fee, no TWAP. "
      "LP share ownership is the caller's books: the pool keeps only the total supply.")
      .def(py::init([](Ppm fee_ppm) { return guarded([&] { return ConstantProductPool(fee_ppm); }); }),
           py::arg("fee_ppm") = models::kUniswapV2FeePpm, "An empty pool; fee in ppm (3000 = Uniswap V2's 0.3%)")
      .def_property_readonly("token_reserve", &ConstantProductPool::token_reserve, "token base units")
      .def_property_readonly("usd_reserve", &ConstantProductPool::usd_reserve, "micro-USD")
      .def_property_readonly(
          "reserves", [](const ConstantProductPool& p) { return py::make_tuple(p.token_reserve(), p.usd_reserve()); },
          "(token_reserve, usd_reserve), as getReserves()")
      .def_property_readonly("fee_ppm", &ConstantProductPool::fee)
      .def_property_readonly("total_shares", &ConstantProductPool::total_shares,
                             "LP shares, including the MINIMUM_LIQUIDITY locked by the first deposit")
      .def_property_readonly("redeemable_shares", &ConstantProductPool::redeemable_shares,
                             "total_shares - MINIMUM_LIQUIDITY (0 for an empty pool)")
      .def_property_readonly("spot_price", &ConstantProductPool::spot_price,
                             "micro-USD per whole token at the margin (display only; NaN when empty)")
      .def("swap_token_for_usd", guard(&ConstantProductPool::swap_token_for_usd), py::arg("amount_in"),
           py::arg("min_out") = MicroUsd(0),
           "Sells exactly amount_in tokens; returns the micro-USD paid out, get_amount_out(in, token, usd). Raises "
           "ConfigError (INSUFFICIENT_INPUT_AMOUNT, INSUFFICIENT_OUTPUT_AMOUNT below min_out or for 0 out).")
      .def("swap_usd_for_token", guard(&ConstantProductPool::swap_usd_for_token), py::arg("amount_in"),
           py::arg("min_out") = Tokens(0), "Buys tokens with exactly amount_in micro-USD; returns the tokens paid out.")
      .def("swap_token_for_exact_usd", guard(&ConstantProductPool::swap_token_for_exact_usd), py::arg("amount_out"),
           py::arg("max_in"),
           "Buys exactly amount_out micro-USD; returns the tokens taken, get_amount_in(out, token, usd). Raises "
           "ConfigError EXCESSIVE_INPUT_AMOUNT above max_in.")
      .def("swap_usd_for_exact_token", guard(&ConstantProductPool::swap_usd_for_exact_token), py::arg("amount_out"),
           py::arg("max_in"), "Buys exactly amount_out tokens; returns the micro-USD taken.")
      .def(
          "add_liquidity",
          [](ConstantProductPool& p, Tokens token_desired, MicroUsd usd_desired) {
            const models::LiquidityAdded a = guarded([&] { return p.add_liquidity(token_desired, usd_desired); });
            return py::make_tuple(a.token, a.usd, a.shares);
          },
          py::arg("token_desired"), py::arg("usd_desired"),
          "Router._addLiquidity + Pair.mint: returns (token, usd, shares) deposited and minted. The first deposit "
          "mints floor(sqrt(token * usd)) - MINIMUM_LIQUIDITY; later ones deposit the router's optimal amounts.")
      .def(
          "remove_liquidity",
          [](ConstantProductPool& p, LpShares shares) {
            const models::LiquidityRemoved r = guarded([&] { return p.remove_liquidity(shares); });
            return py::make_tuple(r.token, r.usd);
          },
          py::arg("shares"), "Pair.burn: returns (token, usd) paid, floor(shares * reserve / total_shares) each.")
      .def("__repr__", [](const ConstantProductPool& p) {
        return "ConstantProductPool(token_reserve=" + std::to_string(p.token_reserve().raw()) +
               ", usd_reserve=" + std::to_string(p.usd_reserve().raw()) +
               ", total_shares=" + std::to_string(p.total_shares().raw()) +
               ", fee_ppm=" + std::to_string(p.fee().raw()) + ")";
      });
}

void bind_eip1559(py::module_& m) {
  m.attr("ELASTICITY_MULTIPLIER") = models::kElasticityMultiplier;
  m.attr("BASE_FEE_MAX_CHANGE_DENOMINATOR") = models::kBaseFeeMaxChangeDenominator;
  m.attr("INITIAL_BASE_FEE") = models::kInitialBaseFee;
  const auto as_dict = [](const models::Eip1559Params& p) {
    py::dict d;
    d["elasticity_multiplier"] = p.elasticity_multiplier;
    d["base_fee_max_change_denominator"] = p.base_fee_max_change_denominator;
    return d;
  };
  py::dict presets;
  for (const models::Eip1559Preset& p : models::kEip1559Presets)
    presets[py::str(std::string(p.name))] = as_dict(p.params);
  m.attr("PRESETS") = presets;
  const auto forks_dict = [](const models::BorFeeForks& f) {
    py::dict d;
    d["delhi_block"] = *f.delhi_block;
    d["bhilai_block"] = *f.bhilai_block;
    return d;
  };
  m.attr("POLYGON_MAINNET_FORKS") = forks_dict(models::kPolygonMainnetForks);
  m.attr("POLYGON_AMOY_FORKS") = forks_dict(models::kPolygonAmoyForks);
  m.def(
      "preset",
      [as_dict](const std::string& name) { return guarded([&] { return as_dict(models::eip1559_preset(name)); }); },
      py::arg("name"),
      "The parameters of a named preset as keyword arguments of next_base_fee: {'elasticity_multiplier': E, "
      "'base_fee_max_change_denominator': D}. 'ethereum' (2, 8); Polygon PoS by bor fork: 'polygon-pre-delhi' (2, 8), "
      "'polygon-delhi' (2, 16), 'polygon-bhilai' (2, 64). Raises ConfigError for an unknown name.");
  m.def(
      "bor_base_fee_change_denominator",
      [](std::uint64_t parent_number, std::optional<std::uint64_t> delhi_block,
         std::optional<std::uint64_t> bhilai_block) {
        return models::bor_base_fee_change_denominator(parent_number, {delhi_block, bhilai_block});
      },
      py::arg("parent_number"), py::kw_only(), py::arg("delhi_block") = py::none(),
      py::arg("bhilai_block") = py::none(),
      "Polygon bor's params.BaseFeeChangeDenominator for a parent block of that number: 64 at or past the Bhilai "
      "block, else 16 at or past the Delhi block, else 8; a fork given as None never activates. The chains' fork "
      "blocks: **POLYGON_MAINNET_FORKS, **POLYGON_AMOY_FORKS.");
  m.def(
      "next_base_fee",
      [](const uint256& parent_base_fee, const uint256& parent_gas_used, const uint256& parent_gas_limit,
         std::uint64_t elasticity_multiplier, std::uint64_t base_fee_max_change_denominator) {
        return guarded([&] {
          return models::next_base_fee_as<uint256, uint512>(parent_base_fee, parent_gas_used, parent_gas_limit,
                                                            {elasticity_multiplier, base_fee_max_change_denominator});
        });
      },
      py::arg("parent_base_fee"), py::arg("parent_gas_used"), py::arg("parent_gas_limit"), py::kw_only(),
      py::arg("elasticity_multiplier") = models::kElasticityMultiplier,
      py::arg("base_fee_max_change_denominator") = models::kBaseFeeMaxChangeDenominator,
      "The base fee of the next block (EIP-1559, ethereum/EIPs EIPS/eip-1559.md; go-ethereum CalcBaseFee), with the "
      "spec's integer division, E = elasticity_multiplier (2) and D = base_fee_max_change_denominator (8): target = "
      "limit // E; used == target: unchanged; used > target: bf + max(bf * (used - target) // target // D, 1); "
      "used < target: bf - bf * (target - used) // target // D. Polygon: **preset('polygon-bhilai') and the like.\n\n"
      "parent_base_fee in wei per gas, gas in gas units: Python ints in [0, 2**256 - 1]; the product is exact "
      "(512 bits), as the spec's Python. E and D are uint64, each >= 1.\n"
      "Raises ConfigError for E or D of 0, a gas limit < E or gas used above the limit; OverflowError when the new "
      "base fee leaves uint256, or for an argument outside its range.");
  m.def(
      "next_base_fee_uint64",
      [](std::uint64_t parent_base_fee, std::uint64_t parent_gas_used, std::uint64_t parent_gas_limit,
         std::uint64_t elasticity_multiplier, std::uint64_t base_fee_max_change_denominator) {
        return guarded([&] {
          return models::next_base_fee(parent_base_fee, parent_gas_used, parent_gas_limit,
                                       {elasticity_multiplier, base_fee_max_change_denominator});
        });
      },
      py::arg("parent_base_fee"), py::arg("parent_gas_used"), py::arg("parent_gas_limit"), py::kw_only(),
      py::arg("elasticity_multiplier") = models::kElasticityMultiplier,
      py::arg("base_fee_max_change_denominator") = models::kBaseFeeMaxChangeDenominator,
      "next_base_fee on uint64, the instantiation toksim's launch model runs (same template, same keywords). Raises "
      "ConfigError as next_base_fee; OverflowError when the new base fee leaves uint64.");
  m.def(
      "gas_target",
      [](std::uint64_t gas_limit, std::uint64_t elasticity_multiplier) {
        return guarded([&] {
          const models::Eip1559Params p{elasticity_multiplier, models::kBaseFeeMaxChangeDenominator};
          models::validate(p);
          return models::gas_target(gas_limit, p);
        });
      },
      py::arg("gas_limit"), py::kw_only(), py::arg("elasticity_multiplier") = models::kElasticityMultiplier,
      "gas_limit // elasticity_multiplier (gas units). Raises ConfigError for an elasticity_multiplier of 0.");
  m.def(
      "gas_limit_valid",
      [](std::uint64_t parent_gas_limit, std::uint64_t gas_limit, bool fork_block,
         std::uint64_t elasticity_multiplier) {
        return models::gas_limit_valid(parent_gas_limit, gas_limit, fork_block,
                                       {elasticity_multiplier, models::kBaseFeeMaxChangeDenominator});
      },
      py::arg("parent_gas_limit"), py::arg("gas_limit"), py::kw_only(), py::arg("fork_block") = false,
      py::arg("elasticity_multiplier") = models::kElasticityMultiplier,
      "Whether a block's gas limit may follow its parent's (EIP-1559 validate_block; go-ethereum VerifyGaslimit): "
      "|gas_limit - parent| < parent // 1024 and gas_limit >= 5000, with parent = parent_gas_limit, times "
      "elasticity_multiplier on the fork block (fork_block=True). Gas units, uint64.");
  m.def(
      "includable",
      [](std::uint64_t base_fee, std::uint64_t max_fee_per_gas, std::uint64_t max_priority_fee_per_gas) {
        return models::includable(base_fee, max_fee_per_gas, max_priority_fee_per_gas);
      },
      py::arg("base_fee"), py::arg("max_fee_per_gas"), py::arg("max_priority_fee_per_gas"),
      "Whether the spec's block validity accepts a transaction: max_fee >= base_fee and max_fee >= "
      "max_priority_fee (wei per gas).");
  m.def(
      "transaction_fee",
      [](std::uint64_t gas_used, std::uint64_t base_fee, std::uint64_t max_fee_per_gas,
         std::uint64_t max_priority_fee_per_gas) {
        const models::TxFee f = models::transaction_fee(gas_used, base_fee, max_fee_per_gas, max_priority_fee_per_gas);
        py::dict d;
        d["priority_fee_per_gas"] = f.priority_fee_per_gas;
        d["effective_gas_price"] = f.effective_gas_price;
        d["burned"] = to_uint256(f.burned);
        d["tip"] = to_uint256(f.tip);
        d["total"] = to_uint256(f.total());
        return d;
      },
      py::arg("gas_used"), py::arg("base_fee"), py::arg("max_fee_per_gas"), py::arg("max_priority_fee_per_gas"),
      "A transaction's fee at a block's base fee (EIP-1559): priority_fee_per_gas = min(max_priority_fee, max_fee - "
      "base_fee), effective_gas_price = priority + base_fee, burned = gas_used * base_fee (destroyed), tip = "
      "gas_used * priority (to the proposer), total = burned + tip; a dict of exact ints (wei; fees per gas in "
      "wei per gas). Arguments are uint64. Raises ConfigError when the transaction is not includable.");
}

void bind_vesting(py::module_& m) {
  using models::Ppm;
  using models::Tokens;
  using models::VestingSchedule;
  using models::VestingWallet;
  m.def(
      "vested_amount",
      [](const uint256& total_allocation, sim::Time start, sim::Time duration, sim::Time timestamp, sim::Time cliff) {
        return guarded([&] {
          return models::oz_vested_amount<uint256, uint256>(total_allocation, start, duration, cliff, timestamp,
                                                            "vested_amount");
        });
      },
      py::arg("total_allocation"), py::arg("start"), py::arg("duration"), py::arg("timestamp"), py::arg("cliff") = 0,
      "OpenZeppelin VestingWallet.vestedAmount / _vestingSchedule (contracts/finance/VestingWallet.sol) in "
      "uint256: 0 before start; total_allocation from start + duration on; otherwise total_allocation * "
      "(timestamp - start) // duration. With cliff > 0, VestingWalletCliff: 0 before start + cliff, then the same "
      "formula (a jump at the cliff).\n\n"
      "total_allocation: base units (wei), any Python int in [0, 2**256 - 1] (OZ: balance + released). start, "
      "duration, timestamp, cliff: seconds (int64; start may be negative). duration 0 vests everything at start.\n"
      "Raises ConfigError for a negative duration or cliff, cliff > duration (InvalidCliffDuration) or an end "
      "beyond int64; OverflowError where the contract panics (total_allocation * elapsed > 2**256 - 1).");
  m.def(
      "vested_amount_int64",
      [](Tokens total_allocation, sim::Time start, sim::Time duration, sim::Time timestamp, sim::Time cliff) {
        return guarded(
            [&] { return models::oz_vested_with_cliff(total_allocation, start, duration, cliff, timestamp); });
      },
      py::arg("total_allocation"), py::arg("start"), py::arg("duration"), py::arg("timestamp"), py::arg("cliff") = 0,
      "vested_amount on int64 base units (oz_vested_with_cliff, what toksim's allocations run; same template). "
      "Raises ConfigError as vested_amount (and for a negative total); OverflowError outside int64.");

  py::class_<VestingSchedule>(
      m, "VestingSchedule",
      "An allocation's schedule, immutable, in int64 token base units and seconds: tge = floor(total * "
      "tge_share_ppm / 1e6) at start (whatever the cliff), the rest OZ-linear after a cliff (VestingWalletCliff) or "
      "in equal steps (the last one takes the remainder). Make one with linear(), stepped() or monthly_steps().")
      .def_static("linear", guard(&VestingSchedule::linear), py::arg("total"), py::arg("start"), py::arg("duration"),
                  py::arg("cliff") = 0, py::arg("tge_share_ppm") = Ppm(0),
                  "rest vests as vested_amount(rest, start, duration, timestamp, cliff). Raises ConfigError for a "
                  "negative total, duration or cliff, cliff > duration, or an end beyond int64.")
      .def_static("stepped", guard(&VestingSchedule::stepped), py::arg("total"), py::arg("start"), py::arg("cliff"),
                  py::arg("steps"), py::arg("period"), py::arg("tge_share_ppm") = Ppm(0),
                  "Step k = 1..steps at start + cliff + k * period releases floor(rest / steps) (the last: the "
                  "remainder). Seconds. Raises ConfigError for steps < 1, period <= 0, a negative cliff or total.")
      .def_static(
          "monthly_steps",
          [](Tokens total, sim::Time start, sim::Time cliff, std::int64_t steps, Ppm tge_share_ppm) {
            return guarded([&] { return VestingSchedule::monthly_steps(total, start, cliff, steps, tge_share_ppm); });
          },
          py::arg("total"), py::arg("start"), py::arg("cliff"), py::arg("steps"), py::arg("tge_share_ppm") = Ppm(0),
          "stepped() with a period of one toksim month (30 days = 2,592,000 s).")
      .def(
          "vested",
          [](const VestingSchedule& s, const IntOrArray& t) {
            return map_int64(t, "vested: t", [&](std::int64_t x) { return s.vested(x).raw(); });
          },
          py::arg("t"),
          "The amount vested by time t (seconds, inclusive): an int, or an int64 array for an array of times.")
      .def(
          "next_release_time",
          [](const VestingSchedule& s, sim::Time t) { return never_to_none(s.next_release_time(t)); }, py::arg("t"),
          "The least t' > t with vested(t') > vested(t) (seconds), or None once nothing more will vest.")
      .def_property_readonly("curve",
                             [](const VestingSchedule& s) {
                               return std::string(s.curve() == models::VestingCurve::Linear ? "linear" : "steps");
                             })
      .def_property_readonly("total", &VestingSchedule::total)
      .def_property_readonly("tge_amount", &VestingSchedule::tge_amount)
      .def_property_readonly("rest", &VestingSchedule::rest)
      .def_property_readonly("start", &VestingSchedule::start, "seconds")
      .def_property_readonly("cliff", &VestingSchedule::cliff, "seconds after start")
      .def_property_readonly("duration", &VestingSchedule::duration, "seconds (linear only; 0 for steps)")
      .def_property_readonly("steps", &VestingSchedule::steps, "steps only (0 for linear)")
      .def_property_readonly("period", &VestingSchedule::period, "seconds (steps only)")
      .def_property_readonly("step_amount", &VestingSchedule::step_amount, "floor(rest / steps) (steps only)")
      .def_property_readonly("last_step_amount", &VestingSchedule::last_step_amount, "the remainder step")
      .def_property_readonly("end", &VestingSchedule::end, "the time from which vested() == total (seconds)");

  py::class_<VestingWallet>(m, "VestingWallet",
                            "A beneficiary's wallet on a schedule, as VestingWallet: releasable(t) = vested(t) - "
                            "released; release(t) pays it out and records it.")
      .def(py::init<VestingSchedule>(), py::arg("schedule"))
      .def_property_readonly("schedule", &VestingWallet::schedule)
      .def("vested", &VestingWallet::vested, py::arg("t"))
      .def_property_readonly("released", &VestingWallet::released)
      .def("releasable", guard(&VestingWallet::releasable), py::arg("t"),
           "vested(t) - released. Raises ConfigError when t is before a time already released at.")
      .def("release", guard(&VestingWallet::release), py::arg("t"), "Releases releasable(t) and returns it.")
      .def(
          "next_release_time",
          [](const VestingWallet& w, sim::Time t) { return never_to_none(w.next_release_time(t)); }, py::arg("t"));
}

}  // namespace toksim::python
