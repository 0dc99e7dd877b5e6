"""Filecoin's block reward exactly as the chain computes it: Q.128 fixed point, attoFIL, bytes.

Source: filecoin-project/specs-actors (v8) actors/builtin/reward/reward_logic.go (computeReward,
computeBaselineSupply, ComputeRTheta, InitBaselinePower, BaselinePowerFromPrev, the constants), reward_state.go
(State and its per-epoch update) and actors/util/math/expneg.go (ExpNeg); builtin-actors' actors/reward is the same
arithmetic in Rust. Every row of the reference's golden files (TestExpFunction, TestSimpleReward,
TestBaselineReward) comes out exactly (tests/reference/specs-actors).

Every amount, power and Q.128 number is a Python int (uint256). RewardState replays the actor epoch by epoch;
the functions are the actor's pure arithmetic. For simulations at window scale in toksim's 6-decimal Tokens, see
toksim.mechanisms.issuance.FilecoinMinting (the continuous model of the same rule, about 1e-9 relative from this
one, any epoch length, O(1) blocks of epochs). docs/mechanisms.md lists the differences.

    from toksim.mechanisms import filecoin
    st = filecoin.RewardState(0)
    st.this_epoch_reward            # 36266264293777134739 attoFIL: epoch 0 at zero power
    st.advance(10 * 2**60)          # the next epoch at 10 EiB of raw-byte power
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.filecoin

PRECISION = _core.PRECISION
SIMPLE_TOTAL = _core.SIMPLE_TOTAL
BASELINE_TOTAL = _core.BASELINE_TOTAL
BASELINE_INITIAL_VALUE = _core.BASELINE_INITIAL_VALUE
Constants = _core.Constants
expneg = _core.expneg
baseline_power_from_prev = _core.baseline_power_from_prev
baseline_power_after = _core.baseline_power_after
init_baseline_power = _core.init_baseline_power
compute_r_theta = _core.compute_r_theta
compute_baseline_supply = _core.compute_baseline_supply
compute_reward = _core.compute_reward
RewardState = _core.RewardState

__all__ = [
    "PRECISION",
    "SIMPLE_TOTAL",
    "BASELINE_TOTAL",
    "BASELINE_INITIAL_VALUE",
    "Constants",
    "expneg",
    "baseline_power_from_prev",
    "baseline_power_after",
    "init_baseline_power",
    "compute_r_theta",
    "compute_baseline_supply",
    "compute_reward",
    "RewardState",
]
