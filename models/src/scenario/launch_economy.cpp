// The token launch as a Simulation sees it (economy.hpp): its samples as metric rows, its agent tables (team,
// investors, holders), the insiders' unlocks; and the metrics it records.
#include "economies.hpp"
#include "toksim/models/launch/token_launch.hpp"
#include "toksim/models/scenario/economy.hpp"
#include "toksim/models/scenario/scenario.hpp"
#include "toksim/models/supply/vesting.hpp"

namespace toksim::models {

namespace {

class Launch final : public Economy {
 public:
  Launch(const Scenario& s) : s_(s), m_(s.launch, s.shards) {}
  sim::Model& model() override { return m_; }
  sim::Population population() const override { return m_.population(); }
  sim::Observer& observer() override { return m_.observer(); }
  std::size_t produced() const override { return m_.samples().size(); }
  bool row(std::size_t i, sim::Time& t, std::vector<std::int64_t>& ints, std::vector<double>& reals) const override {
    const LaunchSample& x = m_.samples()[i];
    if ((x.t + s_.launch.window) % s_.sample_every != 0) return false;
    t = x.t;
    ints = {x.supply.raw(),
            x.circulating.raw(),
            x.locked.raw(),
            x.staked.raw(),
            x.treasury.raw(),
            x.amm_tokens.raw(),
            x.amm_usd.raw(),
            x.sold.raw(),
            x.bought.raw(),
            x.demand.raw(),
            static_cast<std::int64_t>(x.sellers),
            static_cast<std::int64_t>(x.base_fee),
            static_cast<std::int64_t>(x.gas_used),
            x.fees_burned.raw(),
            x.burned.raw(),
            static_cast<std::int64_t>(x.deferred)};
    reals = {x.price * kBaseUnit, x.gini, x.nakamoto};
    return true;
  }
  void measure_gini() override { m_.measure_gini(); }
  std::string digest(const sim::Engine& e) const override { return m_.digest(e); }
  std::vector<std::pair<std::string, std::uint64_t>> kinds() const override {
    return {{"team", s_.launch.team_members}, {"investor", s_.launch.investors}, {"holder", s_.launch.holders}};
  }
  std::vector<MetricInfo> agent_columns() const override {
    return {{"balance", true, "token", kBaseUnit, "token balance"},
            {"basis", false, "USD/token", 1.0, "average price the agent received or paid its tokens at"}};
  }
  void agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                    std::vector<double>& reals) const override {
    const auto k = kind == "team"       ? TokenLaunch::kTeam
                   : kind == "investor" ? TokenLaunch::kInvestor
                                        : TokenLaunch::kHolder;
    const auto& t = m_.table(k);
    if (column == "balance") {
      const auto b = t.balance.span();
      ints.assign(b.begin(), b.end());
    } else {
      const auto b = t.basis.span();
      reals.resize(b.size());
      for (std::size_t i = 0; i < b.size(); ++i) reals[i] = static_cast<double>(b[i]) * kBaseUnit;
    }
  }
  std::vector<Simulation::AgentArray> agent_arrays(std::string_view kind) const override {
    return arrays_of(m_.table(kind == "team"       ? TokenLaunch::kTeam
                              : kind == "investor" ? TokenLaunch::kInvestor
                                                   : TokenLaunch::kHolder));
  }
  std::vector<Simulation::Unlock> unlocks(sim::Time horizon) const override {
    const TokenLaunchConfig& c = s_.launch;
    std::vector<Simulation::Unlock> out;
    monthly_unlocks(out, "team", Tokens(apply(c.total_supply, c.team_share).raw() / c.team_members), c.team_members,
                    c.team_cliff, c.team_steps, horizon);
    monthly_unlocks(out, "investors", Tokens(apply(c.total_supply, c.investor_share).raw() / c.investors), c.investors,
                    c.investor_cliff, c.investor_steps, horizon);
    return out;
  }

 private:
  const Scenario& s_;
  TokenLaunch m_;
};

}  // namespace

namespace detail {

std::vector<MetricInfo> launch_metrics(const Scenario&) {
  // Order: the integer metrics as Launch::row fills `ints`, then the float ones as it fills `reals`; the
  // catalog's own order is the order users see (price first).
  return {
      {"price", false, "USD/token", 1.0, "AMM spot price after the window's clearing"},
      {"supply", true, "token", kBaseUnit, "minted - burned"},
      {"circulating", true, "token", kBaseUnit, "supply - vesting escrow - emission pool - treasury"},
      {"locked", true, "token", kBaseUnit, "vesting escrow + unclaimed emission"},
      {"staked", true, "token", kBaseUnit, "bonded stake (unbonding excluded)"},
      {"treasury", true, "token", kBaseUnit, "the DAO treasury"},
      {"amm_tokens", true, "token", kBaseUnit, "token reserve of the AMM pool"},
      {"amm_usd", true, "USD", kBaseUnit, "USD reserve of the AMM pool"},
      {"sold", true, "token", kBaseUnit, "tokens sold into the pool in the window (holders and insiders)"},
      {"bought", true, "token", kBaseUnit, "tokens bought out of the pool by exogenous demand in the window"},
      {"demand", true, "USD", kBaseUnit, "exogenous USD spent in the window"},
      {"sellers", true, "agents", 1.0, "agents that sold in the window"},
      {"base_fee", true, "token/gas", 1e-15, "EIP-1559 base fee for the next window (stored: nano base units per gas)"},
      {"gas_used", true, "gas", 1.0, "gas used by the window's actions"},
      {"fees_burned", true, "token", kBaseUnit, "base fees burned in the window"},
      {"burned", true, "token", kBaseUnit, "tokens burned since genesis"},
      {"deferred", true, "actions", 1.0, "actions skipped because their fee was too large a share of what they moved"},
      {"gini", false, "", 1.0,
       "Gini of all agents' balances; NaN where not measured (every metrics.gini_every, and at the end)"},
      {"nakamoto", false, "agents", 1.0,
       "Nakamoto coefficient: the fewest agents holding more than half of all agents' tokens; NaN where Gini is"},
  };
}

std::unique_ptr<Economy> make_launch(const Scenario& s) { return std::make_unique<Launch>(s); }

}  // namespace detail

void monthly_unlocks(std::vector<Simulation::Unlock>& out, const char* group, Tokens each, std::uint32_t members,
                     sim::Time cliff, std::int64_t months, sim::Time horizon) {
  const auto sched = VestingSchedule::monthly_steps(each, 0, cliff, months);
  Tokens before(0);
  for (sim::Time t = sched.next_release_time(-1); t != sim::kNever && t < horizon; t = sched.next_release_time(t)) {
    const Tokens v = sched.vested(t);
    out.push_back({t, group, (v - before).raw() * members});
    before = v;
  }
}

}  // namespace toksim::models
