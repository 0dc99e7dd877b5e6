// The scenario schema: every key a scenario may have, its type, range, default and meaning, and the
// cross-field rules (shares sum to 1, periods are whole windows, the memory estimate fits). See scenario.hpp.
#include "toksim/models/scenario/scenario.hpp"

#include "schema_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>

namespace toksim::models {

// Defined in a file generated from scenarios/default.yaml (see models/CMakeLists.txt).
extern const char* const kDefaultScenarioYaml;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kMaxI64 = std::numeric_limits<std::int64_t>::max();

/// Bytes of memory per agent, measured at 10^7 holders (bench/RESULTS.md: 85.5 B), with headroom.
constexpr std::uint64_t kBytesPerAgent = 100;
constexpr std::uint64_t kFixedBytes = 64ull << 20;
constexpr std::uint64_t kBytesPerWindow = sizeof(LaunchSample);
constexpr std::uint64_t kBytesPerSample = 8 + 8 * 18;  // time + one value per metric

std::optional<sim::Time> time_or_end(Reader& r, const YAML::Node& n, const std::string& path) {
  if (n.IsDefined() && n.IsScalar() && n.Scalar() == "end") return sim::kNever;
  if (n.IsDefined() && n.IsScalar()) {
    try {
      return sim::parse_duration(n.Scalar());
    } catch (const ParseError&) {
    }
  }
  r.error(n, path, "expected a duration like 90d or 1y, or \"end\", got " + describe(n));
  return std::nullopt;
}

/// The node at a dotted key path, or the deepest one that exists on the way (errors point there).
YAML::Node node_at(const Document& doc, std::string_view path) {
  YAML::Node cur = doc.root();
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto dot = path.find('.', pos);
    const std::string key(path.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
    if (!cur.IsMap()) break;
    const YAML::Node& c = cur;
    const YAML::Node next = c[key];
    if (!next.IsDefined()) break;
    cur.reset(next);
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return cur;
}

std::vector<std::string> metric_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const MetricInfo& m : scenario_metrics(s)) names.push_back(m.name);
  return names;
}

/// A Beta(alpha, beta) distribution as a map {alpha, beta}.
void read_beta(Section& parent, const char* key, const char* doc, double& alpha, double& beta) {
  Section d = parent.section(key, doc);
  alpha = d.number("alpha", alpha, 1e-3, 1e3, "Beta alpha");
  beta = d.number("beta", beta, 1e-3, 1e3, "Beta beta");
  d.finish();
}

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
      {"investors", &c.investor_share, &c.investor_cliff, &c.investor_steps, "investors' allocation, vested after a cliff"},
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

