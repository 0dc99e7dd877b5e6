// Unit tests of toksim::sim::Population (sim/include/toksim/sim/population.hpp, sim/src/population.cpp).
//
// Pins: the kind-major id space (kind k owns [offset(k), offset(k) + count(k)), in the order given, kinds
// with count 0 own nothing); id(kind, row), kind_of, row_of for every id, and that they invert each other;
// that ids depend only on the kinds and counts (equal specs give equal ids; appending a kind leaves the
// earlier ids alone); find() (index, or kinds() when absent); total(); tag(k) == stream_tag(name) and
// stream(id) == agent_stream(tag(kind_of(id)), row_of(id)), so a kind's streams do not move when another
// kind is added in front of it; and ConfigError on an empty name, a duplicate name, a total at or above
// 2^31 (kGlobalBit; the largest legal total, 2^31 - 1, is accepted), and two names whose 32-bit FNV-1a
// tags collide ("costarring"/"liquid").
//
// Leaves out: ids outside [0, total()) (a precondition: kind_of does not check them), the wording of
// error messages beyond naming the offending kind, and the random draws themselves (test_rng.cpp).

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include <toksim/sim/error.hpp>
#include <toksim/sim/event.hpp>
#include <toksim/sim/population.hpp>
#include <toksim/sim/rng.hpp>

namespace {

using toksim::ConfigError;
using toksim::sim::agent_stream;
using toksim::sim::AgentId;
using toksim::sim::AgentKindSpec;
using toksim::sim::kGlobalBit;
using toksim::sim::Population;
using toksim::sim::stream_tag;

static_assert(stream_tag("costarring") == stream_tag("liquid"), "a known FNV-1a 32-bit collision");

Population sample() { return Population({{"holder", 5}, {"trader", 3}, {"ghost", 0}, {"whale", 2}}); }

}  // namespace

TEST_CASE("sim::population: ids are kind-major", "[sim][population]") {
  const Population p = sample();
  REQUIRE(p.kinds() == 4);
  CHECK(p.total() == 10);
  CHECK(p.name(0) == "holder");
  CHECK(p.name(3) == "whale");
  CHECK(p.count(1) == 3);
  CHECK(p.count(2) == 0);
  CHECK(p.offset(0) == 0);
  CHECK(p.offset(1) == 5);
  CHECK(p.offset(2) == 8);
  CHECK(p.offset(3) == 8);
  CHECK(p.id(0, 4) == 4);
  CHECK(p.id(1, 0) == 5);
  CHECK(p.id(3, 1) == 9);

  SECTION("kind_of and row_of invert id for every id, and skip kinds with no rows") {
    const std::vector<std::uint32_t> kinds{0, 0, 0, 0, 0, 1, 1, 1, 3, 3};
    const std::vector<std::uint32_t> rows{0, 1, 2, 3, 4, 0, 1, 2, 0, 1};
    for (AgentId id = 0; id < p.total(); ++id) {
      INFO("id " << id);
      CHECK(p.kind_of(id) == kinds[id]);
      CHECK(p.row_of(id) == rows[id]);
      CHECK(p.id(p.kind_of(id), p.row_of(id)) == id);
    }
  }
  SECTION("every (kind, row) maps to a distinct id in [0, total)") {
    std::vector<int> hits(p.total(), 0);
    for (std::uint32_t k = 0; k < p.kinds(); ++k) {
      for (std::uint32_t r = 0; r < p.count(k); ++r) {
        const AgentId id = p.id(k, r);
        REQUIRE(id < p.total());
        ++hits[id];
        CHECK(p.kind_of(id) == k);
        CHECK(p.row_of(id) == r);
      }
    }
    CHECK(hits == std::vector<int>(p.total(), 1));
  }
}

TEST_CASE("sim::population: ids are stable", "[sim][population]") {
  const Population a = sample();
  SECTION("the same specs give the same ids") {
    const Population b = sample();
    for (AgentId id = 0; id < a.total(); ++id) {
      CHECK(b.kind_of(id) == a.kind_of(id));
      CHECK(b.row_of(id) == a.row_of(id));
      CHECK(b.stream(id) == a.stream(id));
    }
  }
  SECTION("appending a kind leaves the earlier ids and streams alone") {
    const Population b({{"holder", 5}, {"trader", 3}, {"ghost", 0}, {"whale", 2}, {"dao", 4}});
    CHECK(b.total() == 14);
    for (AgentId id = 0; id < a.total(); ++id) {
      CHECK(b.kind_of(id) == a.kind_of(id));
      CHECK(b.row_of(id) == a.row_of(id));
      CHECK(b.stream(id) == a.stream(id));
    }
    CHECK(b.kind_of(10) == 4);
    CHECK(b.row_of(13) == 3);
  }
  SECTION("a kind added in front shifts ids but not the streams of the others") {
    const Population b({{"dao", 4}, {"holder", 5}, {"trader", 3}, {"ghost", 0}, {"whale", 2}});
    for (AgentId id = 0; id < a.total(); ++id) {
      const AgentId moved = id + 4;
      CHECK(b.name(b.kind_of(moved)) == a.name(a.kind_of(id)));
      CHECK(b.row_of(moved) == a.row_of(id));
      CHECK(b.stream(moved) == a.stream(id));
    }
  }
}

