"""Type stubs of toksim.mechanisms.issuance.

The compiled toksim._core.mechanisms.issuance, re-exported by issuance.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


class FixedSchedule:
    """per_epoch base units every epoch from epoch 0 until end_epoch (exclusive; None: forever). cumulative(n) =
    per_epoch * min(n, end_epoch).
    """
    def __init__(self, per_epoch: int, epoch_length: int, end_epoch: Optional[int] = None) -> None:
        """per_epoch: base units; epoch_length: seconds. Raises ConfigError for a negative amount or end, or
        epoch_length <= 0.
        """
    @property
    def name(self) -> str:
        """the schedule's name in scenarios"""
    @property
    def epoch_length(self) -> int:
        """seconds"""
    def epoch_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array."""
    def emitted_in_epoch(self, epoch: int | ArrayLike) -> int | np.ndarray:
        """Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. Equals
        cumulative(epoch + 1) - cumulative(epoch) exactly.
        """
    def emitted_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t))."""
    def cumulative(self, epochs: int | ArrayLike) -> int | np.ndarray:
        """Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an int64
        array. Raises OverflowError when an endless sum leaves int64.
        """
    def emitted_in_range(self, begin: int, end: int) -> int:
        """What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of epochs;
        epoch_at() turns seconds into epochs).
        """
    @property
    def total(self) -> Optional[int]:
        """The limit of cumulative (base units), or None for an endless schedule"""
    @property
    def params(self) -> dict[str, Any]:
        ...

class LinearSchedule:
    """`total` released evenly over `epochs` epochs: cumulative(n) = floor(total * min(n, N) / N), so each epoch gets
    floor(total / N) or one unit more.
    """
    def __init__(self, total: int, epochs: int, epoch_length: int) -> None:
        """total: base units; epoch_length: seconds. Raises ConfigError for total < 0, epochs < 1 or
        epoch_length <= 0.
        """
    @property
    def name(self) -> str:
        """the schedule's name in scenarios"""
    @property
    def epoch_length(self) -> int:
        """seconds"""
    def epoch_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array."""
    def emitted_in_epoch(self, epoch: int | ArrayLike) -> int | np.ndarray:
        """Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. Equals
        cumulative(epoch + 1) - cumulative(epoch) exactly.
        """
    def emitted_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t))."""
    def cumulative(self, epochs: int | ArrayLike) -> int | np.ndarray:
        """Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an int64
        array. Raises OverflowError when an endless sum leaves int64.
        """
    def emitted_in_range(self, begin: int, end: int) -> int:
        """What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of epochs;
        epoch_at() turns seconds into epochs).
        """
    @property
    def total(self) -> Optional[int]:
        """The limit of cumulative (base units), or None for an endless schedule"""
    @property
    def params(self) -> dict[str, Any]:
        ...

class HalvingSchedule:
    """Bitcoin's subsidy (bitcoin/bitcoin validation.cpp GetBlockSubsidy): initial_reward >> (epoch //
    halving_interval) base units per epoch, 0 from the 64th halving on. With 5e9 units, 210,000 blocks of 600 s the
    total is 2,099,999,997,690,000 (20,999,999.9769 BTC).
    """
    def __init__(self, initial_reward: int, halving_interval: int, epoch_length: int) -> None:
        """initial_reward: base units per epoch in era 0; halving_interval: epochs per era; epoch_length: seconds."""
    @property
    def name(self) -> str:
        """the schedule's name in scenarios"""
    @property
    def epoch_length(self) -> int:
        """seconds"""
    def epoch_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array."""
    def emitted_in_epoch(self, epoch: int | ArrayLike) -> int | np.ndarray:
        """Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. Equals
        cumulative(epoch + 1) - cumulative(epoch) exactly.
        """
    def emitted_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t))."""
    def cumulative(self, epochs: int | ArrayLike) -> int | np.ndarray:
        """Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an int64
        array. Raises OverflowError when an endless sum leaves int64.
        """
    def emitted_in_range(self, begin: int, end: int) -> int:
        """What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of epochs;
        epoch_at() turns seconds into epochs).
        """
    @property
    def total(self) -> Optional[int]:
        """The limit of cumulative (base units), or None for an endless schedule"""
    @staticmethod
    def halving_at_half_remaining(cap: int, initial_reward: int, epoch_length: int) -> HalvingSchedule:
        """Bittensor's rule (halve each time issuance reaches 50% of the remaining supply of `cap`): a halving schedule
        with halving_interval = cap / (2 * initial_reward). Raises ConfigError unless cap is a multiple of 2 *
        initial_reward.
        """
    @property
    def params(self) -> dict[str, Any]:
        ...

