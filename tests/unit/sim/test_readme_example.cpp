// Pins that the C++ example in README.md ("Using the engine from C++") compiles and runs as written, and that
// it is reproducible across shard and thread counts. Keep the two in sync. Leaves out its speed.
#include <catch2/catch.hpp>

#include "toksim/sim/sim.hpp"

namespace {
using namespace toksim::sim;

// --- begin README example (the model) ---
struct Gossip final : Model {
  void init_agent(AgentContext& ctx) override { ctx.schedule(ctx.rng().uniform_int(kDay), 1); }
  void on_agent_event(AgentContext& ctx, const Event&) override {
    const auto peer = static_cast<AgentId>(ctx.rng().uniform_int(ctx.partition().population().total()));
    ctx.send(peer, ctx.window_end() + static_cast<Time>(ctx.rng().exponential(1.0 / kHour)), 1);
  }
};
// --- end README example ---

std::string run(std::uint32_t shards, std::uint32_t threads) {
  Gossip model;
  Engine engine(model, Population({{"peer", 2'000}}),
                {.seed = 42, .shards = shards, .threads = threads, .window = kHour});
  engine.run_until(parse_duration("3d"));
  Digest d;
  engine.digest(d);
  return d.hex();
}
}  // namespace

TEST_CASE("sim::readme: the README example runs and is reproducible", "[sim][readme]") {
  CHECK(run(8, 2) == run(1, 1));
}
