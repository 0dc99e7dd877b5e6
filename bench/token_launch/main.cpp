// bench/token_launch: the token-launch model at scale. Prints one line per run:
//   TOKEN_LAUNCH holders=N threads=T sim_days=D seconds=X events_per_s=R bytes_per_agent=B digest=HEX
// bytes_per_agent is the growth of peak resident memory over the run (model, engine, queues, metrics) divided
// by the number of agents. Without --holders it runs a representative table from 10^3 to 10^7 holders.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "../common/bench_util.hpp"
#include "toksim/models/launch/token_launch.hpp"

namespace {

using toksim::bench::status_kb;

void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // resets VmHWM to the current RSS (Linux >= 4.0)
}

struct Run {
  std::uint32_t holders;
  std::uint32_t threads;
};

void run_one(const Run& r, std::uint32_t shards, double years, std::uint64_t seed, bool summary) {
  using namespace toksim;
  reset_peak_rss();
  const long base_kb = status_kb("VmRSS");
  models::TokenLaunchConfig cfg;
  cfg.holders = r.holders;
  cfg.gini_every = 90 * sim::kDay;
  const auto t0 = std::chrono::steady_clock::now();
  models::TokenLaunch model(cfg, shards);
  sim::Engine engine(model, model.population(),
                     {.seed = seed, .shards = shards, .threads = r.threads, .window = cfg.window});
  engine.add_observer(model.observer());
  const auto horizon = static_cast<sim::Time>(years * static_cast<double>(sim::kYear));
  engine.run_until(horizon);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long peak_kb = status_kb("VmHWM");
  const std::uint64_t agents = model.population().total();
  const double bytes = static_cast<double>(peak_kb - base_kb) * 1024.0 / static_cast<double>(agents);
  fmt::print(
      "TOKEN_LAUNCH holders={} threads={} sim_days={} seconds={:.2f} events_per_s={:.0f} bytes_per_agent={:.1f} "
      "digest={}\n",
      r.holders, engine.threads(), horizon / sim::kDay, seconds,
      static_cast<double>(engine.events_processed()) / seconds, bytes, model.digest(engine));
  if (summary) {
    const auto& s = model.samples();
    double lo = s.front().price, hi = lo;
    for (const auto& x : s) {
      lo = std::min(lo, x.price);
      hi = std::max(hi, x.price);
    }
    std::uint64_t deferred = 0;
    for (const auto& x : s) deferred += x.deferred;
    fmt::print(
        "  price ${:.4f} -> ${:.4f} (min ${:.4f}, max ${:.4f}); supply {}; circulating {}; staked {}; "
        "fees burned {}; base fee {:.3f} units/gas; actions deferred for fees {}; events {}; "
        "conservation checked in {} windows\n",
        s.front().price / 1e6, s.back().price / 1e6, lo / 1e6, hi / 1e6, models::to_string(s.back().supply),
        models::to_string(s.back().circulating), models::to_string(s.back().staked),
        models::to_string(model.ledger().burned()), static_cast<double>(s.back().base_fee) / 1e9, deferred,
        engine.events_processed(), engine.windows_run());
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Token-launch benchmark: a 1B-token launch with vesting cliffs, halving emission and a Uniswap V2 pool"};
  std::uint32_t holders = 0, threads = 1, shards = 8;
  double years = 4.0;
  std::uint64_t seed = 1;
  bool summary = false;
  app.add_option("--holders", holders, "community holders (omit for the representative table)")
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "worker threads (0: one per core)")->capture_default_str();
  app.add_option("--shards", shards, "shards")->check(CLI::Range(1, 65536))->capture_default_str();
  app.add_option("--years", years, "simulated years")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--seed", seed, "random seed")->capture_default_str();
  app.add_flag("--summary", summary, "print a price and supply summary after each run");
  CLI11_PARSE(app, argc, argv);
  try {
    std::vector<Run> runs;
    if (holders != 0) {
      runs.push_back({holders, threads});
    } else {
      runs = {{1'000, 1}, {10'000, 1}, {100'000, 1}, {100'000, 2}, {1'000'000, 1}, {1'000'000, 2}, {10'000'000, 2}};
    }
    // Each run in its own process, so that one run's freed heap does not hide the next one's memory.
    for (const Run& r : runs) {
      if (runs.size() == 1) {
        run_one(r, shards, years, seed, summary);
        continue;
      }
      if (toksim::bench::run_in_child("token_launch", [&] { run_one(r, shards, years, seed, summary); }) != 0) return 3;
    }
  } catch (const toksim::Error& e) {
    std::fprintf(stderr, "token_launch: %s\n", e.what());
    return 3;
  }
  return 0;
}
