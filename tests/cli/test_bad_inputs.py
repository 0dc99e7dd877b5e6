"""The bad-input corpus: every tests/scenarios/bad/*.expect is one case.

A case is NN_name.yaml (the input) plus NN_name.expect:

    # what this case pins (one line, required)
    args: validate {case}        (optional; {case} is the yaml file name, {tmp} a fresh empty directory)
    exit: 2
    stderr: a line that must appear, whole, on stderr      (any number)
    stderr~: text that some stderr line must contain         (any number; for messages that vary)

The command runs with the working directory tests/scenarios/bad, so messages name files as given.
A case whose args use {tmp} must leave {tmp} empty (bad input writes no output, not even a .partial).
No case may crash, abort, trip a sanitizer or hang (60 s).
"""
import pathlib
import shlex
import subprocess

import pytest

BAD_DIR = pathlib.Path(__file__).resolve().parent.parent / "scenarios" / "bad"
TIMEOUT_S = 60
CRASH_MARKERS = ("terminate called", "Segmentation", "Aborted", "AddressSanitizer", "runtime error:")
MIN_CASES = 40


def parse_expect(path):
    """Returns a dict: description, args, exit, lines (exact), contains (substrings); raises ValueError."""
    spec = {"description": None, "args": "validate {case}", "exit": None, "lines": [], "contains": []}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            if spec["description"] is None:
                spec["description"] = line[1:].strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"{path.name}:{number}: expected 'key: value', got {line!r}")
        value = value[1:] if value.startswith(" ") else value
        if key == "args":
            spec["args"] = value.strip()
        elif key == "exit":
            try:
                spec["exit"] = int(value.strip())
            except ValueError:
                raise ValueError(f"{path.name}:{number}: expected an integer exit code, got {value!r}") from None
        elif key == "stderr":
            spec["lines"].append(value)
        elif key == "stderr~":
            spec["contains"].append(value)
        else:
            raise ValueError(f"{path.name}:{number}: unknown key {key!r} (args, exit, stderr, stderr~)")
    return spec


CASES = sorted(BAD_DIR.glob("*.expect"))


def test_corpus_is_complete():
    assert len(CASES) >= MIN_CASES, f"expected at least {MIN_CASES} cases in {BAD_DIR}, got {len(CASES)}"
    problems = []
    for path in CASES:
        try:
            spec = parse_expect(path)
        except ValueError as e:
            problems.append(str(e))
            continue
        if not spec["description"]:
            problems.append(f"{path.name}: no '# description' line")
        if spec["exit"] is None:
            problems.append(f"{path.name}: no 'exit:' line")
        if not spec["lines"] and not spec["contains"]:
            problems.append(f"{path.name}: no 'stderr:' or 'stderr~:' line")
        if "{case}" in spec["args"] and not path.with_suffix(".yaml").is_file():
            problems.append(f"{path.name}: args use {{case}} but {path.with_suffix('.yaml').name} is missing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("expect", CASES, ids=[p.stem for p in CASES])
def test_bad_input(expect, toksim, tmp_path):
    spec = parse_expect(expect)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    case = expect.with_suffix(".yaml").name
    args = [a.replace("{case}", case).replace("{tmp}", str(tmp)) for a in shlex.split(spec["args"])]
    command = " ".join(shlex.quote(a) for a in ["toksim"] + args)
    try:
        proc = subprocess.run([toksim] + args, cwd=BAD_DIR, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, errors="replace", timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command}: still running after {TIMEOUT_S} s (a hang)", pytrace=False)

    stderr = proc.stderr.splitlines()
    problems = []
    for line in stderr:
        if any(m in line for m in CRASH_MARKERS):
            problems.append(f"crash on stderr: {line}")
    if proc.returncode < 0:
        problems.append(f"killed by signal {-proc.returncode}")
    if proc.returncode != spec["exit"]:
        problems.append(f"exit {proc.returncode}, expected {spec['exit']}")
    for want in spec["lines"]:
        if want not in stderr:
            problems.append(f"missing stderr line: {want}")
    for want in spec["contains"]:
        if not any(want in line for line in stderr):
            problems.append(f"no stderr line contains: {want}")
    if "{tmp}" in spec["args"]:
        left = sorted(p.name for p in tmp.iterdir())
        if left:
            problems.append(f"bad input left files in {{tmp}}: {', '.join(left)}")
    if problems:
        pytest.fail(f"{expect.stem} ({spec['description']})\n$ {command}  (in {BAD_DIR})\n"
                    + "\n".join("  " + p for p in problems)
                    + "\n--- stderr ---\n" + proc.stderr + "--- stdout ---\n" + proc.stdout,
                    pytrace=False)
