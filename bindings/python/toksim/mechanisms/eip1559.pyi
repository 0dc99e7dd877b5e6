"""Type stubs of toksim.mechanisms.eip1559.

The compiled toksim._core.mechanisms.eip1559, re-exported by eip1559.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def next_base_fee(
    parent_base_fee: int,
    parent_gas_used: int,
    parent_gas_limit: int,
    *,
    elasticity_multiplier: int = 2,
    base_fee_max_change_denominator: int = 8,
) -> int:
    """The base fee of the next block (EIP-1559, ethereum/EIPs EIPS/eip-1559.md; go-ethereum CalcBaseFee), with the
    spec's integer division, E = elasticity_multiplier (2) and D = base_fee_max_change_denominator (8): target =
    limit // E; used == target: unchanged; used > target: bf + max(bf * (used - target) // target // D, 1); used <
    target: bf - bf * (target - used) // target // D. Polygon: **preset('polygon-bhilai') and the like.

    parent_base_fee in wei per gas, gas in gas units: Python ints in [0, 2**256 - 1]; the product is exact (512
    bits), as the spec's Python. E and D are uint64, each >= 1.
    Raises ConfigError for E or D of 0, a gas limit < E or gas used above the limit; OverflowError when the new
    base fee leaves uint256, or for an argument outside its range.
    """

def next_base_fee_uint64(
    parent_base_fee: int,
    parent_gas_used: int,
    parent_gas_limit: int,
    *,
    elasticity_multiplier: int = 2,
    base_fee_max_change_denominator: int = 8,
) -> int:
    """next_base_fee on uint64, the instantiation toksim's launch model runs (same template, same keywords). Raises
    ConfigError as next_base_fee; OverflowError when the new base fee leaves uint64.
    """

def preset(name: str) -> dict[str, int]:
    """The parameters of a named preset as keyword arguments of next_base_fee: {'elasticity_multiplier': E,
    'base_fee_max_change_denominator': D}. 'ethereum' (2, 8); Polygon PoS by bor fork: 'polygon-pre-delhi' (2, 8),
    'polygon-delhi' (2, 16), 'polygon-bhilai' (2, 64). Raises ConfigError for an unknown name.
    """

def bor_base_fee_change_denominator(
    parent_number: int,
    *,
    delhi_block: Optional[int] = None,
    bhilai_block: Optional[int] = None,
) -> int:
    """Polygon bor's params.BaseFeeChangeDenominator for a parent block of that number: 64 at or past the Bhilai
    block, else 16 at or past the Delhi block, else 8; a fork given as None never activates. The chains' fork
    blocks: **POLYGON_MAINNET_FORKS, **POLYGON_AMOY_FORKS.
    """

def gas_target(gas_limit: int, *, elasticity_multiplier: int = 2) -> int:
    """gas_limit // elasticity_multiplier (gas units). Raises ConfigError for an elasticity_multiplier of 0."""

def gas_limit_valid(
    parent_gas_limit: int,
    gas_limit: int,
    *,
    fork_block: bool = False,
    elasticity_multiplier: int = 2,
) -> bool:
    """Whether a block's gas limit may follow its parent's (EIP-1559 validate_block; go-ethereum VerifyGaslimit):
    |gas_limit - parent| < parent // 1024 and gas_limit >= 5000, with parent = parent_gas_limit, times
    elasticity_multiplier on the fork block (fork_block=True). Gas units, uint64.
    """

def includable(base_fee: int, max_fee_per_gas: int, max_priority_fee_per_gas: int) -> bool:
    """Whether the spec's block validity accepts a transaction: max_fee >= base_fee and max_fee >= max_priority_fee
    (wei per gas).
    """

def transaction_fee(
    gas_used: int,
    base_fee: int,
    max_fee_per_gas: int,
    max_priority_fee_per_gas: int,
) -> dict[str, int]:
    """A transaction's fee at a block's base fee (EIP-1559): priority_fee_per_gas = min(max_priority_fee, max_fee -
    base_fee), effective_gas_price = priority + base_fee, burned = gas_used * base_fee (destroyed), tip = gas_used *
    priority (to the proposer), total = burned + tip; a dict of exact ints (wei; fees per gas in wei per gas).
    Arguments are uint64. Raises ConfigError when the transaction is not includable.
    """
ELASTICITY_MULTIPLIER: int
BASE_FEE_MAX_CHANGE_DENOMINATOR: int
INITIAL_BASE_FEE: int
PRESETS: dict[str, dict[str, int]]
POLYGON_MAINNET_FORKS: dict[str, int]
POLYGON_AMOY_FORKS: dict[str, int]
