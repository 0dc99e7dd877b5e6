// Unit tests of toksim::sim::Partition (sim/include/toksim/sim/partition.hpp, sim/src/partition.cpp).
//
// Pins: row_begin(k, s) == floor(n * s / S) for every kind and every s in [0, S] (so slices are contiguous,
// cover every row exactly once, and differ in size by at most one), with hand-checked uneven splits, more
// shards than rows, and kinds with no rows; shard_size(s) == the sum of its slices; shard_of(id) (and
// shard_of_row) against an independently built owner table for EVERY id of populations up to ~100k agents
// and S in {1, 2, 3, 7, 8, 64, 1000}, and at every slice boundary of a 2^31 - 1 agent population over
// 65,536 shards; local_index as a bijection of a shard's agents onto [0, shard_size(s)), in for_each_agent
// order; for_each_agent visiting kind-major, rows ascending (so ids strictly ascending), each agent of the
// population in exactly one shard; ConfigError for 0 shards and for 65,537 (65,536 is accepted).
//
// Leaves out: speed of shard_of (it promises no division; not observable here), ids outside the population
// (a precondition), and the Population it is built on (test_population.cpp).

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <toksim/sim/error.hpp>
#include <toksim/sim/partition.hpp>
#include <toksim/sim/population.hpp>

namespace {

using toksim::ConfigError;
using toksim::sim::AgentId;
using toksim::sim::AgentKindSpec;
using toksim::sim::Partition;
using toksim::sim::Population;

Population make_population(const std::vector<std::uint32_t>& counts) {
  std::vector<AgentKindSpec> specs;
  for (std::size_t k = 0; k < counts.size(); ++k) specs.push_back({"kind" + std::to_string(k), counts[k]});
  return Population(std::move(specs));
}

std::uint32_t expected_begin(std::uint64_t n, std::uint64_t s, std::uint64_t shards) {
  return static_cast<std::uint32_t>(n * s / shards);
}

/// Checks every promise of the partition of `counts` over `shards`, against independent arithmetic.
void check_partition(const std::vector<std::uint32_t>& counts, std::uint32_t shards) {
  const Population pop = make_population(counts);
  const Partition part(pop, shards);
  REQUIRE(part.shards() == shards);
  REQUIRE(&part.population() == &pop);

  // Slice bounds: the closed form, hence contiguous, covering and balanced.
  for (std::uint32_t k = 0; k < pop.kinds(); ++k) {
    const std::uint32_t n = pop.count(k);
    REQUIRE(part.row_begin(k, 0) == 0);
    REQUIRE(part.row_begin(k, shards) == n);
    for (std::uint32_t s = 0; s <= shards; ++s) {
      if (part.row_begin(k, s) != expected_begin(n, s, shards)) {
        INFO("kind " << k << " n " << n << " shard " << s);
        REQUIRE(part.row_begin(k, s) == expected_begin(n, s, shards));
      }
    }
    for (std::uint32_t s = 0; s < shards; ++s) {
      REQUIRE(part.row_end(k, s) == part.row_begin(k, s + 1));
      const std::uint32_t size = part.row_end(k, s) - part.row_begin(k, s);
      REQUIRE(size <= n / shards + 1);
      REQUIRE(size >= n / shards);
    }
  }

  // Owner of every id, built slice by slice from the closed form (not from Partition).
  std::vector<std::uint32_t> owner(pop.total(), shards);
  std::vector<std::uint32_t> sizes(shards, 0);
  for (std::uint32_t k = 0; k < pop.kinds(); ++k) {
    for (std::uint32_t s = 0; s < shards; ++s) {
      for (std::uint32_t r = expected_begin(pop.count(k), s, shards); r < expected_begin(pop.count(k), s + 1, shards);
           ++r) {
        REQUIRE(owner[pop.offset(k) + r] == shards);  // exactly once
        owner[pop.offset(k) + r] = s;
        ++sizes[s];
      }
    }
  }
  std::size_t mismatches = 0;
  for (AgentId id = 0; id < pop.total(); ++id) {
    if (owner[id] == shards || part.shard_of(id) != owner[id] ||
        part.shard_of_row(pop.kind_of(id), pop.row_of(id)) != owner[id]) {
      if (mismatches++ == 0) {
        INFO("id " << id << " kind " << pop.kind_of(id) << " row " << pop.row_of(id));
        CHECK(owner[id] != shards);
        CHECK(part.shard_of(id) == owner[id]);
        CHECK(part.shard_of_row(pop.kind_of(id), pop.row_of(id)) == owner[id]);
      }
    }
  }
  REQUIRE(mismatches == 0);

  // for_each_agent: kind-major, rows ascending, exactly the owned agents; local_index counts them.
  std::vector<int> visits(pop.total(), 0);
  std::uint64_t sum_sizes = 0;
  for (std::uint32_t s = 0; s < shards; ++s) {
    REQUIRE(part.shard_size(s) == sizes[s]);
    sum_sizes += part.shard_size(s);
    std::uint32_t position = 0;
    AgentId previous = 0;
    bool first = true;
    bool ok = true;
    part.for_each_agent(s, [&](AgentId id) {
      ok = ok && id < pop.total() && owner[id] == s && (first || id > previous) && part.local_index(id, s) == position;
      if (id < pop.total()) ++visits[id];
      previous = id;
      first = false;
      ++position;
    });
    if (!ok || position != part.shard_size(s)) {
      INFO("shard " << s);
      REQUIRE(ok);
      REQUIRE(position == part.shard_size(s));
    }
  }
  REQUIRE(sum_sizes == pop.total());
  REQUIRE(visits == std::vector<int>(pop.total(), 1));
}

}  // namespace

