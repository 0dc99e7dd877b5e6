// Replays OpenZeppelin's own VestingWallet / VestingWalletCliff test cases (test/finance/VestingWallet.test.js,
// VestingWalletCliff.test.js, VestingWallet.behavior.js; data: tests/reference/openzeppelin-contracts/
// vesting_wallet.json) through the C++ API: oz_vested_amount on Boost's checked uint256 (the 100-ether amount does
// not fit int64) over the upstream 64-point schedule i * duration / 60 + start, expected values computed here as
// the upstream vestingFn computes them; the release amounts of "execute vesting schedule"; end = start + duration
// (VestingSchedule); "rejects a larger cliff than vesting duration" (InvalidCliffDuration). Leaves out ownership,
// the zero-address beneficiary and the Ether / ERC-20 transfers, which toksim does not model.
#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "toksim/models/supply/vesting.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim::models;
using U = boost::multiprecision::checked_uint256_t;
using toksim::sim::Time;

namespace {
const YAML::Node& data() {
  static const YAML::Node n =
      YAML::LoadFile(TOKSIM_SOURCE_DIR "/tests/reference/openzeppelin-contracts/vesting_wallet.json");
  return n;
}

// The upstream vestingFn: min(amount, amount * (t - start) / duration), 0 before start + cliff in the Cliff test.
U vesting_fn(const U& amount, Time start, Time duration, Time cliff, bool has_cliff, Time t) {
  if (has_cliff && t < start + cliff) return U(0);
  const U linear = amount * U(t - start) / U(duration);
  return linear < amount ? linear : amount;
}
}  // namespace

TEST_CASE("models::vesting reference: OpenZeppelin VestingWallet(.Cliff) schedule and releases",
          "[models][vesting][reference]") {
  const YAML::Node& d = data();
  const U amount(d["amount"].as<std::string>());
  const auto duration = d["duration"].as<Time>();
  const auto cliff = d["cliff_duration"].as<Time>();
  const auto length = d["schedule_length"].as<Time>();
  const auto divisor = d["schedule_divisor"].as<Time>();
  for (const auto& s : d["replay_starts"]) {
    const auto start = s.as<Time>();
    for (const bool has_cliff : {false, true}) {
      CAPTURE(start, has_cliff);
      const Time c = has_cliff ? cliff : 0;
      U released(0);
      CHECK(oz_vested_amount<U, U>(amount, start, duration, c, start - 3600) == U(0));  // release before start: 0
      for (Time i = 0; i < length; ++i) {
        const Time t = i * duration / divisor + start;
        CAPTURE(i, t);
        const U want = vesting_fn(amount, start, duration, cliff, has_cliff, t);
        const U got = oz_vested_amount<U, U>(amount, start, duration, c, t);
        CHECK(got == want);  // vestedAmount(timestamp) == releasable() == vestingFn(timestamp)
        released = got;      // release() pays vested - released
      }
      CHECK(released == amount);  // the grid passes the end
    }
  }
}

TEST_CASE("models::vesting reference: end and InvalidCliffDuration", "[models][vesting][reference]") {
  const YAML::Node& d = data();
  const auto duration = d["duration"].as<Time>();
  const auto cliff = d["cliff_duration"].as<Time>();
  const auto start = d["replay_starts"][0].as<Time>();
  const auto sched = VestingSchedule::linear(Tokens(1'000'000), start, duration, cliff);
  CHECK(sched.end() == start + duration);
  CHECK(sched.cliff() == cliff);
  const Time over = duration + d["invalid_cliff_over_duration"].as<Time>();
  CHECK_THROWS_WITH((oz_vested_amount<U, U>(U(d["amount"].as<std::string>()), start, duration, over, start)),
                    Catch::Contains("InvalidCliffDuration"));
}
