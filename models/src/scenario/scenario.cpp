// The scenario schema: every key a scenario may have, its type, range, default and meaning, and the
// cross-field rules (shares sum to 1, periods are whole windows, the memory estimate fits). See scenario.hpp.
#include "toksim/models/scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>

#include "economies.hpp"
#include "toksim/models/scenario/registry.hpp"

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
    } catch (const ParseError&) {}
  }
  r.error(n, path, "expected a duration like 90d or 1y, or \"end\", got " + describe(n));
  return std::nullopt;
}

std::vector<std::string> metric_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const MetricInfo& m : scenario_metrics(s)) names.push_back(m.name);
  return names;
}

void read_invariants(Reader& r, Section& root, Scenario& s) {
  const std::vector<std::string> names = metric_names(s);
  static const std::vector<std::string> kRules = {
      "never_below", "never_above", "max_drawdown", "max_growth_per_year", "at", "min_runway_months", "growth_between"};
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
    if (item.has("at_least"))
      inv.at_least = item.number("at_least", 0, -kInf, kInf, "lower bound (at, growth_between)");
    if (item.has("at_most")) inv.at_most = item.number("at_most", 0, -kInf, kInf, "upper bound (at, growth_between)");
    item.raw("at_least");
    item.raw("at_most");
    if (bounded && !inv.at_least && !inv.at_most) {
      r.error(item.node(), item.path(), "expected at_least or at_most with rule " + rule + ", got neither");
    }
    if (!bounded && (inv.at_least || inv.at_most)) {
      r.error(item.node(), item.path(),
              "expected at_least/at_most only with rule at or growth_between, got them with " +
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
      inv.bound =
          item.number(rule, 0, -1, kInf, "largest allowed growth over any year (0.1: 10%), e.g. supply inflation");
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
        r.error(g, p,
                "expected two times [FROM, TO] like [0d, 1y] or [90d, end], got " +
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
    if (inv.to < inv.from)
      r.error(
          item.node(), item.path(),
          "expected `to` after `from`, got " + sim::format_duration(inv.to) + " < " + sim::format_duration(inv.from));
    item.finish();
    s.invariants.push_back(std::move(inv));
  }
}

void read_baseline(Reader& r, Section& root, Scenario& s) {
  Section check = root.section("check", "what `toksim check --baseline` compares with the stored baseline");
  const std::vector<std::string> names = metric_names(s);
  for (auto& [node, path] :
       check.scalars("metrics", "metric names", "metrics compared (default: price, supply, treasury)")) {
    if (auto m = r.choice(node, path, names)) s.baseline.metrics.push_back(*m);
  }
  if (!check.has("metrics")) s.baseline.metrics = {"price", "supply", "treasury"};
  for (auto& [node, path] : check.scalars("at", "durations or end", "times compared (default: end)")) {
    if (auto t = time_or_end(r, node, path)) s.baseline.at.push_back(*t);
  }
  if (!check.has("at")) s.baseline.at = {sim::kNever};
  s.baseline.rel_tolerance =
      check.number("rel_tolerance", 1e-9, 0, kInf, "relative tolerance: |a - b| <= abs + rel |b|");
  s.baseline.abs_tolerance = check.number("abs_tolerance", 0, 0, kInf, "absolute tolerance, in each metric's unit");
  check.finish();
}

}  // namespace

namespace {

/// "1d for token_launch, 1h for compute_network": an economy-dependent default, for the schema's documentation.
std::string per_economy(sim::Time EconomyEntry::*member, const char* zero, bool words) {
  std::string out;
  for (const EconomyEntry& e : economies()) {
    const sim::Time t = e.*member;
    const std::string v = t == 0 ? zero : words && t == sim::kDay ? "a day" : sim::format_duration(t);
    out += (out.empty() ? "" : ", ") + v + " for " + std::string(e.name);
  }
  return out;
}

/// Reads everything the schema knows into a Scenario, recording problems in `r`.
Scenario read_with(Reader& r, const Document& doc) {
  Scenario s;
  Section root = r.root();
  root.raw("extends");  // resolved by Document
  r.record("extends", "path", "", "a scenario file this one extends (maps merge key by key; this file wins)");
  s.name = root.text("name", "scenario", "the scenario's name (output files and reports)");
  s.description = root.text("description", "", "what question the scenario answers");
  s.seed = static_cast<std::uint64_t>(
      root.integer("seed", 1, 0, kMaxI64, "random seed; a run is a pure function of scenario and seed"));
  std::string what;
  for (const EconomyEntry& e : economies()) what += (what.empty() ? "" : ", or ") + std::string(e.description);
  s.model = root.choice("model", economies().front().name, economy_names(), "the economy simulated: " + what);
  const EconomyEntry& economy_of = economy(s.model);

  Section run = root.section("run", "how long and how finely the run goes");
  s.horizon = run.duration("horizon", 2 * sim::kYear, sim::kDay, "simulated time from genesis");
  s.window = run.duration("window", economy_of.window, sim::kMinute,
                          "one block: emission epoch, market clearing and the engine's lookahead "
                          "(default " +
                              per_economy(&EconomyEntry::window, "", false) + ")");
  s.shards = static_cast<std::uint32_t>(
      run.integer("shards", 8, 1, 4096, "agent partitions; results are identical for any thread count"));
  run.finish();
  s.launch.window = s.window;
  s.compute.window = s.window;

  economy_of.read(r, root, doc, s);

  Section metrics = root.section("metrics", "what the run records");
  s.sample_every = metrics.duration("every", economy_of.sample_every > 0 ? economy_of.sample_every : s.window, 1,
                                    "record the metrics at the end of every such period (default: " +
                                        per_economy(&EconomyEntry::sample_every, "a window", true) + ")");
  s.gini_every =
      metrics.duration("gini_every", s.gini_every, 1, "measure the holdings Gini (and recount balances) this often");
  metrics.finish();
  s.launch.gini_every = s.gini_every;
  s.compute.sample_every = s.sample_every;
  s.compute.gini_every = s.gini_every;

  Section output = root.section("output", "extra data written to the HDF5 file");
  Section snaps = output.section("snapshots", "agent columns ([snapshots, agents]) at a cadence; none by default");
  s.snapshot_every = snaps.duration("every", 0, 0, "0: no snapshots");
  const std::vector<std::string>& kinds = economy_of.kinds;
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
  if (r.diagnostics().empty()) {
    detail::whole_windows(r, doc, s, s.horizon, "run.horizon", "a horizon of");
    economy_of.check(r, doc, s);
    detail::whole_windows(r, doc, s, s.sample_every, "metrics.every", "a sampling period of");
    detail::whole_windows(r, doc, s, s.gini_every, "metrics.gini_every", "a Gini period of");
    detail::whole_windows(r, doc, s, s.snapshot_every, "output.snapshots.every", "a snapshot period of");
    if (s.sample_every > 0 && s.horizon % s.sample_every != 0 && s.horizon % s.window == 0) {
      r.error(detail::node_at(doc, "run.horizon"), "run.horizon",
              "expected a whole number of sampling periods (metrics.every = " + sim::format_duration(s.sample_every) +
                  "), got " + sim::format_duration(s.horizon));
    }
    if (s.sample_every > 0 && s.gini_every % s.sample_every != 0) {
      r.error(detail::node_at(doc, "metrics.gini_every"), "metrics.gini_every",
              "expected a multiple of metrics.every (" + sim::format_duration(s.sample_every) + "), got " +
                  sim::format_duration(s.gini_every));
    }
  }
  const std::uint64_t population = economy_of.agents(s);
  const std::uint64_t windows = s.window > 0 ? static_cast<std::uint64_t>(s.horizon / s.window) : 0;
  const std::uint64_t samples = s.sample_every > 0 ? static_cast<std::uint64_t>(s.horizon / s.sample_every) : 0;
  s.memory_estimate = memory_estimate(population, windows, samples);
  const std::uint64_t have = machine_memory();
  if (r.diagnostics().empty() && have > 0 && s.memory_estimate > have) {
    const std::uint64_t for_agents = memory_estimate(population, 0, 0);
    const bool time_heavy = s.memory_estimate - for_agents > for_agents;
    const std::string key = time_heavy ? "run.horizon" : std::string(economy_of.population_key);
    r.error(
        detail::node_at(doc, key), key,
        fmt::format("expected a run that fits this machine's memory ({:.1f} GiB), got an estimated {:.1f} GiB "
                    "({} agents x {} B, {} windows x {} B, {} samples x {} B, + {} MiB)",
                    static_cast<double>(have) / (1u << 30), static_cast<double>(s.memory_estimate) / (1u << 30),
                    population, kBytesPerAgent, windows, kBytesPerWindow, samples, kBytesPerSample, kFixedBytes >> 20));
  }
  s.file = doc.name();
  s.source_text = doc.source_text();
  s.effective_yaml = doc.effective_yaml();
  return s;
}

}  // namespace

namespace detail {

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

void whole_windows(Reader& r, const Document& doc, const Scenario& s, sim::Time t, const char* key,
                   const std::string& what) {
  if (s.window > 0 && t > 0 && t != sim::kNever && t % s.window != 0) {
    r.error(node_at(doc, key), key,
            "expected " + what + " a whole number of windows (" + sim::format_duration(s.window) + "), got " +
                sim::format_duration(t));
  }
}

}  // namespace detail

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
  // Every economy's documents, in the registry's order; a key is listed where it is first read.
  std::vector<SchemaEntry> all;
  for (const EconomyEntry& e : economies()) {
    for (const Document& doc : e.schema_documents()) {
      Reader r(doc);
      (void)read_with(r, doc);
      for (const SchemaEntry& x : r.schema()) {
        if (std::none_of(all.begin(), all.end(), [&](const SchemaEntry& y) { return y.path == x.path; }))
          all.push_back(x);
      }
    }
  }
  return all;
}

std::uint64_t scenario_agents(const Scenario& s) { return economy(s.model).agents(s); }

std::vector<MetricInfo> scenario_metrics(const Scenario& s) { return economy(s.model).metrics(s); }

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
