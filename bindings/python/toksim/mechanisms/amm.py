"""Uniswap V2 constant-product AMM: pricing and a pool, exact.

Sources: Uniswap/v2-periphery contracts/libraries/UniswapV2Library.sol (getAmountOut, getAmountIn, quote, with
its SafeMath) and Uniswap/v2-core contracts/UniswapV2Pair.sol (mint, burn, swap and the K check); the formulas
are in REFERENCES.md, "Uniswap V2".

    >>> from toksim.mechanisms.amm import get_amount_out
    >>> get_amount_out(10**18, 5 * 10**24, 10**28)   # 1 token in, wei reserves
    1993999602396479282142

get_amount_out, get_amount_in and quote take Python ints up to 2**256 - 1 and compute in uint256 exactly as the
contract, raising OverflowError ("ds-math-mul-overflow", "ds-math-add-overflow") where its SafeMath reverts and
ConfigError (a ValueError) with Uniswap's reason (INSUFFICIENT_INPUT_AMOUNT, INSUFFICIENT_LIQUIDITY, ...) on bad
input. fee_ppm generalises the 0.3% fee: 997/1000 becomes (1e6 - fee_ppm)/1e6 in lowest terms. The *_int64
functions are the same C++ template instantiated for int64, what toksim's pools run; ConstantProductPool (alias
Pool) is that pool, token against micro-USD in int64 base units.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.amm

get_amount_out = _core.get_amount_out
get_amount_in = _core.get_amount_in
quote = _core.quote
get_amount_out_int64 = _core.get_amount_out_int64
get_amount_in_int64 = _core.get_amount_in_int64
quote_int64 = _core.quote_int64
k_invariant_holds = _core.k_invariant_holds
ConstantProductPool = _core.ConstantProductPool
MINIMUM_LIQUIDITY = _core.MINIMUM_LIQUIDITY
UNISWAP_V2_FEE_PPM = _core.UNISWAP_V2_FEE_PPM
Pool = ConstantProductPool

__all__ = [
    "get_amount_out",
    "get_amount_in",
    "quote",
    "get_amount_out_int64",
    "get_amount_in_int64",
    "quote_int64",
    "k_invariant_holds",
    "ConstantProductPool",
    "MINIMUM_LIQUIDITY",
    "UNISWAP_V2_FEE_PPM",
    "Pool",
]
