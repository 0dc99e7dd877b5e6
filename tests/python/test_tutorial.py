"""docs/tutorial.md, executed: every ```sh block runs in bash and every ```python block runs in one shared
namespace, in order, in a temporary directory, as a reader would type them (`toksim` is the binary under
test, `python3` is /usr/bin/python3 with the build's package on the path). A block that fails fails the test
with the block's line number and its output. This pins that the tutorial works as written.

Left out: the prose, and whatever the blocks print (only that they run and their own asserts hold).
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.S | re.M)


def blocks():
    text = TUTORIAL.read_text()
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append((m.group(1), m.group(2), line))
    return out


def test_the_tutorial_has_code_to_run():
    kinds = {k for k, _, _ in blocks()}
    assert {"sh", "python"} <= kinds


def test_the_tutorial_runs_as_written(toksim_bin, tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "toksim").symlink_to(toksim_bin)
    (bindir / "python3").symlink_to(sys.executable)
    env = dict(os.environ)
    env["PATH"] = f"{bindir}:{env['PATH']}"
    env["TOKSIM_ROOT"] = str(ROOT)
    env["MPLBACKEND"] = "Agg"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TOKSIM_ROOT", str(ROOT))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace = {"__name__": "__tutorial__"}
    for kind, code, line in blocks():
        if kind == "sh":
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=600)
            if r.returncode != 0:
                pytest.fail(f"docs/tutorial.md:{line}: the sh block exited {r.returncode}\n{code}\n"
                            f"stdout:\n{r.stdout}\nstderr:\n{r.stderr}", pytrace=False)
        elif kind == "python":
            try:
                exec(compile(code, f"docs/tutorial.md:{line}", "exec"), namespace)
            except Exception as e:  # noqa: BLE001 - reported with the block's place
                pytest.fail(f"docs/tutorial.md:{line}: the python block raised {type(e).__name__}: {e}\n{code}",
                            pytrace=False)
