// Supply-side mechanisms in Python: issuance schedules, Filecoin minting and burn-and-mint net emissions
// (toksim._core.mechanisms.issuance), the staking pool (.staking) and the revenue split (.revenue_split), all in
// int64 token base units (6 decimals) and seconds, as the models keep them.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "mechanisms.hpp"
#include "toksim/models/money/revenue_split.hpp"
#include "toksim/models/supply/issuance.hpp"
#include "toksim/models/supply/render_emission.hpp"
#include "toksim/models/supply/staking.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

using models::Ppm;
using models::Tokens;

/// A schedule held as the models' IssuanceSchedule variant, so that the variant's free functions
/// (emitted_in_range, total, ...) serve every class; one C++ type (and Python class) per alternative S.
template <class S>
struct Schedule {
  models::IssuanceSchedule v;
  const S& get() const { return std::get<S>(v); }
};

template <class S>
py::class_<Schedule<S>> bind_schedule(py::module_& m, const char* name, const char* doc) {
  using Sch = Schedule<S>;
  py::class_<Sch> c(m, name, doc);
  c.def_property_readonly(
       "name", [](const Sch& s) { return std::string(models::name(s.v)); }, "the schedule's name in scenarios")
      .def_property_readonly(
          "epoch_length", [](const Sch& s) { return models::epoch_length(s.v); }, "seconds")
      .def(
          "epoch_at",
          [](const Sch& s, const IntOrArray& t) {
            return map_int64(t, "epoch_at: t", [&](std::int64_t x) { return models::epoch_at(s.v, x); });
          },
          py::arg("t"), "The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array.")
      .def(
          "emitted_in_epoch",
          [](const Sch& s, const IntOrArray& epoch) {
            return guarded([&] {
              return map_int64(epoch, "emitted_in_epoch: epoch",
                               [&](std::int64_t e) { return models::emitted_in_epoch(s.v, e).raw(); });
            });
          },
          py::arg("epoch"),
          "Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. "
          "Equals cumulative(epoch + 1) - cumulative(epoch) exactly.")
      .def(
          "emitted_at",
          [](const Sch& s, const IntOrArray& t) {
            return guarded([&] {
              return map_int64(t, "emitted_at: t", [&](std::int64_t x) {
                return models::emitted_in_epoch(s.v, models::epoch_at(s.v, x)).raw();
              });
            });
          },
          py::arg("t"), "The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t)).")
      .def(
          "cumulative",
          [](const Sch& s, const IntOrArray& epochs) {
            return guarded([&] {
              return map_int64(epochs, "cumulative: epochs",
                               [&](std::int64_t n) { return models::cumulative(s.v, n).raw(); });
            });
          },
          py::arg("epochs"),
          "Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an "
          "int64 array. Raises OverflowError when an endless sum leaves int64.")
      .def(
          "emitted_in_range",
          [](const Sch& s, std::int64_t begin, std::int64_t end) {
            return guarded([&] { return models::emitted_in_range(s.v, begin, end); });
          },
          py::arg("begin"), py::arg("end"),
          "What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of "
          "epochs; epoch_at() turns seconds into epochs).")
      .def_property_readonly(
          "total", [](const Sch& s) { return guarded([&] { return models::total(s.v); }); },
          "The limit of cumulative (base units), or None for an endless schedule");
  return c;
}

std::string lower_mode(models::NetEmissions mode) { return std::string(models::net_emissions_name(mode)); }

models::NetEmissions parse_mode(const std::string& mode) {
  for (const auto m :
       {models::NetEmissions::HeliumHip20, models::NetEmissions::HeliumSmoothed, models::NetEmissions::Render}) {
    if (models::net_emissions_name(m) == mode) return m;
  }
  throw ConfigError("burn-and-mint: expected mode helium_hip20, helium_smoothed or render, found \"" + mode + "\"");
}

}  // namespace

