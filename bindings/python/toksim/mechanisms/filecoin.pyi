"""Type stubs of toksim.mechanisms.filecoin.

The compiled toksim._core.mechanisms.filecoin, re-exported by filecoin.py. Every int is exact (uint256).
"""
from typing import Optional

PRECISION: int  # 128: a Q.128 value v stands for v / 2**128
SIMPLE_TOTAL: int  # 330M FIL in attoFIL
BASELINE_TOTAL: int  # 770M FIL in attoFIL
BASELINE_INITIAL_VALUE: int  # 2,888,888,880,000,000,000 bytes (2.5057 EiB)


class Constants:
    """The Q.128 constants lam, exp_lam_sub_one and baseline_exponent of the reward rule."""

    lam: int
    exp_lam_sub_one: int
    baseline_exponent: int

    def __init__(self, lam: int, exp_lam_sub_one: int, baseline_exponent: int) -> None: ...
    @staticmethod
    def mainnet() -> "Constants":
        """Mainnet's literals (30 s epochs, 6-year half-life, yearly doubling)."""
    @staticmethod
    def derive(epoch_length: int, half_life: int, baseline_doubling: int) -> "Constants":
        """The constants for other time parameters in seconds; derive(30, 6 * 365 * 86400, 365 * 86400) == mainnet()."""


def expneg(x: int) -> int:
    """e**-x for x >= 0, both Q.128 (specs-actors ExpNeg)."""


def baseline_power_from_prev(prev: int, constants: Optional[Constants] = None) -> int:
    """floor(prev * baseline_exponent / 2**128), bytes."""


def baseline_power_after(start: int, epochs: int, constants: Optional[Constants] = None) -> int:
    """`epochs` steps of baseline_power_from_prev from `start`."""


def init_baseline_power(baseline_initial_value: int = ..., constants: Optional[Constants] = None) -> int:
    """The baseline of epoch -1 (InitBaselinePower)."""


def compute_r_theta(effective_network_time: int, baseline_power_at_ent: int, cumsum_realized: int,
                    cumsum_baseline: int) -> int:
    """The fractional effective network time theta in Q.128 (ComputeRTheta)."""


def compute_baseline_supply(theta: int, baseline_total: int = ..., constants: Optional[Constants] = None) -> int:
    """baseline_total * (2**128 - expneg(floor(theta * lam / 2**128))), attoFIL in Q.128."""


def compute_reward(epoch: int, prev_theta: int, curr_theta: int, simple_total: int = ..., baseline_total: int = ...,
                   constants: Optional[Constants] = None) -> int:
    """The attoFIL minted at `epoch` while theta moves from prev_theta to curr_theta (computeReward)."""


class RewardState:
    """The reward actor's state and per-epoch update (ConstructState, updateToNextEpochWithReward)."""

    epoch: int
    this_epoch_reward: int
    this_epoch_baseline_power: int
    cumsum_baseline: int
    cumsum_realized: int
    effective_network_time: int
    effective_baseline_power: int
    theta: int
    rewards_sum: int

    def __init__(self, initial_realized_power: int = 0, *, simple_total: int = ..., baseline_total: int = ...,
                 baseline_initial_value: int = ..., constants: Optional[Constants] = None) -> None: ...
    def advance(self, realized_power: int) -> int:
        """One epoch at the network's raw-byte power; returns the new this_epoch_reward (attoFIL)."""
    def null_round(self, realized_power: int) -> None:
        """One null round: no new reward."""
