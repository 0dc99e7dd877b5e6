"""Token vesting: OpenZeppelin VestingWallet / VestingWalletCliff, and toksim's allocation schedules.

Sources: OpenZeppelin/openzeppelin-contracts contracts/finance/VestingWallet.sol (_vestingSchedule, vestedAmount,
releasable) and VestingWalletCliff.sol (InvalidCliffDuration); REFERENCES.md section 5.

vested_amount(total_allocation, start, duration, timestamp, cliff=0) is vestedAmount in uint256 (amounts up to
2**256 - 1, times in seconds), raising OverflowError where the contract's checked multiplication panics;
vested_amount_int64 is the same C++ template on int64 base units. VestingSchedule (linear with a cliff, or equal
steps, after a TGE share) and VestingWallet (releasable / release) keep int64 token base units.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.vesting

vested_amount = _core.vested_amount
vested_amount_int64 = _core.vested_amount_int64
VestingSchedule = _core.VestingSchedule
VestingWallet = _core.VestingWallet

__all__ = [
    "vested_amount",
    "vested_amount_int64",
    "VestingSchedule",
    "VestingWallet",
]
