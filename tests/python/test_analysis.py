"""Pins the pure-Python analysis package toksim_analysis (analysis/) against real toksim runs: reading a run file
(attributes decoded, integer metrics times their scale, units, time in days, event tables in tokens, agent
snapshots, xarray), an interrupted run's NAME.h5.partial, files that are missing or not toksim files; a sweep
directory (parameters and summary metrics from index.csv, each run) and the long (cadCAD-style) frame; the key
numbers (peak-to-trough price, largest unlock days, supply inflation per year, treasury runway, provider
break-even price, Sybil capture share), each checked against the HDF5 contents read directly with h5py and the
formula in its docstring; the invariants' verdicts (written by toksim) against `toksim check`, and an interrupted
run's declared rules as not evaluated; the plots (a Figure, or None when the metrics are absent).

Leaves out the HTML report (test_report.py) and the simulation itself (Catch2 and tests/cli). Runs use small
populations and short horizons; the binary comes from TOKSIM_BIN.
"""
import math
import pathlib
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
try:
    import toksim_analysis as ta
except ImportError:  # run by hand without PYTHONPATH=analysis
    sys.path.insert(0, str(ROOT / "analysis"))
    import toksim_analysis as ta
from toksim_analysis import invariants, plots, summary  # noqa: E402
from conftest import interrupted_run, run_toksim  # noqa: E402

EXAMPLES = ROOT / "scenarios" / "examples"
LAUNCH = EXAMPLES / "token_launch.yaml"
DAY = 86400


@pytest.fixture(scope="module")
def runs(toksim, tmp_path_factory):
    """Small real runs shared by the tests: a token launch (1y, snapshots), a compute network, governance ones."""
    d = tmp_path_factory.mktemp("runs")
    small = "data.contributors=5000"
    return {
        "launch": run_toksim(toksim, LAUNCH, d / "launch.h5", "agents.holders.count=3000", "run.horizon=400d",
                       "output.snapshots.every=100d"),
        "compute": run_toksim(toksim, ROOT / "scenarios" / "default.yaml", d / "compute.h5", small, "run.horizon=45d"),
        "capture": run_toksim(toksim, EXAMPLES / "governance_capture.yaml", d / "capture.h5", small),
        "airdrop": run_toksim(toksim, EXAMPLES / "airdrop_farmed.yaml", d / "airdrop.h5", small, "run.horizon=100d"),
        "qf": run_toksim(toksim, EXAMPLES / "qf_round_farmed.yaml", d / "qf.h5", small),
    }


def scaled(f, name):
    ds = f["metrics"][name]
    return ds[:] * ds.attrs["scale"]


# ---------------------------------------------------------------------------------------------------------------
# Loading


def test_load_run_reads_attributes_metrics_in_their_units_and_events(runs):
    run = ta.load_run(runs["launch"])
    with h5py.File(runs["launch"]) as f:
        assert run.attrs["scenario_name"] == "token_launch" and isinstance(run.attrs["scenario_yaml"], str)
        assert run.attrs["seed"] == f.attrs["seed"] and run.seed == 42
        assert run.status == "complete" and run.complete and not run.partial and run.warning is None
        assert run.model == "token_launch"
        np.testing.assert_array_equal(run.time, f["time"][:])
        np.testing.assert_array_equal(run.metrics.index.to_numpy(), f["time"][:])
        np.testing.assert_allclose(run.time_days, f["time"][:] / DAY)
        assert f["metrics/supply"].dtype == np.int64
        np.testing.assert_allclose(run.metrics["supply"], f["metrics/supply"][:] * 1e-6, rtol=1e-15)
        np.testing.assert_array_equal(run.metrics["price"], f["metrics/price"][:])
        assert run.units["supply"] == "token" and run.units["price"] == "USD/token"
        assert run.descriptions["supply"] == f["metrics/supply"].attrs["description"]
        assert set(run.metrics.columns) == set(f["metrics"])
        unlocks = run.events["unlocks"]
        assert list(unlocks["group"]) == list(f["events/unlocks/group"].asstr()[:])
        np.testing.assert_allclose(unlocks["tokens"], f["events/unlocks/tokens"][:] * 1e-6)
        assert run.event_units["unlocks"]["tokens"] == "token"
        by_day = run.metrics_by_day()
        assert by_day.index.name == "time_days" and by_day.index[1] == 1.0


