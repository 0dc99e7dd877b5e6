// Pins the token-launch model end to end at a small size: identical results for any thread and shard count,
// conservation every window (the model's observer throws otherwise), supply = genesis + the halving, linear or
// exponential-decay emission exactly, vesting cliffs (nothing unlocks before them, everything by the end), insiders selling into the
// pool when a cliff opens, and refused bad allocations. Leaves out the scale targets (bench/token_launch).
#include <catch2/catch.hpp>

#include <numeric>

#include "toksim/models/launch/token_launch.hpp"

using namespace toksim;
using namespace toksim::models;

namespace {

struct Outcome {
  std::string digest;
  std::vector<LaunchSample> samples;
  Tokens minted;
  Tokens burned;
  Tokens staked_account;
  Tokens team_escrow;
  Tokens investor_escrow;
  Tokens emission_pool;
  Tokens agents;
};

Outcome run(const TokenLaunchConfig& cfg, std::uint32_t threads, std::uint32_t shards, sim::Time horizon) {
  TokenLaunch model(cfg, shards);
  sim::Engine engine(model, model.population(),
                     {.seed = 11, .shards = shards, .threads = threads, .window = cfg.window});
  engine.add_observer(model.observer());
  engine.run_until(horizon);
  const Ledger& l = model.ledger();
  return {model.digest(engine), model.samples(), l.minted(),   l.burned(),      l.total(AccountClass::Staked),
          l.balance(2),         l.balance(3),    l.balance(4), l.agents_total()};
}

TokenLaunchConfig small() {
  TokenLaunchConfig c;
  c.holders = 3000;
  c.team_members = 7;
  c.investors = 13;
  return c;
}

}  // namespace

TEST_CASE("models::token_launch: same digest for any thread and shard count", "[models][token_launch]") {
  const TokenLaunchConfig cfg = small();
  const std::string ref = run(cfg, 1, 1, 400 * sim::kDay).digest;
  CHECK(run(cfg, 2, 1, 400 * sim::kDay).digest == ref);
  CHECK(run(cfg, 2, 3, 400 * sim::kDay).digest == ref);
  CHECK(run(cfg, 4, 8, 400 * sim::kDay).digest == ref);
}

TEST_CASE("models::token_launch: supply is genesis plus the halving emission exactly", "[models][token_launch]") {
  TokenLaunchConfig cfg = small();
  const Outcome o = run(cfg, 2, 4, 4 * sim::kYear);
  // Genesis mints everything but the community share: 600M tokens.
  const Tokens genesis = Tokens::whole(600'000'000);
  // Emission: r0 = 400M / (2 * 365) per day, halving yearly; 1460 daily epochs mint 4 full eras.
  const std::int64_t r0 = Tokens::whole(400'000'000).raw() / 730;
  std::int64_t emitted = 0;
  for (int era = 0; era < 4; ++era) emitted += 365 * (r0 >> era);
  CHECK(o.minted == genesis + Tokens(emitted));
  CHECK(o.samples.back().supply == o.minted - o.burned);  // fees' base part is the only burn
  Tokens fees{0};
  for (const auto& x : o.samples) fees += x.fees_burned;
  CHECK(o.burned == fees);
  CHECK(fees > Tokens(0));
  // Every insider has been fully vested after 48 months (team: 12 + 36, investors: 6 + 24).
  CHECK(o.team_escrow == Tokens(0));
  CHECK(o.investor_escrow == Tokens(0));
  // Holders can never claim more than was emitted.
  CHECK(o.emission_pool.raw() >= 0);
  CHECK(o.samples.size() == 1460);
}

TEST_CASE("models::token_launch: linear and exponential-decay emission release the community allocation",
          "[models][token_launch]") {
  TokenLaunchConfig cfg = small();
  const Tokens genesis = Tokens::whole(600'000'000);
  cfg.emission_curve = EmissionCurve::Linear;
  cfg.emission_period = 100 * sim::kDay;  // 4M tokens a day, all of it minted by day 100
  Outcome o = run(cfg, 1, 2, 120 * sim::kDay);
  CHECK(o.minted == genesis + Tokens::whole(400'000'000));
  CHECK(o.samples[0].supply == genesis + Tokens::whole(4'000'000) - o.samples[0].burned);
  // Decay with a 30-day half-life: after 120 days, 1 - 2^-4 = 15/16 of the allocation, rounded down.
  cfg.emission_curve = EmissionCurve::ExponentialDecay;
  cfg.emission_period = 30 * sim::kDay;
  o = run(cfg, 1, 2, 120 * sim::kDay);
  CHECK(o.minted == genesis + Tokens::whole(375'000'000));
}

