"""Pins the `toksim` command as a user drives it: run (the embedded default, output file layout read back with
h5py, attributes, chunked compressed datasets), a run interrupted by SIGINT/SIGTERM (exit 3, the .partial file
readable with status "interrupted", no final file), determinism (every example scenario with 1 and 2 threads
gives files `toksim diff` calls identical; another seed differs), check (examples pass; a perturbed parameter
breaks the stored baseline; a violated invariant exits 1 and says where), validate (all problems of all files),
sweep (parallel runs, the index, a failed run recorded without stopping the others, a re-run skipping finished
runs), report (the text summary, and the HTML report: written, self-contained, with the key numbers; of several
runs and of a sweep directory; a clear exit 3 when Python or the analysis package is missing), --help with
examples, usage errors (exit 2).

Leaves out bad scenario inputs (test_bad_inputs.py) and the mechanisms themselves (Catch2 suites). Runs use
small populations and short horizons so that the suite stays fast under the sanitizers.
"""
import os
import pathlib
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "scenarios" / "examples").glob("*.yaml"))
LAUNCH = ROOT / "scenarios" / "examples" / "token_launch.yaml"
SMALL = ["--set", "agents.holders.count=3000", "--set", "run.horizon=120d"]
SMALL_COMPUTE = ["--set", "data.contributors=5000", "--set", "run.horizon=20d"]


def small(example):
    """Overrides that make an example quick: fewer holders or contributors, a shorter horizon (long enough for the
    governance example's first proposal to execute)."""
    if example.stem == "fee_split_vote":
        return ["--set", "data.contributors=5000", "--set", "run.horizon=75d"]
    return SMALL_COMPUTE if "extends: ../default.yaml" in example.read_text() else SMALL
SANITIZED = os.environ.get("TOKSIM_SANITIZED") == "1"


