"""Type stubs of toksim.mechanisms.governor.

The compiled toksim._core.mechanisms.governor, re-exported by governor.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


class Governor:
    """OpenZeppelin Governor 5.x as one configurable contract: voting delay and period, proposal threshold,
    checkpointed quorum fraction, simple or fractional counting, super quorum, late-quorum extension, timelock
    (TimelockControl) with optional grace expiry (TimelockCompound), and a record of every state change at its exact
    time. Replay it with propose / cast_vote / queue / execute and read state(id, t). Weights come from `votes`
    (kept alive by the governor), read at each proposal's snapshot. Clock: seconds, non-decreasing across recording
    calls. Proposal ids are 1, 2, 3... A revert raises ConfigError naming OZ's custom error.
    """
    def __init__(
        self,
        votes: Votes,
        *,
        voting_delay: int = 0,
        voting_period: int,
        proposal_threshold: int = 0,
        quorum_numerator: int = 0,
        quorum_denominator: int = 100,
        timelock_delay: int = 0,
        grace_period: Optional[int] = None,
        late_quorum_extension: Optional[int] = None,
        super_quorum_numerator: Optional[int] = None,
        counting: str = 'simple',
    ) -> None:
        """Seconds for every delay and period; proposal_threshold in base units (votes at now - 1); quorum =
        floor(supply(snapshot) * quorum_numerator / quorum_denominator); timelock_delay 0: no timelock; counting
        "simple" (GovernorCountingSimple) or "fractional" (GovernorCountingFractional). Raises ConfigError for
        settings out of range (GovernorInvalidVotingPeriod, GovernorInvalidQuorumFraction, ...).
        """
    def propose(self, proposer: int, description: str, now: int) -> int:
        """Returns the new proposal's id; snapshot = now + voting_delay, deadline = snapshot + voting_period. Raises
        ConfigError GovernorInsufficientProposerVotes.
        """
    def cast_vote(self, proposal_id: int, voter: int, support: int, now: int) -> int:
        """Counts the voter's weight at the snapshot for support 0 Against, 1 For, 2 Abstain (or Support.*); returns
        the weight. Raises ConfigError GovernorUnexpectedProposalState (not Active), GovernorAlreadyCastVote,
        GovernorInvalidVoteType.
        """
    def cast_vote_fractional(
        self,
        proposal_id: int,
        voter: int,
        against: int,
        for_votes: int,
        abstain: int,
        now: int,
    ) -> int:
        """GovernorCountingFractional: spends part of the weight; returns against + for_votes + abstain. Raises
        ConfigError GovernorExceedRemainingWeight, GovernorInvalidVoteType (simple counting).
        """
    def queue(self, proposal_id: int, now: int) -> int:
        """Requires Succeeded; returns eta = now + timelock_delay. Raises ConfigError GovernorProposalQueueingNotRequired
        without a timelock.
        """
    def execute(self, proposal_id: int, now: int) -> None:
        """Marks the proposal Executed (Succeeded without timelock; Queued and eta <= now with one)."""
    def cancel(self, proposal_id: int, caller: int, now: int) -> None:
        """Only the proposer, only while Pending (GovernorUnableToCancel)."""
    def observe(self, now: int) -> None:
        """Records the time-driven state changes due by now"""
    @property
    def history(self) -> list[tuple[int, Optional[ProposalState], ProposalState, int]]:
        """Every state change as (proposal_id, from (None at creation), to, time), in time order"""
    def state(self, proposal_id: int, now: int) -> ProposalState:
        """IGovernor.state at time now (a ProposalState)"""
    def proposal_snapshot(self, proposal_id: int) -> int:
        ...
    def proposal_deadline(self, proposal_id: int) -> int:
        """with the late-quorum extension, if any"""
    def proposal_proposer(self, proposal_id: int) -> int:
        ...
    def proposal_eta(self, proposal_id: int) -> Optional[int]:
        """the eta set by queue(), or None"""
    def proposal_description(self, proposal_id: int) -> str:
        ...
    def tallies(self, proposal_id: int) -> tuple[int, int, int]:
        """proposalVotes(id): (against, for, abstain)"""
    def has_voted(self, proposal_id: int, voter: int) -> bool:
        ...
    def used_votes(self, proposal_id: int, voter: int) -> int:
        ...
    def voter_count(self, proposal_id: int) -> int:
        ...
    @property
    def proposal_count(self) -> int:
        ...
    def quorum(self, t: int) -> int:
        """floor(total_supply_at(t) * quorum_numerator(t) / denominator), base units"""
    def quorum_numerator(self, t: int) -> int:
        ...
    def super_quorum(self, t: int) -> int:
        """0 without a super quorum"""
    def super_quorum_numerator(self, t: int) -> int:
        ...
    @property
    def settings(self) -> dict[str, Any]:
        """the settings now in force"""
    def set_voting_delay(self, delay: int) -> None:
        ...
    def set_voting_period(self, period: int) -> None:
        ...
    def set_proposal_threshold(self, threshold: int) -> None:
        ...
    def set_late_quorum_extension(self, extension: Optional[int]) -> None:
        ...
    def set_quorum_numerator(self, numerator: int, now: int) -> None:
        """Checkpointed at now: affects snapshots >= now"""
    def set_super_quorum_numerator(self, numerator: int, now: int) -> None:
        ...
    @property
    def clock(self) -> int:
        """the latest now given to a recording call"""

class Votes:
    """Checkpointed voting power of a token, as OpenZeppelin ERC20Votes / Votes / Checkpoints 5.x: balances, delegation
    (nobody until delegate(); self-delegation is explicit) and the history of every delegate's votes and of the
    total supply. Accounts are ids 0..accounts-1, amounts int64 base units, times seconds that never go backwards
    (ModelError CheckpointUnorderedInsertion). A revert raises ConfigError with OZ's error name
    (ERC20InsufficientBalance, ERC5805FutureLookup, ...) and changes nothing.
    """
    def __init__(self, accounts: int = 0) -> None:
        """`accounts` accounts with balance 0 and no delegate"""
    @staticmethod
    def genesis(balances: ArrayLike, t0: int, self_delegate: bool = True) -> Votes:
        """The state after minting balances[i] to account i (and, if self_delegate, each delegating to itself) at time
        t0, without a checkpoint per holder (millions of holders are cheap). balances: int64 array-like.
        """
    def add_accounts(self, count: int) -> int:
        """Adds accounts; returns the first id"""
    @property
    def accounts(self) -> int:
        ...
    @property
    def clock(self) -> int:
        """the time of the latest operation (seconds)"""
    def balance(self, account: int) -> int:
        ...
    def delegates(self, account: int) -> Optional[int]:
        """The account's delegate, or None"""
    @property
    def total_supply(self) -> int:
        ...
    def delegate(self, account: int, to: Optional[int], t: int) -> None:
        """Votes._delegate: moves the account's whole balance from its old delegate to `to` (None: nobody)."""
    def transfer(self, sender: int, to: int, amount: int, t: int) -> None:
        """ERC20 transfer: moves votes from delegates(sender) to delegates(to). Raises ConfigError
        ERC20InsufficientBalance.
        """
    def mint(self, to: int, amount: int, t: int) -> None:
        ...
    def burn(self, account: int, amount: int, t: int) -> None:
        ...
    def get_votes(self, account: int) -> int:
        """Votes.getVotes: the current votes"""
    def get_past_votes(self, account: int, t: int, now: int) -> int:
        """Votes.getPastVotes(account, t) at time now: the votes after every operation at t. Raises ConfigError
        ERC5805FutureLookup unless t < now.
        """
    def get_past_total_supply(self, t: int, now: int) -> int:
        """Votes.getPastTotalSupply(t) at time now (t < now)."""
    def votes_at(self, account: int, t: int) -> int:
        """The votes at the end of second t as recorded so far (no future check)"""
    def total_supply_at(self, t: int) -> int:
        ...
    def num_checkpoints(self, account: int) -> int:
        ...
    def checkpoint(self, account: int, pos: int) -> tuple[int, int]:
        """Votes.checkpoints(account, pos): (time, votes)"""
    @property
    def checkpointed_accounts(self) -> int:
        ...
    @property
    def supply_checkpoints(self) -> int:
        ...

