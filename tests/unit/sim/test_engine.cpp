// Pins the window loop's contract: lookahead enforcement, self events inside a window, the global phase's
// order, observers and window skipping, cancellation, priorities, and failures reported by the least
// failing event whatever the shard count. Leaves out throughput (bench/phold) and the PHOLD digest
// equality across modes (tests/determinism).
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "toksim/sim/engine.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim;
using namespace toksim::sim;

namespace {

/// A model made of lambdas; each test fills in what it needs. Handlers may run concurrently for different
/// shards, so they write only per-agent slots.
struct LambdaModel final : Model {
  std::function<void(AgentContext&)> init;
  std::function<void(GlobalContext&)> init_g;
  std::function<void(AgentContext&, const Event&)> agent;
  std::function<void(GlobalContext&, const Event&)> global;
  void init_agent(AgentContext& ctx) override {
    if (init) init(ctx);
  }
  void init_global(GlobalContext& ctx) override {
    if (init_g) init_g(ctx);
  }
  void on_agent_event(AgentContext& ctx, const Event& e) override {
    if (agent) agent(ctx, e);
  }
  void on_global_event(GlobalContext& ctx, const Event& e) override {
    if (global) {
      global(ctx, e);
    } else {
      Model::on_global_event(ctx, e);
    }
  }
};

struct Recorder final : Observer {
  std::vector<WindowInfo> windows;
  Time wake = kNever;
  void on_window_end(const WindowInfo& w) override {
    windows.push_back(w);
    if (wake < w.end) wake = kNever;
  }
  Time next_wakeup() const override { return wake; }
};

std::string failure_of(Engine& engine, Time until) {
  try {
    engine.run_until(until);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("sim::engine: sending inside the lookahead window is refused with a precise message", "[sim][engine]") {
  for (std::uint32_t shards : {1u, 4u}) {
    LambdaModel m;
    m.init = [](AgentContext& ctx) { ctx.schedule(ctx.now() + 5, 1); };
    m.agent = [](AgentContext& ctx, const Event& e) {
      // Agents 3 and 6 break the rule; 3 is the least failing event, whatever the shards.
      if (ctx.self() == 3 || ctx.self() == 6) ctx.send(0, e.t + 1, 2);
    };
    Engine engine(m, Population({{"a", 8}}), {.seed = 1, .shards = shards, .threads = 2, .window = 10});
    CHECK(failure_of(engine, 100) ==
          "local phase: agent 3 (a row 3), event kind 1 at t=5: event kind 2 from agent 3 to agent 0 at t=6: inside "
          "the lookahead window (it must be at or after the window end t=10)");
  }
}

TEST_CASE("sim::engine: bad targets and times in the past are refused", "[sim][engine]") {
  LambdaModel m;
  m.init = [](AgentContext& ctx) {
    if (ctx.self() == 0) ctx.send(99, 50, 1);
  };
  Engine engine(m, Population({{"a", 2}}), {.window = 10});
  try {
    engine.start();
    FAIL("no error");
  } catch (const ModelError& e) {
    CHECK(std::string(e.what()) ==
          "set-up: agent 0 (a row 0), event kind 0 at t=0: event kind 1 from agent 0 to agent "
          "99 at t=50: no such agent");
  }

  LambdaModel past;
  past.init = [](AgentContext& ctx) { ctx.schedule(20, 1); };
  past.agent = [](AgentContext& ctx, const Event&) { ctx.schedule(ctx.now() - 1, 1); };
  Engine e2(past, Population({{"a", 1}}), {.window = 10});
  CHECK(failure_of(e2, 100) ==
        "local phase: agent 0 (a row 0), event kind 1 at t=20: event kind 1 from agent 0 to "
        "agent 0 at t=19: in the past (now is t=20)");
}

TEST_CASE("sim::engine: self events inside a window run in that window, in Event order", "[sim][engine]") {
  std::vector<std::vector<std::tuple<Time, std::uint16_t>>> seen(3);
  LambdaModel m;
  m.init = [](AgentContext& ctx) { ctx.schedule(100, 1); };
  m.agent = [&](AgentContext& ctx, const Event& e) {
    seen[ctx.self()].emplace_back(e.t, e.kind);
    if (e.kind == 1) {
      ctx.schedule(e.t + 3, 3);                 // later in the same window
      ctx.schedule(e.t, 2, 0, /*priority=*/0);  // same second, runs next
      ctx.schedule(e.t + 50, 4);                // a later window
    }
  };
  Recorder rec;
  Engine engine(m, Population({{"a", 3}}), {.shards = 2, .window = 10});
  engine.add_observer(rec);
  engine.run_until(1000);
  for (const auto& s : seen) {
    CHECK(s == std::vector<std::tuple<Time, std::uint16_t>>{{100, 1}, {100, 2}, {103, 3}, {150, 4}});
  }
  REQUIRE(rec.windows.size() == 2);  // [100,110) and [150,160); empty windows are skipped
  CHECK(rec.windows[0].begin == 100);
  CHECK(rec.windows[0].events == 9);
  CHECK(rec.windows[1].begin == 150);
  CHECK(rec.windows[1].total_events == 12);
  CHECK(engine.events_processed() == 12);
  CHECK(engine.pending() == 0);
}

TEST_CASE("sim::engine: priorities order events of the same second", "[sim][engine]") {
  std::vector<std::uint16_t> kinds;
  LambdaModel m;
  m.init = [](AgentContext& ctx) {
    ctx.schedule(5, 1, 0, 7);
    ctx.schedule(5, 2, 0, 3);
    ctx.schedule(4, 3, 0, 9);
  };
  m.agent = [&](AgentContext&, const Event& e) { kinds.push_back(e.kind); };
  Engine engine(m, Population({{"a", 1}}), {.window = 10});
  engine.run_until(10);
  CHECK(kinds == std::vector<std::uint16_t>{3, 2, 1});
}

TEST_CASE("sim::engine: the global phase applies submissions in Event order and replies next window", "[sim][engine]") {
  using Row = std::tuple<Time, AgentId, std::uint32_t, std::uint64_t>;
  const auto run = [](std::uint32_t shards, std::uint32_t threads) {
    std::vector<Row> applied;
    std::vector<Time> replies(6, -1);
    LambdaModel m;
    m.init = [](AgentContext& ctx) { ctx.schedule(ctx.self() % 3, 1); };
    m.agent = [&](AgentContext& ctx, const Event& e) {
      if (e.kind == 1) {
        ctx.submit(7, e.t, 10, ctx.self() * 100);
        ctx.submit(7, e.t, 10, ctx.self() * 100 + 1);
      } else {
        replies[ctx.self()] = e.t;
      }
    };
    m.global = [&](GlobalContext& ctx, const Event& e) {
      CHECK(ctx.self() == 7);
      applied.emplace_back(e.t, e.source, e.seq, e.payload);
      if (e.payload % 100 == 1) ctx.send(e.source, ctx.window_end(), 2);
    };
    Engine engine(m, Population({{"a", 6}}), {.seed = 3, .shards = shards, .threads = threads, .window = 10});
    engine.run_until(100);
    return std::make_tuple(applied, replies);
  };
  const auto [applied, replies] = run(1, 1);
  REQUIRE(applied.size() == 12);
  CHECK(std::is_sorted(applied.begin(), applied.end()));  // (t, source, seq): the canonical order
  CHECK(std::get<0>(applied.front()) == 0);
  CHECK(replies == std::vector<Time>(6, 10));  // replied at the window end
  CHECK(run(3, 2) == run(1, 1));
  CHECK(run(6, 4) == run(1, 1));
}

TEST_CASE("sim::engine: global events scheduled inside the window run in the same global phase", "[sim][engine]") {
  std::vector<std::pair<Time, std::uint16_t>> order;
  LambdaModel m;
  m.init_g = [](GlobalContext& ctx) { ctx.schedule(1, 25, 1); };
  m.global = [&](GlobalContext& ctx, const Event& e) {
    order.emplace_back(e.t, e.kind);
    if (e.kind == 1) ctx.schedule(2, 28, 2);  // same window [20, 30)
    if (e.kind == 2) ctx.schedule(2, 31, 3);  // next window
  };
  Recorder rec;
  Engine engine(m, Population({{"a", 1}}), {.window = 10});
  engine.add_observer(rec);
  engine.run_until(100);
  CHECK(order == std::vector<std::pair<Time, std::uint16_t>>{{25, 1}, {28, 2}, {31, 3}});
  REQUIRE(rec.windows.size() == 2);
  CHECK(rec.windows[0].events == 2);
}

TEST_CASE("sim::engine: observer wake-ups force windows that hold no event", "[sim][engine]") {
  LambdaModel m;
  m.init = [](AgentContext& ctx) { ctx.schedule(500, 1); };
  Recorder rec;
  rec.wake = 235;
  Engine engine(m, Population({{"a", 1}}), {.window = 100});
  engine.add_observer(rec);
  engine.run_until(1000);
  REQUIRE(rec.windows.size() == 2);
  CHECK(rec.windows[0].begin == 200);
  CHECK(rec.windows[0].events == 0);
  CHECK(rec.windows[1].begin == 500);
  CHECK(engine.now() == 600);
  CHECK_FALSE(engine.step());  // nothing left
}

TEST_CASE("sim::engine: cancelled events never run", "[sim][engine]") {
  std::vector<std::uint16_t> kinds;
  LambdaModel m;
  m.init = [](AgentContext& ctx) { ctx.schedule(1, 1); };
  m.agent = [&](AgentContext& ctx, const Event& e) {
    kinds.push_back(e.kind);
    if (e.kind == 1) {
      const EventId in_window = ctx.schedule(5, 2);
      const EventId later = ctx.schedule(50, 3);
      ctx.schedule(60, 4);
      ctx.cancel(in_window);
      ctx.cancel(later);
    }
  };
  Engine engine(m, Population({{"a", 1}}), {.window = 10});
  engine.run_until(100);
  CHECK(kinds == std::vector<std::uint16_t>{1, 4});
}

TEST_CASE("sim::engine: running in steps equals running at once", "[sim][engine]") {
  const auto run = [](std::vector<Time> stops) {
    std::vector<std::uint64_t> draws(50);
    LambdaModel m;
    m.init = [](AgentContext& ctx) { ctx.schedule(static_cast<Time>(ctx.rng().uniform_int(30)), 1); };
    m.agent = [&](AgentContext& ctx, const Event& e) {
      draws[ctx.self()] = draws[ctx.self()] * 31 + ctx.rng().uniform_int(1000);
      const auto to = static_cast<AgentId>(ctx.rng().uniform_int(50));
      ctx.send(to, ctx.window_end() + static_cast<Time>(ctx.rng().uniform_int(40)), 1, e.payload + 1);
    };
    Engine engine(m, Population({{"x", 20}, {"y", 30}}), {.seed = 9, .shards = 3, .window = 10});
    for (Time t : stops) engine.run_until(t);
    Digest d;
    engine.digest(d);
    return std::make_pair(draws, d.hex());
  };
  const auto once = run({1000});
  CHECK(run({5, 17, 250, 251, 999, 1000}) == once);
  CHECK(run({1000, 1000}) == once);
}

TEST_CASE("sim::engine: bad configuration is refused", "[sim][engine]") {
  LambdaModel m;
  CHECK_THROWS_AS(Engine(m, Population({{"a", 1}}), {.window = 0}), ConfigError);
  CHECK_THROWS_AS(Engine(m, Population({{"a", 1}}), {.shards = 0}), ConfigError);
  CHECK_THROWS_WITH(Engine(m, Population({{"a", 1}, {"a", 2}}), {}), "population: agent kind \"a\" appears twice");
}

TEST_CASE("sim::engine: a model that ignores global events says so", "[sim][engine]") {
  struct Bare final : Model {
    void init_agent(AgentContext& ctx) override { ctx.submit(2, 3, 9); }
    void on_agent_event(AgentContext&, const Event&) override {}
  } m;
  Engine engine(m, Population({{"a", 1}}), {.window = 10});
  CHECK_THROWS_WITH(engine.run_until(10),
                    "global event kind 9 for contract 2 at t=3: this model does not handle global events");
}
