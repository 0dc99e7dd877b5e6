"""Fixtures for the Python-package tests: the repository's paths and the `toksim` binary (optional).

Run with the build's package first on the path:

    PYTHONPATH=build/ci/python TOKSIM_BIN=build/ci/bindings/cli/toksim /usr/bin/python3 -m pytest -q tests/python
"""
import os
import pathlib
import signal
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
LAUNCH = ROOT / "scenarios" / "examples" / "token_launch.yaml"
SMALL = {"agents.holders.count": 3000, "run.horizon": "120d"}
SMALL_COMPUTE = {"data.contributors": 5000, "run.horizon": "20d"}


def _binary():
    """The toksim binary named by TOKSIM_BIN (resolved), or None when it is not set."""
    value = os.environ.get("TOKSIM_BIN")
    if not value:
        return None
    path = pathlib.Path(value).expanduser().resolve()
    if not path.is_file():
        pytest.fail(f"TOKSIM_BIN={value!r} is not a file", pytrace=False)
    return str(path)


@pytest.fixture(scope="session")
def toksim():
    """The toksim binary from TOKSIM_BIN, which the suites that make runs need."""
    path = _binary()
    if path is None:
        pytest.fail("set TOKSIM_BIN=/path/to/toksim", pytrace=False)
    return path


@pytest.fixture(scope="session")
def toksim_bin():
    """The toksim binary from TOKSIM_BIN, for comparisons with the command line; skips when not given."""
    path = _binary()
    if path is None:
        pytest.skip("TOKSIM_BIN not set")
    return path


def run_toksim(toksim, scenario, out, *sets, seed=None):
    """`toksim run SCENARIO -o OUT --quiet --threads 2 --set ...`; asserts it succeeds and returns OUT."""
    args = [toksim, "run", str(scenario), "-o", str(out), "--quiet", "--threads", "2"]
    for s in sets:
        args += ["--set", s]
    if seed is not None:
        args += ["--seed", str(seed)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out


def interrupted_run(toksim, directory):
    """A 40-year token launch stopped by SIGINT once its file has some samples: returns (NAME.h5 that does not
    exist, its NAME.h5.partial, the exit code)."""
    out = pathlib.Path(directory) / "long.h5"
    p = subprocess.Popen([toksim, "run", str(LAUNCH), "-o", str(out), "--quiet", "--set", "agents.holders.count=20000",
                          "--set", "run.horizon=40y", "--threads", "1"], stderr=subprocess.PIPE, text=True)
    partial = pathlib.Path(str(out) + ".partial")
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.1)
        if partial.exists() and partial.stat().st_size > 30_000:
            break
    p.send_signal(signal.SIGINT)
    p.communicate(timeout=60)
    return out, partial, p.returncode
