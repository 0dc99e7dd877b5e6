"""Type stubs of toksim.mechanisms.staking.

The compiled toksim._core.mechanisms.staking, re-exported by staking.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


class StakingPool:
    """Stake, rewards by an exact reward-per-share accumulator (Synthetix StakingRewards rewardPerTokenStored,
    MasterChef accSushiPerShare, scaled 1e18), an unbonding queue and proportional slashing, in int64 token base
    units and seconds. Exactly: total_rewards_in == total_claimed + sum(pending) + undistributed(), and
    total_stake_in == total_staked + total_unbonding + total_withdrawn + total_slashed.
    """
    def __init__(self, unbonding_period: int) -> None:
        """seconds (>= 0)"""
    def stake(self, account: int, amount: int) -> None:
        """Adds to the stake (> 0)."""
    def unstake(self, account: int, amount: int, now: int) -> None:
        """Moves stake into the unbonding queue, withdrawable at now + unbonding_period."""
    def withdraw(self, account: int, now: int) -> int:
        """Pays out every matured unbonding entry; returns the total."""
    def withdrawable(self, account: int, now: int) -> int:
        ...
    def distribute(self, reward: int) -> None:
        """Raises acc_per_share by floor((reward * 1e18 + carry) / total_staked); held while nothing is staked."""
    def pending(self, account: int) -> int:
        """Unclaimed rewards, floored (base units)."""
    def claim(self, account: int) -> int:
        """Pays out pending(account) and returns it."""
    def slash(self, account: int, fraction_ppm: int, include_unbonding: bool = True) -> int:
        """Takes floor(fraction * stake) (and of each unbonding entry); returns the total taken."""
    def staked(self, account: int) -> int:
        ...
    def unbonding(self, account: int) -> int:
        ...
    def unbonding_entries(self, account: int) -> list[tuple[int, int]]:
        """(amount, ready_at) of each unbonding entry, oldest first"""
    @property
    def unbonding_period(self) -> int:
        ...
    @property
    def total_staked(self) -> int:
        ...
    @property
    def total_unbonding(self) -> int:
        ...
    @property
    def total_stake_in(self) -> int:
        ...
    @property
    def total_withdrawn(self) -> int:
        ...
    @property
    def total_slashed(self) -> int:
        ...
    @property
    def total_rewards_in(self) -> int:
        ...
    @property
    def total_claimed(self) -> int:
        ...
    @property
    def held(self) -> int:
        """rewards received while nothing was staked"""
    @property
    def carry(self) -> int:
        """remainders carried, 1e-18 base units"""
    @property
    def acc_per_share(self) -> int:
        """the accumulator (wraps modulo 2**128; only differences matter)"""
    @property
    def accounts(self) -> int:
        ...
    def undistributed(self) -> int:
        """held + carried + fractional unsettled rewards, in whole base units"""
ACC_SCALE: int
