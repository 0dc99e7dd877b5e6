// Pins the Uniswap V2 pool: getAmountOut/getAmountIn/quote on hand-derived values (including products past
// 128 bits), the ppm-fee form against the 997/1000 form, rounding in the pool's favour (out down, in up),
// the K check, first and later deposits (MINIMUM_LIQUIDITY, router-optimal amounts), burns, reverts that
// leave the pool unchanged, and a 10,000-operation property run (K never falls across swaps, reserves stay
// positive, both assets and LP shares are conserved). Leaves out the protocol fee (feeTo), the TWAP
// accumulators, flash swaps and multi-hop routes, none of which the pool models.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "toksim/models/markets/amm.hpp"

using namespace toksim::models;

namespace {

// The literal UniswapV2Library forms with the 997/1000 constants (0.3% fee), for inputs small enough that
// every product fits in 128 bits.
std::int64_t v2_amount_out_997(std::int64_t in, std::int64_t r_in, std::int64_t r_out) {
  const u128 in_with_fee = static_cast<u128>(in) * 997;
  return static_cast<std::int64_t>(in_with_fee * static_cast<u128>(r_out) /
                                   (static_cast<u128>(r_in) * 1000 + in_with_fee));
}
std::int64_t v2_amount_in_997(std::int64_t out, std::int64_t r_in, std::int64_t r_out) {
  return static_cast<std::int64_t>(static_cast<u128>(r_in) * static_cast<u128>(out) * 1000 /
                                   (static_cast<u128>(r_out - out) * 997)) +
         1;
}
// The literal 1000/3 K check of UniswapV2Pair.swap (small values only).
bool v2_k_997(std::int64_t r0, std::int64_t r1, std::int64_t b0, std::int64_t b1, std::int64_t in0, std::int64_t in1) {
  const i128 a0 = i128{b0} * 1000 - i128{in0} * 3, a1 = i128{b1} * 1000 - i128{in1} * 3;
  return a0 * a1 >= i128{r0} * r1 * 1000 * 1000;
}

// Portable draws (the std distributions are not specified bit-for-bit): [lo, hi].
std::int64_t draw(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

u128 k_of(const ConstantProductPool& p) {
  return static_cast<u128>(p.token_reserve().raw()) * static_cast<u128>(p.usd_reserve().raw());
}

}  // namespace

TEST_CASE("models::amm: getAmountOut on hand-derived values", "[models][amm]") {
  // Reserves 1e6 / 1e6, in 1000, fee 0.3%: in*997000 = 997,000,000; numerator 997,000,000 * 1e6 = 9.97e14;
  // denominator 1e6 * 1e6 + 997,000,000 = 1,000,997,000,000; 9.97e14 / 1,000,997,000,000 = 996.004 -> 996.
  CHECK(get_amount_out(1000, 1'000'000, 1'000'000) == 996);
  CHECK(get_amount_out(1000, 1'000'000, 1'000'000, Ppm(3000)) == 996);
  // Fee 0, in = reserves 100/100: 100*100/(100+100) = 50 exactly.
  CHECK(get_amount_out(100, 100, 100, Ppm(0)) == 50);
  // Fee 0.3%, in 1 against 1000/1000: 997*1000/(1,000,000+997) = 0.996 -> 0 (the pool's swap then reverts).
  CHECK(get_amount_out(1, 1000, 1000) == 0);
  // Fee 1% (10,000 ppm), in 10,000 against 1e6 tokens / 2e6 usd: 10,000*990,000 = 9.9e9; *2e6 = 1.98e16;
  // / (1e12 + 9.9e9 = 1.0099e12) = 19,605.90... -> 19,605.
  CHECK(get_amount_out(10'000, 1'000'000, 2'000'000, Ppm(10'000)) == 19'605);
}

TEST_CASE("models::amm: getAmountOut past 128 bits is exact", "[models][amm]") {
  // Fee 0, reserves R/R with R = 2^62, in = R: (R*1e6)*R / (R*1e6 + R*1e6) = R/2 exactly; the numerator is
  // about 2^144, past 128 bits.
  const std::int64_t r = std::int64_t{1} << 62;
  CHECK(get_amount_out(r, r, r, Ppm(0)) == r / 2);
  // Fee 0.3%, in = reserve_in = 2^62, reserve_out = 1997 * 2^51: in*997000*r_out / (r_in*1e6 + in*997000)
  // = 997000 * r_out / 1997000 = 997 * 2^51 = 2,245,044,414,244,192,256 exactly.
  const std::int64_t r_out = 1997 * (std::int64_t{1} << 51);
  CHECK(get_amount_out(r, r, r_out) == 2'245'044'414'244'192'256);
  // getAmountIn(R/2, R, R): R*(R/2)*1e6 / ((R/2)*997000) = R*1000/997 = 4,625,562,706,547,028,990.37
  // -> floor 4,625,562,706,547,028,990, + 1.
  CHECK(get_amount_in(r / 2, r, r) == 4'625'562'706'547'028'991);
  // Buying all but one unit of a huge reserve needs more than int64 can hold: an error, not a wrap.
  CHECK_THROWS_AS(get_amount_in(r - 1, r, r), MoneyError);
}

TEST_CASE("models::amm: the ppm fee form equals the 997/1000 form", "[models][amm]") {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 20'000; ++i) {
    const int scale = static_cast<int>(draw(rng, 1, 50));
    const std::int64_t hi = std::int64_t{1} << scale;
    const std::int64_t r_in = draw(rng, 1, hi), r_out = draw(rng, 1, hi), in = draw(rng, 1, hi);
    INFO("in " << in << " reserves " << r_in << "/" << r_out);
    REQUIRE(get_amount_out(in, r_in, r_out, Ppm(3000)) == v2_amount_out_997(in, r_in, r_out));
    if (r_out > 1) {
      const std::int64_t out = draw(rng, 1, r_out - 1);
      REQUIRE(get_amount_in(out, r_in, r_out, Ppm(3000)) == v2_amount_in_997(out, r_in, r_out));
    }
  }
}

