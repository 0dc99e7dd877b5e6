// Counter-based randomness: Random123's Philox4x32-10 keyed by (seed, stream, counter). Every agent and
// contract owns a stream; a draw is a pure function of the three numbers, so results never depend on
// threads, shards or the order in which streams are used.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace toksim::sim {

/// Stream id of row `row` of the agent kind tagged `kind_tag` (a stable hash of the kind's name, see
/// stream_tag()), so adding a kind never changes the draws of another.
constexpr std::uint64_t agent_stream(std::uint32_t kind_tag, std::uint32_t row) noexcept {
  return (std::uint64_t{kind_tag} << 32) | row;
}

/// A stable 32-bit tag for a name (FNV-1a), used to derive stream ids from identities, not creation order.
constexpr std::uint32_t stream_tag(const char* name) noexcept {
  std::uint32_t h = 2166136261u;
  for (const char* p = name; *p != '\0'; ++p) {
    h ^= static_cast<unsigned char>(*p);
    h *= 16777619u;
  }
  return h;
}

/// One Philox4x32-10 block: 128 random bits for (seed, stream, counter).
inline std::array<std::uint32_t, 4> philox_block(std::uint64_t seed, std::uint64_t stream,
                                                 std::uint64_t counter) noexcept {
  using P = r123::Philox4x32;
  const P::ctr_type ctr = {{static_cast<std::uint32_t>(counter), static_cast<std::uint32_t>(counter >> 32),
                            static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)}};
  const P::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const P::ctr_type r = P{}(ctr, key);
  return {r[0], r[1], r[2], r[3]};
}

/// The draws of one stream. Holds a pointer to the stream's counter, which lives with its owner (an agent
/// column or a contract), and advances it by one per Philox block used.
///
/// Consumption rule (part of the reproducibility contract): every scalar draw below uses exactly one
/// block (normal and lognormal too: Box-Muller from one block), except the rejection samplers (gamma, beta,
/// poisson with mean >= 10), which use one block per attempt. A block's 128 bits are never shared between
/// two draws. Out-of-domain parameters (documented per function) use no block unless stated.
///
/// @code
///   std::uint64_t counter = 0;
///   toksim::sim::Rng rng(seed, toksim::sim::agent_stream(tag, row), &counter);
///   double u = rng.uniform();          // counter is now 1
///   double d = rng.exponential(0.5);   // counter is now 2
/// @endcode
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t* counter) noexcept
      : seed_(seed), stream_(stream), counter_(counter) {}

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t stream() const noexcept { return stream_; }
  std::uint64_t counter() const noexcept { return *counter_; }

  /// The next raw 128-bit block; for models that need several numbers from one draw (e.g. PHOLD).
  std::array<std::uint32_t, 4> block() noexcept { return philox_block(seed_, stream_, (*counter_)++); }

  /// Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept { return to_unit(block()); }

  /// Uniform on (0, 1]: safe under log().
  double uniform_pos() noexcept { return to_unit_pos(block()); }

  /// Uniform integer in [0, n) for n >= 1 (Lemire multiply-high on 64 bits; bias below n / 2^64). n == 0
  /// gives 0 (one block).
  std::uint64_t uniform_int(std::uint64_t n) noexcept { return bounded(bits64(block()), n); }

  /// True with probability p (p <= 0: never, p >= 1: always).
  bool bernoulli(double p) noexcept { return uniform() < p; }

  /// Exponential with the given rate (> 0); mean 1/rate. Inversion: -log(U), U in (0, 1].
  /// rate == 0 gives +inf; always one block.
  double exponential(double rate) noexcept;

  /// Normal with mean mu and standard deviation sigma (Box-Muller; one block per draw).
  double normal(double mu = 0.0, double sigma = 1.0) noexcept;

  /// Lognormal: exp(normal(mu, sigma)); mu and sigma are those of the underlying normal.
  double lognormal(double mu, double sigma) noexcept;

  /// Gamma with shape k > 0 and scale theta > 0 (Marsaglia-Tsang; k < 1 by the U^(1/k) boost, one more block).
  /// Non-positive or NaN parameters: NaN, no block.
  double gamma(double k, double theta = 1.0) noexcept;

  /// Beta(a, b), a, b > 0, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (in log space, so tiny shapes whose
  /// gammas underflow still give a value). Non-positive or NaN parameters: NaN, no block.
  double beta(double a, double b) noexcept;

  /// Poisson with the given mean >= 0: inversion for mean < 10, Hormann's PTRS above. A mean <= 0 (or NaN)
  /// gives 0 and still uses one block, so a rate that falls to zero does not shift later draws; a mean of
  /// 2^63 or more gives UINT64_MAX.
  std::uint64_t poisson(double mean) noexcept;

  /// Index i with probability weights[i] / sum(weights). Weights are >= 0 with a positive sum
  /// (anything else returns weights.size()). One block; linear scan.
  std::size_t categorical(std::span<const double> weights) noexcept;

  /// 64 random bits from a block (its first two words).
  static constexpr std::uint64_t bits64(const std::array<std::uint32_t, 4>& b) noexcept {
    return (std::uint64_t{b[1]} << 32) | b[0];
  }
  /// [0,1) from a block's first 64 bits.
  static constexpr double to_unit(const std::array<std::uint32_t, 4>& b) noexcept {
    return static_cast<double>(bits64(b) >> 11) * 0x1.0p-53;
  }
  /// (0,1] from a block's first 64 bits.
  static constexpr double to_unit_pos(const std::array<std::uint32_t, 4>& b) noexcept {
    return static_cast<double>((bits64(b) >> 11) + 1) * 0x1.0p-53;
  }
  /// [0, n) from 64 random bits (multiply-high).
  static constexpr std::uint64_t bounded(std::uint64_t bits, std::uint64_t n) noexcept {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::uint64_t>((u128{bits} * n) >> 64);
  }

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
  std::uint64_t* counter_;
};

}  // namespace toksim::sim