def test_snapshots_come_as_a_long_frame_in_their_units(runs):
    run = ta.load_run(runs["launch"])
    assert run.snapshot_kinds == ["holder", "investor", "team"] or set(run.snapshot_kinds) >= {"team", "investor"}
    snap = run.snapshots("investor")
    with h5py.File(runs["launch"]) as f:
        g = f["agents/investor"]
        n_snap, n_agents = g["balance"].shape
        assert snap.shape[0] == n_snap * n_agents
        assert list(snap.index.names) == ["time_s", "agent"]
        expected = g["balance"][:] * g["balance"].attrs["scale"]
        np.testing.assert_allclose(snap["balance"].to_numpy().reshape(n_snap, n_agents), expected)
        assert list(snap.index.get_level_values("time_s").unique()) == list(g["time"][:])
    with pytest.raises(KeyError, match="no snapshots of 'nobody'"):
        run.snapshots("nobody")


def test_to_xarray_keeps_units_and_time(runs):
    pytest.importorskip("xarray")
    ds = ta.load_run(runs["launch"]).to_xarray()
    assert ds["price"].dims == ("time",) and ds["price"].attrs["unit"] == "USD/token"
    assert float(ds["time_days"][2]) == 2.0 and ds.attrs["status"] == "complete"


def test_an_interrupted_run_is_read_from_its_partial_file_and_says_so(toksim, tmp_path):
    out, partial, code = interrupted_run(toksim, tmp_path)
    assert code == 3
    run = ta.load_run(out)  # the final name does not exist: its .partial is read
    assert run.path == partial and run.partial and not run.complete
    assert run.status.startswith("interrupted: SIGINT")
    assert "interrupted" in run.warning and "long.h5.partial" in run.warning
    with h5py.File(partial) as f:
        n = f["time"].shape[0]
    assert len(run.metrics) == n and 0 < n < 40 * 365
    # The unlock table lists releases the run never reached: they are left out of the key number.
    top = summary.largest_unlock_days(run, 100)
    assert top is None or (top["time_s"] <= run.time[-1] + DAY).all()
    # No verdicts for a run that did not complete: its declared invariants are listed as not evaluated.
    res = invariants.invariant_results(run)
    assert len(res) == 3 and all(r.ok is None and "did not complete" in r.detail for r in res)


def test_missing_and_foreign_files_raise_an_error_naming_them(tmp_path):
    with pytest.raises(ta.ToksimFileError, match="nothing.h5: no such file"):
        ta.load_run(tmp_path / "nothing.h5")
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    with pytest.raises(ta.ToksimFileError, match="notes.h5: not an HDF5 file"):
        ta.load_run(text)
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(ta.ToksimFileError, match="other.h5: not a toksim run file"):
        ta.load_run(other)
    with pytest.raises(ta.ToksimFileError, match="not a toksim sweep directory"):
        ta.load_sweep(tmp_path)


# ---------------------------------------------------------------------------------------------------------------
# Sweeps and long frames