void read_invariants(Reader& r, Section& root, Scenario& s) {
  const std::vector<std::string> names = metric_names(s);
  static const std::vector<std::string> kRules = {"never_below", "never_above", "max_drawdown", "max_growth_per_year",
                                                  "at", "min_runway_months", "growth_between"};
  // Every rule is in the schema listing, whichever ones this scenario uses.
  const char* const rule_docs[][3] = {
      {"never_below", "number", "the metric never falls below this (in its unit) between `from` and `to`"},
      {"never_above", "number", "the metric never rises above this between `from` and `to`"},
      {"max_drawdown", "number in [0, 1]", "largest allowed fall from the trailing peak (window: `over`)"},
      {"over", "duration", "max_drawdown: the trailing window of the peak (default: since `from`)"},
      {"max_growth_per_year", "number >= -1", "largest growth over any year (0.1: 10%), e.g. supply inflation"},
      {"at", "duration or end", "the value at this time (the last measured at or before) within at_least/at_most"},
      {"min_runway_months", "number >= 0", "least months the metric lasts at its trailing net outflow"},
      {"trailing", "duration", "min_runway_months: the window the outflow is measured over (default 90d)"},
      {"growth_between", "[duration, duration or end]", "growth v(to) / v(from) - 1 within at_least/at_most"},
      {"at_least", "number", "lower bound (at, growth_between)"},
      {"at_most", "number", "upper bound (at, growth_between)"},
  };
  for (const auto& d : rule_docs) r.record(std::string("invariants[].") + d[0], d[1], "", d[2]);
  for (Section item : root.items("invariants", "economic rules `toksim check` enforces after a run")) {
    Invariant inv;
    inv.path = item.path();
    inv.origin = r.document().origin(item.node(), item.path());
    inv.name = item.text("name", "", "a short name for messages");
    inv.metric = item.choice("metric", "price", names, "the recorded metric the rule reads (in its unit)");
    std::vector<std::string> present;
    for (const std::string& k : kRules) {
      if (item.has(k)) present.push_back(k);
    }
    if (present.size() != 1) {
      std::string list;
      for (const auto& k : kRules) list += (list.empty() ? "" : ", ") + k;
      std::string got = present.empty() ? std::string("none") : present[0];
      for (std::size_t i = 1; i < present.size(); ++i) got += " and " + present[i];
      r.error(item.node(), item.path(), "expected exactly one rule (" + list + "), got " + got);
    }
    const std::string rule = present.empty() ? std::string() : present[0];
    inv.from = item.duration("from", 0, 0, "the rule applies from this time on");
    if (item.has("to")) {
      inv.to = time_or_end(r, item.raw("to"), item.path() + ".to").value_or(sim::kNever);
    } else {
      item.raw("to");
    }
    r.record(item.path() + ".to", "duration or end", "end", "the rule applies until this time");
    const bool bounded = rule == "at" || rule == "growth_between";
    if (item.has("at_least")) inv.at_least = item.number("at_least", 0, -kInf, kInf, "lower bound (at, growth_between)");
    if (item.has("at_most")) inv.at_most = item.number("at_most", 0, -kInf, kInf, "upper bound (at, growth_between)");
    item.raw("at_least");
    item.raw("at_most");
    if (bounded && !inv.at_least && !inv.at_most) {
      r.error(item.node(), item.path(), "expected at_least or at_most with rule " + rule + ", got neither");
    }
    if (!bounded && (inv.at_least || inv.at_most)) {
      r.error(item.node(), item.path(), "expected at_least/at_most only with rule at or growth_between, got them with " +
                                            (rule.empty() ? std::string("no rule") : rule));
    }
    item.raw("over");
    item.raw("trailing");
    if (rule == "never_below" || rule == "never_above") {
      inv.rule = rule == "never_below" ? Invariant::Rule::NeverBelow : Invariant::Rule::NeverAbove;
      inv.bound = item.number(rule, 0, -kInf, kInf, "the bound, in the metric's unit");
    } else if (rule == "max_drawdown") {
      inv.rule = Invariant::Rule::MaxDrawdown;
      inv.bound = item.number(rule, 0, 0, 1, "largest allowed fall from the trailing peak, as a fraction");
      inv.over = item.duration("over", sim::kNever, 1, "the trailing window of the peak (default: since `from`)");
    } else if (rule == "max_growth_per_year") {
      inv.rule = Invariant::Rule::MaxGrowthPerYear;
      inv.bound = item.number(rule, 0, -1, kInf, "largest allowed growth over any year (0.1: 10%), e.g. supply inflation");
    } else if (rule == "at") {
      inv.rule = Invariant::Rule::ValueAt;
      inv.at = time_or_end(r, item.raw("at"), item.path() + ".at").value_or(sim::kNever);
    } else if (rule == "min_runway_months") {
      inv.rule = Invariant::Rule::MinRunway;
      inv.bound = item.number(rule, 0, 0, kInf, "least allowed months of runway at the trailing outflow rate");
      inv.over = item.duration("trailing", 90 * sim::kDay, sim::kDay, "the window the outflow rate is measured over");
    } else if (rule == "growth_between") {
      inv.rule = Invariant::Rule::Growth;
      const YAML::Node g = item.raw("growth_between");
      const std::string p = item.path() + ".growth_between";
      if (!g.IsSequence() || g.size() != 2) {
        r.error(g, p, "expected two times [FROM, TO] like [0d, 1y] or [90d, end], got " +
                          (g.IsSequence() ? fmt::format("a list of {} item{}", g.size(), g.size() == 1 ? "" : "s")
                                          : describe(g)));
      } else {
        inv.from = time_or_end(r, g[0], p + "[0]").value_or(0);
        inv.to = time_or_end(r, g[1], p + "[1]").value_or(sim::kNever);
        if (inv.from == sim::kNever) r.error(g[0], p + "[0]", "expected a duration, got \"end\"");
      }
    }
    for (const std::string& k : kRules) {
      if (k != rule) item.raw(k);  // reported above; not again as unknown
    }
    if (inv.to < inv.from) r.error(item.node(), item.path(), "expected `to` after `from`, got " +
                                                                  sim::format_duration(inv.to) + " < " +
                                                                  sim::format_duration(inv.from));
    item.finish();
    s.invariants.push_back(std::move(inv));
  }
}

