// Pins the EIP-1559 base-fee update (full block +12.5%, empty -12.5%, the +1 minimum, the stuck-below-8
// floor, a ten-block sequence derived by hand, bounds and monotonicity on random blocks) and the fee split
// (priority capped by max_fee - base_fee, burn and tip exact in 128 bits, non-includable transactions).
// Leaves out the gas-limit drift of 1/1024 per block, the legacy-transaction path and the fork block's
// INITIAL_BASE_FEE switch-over: toksim blocks carry their limit and base fee explicitly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
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