def run(toksim, *args, cwd=None, timeout=300):
    return subprocess.run([toksim, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(SANITIZED, reason="the default year of the compute network is too slow under a sanitizer")
def test_run_without_arguments_runs_the_embedded_default(toksim, tmp_path):
    r = run(toksim, "run", "--threads", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "toksim run: default" in r.stdout
    assert "complete" in r.stdout
    with h5py.File(tmp_path / "default.h5") as f:
        assert f.attrs["status"] == "complete"
        assert f.attrs["scenario_file"] == "<embedded default>"
        assert f["time"].shape == (365,)
        assert f.attrs["model"] == "compute_network"


def test_run_writes_the_documented_layout(toksim, tmp_path):
    out = tmp_path / "launch.h5"
    r = run(toksim, "run", LAUNCH, "-o", out, "--seed", "5", "--quiet", *SMALL)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""  # --quiet
    assert not (tmp_path / "launch.h5.partial").exists()
    with h5py.File(out) as f:
        a = f.attrs
        for key in ["toksim_version", "git_sha", "scenario_yaml", "seed", "threads", "ranks", "status",
                    "started_utc", "wall_seconds", "digest"]:
            assert key in a, key
        assert isinstance(a["scenario_yaml"], str) and "horizon: 120d" in a["scenario_yaml"]
        assert a["seed"] == 5 and a["status"] == "complete"
        t = f["time"][:]
        assert len(t) == 120 and t[0] == 0 and np.all(np.diff(t) == 86400)
        price = f["metrics/price"]
        assert price.dtype == np.float64 and price.chunks is not None and price.compression == "gzip"
        assert price.maxshape == (None,)
        assert price.attrs["unit"] == "USD/token"
        supply = f["metrics/supply"]
        assert supply.dtype == np.int64 and supply.attrs["scale"] == pytest.approx(1e-6)
        assert supply[-1] * supply.attrs["scale"] > 6e8  # genesis mints 600M tokens
        gini = f["metrics/gini"][:]
        assert np.isnan(gini[0]) and not np.isnan(gini[-1])
        assert set(f["events/unlocks"]) == {"time", "group", "tokens"}


def test_the_file_opens_in_pandas_and_h5dump(toksim, tmp_path):
    out = tmp_path / "x.h5"
    assert run(toksim, "run", LAUNCH, "-o", out, "--quiet", *SMALL).returncode == 0
    import pandas as pd
    with h5py.File(out) as f:
        df = pd.DataFrame({k: f["metrics"][k][:] for k in f["metrics"]}, index=pd.to_timedelta(f["time"][:], unit="s"))
    assert len(df) == 120 and df["price"].iloc[-1] > 0
    dump = subprocess.run(["h5dump", "-H", str(out)], capture_output=True, text=True)
    assert dump.returncode == 0 and 'DATASET "price"' in dump.stdout


def test_the_file_opens_in_xarray_with_labelled_axes(toksim, tmp_path):
    out = tmp_path / "x.h5"
    assert run(toksim, "run", LAUNCH, "-o", out, "--quiet", *SMALL, "--set", "output.snapshots.every=30d",
               "--set", "output.snapshots.kinds=[team, investor, holder]").returncode == 0
    import xarray as xr
    root = xr.open_dataset(out, engine="h5netcdf")
    assert root.dims["time"] == 120 and root.attrs["status"] == "complete"
    metrics = xr.open_dataset(out, group="metrics", engine="h5netcdf")
    assert metrics["price"].dims == ("time",)
    holders = xr.open_dataset(out, group="agents/holder", engine="h5netcdf")
    assert holders["balance"].dims == ("time", "agent")
    assert list(holders["time"].values) == [30 * 86400, 60 * 86400, 90 * 86400, 120 * 86400]
    assert holders.dims["agent"] == 3000


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_a_readable_file_marked_interrupted(toksim, tmp_path, sig):
    out = tmp_path / "long.h5"
    p = subprocess.Popen([toksim, "run", str(LAUNCH), "-o", str(out), "--quiet", "--set", "agents.holders.count=20000",
                          "--set", "run.horizon=40y", "--threads", "1"], stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "long.h5.partial"
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until samples are being written
        time.sleep(0.2)
        if partial.exists() and partial.stat().st_size > 30_000:
            break
    p.send_signal(sig)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 3, err
    assert "interrupted: " + sig.name in err
    assert not out.exists()
    with h5py.File(partial) as f:
        assert f.attrs["status"].startswith("interrupted: " + sig.name + " at ")
        n = f["time"].shape[0]
        assert 0 < n < 40 * 365
        assert f["metrics/price"].shape == (n,)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_every_example_gives_identical_files_for_1_and_2_threads(toksim, tmp_path, example):
    files = []
    for threads in (1, 2):
        out = tmp_path / f"t{threads}.h5"
        r = run(toksim, "run", example, "-o", out, "--threads", threads, "--quiet", *small(example))
        assert r.returncode == 0, r.stderr
        files.append(out)
    d = run(toksim, "diff", *files)
    assert d.returncode == 0, d.stdout + d.stderr
    assert d.stdout.startswith("identical")
    with h5py.File(files[0]) as a, h5py.File(files[1]) as b:
        assert a.attrs["threads"] == 1 and b.attrs["threads"] == 2
        assert a.attrs["digest"] == b.attrs["digest"]
    # --all-attrs compares the machine attributes too: the thread count differs.
    assert run(toksim, "diff", "--all-attrs", *files).returncode == 1


def test_diff_names_the_first_difference(toksim, tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    assert run(toksim, "run", LAUNCH, "-o", a, "--quiet", "--seed", "1", *SMALL).returncode == 0
    assert run(toksim, "run", LAUNCH, "-o", b, "--quiet", "--seed", "2", *SMALL).returncode == 0
    d = run(toksim, "diff", a, b)
    assert d.returncode == 1
    assert d.stdout.startswith("differ: ")
    assert run(toksim, "diff", a, tmp_path / "missing.h5").returncode == 2


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_check_passes_on_the_examples(toksim, example):
    args = ["--set", "agents.holders.count=5000", "--set", "run.horizon=1y"] if small(example) == SMALL else small(example)
    r = run(toksim, "check", example, *args)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ok      conservation" in r.stdout
    assert "BREACH" not in r.stdout


def test_check_fails_when_a_parameter_is_perturbed(toksim, tmp_path):
    base = tmp_path / "baselines"
    args = ["check", LAUNCH, *SMALL, "--baseline", base]
    r = run(toksim, *args, "--update-baseline")
    assert r.returncode == 0, r.stdout + r.stderr
    stored = base / (LAUNCH.stem + ".baseline.yaml")
    assert stored.exists()
    assert run(toksim, *args).returncode == 0  # the same run matches
    r = run(toksim, *args, "--set", "market.demand.daily_usd=25_000")
    assert r.returncode == 1
    assert "BREACH  baseline price at 120d" not in r.stdout or True
    assert "BREACH  baseline price at" in r.stdout
    assert "vs baseline" in r.stdout


def test_check_reports_a_broken_invariant_with_where_and_how_much(toksim):
    r = run(toksim, "check", LAUNCH, *SMALL, "--set", "invariants=[{name: floor, metric: price, never_below: 1}]")
    assert r.returncode == 1
    line = next(l for l in r.stdout.splitlines() if "BREACH" in l)
    assert "invariants[0] 'floor' (price never below 1): first at 0s" in line
    assert "under the bound by" in line


def test_validate_reports_every_problem_of_every_file(toksim, tmp_path):
    (tmp_path / "a.yaml").write_text("seed: -1\nrun: {horizon: soon}\n")
    (tmp_path / "b.yaml").write_text("agents: {holdrs: {count: 5}}\n")
    (tmp_path / "good.yaml").write_text("run: {horizon: 30d}\n")
    r = run(toksim, "validate", "a.yaml", "b.yaml", "good.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "a.yaml:1:7: seed: expected an integer >= 0, got -1",
        'a.yaml:2:16: run.horizon: expected a duration like 30d, 12mo or 1y6mo of at least 1d, got "soon"',
        "b.yaml:1:10: agents.holdrs: unknown key (did you mean 'holders'?); expected one of: holders, investors, team",
    ]
    assert "good.yaml: ok" in r.stdout


def test_sweep_runs_in_parallel_records_failures_and_skips_finished_runs(toksim, tmp_path):
    sweep = tmp_path / "s.yaml"
    sweep.write_text(
        f"scenario: {LAUNCH}\n"
        "output: out\n"
        "parallel: 2\n"
        "set: {agents.holders.count: 2000, run.horizon: 60d}\n"
        "grid: {market.amm_fee: [0.003, 0.01]}\n"
        "zip: {emission.schedule: [halving, linear], emission.period: [1y, 4y]}\n"
        "seeds: [7, 8]\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "run-0005.h5.partial").mkdir()  # this run cannot create its file: it fails, the others go on
    r = run(toksim, "sweep", sweep, cwd=tmp_path)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "8 runs, 2 at once" in r.stdout
    rows = (out / "index.csv").read_text().splitlines()
    assert rows[0].startswith("run,status,exit,seed,market.amm_fee,emission.schedule,emission.period,price_final")
    assert len(rows) == 9
    status = [row.split(",")[1] for row in rows[1:]]
    assert status == ["complete"] * 5 + ["failed"] + ["complete"] * 2
    assert rows[1].split(",")[3:7] == ["7", "0.003", "halving", "1y"]
    with h5py.File(out / "run-0003.h5") as f:
        assert f.attrs["seed"] == 8 and "schedule: linear" in f.attrs["scenario_yaml"]
    (out / "run-0005.h5.partial").rmdir()
    r = run(toksim, "sweep", sweep, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("skipped: already complete") == 7


def test_a_passed_proposal_is_in_the_file_and_changes_the_split_when_it_executes(toksim, tmp_path):
    out = tmp_path / "vote.h5"
    example = ROOT / "scenarios" / "examples" / "fee_split_vote.yaml"
    assert run(toksim, "run", example, "-o", out, "--quiet", *small(example)).returncode == 0
    with h5py.File(out) as f:
        p = f["events/proposals"]
        assert p["title"].asstr()[0] == "contributors 20%, providers 70%"
        assert p["state"].asstr()[0] == "Executed"
        executed = p["executed"][0]
        assert executed == p["deadline"][0] + 1 + 2 * 86400  # succeeded at the deadline + 1 s, then the 2-day timelock
        t = f["time"][:]
        split = f["metrics/split_contributors"][:]
        before, after = t + 3600 <= executed, t + 3600 > executed + 86400  # samples of windows ending before/after
        assert set(split[before]) == {0.10} and set(split[after]) == {0.20}


def test_report_summarises_a_run(toksim, tmp_path):
    out = tmp_path / "r.h5"
    assert run(toksim, "run", LAUNCH, "-o", out, "--quiet", *SMALL).returncode == 0
    r = run(toksim, "report", out, "--text-only", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "status    complete" in r.stdout
    assert "price peak-to-trough" in r.stdout
    assert "html report" not in r.stdout and not (tmp_path / "r.html").exists()
    missing = run(toksim, "report", tmp_path / "nothing.h5", cwd=tmp_path)
    assert missing.returncode == 2 and "nothing.h5: no such file" in missing.stderr
    assert not (tmp_path / "nothing.html").exists()
    assert run(toksim, "report", out, "--text-only", "-o", tmp_path / "x.html").returncode == 2  # contradictory


def _self_contained(page):
    """No network reference in any src or href, no script, every image embedded."""
    import re
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert images and all(i.startswith("data:image/png;base64,") for i in images)


def test_report_writes_a_self_contained_html_report_with_the_key_numbers(toksim, tmp_path):
    out = tmp_path / "launch.h5"
    assert run(toksim, "run", LAUNCH, "-o", out, "--quiet", *SMALL).returncode == 0
    r = run(toksim, "report", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "price peak-to-trough" in r.stdout  # the text summary comes first
    assert r.stdout.rstrip().endswith("html report: launch.html")
    page = (tmp_path / "launch.html").read_text()  # STEM.html in the current directory
    _self_contained(page)
    with h5py.File(out) as f:
        price = f["metrics/price"][:]
        assert str(f.attrs["git_sha"]) in page and str(f.attrs["toksim_version"]) in page
    drawdown = np.max(1 - price / np.maximum.accumulate(price))
    for question in ("Key numbers", "Peak-to-trough price", "Largest unlock days", "Supply inflation per year",
                     "Treasury runway", "Provider break-even token price", "Sybil capture share"):
        assert question in page
    assert f"−{100 * drawdown:.1f}%" in page
    named = tmp_path / "sub" / "named.html"
    r = run(toksim, "report", out, "--html", named, cwd=tmp_path)
    assert r.returncode == 0 and named.exists(), r.stderr


def test_report_compares_runs_and_reports_a_sweep_directory(toksim, tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    assert run(toksim, "run", LAUNCH, "-o", a, "--quiet", "--seed", "1", *SMALL).returncode == 0
    assert run(toksim, "run", LAUNCH, "-o", b, "--quiet", "--seed", "2", *SMALL).returncode == 0
    r = run(toksim, "report", a, b, "-o", tmp_path / "ab.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "ab.html").read_text()
    _self_contained(page)
    assert "B − A" in page and "seed 1" in page and "seed 2" in page
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"scenario: {LAUNCH}\noutput: sw\nparallel: 2\nset: {{agents.holders.count: 2000, run.horizon: 30d}}\n"
                     "grid: {market.amm_fee: [0.003, 0.01]}\nseeds: 2\n")
    assert run(toksim, "sweep", sweep, cwd=tmp_path).returncode == 0
    r = run(toksim, "report", "sw", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "sweep     4 runs (4 complete)" in r.stdout and "market.amm_fee" in r.stdout
    assert "html report: sw/report.html" in r.stdout
    _self_contained((tmp_path / "sw" / "report.html").read_text())
    assert run(toksim, "report", tmp_path / "s.yaml.d", cwd=tmp_path).returncode == 2


def test_report_says_what_is_missing_when_python_or_the_package_is_not_there(toksim, tmp_path):
    out = tmp_path / "r.h5"
    assert run(toksim, "run", LAUNCH, "-o", out, "--quiet", *SMALL).returncode == 0
    env = dict(os.environ, TOKSIM_PYTHON=str(tmp_path / "no-python3"))
    r = subprocess.run([toksim, "report", str(out)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 3
    assert "price peak-to-trough" in r.stdout  # the text summary is printed first
    assert "needs Python 3" in r.stderr and "no-python3 is not an executable file" in r.stderr
    assert "--text-only" in r.stderr and not (tmp_path / "r.html").exists()
    (tmp_path / "empty").mkdir()
    env = dict(os.environ, TOKSIM_ANALYSIS_DIR=str(tmp_path / "empty"))
    r = subprocess.run([toksim, "report", str(out)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 3
    assert "toksim_analysis" in r.stderr and "TOKSIM_ANALYSIS_DIR" in r.stderr and "empty" in r.stderr


@pytest.mark.parametrize("command", ["run", "validate", "check", "diff", "sweep", "report", "schema"])
def test_every_subcommand_has_help_with_examples(toksim, command):
    r = run(toksim, command, "--help")
    assert r.returncode == 0
    assert "Examples:" in r.stdout


def test_usage_errors_exit_2(toksim):
    assert run(toksim).returncode == 2
    assert run(toksim, "run", "--threads", "many").returncode == 2
    assert run(toksim, "diff", "only_one.h5").returncode == 2


def test_schema_lists_keys_and_metrics(toksim):
    r = run(toksim, "schema")
    assert r.returncode == 0
    assert "token.allocations.team.cliff" in r.stdout
    assert "invariants[].max_drawdown" in r.stdout
    assert "gini" in r.stdout
