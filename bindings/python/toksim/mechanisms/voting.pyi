"""Type stubs of toksim.mechanisms.voting.

The compiled toksim._core.mechanisms.voting, re-exported by voting.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def single_choice(num_choices: int, balances: ArrayLike, choices: ArrayLike) -> VoteResult:
    """Snapshot single-choice ('basic'): score_c = sum of the balances of the ballots choosing c. balances: voting
    power per ballot (floats); choices: one 0-based choice per ballot. Raises ConfigError for a choice >=
    num_choices or a negative or non-finite balance.
    """

def approval(num_choices: int, balances: ArrayLike, approved: list[list[int]]) -> VoteResult:
    """Snapshot approval: score_c = sum of the balances of the ballots approving c (totals may exceed the voting
    power). approved: per ballot, a list of distinct 0-based choices (may be empty).
    """

def weighted(num_choices: int, balances: ArrayLike, weights: ArrayLike) -> VoteResult:
    """Snapshot weighted: each balance split by its ballot's weights, power_ic = b_i * w_ic / sum_k w_ik, then rescaled
    to the total voting power. weights: a 2-D array, one row of num_choices weights >= 0 per ballot.
    """

def quadratic(num_choices: int, balances: ArrayLike, weights: ArrayLike) -> VoteResult:
    """Snapshot quadratic: Q_c = (sum_i sqrt(b_i * w_ic / sum_k w_ik))^2, score_c = Q_c / sum_k Q_k * sum_i b_i.
    weights as in weighted().
    """

def ranked_choice(num_choices: int, balances: ArrayLike, rankings: ArrayLike) -> RankedChoiceResult:
    """Snapshot ranked-choice (instant runoff, snapshot.js irv()): rounds tally each ballot's first remaining
    preference; stop when the leader has > half the total or fewer than 3 candidates remain; else drop the lowest
    (ties: the lowest index). rankings: a 2-D int array, each row a permutation of 0..num_choices-1, most preferred
    first.
    """

def quadratic_voting_per_identity(num_choices: int, credits: ArrayLike) -> VoteResult:
    """Classic quadratic voting per identity: score_c = sum_i sqrt(credits_ic); scores_total = credits spent. credits:
    a 2-D array, one row per identity. A Sybil splitting k credits over n identities gains sqrt(n).
    """

def token_weighted_tally(support: ArrayLike, weight: ArrayLike) -> tuple[int, int, int]:
    """Exact token-weighted tally: voter v adds weight[v] (int64 base units) to the total of support[v] (0 Against, 1
    For, 2 Abstain); returns (against, for, abstain). Parallel with 128-bit partial sums: the same for any thread
    count; the GIL is released. Raises ConfigError for a support outside 0..2, a negative weight or different
    lengths; OverflowError when a total exceeds int64.
    """

class VoteResult:
    """Per-choice scores and the total voting power of the ballots (Snapshot getScores / getScoresTotal), 0-based
    choices
    """
    @property
    def scores(self) -> ArrayLike:
        """float64 array, one per choice"""
    @property
    def scores_total(self) -> float:
        ...
    def __repr__(self) -> str:
        ...

class RankedChoiceResult:
    """Instant-runoff result: the final round's tallies as scores, and every round (tallies, remaining candidates, the
    one eliminated or None)
    """
    @property
    def scores(self) -> ArrayLike:
        ...
    @property
    def scores_total(self) -> float:
        ...
    @property
    def rounds(self) -> list[dict[str, Any]]:
        ...
