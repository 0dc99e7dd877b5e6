// Unit tests of toksim::sim::Rng (sim/include/toksim/sim/rng.hpp, sim/src/rng.cpp).
//
// Pins: Random123's Philox4x32-10 known-answer vectors through philox_block() and its word mapping
// (counter lo/hi, stream lo/hi; key = seed lo/hi); stream_tag()/agent_stream(); that a draw is a pure
// function of (seed, stream, counter); the consumption rule (one block per scalar draw, >= 1 per
// rejection sampler, none for invalid parameters of gamma/beta/categorical); the bit split of uniform,
// exponential, normal, uniform_int, and of the first attempt of gamma (k >= 1) and poisson (PTRS
// squeeze); and the first moments (plus a few pmf/cdf points) of every distribution over 10^6 draws.
//
// Leaves out: exact output values of the rejection samplers beyond their first attempt, tail shapes
// beyond the points checked, statistical batteries (TestU01/PractRand: Philox passes them upstream),
// and timing.
//
// Tolerances of the statistical tests: every check is |estimate - exact| <= 5 standard errors of the
// estimator, the standard error being computed from the exact distribution (variance of the mean
// sigma^2/n; of the sample variance (mu4 - sigma^4)/n with mu4 the exact fourth central moment; of a
// frequency p(1-p)/n; of the sample skewness 6/n). With n = 10^6 the estimators are normal to a very
// good approximation (the smallest expected count checked is ~580), so a correct implementation fails
// a given check with probability ~5.7e-7 for a fresh seed, and any of the 61 checks with probability
// < 3.5e-5 (union bound); with the fixed seed below the whole file is deterministic. Compile with
// -DTOKSIM_RNG_TEST_SEED=... to rerun the statistical tests under another seed.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

#include <toksim/sim/rng.hpp>

#ifndef TOKSIM_RNG_TEST_SEED
#define TOKSIM_RNG_TEST_SEED 0x7051'1d5e'ed00'0001ull
#endif

namespace {

using toksim::sim::philox_block;
using toksim::sim::Rng;
using Block = std::array<std::uint32_t, 4>;

constexpr std::uint64_t kSeed = TOKSIM_RNG_TEST_SEED;
constexpr std::size_t kN = 1'000'000;
constexpr double kZ = 5.0;  // standard errors allowed per statistical check

struct Moments {
  double mean = 0.0;
  double var = 0.0;   // unbiased sample variance
  double skew = 0.0;  // m3 / m2^1.5
};

Moments moments_of(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double s = 0.0;
  for (const double v : x) s += v;
  Moments m;
  m.mean = s / n;
  double s2 = 0.0;
  double s3 = 0.0;
  for (const double v : x) {
    const double d = v - m.mean;
    s2 += d * d;
    s3 += d * d * d;
  }
  m.var = s2 / (n - 1.0);
  const double m2 = s2 / n;
  m.skew = (s3 / n) / std::pow(m2, 1.5);
  return m;
}

template <class Draw>
std::vector<double> sample(std::uint64_t stream, Draw draw) {
  std::uint64_t counter = 0;
  Rng rng(kSeed, stream, &counter);
  std::vector<double> x(kN);
  for (double& v : x) v = static_cast<double>(draw(rng));
  return x;
}

/// Sample mean within kZ standard errors of mu, for a distribution of variance sigma2.
void check_mean(const Moments& m, double mu, double sigma2) {
  const double tol = kZ * std::sqrt(sigma2 / static_cast<double>(kN));
  CAPTURE(m.mean, mu, tol);
  CHECK(std::fabs(m.mean - mu) <= tol);
}

/// Sample variance within kZ standard errors of sigma2, for a distribution of fourth central moment mu4.
void check_var(const Moments& m, double sigma2, double mu4) {
  const double tol = kZ * std::sqrt((mu4 - sigma2 * sigma2) / static_cast<double>(kN));
  CAPTURE(m.var, sigma2, tol);
  CHECK(std::fabs(m.var - sigma2) <= tol);
}

/// A frequency count / kN within kZ standard errors of p.
void check_freq(std::size_t count, double p) {
  const double f = static_cast<double>(count) / static_cast<double>(kN);
  const double tol = kZ * std::sqrt(p * (1.0 - p) / static_cast<double>(kN));
  CAPTURE(f, p, tol);
  CHECK(std::fabs(f - p) <= tol);
}

std::size_t count_if_eq(const std::vector<double>& x, double value) {
  std::size_t c = 0;
  for (const double v : x) c += (v == value) ? 1u : 0u;
  return c;
}

double poisson_pmf(double mean, double k) { return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0)); }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Philox and stream ids

