// bench/phold: PHOLD on the toksim engine. Prints one line per run:
//   PHOLD lps=N threads=T shards=S events=E seconds=X events_per_s=R digest=HEX
// Without --lps it runs a representative table (N in 10^4..10^6, 1 and 2 threads, several shard counts).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "phold.hpp"
#include "toksim/sim/error.hpp"

namespace {

struct Run {
  std::uint32_t lps;
  std::uint32_t threads;
  std::uint32_t shards;
};

int run_one(const Run& r, std::uint64_t target_events, const toksim::bench::PholdConfig& base,
            toksim::sim::QueueKind queue, std::uint64_t seed) {
  using namespace toksim;
  bench::PholdConfig cfg = base;
  cfg.lps = r.lps;
  bench::Phold model(cfg);
  sim::Engine engine(model, model.population(),
                     {.seed = seed, .shards = r.shards, .threads = r.threads, .window = cfg.lookahead, .queue = queue});
  engine.start();
  // Expected events per unit of time: lps * population / (lookahead + mean); run for target_events of them.
  const double rate =
      static_cast<double>(cfg.lps) * cfg.population / static_cast<double>(cfg.lookahead + cfg.mean_delay);
  const auto windows =
      static_cast<sim::Time>(static_cast<double>(target_events) / rate / static_cast<double>(cfg.lookahead)) + 1;
  const auto t0 = std::chrono::steady_clock::now();
  engine.run_until(windows * cfg.lookahead);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::uint64_t events = engine.events_processed();
  fmt::print("PHOLD lps={} threads={} shards={} events={} seconds={:.3f} events_per_s={:.0f} digest={}\n", r.lps,
             engine.threads(), r.shards, events, seconds, static_cast<double>(events) / seconds, model.digest(engine));
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"PHOLD benchmark of the toksim engine"};
  std::uint32_t lps = 0, threads = 1, shards = 1;
  std::uint64_t events = 20'000'000, seed = 1;
  std::string queue = "buckets";
  toksim::bench::PholdConfig cfg;
  app.add_option("--lps", lps, "logical processes (omit for the representative table)")->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "worker threads (0: one per core)");
  app.add_option("--shards", shards, "shards")->check(CLI::Range(1, 65536));
  app.add_option("--events", events, "approximate number of events per run")->capture_default_str();
  app.add_option("--remote", cfg.remote, "probability that an event goes to a random LP")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--population", cfg.population, "events per LP at the start")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--queue", queue, "event queue: buckets or heap")
      ->check(CLI::IsMember({"buckets", "heap"}))
      ->capture_default_str();
  app.add_option("--seed", seed, "random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  try {
    const auto kind = toksim::sim::parse_queue_kind(queue);
    std::vector<Run> runs;
    if (lps != 0) {
      runs.push_back({lps, threads, shards});
    } else {
      for (std::uint32_t n : {10'000u, 100'000u, 1'000'000u}) {
        runs.push_back({n, 1, 1});
        runs.push_back({n, 1, 8});
        runs.push_back({n, 2, 2});
        runs.push_back({n, 2, 8});
      }
    }
    for (const Run& r : runs) run_one(r, events, cfg, kind, seed);
  } catch (const toksim::Error& e) {
    std::fprintf(stderr, "phold: %s\n", e.what());
    return 2;
  }
  return 0;
}
