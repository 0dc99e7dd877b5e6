"""Reading toksim run files and sweep directories into pandas.

`load_run(path)` reads one run file (`NAME.h5`, or `NAME.h5.partial` of an interrupted or failed run) into a
`Run`: its root attributes, its metrics as a DataFrame in their units (int64 series multiplied by their `scale`
attribute), its event tables, and its agent snapshots on demand. `load_sweep(dir)` reads the directory
`toksim sweep` writes (`index.csv`, `run-NNNN.h5`) into a `Sweep`: the table of parameters and summary metrics,
and each run. `long_frame(...)` stacks runs into one long (cadCAD-style) DataFrame.

The file layout is that of docs/ARCHITECTURE.md ("The run file"): root attributes, `/time` (seconds since
genesis), `/metrics/<name>` with `unit`, `scale` and `description`, `/events/<table>/<column>`,
`/agents/<kind>/<column>` of shape [snapshots, agents] with their own `time` and `agent`.

Nothing here imports toksim itself: copying the `analysis/` folder and setting PYTHONPATH is enough.
"""
from __future__ import annotations

import math
import os
import pathlib
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Union

import numpy as np
import pandas as pd

import yaml

__all__ = [
    "DAY", "MONTH", "YEAR", "ToksimFileError", "Run", "Sweep", "load_run", "load_sweep", "load", "long_frame",
    "parse_duration",
]

DAY = 86_400
MONTH = 30 * DAY  # toksim's "mo": 30 days, everywhere
YEAR = 365 * DAY  # toksim's "y": 365 days

PathLike = Union[str, os.PathLike]

_TOKEN_BASE_UNITS = "token base units"  # event columns stored in 1e-6 tokens


class ToksimFileError(Exception):
    """A path that is missing or is not a toksim run file or sweep directory. The message names the path."""


_DURATION_UNITS = [("mo", MONTH), ("s", 1), ("m", 60), ("h", 3600), ("d", DAY), ("w", 7 * DAY), ("y", YEAR)]


def parse_duration(text) -> int:
    """Seconds in a toksim duration such as `90d`, `12mo`, `1y6mo` or `0` (the units of sim::parse_duration)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text == 0:
            return 0
        raise ValueError(f"expected a duration like 30d, got {text!r}")
    s = str(text).strip()
    if s == "0":
        return 0
    total, i = 0, 0
    while i < len(s):
        j = i
        while j < len(s) and s[j].isdigit():
            j += 1
        if j == i:
            raise ValueError(f"expected a duration like 30d, 12mo or 1y6mo, got {text!r}")
        value = int(s[i:j])
        for name, seconds in _DURATION_UNITS:
            if s.startswith(name, j) and not (j + len(name) < len(s) and s[j + len(name)].isalpha()):
                total += value * seconds
                i = j + len(name)
                break
        else:
            raise ValueError(f"expected a duration like 30d, 12mo or 1y6mo, got {text!r}")
        while i < len(s) and s[i] == " ":
            i += 1
    return total


def _text(value):
    """An attribute value as Python: bytes decoded, numpy scalars as int/float/bool."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "SO":
            return [_text(v) for v in value.tolist()]
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _h5py():
    try:
        import h5py  # noqa: PLC0415 - imported here so that a missing h5py is reported with a clear message
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("toksim_analysis needs h5py (Debian: apt-get install python3-h5py; pip: pip install h5py)") from e
    return h5py


def _column(ds):
    """A 1-D event or snapshot column as a numpy array (strings decoded)."""
    if ds.dtype.kind in "OS" or ds.dtype.kind == "U":
        return np.array(ds.asstr()[...], dtype=object) if ds.shape[0] else np.array([], dtype=object)
    return ds[...]


