// A Uniswap V2 constant-product pool of tokens against a stable (micro-USD), in exact integer base units:
// swap pricing as Uniswap/v2-periphery contracts/libraries/UniswapV2Library.sol (getAmountOut, getAmountIn,
// quote) and liquidity and the K check as Uniswap/v2-core contracts/UniswapV2Pair.sol (mint, burn, swap).
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

/// A swap or liquidity operation that the pool would revert (zero input, insufficient liquidity, output
/// below the caller's minimum, input above the caller's maximum, nothing minted or burned, a broken K).
/// The message names the Uniswap revert reason and the numbers involved. The pool is left unchanged.
class AmmError : public Error {
 public:
  using Error::Error;
};

struct LpTag {};
using LpShares = Amount<LpTag>;  ///< pool liquidity shares (UniswapV2ERC20 balance units)

/// UniswapV2Pair.MINIMUM_LIQUIDITY: shares minted to nobody on the first deposit, locked forever.
inline constexpr std::int64_t kMinimumLiquidity = 1000;
/// The Uniswap V2 fee, 0.3%: 3000 ppm (997/1000 in the Solidity code).
inline constexpr std::int64_t kUniswapV2FeePpm = 3000;

/// UniswapV2Library.getAmountOut with the fee in ppm:
///   floor(in * (1e6 - fee) * reserve_out / (reserve_in * 1e6 + in * (1e6 - fee))).
/// With fee 3000 ppm this equals the 997/1000 form (both the numerator and the denominator scale by 1000).
/// Unit-agnostic: all three are base units, `in` and `reserve_in` of one asset, `reserve_out` of the other.
/// The result is always < reserve_out, and may be 0 for a tiny input (the pool's swap then reverts).
/// Products that exceed 128 bits (int64 reserves times 1e6 times int64) are computed exactly in 256 bits.
/// @throws AmmError for in <= 0 (INSUFFICIENT_INPUT_AMOUNT) or a reserve <= 0 (INSUFFICIENT_LIQUIDITY).
/// @throws ConfigError for a fee of 100% (1e6 ppm): nothing would ever come out.
std::int64_t get_amount_out(std::int64_t amount_in, std::int64_t reserve_in, std::int64_t reserve_out,
                            Ppm fee = Ppm(kUniswapV2FeePpm));

/// UniswapV2Library.getAmountIn with the fee in ppm:
///   floor(reserve_in * out * 1e6 / ((reserve_out - out) * (1e6 - fee))) + 1.
/// The least input that buys `out` is the ceiling of that quotient; Uniswap's floor + 1 equals it unless the
/// division is exact, where it asks one base unit more. So the result always buys at least `out`.
/// @throws AmmError for out <= 0 (INSUFFICIENT_OUTPUT_AMOUNT), a reserve <= 0 or out >= reserve_out
///         (INSUFFICIENT_LIQUIDITY).
/// @throws MoneyError when the required input exceeds int64; ConfigError for a fee of 1e6 ppm.
std::int64_t get_amount_in(std::int64_t amount_out, std::int64_t reserve_in, std::int64_t reserve_out,
                           Ppm fee = Ppm(kUniswapV2FeePpm));

/// UniswapV2Library.quote: floor(amount_a * reserve_b / reserve_a), the proportional amount of the other asset.
/// @throws AmmError for amount_a <= 0 (INSUFFICIENT_AMOUNT) or a reserve <= 0 (INSUFFICIENT_LIQUIDITY).
/// @throws MoneyError when the result exceeds int64.
std::int64_t quote(std::int64_t amount_a, std::int64_t reserve_a, std::int64_t reserve_b);

// ---- The same three formulas on any integer type -----------------------------------------------------------
//
// get_amount_out, get_amount_in and quote above are these templates with Int = int64 and Wide = Boost's
// checked_uint256_t (amm.cpp); the Python bindings instantiate them with Int = Wide = checked_uint256_t, the
// contract's own uint256. Every intermediate is computed in Wide in UniswapV2Library's order with SafeMath
// (Uniswap/v2-periphery contracts/libraries/SafeMath.sol), and the fee factor (1e6 - fee) / 1e6 is taken in
// lowest terms (997 / 1000 at 3000 ppm, the contract's constants), so a uint256 instantiation reverts exactly
// where the contract does, and an int64 one, whose products stay below 2^146, is exact.
// Wide: an unsigned integer type of at least 256 bits whose arithmetic throws std::overflow_error on overflow.