class ExponentialDecaySchedule:
    """cumulative(n) = floor(total * (1 - 2^(-n * epoch_length / half_life))), rounded down (Filecoin simple minting:
    330M FIL, 6-year half-life). Reproducible for the same libm (one exp2 call).
    """
    def __init__(self, total: int, half_life: int, epoch_length: int) -> None:
        """total: base units; half_life, epoch_length: seconds (half_life / epoch_length <= 2^40)."""
    @property
    def name(self) -> str:
        """the schedule's name in scenarios"""
    @property
    def epoch_length(self) -> int:
        """seconds"""
    def epoch_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array."""
    def emitted_in_epoch(self, epoch: int | ArrayLike) -> int | np.ndarray:
        """Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. Equals
        cumulative(epoch + 1) - cumulative(epoch) exactly.
        """
    def emitted_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t))."""
    def cumulative(self, epochs: int | ArrayLike) -> int | np.ndarray:
        """Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an int64
        array. Raises OverflowError when an endless sum leaves int64.
        """
    def emitted_in_range(self, begin: int, end: int) -> int:
        """What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of epochs;
        epoch_at() turns seconds into epochs).
        """
    @property
    def total(self) -> Optional[int]:
        """The limit of cumulative (base units), or None for an endless schedule"""
    @property
    def params(self) -> dict[str, Any]:
        ...