TEST_CASE("sim::population: find total and streams", "[sim][population]") {
  const Population p = sample();
  SECTION("find") {
    CHECK(p.find("holder") == 0);
    CHECK(p.find("trader") == 1);
    CHECK(p.find("ghost") == 2);
    CHECK(p.find("whale") == 3);
    CHECK(p.find("Whale") == p.kinds());
    CHECK(p.find("") == p.kinds());
    CHECK(p.find("holders") == p.kinds());
  }
  SECTION("tags are the FNV-1a hashes of the names") {
    for (std::uint32_t k = 0; k < p.kinds(); ++k) CHECK(p.tag(k) == stream_tag(p.name(k).c_str()));
    CHECK(p.tag(0) == 0xd5411c8fu);  // stream_tag("holder"), computed independently
  }
  SECTION("stream(id) == agent_stream(tag(kind), row) for every id, all distinct") {
    std::vector<std::uint64_t> seen;
    for (AgentId id = 0; id < p.total(); ++id) {
      const std::uint32_t k = p.kind_of(id);
      CHECK(p.stream(id) == agent_stream(p.tag(k), p.row_of(id)));
      CHECK(p.stream(id) == (std::uint64_t{p.tag(k)} << 32 | p.row_of(id)));
      for (const std::uint64_t s : seen) CHECK(s != p.stream(id));
      seen.push_back(p.stream(id));
    }
  }
  SECTION("an empty population") {
    const Population e(std::vector<AgentKindSpec>{});
    CHECK(e.kinds() == 0);
    CHECK(e.total() == 0);
    CHECK(e.find("holder") == 0);
  }
  SECTION("a population of kinds with no rows") {
    const Population e({{"a", 0}, {"b", 0}});
    CHECK(e.kinds() == 2);
    CHECK(e.total() == 0);
    CHECK(e.offset(1) == 0);
  }
}

TEST_CASE("sim::population: the largest legal id space", "[sim][population]") {
  // No rows are allocated by Population, so totals near 2^31 cost nothing.
  const std::uint32_t half = 1u << 30;
  const Population p({{"a", half}, {"b", half - 1}});
  CHECK(p.total() == kGlobalBit - 1);
  CHECK(p.kind_of(half - 1) == 0);
  CHECK(p.kind_of(half) == 1);
  CHECK(p.row_of(half) == 0);
  CHECK(p.kind_of(kGlobalBit - 2) == 1);
  CHECK(p.row_of(kGlobalBit - 2) == half - 2);
  CHECK(p.stream(kGlobalBit - 2) == agent_stream(p.tag(1), half - 2));
  CHECK_NOTHROW(Population({{"one", kGlobalBit - 1}}));
}

TEST_CASE("sim::population: invalid specs throw ConfigError", "[sim][population]") {
  SECTION("an empty name") {
    CHECK_THROWS_AS(Population({{"", 1}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", 1}, {"", 0}}), ConfigError);
  }
  SECTION("a duplicate name") {
    CHECK_THROWS_AS(Population({{"a", 1}, {"a", 1}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", 1}, {"b", 2}, {"a", 0}}), ConfigError);
    CHECK_THROWS_WITH(Population({{"holder", 1}, {"holder", 2}}), Catch::Contains("holder"));
  }
  SECTION("a total at or above 2^31") {
    CHECK_THROWS_AS(Population({{"a", kGlobalBit}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", kGlobalBit - 1}, {"b", 1}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", 1u << 30}, {"b", 1u << 30}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", 0xffff'ffffu}, {"b", 1}}), ConfigError);
    // Sums that wrap 32-bit arithmetic to something small (1 + (2^32 - 1) == 0 mod 2^32) still throw.
    CHECK_THROWS_AS(Population({{"a", 1}, {"b", 0xffff'ffffu}}), ConfigError);
    CHECK_THROWS_AS(Population({{"a", 5}, {"b", 0xffff'fffeu}}), ConfigError);
  }
  SECTION("two names with the same stream tag") {
    CHECK_THROWS_AS(Population({{"costarring", 1}, {"liquid", 1}}), ConfigError);
    CHECK_NOTHROW(Population({{"costarring", 1}, {"liquids", 1}}));
  }
}
