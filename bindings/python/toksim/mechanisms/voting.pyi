"""Type stubs of toksim.mechanisms.voting.

The compiled toksim._core.mechanisms.voting, re-exported by voting.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def single_choice(num_choices: int, balances: ArrayLike, choices: ArrayLike, *, strict: bool = False) -> VoteResult:
    """Snapshot single-choice ('basic'): score_c = sum of the balances of the valid ballots choosing c. balances:
    voting power per ballot (floats); choices: one 0-based choice per ballot; one outside [0, num_choices) makes the
    ballot invalid.

    Invalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in
    result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance
    always raises ConfigError.
    """

def approval(num_choices: int, balances: ArrayLike, approved: list[list[int]], *, strict: bool = False) -> VoteResult:
    """Snapshot approval: score_c = sum of the balances of the valid ballots approving c (totals may exceed the voting
    power). approved: per ballot, a list of 0-based choices (may be empty); an index outside [0, num_choices) or a
    repeat makes the ballot invalid.

    Invalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in
    result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance
    always raises ConfigError.
    """

def weighted(num_choices: int, balances: ArrayLike, weights: ArrayLike, *, strict: bool = False) -> VoteResult:
    """Snapshot weighted: each valid balance split by its ballot's weights, power_ic = (w_ic / W_i * 100) / 100 * b_i,
    then rescaled to the valid voting power, in Snapshot's operation order. weights: a 2-D array, or a list of rows,
    one row per ballot; a row is valid with num_choices finite weights >= 0, one of them > 0.

    Invalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in
    result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance
    always raises ConfigError.
    """

def quadratic(num_choices: int, balances: ArrayLike, weights: ArrayLike, *, strict: bool = False) -> VoteResult:
    """Snapshot quadratic: Q_c = (sum_i sqrt(w_ic / W_i * b_i))^2 over the valid ballots, score_c = V * (Q_c / sum_k
    Q_k) with V the valid voting power. weights as in weighted().

    Invalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in
    result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance
    always raises ConfigError.
    """

def ranked_choice(num_choices: int, balances: ArrayLike, rankings: ArrayLike, *, strict: bool = False) -> RankedChoiceResult:
    """Snapshot ranked-choice (instant runoff, snapshot.js irv()) over the valid ballots: rounds tally each ballot's
    first remaining preference; stop when the leader has > half the valid total or fewer than 3 candidates remain;
    else drop the lowest (ties: the lowest index). rankings: a 2-D int array or a list of rows, most preferred first;
    a row is valid when it is a permutation of 0..num_choices-1 (Snapshot requires full rankings).

    Invalid ballots are dropped as snapshot.js does (they count in scores_total only; their indices are in
    result.dropped); strict=True raises ConfigError for the first one instead. A negative or non-finite balance
    always raises ConfigError.
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
        """every ballot's balance, valid or not (getScoresTotal)"""
    @property
    def dropped(self) -> list[int]:
        """indices of the invalid ballots left out of the scores (empty when strict)"""
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
    @property
    def dropped(self) -> list[int]:
        """indices of the invalid ballots"""