namespace amm_detail {

/// (1e6 - fee) / 1e6 in lowest terms: num / den.
struct FeeFactor {
  std::uint64_t num = 0;
  std::uint64_t den = 0;
};

/// @throws ConfigError for a fee of 1e6 ppm (100%): nothing would ever come out.
FeeFactor fee_factor(Ppm fee);

/// SafeMath.mul: a * b in Wide. @throws MoneyError "ds-math-mul-overflow" naming `what` when it overflows.
template <class Wide>
Wide safe_mul(const Wide& a, const Wide& b, const char* what) {
  try {
    return Wide(a * b);
  } catch (const std::overflow_error&) {
    throw MoneyError(std::string("amm: ") + what + ": ds-math-mul-overflow (the product exceeds 2**" +
                     std::to_string(std::numeric_limits<Wide>::digits) + " - 1)");
  }
}

/// SafeMath.add: a + b in Wide. @throws MoneyError "ds-math-add-overflow" naming `what` when it overflows.
template <class Wide>
Wide safe_add(const Wide& a, const Wide& b, const char* what) {
  try {
    return Wide(a + b);
  } catch (const std::overflow_error&) {
    throw MoneyError(std::string("amm: ") + what + ": ds-math-add-overflow (the sum exceeds 2**" +
                     std::to_string(std::numeric_limits<Wide>::digits) + " - 1)");
  }
}

/// v as Int. @throws MoneyError (detail::throw_overflow(what)) when it does not fit.
template <class Int, class Wide>
Int narrow(const Wide& v, const char* what) {
  if constexpr (std::is_same_v<Int, Wide>) {
    return v;
  } else {
    if (v > Wide(std::numeric_limits<Int>::max())) detail::throw_overflow(what);
    return static_cast<Int>(v);
  }
}

}  // namespace amm_detail

/// UniswapV2Library.getAmountOut: amountInWithFee = in * num; numerator = amountInWithFee * reserve_out;
/// denominator = reserve_in * den + amountInWithFee; out = numerator / denominator (floor).
/// @throws as get_amount_out, and MoneyError "ds-math-mul-overflow" / "ds-math-add-overflow" when an
///         intermediate overflows Wide (never for int64 operands).
template <class Int, class Wide>
Int get_amount_out_as(const Int& amount_in, const Int& reserve_in, const Int& reserve_out,
                      Ppm fee = Ppm(kUniswapV2FeePpm)) {
  const amm_detail::FeeFactor f = amm_detail::fee_factor(fee);
  if (amount_in <= 0) {
    throw AmmError("amm: get_amount_out: INSUFFICIENT_INPUT_AMOUNT: expected an input > 0, found " +
                   detail::int_text(amount_in));
  }
  if (reserve_in <= 0 || reserve_out <= 0) {
    throw AmmError("amm: get_amount_out: INSUFFICIENT_LIQUIDITY: expected reserves > 0, found " +
                   detail::int_text(reserve_in) + " and " + detail::int_text(reserve_out));
  }
  const Wide in_with_fee = amm_detail::safe_mul(Wide(amount_in), Wide(f.num), "get_amount_out: amountIn * feeFactor");
  const Wide numerator =
      amm_detail::safe_mul(in_with_fee, Wide(reserve_out), "get_amount_out: amountInWithFee * reserveOut");
  const Wide denominator = amm_detail::safe_add(
      amm_detail::safe_mul(Wide(reserve_in), Wide(f.den), "get_amount_out: reserveIn * feeDenominator"), in_with_fee,
      "get_amount_out: reserveIn * feeDenominator + amountInWithFee");
  // < reserve_out because reserve_in > 0, so it fits Int.
  return amm_detail::narrow<Int>(Wide(numerator / denominator), "amm: get_amount_out: the output");
}