@dataclass
class Run:
    """One toksim run read from its file.

    Attributes:
      path: the file read.
      attrs: root attributes (strings decoded; numbers as int/float).
      time: seconds since genesis of each sample (int64 array).
      metrics: DataFrame indexed by `time_s` (seconds), one column per metric in its unit (value x scale).
      units / descriptions: per metric, from the dataset attributes.
      events: table name -> DataFrame (columns of /events/<name>; token amounts converted to tokens).
      event_units: table name -> column -> unit after conversion.
      snapshot_kinds: agent kinds with snapshots (/agents/<kind>).
    """

    path: pathlib.Path
    attrs: Dict[str, object]
    time: np.ndarray
    metrics: pd.DataFrame
    units: Dict[str, str]
    descriptions: Dict[str, str]
    events: Dict[str, pd.DataFrame]
    event_units: Dict[str, Dict[str, str]]
    snapshot_kinds: List[str]
    truncated: bool = False  # a .partial whose series had unequal lengths (cut to the shortest)
    _scenario: object = field(default=None, repr=False)
    _scenario_read: bool = field(default=False, repr=False)

    # ---- provenance ----
    @property
    def status(self) -> str:
        """The `status` attribute: "complete", "running", "interrupted: SIGINT at 1y31d of 3y", "failed: ..."."""
        return str(self.attrs.get("status", "unknown"))

    @property
    def complete(self) -> bool:
        """True when the run reached its horizon (status "complete" and the file has its final name)."""
        return self.status == "complete" and not self.partial

    @property
    def partial(self) -> bool:
        """True for a `NAME.h5.partial` file: the run was interrupted, failed, or is still running."""
        return self.path.name.endswith(".partial")

    @property
    def warning(self) -> Optional[str]:
        """A sentence saying why the numbers may not cover the whole horizon, or None for a complete run."""
        if self.complete:
            return None
        horizon = self.attrs.get("horizon_seconds")
        window = self.attrs.get("window_seconds") if isinstance(self.attrs.get("window_seconds"), int) else 0
        covered = f"{(self.time[-1] + window) / DAY:.0f}" if len(self.time) else "0"
        of = f" of {int(horizon) / DAY:.0f}" if isinstance(horizon, (int, float)) else ""
        kind = "an interrupted or failed run" if self.partial else "a run that did not complete"
        return (f"{self.path.name} is {kind} (status: {self.status}); its samples cover {covered}{of} days, and every "
                "number below is over that span only.")

    @property
    def name(self) -> str:
        """Scenario name (attribute `scenario_name`), else the file's stem."""
        return str(self.attrs.get("scenario_name") or self.stem)

    @property
    def stem(self) -> str:
        """The file name without `.h5` / `.h5.partial`."""
        n = self.path.name
        for suffix in (".partial", ".h5", ".hdf5"):
            if n.endswith(suffix):
                n = n[: -len(suffix)]
        return n

    @property
    def model(self) -> str:
        """`token_launch` or `compute_network` (attribute `model`)."""
        return str(self.attrs.get("model", "token_launch"))

    @property
    def seed(self):
        return self.attrs.get("seed")

    @property
    def label(self) -> str:
        """A short label for legends: scenario name and seed."""
        return f"{self.name} (seed {self.seed})" if self.seed is not None else self.name

    # ---- time ----
    @property
    def time_days(self) -> np.ndarray:
        """Sample times in days since genesis (float)."""
        return self.time / DAY

    def metrics_by_day(self) -> pd.DataFrame:
        """`metrics` with the index in days (float, named `time_days`)."""
        df = self.metrics.copy()
        df.index = pd.Index(self.time_days, name="time_days")
        return df

    def has(self, *names: str) -> bool:
        """Whether every named metric is recorded."""
        return all(n in self.metrics.columns for n in names)

    def series(self, name: str) -> Optional[pd.Series]:
        """One metric in its unit, indexed by seconds; None when not recorded."""
        return self.metrics[name] if name in self.metrics.columns else None

    def event(self, name: str) -> Optional[pd.DataFrame]:
        """The event table /events/<name>, or None when absent or empty."""
        df = self.events.get(name)
        return df if df is not None and len(df) else None

    # ---- scenario ----
    @property
    def scenario(self) -> Optional[dict]:
        """The effective scenario (attribute `scenario_yaml`) as a dict, or None when absent or unreadable."""
        if not self._scenario_read:
            self._scenario_read = True
            text = self.attrs.get("scenario_yaml")
            if isinstance(text, str):
                try:
                    value = yaml.safe_load(text)
                    self._scenario = value if isinstance(value, dict) else None
                except yaml.YAMLError:
                    self._scenario = None
        return self._scenario

    def scenario_value(self, dotted: str, default=None):
        """A value of the effective scenario by key path (`providers.groups`), or `default`."""
        node = self.scenario
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    # ---- snapshots ----
    def snapshots(self, kind: str) -> pd.DataFrame:
        """Agent snapshots of one kind (/agents/<kind>/<column>) as a long DataFrame indexed by (time_s, agent),
        one column per recorded column in its unit (value x scale). Raises KeyError naming the kinds present."""
        h5py = _h5py()
        with h5py.File(self.path, "r") as f:
            if "agents" not in f or kind not in f["agents"]:
                raise KeyError(f"{self.path}: no snapshots of {kind!r}; recorded kinds: {', '.join(self.snapshot_kinds) or 'none'}")
            g = f["agents"][kind]
            t = g["time"][...]
            agent = g["agent"][...]
            cols = {}
            n = None
            for c in g:
                if c in ("time", "agent"):
                    continue
                ds = g[c]
                if ds.ndim != 2:
                    continue
                scale = float(ds.attrs.get("scale", 1.0))
                v = ds[...]
                n = v.shape[0] if n is None else min(n, v.shape[0])
                cols[c] = v.astype(np.float64) * scale if (v.dtype.kind in "iu" and scale != 1.0) else v
            n = min(n if n is not None else 0, len(t))
            index = pd.MultiIndex.from_product([t[:n], agent], names=["time_s", "agent"])
            data = {c: v[:n].reshape(-1) for c, v in cols.items()}
            return pd.DataFrame(data, index=index)

    # ---- xarray ----
    def to_xarray(self):
        """The metrics as an xarray Dataset (dimension `time` in seconds, coordinate `time_days`; each variable
        with `unit` and `description`; root attributes on the Dataset). Needs xarray (imported here only)."""
        try:
            import xarray as xr  # noqa: PLC0415
        except ImportError as e:
            raise ImportError("Run.to_xarray needs xarray (Debian: apt-get install python3-xarray)") from e
        data = {
            name: xr.DataArray(self.metrics[name].to_numpy(), dims=("time",),
                               attrs={"unit": self.units.get(name, ""), "description": self.descriptions.get(name, "")})
            for name in self.metrics.columns
        }
        ds = xr.Dataset(data, coords={"time": ("time", self.time), "time_days": ("time", self.time_days)})
        ds["time"].attrs["unit"] = "s"
        ds.attrs.update({k: v for k, v in self.attrs.items() if isinstance(v, (str, int, float))})
        return ds