TEST_CASE("models::token_launch: nothing unlocks before a cliff and insiders sell when it opens",
          "[models][token_launch]") {
  TokenLaunchConfig cfg = small();
  cfg.daily_demand = MicroUsd(0);  // no buyers: price moves only by sells
  const Outcome o = run(cfg, 1, 2, 400 * sim::kDay);
  const auto& s = o.samples;
  // Investor schedule: a 6-month (180-day) lock, then 24 monthly steps, step k at day 180 + 30 k (io.net's
  // "12-month lock, then 24 monthly unlocks": the first unlock one period after the lock). The first step is
  // released in the window of day 210 and lands, and is sold, in the next one.
  const Tokens step = Tokens(Tokens::whole(150'000'000).raw() / 13 / 24) * 13;  // per member, floored, x 13
  CHECK(s[209].locked - s[210].locked > step - Tokens::whole(1'000'000));       // escrow drops by one step
  CHECK(s[208].locked - s[209].locked < Tokens::whole(1'000'000));              // before it: emission only
  Tokens before{0};
  for (std::size_t d = 200; d < 210; ++d) before += s[d].sold;
  CHECK(s[211].sold * 10 > before * 5);  // the day after the unlock sells over 5x the daily mean before it
  CHECK(s[211].price < s[209].price);
}

TEST_CASE("models::token_launch: stakers bond and unbond through the pool", "[models][token_launch]") {
  const Outcome o = run(small(), 2, 3, 2 * sim::kYear);
  Tokens peak{0};
  for (const auto& x : o.samples) peak = std::max(peak, x.staked);
  CHECK(peak > Tokens::whole(1'000'000));  // a tenth of holders stake most of their claims
  // The ledger's staked account holds bonded plus unbonding stake (the observer checks it every window).
  CHECK(o.staked_account >= o.samples.back().staked);
}

TEST_CASE("models::token_launch: dear gas makes agents batch their actions", "[models][token_launch]") {
  TokenLaunchConfig cheap = small(), dear = small();
  cheap.initial_base_fee = 1'000'000;       // 0.001 base unit per gas
  dear.initial_base_fee = 200'000'000'000;  // 200 base units per gas: a swap costs 24 tokens
  dear.gas_limit = 4'000'000'000'000;       // a high limit keeps the base fee from falling back quickly
  TokenLaunchConfig full = small();
  full.gas_limit = 1'000'000;  // far below one day's use: every window is clamped at the limit
  const auto count = [](const Outcome& o, auto field) {
    std::uint64_t n = 0;
    for (std::size_t d = 0; d < 60; ++d) n += field(o.samples[d]);
    return n;
  };
  const Outcome c = run(cheap, 1, 1, 60 * sim::kDay);
  const Outcome d = run(dear, 1, 1, 60 * sim::kDay);
  const auto deferred = [](const LaunchSample& x) { return x.deferred; };
  const auto sellers = [](const LaunchSample& x) { return x.sellers; };
  CHECK(count(d, deferred) > 3 * count(c, deferred) + 100);
  CHECK(count(d, sellers) < count(c, sellers));
  // EIP-1559: an underfull block lowers the base fee by at most 1/8.
  CHECK(d.samples[0].base_fee >= dear.initial_base_fee - dear.initial_base_fee / 8);
  CHECK(d.samples[0].base_fee < dear.initial_base_fee);
  // Over the limit: the base fee rises by the EIP-1559 maximum, 1/8 a block.
  const Outcome f = run(full, 1, 1, 40 * sim::kDay);
  const auto& x = f.samples;
  REQUIRE(x[30].gas_used > full.gas_limit);  // holders act from the first days on
  CHECK(x[30].base_fee == x[29].base_fee + x[29].base_fee / 8);
}

TEST_CASE("models::token_launch: bad allocations are refused", "[models][token_launch]") {
  TokenLaunchConfig cfg = small();
  cfg.treasury_share = Ppm(199'999);
  CHECK_THROWS_WITH(TokenLaunch(cfg, 1), "token launch: allocation shares must sum to 1,000,000 ppm, got 999999");
  cfg = small();
  cfg.emission_period = sim::kYear + 1;
  CHECK_THROWS_WITH(TokenLaunch(cfg, 1),
                    "token launch: the emission period must be a whole number of windows, got "
                    "1y1s for a window of 1d");
}

TEST_CASE("models::token_launch: the fee market's denominator sets the base fee's step", "[models][token_launch]") {
  // Every window clamped at the limit, as the EIP-1559 test above: with Polygon's Bhilai denominator the base fee
  // rises 1/64 a block instead of 1/8.
  TokenLaunchConfig polygon = small();
  polygon.gas_limit = 1'000'000;
  polygon.fee_market = eip1559_preset("polygon-bhilai");
  const Outcome p = run(polygon, 1, 1, 40 * sim::kDay);
  const auto& x = p.samples;
  REQUIRE(x[30].gas_used > polygon.gas_limit);
  CHECK(x[30].base_fee == x[29].base_fee + x[29].base_fee / 64);
  // An elasticity above the limit leaves no gas target: the configuration is refused.
  TokenLaunchConfig bad = small();
  bad.gas_limit = 3;
  bad.fee_market = {4, 8};
  CHECK_THROWS_AS(run(bad, 1, 1, 2 * sim::kDay), toksim::ConfigError);
}
