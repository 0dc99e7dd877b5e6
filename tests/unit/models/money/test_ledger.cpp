// Pins the ledger's conservation identity: mint, burn, move, flight to and from agents keep
// minted - burned == agents + accounts + in flight; breaches throw ConservationError with the window and the
// amounts; overdrafts are refused; tallies do not depend on how agents are spread over shards.
// Also: a breach found by a window-end check stops an engine run at that window, whatever the shard count.
// Leaves out the agents' own columns (the caller recounts them) and the mechanisms (their own tests).
#include <catch2/catch.hpp>

#include <random>

#include "toksim/models/money/ledger.hpp"
#include "toksim/sim/engine.hpp"

using namespace toksim;
using namespace toksim::models;

TEST_CASE("models::ledger: every operation keeps the identity", "[models][ledger]") {
  Ledger l(2);
  const AccountId treasury = l.open("treasury", AccountClass::Treasury);
  const AccountId amm = l.open("amm", AccountClass::AmmReserve);
  l.mint(treasury, Tokens(1000));
  l.move(treasury, amm, Tokens(300));
  l.send_to_agent(treasury, Tokens(200));  // in flight: 200
  l.check(0, 10);
  CHECK(l.in_flight() == Tokens(200));
  l.agent_received(1, Tokens(200));       // landed on an agent of shard 1
  l.agent_sent(1, Tokens(50));            // the agent sells 50: in flight again
  l.receive_from_agent(amm, Tokens(50));  // the AMM takes it
  l.burn(amm, Tokens(10));
  l.check(10, 20);
  CHECK(l.minted() == Tokens(1000));
  CHECK(l.burned() == Tokens(10));
  CHECK(l.agents_total() == Tokens(150));
  CHECK(l.in_flight() == Tokens(0));
  CHECK(l.balance(amm) == Tokens(340));
  CHECK(l.total(AccountClass::Treasury) == Tokens(500));
}

TEST_CASE("models::ledger: a breach names the window and the amounts", "[models][ledger]") {
  Ledger l(1);
  const AccountId t = l.open("treasury", AccountClass::Treasury);
  l.mint(t, Tokens(1'000'000));
  l.agent_received(0, Tokens(5));  // tokens appear on an agent that nobody sent
  CHECK_THROWS_WITH(l.check(86400, 172800),
                    "conservation broken in window [86400, 172800): tokens in flight are negative (-0.000005): agents "
                    "were credited with tokens nobody sent; accounts: treasury=1.000000");
  Ledger m(1);
  const AccountId u = m.open("treasury", AccountClass::Treasury);
  m.mint(u, Tokens(100));
  m.agent_genesis(0, Tokens(3));  // set-up balances that were never minted
  CHECK_THROWS_WITH(m.check(0, 10),
                    "conservation broken in window [0, 10): minted - burned = 0.000100 but agents + accounts + in "
                    "flight = 0.000003 + 0.000100 + 0.000000 = 0.000103 (difference -0.000003); accounts: "
                    "treasury=0.000100");
}

TEST_CASE("models::ledger: overdrafts and bad names are refused", "[models][ledger]") {
  Ledger l(1);
  const AccountId t = l.open("treasury", AccountClass::Treasury);
  l.mint(t, Tokens(10));
  CHECK_THROWS_WITH(l.burn(t, Tokens(11)), "burn of 0.000011 from account \"treasury\" which holds 0.000010");
  CHECK_THROWS_AS(l.move(t, t, Tokens(-1)), ConservationError);
  CHECK_THROWS_AS(l.open("treasury", AccountClass::Other), ConfigError);
  CHECK_THROWS_AS(l.open("", AccountClass::Other), ConfigError);
  CHECK_THROWS_AS(Ledger(0), ConfigError);
}

