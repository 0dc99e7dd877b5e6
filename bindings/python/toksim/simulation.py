"""toksim.Simulation: a scenario run from Python, in steps or to its horizon, with the metrics and the agents'
columns as NumPy arrays that view the simulator's memory (no copy).

The GIL is released while the simulator runs (other Python threads go on), and Ctrl-C raises
KeyboardInterrupt between sampling periods, leaving the output file (if any) as NAME.h5.partial marked
"interrupted". Results are identical for any `threads`.
"""
import os
from typing import Optional, Union

import numpy as np

from . import _core
from .scenario import Scenario

Until = Union[int, str, None]


class Simulation:
    """Runs a Scenario. `output` (optional) is the HDF5 run file written as it goes, as `toksim run -o` would.

        sim = toksim.Simulation(scenario, threads=2, output="run.h5")
        sim.step(until="30d")        # run the first 30 days
        sim.metric("price")          # read-only NumPy view of the samples so far
        sim.run()                    # on to the horizon
    """

    def __init__(self, scenario: Union[Scenario, str, os.PathLike, dict, None] = None, *, threads: int = 0,
                 output: Union[str, os.PathLike, None] = None):
        if scenario is None:
            scenario = Scenario.default()
        elif isinstance(scenario, dict):
            scenario = Scenario.from_dict(scenario)
        elif not isinstance(scenario, Scenario):
            scenario = Scenario.from_yaml(scenario)
        if threads < 0:
            raise ValueError(f"threads: expected 0 (one per core) or more, got {threads}")
        self._scenario = scenario
        self._core = _core.SimulationCore(scenario._core, threads, None if output is None else os.fspath(output))

    # ---- running ------------------------------------------------------------------------------------------
    def step(self, until: Until = None) -> int:
        """Runs to `until` (seconds since genesis, or a duration such as "30d"; None: one sampling period more),
        clamped to the horizon. Returns the number of samples recorded."""
        if until is None:
            target = self.now + self._scenario.sample_every
        elif isinstance(until, str):
            target = _core.parse_duration(until)
        else:
            target = int(until)
        return self._core.step(target)

    def run(self) -> "Simulation":
        """Runs to the horizon; returns self."""
        self._core.step(self.horizon)
        return self

    def request_stop(self) -> None:
        """Asks a run going on in another thread to stop at its next sampling period, as Ctrl-C would: its
        step() or run() ends the output as interrupted and raises KeyboardInterrupt. (Ctrl-C itself reaches only
        the main thread.)"""
        self._core.request_stop()

    def close(self) -> None:
        """Ends an unfinished run's output (kept as NAME.h5.partial, status "stopped")."""
        self._core.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # ---- state --------------------------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def now(self) -> int:
        """Simulated seconds reached."""
        return self._core.now

    @property
    def horizon(self) -> int:
        return self._core.horizon

    @property
    def done(self) -> bool:
        return self._core.done

    @property
    def events(self) -> int:
        """Events processed so far."""
        return self._core.events

    @property
    def threads(self) -> int:
        return self._core.threads

    @property
    def status(self) -> str:
        """"" before the first step, then "running", "complete", "interrupted: ...", "failed: ..." or "stopped: ..."."""
        return self._core.status

    @property
    def output(self) -> Optional[str]:
        """Where the run file is now (NAME.h5.partial until the run completes), or None."""
        out = self._core.output
        return None if out is None else os.fspath(out)

    def digest(self) -> str:
        """Hash of the model's state: equal for any thread count."""
        return self._core.digest()

    # ---- metrics ------------------------------------------------------------------------------------------
    @property
    def time(self) -> np.ndarray:
        """Sample times in seconds (int64), a read-only view of C++ memory."""
        return self._core.time

    @property
    def metric_names(self) -> list:
        return [m["name"] for m in self._scenario.metrics]

    def metric(self, name: str) -> np.ndarray:
        """A metric's samples as stored, a read-only view of C++ memory (no copy): int64 for exact metrics (token
        amounts in base units: multiply by `metric_info(name)["scale"]` for tokens), float64 otherwise. The view
        has the samples recorded when it was taken; the array keeps the simulation alive."""
        return self._core.metric(name)

    def metric_info(self, name: str) -> dict:
        for m in self._scenario.metrics:
            if m["name"] == name:
                return dict(m)
        raise KeyError(f"no metric {name!r}")

    @property
    def metrics(self) -> dict:
        """Every metric: name -> read-only view (see `metric`)."""
        return {name: self._core.metric(name) for name in self.metric_names}

    def values(self, name: str) -> np.ndarray:
        """A metric in its unit (value * scale) as float64: a copy."""
        info = self.metric_info(name)
        raw = self._core.metric(name)
        return raw * info["scale"] if info["integer"] else np.array(raw, dtype=np.float64)

    def to_pandas(self):
        """Every metric in its unit, indexed by simulated day (float), with `time_s` (seconds) as a column."""
        import pandas as pd

        data = {"time_s": np.array(self.time)}
        for name in self.metric_names:
            data[name] = self.values(name)
        df = pd.DataFrame(data, index=pd.Index(np.array(self.time) / 86400.0, name="day"))
        df.attrs["units"] = {m["name"]: m["unit"] for m in self._scenario.metrics}
        df.attrs["scenario"] = self._scenario.name
        df.attrs["seed"] = self._scenario.seed
        return df

    def check(self) -> list:
        """The scenario's invariants on the samples so far: dicts of name, metric, rule, ok, message."""
        return self._core.check()

    # ---- agents and events --------------------------------------------------------------------------------
    @property
    def kinds(self) -> dict:
        """Agent kinds and their row counts."""
        return dict(self._core.kinds)

    def agents(self, kind: str) -> dict:
        """Every stored column of one kind of agent: name -> read-only NumPy view of C++ memory that follows the
        run (balances in token base units, 1e-6 token)."""
        return self._core.agent_arrays(kind)

    def agents_frame(self, kind: str):
        """One kind's columns as a pandas DataFrame (a copy)."""
        import pandas as pd

        return pd.DataFrame({k: np.array(v) for k, v in self.agents(kind).items()})

    def events_tables(self) -> dict:
        """What happened so far (governance proposals, airdrops, QF rounds ...): name -> pandas DataFrame."""
        import pandas as pd

        return {name: pd.DataFrame(cols) for name, cols in self._core.event_tables().items()}

    def unlocks(self):
        """The insiders' vesting releases within the horizon: time (s), group, tokens (base units)."""
        import pandas as pd

        return pd.DataFrame(self._core.unlocks())

    def __repr__(self) -> str:
        return (f"<toksim.Simulation {self._scenario.name!r} at {_core.format_duration(self.now)} of "
                f"{_core.format_duration(self.horizon)}, {self.events} events, {self.status or 'not started'}>")
