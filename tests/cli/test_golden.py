"""Pins what toksim produces: the embedded default and every example scenario, run short, must give the content
hashes stored in tests/golden/<case>.golden (tests/golden/golden.py says what is hashed) at shards {1, 8} x threads
{1, 2}. So a refactor that changes results, the same way for every thread and shard count, fails here, and so does
a decomposition bug that shows only at one shard count.

Under the sanitizers each case runs once (2 threads, its own shard count): the matrix is the ci preset's.
Leaves out the volatile attributes (time, machine, thread and shard counts) and the scenario text; long horizons
and full populations (the cases are cut to keep CI fast; each still reaches its story's first governance event).
PHOLD's golden digests are pinned in tests/determinism/test_phold_determinism.cpp.
"""
import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "golden"))
import golden  # noqa: E402

SANITIZED = os.environ.get("TOKSIM_SANITIZED") == "1"
MODES = [(2, None)] if SANITIZED else [(1, 1), (2, 1), (1, 8), (2, 8)]


def test_every_example_has_a_golden_case():
    examples = {p.stem for p in golden.EXAMPLES.glob("*.yaml")}
    cased = {s[:-5] for s, _ in golden.CASES.values() if s}
    assert examples == cased, "add a case to tests/golden/golden.py and run scripts/update-golden.sh"
    for case in golden.CASES:
        assert golden.golden_path(case).exists(), f"no golden for {case}: run scripts/update-golden.sh"


@pytest.mark.parametrize("threads,shards", MODES, ids=[f"t{t}-s{s or 'own'}" for t, s in MODES])
@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_a_case_reproduces_its_golden(toksim, tmp_path, case, threads, shards):
    got = golden.run_case(toksim, case, tmp_path, threads=threads, shards=shards)
    want = golden.expected(case)
    if got != want:
        g, w = set(got.splitlines()), set(want.splitlines())
        moved = [f"- {x}" for x in sorted(w - g)] + [f"+ {x}" for x in sorted(g - w)]
        pytest.fail(f"{case} at {threads} thread(s), shards {shards or 'as in the scenario'} differs from "
                    f"tests/golden/{case}.golden (- golden, + this run):\n" + "\n".join(moved[:24]), pytrace=False)
