// Pins the EIP-1559 base-fee update (full block +12.5%, empty -12.5%, the +1 minimum, the stuck-below-8
// floor, a ten-block sequence derived by hand, bounds and monotonicity on random blocks) and the fee split
// (priority capped by max_fee - base_fee, burn and tip exact in 128 bits, non-includable transactions).
// Also pins the parameters (elasticity multiplier, change denominator: presets, bor's fork schedule, values at
// 16, 64 and other elasticities derived by hand, bad parameters) and the gas-limit bound of 1/1024 per block.
// Leaves out the legacy-transaction path and the fork block's INITIAL_BASE_FEE switch-over: toksim blocks carry
// their limit and base fee explicitly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>

#include "toksim/models/markets/eip1559.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;

static_assert(kInitialBaseFee == 1'000'000'000, "INITIAL_BASE_FEE is 1 gwei");
static_assert(kElasticityMultiplier == 2 && kBaseFeeMaxChangeDenominator == 8);
static_assert(gas_target(30'000'000) == 15'000'000);

TEST_CASE("models::eip1559: full and empty blocks move the base fee 12.5%", "[models][eip1559]") {
  // limit 30M, target 15M. Full: 1e9 * 15M // 15M // 8 = 125,000,000 -> 1.125 gwei.
  CHECK(next_base_fee(kInitialBaseFee, 30'000'000, 30'000'000) == 1'125'000'000);
  // Empty: 1e9 - 1e9 * 15M // 15M // 8 = 875,000,000.
  CHECK(next_base_fee(kInitialBaseFee, 0, 30'000'000) == 875'000'000);
  // At target: unchanged.
  CHECK(next_base_fee(kInitialBaseFee, 15'000'000, 30'000'000) == kInitialBaseFee);
  // 100 with a block one gas short of full: 100 * 14,999,999 // 15M = 99, // 8 = 12 -> 112.
  CHECK(next_base_fee(100, 29'999'999, 30'000'000) == 112);
  // An odd limit floors the target: limit 3 -> target 1, so a full block (used 3) is +25%:
  // 1000 * 2 // 1 // 8 = 250 -> 1250; used 2: 1000 // 8 = 125 -> 1125; used 0: 1000 - 125 = 875.
  CHECK(next_base_fee(1000, 3, 3) == 1250);
  CHECK(next_base_fee(1000, 2, 3) == 1125);
  CHECK(next_base_fee(1000, 0, 3) == 875);
}

TEST_CASE("models::eip1559: the +1 minimum and the floor below 8", "[models][eip1559]") {
  // 7 * 1 // 15M // 8 = 0 -> max(0, 1) = 1 -> 8.
  CHECK(next_base_fee(7, 15'000'001, 30'000'000) == 8);
  // A zero base fee rises to 1 on any over-target block.
  CHECK(next_base_fee(0, 15'000'001, 30'000'000) == 1);
  CHECK(next_base_fee(0, 0, 30'000'000) == 0);
  // Decreases floor: 7 * 15M // 15M // 8 = 0, so 7 stays 7 even on an empty block; 8 falls to 7; 1 stays 1.
  CHECK(next_base_fee(7, 0, 30'000'000) == 7);
  CHECK(next_base_fee(8, 0, 30'000'000) == 7);
  CHECK(next_base_fee(1, 0, 30'000'000) == 1);
}

TEST_CASE("models::eip1559: a ten-block sequence derived by hand", "[models][eip1559]") {
  // limit 30M, target 15M, start 1 gwei.
  // 1. used 30M:  + 1,000,000,000 // 8 = 125,000,000                       -> 1,125,000,000
  // 2. used 30M:  + 1,125,000,000 // 8 = 140,625,000                       -> 1,265,625,000
  // 3. used 15M:  unchanged                                                -> 1,265,625,000
  // 4. used 0:    - 1,265,625,000 // 8 = 158,203,125                       -> 1,107,421,875
  // 5. used 22.5M: 1,107,421,875 * 7.5M // 15M = 553,710,937 (.5 floored), // 8 = 69,213,867
  //                                                                        -> 1,176,635,742
  // 6. used 7.5M: 1,176,635,742 * 7.5M // 15M = 588,317,871, // 8 = 73,539,733 (.875 floored)
  //                                                                        -> 1,103,096,009
  // 7. used 30M:  + 1,103,096,009 // 8 = 137,887,001 (.125 floored)        -> 1,240,983,010
  // 8. used 0:    - 1,240,983,010 // 8 = 155,122,876 (.25 floored)         -> 1,085,860,134
  // 9. used 15,000,001: 1,085,860,134 * 1 // 15M = 72, // 8 = 9            -> 1,085,860,143
  // 10. used 14,999,999: 1,085,860,143 * 1 // 15M = 72, // 8 = 9           -> 1,085,860,134
  const std::uint64_t used[10] = {30'000'000, 30'000'000, 15'000'000, 0,          22'500'000,
                                  7'500'000,  30'000'000, 0,          15'000'001, 14'999'999};
  const std::uint64_t expected[10] = {1'125'000'000, 1'265'625'000, 1'265'625'000, 1'107'421'875, 1'176'635'742,
                                      1'103'096'009, 1'240'983'010, 1'085'860'134, 1'085'860'143, 1'085'860'134};
  std::uint64_t bf = kInitialBaseFee;
  for (int i = 0; i < 10; ++i) {
    bf = next_base_fee(bf, used[i], 30'000'000);
    INFO("block " << i + 1);
    CHECK(bf == expected[i]);
  }
}

TEST_CASE("models::eip1559: random blocks stay within the bounds and order", "[models][eip1559]") {
  std::mt19937_64 rng(1559);
  for (int i = 0; i < 20'000; ++i) {
    const std::uint64_t limit = 2 * (1 + rng() % 50'000'000);  // even limits
    const std::uint64_t bf = rng() % (std::uint64_t{1} << (rng() % 60));
    const std::uint64_t used = rng() % (limit + 1);
    const std::uint64_t next = next_base_fee(bf, used, limit);
    if (used > gas_target(limit)) {
      REQUIRE(next > bf);
      REQUIRE(next - bf <= std::max<std::uint64_t>(bf / 8, 1));
    } else {
      REQUIRE(next <= bf);
      REQUIRE(bf - next <= bf / 8);
    }
    // More gas used never gives a lower base fee.
    if (used < limit) REQUIRE(next_base_fee(bf, used + 1, limit) >= next);
  }
}

TEST_CASE("models::eip1559: invalid blocks and overflow are errors", "[models][eip1559]") {
  CHECK_THROWS_AS(next_base_fee(100, 0, 1), toksim::ConfigError);  // target 0
  CHECK_THROWS_AS(next_base_fee(100, 11, 10), toksim::ConfigError);
  CHECK_THROWS_WITH(next_base_fee(100, 11, 10), Catch::Contains("found 11"));
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  CHECK_THROWS_AS(next_base_fee(max, 30'000'000, 30'000'000), MoneyError);
  CHECK_THROWS_AS(next_base_fee(max, 15'000'001, 30'000'000), MoneyError);  // the +1 minimum
  CHECK(next_base_fee(max, 0, 30'000'000) == max - max / 8);
}

TEST_CASE("models::eip1559: transaction fees burn the base fee and tip the rest", "[models][eip1559]") {
  // 21,000 gas at base 1 gwei, max_fee 3 gwei, tip cap 2 gwei: priority min(2, 3 - 1) = 2 gwei;
  // burn 21,000 * 1e9 = 2.1e13, tip 21,000 * 2e9 = 4.2e13, total 6.3e13 = 21,000 * 3 gwei.
  TxFee f = transaction_fee(21'000, 1'000'000'000, 3'000'000'000, 2'000'000'000);
  CHECK(f.priority_fee_per_gas == 2'000'000'000);
  CHECK(f.effective_gas_price == 3'000'000'000);
  CHECK(f.burned == u128{21'000'000'000'000});
  CHECK(f.tip == u128{42'000'000'000'000});
  CHECK(f.total() == u128{63'000'000'000'000});
  // The max fee caps the tip: priority min(2 gwei, 2.5 - 1 = 1.5 gwei) = 1.5 gwei; effective price 2.5 gwei.
  f = transaction_fee(100'000, 1'000'000'000, 2'500'000'000, 2'000'000'000);
  CHECK(f.priority_fee_per_gas == 1'500'000'000);
  CHECK(f.effective_gas_price == 2'500'000'000);
  CHECK(f.burned == u128{100'000'000'000'000});
  CHECK(f.tip == u128{150'000'000'000'000});
  // max_fee == base_fee: no tip at all.
  f = transaction_fee(50'000, 7, 7, 5);
  CHECK(f.priority_fee_per_gas == 0);
  CHECK(f.burned == u128{350'000});
  CHECK(f.tip == u128{0});
  // 128-bit products: 2^63 gas at 2^63 per gas burns exactly 2^126.
  f = transaction_fee(std::uint64_t{1} << 63, std::uint64_t{1} << 63, std::uint64_t{1} << 63, 0);
  CHECK(f.burned == u128{1} << 126);
}

TEST_CASE("models::eip1559: transactions below the base fee are not includable", "[models][eip1559]") {
  CHECK_FALSE(includable(1'000'000'000, 999'999'999, 0));
  CHECK_FALSE(includable(1, 5, 6));  // max_fee below its own tip cap: rejected by the spec too
  CHECK(includable(1'000'000'000, 1'000'000'000, 0));
  CHECK_THROWS_AS(transaction_fee(21'000, 1'000'000'000, 999'999'999, 0), toksim::ConfigError);
  CHECK_THROWS_WITH(transaction_fee(21'000, 1'000'000'000, 999'999'999, 0),
                    Catch::Contains("1000000000") && Catch::Contains("found 999999999"));
  CHECK_THROWS_AS(transaction_fee(21'000, 1, 5, 6), toksim::ConfigError);
}

// ---- the parameters (elasticity multiplier E, change denominator D), presets and bor's fork schedule ----
// Hand-derived values: the reference clients' own rows are replayed in test_eip1559_reference.cpp.

TEST_CASE("models::eip1559: presets name Ethereum's and Polygon's parameters", "[models][eip1559]") {
  CHECK(Eip1559Params{} == Eip1559Params{2, 8});
  CHECK(eip1559_preset("ethereum") == Eip1559Params{2, 8});
  CHECK(eip1559_preset("polygon-pre-delhi") == Eip1559Params{2, 8});
  CHECK(eip1559_preset("polygon-delhi") == Eip1559Params{2, 16});
  CHECK(eip1559_preset("polygon-bhilai") == Eip1559Params{2, 64});
  CHECK_THROWS_AS(eip1559_preset("polygon"), toksim::ConfigError);
  CHECK_THROWS_WITH(eip1559_preset("polygon"), Catch::Contains("'polygon'") && Catch::Contains("polygon-bhilai"));
}

TEST_CASE("models::eip1559: bor picks the denominator by the parent's number", "[models][eip1559]") {
  // Mainnet: Delhi 38,189,056, Bhilai 73,440,256 (bor params/config.go BorMainnetChainConfig).
  CHECK(bor_base_fee_change_denominator(0, kPolygonMainnetForks) == 8);
  CHECK(bor_base_fee_change_denominator(38'189'055, kPolygonMainnetForks) == 8);
  CHECK(bor_base_fee_change_denominator(38'189'056, kPolygonMainnetForks) == 16);
  CHECK(bor_base_fee_change_denominator(73'440'255, kPolygonMainnetForks) == 16);
  CHECK(bor_base_fee_change_denominator(73'440'256, kPolygonMainnetForks) == 64);
  // Amoy: Delhi 73,100, Bhilai 22,765,056.
  CHECK(bor_base_fee_change_denominator(73'099, kPolygonAmoyForks) == 8);
  CHECK(bor_base_fee_change_denominator(73'100, kPolygonAmoyForks) == 16);
  CHECK(bor_base_fee_change_denominator(22'765'056, kPolygonAmoyForks) == 64);
  // An absent fork never activates; Bhilai wins over Delhi.
  CHECK(bor_base_fee_change_denominator(std::numeric_limits<std::uint64_t>::max(), {}) == 8);
  CHECK(bor_base_fee_change_denominator(5, {std::nullopt, 5}) == 64);
  CHECK(bor_params(73'440'256, kPolygonMainnetForks) == eip1559_preset("polygon-bhilai"));
}

TEST_CASE("models::eip1559: the denominator and the elasticity are parameters", "[models][eip1559]") {
  // D = 64, limit 20M, target 10M, 1 gwei: full + 1e9 // 64 = 15,625,000; empty - 15,625,000;
  // used 11M: 1e9 * 1M // 10M = 1e8, // 64 = 1,562,500; used 9M: the same down.
  const Eip1559Params bhilai = eip1559_preset("polygon-bhilai");
  CHECK(next_base_fee(kInitialBaseFee, 20'000'000, 20'000'000, bhilai) == 1'015'625'000);
  CHECK(next_base_fee(kInitialBaseFee, 0, 20'000'000, bhilai) == 984'375'000);
  CHECK(next_base_fee(kInitialBaseFee, 11'000'000, 20'000'000, bhilai) == 1'001'562'500);
  CHECK(next_base_fee(kInitialBaseFee, 9'000'000, 20'000'000, bhilai) == 998'437'500);
  CHECK(next_base_fee(kInitialBaseFee, 10'000'000, 20'000'000, bhilai) == kInitialBaseFee);
  // Below D a base fee never falls (63 * 1 // 64 = 0); D itself falls by 1; the +1 minimum still holds.
  CHECK(next_base_fee(63, 0, 20'000'000, bhilai) == 63);
  CHECK(next_base_fee(64, 0, 20'000'000, bhilai) == 63);
  CHECK(next_base_fee(63, 10'000'001, 20'000'000, bhilai) == 64);
  // E = 3, limit 30M, target 10M: full: 1e9 * 20M // 10M // 8 = 250,000,000; empty: - 1e9 // 8.
  CHECK(gas_target(30'000'000, {3, 8}) == 10'000'000);
  CHECK(next_base_fee(kInitialBaseFee, 30'000'000, 30'000'000, {3, 8}) == 1'250'000'000);
  CHECK(next_base_fee(kInitialBaseFee, 0, 30'000'000, {3, 8}) == 875'000'000);
  CHECK(next_base_fee(kInitialBaseFee, 15'000'000, 30'000'000, {3, 8}) == 1'062'500'000);  // 1e9 * 5M // 10M // 8
  // E = 1: the target is the limit, so the base fee never rises; D = 1: an empty block zeroes it.
  CHECK(next_base_fee(kInitialBaseFee, 30'000'000, 30'000'000, {1, 8}) == kInitialBaseFee);
  CHECK(next_base_fee(kInitialBaseFee, 0, 30'000'000, {1, 8}) == 875'000'000);
  CHECK(next_base_fee(kInitialBaseFee, 0, 30'000'000, {2, 1}) == 0);
  CHECK(next_base_fee(kInitialBaseFee, 30'000'000, 30'000'000, {2, 1}) == 2'000'000'000);
}

TEST_CASE("models::eip1559: bad parameters are configuration errors", "[models][eip1559]") {
  CHECK_THROWS_AS(next_base_fee(100, 0, 30'000'000, {0, 8}), toksim::ConfigError);
  CHECK_THROWS_WITH(next_base_fee(100, 0, 30'000'000, {0, 8}), Catch::Contains("elasticity_multiplier >= 1"));
  CHECK_THROWS_WITH(next_base_fee(100, 0, 30'000'000, {2, 0}),
                    Catch::Contains("base_fee_max_change_denominator >= 1") && Catch::Contains("found 0"));
  CHECK_THROWS_WITH(validate(Eip1559Params{2, 0}), Catch::Contains("base_fee_max_change_denominator"));
  CHECK_NOTHROW(validate(Eip1559Params{1, 1}));
  // The limit must give a positive target: E = 3 needs a limit of 3.
  CHECK_THROWS_WITH(next_base_fee(100, 0, 2, {3, 8}),
                    Catch::Contains("elasticity multiplier 3") && Catch::Contains("found 2"));
  CHECK(next_base_fee(100, 0, 3, {3, 8}) == 88);  // target 1: 100 - 100 // 8
  // A huge elasticity on a tiny target: the increase itself leaves uint64 (the Wide product stays exact).
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  CHECK_THROWS_WITH(next_base_fee(std::uint64_t{1} << 63, max, max, {std::uint64_t{1} << 62, 1}),
                    Catch::Contains("an increase past uint64"));
}

TEST_CASE("models::eip1559: the gas limit moves less than 1/1024 a block", "[models][eip1559]") {
  // parent 30M: 30M // 1024 = 29,296, so a change of 29,295 is allowed and 29,296 is not.
  CHECK(gas_limit_valid(30'000'000, 30'029'295));
  CHECK_FALSE(gas_limit_valid(30'000'000, 30'029'296));
  CHECK(gas_limit_valid(30'000'000, 29'970'705));
  CHECK_FALSE(gas_limit_valid(30'000'000, 29'970'704));
  // The bound is strict: 1,024,000 // 1024 = 1000, so a change of 999 passes and 1000 does not.
  CHECK(gas_limit_valid(1'024'000, 1'023'001));
  CHECK_FALSE(gas_limit_valid(1'024'000, 1'023'000));
  // At least 5000, whatever the parent: 5000 -> 4999 moves 1 < 5000 // 1024 = 4 but falls below the minimum.
  CHECK(gas_limit_valid(5'000, 5'000));
  CHECK_FALSE(gas_limit_valid(5'000, 4'999));
  // The fork block: the parent's limit counts E times (the old limit was all target). 15M * 2 = 30M.
  CHECK(gas_limit_valid(15'000'000, 30'000'000, true));
  CHECK_FALSE(gas_limit_valid(15'000'000, 30'000'000));
  CHECK(gas_limit_valid(10'000'000, 30'000'000, true, {3, 8}));
  // Exact across uint64: the parent times E is taken in 128 bits.
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  CHECK(gas_limit_valid(max, max));
  CHECK_FALSE(gas_limit_valid(max, max, true));  // 2 * max is far from max
}
