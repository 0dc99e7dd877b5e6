"""Benchmark of the Python package against the command line on the same scenario: the cost of driving a run
from Python (in sampling-period steps, GIL released) and of reading its results (zero-copy views against a
copy). Prints one line:

    PYTHON scenario=... agents=... threads=... cli_seconds=... python_seconds=... ratio=... digest_equal=...
           view_us=... copy_us=... samples=...

Run (after building the `ci` or `release` preset):
    PYTHONPATH=build/release/python /usr/bin/python3 bench/python/bench_python.py \
        --toksim build/release/bindings/cli/toksim [--scenario FILE] [--threads N] [--set key=value ...]
"""
import argparse
import os
import subprocess
import tempfile
import time

import h5py
import numpy as np

import toksim


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--toksim", required=True, help="the toksim binary (the reference)")
    ap.add_argument("--scenario", default="", help="scenario file (default: the embedded default)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cli_out = os.path.join(tmp, "cli.h5")
        args = [a.toksim, "run", *([a.scenario] if a.scenario else []), "-o", cli_out, "--quiet",
                "--threads", str(a.threads)]
        for s in a.set:
            args += ["--set", s]
        t0 = time.perf_counter()
        subprocess.run(args, check=True)
        cli_seconds = time.perf_counter() - t0

        sc = (toksim.Scenario.from_yaml(a.scenario, a.set) if a.scenario else toksim.Scenario.default(a.set))
        py_out = os.path.join(tmp, "py.h5")
        t0 = time.perf_counter()
        sim = toksim.Simulation(sc, threads=a.threads, output=py_out).run()
        py_seconds = time.perf_counter() - t0
        with h5py.File(cli_out) as f:
            digest_equal = f.attrs["digest"] == sim.digest()

        reps = 1000
        t0 = time.perf_counter()
        for _ in range(reps):
            v = sim.metric("price")
        view_us = (time.perf_counter() - t0) / reps * 1e6
        t0 = time.perf_counter()
        for _ in range(reps):
            c = np.array(v)
        copy_us = (time.perf_counter() - t0) / reps * 1e6
        assert not v.flags.owndata and c.flags.owndata

    print(f"PYTHON scenario={sc.name} agents={sc.agents} threads={sim.threads} cli_seconds={cli_seconds:.2f} "
          f"python_seconds={py_seconds:.2f} ratio={py_seconds / cli_seconds:.3f} digest_equal={digest_equal} "
          f"view_us={view_us:.2f} copy_us={copy_us:.2f} samples={len(v)}")


if __name__ == "__main__":
    main()
