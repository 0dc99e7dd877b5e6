"""The `toksim` Python package as researchers drive it: scenarios from files, text and dicts with overrides and
errors (ScenarioError is a ValueError with FILE:LINE:COL); simulations in steps and to the end; metrics and agent
columns as NumPy views of C++ memory (no copy, read-only, kept alive by the array, following the run); the same
numbers as `toksim run` and for any thread count; the output file (complete, stopped, interrupted by Ctrl-C);
the GIL released while running; sweeps as DataFrames.

Left out: the mechanisms (test_mechanisms.py), reading files (tests/python/test_analysis.py), and performance.
"""
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import h5py
import numpy as np
import pytest

import toksim
from conftest import LAUNCH, ROOT, SMALL, SMALL_COMPUTE


@pytest.fixture(scope="module")
def small():
    return toksim.Scenario.from_yaml(LAUNCH, SMALL)


def test_import_gives_the_api_and_the_build():
    assert toksim.__version__.count(".") == 2
    assert toksim.git_sha
    for name in ("Scenario", "Simulation", "sweep", "validate", "schema", "ScenarioError"):
        assert hasattr(toksim, name)
    assert issubclass(toksim.ScenarioError, ValueError)
    assert toksim.parse_duration("1y6mo") == 365 * 86400 + 180 * 86400
    assert toksim.format_duration(86400 * 7) == "7d"


def test_scenario_from_yaml_with_overrides(small):
    assert small.name == "token_launch" and small.model == "token_launch"
    assert small.horizon == 120 * 86400
    full = toksim.Scenario.from_yaml(LAUNCH)
    assert full.agents - small.agents == full.to_dict()["agents"]["holders"]["count"] - 3000
    assert "agents.holders.count=3000" in small.overrides
    later = small.with_overrides({"run.horizon": "60d", "seed": 9})
    assert later.horizon == 60 * 86400 and later.seed == 9
    assert small.horizon == 120 * 86400  # the original is unchanged
    d = later.to_dict()
    assert d["seed"] == 9


def test_scenario_from_dict_round_trips(small):
    again = toksim.Scenario.from_dict(small.to_dict())
    assert again.horizon == small.horizon and again.seed == small.seed and again.agents == small.agents


def test_overrides_take_python_values(small):
    s = small.with_overrides({"market.amm_fee": 0.003, "output.snapshots.kinds": ["team", "holder"],
                              "output.snapshots.every": "30d"})
    assert "market.amm_fee=0.003" in s.overrides and "output.snapshots.kinds=[team, holder]" in s.overrides
    assert s.to_dict()["output"]["snapshots"]["kinds"] == ["team", "holder"]
    s = small.with_overrides({"seed": np.int64(12)})
    assert s.seed == 12


