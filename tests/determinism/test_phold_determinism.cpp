// Pins the engine's central promise on PHOLD: the final state's digest is the same for 1, 2 and 4 threads,
// 1, 3 and 8 shards, and both queue implementations, also when the run is cut into steps; and that digest is
// PHOLD's golden one (tests/golden/phold.golden), so a change to the engine that moves every run alike fails too.
// Leaves out MPI ranks (not built yet) and speed (bench/phold).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "phold/phold.hpp"

using namespace toksim;

namespace {
std::string run(const bench::PholdConfig& cfg, std::uint32_t threads, std::uint32_t shards, sim::QueueKind queue,
                sim::Time until, sim::Time step = 0) {
  bench::Phold model(cfg);
  sim::Engine engine(model, model.population(),
                     {.seed = 2026, .shards = shards, .threads = threads, .window = cfg.lookahead, .queue = queue});
  if (step > 0) {
    for (sim::Time t = step; t < until; t += step) engine.run_until(t);
  }
  engine.run_until(until);
  REQUIRE(engine.events_processed() > 1000);
  return model.digest(engine);
}
}  // namespace

/// The golden PHOLD cases: population, remote share and the digest after 60 lookaheads (seed 2026).
std::string golden_key(std::uint32_t population, double remote) {
  std::ostringstream key;
  key << "lps=3000 population=" << population << " remote=" << remote;
  return key.str();
}

std::map<std::string, std::string> read_golden(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto cut = line.rfind(' ');
    out[line.substr(0, cut)] = line.substr(cut + 1);
  }
  return out;
}

TEST_CASE("determinism: PHOLD digests agree across threads shards and queues", "[determinism][phold]") {
  bench::PholdConfig cfg;
  cfg.lps = 3000;
  cfg.population = GENERATE(1u, 3u);
  cfg.remote = GENERATE(0.5, 1.0);
  const sim::Time until = 60 * cfg.lookahead;
  const std::string reference = run(cfg, 1, 1, sim::QueueKind::BinaryHeap, until);
  const std::string golden =
      read_golden(TOKSIM_SOURCE_DIR "/tests/golden/phold.golden")[golden_key(cfg.population, cfg.remote)];
  INFO("population=" << cfg.population << " remote=" << cfg.remote);
  CHECK(reference == golden);
  for (std::uint32_t threads : {1u, 2u, 4u}) {
    for (std::uint32_t shards : {1u, 3u, 8u}) {
      for (auto queue : {sim::QueueKind::BinaryHeap, sim::QueueKind::WindowBuckets}) {
        INFO("threads=" << threads << " shards=" << shards << " queue=" << sim::to_string(queue));
        CHECK(run(cfg, threads, shards, queue, until) == reference);
      }
    }
  }
  CHECK(run(cfg, 2, 8, sim::QueueKind::WindowBuckets, until, 7 * cfg.lookahead + 13) == reference);
}

TEST_CASE("determinism: a different seed gives a different PHOLD digest", "[determinism][phold]") {
  bench::PholdConfig cfg;
  cfg.lps = 500;
  bench::Phold a(cfg), b(cfg);
  sim::Engine ea(a, a.population(), {.seed = 1, .window = cfg.lookahead});
  sim::Engine eb(b, b.population(), {.seed = 2, .window = cfg.lookahead});
  ea.run_until(20 * cfg.lookahead);
  eb.run_until(20 * cfg.lookahead);
  CHECK(a.digest(ea) != b.digest(eb));
}

// Writes tests/golden/phold.golden when TOKSIM_GOLDEN_UPDATE names the file (scripts/update-golden.sh); otherwise
// checks that every golden case is in the file, so a lost line cannot pass as an empty digest.
TEST_CASE("determinism: PHOLD golden file", "[determinism][phold][golden]") {
  const char* update = std::getenv("TOKSIM_GOLDEN_UPDATE");
  std::ostringstream text;
  text
      << "# PHOLD digests (seed 2026, 60 lookaheads, 1 thread, 1 shard); tests/determinism/test_phold_determinism.cpp\n"
      << "# regenerate with scripts/update-golden.sh; a commit that changes this file says why\n";
  const auto stored = read_golden(TOKSIM_SOURCE_DIR "/tests/golden/phold.golden");
  for (std::uint32_t population : {1u, 3u}) {
    for (double remote : {0.5, 1.0}) {
      bench::PholdConfig cfg;
      cfg.lps = 3000;
      cfg.population = population;
      cfg.remote = remote;
      const std::string key = golden_key(population, remote);
      if (update) {
        text << key << ' ' << run(cfg, 1, 1, sim::QueueKind::BinaryHeap, 60 * cfg.lookahead) << '\n';
      } else {
        INFO(key);
        CHECK(stored.count(key) == 1);
      }
    }
  }
  if (update) std::ofstream(update) << text.str();
}