/// UniswapV2Library.getAmountIn: numerator = reserve_in * out * den; denominator = (reserve_out - out) * num;
/// in = numerator / denominator + 1.
/// @throws as get_amount_in (MoneyError when the input does not fit Int), and MoneyError "ds-math-mul-overflow"
///         / "ds-math-add-overflow" when an intermediate overflows Wide.
template <class Int, class Wide>
Int get_amount_in_as(const Int& amount_out, const Int& reserve_in, const Int& reserve_out,
                     Ppm fee = Ppm(kUniswapV2FeePpm)) {
  const amm_detail::FeeFactor f = amm_detail::fee_factor(fee);
  if (amount_out <= 0) {
    throw AmmError("amm: get_amount_in: INSUFFICIENT_OUTPUT_AMOUNT: expected an output > 0, found " +
                   detail::int_text(amount_out));
  }
  if (reserve_in <= 0 || reserve_out <= 0 || amount_out >= reserve_out) {
    throw AmmError(
        "amm: get_amount_in: INSUFFICIENT_LIQUIDITY: expected reserves > 0 and an output below the "
        "output reserve " +
        detail::int_text(reserve_out) + ", found output " + detail::int_text(amount_out) + " and input reserve " +
        detail::int_text(reserve_in));
  }
  const Wide numerator = amm_detail::safe_mul(
      amm_detail::safe_mul(Wide(reserve_in), Wide(amount_out), "get_amount_in: reserveIn * amountOut"), Wide(f.den),
      "get_amount_in: reserveIn * amountOut * feeDenominator");
  const Wide denominator = amm_detail::safe_mul(Wide(reserve_out - amount_out), Wide(f.num),
                                                "get_amount_in: (reserveOut - amountOut) * feeFactor");
  return amm_detail::narrow<Int>(
      amm_detail::safe_add(Wide(numerator / denominator), Wide(1), "get_amount_in: numerator / denominator + 1"),
      "amm: get_amount_in: the required input");
}

/// UniswapV2Library.quote: amountB = amountA * reserveB / reserveA.
/// @throws as quote (MoneyError when the result does not fit Int), and MoneyError "ds-math-mul-overflow" when
///         amountA * reserveB overflows Wide.
template <class Int, class Wide>
Int quote_as(const Int& amount_a, const Int& reserve_a, const Int& reserve_b) {
  if (amount_a <= 0) {
    throw AmmError("amm: quote: INSUFFICIENT_AMOUNT: expected an amount > 0, found " + detail::int_text(amount_a));
  }
  if (reserve_a <= 0 || reserve_b <= 0) {
    throw AmmError("amm: quote: INSUFFICIENT_LIQUIDITY: expected reserves > 0, found " + detail::int_text(reserve_a) +
                   " and " + detail::int_text(reserve_b));
  }
  const Wide product = amm_detail::safe_mul(Wide(amount_a), Wide(reserve_b), "quote: amountA * reserveB");
  return amm_detail::narrow<Int>(Wide(product / Wide(reserve_a)), "mul_div result");
}

/// The K check of UniswapV2Pair.swap in its general-fee form, exactly (256-bit products):
///   (b0 * 1e6 - in0 * fee) * (b1 * 1e6 - in1 * fee) >= r0 * r1 * 1e12,
/// where r are the reserves before the swap, b the balances after it (b = r + in - out) and in the inputs.
/// With fee 3000 ppm this is the 1000/3 form of the contract scaled by 1000 on each side.
/// Inputs must be >= 0 and b * 1e6 >= in * fee (true whenever b >= in); otherwise this returns false.
bool k_invariant_holds(std::int64_t r0, std::int64_t r1, std::int64_t b0, std::int64_t b1, std::int64_t in0,
                       std::int64_t in1, Ppm fee);

/// Amounts actually deposited by add_liquidity and the shares minted for them.
struct LiquidityAdded {
  Tokens token;
  MicroUsd usd;
  LpShares shares;
};

/// Amounts paid out by remove_liquidity.
struct LiquidityRemoved {
  Tokens token;
  MicroUsd usd;
};

