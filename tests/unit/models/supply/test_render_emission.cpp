// Render's RNP-001 emission (supply/render_emission.hpp) on hand-derived values: the launch table, the damped
// growth phase (rounded down each year), the cap cutting the year that crosses it, linear release inside a year
// with 7-day epochs that straddle year boundaries, the node operators' floored share, the "never more than 10% a
// year" measure, and the refusals. Leaves out Render's own launch amounts (not published as text; see
// docs/mechanisms.md) and the burn side (BurnAndMint, test_issuance.cpp).
#include <catch2/catch.hpp>

#include "toksim/models/supply/render_emission.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;
using toksim::ConfigError;
namespace sim = toksim::sim;

TEST_CASE("models::render: launch table, damped growth and the cap", "[models][issuance][render]") {
  RenderEmission::Params p;
  p.launch_years = {Tokens(1'000), Tokens(600)};
  p.damping = Ppm(500'000);
  p.cap = Tokens(2'000);
  p.node_operator_share = Ppm(250'000);
  p.epoch_length = 7 * sim::kDay;
  p.year_length = 364 * sim::kDay;  // 52 whole epochs, for round numbers
  const RenderEmission r(p);
  // Years: 1000, 600, then 300 (600 * 0.5) and 150, which the cap cuts to 2000 - 1900 = 100.
  CHECK(r.emitted_in_year(0) == Tokens(1'000));
  CHECK(r.emitted_in_year(1) == Tokens(600));
  CHECK(r.emitted_in_year(2) == Tokens(300));
  CHECK(r.emitted_in_year(3) == Tokens(100));
  CHECK(r.emitted_in_year(4) == Tokens(0));
  CHECK(r.total() == Tokens(2'000));
  // Linear inside a year: half of year 0 after 26 epochs; epoch 52 is the first of year 1: floor(600 / 52) = 11.
  CHECK(r.cumulative(26) == Tokens(500));
  CHECK(r.cumulative(52) == Tokens(1'000));
  CHECK(r.emitted_in_epoch(52) == Tokens(11));
  CHECK(r.cumulative(4 * 52) == Tokens(2'000));
  CHECK(r.cumulative(1'000) == Tokens(2'000));
  CHECK(r.emitted_in_epoch(1'000) == Tokens(0));
  // Node operators: floor(1011 * 0.25) = 252 after 53 epochs.
  CHECK(r.cumulative(53) == Tokens(1'011));
  CHECK(r.node_operators_cumulative(53) == Tokens(252));
  CHECK(r.node_operators_in_epoch(52) == Tokens(252 - 250));
  // Yearly inflation over a base of 10,000: 1000 / 10000 = 10% in year 0 is the largest.
  CHECK(r.max_yearly_inflation_ppm(Tokens(10'000)) == 100'000);
}

TEST_CASE("models::render: 7-day epochs straddle a 365-day year exactly", "[models][issuance][render]") {
  RenderEmission::Params p;
  p.launch_years = {Tokens(1'000), Tokens(600)};
  p.cap = Tokens(1'000'000);
  const RenderEmission r(p);  // damping 0.945, 7-day epochs, 365-day years
  // Epoch 52 runs from day 364 to day 371: floor(1000 * 364 / 365) = 997 before it, 1000 + floor(600 * 6 / 365) =
  // 1009 after it.
  CHECK(r.cumulative(52) == Tokens(997));
  CHECK(r.cumulative(53) == Tokens(1'009));
  CHECK(r.emitted_in_epoch(52) == Tokens(12));
  // Growth: 600 * 0.945 = 567, then floor(567 * 0.945) = 535 (535.815), then floor(535 * 0.945) = 505 (505.575).
  CHECK(r.emitted_in_year(2) == Tokens(567));
  CHECK(r.emitted_in_year(3) == Tokens(535));
  CHECK(r.emitted_in_year(4) == Tokens(505));
  // The tail ends when a year rounds to 0; every epoch's emission adds up to the total.
  Tokens sum{};
  for (std::int64_t e = 0; e < 200 * 53; ++e) sum += r.emitted_in_epoch(e);
  CHECK(sum == r.total());
  CHECK(r.total() < p.cap);
}

TEST_CASE("models::render: refusals", "[models][issuance][render]") {
  RenderEmission::Params p;
  CHECK_THROWS_AS(RenderEmission(p), ConfigError);  // no launch years
  p.launch_years = {Tokens(-1)};
  CHECK_THROWS_AS(RenderEmission(p), ConfigError);
  p.launch_years = {Tokens(1)};
  p.damping = Ppm(0);
  CHECK_THROWS_AS(RenderEmission(p), ConfigError);
  p.damping = Ppm(945'000);
  p.year_length = sim::kDay;  // shorter than a 7-day epoch
  CHECK_THROWS_AS(RenderEmission(p), ConfigError);
}
