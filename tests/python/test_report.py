"""Pins the HTML report `python3 -m toksim_analysis.report` on real toksim runs: one run (provenance, the key
numbers first with the values of the run file, the plots of its model embedded as PNG, the invariants, the
governance tables), a comparison of runs (key numbers side by side with differences, overlaid curves), a sweep
directory (its table, fan charts across seeds, heat maps of a two-parameter grid, DIR/report.html by default), an
interrupted run's warning banner; that the file is self-contained (no script, no stylesheet link, no http(s)
source or link, every image a data: URI that decodes as a PNG); and the errors (a missing file, a file that is
not a toksim run, a directory without index.csv: exit 2, the file named on stderr, nothing written).

Leaves out how the numbers are computed (test_analysis.py) and `toksim report` itself (tests/cli/test_cli.py).
Runs use small populations and short horizons; the binary comes from TOKSIM_BIN.
"""
import base64
import html
import os
import pathlib
import re
import subprocess
import sys

import h5py
import numpy as np
import pytest

from conftest import interrupted_run, run_toksim

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANALYSIS = ROOT / "analysis"
EXAMPLES = ROOT / "scenarios" / "examples"
LAUNCH = EXAMPLES / "token_launch.yaml"


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ANALYSIS) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def report(*args, cwd=None):
    """Runs the report module as a user would, with Debian's python3 (this interpreter)."""
    return subprocess.run([sys.executable, "-m", "toksim_analysis.report", *map(str, args)], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=300)




@pytest.fixture(scope="module")
def runs(toksim, tmp_path_factory):
    d = tmp_path_factory.mktemp("runs")
    holders = "agents.holders.count=3000"
    return {
        "launch": run_toksim(toksim, LAUNCH, d / "launch.h5", holders, "run.horizon=400d"),
        "launch7": run_toksim(toksim, LAUNCH, d / "launch7.h5", holders, "run.horizon=400d", seed=7),
        "capture": run_toksim(toksim, EXAMPLES / "governance_capture.yaml", d / "capture.h5", "data.contributors=5000"),
    }


def check_self_contained(text: str):
    """No scripts, no stylesheet links, nothing fetched: every src/href is local (data: or #anchor)."""
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I), "a network reference"
    assert "<script" not in text.lower() and "<link" not in text.lower() and "@import" not in text
    images = re.findall(r'<img [^>]*src="([^"]+)"', text)
    assert images, "no plots"
    for src in images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    return images


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_one_run_report_has_provenance_key_numbers_first_plots_and_invariants(runs, tmp_path):
    out = tmp_path / "launch.html"
    r = report(runs["launch"], "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"html report: {out}"
    page = out.read_text()
    images = check_self_contained(page)
    assert len(images) >= 4  # price and supply, circulating vs locked, treasury, inequality
    words = text_of(page)
    with h5py.File(runs["launch"]) as f:
        for attr in ("scenario_name", "toksim_version", "git_sha", "status"):
            assert str(f.attrs[attr]) in words, attr
        assert f"{f.attrs['wall_seconds']:.2f} s" in words
        price = f["metrics/price"][:]
    # The key numbers come before the plots, with the drawdown of the file's price.
    assert page.index("Key numbers") < page.index("Plots") < page.index("Invariants")
    dd = np.max(1 - price / np.maximum.accumulate(price))
    assert f"−{100 * dd:.1f}%" in words
    for question in ("Peak-to-trough price", "Largest unlock days", "Supply inflation per year", "Treasury runway",
                     "Provider break-even token price", "Sybil capture share"):
        assert question in words
    assert "a token-launch run has no compute providers" in words
    assert words.count("holds") >= 3  # the example's three invariants
    assert "Interrupted" not in words
    assert "Governance" not in words  # a token launch has no governance tables


def test_a_compute_run_with_governance_gets_its_plots_and_tables(runs, tmp_path):
    out = tmp_path / "capture.html"
    r = report(runs["capture"], "-o", out)
    assert r.returncode == 0, r.stderr
    page = out.read_text()
    check_self_contained(page)
    words = text_of(page)
    for caption in ("Providers on the network by GPU type", "Providers' average daily profit per GPU",
                    "Tokens paid to each recipient class", "Each proposal's state over time"):
        assert caption in words
    assert "Proposals" in words and "State transitions" in words
    with h5py.File(runs["capture"]) as f:
        title = f["events/proposals/title"].asstr()[0]
        p = f["events/proposals"]
        share = p["sybil_votes"][0] / (p["for"][0] + p["against"][0] + p["abstain"][0])
    assert title in words
    assert f"{100 * share:.1f}% of the votes" in words
    assert "BROKEN" in words  # the example's treasury rule breaks when the grant executes


def test_a_comparison_puts_key_numbers_side_by_side_with_differences(runs, tmp_path):
    out = tmp_path / "cmp.html"
    r = report(runs["launch"], runs["launch7"], "-o", out)
    assert r.returncode == 0, r.stderr
    page = out.read_text()
    images = check_self_contained(page)
    words = text_of(page)
    assert "A: token_launch (seed 42)" in words and "B: token_launch (seed 7)" in words
    assert "B − A" in words
    assert "points" in words  # drawdown and inflation differences in percentage points
    assert "Metrics overlaid" in words and len(images) > 10


def test_a_sweep_directory_gets_its_table_fans_and_heat_maps(toksim, tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(
        f"scenario: {LAUNCH}\n"
        "output: out\n"
        "parallel: 2\n"
        "set: {agents.holders.count: 2000, run.horizon: 60d}\n"
        "grid: {market.amm_fee: [0.003, 0.03], staking.stakers: [0.1, 0.5]}\n"
        "seeds: 2\n"
        "summary: [price, supply]\n")
    r = subprocess.run([toksim, "sweep", str(spec)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    r = report("out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out" / "report.html"
    assert out.exists()
    page = out.read_text()
    check_self_contained(page)
    words = text_of(page)
    assert "toksim sweep: out" in words and "8 (8 complete)" in words
    assert "Key numbers by parameter set" in words and "Across seeds" in words and "Heat maps" in words
    assert "Final price by market.amm_fee and staking.stakers, mean over seeds." in words


def test_an_interrupted_run_gets_a_warning_banner(toksim, tmp_path):
    out, partial, _ = interrupted_run(toksim, tmp_path)
    r = report(partial, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "long.html").read_text()  # STEM.html here, .h5.partial stripped
    assert 'class="banner"' in page
    words = text_of(page)
    assert "Interrupted or incomplete run" in words and "interrupted: SIGINT" in words


def test_bad_inputs_exit_2_naming_the_file_and_write_nothing(runs, tmp_path):
    out = tmp_path / "x.html"
    r = report(tmp_path / "missing.h5", "-o", out)
    assert r.returncode == 2 and "missing.h5: no such file" in r.stderr and not out.exists()
    notes = tmp_path / "notes.h5"
    notes.write_text("hello")
    r = report(runs["launch"], notes, "-o", out)
    assert r.returncode == 2 and "notes.h5: not an HDF5 file" in r.stderr and not out.exists()
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["data"] = np.arange(3)
    r = report(foreign, "-o", out)
    assert r.returncode == 2 and "foreign.h5: not a toksim run file" in r.stderr and not out.exists()
    r = report(tmp_path, "-o", out)
    assert r.returncode == 2 and "not a toksim sweep directory" in r.stderr and not out.exists()
    assert report("--no-such-option", runs["launch"]).returncode == 2
