"""Type stubs of toksim.mechanisms.amm.

The compiled toksim._core.mechanisms.amm, re-exported by amm.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def get_amount_out(amount_in: int, reserve_in: int, reserve_out: int, fee_ppm: int = 3000) -> int:
    """UniswapV2Library.getAmountOut (Uniswap/v2-periphery): the output of selling `amount_in`, in uint256 exactly as
    the contract: amountInWithFee = amount_in * 997; out = amountInWithFee * reserve_out // (reserve_in * 1000 +
    amountInWithFee) (floor). A general fee in ppm replaces 997/1000 by (1e6 - fee_ppm)/1e6 in lowest terms.

    Amounts in base units (wei for 18-decimal tokens), any Python int in [0, 2**256 - 1].
    Raises ConfigError 'INSUFFICIENT_INPUT_AMOUNT' (amount_in 0) or 'INSUFFICIENT_LIQUIDITY' (a reserve 0), or for
    fee_ppm outside [0, 999999]; OverflowError 'ds-math-mul-overflow' / 'ds-math-add-overflow' where the contract's
    SafeMath reverts, and for an argument outside uint256.
    """

def get_amount_in(amount_out: int, reserve_in: int, reserve_out: int, fee_ppm: int = 3000) -> int:
    """UniswapV2Library.getAmountIn (Uniswap/v2-periphery): the input that buys `amount_out`, in uint256: reserve_in *
    amount_out * 1000 // ((reserve_out - amount_out) * 997) + 1 (general fee: (1e6 - fee_ppm)/1e6 in lowest terms).
    Always buys at least amount_out; one base unit more than needed when the division is exact.

    Amounts in base units, any Python int in [0, 2**256 - 1].
    Raises ConfigError 'INSUFFICIENT_OUTPUT_AMOUNT' (amount_out 0) or 'INSUFFICIENT_LIQUIDITY' (a reserve 0, or
    amount_out >= reserve_out, where the contract underflows or divides by zero); OverflowError
    'ds-math-mul-overflow' / 'ds-math-add-overflow' where SafeMath reverts, and for an argument outside uint256.
    """

def quote(amount_a: int, reserve_a: int, reserve_b: int) -> int:
    """UniswapV2Library.quote: amount_a * reserve_b // reserve_a in uint256, the amount of the other asset worth
    amount_a at the pool's ratio (no fee).

    Amounts in base units, any Python int in [0, 2**256 - 1].
    Raises ConfigError 'INSUFFICIENT_AMOUNT' / 'INSUFFICIENT_LIQUIDITY' for a zero amount or reserve; OverflowError
    'ds-math-mul-overflow' when amount_a * reserve_b exceeds 2**256 - 1.
    """

def get_amount_out_int64(amount_in: int, reserve_in: int, reserve_out: int, fee_ppm: int = 3000) -> int:
    """get_amount_out on int64 base units, the instantiation toksim's pools and launch models run (same template, same
    result wherever both apply).
    Raises ConfigError as get_amount_out (a negative amount too); OverflowError outside int64.
    """

def get_amount_in_int64(amount_out: int, reserve_in: int, reserve_out: int, fee_ppm: int = 3000) -> int:
    """get_amount_in on int64 base units (toksim's pools).
    Raises ConfigError as get_amount_in; OverflowError when an argument or the required input leaves int64.
    """

def quote_int64(amount_a: int, reserve_a: int, reserve_b: int) -> int:
    """quote on int64 base units (toksim's pools). Raises ConfigError as quote; OverflowError outside int64."""

def k_invariant_holds(r0: int, r1: int, b0: int, b1: int, in0: int, in1: int, fee_ppm: int = 3000) -> bool:
    """The K check of UniswapV2Pair.swap in its general-fee form, exactly (256-bit products): (b0 * 1e6 - in0 * fee) *
    (b1 * 1e6 - in1 * fee) >= r0 * r1 * 1e12, with r the reserves before the swap, b the balances after it and in
    the inputs (int64 base units). False for negative values.
    """

class ConstantProductPool:
    """One Uniswap V2 pair (UniswapV2Pair.sol mint / burn / swap, UniswapV2Router02 amounts): asset 0 the token, asset
    1 a stable in micro-USD, both in int64 base units (6 decimals). Every operation completes or raises and leaves
    the pool unchanged (a revert: ConfigError with the Uniswap reason). No protocol fee, no TWAP. LP share ownership
    is the caller's books: the pool keeps only the total supply.
    """
    def __init__(self, fee_ppm: int = 3000) -> None:
        """An empty pool; fee in ppm (3000 = Uniswap V2's 0.3%)"""
    @property
    def token_reserve(self) -> int:
        """token base units"""
    @property
    def usd_reserve(self) -> int:
        """micro-USD"""
    @property
    def reserves(self) -> tuple[int, int]:
        """(token_reserve, usd_reserve), as getReserves()"""
    @property
    def fee_ppm(self) -> int:
        ...
    @property
    def total_shares(self) -> int:
        """LP shares, including the MINIMUM_LIQUIDITY locked by the first deposit"""
    @property
    def redeemable_shares(self) -> int:
        """total_shares - MINIMUM_LIQUIDITY (0 for an empty pool)"""
    @property
    def spot_price(self) -> float:
        """micro-USD per whole token at the margin (display only; NaN when empty)"""
    def swap_token_for_usd(self, amount_in: int, min_out: int = 0) -> int:
        """Sells exactly amount_in tokens; returns the micro-USD paid out, get_amount_out(in, token, usd). Raises
        ConfigError (INSUFFICIENT_INPUT_AMOUNT, INSUFFICIENT_OUTPUT_AMOUNT below min_out or for 0 out).
        """
    def swap_usd_for_token(self, amount_in: int, min_out: int = 0) -> int:
        """Buys tokens with exactly amount_in micro-USD; returns the tokens paid out."""
    def swap_token_for_exact_usd(self, amount_out: int, max_in: int) -> int:
        """Buys exactly amount_out micro-USD; returns the tokens taken, get_amount_in(out, token, usd). Raises
        ConfigError EXCESSIVE_INPUT_AMOUNT above max_in.
        """
    def swap_usd_for_exact_token(self, amount_out: int, max_in: int) -> int:
        """Buys exactly amount_out tokens; returns the micro-USD taken."""
    def add_liquidity(self, token_desired: int, usd_desired: int) -> tuple[int, int, int]:
        """Router._addLiquidity + Pair.mint: returns (token, usd, shares) deposited and minted. The first deposit mints
        floor(sqrt(token * usd)) - MINIMUM_LIQUIDITY; later ones deposit the router's optimal amounts.
        """
    def remove_liquidity(self, shares: int) -> tuple[int, int]:
        """Pair.burn: returns (token, usd) paid, floor(shares * reserve / total_shares) each."""
    def __repr__(self) -> str:
        ...
MINIMUM_LIQUIDITY: int
UNISWAP_V2_FEE_PPM: int
Pool = ConstantProductPool
