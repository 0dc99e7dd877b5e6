"""Replays OpenZeppelin's own Governor test cases through toksim.mechanisms.governor.

Pins (tests/reference/openzeppelin-contracts/governor.json, 50 cases from Governor.test.js and the extensions'
GovernorVotesQuorumFraction, GovernorCountingFractional, GovernorTimelockControl, GovernorTimelockCompound,
GovernorPreventLateQuorum and GovernorSuperQuorum tests): the states reached at each clock the upstream test reads
them (Pending at the snapshot, Active from snapshot + 1, Defeated / Succeeded from deadline + 1, Queued, Expired,
Executed, Canceled), the vote weights and tallies, fractional votes and used votes, quorum at a timepoint and after
a numerator change, snapshot / deadline / eta and the late-quorum extension, and every revert (by OZ's custom error
name). Each upstream transaction is one block (the ERC20Votes blockNumber mode; for the timelock fixtures one
second per block); a step at ["snapshot", k] is the upstream's k-th transaction after waitForSnapshot(). Amounts
are the upstream wei divided by the fixture's scale (exact). Leaves out what toksim's Governor does not model
(see PROVENANCE.md): signatures, calldata and receivers, proposal-id hashing, onlyGovernance, internal cancel,
params encoding, ERC-165 and ERC-6372 metadata.
"""
import json
import pathlib

import pytest

import toksim
from toksim.mechanisms import governor as gov

DATA = json.loads((pathlib.Path(__file__).resolve().parents[1] / "reference" / "openzeppelin-contracts" /
                   "governor.json").read_text())
ACCOUNTS = {name: i for i, name in enumerate(DATA["accounts"])}
P = DATA["propose_at"]


class Replay:
    def __init__(self, fixture):
        fx = DATA["fixtures"][fixture]
        self.scale = int(fx["scale"])
        self.votes = gov.Votes(len(ACCOUNTS))
        t = fx["mint_at"]
        minter, supply = fx["mint"]
        self.votes.mint(ACCOUNTS[minter], self.amount(supply), t)
        for voter, value in fx["delegations"]:  # GovernorHelper.delegate: self-delegate, then the transfer
            t += 1
            self.votes.delegate(ACCOUNTS[voter], ACCOUNTS[voter], t)
            self.votes.transfer(ACCOUNTS[minter], ACCOUNTS[voter], self.amount(value), t)
        assert t < P
        s = dict(fx["settings"])
        s["proposal_threshold"] = self.amount(s["proposal_threshold"])
        self.gov = gov.Governor(self.votes, **s)
        self.pid = 1  # ids are sequential; the upstream test's one proposal is the first

    def amount(self, wei):
        q, r = divmod(int(wei), self.scale)
        assert r == 0, f"{wei} wei is not a multiple of the scale {self.scale}"
        return q

    def time(self, at):
        anchor, offset = at
        base = {"P": lambda: P, "snapshot": lambda: self.gov.proposal_snapshot(self.pid),
                "deadline": lambda: self.gov.proposal_deadline(self.pid),
                "eta": lambda: self.gov.proposal_eta(self.pid)}[anchor]()
        return base + offset

    def run(self, step):
        op = step["op"]
        g = self.gov
        if op == "propose":
            return g.propose(ACCOUNTS[step["proposer"]], "<proposal description>", self.time(step["at"]))
        if op == "vote":
            return g.cast_vote(self.pid, ACCOUNTS[step["voter"]], step["support"], self.time(step["at"]))
        if op == "vote_fractional":
            a, f, ab = (self.amount(x) for x in step["parts"])
            return g.cast_vote_fractional(self.pid, ACCOUNTS[step["voter"]], a, f, ab, self.time(step["at"]))
        if op == "queue":
            return g.queue(self.pid, self.time(step["at"]))
        if op == "execute":
            return g.execute(self.pid, self.time(step["at"]))
        if op == "cancel":
            return g.cancel(self.pid, ACCOUNTS[step["caller"]], self.time(step["at"]))
        if op == "set_proposal_threshold":
            return g.set_proposal_threshold(self.amount(step["value"]))
        if op == "set_quorum_numerator":
            return g.set_quorum_numerator(step["value"], self.time(step["at"]))
        if op == "set_late_quorum_extension":
            return g.set_late_quorum_extension(step["value"])
        raise AssertionError(f"unknown op {op}")

    def check(self, step):
        op, want = step["op"], step.get("expect")
        g = self.gov
        if op == "state":
            assert g.state(self.pid, self.time(step["at"])) == getattr(gov.ProposalState, want)
        elif op == "snapshot":
            assert g.proposal_snapshot(self.pid) == self.time(want)
        elif op == "deadline":
            assert g.proposal_deadline(self.pid) == self.time(want)
        elif op == "eta":
            eta = g.proposal_eta(self.pid)
            if want is None:
                assert eta is None  # proposalEta == 0
            elif want == "nonzero":
                assert eta is not None and eta != 0
            else:
                assert eta == self.time(want)
        elif op == "tallies":
            assert g.tallies(self.pid) == tuple(self.amount(x) for x in want)
        elif op == "has_voted":
            assert g.has_voted(self.pid, ACCOUNTS[step["voter"]]) is want
        elif op == "used_votes":
            assert g.used_votes(self.pid, ACCOUNTS[step["voter"]]) == self.amount(want)
        elif op == "quorum":
            t = step["t"] if isinstance(step["t"], int) else self.time(step["t"])
            assert t < self.time(step["at"])  # OZ reads quorum at a past timepoint only
            assert g.quorum(t) == self.amount(want)
        elif op == "super_quorum":
            assert g.super_quorum(step["t"]) == self.amount(want)
        elif op == "quorum_numerator":
            assert g.quorum_numerator(2**62) == want
        else:
            return False
        return True


CASES = DATA["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["fixture"] + ": " + c["test"].split(" > ", 1)[1] for c in CASES])
def test_replay(case):
    r = Replay(case["fixture"])
    for i, step in enumerate(case["steps"]):
        where = f"step {i}: {step}"
        if r.check(step):
            continue
        if "error" in step:
            name = DATA["error_aliases"].get(step["error"], step["error"])
            with pytest.raises(toksim.ConfigError, match=r"^" + name):
                r.run(step)
            continue
        got = r.run(step)
        if step["op"] in ("vote", "vote_fractional") and "expect" in step:
            assert got == r.amount(step["expect"]), where


def test_case_count():
    assert len(CASES) == 50
