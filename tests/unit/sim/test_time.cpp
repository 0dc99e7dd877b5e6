// Pins the one duration parser (units, composites, errors with the offending text) and its formatter's
// round trip. Leaves out locale effects (the parser accepts ASCII only, by construction).
#include <catch2/catch.hpp>

#include <string>

#include "toksim/sim/error.hpp"
#include "toksim/sim/time.hpp"

using namespace toksim::sim;

TEST_CASE("sim::time: every unit parses to its seconds", "[sim][time]") {
  CHECK(parse_duration("90s") == 90);
  CHECK(parse_duration("15m") == 900);
  CHECK(parse_duration("6h") == 21600);
  CHECK(parse_duration("7d") == 604800);
  CHECK(parse_duration("2w") == 1209600);
  CHECK(parse_duration("12mo") == 12 * 30 * 86400);
  CHECK(parse_duration("4y") == 4 * 365 * 86400);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("0s") == 0);
  CHECK(parse_duration("  3d  ") == 3 * 86400);
}

TEST_CASE("sim::time: composite durations add their terms", "[sim][time]") {
  CHECK(parse_duration("1y6mo") == kYear + 6 * kMonth);
  CHECK(parse_duration("1d 12h") == kDay + 12 * kHour);
  CHECK(parse_duration("1m30s") == 90);
  CHECK(parse_duration("1mo1m") == kMonth + kMinute);  // "mo" is matched before "m"
}

TEST_CASE("sim::time: malformed durations are rejected with the text quoted", "[sim][time]") {
  const auto message = [](const char* text) {
    try {
      parse_duration(text);
    } catch (const toksim::ParseError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("") == "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (it is empty), got \"\"");
  CHECK(message("7") == "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (missing unit), got \"7\"");
  CHECK(message("7x") == "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (unknown unit), got \"7x\"");
  CHECK(message("7days") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (unknown unit), got \"7days\"");
  CHECK(message("-1d") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (no sign allowed), got \"-1d\"");
  CHECK(message("1.5d") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (whole numbers only), got \"1.5d\"");
  CHECK(message("d") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (a term must start with a digit), got \"d\"");
  CHECK(message("99999999999999999999s") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (too large), got \"99999999999999999999s\"");
  CHECK(message("300000000000y") ==
        "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (too large), got \"300000000000y\"");
  CHECK(message("1d 2") == "expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (missing unit), got \"1d 2\"");
}

TEST_CASE("sim::time: format_duration is exact and reads back", "[sim][time]") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(90) == "1m30s");
  CHECK(format_duration(kDay) == "1d");
  CHECK(format_duration(kYear + kDay + 1) == "1y1d1s");
  CHECK(format_duration(-kHour) == "-1h");
  for (Time t : {Time{1}, Time{59}, Time{61}, kMonth, 3 * kYear + 17 * kHour + 5, Time{123456789}}) {
    CHECK(parse_duration(format_duration(t)) == t);
  }
}

TEST_CASE("sim::time: floor_div rounds toward minus infinity", "[sim][time]") {
  CHECK(floor_div(7, 3) == 2);
  CHECK(floor_div(6, 3) == 2);
  CHECK(floor_div(-1, 3) == -1);
  CHECK(floor_div(-3, 3) == -1);
  CHECK(floor_div(-4, 3) == -2);
  CHECK(floor_div(0, 5) == 0);
}