TEST_CASE("sim::rng: Philox4x32-10 known-answer vectors", "[sim][rng]") {
  // Random123 kat_vectors, "philox4x32 10 CTR[4] KEY[2] -> OUT[4]". philox_block(seed, stream, counter)
  // feeds CTR = (counter lo, counter hi, stream lo, stream hi), KEY = (seed lo, seed hi).
  CHECK(philox_block(0, 0, 0) == Block{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox_block(~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}) ==
        Block{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  // CTR 243f6a88 85a308d3 13198a2e 03707344, KEY a4093822 299f31d0.
  CHECK(philox_block(0x299f31d0'a4093822ull, 0x03707344'13198a2eull, 0x85a308d3'243f6a88ull) ==
        Block{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("sim::rng: stream ids", "[sim][rng]") {
  // FNV-1a 32-bit reference values.
  STATIC_REQUIRE(toksim::sim::stream_tag("") == 0x811c9dc5u);
  STATIC_REQUIRE(toksim::sim::stream_tag("a") == 0xe40c292cu);
  STATIC_REQUIRE(toksim::sim::stream_tag("foobar") == 0xbf9cf968u);
  STATIC_REQUIRE(toksim::sim::agent_stream(0xdeadbeefu, 7u) == 0xdeadbeef'00000007ull);
}

// ---------------------------------------------------------------------------------------------------
// Determinism and the consumption rule

TEST_CASE("sim::rng: a draw is a pure function of seed/stream/counter", "[sim][rng]") {
  std::uint64_t c1 = 41;
  std::uint64_t c2 = 41;
  Rng a(kSeed, 9, &c1);
  Rng b(kSeed, 9, &c2);
  CHECK(a.seed() == kSeed);
  CHECK(a.stream() == 9);
  for (int i = 0; i < 100; ++i) {
    CHECK(a.uniform() == b.uniform());
    CHECK(a.normal(1.0, 2.0) == b.normal(1.0, 2.0));
    CHECK(a.gamma(0.7, 2.0) == b.gamma(0.7, 2.0));
    CHECK(a.poisson(55.0) == b.poisson(55.0));
  }
  CHECK(c1 == c2);

  // The counter lives with its owner: resuming at counter 5 replays the sixth draw of a fresh stream.
  std::uint64_t fresh = 0;
  Rng r(kSeed, 3, &fresh);
  std::vector<double> seq;
  for (int i = 0; i < 8; ++i) seq.push_back(r.uniform());
  std::uint64_t resumed = 5;
  Rng s(kSeed, 3, &resumed);
  CHECK(s.uniform() == seq[5]);
  CHECK(s.uniform() == seq[6]);

  // block() is philox_block at the current counter.
  std::uint64_t c3 = 123;
  Rng t(kSeed, 77, &c3);
  CHECK(t.block() == philox_block(kSeed, 77, 123));
  CHECK(c3 == 124);
}

TEST_CASE("sim::rng: one block per scalar draw with the documented bit split", "[sim][rng]") {
  constexpr std::uint64_t stream = 0x1234'5678'9abc'def0ull;
  std::uint64_t counter = 1000;
  Rng rng(kSeed, stream, &counter);
  for (int i = 0; i < 200; ++i) {
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      CHECK(rng.uniform() == Rng::to_unit(b));
      CHECK(counter == before + 1);
    }
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      CHECK(rng.uniform_pos() == Rng::to_unit_pos(b));
      CHECK(counter == before + 1);
    }
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      CHECK(rng.exponential(2.0) == Approx(-std::log(Rng::to_unit_pos(b)) / 2.0).epsilon(1e-13));
      CHECK(counter == before + 1);
    }
    {
      // normal: u1 = to_unit_pos (words 0..1), u2 = 53 bits of words 2..3 (word 3 high).
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      const double u1 = Rng::to_unit_pos(b);
      const double u2 = static_cast<double>(((std::uint64_t{b[3]} << 32) | b[2]) >> 11) * 0x1.0p-53;
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
      CHECK(rng.normal(3.0, 2.0) == Approx(3.0 + 2.0 * z).epsilon(1e-12).margin(1e-12));
      CHECK(counter == before + 1);
    }
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      CHECK(rng.uniform_int(10) == Rng::bounded(Rng::bits64(b), 10));
      CHECK(counter == before + 1);
    }
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      CHECK(rng.bernoulli(0.3) == (Rng::to_unit(b) < 0.3));
      CHECK(counter == before + 1);
    }
    {
      const Block b = philox_block(kSeed, stream, counter);
      const std::uint64_t before = counter;
      const std::array<double, 3> w{1.0, 0.0, 3.0};
      const std::size_t expect = Rng::to_unit(b) * 4.0 < 1.0 ? 0u : 2u;
      CHECK(rng.categorical(w) == expect);
      CHECK(counter == before + 1);
    }
    {
      const std::uint64_t before = counter;
      static_cast<void>(rng.lognormal(0.0, 0.5));
      CHECK(counter == before + 1);
    }
    {
      const std::uint64_t before = counter;
      static_cast<void>(rng.poisson(4.0));  // inversion: exactly one block
      CHECK(counter == before + 1);
      static_cast<void>(rng.poisson(0.0));  // degenerate but valid: one block, like bernoulli(0)
      CHECK(counter == before + 2);
    }
    {
      // Rejection samplers: at least one block (k < 1 adds one for the boost; beta is two gammas).
      std::uint64_t before = counter;
      static_cast<void>(rng.gamma(2.5));
      CHECK(counter >= before + 1);
      before = counter;
      static_cast<void>(rng.gamma(0.5));
      CHECK(counter >= before + 2);
      before = counter;
      static_cast<void>(rng.beta(2.0, 5.0));
      CHECK(counter >= before + 2);
      before = counter;
      static_cast<void>(rng.poisson(1000.0));
      CHECK(counter >= before + 1);
    }
  }
}

TEST_CASE("sim::rng: first attempt of gamma and poisson follows the documented bit split", "[sim][rng]") {
  // gamma(k >= 1), Marsaglia-Tsang: u1 = to_unit_pos (words 0..1), u2 = w2 / 2^32, u = (w3 + 1) / 2^32.
  // poisson(mean >= 10), PTRS: U = to_unit (words 0..1) - 0.5, V = 53 bits of words 2..3.
  constexpr std::uint64_t stream = 0xfeed;
  int gamma_first = 0;
  int poisson_first = 0;
  for (std::uint64_t c = 0; c < 200; ++c) {
    const Block b = philox_block(kSeed, stream, c);
    {
      const double k = 2.5;
      const double d = k - 1.0 / 3.0;
      const double cc = 1.0 / std::sqrt(9.0 * d);
      const double u1 = Rng::to_unit_pos(b);
      const double u2 = static_cast<double>(b[2]) * 0x1.0p-32;
      const double u = (static_cast<double>(b[3]) + 1.0) * 0x1.0p-32;
      const double x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
      const double t = 1.0 + cc * x;
      if (t > 0.0 && u < 1.0 - 0.0331 * x * x * x * x - 1e-9) {  // squeeze accepts, away from its edge
        std::uint64_t counter = c;
        Rng rng(kSeed, stream, &counter);
        CHECK(rng.gamma(k, 3.0) == Approx(d * t * t * t * 3.0).epsilon(1e-12));
        CHECK(counter == c + 1);
        ++gamma_first;
      }
    }
    {
      const double mean = 30.0;
      const double bb = 0.931 + 2.53 * std::sqrt(mean);
      const double a = -0.059 + 0.02483 * bb;
      const double v_r = 0.9277 - 3.6224 / (bb - 2.0);
      const double u = Rng::to_unit(b) - 0.5;
      const double v = static_cast<double>(((std::uint64_t{b[3]} << 32) | b[2]) >> 11) * 0x1.0p-53;
      const double us = 0.5 - std::fabs(u);
      const double k = std::floor((2.0 * a / us + bb) * u + mean + 0.43);
      if (us >= 0.07 && v <= v_r && k >= 0.0) {
        std::uint64_t counter = c;
        Rng rng(kSeed, stream, &counter);
        CHECK(rng.poisson(mean) == static_cast<std::uint64_t>(k));
        CHECK(counter == c + 1);
        ++poisson_first;
      }
    }
  }
  CHECK(gamma_first > 150);   // the squeeze accepts ~97% of attempts at k = 2.5
  CHECK(poisson_first > 80);  // the PTRS squeeze accepts 0.86 * v_r = ~55% at mean 30
}

TEST_CASE("sim::rng: streams differ and do not depend on interleaving", "[sim][rng]") {
  std::uint64_t ca = 0;
  std::uint64_t cb = 0;
  Rng a(kSeed, 1, &ca);
  Rng b(kSeed, 2, &cb);
  std::vector<double> sa;
  std::vector<double> sb;
  for (int i = 0; i < 64; ++i) sa.push_back(a.uniform());
  for (int i = 0; i < 64; ++i) sb.push_back(b.uniform());
  CHECK(sa != sb);
  int equal = 0;
  for (std::size_t i = 0; i < sa.size(); ++i) equal += (sa[i] == sb[i]) ? 1 : 0;
  CHECK(equal == 0);

  // Another seed, same stream: a different sequence too.
  std::uint64_t cc = 0;
  Rng c(kSeed + 1, 1, &cc);
  CHECK(c.uniform() != sa[0]);

  // Interleaved (a before b, except b first every third step): each stream gives the same sequence as
  // when drawn alone.
  std::uint64_t ia = 0;
  std::uint64_t ib = 0;
  Rng a2(kSeed, 1, &ia);
  Rng b2(kSeed, 2, &ib);
  for (std::size_t i = 0; i < 64; ++i) {
    if (i % 3 == 0) {
      CHECK(b2.uniform() == sb[i]);
      CHECK(a2.uniform() == sa[i]);
    } else {
      CHECK(a2.uniform() == sa[i]);
      CHECK(b2.uniform() == sb[i]);
    }
  }
}

TEST_CASE("sim::rng: invalid parameters", "[sim][rng]") {
  std::uint64_t counter = 10;
  Rng rng(kSeed, 5, &counter);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();

  // categorical: weights.size(), no block consumed.
  CHECK(rng.categorical(std::array<double, 3>{1.0, -0.5, 3.0}) == 3u);
  CHECK(rng.categorical(std::array<double, 2>{nan, 1.0}) == 2u);
  CHECK(rng.categorical(std::array<double, 2>{inf, 1.0}) == 2u);
  CHECK(rng.categorical(std::array<double, 3>{0.0, 0.0, 0.0}) == 3u);
  CHECK(rng.categorical(std::span<const double>{}) == 0u);
  CHECK(counter == 10);

  // gamma, beta: NaN, no block consumed.
  CHECK(std::isnan(rng.gamma(0.0)));
  CHECK(std::isnan(rng.gamma(-1.0)));
  CHECK(std::isnan(rng.gamma(nan)));
  CHECK(std::isnan(rng.gamma(2.0, 0.0)));
  CHECK(std::isnan(rng.beta(0.0, 1.0)));
  CHECK(std::isnan(rng.beta(1.0, -2.0)));
  CHECK(counter == 10);

  // poisson: mean <= 0 (or NaN) is 0, one block each.
  CHECK(rng.poisson(0.0) == 0u);
  CHECK(rng.poisson(-3.0) == 0u);
  CHECK(rng.poisson(nan) == 0u);
  CHECK(counter == 13);

  // Zero weights are never chosen, wherever they sit.
  for (int i = 0; i < 1000; ++i) CHECK(rng.categorical(std::array<double, 4>{0.0, 0.0, 2.0, 0.0}) == 2u);

  // Small shapes: beta stays in [0, 1] where both gamma variates would underflow.
  for (int i = 0; i < 1000; ++i) {
    const double x = rng.beta(0.002, 0.002);
    CHECK(x >= 0.0);
    CHECK(x <= 1.0);
  }
}

// ---------------------------------------------------------------------------------------------------
// Moments over 10^6 draws

TEST_CASE("sim::rng: uniform/uniform_int/bernoulli moments", "[sim][rng][stats]") {
  {
    const Moments m = moments_of(sample(101, [](Rng& r) { return r.uniform(); }));
    check_mean(m, 0.5, 1.0 / 12.0);
    check_var(m, 1.0 / 12.0, 1.0 / 80.0);
    const Moments p = moments_of(sample(102, [](Rng& r) { return r.uniform_pos(); }));
    check_mean(p, 0.5, 1.0 / 12.0);
  }
  {
    std::array<std::size_t, 10> faces{};
    std::size_t out_of_range = 0;
    std::uint64_t counter = 0;
    Rng rng(kSeed, 103, &counter);
    for (std::size_t i = 0; i < kN; ++i) {
      const std::uint64_t v = rng.uniform_int(10);
      if (v < 10) {
        ++faces[v];
      } else {
        ++out_of_range;
      }
    }
    CHECK(out_of_range == 0);
    for (const std::size_t f : faces) check_freq(f, 0.1);
  }
  {
    const std::vector<double> x = sample(104, [](Rng& r) { return r.bernoulli(0.3) ? 1.0 : 0.0; });
    check_freq(count_if_eq(x, 1.0), 0.3);
  }
}

TEST_CASE("sim::rng: exponential/normal/lognormal moments", "[sim][rng][stats]") {
  {
    // Exponential(rate 2): mean 1/2, variance 1/4, mu4 = 9 / rate^4.
    const Moments m = moments_of(sample(201, [](Rng& r) { return r.exponential(2.0); }));
    check_mean(m, 0.5, 0.25);
    check_var(m, 0.25, 9.0 / 16.0);
  }
  {
    // Normal(3, 2): variance 4, mu4 = 3 sigma^4, skewness 0 with standard error sqrt(6/n).
    const std::vector<double> x = sample(202, [](Rng& r) { return r.normal(3.0, 2.0); });
    const Moments m = moments_of(x);
    check_mean(m, 3.0, 4.0);
    check_var(m, 4.0, 48.0);
    const double skew_tol = kZ * std::sqrt(6.0 / static_cast<double>(kN));
    CAPTURE(m.skew, skew_tol);
    CHECK(std::fabs(m.skew) <= skew_tol);
    // Shape: P(X < mu + sigma) = Phi(1).
    std::size_t below = 0;
    for (const double v : x) below += (v < 5.0) ? 1u : 0u;
    check_freq(below, 0.5 * std::erfc(-1.0 / std::numbers::sqrt2));
  }
  {
    // Lognormal(0, 0.5): mean exp(s^2/2), variance (exp(s^2) - 1) exp(s^2).
    const double s2 = 0.25;
    const Moments m = moments_of(sample(203, [](Rng& r) { return r.lognormal(0.0, 0.5); }));
    check_mean(m, std::exp(s2 / 2.0), (std::exp(s2) - 1.0) * std::exp(s2));
  }
}

TEST_CASE("sim::rng: gamma and beta moments", "[sim][rng][stats]") {
  const double theta = 1.5;
  std::uint64_t stream = 301;
  for (const double k : {0.5, 1.0, 2.5, 9.0}) {
    CAPTURE(k);
    // Gamma(k, theta): mean k theta, variance k theta^2, mu4 = 3 k (k + 2) theta^4.
    const std::vector<double> x = sample(stream++, [&](Rng& r) { return r.gamma(k, theta); });
    const Moments m = moments_of(x);
    const double var = k * theta * theta;
    check_mean(m, k * theta, var);
    check_var(m, var, 3.0 * k * (k + 2.0) * std::pow(theta, 4.0));
    std::size_t negative = 0;
    for (const double v : x) negative += (v < 0.0 || std::isnan(v)) ? 1u : 0u;
    CHECK(negative == 0);
  }
  {
    // Beta(2, 5): mean a/(a+b), variance ab/((a+b)^2 (a+b+1)), excess kurtosis -0.12, so mu4 = 2.88 var^2.
    const double a = 2.0;
    const double b = 5.0;
    const double var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
    const Moments m = moments_of(sample(310, [&](Rng& r) { return r.beta(a, b); }));
    check_mean(m, a / (a + b), var);
    check_var(m, var, 2.88 * var * var);
  }
}

TEST_CASE("sim::rng: poisson moments", "[sim][rng][stats]") {
  std::uint64_t stream = 401;
  for (const double mean : {0.5, 4.0, 30.0, 1000.0}) {
    CAPTURE(mean);
    // Poisson(mean): variance mean, mu4 = mean (1 + 3 mean).
    const std::vector<double> x = sample(stream++, [&](Rng& r) { return r.poisson(mean); });
    const Moments m = moments_of(x);
    check_mean(m, mean, mean);
    check_var(m, mean, mean * (1.0 + 3.0 * mean));
    // Shape: the pmf at a few points on both sides of the mode (covers inversion and PTRS's regions).
    const double sd = std::sqrt(mean);
    for (const double z : {-2.0, -1.0, 0.0, 1.0, 2.5}) {
      const double k = std::max(0.0, std::floor(mean + z * sd));
      CAPTURE(k);
      check_freq(count_if_eq(x, k), poisson_pmf(mean, k));
    }
  }
}

TEST_CASE("sim::rng: categorical frequencies", "[sim][rng][stats]") {
  std::uint64_t counter = 0;
  Rng rng(kSeed, 501, &counter);
  const std::array<double, 3> w{1.0, 0.0, 3.0};
  std::array<std::size_t, 4> hits{};
  for (std::size_t i = 0; i < kN; ++i) ++hits[rng.categorical(w)];
  CHECK(counter == kN);
  CHECK(hits[1] == 0);
  CHECK(hits[3] == 0);
  check_freq(hits[0], 0.25);
  check_freq(hits[2], 0.75);
}