class GeometricSchedule:
    """Period k emits m_k, m_0 = first, m_k = floor(m_{k-1} * ratio_ppm / 1e6), for `periods` periods, capped at `cap`;
    each period spans epochs_per_period epochs, released linearly inside it (io.net: -1.02% a month, ratio 989,800,
    240 months, cap 300M IO, hourly epochs, 720 a month).
    """
    def __init__(
        self,
        first: int,
        ratio_ppm: int,
        periods: int,
        cap: int,
        epoch_length: int,
        epochs_per_period: int,
    ) -> None:
        """first, cap: base units; ratio_ppm in (0, 1e6]; periods 1..1e6; epoch_length: seconds."""
    @property
    def name(self) -> str:
        """the schedule's name in scenarios"""
    @property
    def epoch_length(self) -> int:
        """seconds"""
    def epoch_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The epoch containing time t (seconds since genesis; floor(t / epoch_length)); int or array."""
    def emitted_in_epoch(self, epoch: int | ArrayLike) -> int | np.ndarray:
        """Base units minted in one epoch (0 before epoch 0): an int, or an int64 array for an array of epochs. Equals
        cumulative(epoch + 1) - cumulative(epoch) exactly.
        """
    def emitted_at(self, t: int | ArrayLike) -> int | np.ndarray:
        """The emission of the epoch containing time t (seconds): emitted_in_epoch(epoch_at(t))."""
    def cumulative(self, epochs: int | ArrayLike) -> int | np.ndarray:
        """Exact sum of the first `epochs` epochs (base units; 0 for epochs <= 0), in closed form: an int, or an int64
        array. Raises OverflowError when an endless sum leaves int64.
        """
    def emitted_in_range(self, begin: int, end: int) -> int:
        """What epochs [begin, end) emit: cumulative(end) - cumulative(begin), 0 when end <= begin (a window of epochs;
        epoch_at() turns seconds into epochs).
        """
    @property
    def total(self) -> Optional[int]:
        """The limit of cumulative (base units), or None for an endless schedule"""
    def cumulative_periods(self, k: int) -> int:
        """Capped sum of the first k periods, C(k) (k clamped to [0, periods])."""
    def emitted_in_period(self, k: int) -> int:
        """Emission of period k after the cap, C(k + 1) - C(k)."""
    @property
    def params(self) -> dict[str, Any]:
        ...

def decayed_cumulative(total: int, half_lives: float) -> int:
    """floor(total * (1 - 2^(-half_lives))) in base units for a real number of half-lives >= 0 (Filecoin's baseline
    part); +inf gives total - 1.
    """

class FilecoinMinting:
    """Filecoin block-reward minting (filecoin-project/builtin-actors actors/reward): simple (time) plus baseline
    (effective network time from raw-byte power capped by the doubling baseline), rewards exact integer differences
    of cumulatives. Defaults are mainnet's.
    """
    def __init__(
        self,
        *,
        simple_total: int = 330000000000000,
        baseline_total: int = 770000000000000,
        epoch_length: int = 30,
        half_life: int = 189216000,
        baseline_doubling: int = 31536000,
        baseline_initial_bytes: float = 2.88888888e+18,
    ) -> None:
        """Totals in base units (330M and 770M FIL), times in seconds (30 s epochs, 6-year half-life, yearly doubling),
        b0 in bytes (2.88888888e18).
        """
    def reward_for_epoch(self, raw_byte_power: float) -> int:
        """Advances one epoch at this network raw-byte power (bytes; inf: always above the baseline); returns the
        reward minted in it (base units).
        """
    def reward_for_epochs(self, count: int, raw_byte_power: float) -> int:
        """Advances `count` epochs at a constant power in O(1); returns their reward."""
    @property
    def epoch(self) -> int:
        """epochs processed so far"""
    @property
    def capped_power_sum(self) -> float:
        """R_sum, byte-epochs"""
    @property
    def effective_network_time(self) -> float:
        """theta, epochs"""
    @property
    def minted(self) -> int:
        ...
    @property
    def simple_minted(self) -> int:
        ...
    @property
    def baseline_minted(self) -> int:
        ...
    def baseline_power(self, epoch: int) -> float:
        """b(epoch) in bytes"""
    def theta_for(self, capped_power_sum: float) -> float:
        """theta (epochs) for an R_sum"""
    def simple_cumulative(self, epochs: int) -> int:
        """M_S(t), base units"""
    def baseline_cumulative(self, theta_epochs: float) -> int:
        """M_B(theta), base units"""

class BurnAndMint:
    """Burn-and-mint net emissions per epoch: mint_for_epoch(scheduled, burned) = scheduled + re-mint. helium_hip20:
    re-mint = min(burned, cap); helium_smoothed (helium/docs PR #1968): target = floor(6 * target / 7) +
    floor(burned / 7), stored uncapped as helium-program-library does, re-mint = min(target, cap); render (RNP-001): no re-mint, burns are permanent.
    """
    def __init__(self, mode: str = 'helium_hip20', cap_per_epoch: int = 0, initial_target: int = 0) -> None:
        """cap_per_epoch, initial_target: base units (HIP-20: 1,643,835,616 a day in 6-decimal units)."""
    def mint_for_epoch(self, scheduled: int, burned: int) -> int:
        """Total minted in this epoch (base units): scheduled + re-mint."""
    @property
    def mode(self) -> str:
        ...
    @property
    def last_reminted(self) -> int:
        ...
    @property
    def target(self) -> int:
        ...
    @property
    def epochs(self) -> int:
        ...
    @property
    def total_scheduled(self) -> int:
        ...
    @property
    def total_reminted(self) -> int:
        ...
    @property
    def total_burned(self) -> int:
        ...
    @property
    def total_minted(self) -> int:
        ...
    @property
    def burned_not_reminted(self) -> int:
        ...


class RenderEmission:
    """Render's RNP-001 emission schedule: launch-year amounts, then each year the previous times damping_ppm / 1e6
    (0.945), rounded down, capped at `cap` (107,374,182 RENDER); linear inside a year; node operators' share floored.
    """

    name: str  # "render_rnp001"
    total: int

    def __init__(self, launch_years: Sequence[int], cap: int, *, damping_ppm: int = 945_000,
                 node_operator_share_ppm: int = 0, epoch_length: int = 7 * 86400,
                 year_length: int = 365 * 86400) -> None: ...
    def cumulative(self, epochs: int) -> int:
        """Emitted in the first `epochs` epochs (base units)."""
    def cumulative_at(self, t: int) -> int:
        """Emitted from genesis to time t (seconds)."""
    def emitted_in_epoch(self, epoch: int) -> int:
        """cumulative(epoch + 1) - cumulative(epoch)."""
    def emitted_in_year(self, k: int) -> int:
        """Year k's emission after the cap."""
    def node_operators_cumulative(self, epochs: int) -> int:
        """floor(cumulative(epochs) * node_operator_share_ppm / 1e6)."""
    def node_operators_in_epoch(self, epoch: int) -> int:
        """The node operators' part of one epoch."""
    def max_yearly_inflation_ppm(self, base: int) -> int:
        """The largest year's emission over the supply held before it, in ppm (RNP-001: at most 100,000)."""