TEST_CASE("models::amm: getAmountIn on hand-derived values", "[models][amm]") {
  // out 996 from 1e6/1e6: 1e6*996*1e6 = 9.96e14; (1e6 - 996) * 997,000 = 999,004 * 997,000 = 996,006,988,000;
  // 9.96e14 / 996,006,988,000 = 999.993 -> 999, + 1 = 1000 (and 1000 in buys exactly 996, above).
  CHECK(get_amount_in(996, 1'000'000, 1'000'000) == 1000);
  // Exact division overpays by one: fee 0, 100/100, out 50: 100*50*1e6 / (50*1e6) = 100 exactly, + 1 = 101,
  // although 100 in already buys 50 (get_amount_out(100, 100, 100, 0) == 50 above).
  CHECK(get_amount_in(50, 100, 100, Ppm(0)) == 101);
  // out 1 from 1000/1000 at 0.3%: 1000*1*1e6 / (999*997,000 = 996,003,000) = 1.004 -> 1, + 1 = 2.
  CHECK(get_amount_in(1, 1000, 1000) == 2);
  CHECK(get_amount_out(2, 1000, 1000) == 1);  // 1994*1000/(1e6+1994) = 1.99 -> 1
}

TEST_CASE("models::amm: quote is floored proportion", "[models][amm]") {
  CHECK(quote(500'000, 1'000'000, 4'000'000) == 2'000'000);
  CHECK(quote(1, 3, 2) == 0);  // 2/3 -> 0
  CHECK(quote(2, 3, 2) == 1);  // 4/3 -> 1
  CHECK_THROWS_AS(quote(0, 3, 2), AmmError);
  CHECK_THROWS_AS(quote(1, 0, 2), AmmError);
}

TEST_CASE("models::amm: library reverts and bad fees", "[models][amm]") {
  CHECK_THROWS_AS(get_amount_out(0, 10, 10), AmmError);
  CHECK_THROWS_AS(get_amount_out(-1, 10, 10), AmmError);
  CHECK_THROWS_AS(get_amount_out(1, 0, 10), AmmError);
  CHECK_THROWS_AS(get_amount_out(1, 10, 0), AmmError);
  CHECK_THROWS_AS(get_amount_in(0, 10, 10), AmmError);
  CHECK_THROWS_AS(get_amount_in(10, 10, 10), AmmError);  // out == reserve_out: all of it is never for sale
  CHECK_THROWS_AS(get_amount_in(11, 10, 10), AmmError);
  CHECK_THROWS_AS(get_amount_out(1, 10, 10, Ppm(1'000'000)), toksim::ConfigError);
  CHECK_THROWS_AS(ConstantProductPool(Ppm(1'000'000)), toksim::ConfigError);
  CHECK_THROWS_WITH(get_amount_out(0, 10, 10),
                    Catch::Contains("INSUFFICIENT_INPUT_AMOUNT") && Catch::Contains("found 0"));
  CHECK_THROWS_WITH(get_amount_in(11, 10, 10),
                    Catch::Contains("INSUFFICIENT_LIQUIDITY") && Catch::Contains("found output 11"));
}

TEST_CASE("models::amm: rounding always favours the pool", "[models][amm]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 5'000; ++i) {
    const Ppm fee(draw(rng, 0, 1) == 0 ? 3000 : draw(rng, 0, 999'999));
    const std::int64_t r_in = draw(rng, 1, 1'000'000'000), r_out = draw(rng, 2, 1'000'000'000);
    const std::int64_t in = draw(rng, 1, 2'000'000'000);
    const std::int64_t out = get_amount_out(in, r_in, r_out, fee);
    INFO("fee " << fee.raw() << " in " << in << " reserves " << r_in << "/" << r_out << " out " << out);
    // out is the largest output that keeps K: one more unit breaks it.
    REQUIRE(k_invariant_holds(r_in, r_out, r_in + in, r_out - out, in, 0, fee));
    if (out + 1 < r_out) REQUIRE_FALSE(k_invariant_holds(r_in, r_out, r_in + in, r_out - out - 1, in, 0, fee));
    // getAmountIn(getAmountOut(x)) <= x + 1 (x pays for out; floor + 1 asks one more only on exact division).
    if (out > 0) REQUIRE(get_amount_in(out, r_in, r_out, fee) <= in + 1);
    // getAmountOut(getAmountIn(y)) >= y: the input asked for always buys the output.
    const std::int64_t want = draw(rng, 1, r_out - 1);
    const std::int64_t need = get_amount_in(want, r_in, r_out, fee);
    REQUIRE(get_amount_out(need, r_in, r_out, fee) >= want);
    REQUIRE(k_invariant_holds(r_in, r_out, r_in + need, r_out - want, need, 0, fee));
    // ... and need - 2 never does (floor + 1 is at most one above the least sufficient input).
    if (need > 2) REQUIRE(get_amount_out(need - 2, r_in, r_out, fee) < want);
  }
}

TEST_CASE("models::amm: reserves near int64 round exactly through 256 bits", "[models][amm]") {
  // Products here reach 2^145; K (a 256-bit product compared, no division) certifies the 256-bit division:
  // out keeps K and out + 1 breaks it, so out is exactly the floor.
  std::mt19937_64 rng(62);
  const auto big = [&](int max_bits) { return draw(rng, 1, std::int64_t{1} << draw(rng, 30, max_bits)); };
  for (int i = 0; i < 3'000; ++i) {
    const Ppm fee(draw(rng, 0, 1) == 0 ? 3000 : draw(rng, 0, 500'000));
    const std::int64_t r_in = big(61), r_out = big(62) + 1, in = big(61);
    const std::int64_t out = get_amount_out(in, r_in, r_out, fee);
    INFO("fee " << fee.raw() << " in " << in << " reserves " << r_in << "/" << r_out << " out " << out);
    REQUIRE(k_invariant_holds(r_in, r_out, r_in + in, r_out - out, in, 0, fee));
    REQUIRE_FALSE(k_invariant_holds(r_in, r_out, r_in + in, r_out - out - 1, in, 0, fee));
    const std::int64_t want = draw(rng, 1, r_out / 2);
    const std::int64_t need = get_amount_in(want, r_in, r_out, fee);  // <= 2 * r_in: fits
    REQUIRE(k_invariant_holds(r_in, r_out, r_in + need, r_out - want, need, 0, fee));
    if (need > 2) REQUIRE_FALSE(k_invariant_holds(r_in, r_out, r_in + need - 2, r_out - want, need - 2, 0, fee));
  }
}

TEST_CASE("models::amm: getAmountIn is the least sufficient input or one above it", "[models][amm]") {
  // Brute force on small reserves: the least input whose output reaches `want`.
  for (std::int64_t r_in : {7, 100, 1000}) {
    for (std::int64_t r_out : {5, 100, 999}) {
      for (std::int64_t want = 1; want < r_out; want += (r_out > 100 ? 37 : 1)) {
        std::int64_t least = 1;
        while (get_amount_out(least, r_in, r_out) < want) ++least;
        const std::int64_t need = get_amount_in(want, r_in, r_out);
        INFO("reserves " << r_in << "/" << r_out << " want " << want);
        CHECK((need == least || need == least + 1));
      }
    }
  }
}

TEST_CASE("models::amm: the general K check equals the 1000/3 form at 0.3%", "[models][amm]") {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 5'000; ++i) {
    const std::int64_t r0 = draw(rng, 1, 1'000'000), r1 = draw(rng, 1, 1'000'000);
    const std::int64_t in0 = draw(rng, 0, 10'000), in1 = draw(rng, 0, 1) == 0 ? 0 : draw(rng, 0, 10'000);
    const std::int64_t b0 = r0 + in0 - draw(rng, 0, 1000), b1 = r1 + in1 - draw(rng, 0, 1000);
    if (b0 < in0 || b1 < in1 || b0 < 0 || b1 < 0) continue;
    REQUIRE(k_invariant_holds(r0, r1, b0, b1, in0, in1, Ppm(3000)) == v2_k_997(r0, r1, b0, b1, in0, in1));
  }
}

TEST_CASE("models::amm: first deposit locks MINIMUM_LIQUIDITY", "[models][amm]") {
  ConstantProductPool pool;
  CHECK(std::isnan(pool.spot_price()));
  CHECK(pool.redeemable_shares() == LpShares(0));
  // sqrt(1e6 * 4e6) = sqrt(4e12) = 2e6; minted 2e6 - 1000 = 1,999,000; total 2e6.
  const LiquidityAdded a = pool.add_liquidity(Tokens(1'000'000), MicroUsd(4'000'000));
  CHECK(a.token == Tokens(1'000'000));
  CHECK(a.usd == MicroUsd(4'000'000));
  CHECK(a.shares == LpShares(1'999'000));
  CHECK(pool.total_shares() == LpShares(2'000'000));
  CHECK(pool.redeemable_shares() == LpShares(1'999'000));
  CHECK(pool.spot_price() == Approx(4'000'000.0));  // $4 per whole token
  // Non-square product: sqrt(2e6 * 3e6) = sqrt(6e12) = 2,449,489.74 -> 2,449,489; minted 2,448,489.
  ConstantProductPool p2;
  CHECK(p2.add_liquidity(Tokens(2'000'000), MicroUsd(3'000'000)).shares == LpShares(2'448'489));
  // sqrt(1000 * 1000) = 1000 = MINIMUM_LIQUIDITY: nothing left to mint, a revert.
  ConstantProductPool p3;
  CHECK_THROWS_AS(p3.add_liquidity(Tokens(1000), MicroUsd(1000)), AmmError);
  CHECK_THROWS_WITH(p3.add_liquidity(Tokens(1000), MicroUsd(1000)), Catch::Contains("INSUFFICIENT_LIQUIDITY_MINTED"));
  CHECK(p3.total_shares() == LpShares(0));
  // sqrt(1001 * 1001) = 1001: one share minted.
  CHECK(p3.add_liquidity(Tokens(1001), MicroUsd(1001)).shares == LpShares(1));
}

TEST_CASE("models::amm: later deposits use the router's optimal amounts", "[models][amm]") {
  ConstantProductPool pool;
  pool.add_liquidity(Tokens(1'000'000), MicroUsd(4'000'000));  // total shares 2e6
  // Desired 500,000 tokens / 3e6 usd: usd_optimal = 500,000 * 4e6 / 1e6 = 2e6 <= 3e6, so (500,000, 2e6);
  // shares = min(500,000 * 2e6 / 1e6, 2e6 * 2e6 / 4e6) = min(1e6, 1e6) = 1e6.
  LiquidityAdded a = pool.add_liquidity(Tokens(500'000), MicroUsd(3'000'000));
  CHECK(a.token == Tokens(500'000));
  CHECK(a.usd == MicroUsd(2'000'000));
  CHECK(a.shares == LpShares(1'000'000));
  CHECK(pool.token_reserve() == Tokens(1'500'000));
  CHECK(pool.usd_reserve() == MicroUsd(6'000'000));
  CHECK(pool.total_shares() == LpShares(3'000'000));
  // Desired 1e6 tokens / 1e6 usd: usd_optimal = 1e6 * 6e6 / 1.5e6 = 4e6 > 1e6, so token_optimal =
  // 1e6 * 1.5e6 / 6e6 = 250,000: (250,000, 1e6); shares = min(250,000 * 3e6 / 1.5e6, 1e6 * 3e6 / 6e6) = 500,000.
  a = pool.add_liquidity(Tokens(1'000'000), MicroUsd(1'000'000));
  CHECK(a.token == Tokens(250'000));
  CHECK(a.usd == MicroUsd(1'000'000));
  CHECK(a.shares == LpShares(500'000));
  // Floors favour the pool: reserves 1,750,000 / 7e6, total 3.5e6. Desired 3 tokens: usd_optimal = 3*4 = 12;
  // shares = min(3 * 3.5e6 / 1.75e6, 12 * 3.5e6 / 7e6) = min(6, 6) = 6.
  CHECK(pool.add_liquidity(Tokens(3), MicroUsd(100)).shares == LpShares(6));
  // Reserves 1,750,003 / 7,000,012, total 3,500,006. One token: usd_optimal = 7,000,012 / 1,750,003 = 4
  // exactly; shares = min(3,500,006 / 1,750,003, 4 * 3,500,006 / 7,000,012) = min(2, 2) = 2.
  CHECK(pool.add_liquidity(Tokens(1), MicroUsd(100)).shares == LpShares(2));
  CHECK_THROWS_AS(pool.add_liquidity(Tokens(0), MicroUsd(100)), AmmError);
  CHECK_THROWS_AS(pool.add_liquidity(Tokens(100), MicroUsd(-1)), AmmError);
}

TEST_CASE("models::amm: remove_liquidity pays floored proportions", "[models][amm]") {
  ConstantProductPool pool;
  pool.add_liquidity(Tokens(1'000'000), MicroUsd(4'000'000));  // total 2e6, redeemable 1,999,000
  // 1,000,001 shares: tokens 1,000,001 * 1e6 / 2e6 = 500,000.5 -> 500,000; usd 1,000,001 * 4e6 / 2e6 = 2,000,002.
  const LiquidityRemoved r = pool.remove_liquidity(LpShares(1'000'001));
  CHECK(r.token == Tokens(500'000));
  CHECK(r.usd == MicroUsd(2'000'002));
  CHECK(pool.total_shares() == LpShares(999'999));
  CHECK(pool.token_reserve() == Tokens(500'000));
  CHECK(pool.usd_reserve() == MicroUsd(1'999'998));
  // The locked 1000 can never be burned: redeemable is 999,999 - 1000 = 998,999.
  CHECK(pool.redeemable_shares() == LpShares(998'999));
  CHECK_THROWS_AS(pool.remove_liquidity(LpShares(999'000)), AmmError);
  CHECK_THROWS_AS(pool.remove_liquidity(LpShares(0)), AmmError);
  // 1 share: tokens 500,000 / 999,999 = 0.5 -> 0: nothing burned, a revert.
  CHECK_THROWS_WITH(pool.remove_liquidity(LpShares(1)), Catch::Contains("INSUFFICIENT_LIQUIDITY_BURNED"));
  // Everything redeemable: 998,999 * 500,000 / 999,999 = 499,499.9995 -> 499,499 tokens;
  // 998,999 * 1,999,998 / 999,999 = 1,997,998 usd exactly. Left: 501 tokens, 2,000 usd, 1000 locked shares.
  const LiquidityRemoved all = pool.remove_liquidity(LpShares(998'999));
  CHECK(all.token == Tokens(499'499));
  CHECK(all.usd == MicroUsd(1'997'998));
  CHECK(pool.token_reserve() == Tokens(501));
  CHECK(pool.usd_reserve() == MicroUsd(2'000));
  CHECK(pool.total_shares() == LpShares(kMinimumLiquidity));
  CHECK(pool.redeemable_shares() == LpShares(0));
}

TEST_CASE("models::amm: swaps move reserves by the library amounts", "[models][amm]") {
  ConstantProductPool pool;
  pool.add_liquidity(Tokens(1'000'000), MicroUsd(1'000'000));
  CHECK(pool.swap_token_for_usd(Tokens(1000), MicroUsd(996)) == MicroUsd(996));
  CHECK(pool.token_reserve() == Tokens(1'001'000));
  CHECK(pool.usd_reserve() == MicroUsd(999'004));
  // Back: 996 usd in against 999,004 / 1,001,000: 996*997,000 = 993,012,000; * 1,001,000 = 9.94005012e14;
  // / (999,004e6 + 993,012,000 = 999,997,012,000) = 994.0079... -> 994 tokens (the round trip lost 6 to fees
  // and rounding).
  CHECK(pool.swap_usd_for_token(MicroUsd(996), Tokens(0)) == Tokens(994));
  CHECK(pool.token_reserve() == Tokens(1'000'006));
  CHECK(pool.usd_reserve() == MicroUsd(1'000'000));
  // Exact output: 1000 usd from 1,000,006 / 1,000,000: 1,000,006 * 1000 * 1e6 / (999,000 * 997,000)
  // = 1.000006e15 / 996,003,000,000 = 1004.019 -> 1004, + 1 = 1005 tokens.
  CHECK(pool.swap_token_for_exact_usd(MicroUsd(1000), Tokens(1005)) == Tokens(1005));
  CHECK(pool.token_reserve() == Tokens(1'001'011));
  CHECK(pool.usd_reserve() == MicroUsd(999'000));
  // Exact output: 1000 tokens from 1,001,011 / 999,000: 999,000 * 1000 * 1e6 / (1,000,011 * 997,000)
  // = 9.99e14 / 997,010,967,000 = 1001.99 -> 1001, + 1 = 1002 usd.
  CHECK(pool.swap_usd_for_exact_token(Tokens(1000), MicroUsd(2000)) == MicroUsd(1002));
  CHECK(pool.token_reserve() == Tokens(1'000'011));
  CHECK(pool.usd_reserve() == MicroUsd(1'000'002));
}

TEST_CASE("models::amm: reverted swaps leave the pool unchanged", "[models][amm]") {
  ConstantProductPool empty;
  CHECK_THROWS_AS(empty.swap_token_for_usd(Tokens(10), MicroUsd(0)), AmmError);
  CHECK_THROWS_AS(empty.swap_usd_for_exact_token(Tokens(10), MicroUsd(100)), AmmError);

  ConstantProductPool pool;
  pool.add_liquidity(Tokens(1'000'000), MicroUsd(1'000'000));
  const auto unchanged = [&] {
    CHECK(pool.token_reserve() == Tokens(1'000'000));
    CHECK(pool.usd_reserve() == MicroUsd(1'000'000));
  };
  CHECK_THROWS_WITH(pool.swap_token_for_usd(Tokens(1000), MicroUsd(997)),
                    Catch::Contains("INSUFFICIENT_OUTPUT_AMOUNT") && Catch::Contains("found 996"));
  unchanged();
  CHECK_THROWS_AS(pool.swap_token_for_usd(Tokens(0), MicroUsd(0)), AmmError);
  CHECK_THROWS_AS(pool.swap_usd_for_token(MicroUsd(-5), Tokens(0)), AmmError);
  CHECK_THROWS_AS(pool.swap_usd_for_token(MicroUsd(1), Tokens(0)), AmmError);  // 1 in buys 0 out
  unchanged();
  CHECK_THROWS_WITH(pool.swap_token_for_exact_usd(MicroUsd(996), Tokens(999)),
                    Catch::Contains("EXCESSIVE_INPUT_AMOUNT") && Catch::Contains("found 1000"));
  CHECK_THROWS_AS(pool.swap_usd_for_exact_token(Tokens(1'000'000), MicroUsd(1'000'000'000'000)), AmmError);
  CHECK_THROWS_AS(pool.swap_usd_for_exact_token(Tokens(0), MicroUsd(10)), AmmError);
  unchanged();
  // A reserve that would leave int64 is a MoneyError before anything moves.
  CHECK_THROWS_AS(pool.swap_token_for_usd(Tokens(std::numeric_limits<std::int64_t>::max()), MicroUsd(0)), MoneyError);
  unchanged();
}

TEST_CASE("models::amm: random swaps adds and removes keep K and conserve assets", "[models][amm]") {
  std::mt19937_64 rng(0xA11CE);
  ConstantProductPool pool(Ppm(3000));
  constexpr int kTraders = 8;
  std::vector<Tokens> tok(kTraders, Tokens::whole(1'000'000));
  std::vector<MicroUsd> usd(kTraders, MicroUsd::whole(1'000'000));
  std::vector<LpShares> lp(kTraders, LpShares(0));
  const Tokens token_supply = Tokens::whole(1'000'000) * kTraders;
  const MicroUsd usd_supply = MicroUsd::whole(1'000'000) * kTraders;
  // Seed liquidity from trader 0.
  const LiquidityAdded seed = pool.add_liquidity(Tokens::whole(10'000), MicroUsd::whole(20'000));
  tok[0] -= seed.token;
  usd[0] -= seed.usd;
  lp[0] += seed.shares;

  int swaps = 0, reverts = 0;
  for (int step = 0; step < 10'000; ++step) {
    const auto who = static_cast<std::size_t>(draw(rng, 0, kTraders - 1));
    const int op = static_cast<int>(draw(rng, 0, 5));
    const u128 k_before = k_of(pool);
    // Amounts span 1 base unit to about half the reserve, log-uniformly.
    const auto amount = [&](std::int64_t cap) {
      const std::int64_t hi = std::max<std::int64_t>(1, cap >> draw(rng, 1, 40));
      return draw(rng, 1, hi);
    };
    try {
      switch (op) {
        case 0: {
          const Tokens in(std::min(amount(pool.token_reserve().raw()), tok[who].raw()));
          const MicroUsd out = pool.swap_token_for_usd(in, MicroUsd(0));
          tok[who] -= in;
          usd[who] += out;
          ++swaps;
          REQUIRE(k_of(pool) >= k_before);
          break;
        }
        case 1: {
          const MicroUsd in(std::min(amount(pool.usd_reserve().raw()), usd[who].raw()));
          const Tokens out = pool.swap_usd_for_token(in, Tokens(0));
          usd[who] -= in;
          tok[who] += out;
          ++swaps;
          REQUIRE(k_of(pool) >= k_before);
          break;
        }
        case 2: {
          const MicroUsd out(amount(pool.usd_reserve().raw()));
          const Tokens in = pool.swap_token_for_exact_usd(out, tok[who]);
          tok[who] -= in;
          usd[who] += out;
          ++swaps;
          REQUIRE(k_of(pool) >= k_before);
          break;
        }
        case 3: {
          const Tokens out(amount(pool.token_reserve().raw()));
          const MicroUsd in = pool.swap_usd_for_exact_token(out, usd[who]);
          usd[who] -= in;
          tok[who] += out;
          ++swaps;
          REQUIRE(k_of(pool) >= k_before);
          break;
        }
        case 4: {
          const Tokens t(std::min(amount(pool.token_reserve().raw() * 2), tok[who].raw()));
          const MicroUsd u(std::min(amount(pool.usd_reserve().raw() * 2), usd[who].raw()));
          const LiquidityAdded a = pool.add_liquidity(t, u);
          REQUIRE(a.token <= t);
          REQUIRE(a.usd <= u);
          tok[who] -= a.token;
          usd[who] -= a.usd;
          lp[who] += a.shares;
          REQUIRE(k_of(pool) >= k_before);
          break;
        }
        default: {
          if (lp[who].raw() == 0) break;
          const LpShares s(draw(rng, 1, lp[who].raw()));
          const LiquidityRemoved r = pool.remove_liquidity(s);
          tok[who] += r.token;
          usd[who] += r.usd;
          lp[who] -= s;
          break;
        }
      }
    } catch (const AmmError&) {
      ++reverts;
      REQUIRE(k_of(pool) == k_before);  // a revert changes nothing
    }
    REQUIRE(pool.token_reserve().raw() > 0);
    REQUIRE(pool.usd_reserve().raw() > 0);
    Tokens t_sum = pool.token_reserve();
    MicroUsd u_sum = pool.usd_reserve();
    LpShares s_sum(kMinimumLiquidity);
    for (int i = 0; i < kTraders; ++i) {
      REQUIRE(tok[static_cast<std::size_t>(i)].raw() >= 0);
      REQUIRE(usd[static_cast<std::size_t>(i)].raw() >= 0);
      t_sum += tok[static_cast<std::size_t>(i)];
      u_sum += usd[static_cast<std::size_t>(i)];
      s_sum += lp[static_cast<std::size_t>(i)];
    }
    REQUIRE(t_sum == token_supply);
    REQUIRE(u_sum == usd_supply);
    REQUIRE(s_sum == pool.total_shares());
  }
  CHECK(swaps > 4'000);  // the run exercised swaps, not only reverts
  CHECK(reverts < 5'000);
}
