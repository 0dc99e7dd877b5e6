"""Off-chain vote counting: the Snapshot voting types, per-identity quadratic voting, an exact tally.

Source: snapshot-labs/snapshot.js src/voting/{singleChoice,approval,weighted,quadratic,rankedChoice}.ts
(getScores, getScoresTotal); REFERENCES.md section 2. Choices are 0-based. Ballots are given column-wise:
balances (a float array, one per ballot) and choices / approvals / a 2-D weights or rankings array. Floats as
Snapshot's JavaScript, in its operation order (snapshot.js's own tests replay bit for bit); invalid ballots are dropped
as snapshot.js's getValidVotes() does (listed in result.dropped), or raise ConfigError with strict=True.
token_weighted_tally (GovernorCountingSimple's support codes) is exact int64.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.voting

single_choice = _core.single_choice
approval = _core.approval
weighted = _core.weighted
quadratic = _core.quadratic
ranked_choice = _core.ranked_choice
quadratic_voting_per_identity = _core.quadratic_voting_per_identity
token_weighted_tally = _core.token_weighted_tally
VoteResult = _core.VoteResult
RankedChoiceResult = _core.RankedChoiceResult

__all__ = [
    "single_choice",
    "approval",
    "weighted",
    "quadratic",
    "ranked_choice",
    "quadratic_voting_per_identity",
    "token_weighted_tally",
    "VoteResult",
    "RankedChoiceResult",
]