def load_run(path: PathLike) -> Run:
    """Reads a toksim run file (`NAME.h5` or `NAME.h5.partial`).

    Given `NAME.h5` that does not exist while `NAME.h5.partial` does (an interrupted run), the partial file is
    read. Raises ToksimFileError (naming the file) when it is missing or not a toksim run file.
    """
    p = pathlib.Path(path)
    if not p.exists():
        partial = p.with_name(p.name + ".partial")
        if partial.exists():
            p = partial
        else:
            raise ToksimFileError(f"{path}: no such file")
    if p.is_dir():
        raise ToksimFileError(f"{path}: a directory, not a run file (a sweep directory holds index.csv)")
    h5py = _h5py()
    try:
        f = h5py.File(p, "r")
    except OSError as e:
        reason = str(e).split("(")[0].strip() or "cannot be opened"
        raise ToksimFileError(f"{path}: not an HDF5 file or not readable ({reason})") from None
    with f:
        attrs = {k: _text(v) for k, v in f.attrs.items()}
        if "time" not in f or "toksim_version" not in attrs:
            raise ToksimFileError(f"{path}: not a toksim run file (it has no /time dataset or no toksim_version attribute)")
        time = f["time"][...].astype(np.int64)
        columns, units, descriptions = {}, {}, {}
        n = len(time)
        truncated = False
        if "metrics" in f:
            for name in f["metrics"]:
                ds = f["metrics"][name]
                if not isinstance(ds, h5py.Dataset) or ds.ndim != 1:
                    continue
                v = ds[...]
                scale = float(ds.attrs.get("scale", 1.0))
                if v.dtype.kind in "iu":
                    v = v.astype(np.float64) * scale
                elif scale != 1.0:
                    v = v * scale
                columns[name] = v
                units[name] = _text(ds.attrs.get("unit", ""))
                descriptions[name] = _text(ds.attrs.get("description", ""))
                if len(v) != n:
                    truncated = True
                n = min(n, len(v))
        time = time[:n]
        metrics = pd.DataFrame({k: v[:n] for k, v in columns.items()}, index=pd.Index(time, name="time_s"))
        events, event_units = {}, {}
        if "events" in f:
            for table in f["events"]:
                g = f["events"][table]
                if not isinstance(g, h5py.Group):
                    continue
                cols, cunits = {}, {}
                for c in g:
                    ds = g[c]
                    if not isinstance(ds, h5py.Dataset) or ds.ndim != 1:
                        continue
                    v = _column(ds)
                    unit = _text(ds.attrs.get("unit", ""))
                    if unit.startswith(_TOKEN_BASE_UNITS) and v.dtype.kind in "iu":
                        v = v.astype(np.float64) * 1e-6
                        unit = "token" + unit[len(_TOKEN_BASE_UNITS):].replace(" (1e-6 token)", "")
                    cols[c] = v
                    cunits[c] = unit
                m = min((len(v) for v in cols.values()), default=0)
                events[table] = pd.DataFrame({c: v[:m] for c, v in cols.items()})
                event_units[table] = cunits
        kinds = sorted(k for k in f["agents"]) if "agents" in f else []
    return Run(path=p, attrs=attrs, time=time, metrics=metrics, units=units, descriptions=descriptions,
               events=events, event_units=event_units, snapshot_kinds=kinds, truncated=truncated)


