// `toksim run`: one scenario to its horizon, written to HDF5 as it goes, with a progress bar on a terminal,
// clean interruption on SIGINT/SIGTERM, and a short summary at the end.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include <unistd.h>

#include "commands.hpp"
#include "run_scenario.hpp"
#include "signals.hpp"
#include "support.hpp"
#include "toksim/models/scenario/registry.hpp"

namespace toksim::cli {

namespace {

std::string money(double x) {
  if (std::fabs(x) >= 1e9) return fmt::format("{:.3f}B", x / 1e9);
  if (std::fabs(x) >= 1e6) return fmt::format("{:.2f}M", x / 1e6);
  if (std::fabs(x) >= 1e3) return fmt::format("{:.1f}k", x / 1e3);
  return fmt::format("{:.4g}", x);
}

void print_summary(const RunOutcome& r, const models::Scenario& s) {
  const models::Simulation& sim = *r.sim;
  const models::MetricRecord& m = sim.metrics();
  const std::uint64_t agents = models::scenario_agents(s);
  fmt::print("toksim run: {} (seed {}, {}, {} agents, {} shards, {} threads)\n", s.name, s.seed,
             sim::format_duration(s.horizon), agents, s.shards, sim.threads());
  const double rate = r.wall_seconds > 0 ? static_cast<double>(sim.events()) / r.wall_seconds : 0.0;
  fmt::print("  {} in {:.2f} s: {} events ({:.1f} M/s), {} samples{}\n", r.status, r.wall_seconds, sim.events(),
             rate / 1e6, m.samples(), r.file.empty() ? "" : ", file " + r.file.string());
  if (m.samples() == 0) return;
  const auto t = m.time();
  const auto show = [&](std::string_view name, bool usd) {
    const int i = m.find(name);
    if (i < 0) return;
    const std::vector<double> v = m.values(static_cast<std::size_t>(i));
    std::size_t lo = 0, hi = 0;
    for (std::size_t k = 0; k < v.size(); ++k) {
      if (v[k] < v[lo]) lo = k;
      if (v[k] > v[hi]) hi = k;
    }
    const auto f = [&](double x) { return usd ? fmt::format("${:.4f}", x) : money(x); };
    fmt::print("  {:<16} {} -> {}  (min {} at {}, max {} at {})\n", name, f(v.front()), f(v.back()), f(v[lo]),
               sim::format_duration(t[lo]), f(v[hi]), sim::format_duration(t[hi]));
  };
  show("price", true);
  const auto sum = [&](const char* name) {
    const int i = m.find(name);
    if (i < 0) return 0.0;
    double total = 0;
    for (const double x : m.values(static_cast<std::size_t>(i))) total += std::isnan(x) ? 0.0 : x;
    return total;
  };
  for (const std::string_view n : models::economy(s.model).summary) show(n, false);
  if (m.find("jobs_submitted") >= 0) {  // a market of jobs: what it served and where the fees went
    fmt::print("  {:<16} {} submitted, {} completed, {} dropped; ${} in fees\n", "jobs", money(sum("jobs_submitted")),
               money(sum("jobs_completed")), money(sum("jobs_dropped")), money(sum("fees_usd")));
    fmt::print("  {:<16} providers {}, creators {}, contributors {}, treasury {}, burned {} tokens\n", "paid",
               money(sum("paid_provider")), money(sum("paid_creator")), money(sum("paid_contributors")),
               money(sum("paid_treasury")), money(sum("paid_burn")));
  }
  if (const int g = m.find("gini"); g >= 0) {
    const auto v = m.reals(static_cast<std::size_t>(g));
    fmt::print("  {:<16} {:.4f} at the end\n", "gini", v.back());
  }
  std::size_t broken = 0;
  for (const models::Invariant& inv : s.invariants) {
    const int i = m.find(inv.metric);
    if (i >= 0 && !models::evaluate(inv, t, m.values(static_cast<std::size_t>(i))).ok) ++broken;
  }
  if (!s.invariants.empty()) {
    fmt::print("  invariants       {} declared, {}\n", s.invariants.size(),
               broken == 0 ? std::string("all hold") : fmt::format("{} broken (details: toksim check)", broken));
  }
}

}  // namespace

int run_command(const RunOptions& o) {
  std::vector<std::string> sets = o.sets;
  if (o.seed >= 0) sets.push_back("seed=" + std::to_string(o.seed));
  auto s = load_or_report(o.scenario, sets);
  if (!s) return kBadInput;
  std::filesystem::path out = o.out;
  if (out.empty()) out = s->name + ".h5";
  if (out.has_parent_path() && !std::filesystem::is_directory(out.parent_path())) {
    print_error("-o " + out.string() + ": expected a file in an existing directory, got no directory " +
                out.parent_path().string());
    return kBadInput;
  }
  install_signal_handlers();
  RunOutcome r = run_scenario(*s, out, o.threads, !o.quiet && isatty(STDERR_FILENO) != 0);
  if (r.exit != kOk) {
    print_error(r.status);
    if (!r.file.empty()) print_error("kept the incomplete output as " + r.file.string());
    return r.exit;
  }
  if (!o.quiet) print_summary(r, *s);
  return kOk;
}

}  // namespace toksim::cli