TEST_CASE("sim::partition: hand-checked slices", "[sim][partition]") {
  SECTION("an uneven split: 10 rows over 3 shards are 3 3 4") {
    const Population pop = make_population({10});
    const Partition part(pop, 3);
    CHECK(part.row_begin(0, 0) == 0);
    CHECK(part.row_begin(0, 1) == 3);
    CHECK(part.row_begin(0, 2) == 6);
    CHECK(part.row_begin(0, 3) == 10);
    CHECK(part.shard_size(0) == 3);
    CHECK(part.shard_size(1) == 3);
    CHECK(part.shard_size(2) == 4);
    CHECK(part.shard_of(2) == 0);
    CHECK(part.shard_of(3) == 1);
    CHECK(part.shard_of(5) == 1);
    CHECK(part.shard_of(6) == 2);
    CHECK(part.shard_of(9) == 2);
  }
  SECTION("more shards than rows: 3 rows over 8 shards leave five shards empty") {
    const Population pop = make_population({3});
    const Partition part(pop, 8);
    const std::vector<std::uint32_t> begins{0, 0, 0, 1, 1, 1, 2, 2, 3};
    for (std::uint32_t s = 0; s <= 8; ++s) CHECK(part.row_begin(0, s) == begins[s]);
    const std::vector<std::uint32_t> sizes{0, 0, 1, 0, 0, 1, 0, 1};
    for (std::uint32_t s = 0; s < 8; ++s) CHECK(part.shard_size(s) == sizes[s]);
    CHECK(part.shard_of(0) == 2);
    CHECK(part.shard_of(1) == 5);
    CHECK(part.shard_of(2) == 7);
    int visited = 0;
    part.for_each_agent(0, [&](AgentId) { ++visited; });
    CHECK(visited == 0);
  }
  SECTION("several kinds: a shard holds a slice of each, kind-major") {
    const Population pop = make_population({4, 0, 6});
    const Partition part(pop, 2);
    std::vector<AgentId> ids;
    part.for_each_agent(1, [&](AgentId id) { ids.push_back(id); });
    CHECK(ids == std::vector<AgentId>{2, 3, 7, 8, 9});
    CHECK(part.local_index(2, 1) == 0);
    CHECK(part.local_index(3, 1) == 1);
    CHECK(part.local_index(7, 1) == 2);
    CHECK(part.local_index(9, 1) == 4);
    CHECK(part.local_index(4, 0) == 2);  // kind 2 row 0 follows kind 0's two rows in shard 0
    CHECK(part.shard_size(0) == 5);
    CHECK(part.shard_size(1) == 5);
  }
  SECTION("one shard owns everything in id order") {
    const Population pop = make_population({3, 2});
    const Partition part(pop, 1);
    std::vector<AgentId> ids;
    part.for_each_agent(0, [&](AgentId id) { ids.push_back(id); });
    CHECK(ids == std::vector<AgentId>{0, 1, 2, 3, 4});
    for (AgentId id = 0; id < 5; ++id) {
      CHECK(part.shard_of(id) == 0);
      CHECK(part.local_index(id, 0) == id);
    }
  }
}

