// Out-of-line samplers of toksim::sim::Rng (declared in toksim/sim/rng.hpp): exponential, normal,
// lognormal, gamma, beta, poisson and categorical over one stream of Philox4x32-10 blocks.
//
// Every function here obeys the consumption rule of the header: a scalar draw uses exactly one block,
// a rejection sampler uses exactly one block per attempt, and no block's bits are shared between two
// draws. The bit split used inside each block is documented at each sampler; it is part of the
// reproducibility contract, so changing it changes every simulation's results.
//
// Parameters outside a distribution's domain do not throw (all functions are noexcept): gamma and beta
// return NaN and categorical returns weights.size(), in each case without consuming a block.

#include "toksim/sim/rng.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>

namespace toksim::sim {

namespace {

using Block = std::array<std::uint32_t, 4>;

/// [0, 1) with 53 random bits from a block's last two words (word 3 is the high half).
constexpr double unit_from_words23(const Block& b) noexcept {
  const std::uint64_t bits = (std::uint64_t{b[3]} << 32) | b[2];
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

/// Standard gamma variate (scale 1) for shape k >= 1 by Marsaglia & Tsang, "A simple method for
/// generating gamma variables", ACM TOMS 26(3), 2000. One block per attempt, split as:
///   words 0..1 -> u1 = Rng::to_unit_pos (53 bits, (0, 1]), the Box-Muller radius,
///   word  2    -> u2 = w2 * 2^-32 ([0, 1), 32 bits), the Box-Muller angle,
///   word  3    -> u  = (w3 + 1) * 2^-32 ((0, 1], 32 bits), the acceptance uniform.
/// The normal is x = sqrt(-2 ln u1) cos(2 pi u2). Returns d * v > 0.
double marsaglia_tsang(Rng& rng, double k) noexcept {
  const double d = k - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const Block b = rng.block();
    const double u1 = Rng::to_unit_pos(b);
    const double u2 = static_cast<double>(b[2]) * 0x1.0p-32;
    const double u = (static_cast<double>(b[3]) + 1.0) * 0x1.0p-32;
    const double x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    const double t = 1.0 + c * x;
    if (t <= 0.0) continue;
    const double v = t * t * t;
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

/// log of a standard gamma variate with shape k > 0, consuming exactly the blocks that
/// Rng::gamma(k, 1) consumes (Marsaglia-Tsang attempts, then for k < 1 one block for the boost U).
/// Working in logs keeps beta() exact when both gamma variates of a small shape underflow to 0.
double log_standard_gamma(Rng& rng, double k) noexcept {
  if (k >= 1.0) return std::log(marsaglia_tsang(rng, k));
  const double g = marsaglia_tsang(rng, k + 1.0);
  return std::log(g) + std::log(rng.uniform_pos()) / k;
}

}  // namespace

// One block: U = to_unit_pos (words 0..1, 53 bits, (0, 1]), so -log(U) is finite and >= 0. rate must be
// > 0 (rate == +0 gives +inf); the block is consumed whatever the rate.
double Rng::exponential(double rate) noexcept { return -std::log(uniform_pos()) / rate; }

// Box-Muller from one block: u1 = to_unit_pos (words 0..1, 53 bits, (0, 1]) and u2 from words 2..3
// (53 bits, [0, 1)). Only the cosine branch is used; the sine partner is discarded so that no bits are
// shared between draws.
double Rng::normal(double mu, double sigma) noexcept {
  const Block b = block();
  const double u1 = to_unit_pos(b);
  const double u2 = unit_from_words23(b);
  return mu + sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// One block, that of normal().
double Rng::lognormal(double mu, double sigma) noexcept { return std::exp(normal(mu, sigma)); }

// k >= 1: Marsaglia-Tsang, one block per attempt (split documented at marsaglia_tsang above).
// 0 < k < 1: G * U^(1/k) with G ~ Gamma(k + 1) drawn first (its attempts), then U = uniform_pos() from
// one more block of its own. Non-positive or NaN k or theta: NaN, no block consumed.
double Rng::gamma(double k, double theta) noexcept {
  if (!(k > 0.0) || !(theta > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (k >= 1.0) return marsaglia_tsang(*this, k) * theta;
  const double g = marsaglia_tsang(*this, k + 1.0);
  return g * std::pow(uniform_pos(), 1.0 / k) * theta;
}

// X ~ Gamma(a), then Y ~ Gamma(b), with exactly the blocks of gamma(a, 1) followed by gamma(b, 1);
// X / (X + Y) is evaluated as 1 / (1 + exp(ln Y - ln X)), which is the same value but does not become
// 0/0 when small shapes make both X and Y underflow. Non-positive or NaN a or b: NaN, no block consumed.
double Rng::beta(double a, double b) noexcept {
  if (!(a > 0.0) || !(b > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double log_x = log_standard_gamma(*this, a);
  const double log_y = log_standard_gamma(*this, b);
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

// mean <= 0 (or NaN): 0, still consuming one block, as bernoulli(p <= 0) does, so a parameter that
// reaches 0 does not shift the stream's later draws.
// mean < 10: inversion by sequential search on one block's uniform() (words 0..1, 53 bits, [0, 1)).
// mean >= 10: PTRS, the transformed rejection with squeeze of W. Hormann, "The transformed rejection
// method for generating Poisson random variables", Insurance: Mathematics and Economics 12(1), 1993,
// 39-45. One block per attempt: U = to_unit (words 0..1, 53 bits) - 0.5 in [-0.5, 0.5) and
// V from words 2..3 (53 bits, [0, 1)).
// mean >= 2^63 (or +inf), where the result would not fit: UINT64_MAX, one block consumed.
std::uint64_t Rng::poisson(double mean) noexcept {
  if (!(mean > 0.0)) {
    static_cast<void>(block());
    return 0;
  }
  if (mean < 10.0) {
    const double u = uniform();
    double p = std::exp(-mean);
    double cdf = p;
    std::uint64_t k = 0;
    // p decreases to 0 once k > mean (it underflows within a few hundred steps), so the search ends
    // even if rounding keeps the summed cdf just below u.
    while (u > cdf && p > 0.0) {
      ++k;
      p *= mean / static_cast<double>(k);
      cdf += p;
    }
    return k;
  }
  if (!(mean < 0x1.0p63)) {
    static_cast<void>(block());
    return std::numeric_limits<std::uint64_t>::max();
  }
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const Block blk = block();
    const double u = to_unit(blk) - 0.5;
    const double v = unit_from_words23(blk);
    const double us = 0.5 - std::fabs(u);
    // k stays a double until accepted: us == 0 (u == -0.5) gives -inf, rejected as k < 0.
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (k < 0.0) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    if (us < 0.013 && v > us) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <= -mean + k * loglam - std::lgamma(k + 1.0)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

// One block: u = uniform() * sum (words 0..1, 53 bits), then the first i with w[i] > 0 and
// u < w[0] + ... + w[i]. Invalid weights (any negative or NaN, or a sum that is not positive and
// finite, including an empty span): weights.size() and no block consumed.
std::size_t Rng::categorical(std::span<const double> weights) noexcept {
  double sum = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0)) return weights.size();
    sum += w;
  }
  if (!(sum > 0.0) || !std::isfinite(sum)) return weights.size();

  const double u = uniform() * sum;
  double cumulative = 0.0;
  std::size_t last_positive = weights.size();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    cumulative += weights[i];
    last_positive = i;
    if (u < cumulative) return i;
  }
  // Round-off left u >= the summed weights: the last index with positive weight (one exists, sum > 0).
  return last_positive;
}

}  // namespace toksim::sim