namespace {

/// Render's RNP-001 emission in toksim.mechanisms.issuance (called from bind_issuance).
void bind_render_emission(py::module_& m) {
  using models::RenderEmission;
  py::class_<RenderEmission>(
      m, "RenderEmission",
      "Render's burn-and-mint emission schedule (rendernetwork/RNPs RNP-001.md, Appendix): yearly amounts for the "
      "launch years, then each year the previous one times `damping_ppm` / 1e6 (RNP-001: 0.945), rounded down, the "
      "whole release capped at `cap` (RNP-001: 107,374,182 RENDER); each year released linearly in time, epochs of "
      "epoch_length seconds (7 days at launch), node operators' share floored. The launch amounts are a parameter: "
      "RNP-001 links them in a spreadsheet, not its text (docs/mechanisms.md lists what Render published).")
      .def(py::init([](std::vector<Tokens> launch_years, Tokens cap, Ppm damping_ppm, Ppm node_operator_share_ppm,
                       sim::Time epoch_length, sim::Time year_length) {
             return guarded([&] {
               return RenderEmission(
                   {std::move(launch_years), damping_ppm, cap, node_operator_share_ppm, epoch_length, year_length});
             });
           }),
           py::arg("launch_years"), py::arg("cap"), py::kw_only(), py::arg("damping_ppm") = Ppm(945'000),
           py::arg("node_operator_share_ppm") = Ppm(0), py::arg("epoch_length") = 7 * sim::kDay,
           py::arg("year_length") = sim::kYear,
           "launch_years, cap: base units; damping_ppm in (0, 1e6]; epoch_length <= year_length, seconds. Raises "
           "ConfigError otherwise.")
      .def_property_readonly_static("name", [](const py::object&) { return RenderEmission::schedule_name(); })
      .def("cumulative", &RenderEmission::cumulative, py::arg("epochs"), "Emitted in the first `epochs` epochs.")
      .def("cumulative_at", &RenderEmission::cumulative_at, py::arg("t"), "Emitted from genesis to time t (s).")
      .def("emitted_in_epoch", &RenderEmission::emitted_in_epoch, py::arg("epoch"),
           "cumulative(epoch + 1) - cumulative(epoch).")
      .def("emitted_in_year", &RenderEmission::emitted_in_year, py::arg("k"), "Year k's emission after the cap.")
      .def("node_operators_cumulative", &RenderEmission::node_operators_cumulative, py::arg("epochs"),
           "floor(cumulative(epochs) * node_operator_share_ppm / 1e6).")
      .def("node_operators_in_epoch", &RenderEmission::node_operators_in_epoch, py::arg("epoch"),
           "The node operators' part of one epoch's emission (telescoping).")
      .def_property_readonly("total", &RenderEmission::total, "Everything the schedule releases (<= cap).")
      .def("max_yearly_inflation_ppm", guard(&RenderEmission::max_yearly_inflation_ppm), py::arg("base"),
           "The largest year's emission over the supply held before it (base + released so far), in ppm; RNP-001 "
           "asks for at most 100,000 (10%).");
}

}  // namespace

void bind_issuance(py::module_& m) {
  using models::ExponentialDecaySchedule;
  using models::FixedSchedule;
  using models::GeometricSchedule;
  using models::HalvingSchedule;
  using models::LinearSchedule;

  bind_schedule<FixedSchedule>(m, "FixedSchedule",
                               "per_epoch base units every epoch from epoch 0 until end_epoch (exclusive; None: "
                               "forever). cumulative(n) = per_epoch * min(n, end_epoch).")
      .def(py::init([](Tokens per_epoch, sim::Time epoch_length, std::optional<std::int64_t> end_epoch) {
             return guarded([&] {
               return Schedule<FixedSchedule>{FixedSchedule({per_epoch, epoch_length, end_epoch})};
             });
           }),
           py::arg("per_epoch"), py::arg("epoch_length"), py::arg("end_epoch") = py::none(),
           "per_epoch: base units; epoch_length: seconds. Raises ConfigError for a negative amount or end, or "
           "epoch_length <= 0.")
      .def_property_readonly("params", [](const Schedule<FixedSchedule>& s) {
        const auto& p = s.get().params();
        return py::dict(py::arg("per_epoch") = p.per_epoch, py::arg("epoch_length") = p.epoch_length,
                        py::arg("end_epoch") = p.end_epoch);
      });

  bind_schedule<LinearSchedule>(m, "LinearSchedule",
                                "`total` released evenly over `epochs` epochs: cumulative(n) = floor(total * "
                                "min(n, N) / N), so each epoch gets floor(total / N) or one unit more.")
      .def(py::init([](Tokens total, std::int64_t epochs, sim::Time epoch_length) {
             return guarded([&] { return Schedule<LinearSchedule>{LinearSchedule({total, epochs, epoch_length})}; });
           }),
           py::arg("total"), py::arg("epochs"), py::arg("epoch_length"),
           "total: base units; epoch_length: seconds. Raises ConfigError for total < 0, epochs < 1 or "
           "epoch_length <= 0.")
      .def_property_readonly("params", [](const Schedule<LinearSchedule>& s) {
        const auto& p = s.get().params();
        return py::dict(py::arg("total") = p.total, py::arg("epochs") = p.epochs,
                        py::arg("epoch_length") = p.epoch_length);
      });

  bind_schedule<HalvingSchedule>(
      m, "HalvingSchedule",
      "Bitcoin's subsidy (bitcoin/bitcoin validation.cpp GetBlockSubsidy): initial_reward >> (epoch // "
      "halving_interval) base units per epoch, 0 from the 64th halving on. With 5e9 units, 210,000 blocks of 600 "
      "s the total is 2,099,999,997,690,000 (20,999,999.9769 BTC).")
      .def(py::init([](Tokens initial_reward, std::int64_t halving_interval, sim::Time epoch_length) {
             return guarded([&] {
               return Schedule<HalvingSchedule>{HalvingSchedule({initial_reward, halving_interval, epoch_length})};
             });
           }),
           py::arg("initial_reward"), py::arg("halving_interval"), py::arg("epoch_length"),
           "initial_reward: base units per epoch in era 0; halving_interval: epochs per era; epoch_length: seconds.")
      .def_static(
          "halving_at_half_remaining",
          [](Tokens cap, Tokens initial_reward, sim::Time epoch_length) {
            return guarded([&] {
              return Schedule<HalvingSchedule>{
                  HalvingSchedule::halving_at_half_remaining(cap, initial_reward, epoch_length)};
            });
          },
          py::arg("cap"), py::arg("initial_reward"), py::arg("epoch_length"),
          "Bittensor's rule (halve each time issuance reaches 50% of the remaining supply of `cap`): a halving "
          "schedule with halving_interval = cap / (2 * initial_reward). Raises ConfigError unless cap is a multiple "
          "of 2 * initial_reward.")
      .def_property_readonly("params", [](const Schedule<HalvingSchedule>& s) {
        const auto& p = s.get().params();
        return py::dict(py::arg("initial_reward") = p.initial_reward, py::arg("halving_interval") = p.halving_interval,
                        py::arg("epoch_length") = p.epoch_length);
      });

  bind_schedule<ExponentialDecaySchedule>(
      m, "ExponentialDecaySchedule",
      "cumulative(n) = floor(total * (1 - 2^(-n * epoch_length / half_life))), rounded down (Filecoin simple "
      "minting: 330M FIL, 6-year half-life). Reproducible for the same libm (one exp2 call).")
      .def(py::init([](Tokens total, sim::Time half_life, sim::Time epoch_length) {
             return guarded([&] {
               return Schedule<ExponentialDecaySchedule>{ExponentialDecaySchedule({total, half_life, epoch_length})};
             });
           }),
           py::arg("total"), py::arg("half_life"), py::arg("epoch_length"),
           "total: base units; half_life, epoch_length: seconds (half_life / epoch_length <= 2^40).")
      .def_property_readonly("params", [](const Schedule<ExponentialDecaySchedule>& s) {
        const auto& p = s.get().params();
        return py::dict(py::arg("total") = p.total, py::arg("half_life") = p.half_life,
                        py::arg("epoch_length") = p.epoch_length);
      });

  bind_schedule<GeometricSchedule>(
      m, "GeometricSchedule",
      "Period k emits m_k, m_0 = first, m_k = floor(m_{k-1} * ratio_ppm / 1e6), for `periods` periods, capped at "
      "`cap`; each period spans epochs_per_period epochs, released linearly inside it (io.net: -1.02% a month, "
      "ratio 989,800, 240 months, cap 300M IO, hourly epochs, 720 a month).")
      .def(py::init([](Tokens first, Ppm ratio_ppm, std::int64_t periods, Tokens cap, sim::Time epoch_length,
                       std::int64_t epochs_per_period) {
             return guarded([&] {
               return Schedule<GeometricSchedule>{
                   GeometricSchedule({first, ratio_ppm, periods, cap, epoch_length, epochs_per_period})};
             });
           }),
           py::arg("first"), py::arg("ratio_ppm"), py::arg("periods"), py::arg("cap"), py::arg("epoch_length"),
           py::arg("epochs_per_period"),
           "first, cap: base units; ratio_ppm in (0, 1e6]; periods 1..1e6; epoch_length: seconds.")
      .def(
          "cumulative_periods",
          [](const Schedule<GeometricSchedule>& s, std::int64_t k) { return s.get().cumulative_periods(k); },
          py::arg("k"), "Capped sum of the first k periods, C(k) (k clamped to [0, periods]).")
      .def(
          "emitted_in_period",
          [](const Schedule<GeometricSchedule>& s, std::int64_t k) { return s.get().emitted_in_period(k); },
          py::arg("k"), "Emission of period k after the cap, C(k + 1) - C(k).")
      .def_property_readonly("params", [](const Schedule<GeometricSchedule>& s) {
        const auto& p = s.get().params();
        return py::dict(py::arg("first") = p.first, py::arg("ratio_ppm") = p.ratio, py::arg("periods") = p.periods,
                        py::arg("cap") = p.cap, py::arg("epoch_length") = p.epoch_length,
                        py::arg("epochs_per_period") = p.epochs_per_period);
      });

  m.def("decayed_cumulative", guard(&models::decayed_cumulative), py::arg("total"), py::arg("half_lives"),
        "floor(total * (1 - 2^(-half_lives))) in base units for a real number of half-lives >= 0 (Filecoin's "
        "baseline part); +inf gives total - 1.");

  using models::FilecoinMinting;
  py::class_<FilecoinMinting>(
      m, "FilecoinMinting",
      "Filecoin block-reward minting (filecoin-project/builtin-actors actors/reward): simple (time) plus baseline "
      "(effective network time from raw-byte power capped by the doubling baseline), rewards exact integer "
      "differences of cumulatives. Defaults are mainnet's.")
      .def(py::init([](Tokens simple_total, Tokens baseline_total, sim::Time epoch_length, sim::Time half_life,
                       sim::Time baseline_doubling, double baseline_initial_bytes) {
             models::FilecoinParams p;
             p.simple_total = simple_total;
             p.baseline_total = baseline_total;
             p.epoch_length = epoch_length;
             p.half_life = half_life;
             p.baseline_doubling = baseline_doubling;
             p.baseline_initial_bytes = baseline_initial_bytes;
             return guarded([&] { return FilecoinMinting(p); });
           }),
           py::kw_only(), py::arg("simple_total") = models::FilecoinParams{}.simple_total,
           py::arg("baseline_total") = models::FilecoinParams{}.baseline_total,
           py::arg("epoch_length") = models::FilecoinParams{}.epoch_length,
           py::arg("half_life") = models::FilecoinParams{}.half_life,
           py::arg("baseline_doubling") = models::FilecoinParams{}.baseline_doubling,
           py::arg("baseline_initial_bytes") = models::FilecoinParams{}.baseline_initial_bytes,
           "Totals in base units (330M and 770M FIL), times in seconds (30 s epochs, 6-year half-life, yearly "
           "doubling), b0 in bytes (2.88888888e18).")
      .def("reward_for_epoch", guard(&FilecoinMinting::reward_for_epoch), py::arg("raw_byte_power"),
           "Advances one epoch at this network raw-byte power (bytes; inf: always above the baseline); returns the "
           "reward minted in it (base units).")
      .def("reward_for_epochs", guard(&FilecoinMinting::reward_for_epochs), py::arg("count"), py::arg("raw_byte_power"),
           "Advances `count` epochs at a constant power in O(1); returns their reward.")
      .def_property_readonly("epoch", &FilecoinMinting::epoch, "epochs processed so far")
      .def_property_readonly("capped_power_sum", &FilecoinMinting::capped_power_sum, "R_sum, byte-epochs")
      .def_property_readonly("effective_network_time", &FilecoinMinting::effective_network_time, "theta, epochs")
      .def_property_readonly("minted", &FilecoinMinting::minted)
      .def_property_readonly("simple_minted", &FilecoinMinting::simple_minted)
      .def_property_readonly("baseline_minted", &FilecoinMinting::baseline_minted)
      .def("baseline_power", &FilecoinMinting::baseline_power, py::arg("epoch"), "b(epoch) in bytes")
      .def("theta_for", &FilecoinMinting::theta_for, py::arg("capped_power_sum"), "theta (epochs) for an R_sum")
      .def("simple_cumulative", &FilecoinMinting::simple_cumulative, py::arg("epochs"), "M_S(t), base units")
      .def("baseline_cumulative", &FilecoinMinting::baseline_cumulative, py::arg("theta_epochs"),
           "M_B(theta), base units");

  using models::BurnAndMint;
  py::class_<BurnAndMint>(m, "BurnAndMint",
                          "Burn-and-mint net emissions per epoch: mint_for_epoch(scheduled, burned) = scheduled + "
                          "re-mint. helium_hip20: re-mint = min(burned, cap); helium_smoothed (helium/docs PR #1968): "
                          "target = floor(6 * target / 7) + floor(burned / 7), stored uncapped (helium-program-library), re-mint = "
                          "min(target, cap); render "
                          "(RNP-001): no re-mint, burns are permanent.")
      .def(py::init([](const std::string& mode, Tokens cap_per_epoch, Tokens initial_target) {
             models::BurnAndMintParams p;
             p.mode = parse_mode(mode);
             p.cap_per_epoch = cap_per_epoch;
             p.initial_target = initial_target;
             return guarded([&] { return BurnAndMint(p); });
           }),
           py::arg("mode") = "helium_hip20", py::arg("cap_per_epoch") = Tokens(0),
           py::arg("initial_target") = Tokens(0),
           "cap_per_epoch, initial_target: base units (HIP-20: 1,643,835,616 a day in 6-decimal units).")
      .def("mint_for_epoch", guard(&BurnAndMint::mint_for_epoch), py::arg("scheduled"), py::arg("burned"),
           "Total minted in this epoch (base units): scheduled + re-mint.")
      .def_property_readonly("mode", [](const BurnAndMint& b) { return lower_mode(b.params().mode); })
      .def_property_readonly("last_reminted", &BurnAndMint::last_reminted)
      .def_property_readonly("target", &BurnAndMint::target)
      .def_property_readonly("epochs", &BurnAndMint::epochs)
      .def_property_readonly("total_scheduled", &BurnAndMint::total_scheduled)
      .def_property_readonly("total_reminted", &BurnAndMint::total_reminted)
      .def_property_readonly("total_burned", &BurnAndMint::total_burned)
      .def_property_readonly("total_minted", guard(&BurnAndMint::total_minted))
      .def_property_readonly("burned_not_reminted", guard(&BurnAndMint::burned_not_reminted));
  bind_render_emission(m);
}

void bind_staking(py::module_& m) {
  using models::StakingPool;
  m.attr("ACC_SCALE") = StakingPool::kAccScale;
  py::class_<StakingPool>(
      m, "StakingPool",
      "Stake, rewards by an exact reward-per-share accumulator (Synthetix StakingRewards rewardPerTokenStored, "
      "MasterChef accSushiPerShare, scaled 1e18), an unbonding queue and proportional slashing, in int64 token base "
      "units and seconds. Exactly: total_rewards_in == total_claimed + sum(pending) + undistributed(), and "
      "total_stake_in == total_staked + total_unbonding + total_withdrawn + total_slashed.")
      .def(py::init([](sim::Time unbonding_period) { return guarded([&] { return StakingPool(unbonding_period); }); }),
           py::arg("unbonding_period"), "seconds (>= 0)")
      .def("stake", guard(&StakingPool::stake), py::arg("account"), py::arg("amount"), "Adds to the stake (> 0).")
      .def("unstake", guard(&StakingPool::unstake), py::arg("account"), py::arg("amount"), py::arg("now"),
           "Moves stake into the unbonding queue, withdrawable at now + unbonding_period.")
      .def("withdraw", guard(&StakingPool::withdraw), py::arg("account"), py::arg("now"),
           "Pays out every matured unbonding entry; returns the total.")
      .def("withdrawable", guard(&StakingPool::withdrawable), py::arg("account"), py::arg("now"))
      .def("distribute", guard(&StakingPool::distribute), py::arg("reward"),
           "Raises acc_per_share by floor((reward * 1e18 + carry) / total_staked); held while nothing is staked.")
      .def("pending", guard(&StakingPool::pending), py::arg("account"), "Unclaimed rewards, floored (base units).")
      .def("claim", guard(&StakingPool::claim), py::arg("account"), "Pays out pending(account) and returns it.")
      .def("slash", guard(&StakingPool::slash), py::arg("account"), py::arg("fraction_ppm"),
           py::arg("include_unbonding") = true,
           "Takes floor(fraction * stake) (and of each unbonding entry); returns the total taken.")
      .def("staked", guard(&StakingPool::staked), py::arg("account"))
      .def("unbonding", guard(&StakingPool::unbonding), py::arg("account"))
      .def(
          "unbonding_entries",
          [](const StakingPool& p, models::StakerId account) {
            py::list out;
            for (const models::UnbondingEntry& e : p.unbonding_entries(account)) {
              out.append(py::make_tuple(e.amount, e.ready_at));
            }
            return out;
          },
          py::arg("account"), "(amount, ready_at) of each unbonding entry, oldest first")
      .def_property_readonly("unbonding_period", &StakingPool::unbonding_period)
      .def_property_readonly("total_staked", &StakingPool::total_staked)
      .def_property_readonly("total_unbonding", &StakingPool::total_unbonding)
      .def_property_readonly("total_stake_in", &StakingPool::total_stake_in)
      .def_property_readonly("total_withdrawn", &StakingPool::total_withdrawn)
      .def_property_readonly("total_slashed", &StakingPool::total_slashed)
      .def_property_readonly("total_rewards_in", &StakingPool::total_rewards_in)
      .def_property_readonly("total_claimed", &StakingPool::total_claimed)
      .def_property_readonly("held", &StakingPool::held, "rewards received while nothing was staked")
      .def_property_readonly(
          "carry", [](const StakingPool& p) { return to_uint256(p.carry()); }, "remainders carried, 1e-18 base units")
      .def_property_readonly(
          "acc_per_share", [](const StakingPool& p) { return to_uint256(p.acc_per_share()); },
          "the accumulator (wraps modulo 2**128; only differences matter)")
      .def_property_readonly("accounts", &StakingPool::accounts)
      .def("undistributed", guard(&StakingPool::undistributed),
           "held + carried + fractional unsettled rewards, in whole base units");
}

void bind_revenue_split(py::module_& m) {
  using models::RevenueSplit;
  py::class_<RevenueSplit>(
      m, "RevenueSplit",
      "A split of any amount: named recipients get floor(A * share / 1e6), a class's members floor(C * w / W) of "
      "the class's floor(A * share / 1e6), and the sink the remainder, so the parts sum to A exactly (floors as "
      "OpenZeppelin PaymentSplitter).")
      .def(py::init([](const SharesArg& recipients, std::string sink,
                       const std::vector<std::tuple<std::string, Ppm, SharesArg>>& classes) {
             std::vector<models::SplitRecipient> r;
             const py::object& ro = recipients.obj;
             py::object items = py::isinstance<py::dict>(ro) ? ro.attr("items")() : ro;
             for (py::handle item : items) {
               const auto [id, share] = item.cast<std::pair<std::string, Ppm>>();
               r.push_back(models::SplitRecipient{id, share});
             }
             std::vector<models::SplitClass> c;
             for (const auto& [id, share, members] : classes) {
               models::SplitClass k{id, share, {}};
               const py::object& mo = members.obj;
               py::object mi = py::isinstance<py::dict>(mo) ? mo.attr("items")() : mo;
               for (py::handle item : mi) {
                 const auto [mid, w] = item.cast<std::pair<std::string, std::int64_t>>();
                 k.members.push_back(models::SplitMember{mid, w});
               }
               c.push_back(std::move(k));
             }
             return guarded([&] { return RevenueSplit(r, c, std::move(sink)); });
           }),
           py::arg("recipients"), py::arg("sink"), py::arg("classes") = py::list(),
           "recipients: {id: share_ppm} or [(id, share_ppm)]; classes: [(id, share_ppm, {member: weight})]; sink: "
           "the id taking the remainder. Raises ConfigError unless the top-level shares sum to 1,000,000 ppm, for "
           "a negative weight, an empty id or a repeated recipient.")
      .def_property_readonly("ids", &RevenueSplit::ids, "recipient ids in output order (the sink last unless named)")
      .def_property_readonly("sink_index", &RevenueSplit::sink_index)
      .def(
          "split",
          [](const RevenueSplit& s, Tokens amount) {
            py::dict out;
            for (const auto& part : guarded([&] { return s.split(amount); })) out[py::str(part.id)] = part.amount;
            return out;
          },
          py::arg("amount"), "The parts of `amount` (base units of any asset): {id: part} in ids order.");
}

}  // namespace toksim::python
