// Unit tests of toksim::sim::block_reduce (sim/include/toksim/sim/reduce.hpp).
//
// Pins: the blocks (partial is called once per block [b * kReduceBlock, min(n, (b + 1) * kReduceBlock)),
// never for n == 0), the combination order (combine(acc, part) folded from `identity` in block order,
// checked with a non-commutative combine), integer sums against the closed form for n not a multiple of
// kReduceBlock, n == 0 returning the identity, and the reproducibility promise: a floating-point sum whose
// value depends on the order of additions (values mixing +-1e16 and 1.0) is bit-identical inside
// oneapi::tbb::task_arena with 1, 2 and 4 threads (several runs each) and equal to a serial loop that adds
// per-block partials in block order, while differing from a plain left-to-right loop (which shows the
// data are order-sensitive, so the equality means something).
//
// Leaves out: speed and load balance, exceptions thrown by partial or combine (TBB propagates them; not a
// promise of reduce.hpp), and non-default arenas beyond the thread counts above.

#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <toksim/sim/reduce.hpp>

namespace {

using toksim::sim::block_reduce;
using toksim::sim::kReduceBlock;

/// Values whose sum depends on the order of additions: 1.0 is lost next to 1e16 unless the 1e16 is
/// cancelled first, and the pattern is irregular so block boundaries fall in different places.
std::vector<double> order_sensitive_values(std::size_t n) {
  std::vector<double> x(n);
  std::uint64_t h = 0x243f'6a88'85a3'08d3ull;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= h << 13;
    h ^= h >> 7;
    h ^= h << 17;
    switch (h % 5) {
      case 0:
        x[i] = 1e16;
        break;
      case 1:
        x[i] = -1e16;
        break;
      case 2:
        x[i] = 3.0;
        break;
      case 3:
        x[i] = 1.0;
        break;
      default:
        x[i] = 0.1 * static_cast<double>(h % 1000);
        break;
    }
  }
  return x;
}

double serial_sum(const std::vector<double>& x, std::size_t begin, std::size_t end) {
  double s = 0.0;
  for (std::size_t i = begin; i < end; ++i) s += x[i];
  return s;
}

/// The promised result, computed without TBB: per-block partials added in block order.
double blockwise_reference(const std::vector<double>& x) {
  double acc = 0.0;
  for (std::size_t b = 0; b * kReduceBlock < x.size(); ++b) {
    acc += serial_sum(x, b * kReduceBlock, std::min(x.size(), (b + 1) * kReduceBlock));
  }
  return acc;
}

double parallel_sum(const std::vector<double>& x) {
  return block_reduce(
      x.size(), 0.0, [&](std::size_t b, std::size_t e) { return serial_sum(x, b, e); },
      [](double a, double p) { return a + p; });
}

}  // namespace

TEST_CASE("sim::reduce: n == 0 returns the identity without calling partial", "[sim][reduce]") {
  std::atomic<int> calls{0};
  const int r = block_reduce(
      0, 42,
      [&](std::size_t, std::size_t) {
        ++calls;
        return 1;
      },
      [](int a, int p) { return a + p; });
  CHECK(r == 42);
  CHECK(calls.load() == 0);
}

TEST_CASE("sim::reduce: blocks are fixed and combined in block order", "[sim][reduce]") {
  for (const std::size_t n :
       {std::size_t{1}, kReduceBlock - 1, kReduceBlock, kReduceBlock + 1, 5 * kReduceBlock + 17, 40 * kReduceBlock}) {
    INFO("n " << n);
    const std::size_t blocks = (n + kReduceBlock - 1) / kReduceBlock;
    std::vector<std::pair<std::size_t, std::size_t>> ranges(blocks, {0, 0});
    std::vector<std::atomic<int>> calls(blocks);
    // A non-commutative combine: the result encodes the order in which the partials were folded.
    const std::uint64_t got = block_reduce(
        n, std::uint64_t{7},
        [&](std::size_t b, std::size_t e) {
          const std::size_t block = b / kReduceBlock;
          ranges[block] = {b, e};
          ++calls[block];
          return std::uint64_t{block + 1};
        },
        [](std::uint64_t acc, std::uint64_t part) { return acc * 1'000'003u + part; });
    std::uint64_t want = 7;
    for (std::size_t b = 0; b < blocks; ++b) {
      want = want * 1'000'003u + (b + 1);
      CHECK(calls[b].load() == 1);
      CHECK(ranges[b].first == b * kReduceBlock);
      CHECK(ranges[b].second == std::min(n, (b + 1) * kReduceBlock));
    }
    CHECK(got == want);
  }
}

TEST_CASE("sim::reduce: an integer sum equals the closed form", "[sim][reduce]") {
  for (const std::size_t n :
       {std::size_t{1}, std::size_t{2}, kReduceBlock, 3 * kReduceBlock + 1, std::size_t{1'000'003}}) {
    INFO("n " << n);
    const std::uint64_t sum = block_reduce(
        n, std::uint64_t{0},
        [](std::size_t b, std::size_t e) {
          std::uint64_t s = 0;
          for (std::size_t i = b; i < e; ++i) s += i;
          return s;
        },
        [](std::uint64_t a, std::uint64_t p) { return a + p; });
    CHECK(sum == std::uint64_t{n} * (n - 1) / 2);
  }
}

TEST_CASE("sim::reduce: a floating-point sum has the same bits for 1 2 and 4 threads", "[sim][reduce]") {
  const std::size_t n = 37 * kReduceBlock + 1234;  // not a multiple of the block
  const std::vector<double> x = order_sensitive_values(n);
  const double reference = blockwise_reference(x);
  // Lets TBB run 4 threads even on a machine with fewer cores (its default limit is the core count).
  const oneapi::tbb::global_control allow(oneapi::tbb::global_control::max_allowed_parallelism, 4);

  SECTION("the data are order-sensitive") {
    // Otherwise the equalities below would hold for any summation order.
    CHECK(std::bit_cast<std::uint64_t>(serial_sum(x, 0, n)) != std::bit_cast<std::uint64_t>(reference));
    std::vector<double> reversed(x.rbegin(), x.rend());
    CHECK(std::bit_cast<std::uint64_t>(serial_sum(reversed, 0, n)) != std::bit_cast<std::uint64_t>(reference));
  }
  SECTION("equal to per-block partials added in block order, in every arena") {
    for (const int threads : {1, 2, 4}) {
      oneapi::tbb::task_arena arena(threads);
      CHECK(arena.max_concurrency() == threads);
      for (int run = 0; run < 5; ++run) {
        INFO("threads " << threads << " run " << run);
        const double got = arena.execute([&] { return parallel_sum(x); });
        CHECK(std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(reference));
      }
    }
    CHECK(std::bit_cast<std::uint64_t>(parallel_sum(x)) == std::bit_cast<std::uint64_t>(reference));
  }
  SECTION("a single partial block") {
    const std::vector<double> small(x.begin(), x.begin() + 1000);
    oneapi::tbb::task_arena arena(4);
    const double got = arena.execute([&] { return parallel_sum(small); });
    CHECK(std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(serial_sum(small, 0, small.size())));
  }
}