def test_bad_scenario_raises_scenario_error_with_file_line_col(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("run:\n  horizon: ten days\n  sead: 3\n")
    with pytest.raises(toksim.ScenarioError) as e:
        toksim.Scenario.from_yaml(bad)
    text = str(e.value)
    assert f"{bad}:2:12: run.horizon: expected a duration" in text
    assert "sead" in text  # every problem, not just the first
    assert len(e.value.diagnostics) >= 2
    first = e.value.diagnostics[0]
    assert (first["file"], first["line"], first["column"], first["path"]) == (str(bad), 2, 12, "run.horizon")
    assert isinstance(e.value, ValueError)


def test_bad_override_names_the_key_path(small):
    with pytest.raises(ValueError, match=r"--set run\.horizon: expected a duration"):
        small.with_overrides({"run.horizon": "soon"})


def test_validate_returns_the_problems_without_raising(tmp_path):
    assert toksim.validate(LAUNCH) == []
    problems = toksim.validate({"run": {"horizon": "forever"}})
    assert len(problems) == 1 and "<dict>:2:12: run.horizon" in problems[0]
    assert toksim.Scenario.validate(LAUNCH, {"seed": -1}) != []


def test_schema_lists_keys():
    keys = {e["path"] for e in toksim.schema()}
    assert "run.horizon" in keys and "seed" in keys


def test_metrics_are_read_only_views_of_cpp_memory(small):
    sim = toksim.Simulation(small, threads=2)
    assert sim.step("30d") == 30
    price = sim.metric("price")
    supply = sim.metric("supply")
    assert price.dtype == np.float64 and supply.dtype == np.int64
    assert not price.flags.owndata and not price.flags.writeable
    with pytest.raises(ValueError):
        price[0] = 1.0
    address = price.ctypes.data
    sim.step("90d")
    again = sim.metric("price")
    assert len(again) == 90 and again.ctypes.data == address  # same memory: room for every sample up front
    np.testing.assert_array_equal(again[:30], price)


def test_a_view_keeps_the_simulation_alive(small):
    sim = toksim.Simulation(small, threads=1)
    sim.step("10d")
    price = sim.metric("price")
    expected = price.copy()
    del sim
    import gc

    gc.collect()
    np.testing.assert_array_equal(price, expected)


def test_agent_columns_are_views_that_follow_the_run(small):
    sim = toksim.Simulation(small, threads=2)
    cols = sim.agents("holder")
    balance = cols["balance"]
    assert balance.dtype == np.int64 and len(balance) == 3000 and not balance.flags.owndata
    before = balance.copy()
    sim.step("60d")
    assert not np.array_equal(before, balance)  # the same array, new values
    np.testing.assert_array_equal(balance, sim.agents("holder")["balance"])
    with pytest.raises(ValueError, match="agent kind"):
        sim.agents("whale")


def test_same_numbers_for_any_thread_count(small):
    a = toksim.Simulation(small, threads=1).run()
    b = toksim.Simulation(small, threads=2).run()
    assert a.digest() == b.digest()
    for name in a.metric_names:
        np.testing.assert_array_equal(a.metric(name), b.metric(name))


def test_same_numbers_as_the_command_line(small, toksim_bin, tmp_path):
    out = tmp_path / "cli.h5"
    args = [toksim_bin, "run", str(LAUNCH), "-o", str(out), "--quiet"]
    for k, v in SMALL.items():
        args += ["--set", f"{k}={v}"]
    assert subprocess.run(args).returncode == 0
    sim = toksim.Simulation(small, threads=2).run()
    with h5py.File(out) as f:
        np.testing.assert_array_equal(f["time"][:], sim.time)
        for name in ("price", "supply", "circulating", "treasury"):
            np.testing.assert_array_equal(f["metrics"][name][:], sim.metric(name))
        assert f.attrs["digest"] == sim.digest()


def test_output_file_complete_and_pandas(small, tmp_path):
    out = tmp_path / "run.h5"
    sim = toksim.Simulation(small, threads=2, output=out)
    assert sim.output == str(out) + ".partial"
    sim.run()
    assert sim.status == "complete" and sim.output == str(out) and out.exists()
    with h5py.File(out) as f:
        assert f.attrs["status"] == "complete"
        np.testing.assert_array_equal(f["metrics"]["price"][:], sim.metric("price"))
    df = sim.to_pandas()
    assert df.index.name == "day" and len(df) == 120
    assert df["supply"].iloc[-1] == pytest.approx(sim.metric("supply")[-1] * 1e-6)
    assert df.attrs["units"]["price"] == "USD/token"
    assert all(r["ok"] for r in sim.check())
    assert set(sim.unlocks().columns) == {"time", "group", "tokens"}


def test_closing_an_unfinished_run_keeps_a_marked_partial_file(small, tmp_path):
    out = tmp_path / "half.h5"
    with toksim.Simulation(small, threads=1, output=out) as sim:
        sim.step("30d")
    partial = tmp_path / "half.h5.partial"
    assert partial.exists() and not out.exists()
    with h5py.File(partial) as f:
        assert f.attrs["status"].startswith("stopped: closed at 30d of 120d")
        assert len(f["time"]) == 30


def test_compute_network_events_and_agents():
    sc = toksim.Scenario.from_yaml(ROOT / "scenarios" / "examples" / "fee_split_vote.yaml", SMALL_COMPUTE)
    sim = toksim.Simulation(sc).run()
    assert set(sim.kinds) == {"provider", "contributor"}
    assert "group" in sim.agents("provider")
    tables = sim.events_tables()
    assert "proposals" in tables and len(tables["proposals"]) >= 1


def test_ctrl_c_raises_keyboard_interrupt_and_marks_the_file(tmp_path):
    out = tmp_path / "long.h5"
    script = textwrap.dedent(f"""
        import sys, toksim
        sc = toksim.Scenario.from_yaml({str(LAUNCH)!r}, {{"agents.holders.count": 20000, "run.horizon": "40y"}})
        sim = toksim.Simulation(sc, threads=1, output={str(out)!r})
        print("started", flush=True)
        try:
            sim.run()
        except KeyboardInterrupt:
            print("interrupted", sim.status, flush=True)
            sys.exit(7)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    stdout, _ = p.communicate(timeout=60)
    assert p.returncode == 7, stdout
    assert "interrupted interrupted: KeyboardInterrupt at" in stdout
    with h5py.File(str(out) + ".partial") as f:
        assert f.attrs["status"].startswith("interrupted: KeyboardInterrupt at")


def test_ctrl_c_stops_every_run_of_a_parallel_sweep(tmp_path):
    script = textwrap.dedent(f"""
        import sys, time, toksim
        sc = toksim.Scenario.from_yaml({str(LAUNCH)!r}, {{"agents.holders.count": 20000, "run.horizon": "40y"}})
        print("started", flush=True)
        t0 = time.monotonic()
        try:
            toksim.sweep(sc, seeds=4, parallel=2, threads=1, output_dir={str(tmp_path)!r})
        except KeyboardInterrupt:
            print("interrupted after", round(time.monotonic() - t0), flush=True)
            sys.exit(7)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.5)
    p.send_signal(signal.SIGINT)
    stdout, _ = p.communicate(timeout=60)
    assert p.returncode == 7, stdout
    partials = sorted(tmp_path.glob("run-*.h5.partial"))
    assert len(partials) == 2 and not list(tmp_path.glob("run-*.h5"))  # the two running; the others never started
    for f in partials:
        with h5py.File(f) as h:
            assert h.attrs["status"].startswith("interrupted: KeyboardInterrupt at")


def test_the_gil_is_released_while_running():
    sc = toksim.Scenario.from_yaml(LAUNCH, {"agents.holders.count": 20000, "run.horizon": "3y"})
    sim = toksim.Simulation(sc, threads=1)
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    t0 = time.monotonic()
    sim.run()
    wall = time.monotonic() - t0
    stop.set()
    t.join()
    # A thread held off by the GIL would tick about once per step; released, it ticks every millisecond or so.
    assert ticks > 0.2 * wall * 1000, (ticks, wall)


def test_sweep_returns_a_dataframe_of_parameters_and_summaries(small, tmp_path):
    df = toksim.sweep(small, grid={"market.amm_fee": [0.003, 0.01]}, seeds=2, summary=["price", "supply"],
                      set={"run.horizon": "30d"}, output_dir=tmp_path)
    assert len(df) == 4 and list(df["seed"]) == [1, 2, 1, 2]
    assert list(df["market.amm_fee"]) == [0.003, 0.003, 0.01, 0.01]
    assert (df["status"] == "complete").all()
    for col in ("price_final", "price_min", "price_max", "supply_final", "wall_seconds", "file"):
        assert col in df.columns
    with h5py.File(df["file"].iloc[0]) as f:
        assert f["metrics"]["price"][-1] == pytest.approx(df["price_final"].iloc[0])
    assert (df["price_min"] <= df["price_final"]).all() and (df["price_final"] <= df["price_max"]).all()
    with pytest.raises(ValueError, match="summary: no metric 'pryce'"):
        toksim.sweep(small, seeds=1, summary=["pryce"])
