"""toksim.sweep: many runs of one scenario over a grid, zipped lists and Monte Carlo seeds, in this process,
summarised as a pandas DataFrame with the columns of `toksim sweep`'s index.csv (run, status, seed, the
parameters, then <metric>_final, <metric>_min and <metric>_max, wall_seconds, file).

Runs go one after another (each on `threads` threads), or `parallel` at a time on Python threads: the
simulator releases the GIL. Ctrl-C stops every run going on (their files are marked interrupted) and raises
KeyboardInterrupt. For a sweep file, use `toksim sweep FILE` and `toksim_analysis.load_sweep(DIR)`.
"""
import builtins
import itertools
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np

from .scenario import Scenario
from .simulation import Simulation


def sweep(scenario: Union[Scenario, str, os.PathLike, dict, None] = None, *,
          grid: Optional[Mapping[str, Sequence[Any]]] = None,
          zip: Optional[Mapping[str, Sequence[Any]]] = None,  # noqa: A002 - the name of the sweep file's key
          seeds: Union[int, Iterable[int], None] = None,
          set: Optional[Mapping[str, Any]] = None,  # noqa: A002
          summary: Optional[Sequence[str]] = None,
          threads: int = 0,
          parallel: int = 1,
          output_dir: Union[str, os.PathLike, None] = None):
    """Runs `scenario` for every combination of `grid` (Cartesian product) crossed with the lists of `zip`
    (walked together) and `seeds` (N: seeds 1..N; or a list), with `set` applied to all. Every run's scenario is
    validated before any runs. `summary`: the metrics summarised (default: all). `output_dir`: also write
    run-NNNN.h5 files there. Returns a DataFrame, one row per run; a failed run has its status and no summary."""
    import pandas as pd

    if scenario is None:
        base = Scenario.default()
    elif isinstance(scenario, Scenario):
        base = scenario
    elif isinstance(scenario, Mapping):
        base = Scenario.from_dict(scenario)
    else:
        base = Scenario.from_yaml(scenario)
    if set:
        base = base.with_overrides(set)
    grid = dict(grid or {})
    zipped = dict(zip or {})
    for key, values in list(grid.items()) + list(zipped.items()):
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
            raise ValueError(f"{key}: expected a non-empty list of values, got {values!r}")
    lengths = {len(v) for v in zipped.values()}
    if len(lengths) > 1:
        raise ValueError(f"zip: expected lists of equal length, got lengths {sorted(lengths)}")
    if isinstance(seeds, int):
        if seeds < 1:
            raise ValueError(f"seeds: expected a count of at least 1, got {seeds}")
        seed_list = list(range(1, seeds + 1))
    else:
        seed_list = list(seeds) if seeds is not None else [None]
    if parallel < 1:
        raise ValueError(f"parallel: expected 1 or more, got {parallel}")

    grid_points = [dict(builtins.zip(grid.keys(), combo)) for combo in itertools.product(*grid.values())] or [{}]
    zip_points = ([dict(builtins.zip(zipped.keys(), combo)) for combo in builtins.zip(*zipped.values())]
                  if zipped else [{}])
    runs = []
    for g in grid_points:
        for z in zip_points:
            for seed in seed_list:
                params = {**g, **z}
                overrides = dict(params)
                if seed is not None:
                    overrides["seed"] = seed
                runs.append((params, seed, base.with_overrides(overrides)))  # validates every run first
    names = list(summary) if summary is not None else [m["name"] for m in base.metrics]
    known = {m["name"] for m in base.metrics}
    for name in names:
        if name not in known:
            raise ValueError(f"summary: no metric {name!r} (known: {', '.join(sorted(known))})")
    if output_dir is not None:
        os.makedirs(output_dir, exist_ok=True)

    live = {}  # run index -> its Simulation while it runs (so that Ctrl-C can stop runs on other threads)
    stopping = threading.Event()

    def one(i):
        params, seed, sc = runs[i]
        row = {"run": i, "status": "", "seed": seed if seed is not None else sc.seed, **params}
        out = None if output_dir is None else os.path.join(output_dir, f"run-{i:04d}.h5")
        t0 = time.monotonic()
        if stopping.is_set():
            raise KeyboardInterrupt
        try:
            sim = Simulation(sc, threads=threads, output=out)
            live[i] = sim
            if stopping.is_set():
                sim.request_stop()
            sim.run()
            row["status"] = sim.status
            for name in names:
                v = sim.values(name)
                v = v[~np.isnan(v)] if v.dtype.kind == "f" else v
                row[f"{name}_final"] = float(v[-1]) if len(v) else math.nan
                row[f"{name}_min"] = float(v.min()) if len(v) else math.nan
                row[f"{name}_max"] = float(v.max()) if len(v) else math.nan
            row["file"] = sim.output
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as e:  # a failed run is recorded, the others go on (as `toksim sweep` does)
            row["status"] = f"failed: {e}"
        finally:
            live.pop(i, None)
        row["wall_seconds"] = time.monotonic() - t0
        return row

    if parallel == 1:
        rows = [one(i) for i in range(len(runs))]
    else:
        pool = ThreadPoolExecutor(max_workers=parallel)
        try:
            rows = list(pool.map(one, range(len(runs))))
        except KeyboardInterrupt:
            # Ctrl-C reached the main thread: stop the runs going on in the others (each ends its file as
            # interrupted), and start no more.
            stopping.set()
            for sim in list(live.values()):
                sim.request_stop()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return pd.DataFrame(rows).set_index("run")