class ProposalState:
    """IGovernor.ProposalState, same order

    Members:

      Pending

      Active

      Canceled

      Defeated

      Succeeded

      Queued

      Expired

      Executed
    """
    def __init__(self, value: int) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
    Pending: ProposalState
    Active: ProposalState
    Canceled: ProposalState
    Defeated: ProposalState
    Succeeded: ProposalState
    Queued: ProposalState
    Expired: ProposalState
    Executed: ProposalState

class Support:
    """GovernorCountingSimple.VoteType: 0 Against, 1 For, 2 Abstain

    Members:

      Against

      For

      Abstain
    """
    def __init__(self, value: int) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
    Against: Support
    For: Support
    Abstain: Support

def quorum(total_supply: int, numerator: int, denominator: int = 100) -> int:
    """GovernorVotesQuorumFraction.quorum's arithmetic: Math.mulDiv(total_supply, numerator, denominator), rounded
    down, with an exact 512-bit product (the same template Governor.quorum runs on int64).

    total_supply: base units (wei), numerator / denominator: the quorum fraction (OZ's default denominator is 100);
    Python ints in [0, 2**256 - 1].
    Raises ConfigError for a zero denominator; OverflowError 'MathOverflowedMulDiv' when the result exceeds 2**256 -
    1 (only if numerator > denominator), and for an argument outside uint256.
    """
