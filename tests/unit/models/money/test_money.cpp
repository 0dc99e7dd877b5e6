// Pins exact money: units do not mix (checked at compile time below), sums and products are checked against
// int64 overflow, mul_div rounds in the asked direction through 128 bits, ppm shares are floored, and the
// text form is exact. Leaves out the splitting contract (see test_split.cpp).
#include <catch2/catch.hpp>

#include <limits>
#include <type_traits>

#include "toksim/models/money/money.hpp"

using namespace toksim::models;

namespace {
template <class A, class B>
concept Addable = requires(A a, B b) {
  a + b;
};
template <class A, class B>
concept Comparable = requires(A a, B b) {
  a < b;
};
}  // namespace

static_assert(Addable<Tokens, Tokens>);
static_assert(!Addable<Tokens, MicroUsd>, "tokens and dollars must not add");
static_assert(!Addable<Tokens, std::int64_t>, "a bare integer is not an amount");
static_assert(!Comparable<Tokens, MicroUsd>);
static_assert(!std::is_convertible_v<std::int64_t, Tokens>, "construction from raw units is explicit");
static_assert(sizeof(Tokens) == 8 && std::is_trivially_copyable_v<Tokens>);

TEST_CASE("models::money: whole units and arithmetic", "[models][money]") {
  CHECK(Tokens::whole(3).raw() == 3'000'000);
  CHECK((Tokens(5) + Tokens(7)).raw() == 12);
  CHECK((Tokens(5) - Tokens(7)).raw() == -2);
  CHECK((Tokens(5) * 3).raw() == 15);
  CHECK(Tokens(17) / Tokens(5) == 3);
  CHECK(Tokens(1) < Tokens(2));
  Tokens t(10);
  t += Tokens(5);
  t -= Tokens(1);
  CHECK(t == Tokens(14));
}

TEST_CASE("models::money: overflow is an error, never a wrap", "[models][money]") {
  const Tokens max(std::numeric_limits<std::int64_t>::max());
  CHECK_THROWS_AS(max + Tokens(1), MoneyError);
  CHECK_THROWS_AS(Tokens(std::numeric_limits<std::int64_t>::min()) - Tokens(1), MoneyError);
  CHECK_THROWS_AS(-Tokens(std::numeric_limits<std::int64_t>::min()), MoneyError);
  CHECK_THROWS_AS(max * 2, MoneyError);
  CHECK_THROWS_AS(Tokens::whole(std::numeric_limits<std::int64_t>::max() / 1000), MoneyError);
  CHECK_THROWS_AS(Tokens(1) / Tokens(0), MoneyError);
}

TEST_CASE("models::money: mul_div rounds as asked with 128-bit intermediates", "[models][money]") {
  CHECK(mul_div(7, 3, 2) == 10);             // 21/2 = 10.5 -> 10
  CHECK(mul_div(7, 3, 2, Round::Up) == 11);  // -> 11
  CHECK(mul_div(8, 3, 2, Round::Up) == 12);  // exact stays exact
  // (2^62 * 2^62) / 2^62 needs 124 bits in the middle.
  const std::int64_t big = std::int64_t{1} << 62;
  CHECK(mul_div(big, big, big) == big);
  CHECK_THROWS_AS(mul_div(big, big, 1), MoneyError);
  CHECK_THROWS_AS(mul_div(1, 1, 0), MoneyError);
  CHECK_THROWS_AS(mul_div(-1, 1, 1), MoneyError);
}

TEST_CASE("models::money: ppm shares are floored by default", "[models][money]") {
  CHECK(apply(Tokens(1'000'000), Ppm(333'333)) == Tokens(333'333));
  CHECK(apply(Tokens(10), Ppm(333'333)) == Tokens(3));  // 3.33333 -> 3
  CHECK(apply(Tokens(10), Ppm(333'333), Round::Up) == Tokens(4));
  CHECK(apply(Tokens(7), Ppm(1'000'000)) == Tokens(7));
  CHECK(apply(Tokens(7), Ppm(0)) == Tokens(0));
  CHECK_THROWS_AS(Ppm(1'000'001), MoneyError);
  CHECK_THROWS_AS(Ppm(-1), MoneyError);
  CHECK_THROWS_AS(apply(Tokens(-5), Ppm(10)), MoneyError);
}

TEST_CASE("models::money: conversion at a price per whole unit", "[models][money]") {
  // 2.5 tokens at $0.40 per token = $1.00
  CHECK(convert<UsdTag>(Tokens(2'500'000), 400'000) == MicroUsd(1'000'000));
  // 1 base unit at $0.40: 0.4 micro-USD -> 0 down, 1 up
  CHECK(convert<UsdTag>(Tokens(1), 400'000) == MicroUsd(0));
  CHECK(convert<UsdTag>(Tokens(1), 400'000, Round::Up) == MicroUsd(1));
}

TEST_CASE("models::money: text form is exact", "[models][money]") {
  CHECK(to_string(Tokens(12'345'678)) == "12.345678");
  CHECK(to_string(Tokens(-5)) == "-0.000005");
  CHECK(to_string(MicroUsd(1'000'000)) == "$1.000000");
  CHECK(to_string(Tokens(std::numeric_limits<std::int64_t>::min())) == "-9223372036854.775808");
}
