"""The economic invariants a run's scenario declares (`invariants:`) and their verdicts.

A complete run file carries them in /events/invariants, evaluated by toksim itself over the whole run (the
same evaluator as `toksim check`: name, metric, rule, ok, message). An interrupted or failed run has no
verdicts; its declared rules are listed as not evaluated, from the effective scenario (attribute
`scenario_yaml`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from .load import Run

__all__ = ["InvariantResult", "declared_invariants", "invariant_results"]


@dataclass
class InvariantResult:
    """One declared invariant: its rule in words, whether it holds, and the detail (where and by how much)."""

    name: str
    metric: str
    rule: str
    ok: Optional[bool]  # None: not evaluated (the run did not complete)
    detail: str


def declared_invariants(run: Run) -> Optional[list]:
    """The scenario's `invariants:` list (dicts as written), [] when none, None when the scenario is unreadable."""
    if run.scenario is None:
        return None
    inv = run.scenario.get("invariants")
    return list(inv) if isinstance(inv, list) else []


def invariant_results(run: Run) -> List[InvariantResult]:
    """The verdicts toksim wrote (/events/invariants); for a run that did not complete, the declared rules with
    ok=None. [] when the scenario declares none."""
    table = run.event("invariants")
    if table is not None:
        out = []
        for _, row in table.iterrows():
            rule = str(row["rule"])
            message = str(row["message"])
            detail = message[len(rule):].lstrip(": ") if message.startswith(rule) else message
            out.append(InvariantResult(str(row["name"]), str(row["metric"]), rule, bool(row["ok"]), detail))
        return out
    declared = declared_invariants(run) or []
    why = "not evaluated: the run did not complete" if not run.complete else "not evaluated: no verdicts in the file"
    return [InvariantResult(str(d.get("name", "") or ""), str(d.get("metric", "")),
                            ", ".join(f"{k}: {v}" for k, v in d.items() if k not in ("name", "metric")), None, why)
            for d in declared if isinstance(d, dict)]