# ---------------------------------------------------------------------------------------------------------------
# Sweeps


_FIXED_FIRST = ["run", "status", "exit", "seed"]
_FIXED_LAST = ["wall_seconds", "file", "message"]


@dataclass
class Sweep:
    """A `toksim sweep` output directory.

    Attributes:
      dir: the directory.
      table: index.csv as a DataFrame (one row per run: run, status, exit, seed, the swept parameters, then
        <metric>_final/_min/_max per summary metric, wall_seconds, file, message); parameter values that are
        numbers are numbers.
      params: the swept parameter columns (scenario key paths), in index order.
      summary_metrics: the metrics summarised in the index.
    """

    dir: pathlib.Path
    table: pd.DataFrame
    params: List[str]
    summary_metrics: List[str]
    _runs: Dict[int, Run] = field(default_factory=dict, repr=False)

    @property
    def varying(self) -> List[str]:
        """The parameters that take more than one value (seed excluded)."""
        return [p for p in self.params if self.table[p].nunique(dropna=False) > 1]

    @property
    def has_seeds(self) -> bool:
        """Whether runs differ by seed (Monte Carlo)."""
        return "seed" in self.table and self.table["seed"].nunique(dropna=True) > 1

    def path_of(self, i: int) -> pathlib.Path:
        """The file of run i (the final name, else its .partial)."""
        row = self.table.loc[self.table["run"] == i].iloc[0]
        name = row["file"] if isinstance(row.get("file"), str) and row["file"] else f"run-{i:04d}.h5"
        p = self.dir / name
        if not p.exists() and (self.dir / (name + ".partial")).exists():
            p = self.dir / (name + ".partial")
        return p

    def run(self, i: int) -> Run:
        """Run i, read from its file (cached). Raises ToksimFileError when its file is missing."""
        if i not in self._runs:
            self._runs[i] = load_run(self.path_of(i))
        return self._runs[i]

    def runs(self, complete_only: bool = True) -> List[Run]:
        """Every run whose file can be read (only those with status complete in the index by default)."""
        out = []
        for _, row in self.table.iterrows():
            if complete_only and row["status"] != "complete":
                continue
            try:
                out.append(self.run(int(row["run"])))
            except ToksimFileError:
                continue
        return out

    def groups(self) -> Dict[tuple, List[int]]:
        """Runs grouped by their parameter values (the seeds of one combination together): values -> run ids."""
        if not self.params:
            return {(): [int(r) for r in self.table["run"]]}
        out: Dict[tuple, List[int]] = {}
        for _, row in self.table.iterrows():
            out.setdefault(tuple(row[p] for p in self.params), []).append(int(row["run"]))
        return out


