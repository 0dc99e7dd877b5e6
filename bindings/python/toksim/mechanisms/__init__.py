"""toksim's mechanism modules, callable on their own: exact on-chain formulas and small replayable objects.

One module per area, each re-exporting the compiled `toksim._core.mechanisms.<area>`:

    amm                Uniswap V2 getAmountOut / getAmountIn / quote (uint256) and a constant-product pool
    eip1559            EIP-1559 next base fee (uint256) and fee split
    vesting            OpenZeppelin VestingWallet / VestingWalletCliff vestedAmount (uint256), schedules, wallets
    issuance           fixed, linear, halving, exponential-decay and geometric schedules; Filecoin; burn-and-mint
    filecoin           Filecoin's reward actor in Q.128 fixed point, exact to the attoFIL (specs-actors)
    staking            reward-per-share staking pool (Synthetix StakingRewards, MasterChef)
    revenue_split      ppm revenue splits (OpenZeppelin PaymentSplitter floors)
    governor           OpenZeppelin Governor 5.x and ERC20Votes checkpoints; the quorum fraction (uint256)
    voting             Snapshot single-choice, approval, weighted, quadratic, ranked-choice; QV; exact tallies
    quadratic_funding  standard QF with a matching cap, pairwise-bounded QF (Gitcoin), Passport weights
    conviction         1Hive conviction voting: conviction, threshold, half-life, the funding pool
    inequality         the Gini coefficient

    from toksim.mechanisms.amm import get_amount_out
    import toksim.mechanisms.governor as gov

Integers: functions named after a Solidity original that uses uint256 (amm.get_amount_out, get_amount_in, quote;
eip1559.next_base_fee; vesting.vested_amount; governor.quorum) accept Python ints up to 2**256 - 1, compute
exactly, and raise OverflowError where the contract reverts on overflow (and for arguments outside uint256). The
stateful objects keep toksim's int64 base units (OverflowError outside int64). A revert or a bad argument raises
toksim.ConfigError (a ValueError) whose message starts with the contract's reason or custom error name.
"""
from . import (  # noqa: F401  (the areas, importable as attributes)
    amm,
    conviction,
    eip1559,
    filecoin,
    governor,
    inequality,
    issuance,
    quadratic_funding,
    revenue_split,
    staking,
    vesting,
    voting,
)

__all__ = [
    "amm",
    "conviction",
    "eip1559",
    "filecoin",
    "governor",
    "inequality",
    "issuance",
    "quadratic_funding",
    "revenue_split",
    "staking",
    "vesting",
    "voting",
]
