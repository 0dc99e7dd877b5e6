"""Revenue splits: ppm shares to recipients and weighted classes, remainders to a sink.

Source: floors as OpenZeppelin/openzeppelin-contracts v4.x contracts/finance/PaymentSplitter.sol; the parts of
any amount sum to it exactly (int64 base units).
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.revenue_split

RevenueSplit = _core.RevenueSplit

__all__ = [
    "RevenueSplit",
]
