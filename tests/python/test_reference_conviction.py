"""Replays 1Hive conviction-voting-app's own test cases (test/conviction-voting.js) through toksim.mechanisms.conviction.

Pins (tests/reference/conviction-voting-app/conviction_voting.json, 15 cases): the "Pure functions" cases
(calculateConviction and calculateThreshold against the test's float formulas, Math.round or toPrecision(10) as the
test compares), the threshold a proposal gets (Math.round / Math.floor of the formula), the literal convictions
the staking and transfer tests assert (1000, 6862, 57000, 74470) with stakes, block_last, voter stakes and lists and
total staked, execution paying out of the fund, and the CV_INSUFFICIENT_CONVICION reverts. The expected values
are the literals of the upstream file, or its calculateConviction / calculateThreshold evaluated here in floats
as the JavaScript does. Each step's block number follows the upstream harness (one block per transaction;
mockAdvanceBlocks(n) sets the block to the current block + n and freezes it); PROVENANCE.md derives them. Leaves
out what toksim's pool does not model: agreements, challenges and disputes, pausing, permissions and ACL oracles,
EVM scripts, stable-token conversion (replayed with the converted amount), signalling proposals' metadata.
"""
import json
import math
import pathlib

import pytest

import toksim
from toksim.mechanisms import conviction as cv

DATA = json.loads((pathlib.Path(__file__).resolve().parents[1] / "reference" / "conviction-voting-app" /
                   "conviction_voting.json").read_text())
FX = DATA["fixture"]
VOTERS = {"appManager": 0, "user": 1}
ERRORS = {"CV_INSUFFICIENT_CONVICION": "expected conviction above the threshold"}


def js_round(x):
    """JavaScript Math.round: floor(x + 0.5)."""
    return math.floor(x + 0.5)


def calculate_conviction(t, y0, x, a):
    """The test file's calculateConviction."""
    return y0 * a ** t + (x * (1 - a ** t)) / (1 - a)


def calculate_threshold(requested, funds, supply, active, alpha, beta, rho):
    """The test file's calculateThreshold (MIN_THRESHOLD_STAKE_PERCENTAGE = 0.2)."""
    min_stake = supply * DATA["min_threshold_stake_percentage_js"]
    if active < min_stake:
        active = min_stake
    share = requested / funds
    if share < beta:
        return (active * rho) / (1 - alpha) / (beta - share) ** 2
    return math.inf


ROUND = {"Math.round": js_round, "Math.floor": math.floor}


def to_precision10(x):
    return f"{x:.9e}"


def pool():
    p = cv.ConvictionPool(FX["funds"], FX["supply"], 1, decay=FX["decay"], max_ratio=FX["max_ratio"],
                          weight=FX["weight"], min_threshold_stake_percentage=int(FX["min_threshold_stake_percentage"]))
    for name, balance in FX["balances"].items():
        p.set_balance(VOTERS[name], balance, FX["set_balances_at"])
    return p


def replay(steps):
    p = pool()
    ids = {}
    for step in steps:
        op = step["op"]
        if op == "add_proposal":
            ids[step["name"]] = p.add_proposal(step["requested"])
        elif op == "stake":
            p.stake(VOTERS[step["voter"]], ids[step["proposal"]], step["amount"], step["block"])
        elif op == "set_balance":
            p.set_balance(VOTERS[step["voter"]], step["balance"], step["block"])
        elif op == "cancel":
            p.cancel(ids[step["proposal"]])
        elif op == "execute":
            if "error" in step:
                with pytest.raises(toksim.ConfigError, match=ERRORS[step["error"]]):
                    p.execute(ids[step["proposal"]], step["block"])
            else:
                assert p.execute(ids[step["proposal"]], step["block"]) == step["expect"]
        elif op == "threshold":
            want = ROUND[step["rounding"]](calculate_threshold(*step["formula_args"]))
            assert ROUND[step["rounding"]](p.threshold_of(ids[step["proposal"]])) == want
        elif op == "proposal":
            pid = ids[step["proposal"]]
            if "conviction_last" in step:
                assert js_round(p.conviction_last(pid)) == step["conviction_last"]
            if "staked" in step:
                assert p.staked_on(pid) == step["staked"]
            if "block_last" in step:
                assert p.block_last(pid) == step["block_last"]
            if "status" in step:
                assert p.status(pid) == getattr(cv.ConvictionStatus, step["status"])
        elif op == "voter":
            v = VOTERS[step["voter"]]
            name, amount = step["stake_on"]
            assert p.voter_stake(v, ids[name]) == amount
            if "total" in step:
                assert p.voter_total_stake(v) == step["total"]
            if "proposals" in step:
                assert sorted(p.voter_proposals(v)) == sorted(ids[n] for n in step["proposals"])
        elif op == "total_staked":
            assert p.total_staked == step["expect"]
        elif op == "funds":
            assert p.funds == step["expect"]
        else:
            raise AssertionError(f"unknown op {op}")


CASES = DATA["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["test"] for c in CASES])
def test_replay(case):
    if case["kind"] == "conviction":
        a = case["args"]
        want = js_round(calculate_conviction(a["t"], a["y0"], a["x"], a["a"]))
        assert js_round(cv.conviction(a["y0"], a["x"], a["a"], a["t"])) == want
    elif case["kind"] == "threshold":
        c = case["contract"]
        D = DATA["D"]
        got = cv.threshold(c["weight"] / D, c["max_ratio"] / D, c["staked"], c["funds"], c["requested"], c["decay"] / D)
        assert to_precision10(got) == to_precision10(calculate_threshold(*case["formula_args"]))
    else:
        replay(case["steps"])


def test_case_count():
    assert len(CASES) == 15
