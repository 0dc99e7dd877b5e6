// Simulated time: int64 seconds since genesis (TGE), and the one parser for durations such as
// "90s", "15m", "6h", "7d", "2w", "12mo" (30 days) and "4y" (365 days).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace toksim::sim {

/// Seconds since genesis. Signed so that differences are ordinary arithmetic.
using Time = std::int64_t;

inline constexpr Time kSecond = 1;
inline constexpr Time kMinute = 60;
inline constexpr Time kHour = 3600;
inline constexpr Time kDay = 86400;
inline constexpr Time kWeek = 7 * kDay;
inline constexpr Time kMonth = 30 * kDay;  ///< "mo": 30 days, by definition, everywhere in toksim
inline constexpr Time kYear = 365 * kDay;  ///< "y": 365 days, by definition, everywhere in toksim

/// A time no event ever reaches; an empty queue reports it as its next time.
inline constexpr Time kNever = std::numeric_limits<Time>::max();

/// Parses a duration: one or more `<integer><unit>` terms, e.g. "90s", "7d", "1y6mo", "1d 12h".
/// Units: s, m, h, d, w, mo, y. A bare "0" is accepted; other numbers need a unit.
/// @return the duration in seconds (never negative).
/// @throws toksim::ParseError naming the text and what was expected, on empty input, a missing or unknown
///         unit, a sign, a fraction, or a value that overflows int64 seconds.
Time parse_duration(std::string_view text);

/// Formats seconds as the shortest exact duration string that parse_duration reads back
/// (e.g. 86400 -> "1d", 90 -> "90s", 31536000 -> "1y", 0 -> "0s"). Negative values get a leading '-'.
std::string format_duration(Time seconds);

/// Floor division of t by w (w > 0), correct for negative t; the index of the window of width w holding t.
constexpr std::int64_t floor_div(Time t, Time w) noexcept {
  const std::int64_t q = t / w;
  return (t % w != 0 && t < 0) ? q - 1 : q;
}

}  // namespace toksim::sim
