"""Type stubs of toksim.mechanisms.revenue_split.

The compiled toksim._core.mechanisms.revenue_split, re-exported by revenue_split.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


class RevenueSplit:
    """A split of any amount: named recipients get floor(A * share / 1e6), a class's members floor(C * w / W) of the
    class's floor(A * share / 1e6), and the sink the remainder, so the parts sum to A exactly (floors as
    OpenZeppelin PaymentSplitter).
    """
    def __init__(
        self,
        recipients: dict[str, int] | Sequence[tuple[str, int]],
        sink: str,
        classes: list[tuple[str, int, dict[str, int] | Sequence[tuple[str, int]]]] = [],
    ) -> None:
        """recipients: {id: share_ppm} or [(id, share_ppm)]; classes: [(id, share_ppm, {member: weight})]; sink: the id
        taking the remainder. Raises ConfigError unless the top-level shares sum to 1,000,000 ppm, for a negative
        weight, an empty id or a repeated recipient.
        """
    @property
    def ids(self) -> list[str]:
        """recipient ids in output order (the sink last unless named)"""
    @property
    def sink_index(self) -> int:
        ...
    def split(self, amount: int) -> dict[str, int]:
        """The parts of `amount` (base units of any asset): {id: part} in ids order."""