void read_baseline(Reader& r, Section& root, Scenario& s) {
  Section check = root.section("check", "what `toksim check --baseline` compares with the stored baseline");
  const std::vector<std::string> names = metric_names(s);
  for (auto& [node, path] : check.scalars("metrics", "metric names", "metrics compared (default: price, supply, treasury)")) {
    if (auto m = r.choice(node, path, names)) s.baseline.metrics.push_back(*m);
  }
  if (!check.has("metrics")) s.baseline.metrics = {"price", "supply", "treasury"};
  for (auto& [node, path] : check.scalars("at", "durations or end", "times compared (default: end)")) {
    if (auto t = time_or_end(r, node, path)) s.baseline.at.push_back(*t);
  }
  if (!check.has("at")) s.baseline.at = {sim::kNever};
  s.baseline.rel_tolerance = check.number("rel_tolerance", 1e-9, 0, kInf, "relative tolerance: |a - b| <= abs + rel |b|");
  s.baseline.abs_tolerance = check.number("abs_tolerance", 0, 0, kInf, "absolute tolerance, in each metric's unit");
  check.finish();
}

/// The token launch's sections (token, emission, agents, market, gas, staking).
void read_launch(Reader& r, Section& root, Scenario& s) {
  TokenLaunchConfig& c = s.launch;
  Section token = root.section("token", "the token and its genesis");
  c.total_supply = token.tokens("total_supply", c.total_supply, Tokens(1), "tokens minted at genesis plus the community emission");
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
  c.holder_action_mean = holders.duration("action_every", c.holder_action_mean, 1, "mean gap between a holder's actions (Poisson)");
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
  c.demand_growth_per_year = demand.number("growth_per_year", c.demand_growth_per_year, -0.99, 100, "compounding growth (0.5: +50% a year)");
  c.demand_noise_sigma = demand.number("noise_sigma", c.demand_noise_sigma, 0, 5, "daily lognormal noise (sigma of the log; mean one)");
  detail::read_shocks(r, demand, c.shocks);
  demand.finish();
  market.finish();

  Section gas = root.section("gas", "EIP-1559 transaction fees: a window is one block");
  c.gas = gas.flag("enabled", c.gas, "actions pay gas; false: actions are free");
  c.gas_limit = static_cast<std::uint64_t>(gas.integer("limit", static_cast<std::int64_t>(c.gas_limit), 2, kMaxI64,
                                                       "gas per window; the target is half (default: a day of 30M-gas Ethereum blocks)"));
  c.initial_base_fee = static_cast<std::uint64_t>(gas.integer("initial_base_fee", static_cast<std::int64_t>(c.initial_base_fee), 1, kMaxI64,
                                                              "nano base units per gas"));
  c.priority_fee = static_cast<std::uint64_t>(gas.integer("priority_fee", static_cast<std::int64_t>(c.priority_fee), 0, kMaxI64,
                                                          "tip, nano base units per gas"));
  c.claim_gas = static_cast<std::uint64_t>(gas.integer("claim", static_cast<std::int64_t>(c.claim_gas), 0, 30'000'000, "gas of a claim"));
  c.swap_gas = static_cast<std::uint64_t>(gas.integer("swap", static_cast<std::int64_t>(c.swap_gas), 0, 30'000'000, "gas of a swap"));
  c.stake_gas = static_cast<std::uint64_t>(gas.integer("stake", static_cast<std::int64_t>(c.stake_gas), 0, 30'000'000, "gas of a stake or unstake"));
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

}  // namespace

