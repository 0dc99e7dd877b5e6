// Pins the revenue split: hand-derived parts with remainders at the top level and inside classes, a 1:1:1
// class on an amount not divisible by 3, zero weights, empty and all-zero classes (their share goes to the
// sink), a sink that is also a recipient or a member, the output order, both units (Tokens and MicroUsd),
// the configuration errors, and on random configurations that the parts sum to the whole and each part
// stays within the proven bound of its ideal real-valued share. Leaves out nesting deeper than one class
// level, which the split does not offer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "toksim/models/money/revenue_split.hpp"

using namespace toksim::models;

namespace {
std::int64_t draw(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

template <class Tag>
std::vector<std::int64_t> raw_parts(const RevenueSplit& s, Amount<Tag> a) {
  std::vector<std::int64_t> r;
  for (const auto& p : s.split(a)) r.push_back(p.amount.raw());
  return r;
}
}  // namespace

TEST_CASE("models::revenue_split: named shares floor and the remainder goes to the sink", "[models][revenue_split]") {
  const RevenueSplit s({{"a", Ppm(500'000)}, {"b", Ppm(300'000)}, {"c", Ppm(200'000)}}, {}, "treasury");
  CHECK(s.ids() == std::vector<std::string>{"a", "b", "c", "treasury"});
  CHECK(s.sink_index() == 3);
  // 1001: 500.5 -> 500, 300.3 -> 300, 200.2 -> 200; remainder 1001 - 1000 = 1.
  const auto parts = s.split(Tokens(1001));
  REQUIRE(parts.size() == 4);
  CHECK(parts[0] == SplitPart<TokenTag>{"a", Tokens(500)});
  CHECK(parts[1] == SplitPart<TokenTag>{"b", Tokens(300)});
  CHECK(parts[2] == SplitPart<TokenTag>{"c", Tokens(200)});
  CHECK(parts[3] == SplitPart<TokenTag>{"treasury", Tokens(1)});
  // 9: 4.5 -> 4, 2.7 -> 2, 1.8 -> 1; remainder 2.
  CHECK(raw_parts(s, Tokens(9)) == std::vector<std::int64_t>{4, 2, 1, 2});
  CHECK(raw_parts(s, Tokens(0)) == std::vector<std::int64_t>{0, 0, 0, 0});
  // The same split in micro-USD.
  CHECK(raw_parts(s, MicroUsd(1001)) == std::vector<std::int64_t>{500, 300, 200, 1});
}

TEST_CASE("models::revenue_split: a 1:1:1 class on an amount not divisible by 3", "[models][revenue_split]") {
  const RevenueSplit s({}, {{"validators", Ppm(1'000'000), {{"v1", 1}, {"v2", 1}, {"v3", 1}}}}, "burn");
  CHECK(s.ids() == std::vector<std::string>{"v1", "v2", "v3", "burn"});
  // Class 100; each floor(100 / 3) = 33; remainder 1.
  CHECK(raw_parts(s, Tokens(100)) == std::vector<std::int64_t>{33, 33, 33, 1});
  // 101: 33 each (33.67 floored), remainder 2 (the most a 3-member class can leave: m - 1).
  CHECK(raw_parts(s, Tokens(101)) == std::vector<std::int64_t>{33, 33, 33, 2});
  CHECK(raw_parts(s, Tokens(2)) == std::vector<std::int64_t>{0, 0, 0, 2});
}

TEST_CASE("models::revenue_split: remainders at both levels go to one sink", "[models][revenue_split]") {
  // x 333,333 ppm; class k 666,667 ppm with weights 2:3; amount 1000:
  // x = floor(333.333) = 333; class = floor(666.667) = 666; members floor(666 * 2 / 5 = 266.4) = 266 and
  // floor(666 * 3 / 5 = 399.6) = 399; remainder 1000 - 333 - 266 - 399 = 2.
  const RevenueSplit s({{"x", Ppm(333'333)}}, {{"k", Ppm(666'667), {{"k1", 2}, {"k2", 3}}}}, "sink");
  CHECK(raw_parts(s, Tokens(1000)) == std::vector<std::int64_t>{333, 266, 399, 2});
  // The sink as a named recipient: its remainder is added to its own floored share, no extra entry.
  const RevenueSplit t({{"x", Ppm(333'333)}}, {{"k", Ppm(666'667), {{"k1", 2}, {"k2", 3}}}}, "x");
  CHECK(t.ids() == std::vector<std::string>{"x", "k1", "k2"});
  CHECK(t.sink_index() == 0);
  CHECK(raw_parts(t, Tokens(1000)) == std::vector<std::int64_t>{335, 266, 399});
  // The sink as a class member.
  const RevenueSplit u({{"x", Ppm(333'333)}}, {{"k", Ppm(666'667), {{"k1", 2}, {"k2", 3}}}}, "k2");
  CHECK(u.sink_index() == 2);
  CHECK(raw_parts(u, Tokens(1000)) == std::vector<std::int64_t>{333, 266, 401});
}

TEST_CASE("models::revenue_split: zero weights empty classes and all-zero classes", "[models][revenue_split]") {
  // Weights 0:2:1 on a class amount of 10: 0, floor(20 / 3) = 6, floor(10 / 3) = 3; remainder 1.
  const RevenueSplit z({}, {{"c", Ppm(1'000'000), {{"m0", 0}, {"m2", 2}, {"m1", 1}}}}, "sink");
  CHECK(raw_parts(z, Tokens(10)) == std::vector<std::int64_t>{0, 6, 3, 1});
  // An empty class: its whole share (floor(1000 * 0.25) = 250) goes to the sink, with a's remainder (0).
  const RevenueSplit e({{"a", Ppm(750'000)}}, {{"nobody", Ppm(250'000), {}}}, "burn");
  CHECK(e.ids() == std::vector<std::string>{"a", "burn"});
  CHECK(raw_parts(e, Tokens(1000)) == std::vector<std::int64_t>{750, 250});
  // 1003: a floor(752.25) = 752; class floor(250.75) = 250; remainder 1003 - 752 = 251.
  CHECK(raw_parts(e, Tokens(1003)) == std::vector<std::int64_t>{752, 251});
  // A class whose members all weigh 0 behaves as empty.
  const RevenueSplit w({{"a", Ppm(750'000)}}, {{"idle", Ppm(250'000), {{"i1", 0}, {"i2", 0}}}}, "burn");
  CHECK(raw_parts(w, Tokens(1003)) == std::vector<std::int64_t>{752, 0, 0, 251});
  // A zero top-level share is allowed: it gets 0.
  const RevenueSplit n({{"a", Ppm(1'000'000)}, {"b", Ppm(0)}}, {}, "a");
  CHECK(raw_parts(n, Tokens(7)) == std::vector<std::int64_t>{7, 0});
}

TEST_CASE("models::revenue_split: extreme amounts stay exact", "[models][revenue_split]") {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const RevenueSplit s({{"a", Ppm(1)}}, {{"c", Ppm(999'999), {{"c1", max}, {"c2", max}, {"c3", 1}}}}, "sink");
  std::int64_t sum = 0;
  for (const std::int64_t p : raw_parts(s, Tokens(max))) sum += p;  // each part <= max, sum == max exactly
  CHECK(sum == max);
}

TEST_CASE("models::revenue_split: invalid configurations name the problem", "[models][revenue_split]") {
  CHECK_THROWS_AS(RevenueSplit({{"a", Ppm(500'000)}, {"b", Ppm(499'999)}}, {}, "s"), toksim::ConfigError);
  CHECK_THROWS_WITH(RevenueSplit({{"a", Ppm(500'000)}, {"b", Ppm(499'999)}}, {}, "s"),
                    Catch::Contains("1000000") && Catch::Contains("found 999999"));
  CHECK_THROWS_WITH(RevenueSplit({{"a", Ppm(1'000'000)}}, {{"c", Ppm(1), {}}}, "s"), Catch::Contains("found 1000001"));
  CHECK_THROWS_AS(RevenueSplit({}, {}, "s"), toksim::ConfigError);  // sum 0
  CHECK_THROWS_WITH(RevenueSplit({}, {{"c", Ppm(1'000'000), {{"m", -1}}}}, "s"),
                    Catch::Contains("weight >= 0") && Catch::Contains("found -1"));
  CHECK_THROWS_AS(RevenueSplit({{"a", Ppm(500'000)}}, {{"c", Ppm(500'000), {{"a", 1}}}}, "s"), toksim::ConfigError);
  CHECK_THROWS_AS(RevenueSplit({{"a", Ppm(1'000'000)}}, {}, ""), toksim::ConfigError);
  CHECK_THROWS_AS(RevenueSplit({{"", Ppm(1'000'000)}}, {}, "s"), toksim::ConfigError);
  const RevenueSplit ok({{"a", Ppm(1'000'000)}}, {}, "s");
  CHECK_THROWS_AS(ok.split(Tokens(-1)), MoneyError);
  std::vector<Tokens> out(1);
  CHECK_THROWS_AS(ok.split_into(Tokens(5), std::span<Tokens>(out)), toksim::ConfigError);
}

TEST_CASE("models::revenue_split: random splits are exact and within the proven bounds", "[models][revenue_split]") {
  std::mt19937_64 rng(31337);
  for (int iter = 0; iter < 3'000; ++iter) {
    // 0-4 named recipients and 0-3 classes of 0-5 members; random ppm shares summing to 1e6.
    const int n_named = static_cast<int>(draw(rng, 0, 4));
    const int n_classes = static_cast<int>(draw(rng, n_named == 0 ? 1 : 0, 3));
    const int n_top = n_named + n_classes;
    std::vector<std::int64_t> cuts{0, Ppm::kWhole};
    for (int i = 0; i < n_top - 1; ++i) cuts.push_back(draw(rng, 0, Ppm::kWhole));
    std::sort(cuts.begin(), cuts.end());
    std::vector<SplitRecipient> named;
    std::vector<SplitClass> classes;
    int id = 0;
    for (int i = 0; i < n_top; ++i) {
      const Ppm share(cuts[static_cast<std::size_t>(i) + 1] - cuts[static_cast<std::size_t>(i)]);
      if (i < n_named) {
        named.push_back({"r" + std::to_string(id++), share});
      } else {
        SplitClass c{"c" + std::to_string(i), share, {}};
        const int m = static_cast<int>(draw(rng, 0, 5));
        for (int j = 0; j < m; ++j) {
          c.members.push_back({"r" + std::to_string(id++), draw(rng, 0, 3) == 0 ? 0 : draw(rng, 1, 1000)});
        }
        classes.push_back(c);
      }
    }
    // The sink: a fresh id, or one of the recipients.
    const std::string sink = (id > 0 && draw(rng, 0, 2) == 0) ? "r" + std::to_string(draw(rng, 0, id - 1)) : "sink";
    const RevenueSplit s(named, classes, sink);
    const std::int64_t a = draw(rng, 0, 1) == 0 ? draw(rng, 0, 1000) : draw(rng, 0, std::int64_t{1} << 50);
    const auto parts = s.split(Tokens(a));
    REQUIRE(parts.size() == s.size());

    std::int64_t sum = 0;
    for (const auto& p : parts) {
      REQUIRE(p.amount.raw() >= 0);
      sum += p.amount.raw();
    }
    REQUIRE(sum == a);

    // Per-part bounds against the ideal, exactly in integers; and the sink's remainder bound.
    i128 floored_total = 0;  // the sum of every floored part before the remainder
    i128 remainder_bound = n_top - 1;
    std::size_t slot = 0;
    for (const SplitRecipient& r : named) {
      const i128 ideal_num = i128{a} * r.share.raw();  // ideal = ideal_num / 1e6
      const i128 floor_part = ideal_num / Ppm::kWhole;
      if (slot != s.sink_index()) {
        const i128 p = parts[slot].amount.raw();
        REQUIRE(p * Ppm::kWhole <= ideal_num);       // part <= x
        REQUIRE(ideal_num < (p + 1) * Ppm::kWhole);  // x - 1 < part
      }
      floored_total += floor_part;
      ++slot;
    }
    for (const SplitClass& c : classes) {
      i128 w_total = 0, positive = 0;
      for (const SplitMember& m : c.members) {
        w_total += m.weight;
        positive += m.weight > 0 ? 1 : 0;
      }
      const i128 class_amount = i128{a} * c.share.raw() / Ppm::kWhole;
      remainder_bound += w_total == 0 ? class_amount : positive - 1;
      for (const SplitMember& m : c.members) {
        const i128 floor_part = w_total == 0 ? 0 : class_amount * m.weight / w_total;
        if (slot != s.sink_index()) {
          const i128 p = parts[slot].amount.raw();
          REQUIRE(p == floor_part);
          if (w_total > 0) {
            // x = a * s * w / (1e6 * W): part <= x and x - part < 1 + w / W.
            const i128 x_num = i128{a} * c.share.raw() * m.weight, den = Ppm::kWhole * w_total;
            REQUIRE(p * den <= x_num);
            REQUIRE(x_num - p * den < den + Ppm::kWhole * m.weight);
            REQUIRE(x_num - p * den < 2 * den);  // strictly within 2 units
          }
        }
        floored_total += floor_part;
        ++slot;
      }
    }
    const i128 remainder = a - floored_total;
    REQUIRE(remainder >= 0);
    REQUIRE(remainder <= remainder_bound);
    // The sink's part is its own floored part (0 for a sink-only slot) plus the remainder.
    const i128 sink_own = s.sink_index() < slot ? parts[s.sink_index()].amount.raw() - remainder : 0;
    REQUIRE(sink_own >= 0);
  }
}
