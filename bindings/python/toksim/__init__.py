"""toksim from Python: scenarios, simulations, sweeps and the mechanisms, on the compiled core.

    import toksim
    sc = toksim.Scenario.from_yaml("scenarios/examples/token_launch.yaml", {"run.horizon": "90d"})
    sim = toksim.Simulation(sc, threads=2).run()
    sim.metric("price")          # a NumPy view of the C++ samples, no copy
    sim.to_pandas()              # every metric in its unit, indexed by day

Reading run files needs no compiled code: `toksim_analysis` (also reachable as `toksim.analysis`).
"""
try:
    from . import _core
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError(
        "toksim's compiled module (toksim._core) is missing or was built for another Python: build it with "
        "`cmake --preset ci && cmake --build --preset ci` (TOKSIM_BUILD_PYTHON=ON) and put build/ci/python on "
        "PYTHONPATH, or run scripts/run.sh as root to install it. To read run files without it, use the "
        f"pure-Python package toksim_analysis. ({e})"
    ) from e

from ._core import (  # noqa: F401  (re-exported)
    ConfigError,
    ConservationError,
    Error,
    ModelError,
    ParseError,
    ScenarioError,
    default_scenario_yaml,
    format_duration,
    parse_duration,
    schema,
)
from .scenario import Scenario, validate  # noqa: F401
from .simulation import Simulation  # noqa: F401
from .sweep import sweep  # noqa: F401

__version__ = _core.__version__
git_sha = _core.git_sha

__all__ = [
    "Scenario",
    "Simulation",
    "sweep",
    "validate",
    "schema",
    "parse_duration",
    "format_duration",
    "default_scenario_yaml",
    "ScenarioError",
    "ConfigError",
    "ParseError",
    "ConservationError",
    "ModelError",
    "Error",
    "mechanisms",
    "analysis",
]


def __getattr__(name):
    # Submodules loaded on first use: `toksim.mechanisms`, `toksim.analysis`.
    if name in ("mechanisms", "analysis"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'toksim' has no attribute {name!r}")
