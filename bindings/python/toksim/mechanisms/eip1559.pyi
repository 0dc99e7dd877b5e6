"""Type stubs of toksim.mechanisms.eip1559.

The compiled toksim._core.mechanisms.eip1559, re-exported by eip1559.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def next_base_fee(parent_base_fee: int, parent_gas_used: int, parent_gas_limit: int) -> int:
    """The base fee of the next block (EIP-1559, ethereum/EIPs EIPS/eip-1559.md), with the spec's integer division:
    target = limit // 2; used == target: unchanged; used > target: bf + max(bf * (used - target) // target // 8, 1);
    used < target: bf - bf * (target - used) // target // 8.

    parent_base_fee in wei per gas, gas in gas units: Python ints in [0, 2**256 - 1]; the product is exact (512
    bits), as the spec's Python.
    Raises ConfigError for a gas limit < 2 or gas used above the limit; OverflowError when the new base fee leaves
    uint256, or for an argument outside uint256.
    """

def next_base_fee_uint64(parent_base_fee: int, parent_gas_used: int, parent_gas_limit: int) -> int:
    """next_base_fee on uint64, the instantiation toksim's launch model runs (same template). Raises ConfigError as
    next_base_fee; OverflowError when the new base fee leaves uint64.
    """

def gas_target(gas_limit: int) -> int:
    """gas_limit // ELASTICITY_MULTIPLIER (gas units)"""

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
