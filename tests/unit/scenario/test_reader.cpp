// Pins the validating reads: exact decimals (tokens, USD, ppm shares, percentages), integer and number
// ranges, durations, choices with did-you-mean, unknown keys, and that every problem is collected rather
// than the first only. Leaves out the scenario schema itself (test_scenario.cpp).
#include <catch2/catch.hpp>

#include "toksim/models/scenario/reader.hpp"

using namespace toksim;
using namespace toksim::models;

TEST_CASE("scenario::reader: exact decimals", "[scenario][reader]") {
  CHECK(parse_fixed("1_000_000", 6) == std::int64_t{1'000'000'000'000});
  CHECK(parse_fixed("0.000001", 6) == 1);
  CHECK(parse_fixed("2.5e6", 0) == 2'500'000);
  CHECK(parse_fixed("-3", 0) == -3);
  CHECK(parse_fixed("1e-6", 6) == 1);
  CHECK_FALSE(parse_fixed("0.0000001", 6));  // finer than the unit
  CHECK_FALSE(parse_fixed("1.5", 0));
  CHECK_FALSE(parse_fixed("twenty", 6));
  CHECK_FALSE(parse_fixed("1__000", 0));
  CHECK_FALSE(parse_fixed("_1", 0));
  CHECK_FALSE(parse_fixed("1e", 0));
  CHECK_FALSE(parse_fixed("", 0));
  CHECK_FALSE(parse_fixed("99999999999999999999", 0));  // past int64
  CHECK(parse_fixed("9223372036854775807", 0) == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("scenario::reader: did-you-mean", "[scenario][reader]") {
  const std::vector<std::string> keys = {"holders", "team", "investors"};
  CHECK(did_you_mean("holdrs", keys) == "holders");
  CHECK(did_you_mean("invetsors", keys) == "investors");  // a transposition
  CHECK(did_you_mean("teams", keys) == "team");
  CHECK(did_you_mean("zzzzzz", keys).empty());
}

TEST_CASE("scenario::reader: typed reads collect every problem with its position", "[scenario][reader]") {
  const Document d = Document::parse(
      "a:\n"
      "  share: 15%\n"
      "  bad_share: 1.5\n"
      "  fine: 0.1234567\n"
      "  count: 2.5\n"
      "  money: 1.0000001\n"
      "  when: 3 days\n"
      "  pick: halvng\n"
      "  typo: 1\n"
      "  flag: yes\n",
      "r.yaml");
  Reader r(d);
  Section root = r.root();
  Section a = root.section("a", "");
  CHECK(a.share("share", Ppm(0), "") == Ppm(150'000));
  CHECK(a.share("bad_share", Ppm(7), "") == Ppm(7));  // the default after an error
  a.share("fine", Ppm(0), "");
  CHECK(a.integer("count", 1, 0, 10, "") == 1);
  a.tokens("money", Tokens(0), Tokens(0), "");
  a.duration("when", 0, 0, "");
  a.choice("pick", "halving", {"halving", "linear"}, "");
  a.flag("flag", false, "");
  a.finish();
  root.finish();
  std::vector<std::string> got;
  for (const auto& x : r.diagnostics()) got.push_back(x.str());
  const std::vector<std::string> want = {
      "r.yaml:3:14: a.bad_share: expected a share in [0, 1] (like 0.15 or 15%), got 1.5",
      "r.yaml:4:9: a.fine: expected a share in [0, 1] (like 0.15 or 15%) with at most 6 decimals (exact parts per "
      "million), got \"0.1234567\"",
      "r.yaml:5:10: a.count: expected an integer in [0, 10], got \"2.5\"",
      "r.yaml:6:10: a.money: expected a token amount >= 0 (up to 6 decimals), got \"1.0000001\"",
      "r.yaml:7:9: a.when: expected a duration like 30d, 12mo or 1y6mo, got \"3 days\"",
      "r.yaml:8:9: a.pick: expected one of halving, linear, got \"halvng\" (did you mean 'halving'?)",
      "r.yaml:10:9: a.flag: expected true or false, got \"yes\"",
      "r.yaml:9:3: a.typo: unknown key; expected one of: bad_share, count, fine, flag, money, pick, share, when",
  };
  CHECK(got == want);
  CHECK_THROWS_AS(r.throw_if_errors(), ScenarioError);
}
