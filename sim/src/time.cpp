// The one duration parser and its inverse formatter.
#include "toksim/sim/time.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "toksim/sim/error.hpp"

namespace toksim::sim {
namespace {

struct Unit {
  std::string_view name;
  Time seconds;
};
// Longest names first, so "mo" is tried before "m".
constexpr std::array<Unit, 7> kUnits = {
    {{"mo", kMonth}, {"s", kSecond}, {"m", kMinute}, {"h", kHour}, {"d", kDay}, {"w", kWeek}, {"y", kYear}}};

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw ParseError("expected a duration such as 90s, 15m, 6h, 7d, 2w, 12mo or 4y (" + std::string(why) + "), got \"" +
                   std::string(text) + "\"");
}

}  // namespace

Time parse_duration(std::string_view text) {
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_space();
  if (i == text.size()) fail(text, "it is empty");
  Time total = 0;
  int terms = 0;
  while (i < text.size()) {
    if (text[i] == '-' || text[i] == '+') fail(text, "no sign allowed");
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) fail(text, "a term must start with a digit");
    Time value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      const Time digit = text[i] - '0';
      if (__builtin_mul_overflow(value, Time{10}, &value) || __builtin_add_overflow(value, digit, &value)) {
        fail(text, "too large");
      }
      ++i;
    }
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) fail(text, "whole numbers only");
    const std::string_view rest = text.substr(i);
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (rest.starts_with(u.name)) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) {
      if (rest.empty() && terms == 0 && value == 0) return 0;  // a bare "0"
      fail(text, rest.empty() ? "missing unit" : "unknown unit");
    }
    i += unit->name.size();
    if (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) fail(text, "unknown unit");
    Time term = 0;
    if (__builtin_mul_overflow(value, unit->seconds, &term) || __builtin_add_overflow(total, term, &total)) {
      fail(text, "too large");
    }
    ++terms;
    skip_space();
  }
  return total;
}

std::string format_duration(Time seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  __extension__ using i128 = __int128;
  i128 rest = seconds;
  if (rest < 0) {
    out = "-";
    rest = -rest;
  }
  // Greedy over y, d, h, m, s: exact, and read back by parse_duration. Weeks and months are left to the
  // reader, because 30-day months and 365-day years do not nest.
  constexpr std::array<Unit, 5> order = {{{"y", kYear}, {"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", 1}}};
  for (const Unit& u : order) {
    if (rest >= u.seconds) {
      out += std::to_string(static_cast<long long>(rest / u.seconds));
      out += u.name;
      rest %= u.seconds;
    }
  }
  return out;
}

}  // namespace toksim::sim
