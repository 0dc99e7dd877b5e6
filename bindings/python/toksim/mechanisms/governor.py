"""On-chain governance: OpenZeppelin Governor 5.x over ERC20Votes checkpoints, replayable in Python.

Sources: OpenZeppelin/openzeppelin-contracts 5.x contracts/governance (Governor.sol, GovernorSettings,
GovernorVotesQuorumFraction, GovernorCountingSimple, GovernorCountingFractional, GovernorSuperQuorum,
GovernorPreventLateQuorum, GovernorTimelockControl, GovernorTimelockCompound) and contracts/governance/utils/
Votes.sol, contracts/utils/structs/Checkpoints.sol; REFERENCES.md section 1.

    votes = Votes.genesis([40, 30, 20, 20, 10, 0], t0=0)
    gov = Governor(votes, voting_delay=10, voting_period=100, quorum_numerator=10)
    pid = gov.propose(0, "budget", now=1000)
    gov.cast_vote(pid, 1, Support.For, now=1011)
    gov.state(pid, 1111)   # ProposalState.Succeeded

Votes and Governor keep int64 base units and seconds; a revert raises ConfigError starting with OZ's custom error
name. quorum(total_supply, numerator, denominator) is the quorum fraction's Math.mulDiv in uint256.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.governor

Governor = _core.Governor
Votes = _core.Votes
ProposalState = _core.ProposalState
Support = _core.Support
quorum = _core.quorum

__all__ = [
    "Governor",
    "Votes",
    "ProposalState",
    "Support",
    "quorum",
]
