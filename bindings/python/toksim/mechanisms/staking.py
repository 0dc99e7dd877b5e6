"""Staking with exact rewards: a reward-per-share accumulator, an unbonding queue, slashing.

Sources: Synthetixio/synthetix contracts/StakingRewards.sol (rewardPerTokenStored, userRewardPerTokenPaid, 1e18)
and sushiswap/sushiswap contracts/MasterChef.sol (accSushiPerShare); slashing floors as Cosmos SDK x/staking.
Every token and reward unit is accounted for (int64 base units; see StakingPool.undistributed).
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.staking

StakingPool = _core.StakingPool
ACC_SCALE = _core.ACC_SCALE

__all__ = [
    "StakingPool",
    "ACC_SCALE",
]
