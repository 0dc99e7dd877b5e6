"""Type stubs of toksim.mechanisms.conviction.

The compiled toksim._core.mechanisms.conviction, re-exported by conviction.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def conviction(
    y0: float | ArrayLike,
    x: float | ArrayLike,
    alpha: float | ArrayLike,
    t: float | ArrayLike,
) -> float | np.ndarray:
    """Conviction after t steps of constant stake x from y0 (1Hive conviction-voting-cadcad): y_t = alpha^t * y0 + x *
    (1 - alpha^t) / (1 - alpha), the closed form of y <- alpha * y + x (t may be fractional; steady state x / (1 -
    alpha)). Floats or NumPy arrays (broadcast elementwise). Raises ConfigError for alpha outside [0, 1), t < 0 or
    non-finite values.
    """

def threshold(
    rho: float | ArrayLike,
    beta: float | ArrayLike,
    supply_or_staked: float | ArrayLike,
    funds: float | ArrayLike,
    requested: float | ArrayLike,
    alpha: float | ArrayLike,
) -> float | np.ndarray:
    """Trigger threshold (1Hive algorithm_overview.ipynb; ConvictionVoting.sol calculateThreshold): y*(r) = rho * S /
    ((1 - alpha) * (beta - r / R)^2) when r / R < beta, else +inf (also for R == 0). S: supply or total staked, R:
    funds, r: requested (same unit). Floats or arrays.
    """

def alpha_from_half_life(t_half: float | ArrayLike) -> float | np.ndarray:
    """alpha = (1/2)^(1 / t_half): conviction of a removed stake halves in t_half steps (blocks). Float or array."""

def half_life_from_alpha(alpha: float | ArrayLike) -> float | np.ndarray:
    """t_half = ln(1/2) / ln(alpha), the inverse of alpha_from_half_life. Float or array."""

class ConvictionPool:
    """A conviction-voting funding pool, event-driven like 1Hive's ConvictionVoting.sol: each proposal stores
    (conviction_last, block_last) and brings conviction forward in closed form when its stake changes or it
    executes. Stakes, balances and funds are int64 token base units; time in seconds, blocks of block_seconds. The
    abstain proposal is id 1; proposals get ids from 2. A revert raises ConfigError and changes nothing.
    """
    def __init__(
        self,
        funds: int,
        stake_token_supply: int,
        block_seconds: int,
        *,
        max_ratio: int,
        weight: int,
        decay: int = 9999599,
        min_threshold_stake_percentage: int = 0,
    ) -> None:
        """The contract's integer parameters scaled by D = 10**7: alpha = decay / D (default 9,999,599: half-life
        ~17,285 blocks), rho = weight / D, beta = max_ratio / D; min_threshold_stake_percentage scaled by 10**18 =
        100%. funds, supply: base units; block_seconds: seconds per block (1: t in seconds).
        """
    def add_proposal(self, requested: int) -> int:
        """Adds a proposal requesting `requested` base units (0: signalling); returns its id"""
    def set_balance(self, voter: int, balance: int, now: int) -> None:
        """Sets a voter's stake-token balance, withdrawing stake as _onTransfer when it falls below it"""
    def stake(self, voter: int, proposal_id: int, amount: int, now: int) -> None:
        ...
    def withdraw(self, voter: int, proposal_id: int, amount: int, now: int) -> None:
        ...
    def conviction_at(self, proposal_id: int, now: int) -> float:
        """Conviction at now (base units), brought forward without storing it"""
    def threshold_of(self, proposal_id: int) -> float:
        """calculateThreshold(requested); +inf unless max_ratio * funds > requested * D"""
    def can_execute(self, proposal_id: int, now: int) -> bool:
        ...
    def execute(self, proposal_id: int, now: int) -> int:
        """Pays the requested amount out of funds when conviction > threshold; returns it"""
    def cancel(self, proposal_id: int) -> None:
        ...
    def add_funds(self, amount: int) -> None:
        ...
    def set_funds(self, amount: int) -> None:
        ...
    def set_stake_token_supply(self, supply: int) -> None:
        ...
    @property
    def funds(self) -> int:
        ...
    @property
    def total_staked(self) -> int:
        ...
    @property
    def effective_total_staked(self) -> int:
        """max(total staked, supply * min_threshold_stake_percentage / 10**18)"""
    @property
    def params(self) -> dict[str, float]:
        ...
    def block_at(self, now: int) -> int:
        ...
    def status(self, proposal_id: int) -> ConvictionStatus:
        ...
    def requested(self, proposal_id: int) -> int:
        ...
    def staked_on(self, proposal_id: int) -> int:
        ...
    def voter_stake(self, voter: int, proposal_id: int) -> int:
        ...
    def voter_total_stake(self, voter: int) -> int:
        ...
    def balance(self, voter: int) -> int:
        ...
    def voter_proposals(self, voter: int) -> list[int]:
        ...
    def conviction_last(self, proposal_id: int) -> float:
        ...
    def block_last(self, proposal_id: int) -> int:
        ...

class ConvictionStatus:
    """Members:

      Active

      Cancelled

      Executed
    """
    def __init__(self, value: int) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
    Active: ConvictionStatus
    Cancelled: ConvictionStatus
    Executed: ConvictionStatus
D: int
ONE_HUNDRED_PERCENT: int
ABSTAIN_PROPOSAL: int
MAX_STAKED_PROPOSALS: int
