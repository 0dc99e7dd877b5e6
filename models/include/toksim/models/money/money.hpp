// Exact money: token and USD amounts as int64 base units (6 decimals) in distinct types, parts-per-million
// shares, products through 128-bit intermediates with an explicit rounding direction, and splits whose parts
// always sum to the whole (the remainder goes to one named sink). Mixing units does not compile.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "toksim/sim/error.hpp"

namespace toksim::models {

__extension__ using i128 = __int128;
__extension__ using u128 = unsigned __int128;

/// Arithmetic that would leave the int64 range, a division by zero, or a share outside [0, 1e6]: the run
/// cannot stay exact.
class MoneyError : public Error {
 public:
  using Error::Error;
};

/// Base units per whole token or dollar: 6 decimals (1 token = 1,000,000 units; 1 USD = 1,000,000 micro-USD).
inline constexpr std::int64_t kUnit = 1'000'000;

enum class Round { Down, Up };

namespace detail {
[[noreturn]] void throw_overflow(const char* what);
/// Decimal text of an integer of any type the exact formulas are instantiated for: the built-in integers, and
/// the Boost.Multiprecision uint256 of the Python bindings (anything with .str()).
template <class Int>
std::string int_text(const Int& v) {
  if constexpr (std::is_integral_v<Int>) {
    return std::to_string(v);
  } else {
    return v.str();
  }
}
constexpr std::int64_t checked(i128 v, const char* what) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(what);
  }
  return static_cast<std::int64_t>(v);
}
}  // namespace detail

/// floor(a * b / d) or ceil(a * b / d) for non-negative a, b and positive d, with a 128-bit product.
/// @throws toksim::models::MoneyError when d <= 0, an argument is negative, or the result exceeds int64.
constexpr std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t d, Round r = Round::Down) {
  if (d <= 0 || a < 0 || b < 0) detail::throw_overflow("mul_div needs a, b >= 0 and d > 0");
  const i128 p = i128{a} * b;
  i128 q = p / d;
  if (r == Round::Up && q * d != p) ++q;
  return detail::checked(q, "mul_div result");
}

/// An amount of one unit (tag): int64 base units. Only unit-preserving arithmetic is defined.
template <class Tag>
class Amount {
 public:
  constexpr Amount() = default;
  constexpr explicit Amount(std::int64_t base_units) : v_(base_units) {}
  /// Whole units (tokens or dollars) to base units. @throws MoneyError on overflow.
  static constexpr Amount whole(std::int64_t units) { return Amount(detail::checked(i128{units} * kUnit, "amount")); }

  constexpr std::int64_t raw() const noexcept { return v_; }
  /// For display only: never feed this back into balances.
  constexpr double as_double() const noexcept { return static_cast<double>(v_) / static_cast<double>(kUnit); }

  friend constexpr Amount operator+(Amount a, Amount b) { return Amount(detail::checked(i128{a.v_} + b.v_, "sum")); }
  friend constexpr Amount operator-(Amount a, Amount b) {
    return Amount(detail::checked(i128{a.v_} - b.v_, "difference"));
  }
  constexpr Amount operator-() const { return Amount(detail::checked(-i128{v_}, "negation")); }
  constexpr Amount& operator+=(Amount b) { return *this = *this + b; }
  constexpr Amount& operator-=(Amount b) { return *this = *this - b; }
  /// A count of identical amounts (n jobs at the same fee, say).
  friend constexpr Amount operator*(Amount a, std::int64_t n) {
    return Amount(detail::checked(i128{a.v_} * n, "product"));
  }
  friend constexpr Amount operator*(std::int64_t n, Amount a) { return a * n; }
  /// How many times b fits in a (a ratio of like amounts is a plain number).
  friend constexpr std::int64_t operator/(Amount a, Amount b) {
    if (b.v_ == 0) detail::throw_overflow("division by a zero amount");
    return a.v_ / b.v_;
  }
  friend constexpr auto operator<=>(Amount, Amount) = default;
  friend constexpr bool operator==(Amount, Amount) = default;

 private:
  std::int64_t v_ = 0;
};

struct TokenTag {};
struct UsdTag {};
using Tokens = Amount<TokenTag>;  ///< token base units (1e-6 token)
using MicroUsd = Amount<UsdTag>;  ///< micro-dollars

/// A share in parts per million: [0, 1,000,000].
class Ppm {
 public:
  static constexpr std::int64_t kWhole = 1'000'000;
  constexpr Ppm() = default;
  /// @throws MoneyError when outside [0, 1e6].
  constexpr explicit Ppm(std::int64_t ppm) : v_(ppm) {
    if (ppm < 0 || ppm > kWhole) detail::throw_overflow("ppm outside [0, 1000000]");
  }
  constexpr std::int64_t raw() const noexcept { return v_; }
  constexpr double as_fraction() const noexcept { return static_cast<double>(v_) / static_cast<double>(kWhole); }
  friend constexpr auto operator<=>(Ppm, Ppm) = default;
  friend constexpr bool operator==(Ppm, Ppm) = default;

 private:
  std::int64_t v_ = 0;
};

/// share of an amount, rounded as asked (down by default: the remainder stays with the payer or a sink).
template <class Tag>
constexpr Amount<Tag> apply(Amount<Tag> a, Ppm share, Round r = Round::Down) {
  if (a.raw() < 0) detail::throw_overflow("a share of a negative amount");
  return Amount<Tag>(mul_div(a.raw(), share.raw(), Ppm::kWhole, r));
}

/// Converts between units at a price given as base units of `To` per whole unit of `From`
/// (e.g. micro-USD per token): floor or ceil of amount * price / 1e6.
template <class To, class From>
constexpr Amount<To> convert(Amount<From> amount, std::int64_t price_per_whole, Round r = Round::Down) {
  return Amount<To>(mul_div(amount.raw(), price_per_whole, kUnit, r));
}

std::string to_string(Tokens t);    ///< exact decimal text: "12.345678"
std::string to_string(MicroUsd u);  ///< "$12.345678"

}  // namespace toksim::models
