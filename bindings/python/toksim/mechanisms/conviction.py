"""Conviction voting: the 1Hive conviction formula, trigger threshold and a funding pool.

Sources: 1Hive/conviction-voting-cadcad (algorithm_overview.ipynb, models/v3/Deriving_Alpha.ipynb,
models/v3/model/parts/utils.py trigger_threshold) and 1Hive/conviction-voting-app contracts/ConvictionVoting.sol
(calculateConviction, calculateThreshold, stake / withdraw / execute); REFERENCES.md section 3.
conviction, threshold, alpha_from_half_life and half_life_from_alpha take floats or NumPy arrays (elementwise).
ConvictionPool is the contract's event-driven pool in int64 base units (double conviction, not Q128).
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.conviction

conviction = _core.conviction
threshold = _core.threshold
alpha_from_half_life = _core.alpha_from_half_life
half_life_from_alpha = _core.half_life_from_alpha
ConvictionPool = _core.ConvictionPool
ConvictionStatus = _core.ConvictionStatus
D = _core.D
ONE_HUNDRED_PERCENT = _core.ONE_HUNDRED_PERCENT
ABSTAIN_PROPOSAL = _core.ABSTAIN_PROPOSAL
MAX_STAKED_PROPOSALS = _core.MAX_STAKED_PROPOSALS

__all__ = [
    "conviction",
    "threshold",
    "alpha_from_half_life",
    "half_life_from_alpha",
    "ConvictionPool",
    "ConvictionStatus",
    "D",
    "ONE_HUNDRED_PERCENT",
    "ABSTAIN_PROPOSAL",
    "MAX_STAKED_PROPOSALS",
]