@pytest.fixture(scope="module")
def sweep_dir(toksim, tmp_path_factory):
    d = tmp_path_factory.mktemp("sweep")
    spec = d / "s.yaml"
    spec.write_text(
        f"scenario: {LAUNCH}\n"
        "output: out\n"
        "parallel: 2\n"
        "set: {agents.holders.count: 2000, run.horizon: 60d}\n"
        "grid: {market.amm_fee: [0.003, 0.01], emission.schedule: [halving, linear]}\n"
        "seeds: [7, 8]\n"
        "summary: [price, supply]\n")
    r = subprocess.run([toksim, "sweep", str(spec)], cwd=d, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return d / "out"


def test_load_sweep_reads_the_index_and_each_run(sweep_dir):
    sw = ta.load_sweep(sweep_dir)
    raw = pd.read_csv(sweep_dir / "index.csv")
    assert sw.params == ["market.amm_fee", "emission.schedule"]
    assert sw.summary_metrics == ["price", "supply"]
    assert sw.varying == ["market.amm_fee", "emission.schedule"] and sw.has_seeds
    assert len(sw.table) == 8 and list(sw.table["seed"]) == [7, 8] * 4
    assert sw.table["market.amm_fee"].dtype == float and set(sw.table["emission.schedule"]) == {"halving", "linear"}
    np.testing.assert_allclose(sw.table["price_final"], raw["price_final"])
    run3 = sw.run(3)
    with h5py.File(sweep_dir / "run-0003.h5") as f:
        assert run3.seed == f.attrs["seed"] == 8
        assert run3.metrics["price"].iloc[-1] == pytest.approx(sw.table.loc[3, "price_final"], rel=1e-12)
    groups = sw.groups()
    assert len(groups) == 4 and all(len(ids) == 2 for ids in groups.values())
    assert groups[(0.003, "linear")] == [2, 3]


def test_long_frame_stacks_runs_with_their_parameters(sweep_dir, runs):
    sw = ta.load_sweep(sweep_dir)
    lf = ta.long_frame(sw, metrics=["price", "supply"])
    assert list(lf.columns) == ["run", "timestep", "time_days", "price", "supply", "seed", "market.amm_fee",
                                "emission.schedule"]
    assert len(lf) == 8 * 60
    one = lf[lf["run"] == 5]
    with h5py.File(sweep_dir / "run-0005.h5") as f:
        np.testing.assert_array_equal(one["price"], f["metrics/price"][:])
        np.testing.assert_allclose(one["supply"], scaled(f, "supply"))
        np.testing.assert_allclose(one["time_days"], f["time"][:] / DAY)
    assert list(one["timestep"]) == list(range(60))
    assert set(one["emission.schedule"]) == {sw.table.loc[5, "emission.schedule"]}
    mixed = ta.long_frame([ta.load_run(runs["launch"]), ta.load_run(runs["compute"])])
    assert set(mixed["run"]) == {0, 1}
    assert mixed.loc[mixed["run"] == 0, "providers_active"].isna().all()  # a metric the launch does not record
    assert mixed.columns[:3].tolist() == ["run", "timestep", "time_days"]


# ---------------------------------------------------------------------------------------------------------------
# Key numbers against the file


def test_max_drawdown_matches_the_running_peak_computed_by_hand(runs):
    run = ta.load_run(runs["launch"])
    with h5py.File(runs["launch"]) as f:
        price, t = f["metrics/price"][:], f["time"][:]
    peak = np.maximum.accumulate(price)
    dd = 1 - price / peak
    i = int(np.argmax(dd))
    j = int(np.argmax(price[: i + 1]))
    got = summary.max_drawdown(run)
    assert got.fraction == pytest.approx(dd[i], rel=1e-12) and got.fraction > 0.1
    assert got.trough_time_s == t[i] and got.peak_time_s == t[j]
    assert got.peak == price[j] and got.trough == price[i]


def test_largest_unlock_days_groups_the_releases_per_day(runs):
    run = ta.load_run(runs["launch"])
    with h5py.File(runs["launch"]) as f:
        t, tokens = f["events/unlocks/time"][:], f["events/unlocks/tokens"][:]
        groups = f["events/unlocks/group"].asstr()[:]
        supply, st = scaled(f, "supply"), f["time"][:]
    per_day = {}
    for ti, a, g in zip(t, tokens, groups):
        day = ti // DAY
        per_day.setdefault(day, [0, set()])
        per_day[day][0] += a
        per_day[day][1].add(g)
    order = sorted(per_day, key=lambda d: (-per_day[d][0], d))[:3]
    got = summary.largest_unlock_days(run, 3)
    assert list(got["day"]) == order
    np.testing.assert_allclose(got["tokens"], [per_day[d][0] * 1e-6 for d in order])
    assert got["groups"].iloc[0] == ", ".join(sorted(per_day[order[0]][1]))
    k = np.searchsorted(st, order[0] * DAY, side="right") - 1
    assert got["share_of_supply"].iloc[0] == pytest.approx(per_day[order[0]][0] * 1e-6 / supply[k])
    # The team's first monthly step (12-month cliff + 1 month: day 390) falls within the 400-day horizon, with the
    # investors' step of the same day: the largest unlock day.
    assert order[0] == 390 and per_day[390][1] == {"investors", "team"}
    assert summary.largest_unlock_days(ta.load_run(runs["compute"])).empty  # a table, but nothing within 45 days


def test_supply_inflation_per_year_compares_the_supply_a_year_apart(runs):
    run = ta.load_run(runs["launch"])
    with h5py.File(runs["launch"]) as f:
        s, t, w = scaled(f, "supply"), f["time"][:], int(f.attrs["window_seconds"])
    a = t + w
    end1 = np.searchsorted(a, 365 * DAY, side="right") - 1
    got = summary.supply_inflation_per_year(run)
    assert list(got["year"]) == [1, 2] and list(got["full"]) == [True, False]
    assert got["growth"].iloc[0] == pytest.approx(s[end1] / s[0] - 1, rel=1e-12)
    assert got["growth"].iloc[1] == pytest.approx(s[-1] / s[end1] - 1, rel=1e-12)
    span = a[-1] - a[end1]
    assert got["annualised"].iloc[1] == pytest.approx((s[-1] / s[end1]) ** (365 * DAY / span) - 1, rel=1e-9)


def test_treasury_runway_divides_the_treasury_by_its_trailing_monthly_outflow(runs):
    run = ta.load_run(runs["launch"])  # the launch pays staking rewards from its treasury
    with h5py.File(runs["launch"]) as f:
        tr, t, price = scaled(f, "treasury"), f["time"][:], f["metrics/price"][:]
    j = np.searchsorted(t, t[-1] - 90 * DAY, side="right") - 1
    outflow = (tr[j] - tr[-1]) / (t[-1] - t[j]) * 30 * DAY
    got = summary.treasury_runway(run)
    assert outflow > 0 and got.outflow_tokens_per_month == pytest.approx(outflow, rel=1e-12)
    assert got.months == pytest.approx(tr[-1] / outflow, rel=1e-12)
    assert got.treasury_usd == pytest.approx(tr[-1] * price[-1])
    assert got.outflow_usd_per_month == pytest.approx(outflow * price[-1])
    assert got.trailing_s == 90 * DAY
    # The default network's treasury only receives: no outflow, an infinite runway.
    compute = summary.treasury_runway(ta.load_run(runs["compute"]))
    assert compute.no_outflow and math.isinf(compute.months)


def test_provider_break_even_price_follows_its_formula(runs):
    yaml = pytest.importorskip("yaml")
    run = ta.load_run(runs["compute"])
    with h5py.File(runs["compute"]) as f:
        scenario = yaml.safe_load(f.attrs["scenario_yaml"])
        t = f["time"][:]
        sel = t >= t[-1] - 30 * DAY + DAY / 2
        per = {}
        for g in scenario["providers"]["groups"]:
            per.setdefault(g["gpu"], []).append((g["gpus"], int(str(g["count"]).replace("_", ""))))
        gpus = sum(f[f"metrics/providers_{k}"][:][sel] * sum(a * c for a, c in v) / sum(c for _, c in v)
                   for k, v in per.items())
        gpu_days = gpus.sum()  # daily samples
        paid = scaled(f, "paid_provider")[sel]
        price = f["metrics/price"][:][sel]
        profit = np.nanmean(f["metrics/provider_profit_median"][:][sel])
    r = paid.sum() / gpu_days
    cost = (paid * price).sum() / gpu_days - profit
    got = summary.provider_break_even_price(run)
    assert got.price == pytest.approx(max(cost, 0) / r, rel=1e-9)
    assert got.tokens_per_gpu_day == pytest.approx(r, rel=1e-12)
    assert got.current_price == price[-1] and got.window_s == 30 * DAY
    assert summary.provider_break_even_price(ta.load_run(runs["launch"])) is None  # token launch: n/a


def test_sybil_capture_share_per_mechanism(runs):
    with h5py.File(runs["airdrop"]) as f:
        a = f["events/airdrops"]
        airdrop = a["claimed_sybil"][:].sum() / (a["claimed_sybil"][:].sum() + a["claimed_honest"][:].sum())
    got = summary.sybil_capture(ta.load_run(runs["airdrop"]))
    part = next(p for p in got.parts if p["source"] == "airdrops")
    assert part["share"] == pytest.approx(airdrop, rel=1e-12) and airdrop > 0.5
    with h5py.File(runs["qf"]) as f:
        q = f["events/qf_rounds"]
        qf = q["match_sybil"][:].sum() / q["match_total"][:].sum()
    got = summary.sybil_capture(ta.load_run(runs["qf"]))
    assert next(p for p in got.parts if p["source"] == "QF")["share"] == pytest.approx(qf, rel=1e-12)
    with h5py.File(runs["capture"]) as f:
        p = f["events/proposals"]
        votes = p["sybil_votes"][:] / (p["for"][:] + p["against"][:] + p["abstain"][:])
        decided = (p["for"][:] - p["sybil_votes"][:] <= p["against"][:]) & (p["sybil_votes"][:] > 0)
    got = summary.sybil_capture(ta.load_run(runs["capture"]))
    assert next(x for x in got.parts if x["source"] == "votes")["share"] == pytest.approx(votes.max(), rel=1e-12)
    assert got.decided_proposals == int(decided.sum()) == 1  # the example's grant passes only with Sybil votes
    assert got.share == max(x["share"] for x in got.parts)
    assert summary.sybil_capture(ta.load_run(runs["launch"])) is None  # no governance at all


def test_missing_metrics_give_none_not_errors(runs):
    run = ta.load_run(runs["compute"])
    run.metrics = run.metrics.drop(columns=["price", "supply", "treasury", "paid_provider", "gini"])
    run.events = {}
    assert summary.max_drawdown(run) is None
    assert summary.supply_inflation_per_year(run) is None
    assert summary.treasury_runway(run) is None
    assert summary.provider_break_even_price(run) is None
    assert summary.largest_unlock_days(run) is None
    rows = {k.key: k for k in summary.key_numbers(run)}
    assert rows["drawdown"].text == "n/a" and rows["runway"].value is None and rows["break_even"].text == "n/a"
    for f in (plots.price_supply, plots.circulating_locked, plots.treasury, plots.governance):
        assert f(run) is None
    assert plots.revenue(run) is not None  # the other recipients are still there


def test_key_numbers_of_both_models(runs):
    launch = {k.key: k for k in summary.key_numbers(ta.load_run(runs["launch"]))}
    assert list(launch)[:8] == ["price", "drawdown", "unlock", "inflation", "runway", "break_even", "sybil", "gini"]
    assert launch["break_even"].value is None and launch["break_even"].text == "n/a"
    assert launch["drawdown"].text == f"−{100 * launch['drawdown'].value:.1f}%"
    compute = {k.key: k for k in summary.key_numbers(ta.load_run(runs["compute"]))}
    assert compute["break_even"].value is not None and compute["break_even"].text.startswith("$")
    assert "providers" in compute and "dropped" in compute
    assert compute["runway"].text == "no outflow"


# ---------------------------------------------------------------------------------------------------------------
# Invariants, plots, YAML


def test_invariant_verdicts_agree_with_toksim_check(toksim, runs, tmp_path):
    res = invariants.invariant_results(ta.load_run(runs["launch"]))
    assert [r.name for r in res] == ["pool keeps depth", "inflation", "treasury runway"]
    assert all(r.ok for r in res)
    out = tmp_path / "broken.h5"
    rule = "invariants=[{name: floor, metric: price, never_below: 1}, {name: dd, metric: price, max_drawdown: 0.05}]"
    run_toksim(toksim, LAUNCH, out, "agents.holders.count=3000", "run.horizon=120d", rule)
    got = invariants.invariant_results(ta.load_run(out))
    assert [r.ok for r in got] == [False, False]
    assert got[0].detail.startswith("first at 0s")
    check = subprocess.run([toksim, "check", str(LAUNCH), "--set", "agents.holders.count=3000", "--set",
                            "run.horizon=120d", "--set", rule], capture_output=True, text=True, timeout=300)
    assert check.returncode == 1
    breaches = [l for l in check.stdout.splitlines() if "BREACH" in l and "invariants[" in l]
    assert len(breaches) == 2
    for r, line in zip(got, breaches):
        assert r.rule in line and r.detail in line


def test_plots_return_figures_or_none(runs):
    launch, compute, capture = (ta.load_run(runs[k]) for k in ("launch", "compute", "capture"))
    for f in (plots.price_supply, plots.circulating_locked, plots.treasury, plots.inequality):
        assert f(launch) is not None and f(compute) is not None
    for f in (plots.providers, plots.revenue, plots.provider_profit):
        assert f(launch) is None
        fig = f(compute)
        assert fig is not None and fig.axes[0].get_xlabel() in ("", "time since genesis (days)")
    assert plots.governance(launch) is None and plots.governance(capture) is not None
    fig = plots.price_supply(launch)
    assert fig.axes[0].get_ylabel() == "price (USD/token)" and fig.axes[1].get_ylabel() == "supply (tokens)"
    fan = plots.fan([launch, launch], "price")
    assert fan is not None and "across seeds" in fan.axes[0].get_title(loc="left")
    assert plots.compare([launch, compute], "providers_active") is not None  # drawn for the run that has it
    from matplotlib.figure import Figure
    own = Figure()
    ax = own.add_subplot()
    assert plots.price_supply(launch, ax=ax) is own  # draws into the given Axes
    import io
    buf = io.BytesIO()
    plots.inequality(compute).savefig(buf, format="png")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_nakamoto_coefficient_is_plotted_and_reported(runs):
    run = ta.load_run(runs["launch"])
    with h5py.File(runs["launch"]) as f:
        raw = f["metrics/nakamoto"][:]
        gini = f["metrics/gini"][:]
    assert (np.isnan(raw) == np.isnan(gini)).all()  # measured where the Gini is
    last = raw[~np.isnan(raw)][-1]
    fig = plots.inequality(run)
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel().startswith("Nakamoto coefficient")
    rows = {k.key: k for k in summary.key_numbers(run)}
    assert rows["nakamoto"].value == last and rows["nakamoto"].text == f"{int(last)}"


def test_sweep_plots(sweep_dir):
    sw = ta.load_sweep(sweep_dir)
    fig = plots.sweep_fans(sw, "price")
    assert fig is not None and len(fig.axes[0].get_legend().get_texts()) == 4
    hm = plots.sweep_heatmap(sw, "market.amm_fee", "emission.schedule", "price_final")
    assert hm is not None
    texts = sorted(t.get_text() for t in hm.axes[0].texts)
    assert len(texts) == 4
    assert plots.sweep_heatmap(sw, "market.amm_fee", "nothing", "price_final") is None


def test_parse_duration_reads_toksim_durations():
    assert ta.parse_duration("1y6mo") == 365 * DAY + 180 * DAY and ta.parse_duration("90d") == 90 * DAY