/// One Uniswap V2 pair: asset 0 is the token, asset 1 the stable (micro-USD). Reserves are always the pool's
/// balances (nothing is ever donated or skimmed), and are both positive once liquidity was added: the
/// MINIMUM_LIQUIDITY shares can never be burned, so they keep a positive remainder of each reserve.
/// Every operation either completes or throws and leaves the pool unchanged. The protocol fee (feeTo) and
/// the TWAP price accumulators of the pair are not modelled. LP share ownership is the caller's books: the
/// pool keeps only the total supply.
class ConstantProductPool {
 public:
  /// @throws ConfigError for fee_ppm == 1e6 (a 100% fee). Ppm itself rejects values outside [0, 1e6].
  explicit ConstantProductPool(Ppm fee = Ppm(kUniswapV2FeePpm));

  Tokens token_reserve() const noexcept { return token_; }
  MicroUsd usd_reserve() const noexcept { return usd_; }
  Ppm fee() const noexcept { return fee_; }
  /// Total LP shares, including the kMinimumLiquidity locked by the first deposit.
  LpShares total_shares() const noexcept { return total_shares_; }
  /// The shares that can ever be burned: total_shares() - kMinimumLiquidity (0 for an empty pool).
  LpShares redeemable_shares() const noexcept;

  /// Sells exactly `in` tokens; returns the micro-USD paid out, get_amount_out(in, token, usd).
  /// @throws AmmError for in <= 0, an empty pool, an output of 0, or an output below min_out.
  MicroUsd swap_token_for_usd(Tokens in, MicroUsd min_out = MicroUsd(0));
  /// Buys tokens with exactly `in` micro-USD; returns the tokens paid out, get_amount_out(in, usd, token).
  /// @throws AmmError for in <= 0, an empty pool, an output of 0, or an output below min_out.
  Tokens swap_usd_for_token(MicroUsd in, Tokens min_out = Tokens(0));
  /// Buys exactly `out` micro-USD; returns the tokens taken, get_amount_in(out, token, usd).
  /// @throws AmmError for out <= 0, out >= the USD reserve, or an input above max_in (EXCESSIVE_INPUT_AMOUNT).
  Tokens swap_token_for_exact_usd(MicroUsd out, Tokens max_in);
  /// Buys exactly `out` tokens; returns the micro-USD taken.
  MicroUsd swap_usd_for_exact_token(Tokens out, MicroUsd max_in);

  /// UniswapV2Router02._addLiquidity + UniswapV2Pair.mint. On an empty pool both desired amounts are
  /// deposited and floor(sqrt(token * usd)) - kMinimumLiquidity shares are minted (kMinimumLiquidity more
  /// are locked). Otherwise the router's optimal amounts are deposited: all of token_desired and
  /// quote(token_desired) USD if that is <= usd_desired, else all of usd_desired and quote(usd_desired)
  /// tokens; shares = min(token * total / token_reserve, usd * total / usd_reserve), floored.
  /// @throws AmmError for a desired amount <= 0 or no shares minted (INSUFFICIENT_LIQUIDITY_MINTED).
  LiquidityAdded add_liquidity(Tokens token_desired, MicroUsd usd_desired);

  /// UniswapV2Pair.burn: pays floor(shares * reserve / total_shares) of each asset.
  /// @throws AmmError for shares <= 0, shares > redeemable_shares(), or a payout of 0 in either asset
  ///         (INSUFFICIENT_LIQUIDITY_BURNED).
  LiquidityRemoved remove_liquidity(LpShares shares);

  /// Micro-USD per whole token at the margin, before fee and slippage: usd_reserve * 1e6 / token_reserve.
  /// For display only (a double); NaN for an empty pool.
  double spot_price() const noexcept;

 private:
  void check_k(std::int64_t r0, std::int64_t r1, std::int64_t b0, std::int64_t b1, std::int64_t in0,
               std::int64_t in1) const;

  Ppm fee_;
  Tokens token_{0};
  MicroUsd usd_{0};
  LpShares total_shares_{0};
};

}  // namespace toksim::models
