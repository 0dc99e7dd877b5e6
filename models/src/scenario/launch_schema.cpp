// The token launch's part of the scenario schema: its sections (token and allocations, emission, agents, market,
// gas, staking) and its rules across fields.
#include <fmt/format.h>

#include <limits>

#include "economies.hpp"

namespace toksim::models::detail {

namespace {

constexpr std::int64_t kMaxI64 = std::numeric_limits<std::int64_t>::max();

/// A Beta(alpha, beta) distribution as a map {alpha, beta}.
void read_beta(Section& parent, const char* key, const char* doc, double& alpha, double& beta) {
  Section d = parent.section(key, doc);
  alpha = d.number("alpha", alpha, 1e-3, 1e3, "Beta alpha");
  beta = d.number("beta", beta, 1e-3, 1e3, "Beta beta");
  d.finish();
}

}  // namespace

Eip1559Params read_eip1559_params(Section& s) {
  std::vector<std::string> names;
  for (const Eip1559Preset& p : kEip1559Presets) names.emplace_back(p.name);
  const Eip1559Params base = eip1559_preset(
      s.choice("fee_market", "ethereum", names,
               "EIP-1559 parameters by chain: ethereum (elasticity 2, denominator 8); Polygon PoS by bor fork: "
               "polygon-pre-delhi (2, 8), polygon-delhi (2, 16), polygon-bhilai (2, 64)"));
  Eip1559Params p;
  p.elasticity_multiplier = static_cast<std::uint64_t>(
      s.integer("elasticity_multiplier", static_cast<std::int64_t>(base.elasticity_multiplier), 1, kMaxI64,
                "gas target = limit // this (default: fee_market's)"));
  p.base_fee_max_change_denominator = static_cast<std::uint64_t>(
      s.integer("base_fee_max_change_denominator", static_cast<std::int64_t>(base.base_fee_max_change_denominator), 1,
                kMaxI64, "a full block at elasticity 2 moves the base fee by 1/this (default: fee_market's)"));
  return p;
}

namespace {

void read_allocations(Reader& r, Section& token, TokenLaunchConfig& c) {
  Section alloc = token.section("allocations", "how the total supply is split at genesis; shares must sum to 1");
  struct Group {
    const char* key;
    Ppm* share;
    sim::Time* cliff;
    std::int64_t* steps;
    const char* doc;
  };
  const Group groups[] = {
      {"team", &c.team_share, &c.team_cliff, &c.team_steps, "the team's allocation, vested after a cliff"},
      {"investors", &c.investor_share, &c.investor_cliff, &c.investor_steps,
       "investors' allocation, vested after a cliff"},
      {"community", &c.community_share, nullptr, nullptr, "released to holders by the emission schedule (`emission`)"},
      {"liquidity", &c.liquidity_share, nullptr, nullptr, "seeds the AMM pool at the initial price"},
      {"treasury", &c.treasury_share, nullptr, nullptr, "held by the DAO; pays staking rewards"},
  };
  std::int64_t sum = 0;
  const std::size_t problems_before = r.diagnostics().size();
  for (const Group& g : groups) {
    Section s = alloc.section(g.key, g.doc);
    *g.share = s.share("share", *g.share, "share of the total supply");
    sum += g.share->raw();
    if (g.cliff != nullptr) {
      *g.cliff = s.duration("cliff", *g.cliff, 0, "nothing vests before the cliff; the first monthly step is at it");
      *g.steps = s.integer("months", *g.steps, 1, 1200, "equal monthly releases, the first at the cliff");
    }
    s.finish();
  }
  if (sum != Ppm::kWhole && r.diagnostics().size() == problems_before) {
    r.error(alloc.node(), alloc.path(),
            fmt::format("expected shares that sum to 1, got {} (team + investors + community + liquidity + treasury)",
                        format_number(static_cast<double>(sum) / 1e6)));
  }
  alloc.finish();
}

}  // namespace

/// The token launch's sections (token, emission, agents, market, gas, staking).
void read_launch(Reader& r, Section& root, const Document&, Scenario& s) {
  TokenLaunchConfig& c = s.launch;
  Section token = root.section("token", "the token and its genesis");
  c.total_supply =
      token.tokens("total_supply", c.total_supply, Tokens(1), "tokens minted at genesis plus the community emission");
  c.initial_price = token.usd("initial_price", c.initial_price, MicroUsd(1), "USD per token; the pool is seeded at it");
  read_allocations(r, token, c);
  token.finish();

  Section emission = root.section("emission", "how the community allocation is released to holders");
  const std::string curve = emission.choice("schedule", "halving", {"halving", "exponential_decay", "linear"},
                                            "halving eras, exponential decay, or a constant rate");
  c.emission_curve = curve == "halving"             ? EmissionCurve::Halving
                     : curve == "exponential_decay" ? EmissionCurve::ExponentialDecay
                                                    : EmissionCurve::Linear;
  c.emission_period = emission.duration("period", sim::kYear, sim::kDay,
                                        "halving: the era (the rate halves every period); exponential_decay: the "
                                        "half-life; linear: the time to release everything");
  emission.finish();

  Section agents = root.section("agents", "who holds and trades the token");
  Section holders = agents.section("holders", "community holders: claim emissions, sell a share, some stake");
  c.holders = static_cast<std::uint32_t>(holders.integer("count", c.holders, 1, 4'000'000'000, "number of holders"));
  c.holder_action_mean =
      holders.duration("action_every", c.holder_action_mean, 1, "mean gap between a holder's actions (Poisson)");
  read_beta(holders, "sell_share", "share of its balance a holder sells per action ~ Beta(alpha, beta)",
            c.holder_sell_alpha, c.holder_sell_beta);
  c.price_awareness = holders.number("price_awareness", c.price_awareness, 0, 100,
                                     "k: sell share x (1 + k max(0, price / basis - 1)), capped at 1");
  holders.finish();
  Section team = agents.section("team", "team members: receive the team's vesting, sell a share of each unlock");
  c.team_members = static_cast<std::uint32_t>(team.integer("count", c.team_members, 1, 1'000'000, "team members"));
  Section investors = agents.section("investors", "investors: receive their vesting, sell a share of each unlock");
  c.investors = static_cast<std::uint32_t>(investors.integer("count", c.investors, 1, 1'000'000, "investors"));
  for (Section* g : {&team, &investors}) {
    read_beta(*g, "sell_share", "share of each unlock sold ~ Beta(alpha, beta), drawn per unlock", c.insider_sell_alpha,
              c.insider_sell_beta);
    g->finish();
  }
  agents.finish();

  Section market = root.section("market", "the AMM pool and exogenous demand");
  c.amm_fee = market.share("amm_fee", c.amm_fee, "swap fee (Uniswap V2: 0.003)");
  Section demand = market.section("demand", "exogenous USD buying, once per window");
  c.daily_demand = demand.usd("daily_usd", c.daily_demand, MicroUsd(0), "USD spent buying per day at genesis");
  c.demand_growth_per_year =
      demand.number("growth_per_year", c.demand_growth_per_year, -0.99, 100, "compounding growth (0.5: +50% a year)");
  c.demand_noise_sigma =
      demand.number("noise_sigma", c.demand_noise_sigma, 0, 5, "daily lognormal noise (sigma of the log; mean one)");
  detail::read_shocks(r, demand, c.shocks);
  demand.finish();
  market.finish();

  Section gas = root.section("gas", "EIP-1559 transaction fees: a window is one block");
  c.gas = gas.flag("enabled", c.gas, "actions pay gas; false: actions are free");
  c.gas_limit = static_cast<std::uint64_t>(
      gas.integer("limit", static_cast<std::int64_t>(c.gas_limit), 2, kMaxI64,
                  "gas per window; the target is limit // elasticity_multiplier (default: a day of 30M-gas Ethereum "
                  "blocks)"));
  c.initial_base_fee = static_cast<std::uint64_t>(gas.integer(
      "initial_base_fee", static_cast<std::int64_t>(c.initial_base_fee), 1, kMaxI64, "nano base units per gas"));
  c.fee_market = read_eip1559_params(gas);
  c.priority_fee = static_cast<std::uint64_t>(gas.integer("priority_fee", static_cast<std::int64_t>(c.priority_fee), 0,
                                                          kMaxI64, "tip, nano base units per gas"));
  c.claim_gas = static_cast<std::uint64_t>(
      gas.integer("claim", static_cast<std::int64_t>(c.claim_gas), 0, 30'000'000, "gas of a claim"));
  c.swap_gas = static_cast<std::uint64_t>(
      gas.integer("swap", static_cast<std::int64_t>(c.swap_gas), 0, 30'000'000, "gas of a swap"));
  c.stake_gas = static_cast<std::uint64_t>(
      gas.integer("stake", static_cast<std::int64_t>(c.stake_gas), 0, 30'000'000, "gas of a stake or unstake"));
  c.min_value_per_fee = gas.integer("min_value_per_fee", c.min_value_per_fee, 0, 1'000'000,
                                    "an agent acts only when it moves at least this many times the fee");
  gas.finish();

  Section staking = root.section("staking", "a reward-per-share staking pool paid from the treasury");
  c.staker_fraction = staking.number("stakers", c.staker_fraction, 0, 1, "share of holders who stake");
  read_beta(staking, "stake_share", "share of each claim a staker stakes ~ Beta(alpha, beta)", c.stake_alpha,
            c.stake_beta);
  c.unstake_probability = staking.number("unstake_probability", c.unstake_probability, 0, 1,
                                         "chance per action of unstaking everything (also when the price halves)");
  c.unbonding = staking.duration("unbonding", c.unbonding, 0, "time between unstaking and getting the tokens back");
  c.staking_rewards_per_year = staking.tokens("rewards_per_year", c.staking_rewards_per_year, Tokens(0),
                                              "paid daily from the treasury while it lasts");
  staking.finish();
}

void check_launch(Reader& r, const Document& doc, const Scenario& s) {
  const TokenLaunchConfig& c = s.launch;
  whole_windows(r, doc, s, c.emission_period, "emission.period", "an emission period of");
  if (c.gas && c.gas_limit < 2) r.error(node_at(doc, "gas.limit"), "gas.limit", "expected at least 2");
  if (c.gas && c.gas_limit >= 2 && c.gas_limit < c.fee_market.elasticity_multiplier) {
    r.error(node_at(doc, "gas.limit"), "gas.limit",
            fmt::format("expected at least gas.elasticity_multiplier ({}): the gas target is limit // it",
                        c.fee_market.elasticity_multiplier));
  }
}

std::uint64_t launch_agents(const Scenario& s) {
  return std::uint64_t{s.launch.holders} + s.launch.team_members + s.launch.investors;
}

std::vector<MetricInfo> launch_documented_metrics() { return launch_metrics(Scenario{}); }

std::vector<Document> launch_schema_documents() {
  // A token launch with every default and its optional lists.
  static const char* const kProbe =
      "model: token_launch\n"
      "market: {demand: {shocks: [{at: 30d}]}}\n"
      "invariants: [{metric: price, never_below: 0}]\n";
  std::vector<Document> docs;
  docs.push_back(Document::parse(kProbe, "<schema>"));
  return docs;
}

}  // namespace toksim::models::detail
