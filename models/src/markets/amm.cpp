// Uniswap V2 pricing and the constant-product pool, with exact 128/256-bit integer arithmetic.
#include "toksim/models/markets/amm.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

namespace toksim::models {

namespace {

constexpr u128 kPpm = static_cast<u128>(Ppm::kWhole);

/// A 256-bit unsigned value as two 128-bit halves: enough for a product of two u128 values.
struct U256 {
  u128 hi = 0;
  u128 lo = 0;
};

constexpr u128 lo64(u128 v) { return v & 0xFFFF'FFFF'FFFF'FFFFull; }

/// The full 256-bit product a * b (schoolbook over 64-bit limbs).
constexpr U256 mul_wide(u128 a, u128 b) {
  const u128 a0 = lo64(a), a1 = a >> 64, b0 = lo64(b), b1 = b >> 64;
  const u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u128 mid = (p00 >> 64) + lo64(p01) + lo64(p10);  // < 3 * 2^64
  return U256{p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (mid << 64) | lo64(p00)};
}

constexpr bool less(const U256& a, const U256& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }

/// floor(sqrt(n)), exactly (Babylonian iteration from above, as UniswapV2's Math.sqrt).
u128 isqrt(u128 n) {
  if (n < 2) return n;
  int bits = 0;
  for (u128 v = n; v != 0; v >>= 1) ++bits;
  u128 x = u128{1} << ((bits + 1) / 2);  // >= sqrt(n)
  for (;;) {
    const u128 y = (x + n / x) / 2;
    if (y >= x) return x;
    x = y;
  }
}

std::string n(std::int64_t v) { return std::to_string(v); }

/// The operands' intermediate type for int64 pools: products stay below 2^146, so it never overflows.
using Wide256 = boost::multiprecision::checked_uint256_t;

}  // namespace

namespace amm_detail {

FeeFactor fee_factor(Ppm fee) {
  if (fee.raw() >= Ppm::kWhole) {
    throw ConfigError("amm: expected a fee below 1000000 ppm (100%), found " + std::to_string(fee.raw()));
  }
  const auto num = static_cast<std::uint64_t>(Ppm::kWhole - fee.raw());
  const auto den = static_cast<std::uint64_t>(Ppm::kWhole);
  const std::uint64_t g = std::gcd(num, den);
  return FeeFactor{num / g, den / g};
}

}  // namespace amm_detail

std::int64_t get_amount_out(std::int64_t amount_in, std::int64_t reserve_in, std::int64_t reserve_out, Ppm fee) {
  return get_amount_out_as<std::int64_t, Wide256>(amount_in, reserve_in, reserve_out, fee);
}

std::int64_t get_amount_in(std::int64_t amount_out, std::int64_t reserve_in, std::int64_t reserve_out, Ppm fee) {
  return get_amount_in_as<std::int64_t, Wide256>(amount_out, reserve_in, reserve_out, fee);
}

std::int64_t quote(std::int64_t amount_a, std::int64_t reserve_a, std::int64_t reserve_b) {
  return quote_as<std::int64_t, Wide256>(amount_a, reserve_a, reserve_b);
}

bool k_invariant_holds(std::int64_t r0, std::int64_t r1, std::int64_t b0, std::int64_t b1, std::int64_t in0,
                       std::int64_t in1, Ppm fee) {
  if (r0 < 0 || r1 < 0 || b0 < 0 || b1 < 0 || in0 < 0 || in1 < 0) return false;
  const u128 fee_ppm = static_cast<u128>(fee.raw());
  const u128 b0s = static_cast<u128>(b0) * kPpm, b1s = static_cast<u128>(b1) * kPpm;
  const u128 f0 = static_cast<u128>(in0) * fee_ppm, f1 = static_cast<u128>(in1) * fee_ppm;
  if (b0s < f0 || b1s < f1) return false;
  const U256 lhs = mul_wide(b0s - f0, b1s - f1);
  const U256 rhs = mul_wide(static_cast<u128>(r0) * static_cast<u128>(r1), kPpm * kPpm);
  return !less(lhs, rhs);
}

ConstantProductPool::ConstantProductPool(Ppm fee) : fee_(fee) { (void)amm_detail::fee_factor(fee); }

LpShares ConstantProductPool::redeemable_shares() const noexcept {
  return total_shares_.raw() == 0 ? LpShares(0) : LpShares(total_shares_.raw() - kMinimumLiquidity);
}

void ConstantProductPool::check_k(std::int64_t r0, std::int64_t r1, std::int64_t b0, std::int64_t b1, std::int64_t in0,
                                  std::int64_t in1) const {
  if (!k_invariant_holds(r0, r1, b0, b1, in0, in1, fee_)) {
    throw AmmError("amm: K: expected (b0*1e6 - in0*fee) * (b1*1e6 - in1*fee) >= r0*r1*1e12, found reserves " + n(r0) +
                   "/" + n(r1) + " -> balances " + n(b0) + "/" + n(b1) + " with inputs " + n(in0) + "/" + n(in1) +
                   " and fee " + n(fee_.raw()) + " ppm");
  }
}

MicroUsd ConstantProductPool::swap_token_for_usd(Tokens in, MicroUsd min_out) {
  if (in.raw() <= 0) {
    throw AmmError("amm: swap_token_for_usd: INSUFFICIENT_INPUT_AMOUNT: expected a token input > 0, found " +
                   n(in.raw()));
  }
  const MicroUsd out(get_amount_out(in.raw(), token_.raw(), usd_.raw(), fee_));
  if (out.raw() <= 0 || out < min_out) {
    throw AmmError("amm: swap_token_for_usd: INSUFFICIENT_OUTPUT_AMOUNT: expected at least " +
                   n(std::max<std::int64_t>(min_out.raw(), 1)) + " micro-USD out, found " + n(out.raw()) + " for " +
                   n(in.raw()) + " token units in");
  }
  const Tokens token_after = token_ + in;
  const MicroUsd usd_after = usd_ - out;
  check_k(token_.raw(), usd_.raw(), token_after.raw(), usd_after.raw(), in.raw(), 0);
  token_ = token_after;
  usd_ = usd_after;
  return out;
}

Tokens ConstantProductPool::swap_usd_for_token(MicroUsd in, Tokens min_out) {
  if (in.raw() <= 0) {
    throw AmmError("amm: swap_usd_for_token: INSUFFICIENT_INPUT_AMOUNT: expected a micro-USD input > 0, found " +
                   n(in.raw()));
  }
  const Tokens out(get_amount_out(in.raw(), usd_.raw(), token_.raw(), fee_));
  if (out.raw() <= 0 || out < min_out) {
    throw AmmError("amm: swap_usd_for_token: INSUFFICIENT_OUTPUT_AMOUNT: expected at least " +
                   n(std::max<std::int64_t>(min_out.raw(), 1)) + " token units out, found " + n(out.raw()) + " for " +
                   n(in.raw()) + " micro-USD in");
  }
  const Tokens token_after = token_ - out;
  const MicroUsd usd_after = usd_ + in;
  check_k(token_.raw(), usd_.raw(), token_after.raw(), usd_after.raw(), 0, in.raw());
  token_ = token_after;
  usd_ = usd_after;
  return out;
}

Tokens ConstantProductPool::swap_token_for_exact_usd(MicroUsd out, Tokens max_in) {
  if (out.raw() <= 0) {
    throw AmmError("amm: swap_token_for_exact_usd: INSUFFICIENT_OUTPUT_AMOUNT: expected an output > 0, found " +
                   n(out.raw()));
  }
  const Tokens in(get_amount_in(out.raw(), token_.raw(), usd_.raw(), fee_));
  if (in > max_in) {
    throw AmmError("amm: swap_token_for_exact_usd: EXCESSIVE_INPUT_AMOUNT: expected at most " + n(max_in.raw()) +
                   " token units in, found " + n(in.raw()) + " for " + n(out.raw()) + " micro-USD out");
  }
  const Tokens token_after = token_ + in;
  const MicroUsd usd_after = usd_ - out;
  check_k(token_.raw(), usd_.raw(), token_after.raw(), usd_after.raw(), in.raw(), 0);
  token_ = token_after;
  usd_ = usd_after;
  return in;
}

MicroUsd ConstantProductPool::swap_usd_for_exact_token(Tokens out, MicroUsd max_in) {
  if (out.raw() <= 0) {
    throw AmmError("amm: swap_usd_for_exact_token: INSUFFICIENT_OUTPUT_AMOUNT: expected an output > 0, found " +
                   n(out.raw()));
  }
  const MicroUsd in(get_amount_in(out.raw(), usd_.raw(), token_.raw(), fee_));
  if (in > max_in) {
    throw AmmError("amm: swap_usd_for_exact_token: EXCESSIVE_INPUT_AMOUNT: expected at most " + n(max_in.raw()) +
                   " micro-USD in, found " + n(in.raw()) + " for " + n(out.raw()) + " token units out");
  }
  const Tokens token_after = token_ - out;
  const MicroUsd usd_after = usd_ + in;
  check_k(token_.raw(), usd_.raw(), token_after.raw(), usd_after.raw(), 0, in.raw());
  token_ = token_after;
  usd_ = usd_after;
  return in;
}

LiquidityAdded ConstantProductPool::add_liquidity(Tokens token_desired, MicroUsd usd_desired) {
  if (token_desired.raw() <= 0 || usd_desired.raw() <= 0) {
    throw AmmError("amm: add_liquidity: INSUFFICIENT_AMOUNT: expected both desired amounts > 0, found " +
                   n(token_desired.raw()) + " token units and " + n(usd_desired.raw()) + " micro-USD");
  }
  LiquidityAdded r{};
  if (total_shares_.raw() == 0) {
    r.token = token_desired;
    r.usd = usd_desired;
    const u128 root = isqrt(static_cast<u128>(token_desired.raw()) * static_cast<u128>(usd_desired.raw()));
    // root < 2^63: both factors are < 2^63.
    const std::int64_t liquidity = static_cast<std::int64_t>(root) - kMinimumLiquidity;
    if (liquidity <= 0) {
      throw AmmError(
          "amm: add_liquidity: INSUFFICIENT_LIQUIDITY_MINTED: the first deposit needs "
          "floor(sqrt(token * usd)) > " +
          n(kMinimumLiquidity) + ", found " + n(static_cast<std::int64_t>(root)));
    }
    r.shares = LpShares(liquidity);
    const Tokens token_after = token_ + r.token;
    const MicroUsd usd_after = usd_ + r.usd;
    total_shares_ = LpShares(liquidity + kMinimumLiquidity);
    token_ = token_after;
    usd_ = usd_after;
    return r;
  }
  const std::int64_t usd_optimal = quote(token_desired.raw(), token_.raw(), usd_.raw());
  if (usd_optimal <= usd_desired.raw()) {
    r.token = token_desired;
    r.usd = MicroUsd(usd_optimal);
  } else {
    r.token = Tokens(quote(usd_desired.raw(), usd_.raw(), token_.raw()));  // <= token_desired
    r.usd = usd_desired;
  }
  const std::int64_t total = total_shares_.raw();
  const std::int64_t by_token = r.token.raw() == 0 ? 0 : mul_div(r.token.raw(), total, token_.raw());
  const std::int64_t by_usd = r.usd.raw() == 0 ? 0 : mul_div(r.usd.raw(), total, usd_.raw());
  const std::int64_t liquidity = std::min(by_token, by_usd);
  if (liquidity <= 0) {
    throw AmmError("amm: add_liquidity: INSUFFICIENT_LIQUIDITY_MINTED: expected > 0 shares, found 0 for " +
                   n(r.token.raw()) + " token units and " + n(r.usd.raw()) + " micro-USD");
  }
  r.shares = LpShares(liquidity);
  const Tokens token_after = token_ + r.token;
  const MicroUsd usd_after = usd_ + r.usd;
  const LpShares total_after = total_shares_ + r.shares;
  token_ = token_after;
  usd_ = usd_after;
  total_shares_ = total_after;
  return r;
}

LiquidityRemoved ConstantProductPool::remove_liquidity(LpShares shares) {
  if (shares.raw() <= 0 || shares > redeemable_shares()) {
    throw AmmError("amm: remove_liquidity: expected shares in [1, " + n(redeemable_shares().raw()) +
                   "] (total minus the locked " + n(kMinimumLiquidity) + "), found " + n(shares.raw()));
  }
  const std::int64_t total = total_shares_.raw();
  const LiquidityRemoved r{Tokens(mul_div(shares.raw(), token_.raw(), total)),
                           MicroUsd(mul_div(shares.raw(), usd_.raw(), total))};
  if (r.token.raw() <= 0 || r.usd.raw() <= 0) {
    throw AmmError("amm: remove_liquidity: INSUFFICIENT_LIQUIDITY_BURNED: expected > 0 of both assets, found " +
                   n(r.token.raw()) + " token units and " + n(r.usd.raw()) + " micro-USD for " + n(shares.raw()) +
                   " shares");
  }
  token_ -= r.token;
  usd_ -= r.usd;
  total_shares_ -= shares;
  return r;
}

double ConstantProductPool::spot_price() const noexcept {
  if (token_.raw() <= 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(usd_.raw()) * static_cast<double>(kUnit) / static_cast<double>(token_.raw());
}

}  // namespace toksim::models