namespace {

/// Reads everything the schema knows into a Scenario, recording problems in `r`.
Scenario read_with(Reader& r, const Document& doc) {
  Scenario s;
  TokenLaunchConfig& c = s.launch;
  Section root = r.root();
  root.raw("extends");  // resolved by Document
  r.record("extends", "path", "", "a scenario file this one extends (maps merge key by key; this file wins)");
  s.name = root.text("name", "scenario", "the scenario's name (output files and reports)");
  s.description = root.text("description", "", "what question the scenario answers");
  s.seed = static_cast<std::uint64_t>(root.integer("seed", 1, 0, kMaxI64, "random seed; a run is a pure function of scenario and seed"));
  s.model = root.choice("model", "token_launch", {"token_launch", "compute_network"},
                        "the economy simulated: a token launch, or an AI compute and data network");

  Section run = root.section("run", "how long and how finely the run goes");
  s.horizon = run.duration("horizon", 2 * sim::kYear, sim::kDay, "simulated time from genesis");
  const bool compute = s.model == "compute_network";
  c.window = run.duration("window", compute ? sim::kHour : sim::kDay, sim::kMinute,
                          "one block: emission epoch, market clearing and the engine's lookahead "
                          "(default 1d for token_launch, 1h for compute_network)");
  s.shards = static_cast<std::uint32_t>(run.integer("shards", 8, 1, 4096,
                                                    "agent partitions; results are identical for any thread count"));
  run.finish();

  if (compute) {
    detail::read_compute_network(r, root, doc, s);
  } else {
    read_launch(r, root, s);
  }

  Section metrics = root.section("metrics", "what the run records");
  s.sample_every = metrics.duration("every", compute ? sim::kDay : c.window, 1,
                                    "record the metrics at the end of every such period (default: a window for "
                                    "token_launch, a day for compute_network)");
  c.gini_every = metrics.duration("gini_every", c.gini_every, 1, "measure the holdings Gini (and recount balances) this often");
  metrics.finish();
  s.compute.window = c.window;
  s.compute.sample_every = s.sample_every;
  s.compute.gini_every = c.gini_every;

  Section output = root.section("output", "extra data written to the HDF5 file");
  Section snaps = output.section("snapshots", "agent columns ([snapshots, agents]) at a cadence; none by default");
  s.snapshot_every = snaps.duration("every", 0, 0, "0: no snapshots");
  const std::vector<std::string> kinds = compute ? std::vector<std::string>{"provider", "contributor"}
                                                 : std::vector<std::string>{"team", "investor", "holder"};
  for (auto& [node, path] : snaps.scalars("kinds", "agent kinds", "which kinds (default: all)")) {
    if (auto k = r.choice(node, path, kinds)) s.snapshot_kinds.push_back(*k);
  }
  if (!snaps.has("kinds")) s.snapshot_kinds = kinds;
  snaps.finish();
  output.finish();

  read_invariants(r, root, s);
  read_baseline(r, root, s);
  root.finish();

  // ---- rules across fields ----
  const auto whole_windows = [&](sim::Time t, const char* key, const std::string& what) {
    if (c.window > 0 && t > 0 && t != sim::kNever && t % c.window != 0) {
      r.error(node_at(doc, key), key, "expected " + what + " a whole number of windows (" +
                                          sim::format_duration(c.window) + "), got " + sim::format_duration(t));
    }
  };
  if (r.diagnostics().empty()) {
    whole_windows(s.horizon, "run.horizon", "a horizon of");
    if (compute) {
      whole_windows(s.compute.rewards_period, "rewards.period", "a rewards period of");
      if (sim::kDay % c.window != 0) {
        r.error(node_at(doc, "run.window"), "run.window",
                "expected a window that divides a day (compute_network), got " + sim::format_duration(c.window));
      }
    } else {
      whole_windows(c.emission_period, "emission.period", "an emission period of");
    }
    whole_windows(s.sample_every, "metrics.every", "a sampling period of");
    whole_windows(c.gini_every, "metrics.gini_every", "a Gini period of");
    whole_windows(s.snapshot_every, "output.snapshots.every", "a snapshot period of");
    if (s.sample_every > 0 && s.horizon % s.sample_every != 0 && s.horizon % c.window == 0) {
      r.error(node_at(doc, "run.horizon"), "run.horizon",
              "expected a whole number of sampling periods (metrics.every = " + sim::format_duration(s.sample_every) +
                  "), got " + sim::format_duration(s.horizon));
    }
    if (s.sample_every > 0 && c.gini_every % s.sample_every != 0) {
      r.error(node_at(doc, "metrics.gini_every"), "metrics.gini_every",
              "expected a multiple of metrics.every (" + sim::format_duration(s.sample_every) + "), got " +
                  sim::format_duration(c.gini_every));
    }
    if (!compute && c.gas && c.gas_limit < 2) r.error(node_at(doc, "gas.limit"), "gas.limit", "expected at least 2");
  }
  const std::uint64_t population = scenario_agents(s);
  const std::uint64_t windows = c.window > 0 ? static_cast<std::uint64_t>(s.horizon / c.window) : 0;
  const std::uint64_t samples = s.sample_every > 0 ? static_cast<std::uint64_t>(s.horizon / s.sample_every) : 0;
  s.memory_estimate = memory_estimate(population, windows, samples);
  const std::uint64_t have = machine_memory();
  if (r.diagnostics().empty() && have > 0 && s.memory_estimate > have) {
    const std::uint64_t for_agents = memory_estimate(population, 0, 0);
    const bool time_heavy = s.memory_estimate - for_agents > for_agents;
    const std::string key = time_heavy ? "run.horizon" : compute ? "data.contributors" : "agents.holders.count";
    r.error(node_at(doc, key), key,
            fmt::format("expected a run that fits this machine's memory ({:.1f} GiB), got an estimated {:.1f} GiB "
                        "({} agents x {} B, {} windows x {} B, {} samples x {} B, + {} MiB)",
                        static_cast<double>(have) / (1u << 30), static_cast<double>(s.memory_estimate) / (1u << 30),
                        population, kBytesPerAgent, windows, kBytesPerWindow, samples, kBytesPerSample,
                        kFixedBytes >> 20));
  }
  s.file = doc.name();
  s.source_text = doc.source_text();
  s.effective_yaml = doc.effective_yaml();
  return s;
}

}  // namespace

