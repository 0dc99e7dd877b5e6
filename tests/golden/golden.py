"""Golden outputs: what the embedded default and every example scenario produce, pinned as content hashes.

A golden file (tests/golden/<case>.golden) is text, one line per HDF5 dataset of a short run of the case:

    <sha256 of the dataset's bytes>  <path>  <dtype>  <shape>  <dataset attributes>

plus the run's `digest` root attribute (the model's own digest of its final state) and the attributes that say
what was run (model, seed, horizon, window). Attributes that change from run to run or with the machine
(started_utc, wall_seconds, threads, ranks, shards, git_sha, toksim_version, output_file) and the scenario text
(which records the shard override) are left out, so that one golden holds for every thread and shard count.
When a golden moves, `git diff` shows which datasets moved.

Used by tests/cli/test_golden.py (compare) and scripts/update-golden.sh (regenerate: `python3 golden.py --update`).
"""
import argparse
import hashlib
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN_DIR = pathlib.Path(__file__).resolve().parent
EXAMPLES = ROOT / "scenarios" / "examples"

# Root attributes that say what was run; the rest are volatile or depend on the shard count.
PINNED_ATTRIBUTES = ["model", "seed", "horizon_seconds", "window_seconds", "scenario_name", "status", "digest"]

# A case: the scenario (None: the embedded default) and the overrides that keep it short enough for CI while its
# story still happens (each governance example runs past its first execution, poll, request or round).
_COMPUTE_SMALL = ["data.contributors=5000"]
_LAUNCH_SMALL = ["agents.holders.count=3000"]
CASES = {
    "default": (None, _COMPUTE_SMALL + ["run.horizon=20d"]),
    "airdrop_farmed": ("airdrop_farmed.yaml", _COMPUTE_SMALL + ["run.horizon=50d"]),
    "conviction_funding": ("conviction_funding.yaml", _COMPUTE_SMALL + ["run.horizon=30d"]),
    "demand_shortfall": ("demand_shortfall.yaml", _COMPUTE_SMALL + ["run.horizon=20d"]),
    "emission_comparison": ("emission_comparison.yaml", _LAUNCH_SMALL + ["run.horizon=120d"]),
    "fee_split_poll": ("fee_split_poll.yaml", _COMPUTE_SMALL + ["run.horizon=30d"]),
    "fee_split_vote": ("fee_split_vote.yaml", _COMPUTE_SMALL + ["run.horizon=75d"]),
    "governance_capture": ("governance_capture.yaml", _COMPUTE_SMALL + ["run.horizon=20d"]),
    "provider_exodus": ("provider_exodus.yaml", _COMPUTE_SMALL + ["run.horizon=20d"]),
    "qf_round_farmed": ("qf_round_farmed.yaml", _COMPUTE_SMALL + ["run.horizon=40d"]),
    "royalty_split": ("royalty_split.yaml", _COMPUTE_SMALL + ["run.horizon=20d"]),
    "token_launch": ("token_launch.yaml", _LAUNCH_SMALL + ["run.horizon=120d"]),
    "vc_cliff_crash": ("vc_cliff_crash.yaml", _LAUNCH_SMALL + ["run.horizon=400d"]),
    "whale_capture": ("whale_capture.yaml", _COMPUTE_SMALL + ["run.horizon=42d"]),
}


def command(toksim, case, out, threads=None, shards=None):
    """The `toksim run` command line of a case."""
    scenario, sets = CASES[case]
    args = [str(toksim), "run"]
    if scenario is not None:
        args.append(str(EXAMPLES / scenario))
    args += ["-o", str(out), "--quiet"]
    for s in sets + ([f"run.shards={shards}"] if shards is not None else []):
        args += ["--set", s]
    if threads is not None:
        args += ["--threads", str(threads)]
    return args


def _attr_text(value):
    if isinstance(value, bytes):
        value = value.decode()
    if hasattr(value, "tolist"):
        value = value.tolist()
    return repr(value)


def fingerprint(path):
    """The golden text of a run file: a header of pinned root attributes, then one line per dataset."""
    import h5py
    import numpy as np

    lines = []
    with h5py.File(path, "r") as f:
        for name in PINNED_ATTRIBUTES:
            if name in f.attrs:
                lines.append(f"@{name} {_attr_text(f.attrs[name])}")
        datasets = []
        f.visititems(lambda name, obj: datasets.append(name) if isinstance(obj, h5py.Dataset) else None)
        for name in sorted(datasets):
            d = f[name]
            data = d[()]
            if d.dtype.kind == "O" or h5py.check_string_dtype(d.dtype) is not None:
                raw = "\x1f".join(x.decode() if isinstance(x, bytes) else str(x) for x in np.ravel(data)).encode()
            else:
                raw = np.ascontiguousarray(data).tobytes()
            attrs = ",".join(f"{k}={_attr_text(d.attrs[k])}" for k in sorted(d.attrs)
                             if k not in ("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME"))
            lines.append(f"{hashlib.sha256(raw).hexdigest()}  /{name}  {d.dtype.str}  {d.shape}  {attrs}")
    return "\n".join(lines) + "\n"


def header(case):
    scenario, sets = CASES[case]
    where = f"scenarios/examples/{scenario}" if scenario else "the embedded default"
    return (f"# golden of {where} with --set {' --set '.join(sets)}\n"
            "# regenerate with scripts/update-golden.sh; a commit that changes this file says why\n")


def golden_path(case):
    return GOLDEN_DIR / f"{case}.golden"


def expected(case):
    """The stored golden text of a case (without its comment header)."""
    text = golden_path(case).read_text()
    return "".join(line + "\n" for line in text.splitlines() if not line.startswith("#"))


def run_case(toksim, case, workdir, threads=None, shards=None):
    out = pathlib.Path(workdir) / f"{case}-t{threads}-s{shards}.h5"
    r = subprocess.run(command(toksim, case, out, threads, shards), capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"{case}: toksim run exited {r.returncode}: {r.stderr}")
    return fingerprint(out)


def main(argv=None):
    p = argparse.ArgumentParser(description="Regenerate or check the golden outputs (tests/golden).")
    p.add_argument("--toksim", default=os.environ.get("TOKSIM_BIN", str(ROOT / "build/ci/bindings/cli/toksim")))
    p.add_argument("--update", action="store_true", help="rewrite the golden files from this binary")
    p.add_argument("cases", nargs="*", help="cases (default: all)")
    a = p.parse_args(argv)
    cases = a.cases or sorted(CASES)
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        p.error(f"unknown case(s) {unknown}; known: {sorted(CASES)}")
    changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            text = run_case(a.toksim, case, tmp, threads=2)
            old = expected(case) if golden_path(case).exists() else None
            state = "unchanged" if old == text else ("new" if old is None else "CHANGED")
            changed += state != "unchanged"
            print(f"{case:22s} {state}")
            if a.update and state != "unchanged":
                golden_path(case).write_text(header(case) + text)
    if changed and not a.update:
        print(f"{changed} case(s) differ from their golden", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
