"""Fixtures for the toksim command-line tests: where the `toksim` binary is.

The binary is taken from the --toksim option, else from the TOKSIM_BIN environment variable:

    TOKSIM_BIN=build/mine/bindings/cli/toksim python3 -m pytest -q tests/cli
    python3 -m pytest -q tests/cli --toksim build/mine/bindings/cli/toksim
"""
import os
import pathlib

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--toksim",
        action="store",
        default=None,
        help="path of the toksim binary (default: $TOKSIM_BIN)",
    )


@pytest.fixture(scope="session")
def toksim(request):
    """Absolute path of the toksim binary under test."""
    value = request.config.getoption("--toksim") or os.environ.get("TOKSIM_BIN")
    if not value:
        pytest.fail(
            "no toksim binary given: set TOKSIM_BIN=/path/to/toksim or pass --toksim /path/to/toksim",
            pytrace=False,
        )
    path = pathlib.Path(value).expanduser().resolve()
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(f"toksim binary {value!r} (resolved to {path}) is not an executable file", pytrace=False)
    return str(path)