def _number(value):
    if isinstance(value, str):
        try:
            v = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return v
    return value


def load_sweep(path: PathLike) -> Sweep:
    """Reads a sweep directory (its index.csv; runs are read on demand). Raises ToksimFileError when the
    directory or its index is missing or unreadable."""
    d = pathlib.Path(path)
    if not d.is_dir():
        raise ToksimFileError(f"{path}: no such directory")
    index = d / "index.csv"
    if not index.exists():
        raise ToksimFileError(f"{path}: not a toksim sweep directory (no index.csv; run `toksim sweep` first)")
    try:
        raw = pd.read_csv(index, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise ToksimFileError(f"{index}: unreadable index ({e})") from None
    cols = list(raw.columns)
    if cols[:4] != _FIXED_FIRST or cols[-3:] != _FIXED_LAST:
        raise ToksimFileError(f"{index}: not a toksim sweep index (expected columns run,status,exit,seed,...,"
                              "wall_seconds,file,message)")
    middle = cols[4:-3]
    # Summary metrics come as <m>_final, <m>_min, <m>_max triples at the end of the middle part.
    summary: List[str] = []
    k = len(middle)
    while k >= 3 and middle[k - 3].endswith("_final") and middle[k - 2].endswith("_min") and middle[k - 1].endswith("_max"):
        base = middle[k - 3][: -len("_final")]
        if middle[k - 2] != base + "_min" or middle[k - 1] != base + "_max":
            break
        summary.insert(0, base)
        k -= 3
    params = middle[:k]
    table = raw.copy()
    for c in ["run", "exit"]:
        table[c] = pd.to_numeric(table[c], errors="coerce").astype("Int64")
    table["seed"] = pd.to_numeric(table["seed"].replace("", np.nan), errors="coerce").astype("Int64")
    for c in middle[k:] + ["wall_seconds"]:
        table[c] = pd.to_numeric(table[c].replace("", np.nan), errors="coerce")
    for p in params:
        values = [_number(v) for v in table[p]]
        if all(isinstance(v, (int, float)) for v in values):
            table[p] = pd.Series(values, dtype=float if any(isinstance(v, float) for v in values) else "int64")
        else:
            table[p] = pd.Series([str(v) for v in table[p]], dtype=object)
    return Sweep(dir=d, table=table, params=params, summary_metrics=summary)


def load(path: PathLike) -> Union[Run, Sweep]:
    """A run file or a sweep directory, whichever `path` is."""
    p = pathlib.Path(path)
    return load_sweep(p) if p.is_dir() else load_run(p)


# ---------------------------------------------------------------------------------------------------------------
# Long frames


def long_frame(runs: Union[Run, Sweep, Iterable[Run]], metrics: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """A cadCAD-style long DataFrame: one row per run and sample.

    Columns: `run` (the sweep's run id, else the position in `runs`), `timestep` (0, 1, ... per run),
    `time_days`, then one column per metric (all, or `metrics`; a metric a run lacks is NaN), then for a sweep
    `seed` and the swept parameters.
    """
    params: List[str] = []
    if isinstance(runs, Sweep):
        sweep = runs
        items = []
        for _, row in sweep.table.iterrows():
            if row["status"] != "complete":
                continue
            try:
                items.append((int(row["run"]), sweep.run(int(row["run"])), row))
            except ToksimFileError:
                continue
        params = ["seed"] + sweep.params
    else:
        seq = [runs] if isinstance(runs, Run) else list(runs)
        items = [(i, r, None) for i, r in enumerate(seq)]
    names: List[str] = list(metrics) if metrics is not None else []
    if metrics is None:
        for _, r, _ in items:
            names += [c for c in r.metrics.columns if c not in names]
    frames = []
    for rid, r, row in items:
        df = pd.DataFrame({"run": rid, "timestep": np.arange(len(r.time)), "time_days": r.time_days})
        for m in names:
            df[m] = r.metrics[m].to_numpy() if m in r.metrics.columns else math.nan
        for p in params:
            df[p] = row[p]
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=["run", "timestep", "time_days", *names, *params])
    return pd.concat(frames, ignore_index=True)