Scenario read_scenario(const Document& doc) {
  Reader r(doc);
  Scenario s = read_with(r, doc);
  r.throw_if_errors();
  return s;
}

namespace {
Scenario finish_load(Document doc, const std::vector<std::string>& sets) {
  std::vector<Diagnostic> problems;
  for (const std::string& a : sets) {
    try {
      doc.set(a);
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return read_scenario(doc);
}
}  // namespace

Scenario load_scenario(const std::filesystem::path& file, const std::vector<std::string>& sets) {
  if (file.empty()) return finish_load(Document::parse(default_scenario_yaml(), "<embedded default>"), sets);
  return finish_load(Document::load(file), sets);
}

Scenario parse_scenario(const std::string& text, const std::string& name, const std::vector<std::string>& sets) {
  return finish_load(Document::parse(text, name), sets);
}

const std::string& default_scenario_yaml() {
  static const std::string text(kDefaultScenarioYaml);
  return text;
}

std::vector<SchemaEntry> scenario_schema() {
  // Both economies: a token launch with every default and its optional lists, then the embedded default (a
  // compute network), then that network with one of every optional list item, so every key is listed.
  static const char* const kLaunchProbe =
      "model: token_launch\n"
      "market: {demand: {shocks: [{at: 30d}]}}\n"
      "invariants: [{metric: price, never_below: 0}]\n";
  static const char* const kComputeProbe =
      "governance:\n"
      "  sybil: {supports: [0]}\n"
      "  proposals: [{title: p, at: 10d, change: {split: {provider: 0.8, creator: 0.05, contributors: 0.1,\n"
      "               treasury: 0.03, burn: 0.02}, verification_rate: 0.1, stake_per_gpu: 200,\n"
      "               emission_scale: 0.5}}]\n"
      "  airdrops: [{at: 10d, amount: 1}]\n"
      "  qf_rounds: [{at: 10d, matching_pool: 1, cap: 0.5}]\n"
      "  conviction: {decay: 0.9999, requests: [{title: r, amount: 1, at: 10d}]}\n"
      "  polls: [{title: q, at: 10d, sybil_choice: 0, choices: [{name: a, change: {emission_scale: 0.5}}, {name: b}]}]\n"
      "demand: {shocks: [{at: 30d}]}\n";
  std::vector<SchemaEntry> all;
  const auto add = [&](const Document& doc) {
    Reader r(doc);
    (void)read_with(r, doc);
    for (const SchemaEntry& e : r.schema()) {
      if (std::none_of(all.begin(), all.end(), [&](const SchemaEntry& x) { return x.path == e.path; })) all.push_back(e);
    }
  };
  add(Document::parse(kLaunchProbe, "<schema>"));
  add(Document::parse(default_scenario_yaml(), "<schema>"));
  Document compute = Document::parse(default_scenario_yaml(), "<schema>");
  const YAML::Node probe = YAML::Load(kComputeProbe);
  for (const auto& kv : probe) {
    YAML::Emitter e;
    e << YAML::Flow << kv.second;
    compute.set(kv.first.Scalar() + "=" + e.c_str());
  }
  add(compute);
  return all;
}

std::uint64_t scenario_agents(const Scenario& s) {
  if (s.model == "compute_network") {
    std::uint64_t n = s.compute.contributors;
    if (s.compute.governance.sybil) n += s.compute.governance.sybil->fake_datasets;
    for (const ProviderGroup& g : s.compute.providers) n += g.count;
    return n;
  }
  return std::uint64_t{s.launch.holders} + s.launch.team_members + s.launch.investors;
}

std::vector<MetricInfo> scenario_metrics(const Scenario& s) {
  return s.model == "compute_network" ? detail::compute_metrics(s.compute) : detail::launch_metrics();
}

std::uint64_t memory_estimate(std::uint64_t agents, std::uint64_t windows, std::uint64_t samples) {
  return agents * kBytesPerAgent + windows * kBytesPerWindow + samples * kBytesPerSample + kFixedBytes;
}

std::uint64_t machine_memory() {
  std::uint64_t total = 0;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (meminfo >> key >> kb >> unit) {
    if (key == "MemTotal:") {
      total = kb * 1024;
      break;
    }
  }
  for (const char* f : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(f);
    std::string v;
    if (in >> v && !v.empty() && std::isdigit(static_cast<unsigned char>(v[0]))) {
      const std::uint64_t lim = std::stoull(v);
      if (lim > 0 && (total == 0 || lim < total)) total = lim;
    }
  }
  return total;
}

}  // namespace toksim::models
