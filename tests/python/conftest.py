"""Fixtures for the Python-package tests: the repository's paths and the `toksim` binary (optional).

Run with the build's package first on the path:

    PYTHONPATH=build/ci/python TOKSIM_BIN=build/ci/bindings/cli/toksim /usr/bin/python3 -m pytest -q tests/python
"""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
LAUNCH = ROOT / "scenarios" / "examples" / "token_launch.yaml"
SMALL = {"agents.holders.count": 3000, "run.horizon": "120d"}
SMALL_COMPUTE = {"data.contributors": 5000, "run.horizon": "20d"}


@pytest.fixture(scope="session")
def toksim_bin():
    """The toksim binary from TOKSIM_BIN, for comparisons with the command line; skips when not given."""
    value = os.environ.get("TOKSIM_BIN")
    if not value:
        pytest.skip("TOKSIM_BIN not set")
    return str(pathlib.Path(value).resolve())