TEST_CASE("sim::partition: small populations against the closed form", "[sim][partition]") {
  const std::vector<std::vector<std::uint32_t>> populations{
      {}, {0}, {1}, {2}, {3}, {10}, {0, 0}, {1, 0, 1}, {7, 13, 64, 65, 1000}, {5, 0, 9, 1}, {999, 1001}};
  for (const auto& counts : populations) {
    for (const std::uint32_t shards : {1u, 2u, 3u, 4u, 7u, 8u, 13u, 64u, 65u, 1000u, 1001u}) {
      INFO("counts " << Catch::Detail::stringify(counts) << " shards " << shards);
      check_partition(counts, shards);
    }
  }
}

TEST_CASE("sim::partition: shard_of agrees with the owner of every id of ~100k agents", "[sim][partition]") {
  const std::vector<std::vector<std::uint32_t>> populations{
      {100'000}, {65'537, 0, 34'463, 1}, {3, 99'991, 7}, {33'333, 33'334, 33'333}};
  for (const auto& counts : populations) {
    for (const std::uint32_t shards : {1u, 2u, 3u, 7u, 8u, 64u, 1000u}) {
      INFO("counts " << Catch::Detail::stringify(counts) << " shards " << shards);
      check_partition(counts, shards);
    }
  }
}

TEST_CASE("sim::partition: the largest id space over the most shards", "[sim][partition]") {
  // 2^31 - 1 agents over 65,536 shards: shard_of's floating-point estimate at every slice boundary.
  const std::uint32_t big = (1u << 30) + 12'345;
  const std::uint32_t rest = (1u << 31) - 1 - big;
  const Population pop = make_population({big, rest});
  const std::uint32_t shards = 65'536;
  const Partition part(pop, shards);
  std::uint64_t total = 0;
  std::size_t mismatches = 0;
  for (std::uint32_t k = 0; k < 2; ++k) {
    const std::uint64_t n = pop.count(k);
    for (std::uint32_t s = 0; s < shards; ++s) {
      const auto b = static_cast<std::uint32_t>(n * s / shards);
      const auto e = static_cast<std::uint32_t>(n * (s + 1) / shards);
      if (part.row_begin(k, s) != b || part.row_end(k, s) != e) ++mismatches;
      // first and last row of the slice, and the rows just outside it
      if (part.shard_of_row(k, b) != s || part.shard_of_row(k, e - 1) != s) ++mismatches;
      if (part.shard_of(pop.offset(k) + b) != s || part.shard_of(pop.offset(k) + e - 1) != s) ++mismatches;
      if (s > 0 && part.shard_of_row(k, b - 1) != s - 1) ++mismatches;
    }
  }
  for (std::uint32_t s = 0; s < shards; ++s) total += part.shard_size(s);
  CHECK(mismatches == 0);
  CHECK(total == pop.total());
  CHECK(part.shard_of(pop.total() - 1) == shards - 1);
  CHECK(part.local_index(pop.total() - 1, shards - 1) == part.shard_size(shards - 1) - 1);
}

TEST_CASE("sim::partition: shard counts outside 1 to 65536 throw ConfigError", "[sim][partition]") {
  const Population pop = make_population({10});
  CHECK_THROWS_AS(Partition(pop, 0), ConfigError);
  CHECK_THROWS_AS(Partition(pop, 65'537), ConfigError);
  CHECK_THROWS_AS(Partition(pop, 0xffff'ffffu), ConfigError);
  CHECK_THROWS_WITH(Partition(pop, 0), Catch::Contains("shards"));
  CHECK_NOTHROW(Partition(pop, 1));
  CHECK_NOTHROW(Partition(pop, 65'536));
  const Population none = make_population({});
  CHECK_NOTHROW(Partition(none, 65'536));
}
