// Pins the engine's central promise on PHOLD: the final state's digest is the same for 1, 2 and 4 threads,
// 1, 3 and 8 shards, and both queue implementations, also when the run is cut into steps. Leaves out MPI
// ranks (not built yet) and speed (bench/phold).
#include <catch2/catch.hpp>

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

TEST_CASE("determinism: PHOLD digests agree across threads shards and queues", "[determinism][phold]") {
  bench::PholdConfig cfg;
  cfg.lps = 3000;
  cfg.population = GENERATE(1u, 3u);
  cfg.remote = GENERATE(0.5, 1.0);
  const sim::Time until = 60 * cfg.lookahead;
  const std::string reference = run(cfg, 1, 1, sim::QueueKind::BinaryHeap, until);
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
