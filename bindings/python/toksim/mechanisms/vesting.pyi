"""Type stubs of toksim.mechanisms.vesting.

The compiled toksim._core.mechanisms.vesting, re-exported by vesting.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def vested_amount(total_allocation: int, start: int, duration: int, timestamp: int, cliff: int = 0) -> int:
    """OpenZeppelin VestingWallet.vestedAmount / _vestingSchedule (contracts/finance/VestingWallet.sol) in uint256: 0
    before start; total_allocation from start + duration on; otherwise total_allocation * (timestamp - start) //
    duration. With cliff > 0, VestingWalletCliff: 0 before start + cliff, then the same formula (a jump at the
    cliff).

    total_allocation: base units (wei), any Python int in [0, 2**256 - 1] (OZ: balance + released). start, duration,
    timestamp, cliff: seconds (int64; start may be negative). duration 0 vests everything at start.
    Raises ConfigError for a negative duration or cliff, cliff > duration (InvalidCliffDuration) or an end beyond
    int64; OverflowError where the contract panics (total_allocation * elapsed > 2**256 - 1).
    """

def vested_amount_int64(total_allocation: int, start: int, duration: int, timestamp: int, cliff: int = 0) -> int:
    """vested_amount on int64 base units (oz_vested_with_cliff, what toksim's allocations run; same template). Raises
    ConfigError as vested_amount (and for a negative total); OverflowError outside int64.
    """

class VestingSchedule:
    """An allocation's schedule, immutable, in int64 token base units and seconds: tge = floor(total * tge_share_ppm /
    1e6) at start (whatever the cliff), the rest OZ-linear after a cliff (VestingWalletCliff) or in equal steps (the
    last one takes the remainder). Make one with linear(), stepped() or monthly_steps().
    """
    @staticmethod
    def linear(total: int, start: int, duration: int, cliff: int = 0, tge_share_ppm: int = 0) -> VestingSchedule:
        """rest vests as vested_amount(rest, start, duration, timestamp, cliff). Raises ConfigError for a negative
        total, duration or cliff, cliff > duration, or an end beyond int64.
        """
    @staticmethod
    def stepped(total: int, start: int, cliff: int, steps: int, period: int, tge_share_ppm: int = 0) -> VestingSchedule:
        """Step k = 1..steps at start + cliff + k * period releases floor(rest / steps) (the last: the remainder).
        Seconds. Raises ConfigError for steps < 1, period <= 0, a negative cliff or total.
        """
    @staticmethod
    def monthly_steps(total: int, start: int, cliff: int, steps: int, tge_share_ppm: int = 0) -> VestingSchedule:
        """stepped() with a period of one toksim month (30 days = 2,592,000 s)."""
    def vested(self, t: int | ArrayLike) -> int | np.ndarray:
        """The amount vested by time t (seconds, inclusive): an int, or an int64 array for an array of times."""
    def next_release_time(self, t: int) -> Optional[int]:
        """The least t' > t with vested(t') > vested(t) (seconds), or None once nothing more will vest."""
    @property
    def curve(self) -> str:
        ...
    @property
    def total(self) -> int:
        ...
    @property
    def tge_amount(self) -> int:
        ...
    @property
    def rest(self) -> int:
        ...
    @property
    def start(self) -> int:
        """seconds"""
    @property
    def cliff(self) -> int:
        """seconds after start"""
    @property
    def duration(self) -> int:
        """seconds (linear only; 0 for steps)"""
    @property
    def steps(self) -> int:
        """steps only (0 for linear)"""
    @property
    def period(self) -> int:
        """seconds (steps only)"""
    @property
    def step_amount(self) -> int:
        """floor(rest / steps) (steps only)"""
    @property
    def last_step_amount(self) -> int:
        """the remainder step"""
    @property
    def end(self) -> int:
        """the time from which vested() == total (seconds)"""

class VestingWallet:
    """A beneficiary's wallet on a schedule, as VestingWallet: releasable(t) = vested(t) - released; release(t) pays it
    out and records it.
    """
    def __init__(self, schedule: VestingSchedule) -> None:
        ...
    @property
    def schedule(self) -> VestingSchedule:
        ...
    def vested(self, t: int) -> int:
        ...
    @property
    def released(self) -> int:
        ...
    def releasable(self, t: int) -> int:
        """vested(t) - released. Raises ConfigError when t is before a time already released at."""
    def release(self, t: int) -> int:
        """Releases releasable(t) and returns it."""
    def next_release_time(self, t: int) -> Optional[int]:
        ...
