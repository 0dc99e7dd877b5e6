// bench/compute_network: the AI compute network at scale. Prints one line per run:
//   COMPUTE_NETWORK providers=P contributors=C jobs=J threads=T seconds=S jobs_per_s=R events_per_s=E
//                   bytes_per_agent=B digest=HEX
// The network is the embedded default scenario (scenarios/default.yaml) with its provider groups scaled to P
// providers in the same proportions, C data contributors, and job arrivals scaled so that about J jobs are
// submitted over the horizon (the default's mix, growth and seasonality). `jobs` is the number actually
// submitted. Without --threads it runs 1 and 2 threads, each in its own process, and checks the digests agree.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "../common/bench_util.hpp"
#include "toksim/models/scenario/scenario.hpp"
#include "toksim/models/scenario/simulation.hpp"

namespace {

using toksim::bench::status_kb;

struct Options {
  std::uint64_t providers = 100'000, contributors = 1'000'000, jobs = 10'000'000;
  double years = 1.0;
  std::uint64_t seed = 1;
};

toksim::models::Scenario scenario(const Options& o) {
  using namespace toksim;
  models::Scenario s = models::load_scenario(
      "", {"run.horizon=" + std::to_string(static_cast<long>(o.years * 365)) + "d", "seed=" + std::to_string(o.seed)});
  models::ComputeNetworkConfig& c = s.compute;
  std::uint64_t have = 0;
  for (const auto& g : c.providers) have += g.count;
  std::uint64_t given = 0;
  for (std::size_t i = 0; i < c.providers.size(); ++i) {
    auto& g = c.providers[i];
    g.count = i + 1 == c.providers.size() ? static_cast<std::uint32_t>(o.providers - given)
                                          : static_cast<std::uint32_t>(g.count * o.providers / have);
    given += g.count;
  }
  c.contributors = static_cast<std::uint32_t>(o.contributors);
  // Expected submissions of the default mix over the horizon: rate x integral of the growth curve.
  double per_day = 0;
  for (const auto& j : c.jobs) per_day += j.arrivals_per_day;
  const double g = std::log1p(c.demand_growth_per_year);
  const double days = 365.0 * o.years;
  const double expected = per_day * (g > 0 ? (std::exp(g * o.years) - 1.0) / g * 365.0 : days);
  const double scale = static_cast<double>(o.jobs) / expected;
  for (auto& j : c.jobs) j.arrivals_per_day *= scale;
  s.memory_estimate = models::memory_estimate(models::scenario_agents(s), 0, 0);
  return s;
}

void run_one(const Options& o, std::uint32_t threads) {
  using namespace toksim;
  const long base_kb = status_kb("VmRSS");
  const models::Scenario s = scenario(o);
  const auto t0 = std::chrono::steady_clock::now();
  models::Simulation sim(s, threads);
  sim.advance(sim::kNever);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const models::MetricRecord& m = sim.metrics();
  const auto submitted = m.ints(static_cast<std::size_t>(m.find("jobs_submitted")));
  const auto completed = m.ints(static_cast<std::size_t>(m.find("jobs_completed")));
  const auto dropped = m.ints(static_cast<std::size_t>(m.find("jobs_dropped")));
  std::int64_t jobs = 0, done = 0, lost = 0;
  for (std::size_t i = 0; i < submitted.size(); ++i) {
    jobs += submitted[i];
    done += completed[i];
    lost += dropped[i];
  }
  const long peak_kb = status_kb("VmHWM");
  const double bytes =
      static_cast<double>(peak_kb - base_kb) * 1024.0 / static_cast<double>(models::scenario_agents(s));
  fmt::print(
      "COMPUTE_NETWORK providers={} contributors={} jobs={} threads={} seconds={:.2f} jobs_per_s={:.0f} "
      "events_per_s={:.0f} bytes_per_agent={:.1f} completed={} dropped={} digest={}\n",
      o.providers, o.contributors, jobs, sim.threads(), seconds, static_cast<double>(jobs) / seconds,
      static_cast<double>(sim.events()) / seconds, bytes, done, lost, sim.digest());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Compute-network benchmark: the default AI compute network scaled to P providers, C contributors, J jobs"};
  Options o;
  std::uint32_t threads = 0;
  app.add_option("--providers", o.providers, "GPU providers")->capture_default_str()->check(CLI::Range(4, 100'000'000));
  app.add_option("--contributors", o.contributors, "data contributors")
      ->capture_default_str()
      ->check(CLI::Range(4, 1'000'000'000));
  app.add_option("--jobs", o.jobs, "jobs submitted over the horizon (about)")->capture_default_str();
  app.add_option("--years", o.years, "simulated years")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", o.seed, "random seed")->capture_default_str();
  app.add_option("--threads", threads, "worker threads (omit: 1 and 2, each in its own process)");
  CLI11_PARSE(app, argc, argv);
  try {
    if (threads != 0) {
      run_one(o, threads);
      return 0;
    }
    for (const std::uint32_t t : {1u, 2u}) {
      if (toksim::bench::run_in_child("compute_network", [&] { run_one(o, t); }) != 0) return 3;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compute_network: %s\n", e.what());
    return 3;
  }
  return 0;
}