TEST_CASE("models::ledger: recounts and mechanism cross-checks", "[models][ledger]") {
  Ledger l(3);
  const AccountId amm = l.open("amm", AccountClass::AmmReserve);
  l.mint(amm, Tokens(500));
  l.agent_genesis(0, Tokens(7));
  l.agent_genesis(2, Tokens(3));
  l.check_agents(Tokens(10), 5);
  CHECK_THROWS_WITH(l.check_agents(Tokens(9), 5),
                    "conservation broken at t=5: agent balances sum to 0.000009 but the "
                    "ledger's tallies say 0.000010 (difference -0.000001)");
  l.check_account(amm, Tokens(500), 5);
  CHECK_THROWS_WITH(l.check_account(amm, Tokens(499), 5),
                    "conservation broken at t=5: account \"amm\" holds 0.000500 in the ledger but its mechanism holds "
                    "0.000499 (difference -0.000001)");
}

TEST_CASE("models::ledger: totals do not depend on the shard that tallied them", "[models][ledger]") {
  std::mt19937_64 gen(5);
  std::vector<std::tuple<int, std::int64_t, std::size_t>> ops;  // kind, amount, agent
  for (int i = 0; i < 2000; ++i)
    ops.emplace_back(static_cast<int>(gen() % 3), static_cast<std::int64_t>(gen() % 1000), gen() % 97);
  const auto run = [&](std::uint32_t shards) {
    Ledger l(shards);
    for (const auto& [kind, amount, agent] : ops) {
      const auto s = static_cast<std::uint32_t>(agent % shards);
      if (kind == 0) l.agent_genesis(s, Tokens(amount));
      if (kind == 1) l.agent_received(s, Tokens(amount));
      if (kind == 2) l.agent_sent(s, Tokens(amount));
    }
    return std::make_pair(l.agents_total(), l.in_flight());
  };
  CHECK(run(1) == run(4));
  CHECK(run(1) == run(7));
}

namespace {
/// Agents pass a token around through the ledger; in window `leak_at` one agent credits itself a unit
/// nobody sent. The observer checks the ledger each window, as the launch model's does.
struct Leaky final : sim::Model, sim::Observer {
  explicit Leaky(std::uint32_t shards) : ledger(shards) {}
  void init_agent(sim::AgentContext& ctx) override { ctx.schedule(ctx.self(), 1); }
  void init_global(sim::GlobalContext&) override {
    const AccountId t = ledger.open("treasury", AccountClass::Treasury);
    ledger.mint(t, Tokens(800));
    ledger.send_to_agent(t, Tokens(800));  // 100 each, arriving at set-up
  }
  void on_agent_event(sim::AgentContext& ctx, const sim::Event& e) override {
    auto& b = balance[ctx.self()];
    if (e.kind == 1 && b == 0) {  // first event: the set-up payment lands
      b += 100;
      ledger.agent_received(ctx.shard(), Tokens(100));
    }
    if (e.t / 10 == leak_at && ctx.self() == 5) {  // the bug: a credit without a sender
      b += 1;
      ledger.agent_received(ctx.shard(), Tokens(1));
    }
    if (e.t < 95) ctx.schedule(e.t + 10, 2);
  }
  void on_window_end(const sim::WindowInfo& w) override { ledger.check(w.begin, w.end); }
  Ledger ledger;
  std::vector<std::int64_t> balance = std::vector<std::int64_t>(8);
  sim::Time leak_at = 4;
};
}  // namespace

TEST_CASE("models::ledger: a breach stops the run at the first offending window", "[models][ledger]") {
  for (std::uint32_t shards : {1u, 3u}) {
    Leaky m(shards);
    sim::Engine engine(m, sim::Population({{"a", 8}}), {.seed = 1, .shards = shards, .threads = 2, .window = 10});
    engine.add_observer(m);
    CHECK_THROWS_WITH(engine.run_until(1000),
                      "conservation broken in window [40, 50): tokens in flight are negative (-0.000001): agents were "
                      "credited with tokens nobody sent; accounts: treasury=0.000000");
    CHECK(engine.now() == 50);  // the run stopped there
  }
}
