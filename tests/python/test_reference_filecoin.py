"""Filecoin's reward actor through toksim.mechanisms.filecoin, replayed against the reference's own tests.

Pins, from tests/reference/specs-actors (repository, path and commit in PROVENANCE.md there): every row of
TestExpFunction.golden (ExpNeg), TestSimpleReward.golden and TestBaselineReward.golden (computeReward) exactly;
TestConstructor (epoch 0's reward 36266264293777134739 attoFIL, the baseline b0 - 1 byte, the same reward at b0 and
at 2 b0), TestComputeRTeta (0.5, 0.25 and 15.25 compared as the reference does, as floats), TestBaselineRewardGrowth
(a year of baseline steps within the reference's bounds) and TestSuccessiveKPIUpdates; the Q.128 constants derived
from the time parameters equal the literals. Also the Python surface: ints of any size in, ints out; the refusals.
Leaves out the actor's payments, penalties and smoothing filter (not modelled; docs/mechanisms.md) and what the C++
replay (tests/unit/models/supply/test_filecoin_reference.cpp) checks of the state machine's invariants.
"""
import json
from fractions import Fraction
from pathlib import Path

import pytest

import toksim
from toksim.mechanisms import filecoin

REF = Path(__file__).resolve().parents[1] / "reference" / "specs-actors"


def rows(name):
    lines = (REF / name).read_text().splitlines()
    return [[int(c) for c in line.split(",")] for line in lines[1:] if line]


def test_expneg_matches_every_golden_row():
    table = rows("TestExpFunction.golden")
    assert len(table) == 256
    assert [filecoin.expneg(x) for x, _ in table] == [y for _, y in table]


def test_simple_reward_matches_every_golden_row():
    table = rows("TestSimpleReward.golden")
    assert len(table) == 512
    assert [filecoin.compute_reward(x, 0, 0) for x, _ in table] == [y for _, y in table]


def test_baseline_reward_matches_every_golden_row():
    table = rows("TestBaselineReward.golden")
    assert len(table) == 512
    simple = filecoin.compute_reward(0, 0, 0)
    got = [filecoin.compute_reward(0, t0, t1, filecoin.SIMPLE_TOTAL, filecoin.BASELINE_TOTAL) - simple
           for t0, t1, _ in table]
    assert got == [y for _, _, y in table]


@pytest.fixture(scope="module")
def cases():
    return json.loads((REF / "reward_cases.json").read_text())


def test_constructor(cases):
    zero = cases["construct"][0]
    st = filecoin.RewardState(int(zero["power"]))
    assert st.epoch == zero["epoch"]
    assert st.cumsum_realized == int(zero["cumsum_realized"])
    assert st.this_epoch_reward == int(zero["this_epoch_reward"]) == int(cases["epoch_zero_reward"])
    assert st.this_epoch_baseline_power == int(zero["this_epoch_baseline_power"])
    assert st.effective_baseline_power == int(zero["effective_baseline_power"])
    assert st.rewards_sum == st.this_epoch_reward
    less = cases["construct"][1]
    below = filecoin.RewardState(int(less["power"]))
    assert (below.epoch, below.cumsum_realized) == (less["epoch"], int(less["cumsum_realized"]))
    assert below.this_epoch_reward != int(less["this_epoch_reward_is_not"])
    at, above = (int(p) for p in cases["same_reward_at_or_above_baseline"])
    assert filecoin.RewardState(at).this_epoch_reward == filecoin.RewardState(above).this_epoch_reward


def test_compute_r_theta(cases):
    for c in cases["r_theta"]:
        theta = filecoin.compute_r_theta(c["effective_network_time"], int(c["baseline_power"]),
                                         int(c["cumsum_realized"]), int(c["cumsum_baseline"]))
        assert float(Fraction(theta, 2**128)) == c["theta"]


def test_baseline_growth(cases):
    for c in cases["baseline_growth"]:
        start = int(c["start"])
        end = filecoin.baseline_power_after(start, cases["epochs_in_year"])
        expected = 2 * start
        assert end <= expected
        assert float(Fraction(expected - end, expected)) < c["error_bound"]


def test_successive_kpi_updates(cases):
    k = cases["successive_kpi_updates"]
    st = filecoin.RewardState(int(k["power"]))
    for e in k["epochs"]:
        st.advance(int(k["power"]))
        assert st.epoch == e


def test_constants_derive_to_the_literals(cases):
    c = cases["constants"]
    lit = filecoin.Constants(int(c["lambda"]), int(c["exp_lam_sub_one"]), int(c["baseline_exponent"]))
    assert lit == filecoin.Constants.mainnet()
    year = 365 * 86400
    assert filecoin.Constants.derive(c["epoch_length_s"], c["half_life_years"] * year, c["doubling_years"] * year) == lit
    hourly = filecoin.Constants.derive(3600, 6 * year, year)
    st = filecoin.RewardState(0, constants=hourly)  # another network's epochs: a first epoch 120 times longer
    assert 119 * filecoin.RewardState(0).this_epoch_reward < st.this_epoch_reward


def test_python_surface_and_refusals():
    st = filecoin.RewardState(0)
    r1 = st.advance(2**63)  # powers beyond int64 are plain ints
    assert st.epoch == 1 and st.rewards_sum == 36266264293777134739 + r1
    st.null_round(0)
    assert st.epoch == 2 and st.this_epoch_reward == r1
    assert filecoin.baseline_power_from_prev(filecoin.init_baseline_power()) == filecoin.BASELINE_INITIAL_VALUE - 1
    with pytest.raises(toksim.ConfigError, match="2\\^128"):
        filecoin.RewardState(0, simple_total=2**128)
    assert filecoin.RewardState(0, simple_total=2**128 - 1).this_epoch_reward > 0
    with pytest.raises(toksim.ModelError, match="curr_theta"):
        filecoin.compute_reward(0, 2, 1)
    with pytest.raises(OverflowError):
        filecoin.expneg(2**256)
    with pytest.raises(OverflowError):
        filecoin.expneg(-1)
