"""The HTML report of toksim runs: one file, self-contained (plots as base64 PNG, CSS inline, no scripts, nothing
fetched from the network), readable offline and attachable to a pull request.

    python3 -m toksim_analysis.report OUT.h5 [-o OUT.html]            # one run
    python3 -m toksim_analysis.report A.h5 B.h5 [C.h5...] -o cmp.html  # a comparison of runs
    python3 -m toksim_analysis.report SWEEP_DIR [-o SWEEP_DIR/report.html]

One run: provenance, the key numbers (toksim_analysis.summary), the plots that apply to its model, the declared
invariants evaluated over the recorded metrics, the governance tables, every metric's first/min/max/last, and the
effective scenario. Several runs: the key numbers side by side with their differences from the first run, and
curves overlaid per metric (each run's own report below, folded). A sweep directory: its index, key numbers per
parameter set, fan charts across seeds and heat maps over two swept parameters. An interrupted run
(`NAME.h5.partial`) gets a warning banner.

Exit codes (those of `toksim`): 0 written; 2 bad input (a missing file, not a toksim file: the message on
stderr names it; nothing is written); 3 a missing Python package or a failure while writing.
`toksim report` runs this module (it sets PYTHONPATH to the analysis directory).
"""
from __future__ import annotations

import argparse
import base64
import datetime as _dt
import html
import io
import math
import os
import pathlib
import sys
import tempfile
from typing import List, Optional, Sequence

EXIT_OK, EXIT_BAD_INPUT, EXIT_FAILURE = 0, 2, 3

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f;
       max-width: 1080px; margin: 24px auto; padding: 0 20px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 26px; margin: 0 0 4px 0; }
h2 { font-size: 20px; margin: 32px 0 10px 0; border-bottom: 2px solid #e4e4e7; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px 0; }
.sub { color: #52525b; margin: 0 0 14px 0; }
table { border-collapse: collapse; margin: 6px 0 14px 0; font-size: 14px; }
th, td { border: 1px solid #d4d4d8; padding: 5px 9px; text-align: left; vertical-align: top; }
th { background: #f4f4f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.key td.value { font-size: 16px; font-weight: 600; white-space: nowrap; }
table.key td.detail { color: #3f3f46; font-size: 13px; }
table.wide { font-size: 12.5px; }
table.wide td, table.wide th { padding: 3px 6px; }
.scroll { overflow-x: auto; }
.banner { background: #fff4ce; border: 1px solid #e0b000; border-left: 8px solid #e0a000; padding: 10px 14px;
          margin: 12px 0; font-weight: 600; }
.banner.error { background: #fde8e8; border-color: #d02020; }
.ok { color: #15803d; font-weight: 600; }
.bad { color: #b91c1c; font-weight: 600; }
.na { color: #71717a; }
figure { margin: 10px 0 18px 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e7; }
figcaption { color: #52525b; font-size: 13px; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f4f4f5; padding: 10px; overflow-x: auto; font-size: 12.5px; }
dl.prov { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px; font-size: 14px;
          margin: 8px 0 6px 0; }
dl.prov dt { color: #52525b; }
dl.prov dd { margin: 0; font-weight: 500; }
.run-label { font-weight: 600; }
footer { color: #71717a; font-size: 12px; margin-top: 36px; }
"""

_MISSING_HELP = ("install it (Debian: apt-get install python3-h5py python3-numpy python3-pandas python3-matplotlib; "
                 "elsewhere: pip install h5py numpy pandas matplotlib)")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


class _Doc:
    """An HTML document being built."""

    def __init__(self, title: str):
        self.title = title
        self.parts: List[str] = []

    def add(self, s: str):
        self.parts.append(s)

    def h(self, level: int, text: str, anchor: Optional[str] = None):
        a = f' id="{_e(anchor)}"' if anchor else ""
        self.add(f"<h{level}{a}>{_e(text)}</h{level}>")

    def p(self, text: str, cls: str = ""):
        c = f' class="{cls}"' if cls else ""
        self.add(f"<p{c}>{_e(text)}</p>")

    def banner(self, text: str, error: bool = False):
        self.add(f'<div class="banner{" error" if error else ""}">⚠ {_e(text)}</div>')

    def figure(self, fig, caption: str = ""):
        if fig is None:
            return
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
        alt = _e(caption or "plot")
        self.add(f'<figure><img alt="{alt}" src="data:image/png;base64,{data}">{cap}</figure>')

    def table(self, header: Sequence[str], rows: Sequence[Sequence], cls: str = "", numeric: Sequence[int] = (),
              raw: bool = False):
        """Rows of cells; cells are escaped unless `raw` (then they are trusted HTML)."""
        c = f' class="{cls}"' if cls else ""
        out = [f'<div class="scroll"><table{c}><thead><tr>']
        out += [f"<th>{_e(h)}</th>" for h in header]
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>")
            for k, cell in enumerate(row):
                cls_ = ' class="num"' if k in numeric else ""
                out.append(f"<td{cls_}>{cell if raw else _e(cell)}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>")
        self.add("".join(out))

    def html(self) -> str:
        now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>{_e(self.title)}</title><style>{CSS}</style></head><body>\n" + "\n".join(self.parts) +
                f"\n<footer>Written by toksim_analysis.report on {now}. Plots are embedded; this file needs "
                "nothing else.</footer>\n</body></html>\n")


# ---------------------------------------------------------------------------------------------------------------
# Pieces


def _attr(run, name, default="–"):
    v = run.attrs.get(name)
    return default if v is None or v == "" else v


def _duration(seconds) -> str:
    if not isinstance(seconds, (int, float)):
        return "–"
    d = seconds / 86400
    return f"{d:.0f} days" if d < 3 * 365 else f"{d / 365:.1f} years"


def _provenance(doc: _Doc, run):
    from .load import DAY
    covered = f"{(run.time[-1] + (run.attrs.get('window_seconds') or 0)) / DAY:.0f} days" if len(run.time) else "none"
    wall = run.attrs.get("wall_seconds")
    items = [
        ("scenario", f"{_attr(run, 'scenario_name')}"), ("model", run.model),
        ("seed", _attr(run, "seed")), ("status", run.status),
        ("horizon", _duration(run.attrs.get("horizon_seconds"))), ("samples", f"{len(run.time)} covering {covered}"),
        ("toksim", _attr(run, "toksim_version")), ("git sha", _attr(run, "git_sha")),
        ("wall time", f"{wall:.2f} s" if isinstance(wall, (int, float)) else "–"),
        ("threads / shards", f"{_attr(run, 'threads')} / {_attr(run, 'shards')}"),
        ("started", _attr(run, "started_utc")), ("file", run.path.name),
    ]
    doc.add('<dl class="prov">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items) + "</dl>")
    desc = run.attrs.get("scenario_description")
    if desc:
        doc.p(str(desc), "sub")


def _key_numbers(doc: _Doc, run):
    from .summary import key_numbers
    rows = []
    for k in key_numbers(run):
        value = f'<span class="na">{_e(k.text)}</span>' if k.value is None else _e(k.text)
        rows.append([_e(k.label), value, _e(k.detail)])
    doc.add('<div class="scroll"><table class="key"><thead><tr><th>question</th><th>answer</th><th>how</th></tr></thead>'
            "<tbody>" + "".join(f'<tr><td>{a}</td><td class="value">{b}</td><td class="detail">{c}</td></tr>'
                                for a, b, c in rows) + "</tbody></table></div>")


def _plots(doc: _Doc, run):
    from . import plots
    from .summary import provider_break_even_price
    unlocks = run.event("unlocks") is not None
    items = [
        (plots.price_supply(run), "Token price and total supply" + ("; purple lines: vesting unlocks (the largest "
                                                                    "labelled with tokens and group)." if unlocks else ".")),
        (plots.circulating_locked(run), "Where the supply is; the layers sum to the supply."),
        (plots.treasury(run), "The treasury, in tokens and valued at each day's price."),
    ]
    if run.model == "compute_network":
        be = provider_break_even_price(run)
        items += [
            (plots.providers(run), "Providers on the network by GPU type; utilisation of their GPUs."),
            (plots.provider_profit(run, break_even=be), "Providers' average daily profit per GPU, and the token price "
                                                        "at which the median provider breaks even."),
            (plots.revenue(run), "Tokens paid to each recipient class, summed per week."),
        ]
    items += [
        (plots.inequality(run), "Gini of token balances (measured at its cadence)"
                                + (" and the Nakamoto coefficient." if run.has("nakamoto") else ".")),
        (plots.governance(run), "Each proposal's state over time; ★ marks execution."),
    ]
    drawn = [(f, c) for f, c in items if f is not None]
    if not drawn:
        doc.p("No plottable metrics in this run.", "na")
    for f, c in drawn:
        doc.figure(f, c)


def _invariants(doc: _Doc, run):
    from .invariants import invariant_results
    res = invariant_results(run)
    if not res:
        return
    doc.h(2, "Invariants")
    doc.p("The rules the scenario declares (invariants:), evaluated by toksim over the whole run, as "
          "`toksim check` does.", "sub")
    rows = []
    for r in res:
        verdict = ('<span class="ok">holds</span>' if r.ok else '<span class="bad">BROKEN</span>' if r.ok is False
                   else '<span class="na">not evaluated</span>')
        rows.append([_e(r.name or "–"), _e(r.rule), verdict, _e(r.detail)])
    doc.table(["name", "rule", "verdict", "detail"], rows, raw=True)


def _fmt_cell(value, unit: str = "") -> str:
    import numpy as np
    from .summary import fmt_amount, fmt_days
    if value is None:
        return "–"
    is_time = unit == "s" or unit.startswith("s (")
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return "–"
        if is_time:
            return "–" if value < 0 else fmt_days(float(value))
        return fmt_amount(float(value), 4)
    if isinstance(value, (int, np.integer)):
        if is_time:
            return "–" if value < 0 else fmt_days(int(value))
        return fmt_amount(float(value), 6) if abs(value) >= 1e6 else f"{int(value)}"
    return str(value)


def _short_unit(unit: str) -> str:
    """"token (sqrt under quadratic counting)" -> "token"; time and row-reference units -> ""."""
    u = unit.split(" (")[0].strip()
    return "" if u in ("s", "") or unit.startswith("row of") else u


def _event_table(doc: _Doc, run, name: str, title: str, columns: Optional[List[str]] = None, note: str = ""):
    df = run.event(name)
    if df is None:
        return
    units = run.event_units.get(name, {})
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    doc.h(3, title)
    header = [c.replace("_", " ") + (f" ({_short_unit(units.get(c, ''))})" if _short_unit(units.get(c, "")) else "")
              for c in cols]
    rows = [[_fmt_cell(df[c].iloc[i], units.get(c, "")) for c in cols] for i in range(min(len(df), 200))]
    numeric = [k for k, c in enumerate(cols) if df[c].dtype.kind in "iuf"]
    doc.table(header, rows, cls="wide", numeric=numeric)
    if len(df) > 200:
        doc.p(f"… and {len(df) - 200} more rows.", "na")
    if note:
        doc.p(note, "sub")


def _proposals_table(doc: _Doc, run):
    p = run.event("proposals")
    if p is None:
        return
    doc.h(3, "Proposals")
    quadratic = run.scenario_value("governance.counting") == "quadratic"
    rows = []
    for i in range(len(p)):
        r = p.iloc[i]

        def get(c, default=None, r=r):
            return r[c] if c in p.columns else default

        total = sum(float(get(c, 0) or 0) for c in ("for", "against", "abstain"))
        sybil = float(get("sybil_votes", 0) or 0)
        voting = (f"{_fmt_cell(get('snapshot'), 's')} – {_fmt_cell(get('deadline'), 's')}"
                  if "snapshot" in p.columns and "deadline" in p.columns else "–")
        rows.append([get("title", f"#{i}"), get("state", "–"), _fmt_cell(get("proposed"), "s"), voting,
                     _fmt_cell(get("executed"), "s"), _fmt_cell(get("for")), _fmt_cell(get("against")),
                     _fmt_cell(get("abstain")), _fmt_cell(get("quorum")), _fmt_cell(get("voters")),
                     _fmt_cell(get("delegate_votes")),
                     f"{_fmt_cell(sybil)} ({100 * sybil / total:.1f}%)" if total > 0 else _fmt_cell(sybil),
                     _fmt_cell(get("sybil_voters")), _fmt_cell(get("honest_excluded"))])
    doc.table(["title", "state", "proposed", "voting", "executed", "for", "against", "abstain", "quorum", "voters",
               "delegate votes", "Sybil votes (share)", "Sybil voters", "honest excluded"], rows, cls="wide",
              numeric=list(range(5, 14)))
    doc.p("Votes and quorum in " + ("square roots of token balances per identity (quadratic counting)" if quadratic
                                   else "tokens") + "; voters and Sybil voters are identities; honest excluded: "
          "honest identities a defence wrongly kept from voting.", "sub")


def _governance_tables(doc: _Doc, run):
    names = ["proposals", "proposal_transitions", "airdrops", "qf_rounds"]
    if not any(run.event(n) is not None for n in names):
        return
    doc.h(2, "Governance")
    _proposals_table(doc, run)
    tr = run.event("proposal_transitions")
    if tr is not None:
        titles = run.event("proposals")["title"] if run.event("proposals") is not None else None
        doc.h(3, "State transitions")
        rows = []
        for k in range(len(tr)):
            pid = int(tr["proposal"].iloc[k]) if "proposal" in tr else -1
            title = titles.iloc[pid] if titles is not None and 0 <= pid < len(titles) else f"#{pid}"
            rows.append([_fmt_cell(int(tr["time"].iloc[k]), "s"), title, tr["from"].iloc[k] if "from" in tr else "",
                         tr["to"].iloc[k] if "to" in tr else ""])
        doc.table(["time", "proposal", "from", "to"], rows, cls="wide")
    _event_table(doc, run, "airdrops", "Airdrops")
    _event_table(doc, run, "qf_rounds", "Quadratic funding rounds")


def _unlock_table(doc: _Doc, run):
    from .summary import largest_unlock_days
    top = largest_unlock_days(run, 10)
    if top is None or len(top) == 0:
        return
    doc.h(3, "Largest unlock days")
    doc.table(["day", "tokens released", "share of supply", "groups"],
              [[int(r.day), _fmt_cell(float(r.tokens)), f"{100 * r.share_of_supply:.2f}%"
                if r.share_of_supply == r.share_of_supply else "–", r.groups] for r in top.itertuples()],
              numeric=[0, 1, 2])


def _metrics_table(doc: _Doc, run):
    import numpy as np
    rows = []
    for name in run.metrics.columns:
        v = run.metrics[name].to_numpy(float)
        ok = v[~np.isnan(v)]
        if len(ok) == 0:
            continue
        rows.append([name, _fmt_cell(ok[0]), _fmt_cell(ok.min()), _fmt_cell(ok.max()), _fmt_cell(ok[-1]),
                     run.units.get(name, ""), run.descriptions.get(name, "")])
    if rows:
        doc.add("<details><summary>Every metric: first, min, max, last</summary>")
        doc.table(["metric", "first", "min", "max", "last", "unit", "meaning"], rows, cls="wide", numeric=[1, 2, 3, 4])
        doc.add("</details>")


def _scenario(doc: _Doc, run):
    y = run.attrs.get("scenario_yaml")
    if isinstance(y, str) and y:
        doc.add(f"<details><summary>Effective scenario (after extends and --set)</summary><pre>{_e(y)}</pre></details>")


def _single(doc: _Doc, run, level: int = 2, heading: bool = True):
    if heading:
        doc.h(1 if level == 2 else level, f"{run.name}: toksim run report")
    if run.warning:
        doc.banner("Interrupted or incomplete run. " + run.warning)
    _provenance(doc, run)
    doc.h(level, "Key numbers")
    _key_numbers(doc, run)
    doc.h(level, "Plots")
    _plots(doc, run)
    _unlock_table(doc, run)
    _invariants(doc, run)
    _governance_tables(doc, run)
    doc.h(level, "Data")
    _metrics_table(doc, run)
    _scenario(doc, run)


# ---------------------------------------------------------------------------------------------------------------
# Comparison


_CORE = ["price", "supply", "circulating", "treasury", "staked", "providers_active", "utilization",
         "provider_profit_median", "paid_provider", "fees_usd", "gini", "nakamoto", "sybil_royalty_share"]


def _labels(runs) -> List[str]:
    labels = [r.label for r in runs]
    if len(set(labels)) < len(labels):
        labels = [f"{r.label} [{r.path.name}]" for r in runs]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"{letters[k % 26]}: {l}" for k, l in enumerate(labels)]


def _diff_text(a, b, key: str) -> str:
    """B - A in the number's own terms (points for shares, months for the runway), with a true minus sign."""
    text = _diff_raw(a, b, key)
    return "−" + text[1:] if text.startswith("-") else text


def _diff_raw(a, b, key: str) -> str:
    from .summary import fmt_amount, fmt_pct
    if a is None or b is None:
        return "–"
    if math.isinf(a) or math.isinf(b):
        return "same" if a == b else ("from no outflow" if math.isinf(a) else "to no outflow")
    d = b - a
    if key in ("drawdown", "inflation", "sybil", "circulating", "dropped"):
        return f"{100 * d:+.1f} points"
    if key in ("gini",):
        return f"{d:+.3f}"
    rel = f" ({fmt_pct(d / abs(a), signed=True)})" if a else ""
    if key in ("price", "break_even"):
        return (f"{'+' if d >= 0 else '−'}${abs(d):.4f}" + rel)
    if key == "runway":
        return f"{d:+.1f} months" + rel
    return (("+" if d >= 0 else "") + fmt_amount(d)) + rel


def _comparison(doc: _Doc, runs):
    from . import plots
    from .summary import key_numbers
    labels = _labels(runs)
    doc.h(1, "toksim comparison: " + " vs ".join(r.name for r in runs))
    for r in runs:
        if r.warning:
            doc.banner("Interrupted or incomplete run. " + r.warning)
    doc.h(2, "Runs")
    rows = []
    for lab, r in zip(labels, runs):
        wall = r.attrs.get("wall_seconds")
        rows.append([lab, r.model, _attr(r, "seed"), r.status, _duration(r.attrs.get("horizon_seconds")),
                     _attr(r, "toksim_version"), _attr(r, "git_sha"),
                     f"{wall:.2f} s" if isinstance(wall, (int, float)) else "–", r.path.name])
    doc.table(["run", "model", "seed", "status", "horizon", "toksim", "git sha", "wall time", "file"], rows)
    doc.h(2, "Key numbers")
    tables = [key_numbers(r) for r in runs]
    keys: List[str] = []
    label_of = {}
    for t in tables:
        for k in t:
            if k.key not in keys:
                keys.append(k.key)
                label_of[k.key] = k.label
    header = ["question"] + [l.split(":")[0] for l in labels] + [f"{l.split(':')[0]} − A" for l in labels[1:]]
    body = []
    for key in keys:
        cells = [_e(label_of[key])]
        vals = []
        for t in tables:
            k = next((x for x in t if x.key == key), None)
            vals.append(k.value if k is not None else None)
            cells.append(_e(k.text) if k is not None else '<span class="na">–</span>')
        for v in vals[1:]:
            cells.append(_e(_diff_text(vals[0], v, key)))
        body.append(cells)
    doc.add("<p class=\"sub\">" + "; ".join(_e(l) for l in labels) + ".</p>")
    doc.table(header, body, cls="key", raw=True)
    doc.h(2, "Metrics overlaid")
    names = plots.all_metric_names(runs)
    core = [n for n in _CORE if n in names]
    for n in core:
        doc.figure(plots.compare(runs, n, labels=labels), runs[0].descriptions.get(n, n))
    common = [n for n in names if n not in core and all(r.has(n) for r in runs)]
    if common:
        doc.add(f"<details><summary>The other {len(common)} metrics the runs share</summary>")
        for n in common:
            doc.figure(plots.compare(runs, n, labels=labels), runs[0].descriptions.get(n, n))
        doc.add("</details>")
    doc.h(2, "Each run")
    for lab, r in zip(labels, runs):
        doc.add(f"<details><summary>{_e(lab)}: its own report</summary>")
        doc.h(3, lab)
        _single(doc, r, level=3, heading=False)
        doc.add("</details>")


# ---------------------------------------------------------------------------------------------------------------
# Sweep


def _sweep(doc: _Doc, sweep):
    import numpy as np
    from . import plots
    from .load import ToksimFileError
    from .summary import key_numbers
    t = sweep.table
    doc.h(1, f"toksim sweep: {sweep.dir.name}")
    counts = t["status"].value_counts().to_dict()
    runs = sweep.runs(complete_only=True)
    first = runs[0] if runs else None
    failed = t[t["status"] != "complete"]
    if len(failed):
        doc.banner(f"{len(failed)} of {len(t)} runs did not complete: " + "; ".join(
            f"run {int(r.run)} {r.status}" + (f" ({r.message})" if r.message else "") for r in failed.itertuples()))
    items = [("directory", str(sweep.dir)), ("runs", f"{len(t)} ({', '.join(f'{v} {k}' for k, v in counts.items())})"),
             ("swept", ", ".join(sweep.varying) or "nothing (seeds only)"),
             ("seeds", ", ".join(str(s) for s in sorted(t["seed"].dropna().unique())) or "the scenario's")]
    if first is not None:
        items += [("scenario", first.name), ("model", first.model), ("toksim", _attr(first, "toksim_version")),
                  ("git sha", _attr(first, "git_sha")),
                  ("wall time", f"{t['wall_seconds'].sum():.2f} s in all")]
    doc.add('<dl class="prov">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items) + "</dl>")
    if first is not None and first.attrs.get("scenario_description"):
        doc.p(str(first.attrs["scenario_description"]), "sub")

    # Key numbers per parameter set: the median over seeds (min-max when they differ).
    doc.h(2, "Key numbers by parameter set")
    groups = sweep.groups()
    header = [p.split(".")[-1] if len(sweep.params) > 1 else p for p in sweep.params] + ["runs"]
    keys: List[str] = []
    label_of = {}
    per_group = []
    for values, ids in groups.items():
        got = {}
        n = 0
        for i in ids:
            try:
                r = sweep.run(i)
            except ToksimFileError:
                continue
            if not r.complete:
                continue
            n += 1
            for k in key_numbers(r):
                if k.key not in keys:
                    keys.append(k.key)
                    label_of[k.key] = k.label
                got.setdefault(k.key, []).append(k)
        per_group.append((values, n, got))
    shown = [k for k in keys if any(any(x.value is not None for x in g.get(k, [])) for _, _, g in per_group)]
    header += [label_of[k] for k in shown]
    body = []
    for values, n, got in per_group:
        row = [str(v) for v in values] + [str(n)]
        for k in shown:
            xs = [x for x in got.get(k, []) if x.value is not None]
            if not xs:
                row.append("n/a")
                continue
            xs.sort(key=lambda x: x.value)
            row.append(xs[(len(xs) - 1) // 2].text)
        body.append(row)
    doc.table(header, body, cls="wide")
    doc.p("Each cell: the run with the median value over the parameter set's seeds (the lower middle one for an even "
          "count), as a single run's report states it.", "sub")

    summary = [m for m in sweep.summary_metrics if f"{m}_final" in t]
    if runs:
        doc.h(2, "Across seeds")
        for m in summary or ["price"]:
            doc.figure(plots.sweep_fans(sweep, m), f"{m}: median over the seeds of each parameter set, 5–95% band.")
    pairs = []
    varying = sweep.varying
    for a in range(len(varying)):
        for b in range(a + 1, len(varying)):
            x, y = varying[a], varying[b]
            nx, ny = t[x].nunique(), t[y].nunique()
            if len(t[[x, y]].drop_duplicates()) == nx * ny:  # a full grid (zipped lists are not)
                pairs.append((x, y))
    if pairs:
        doc.h(2, "Heat maps")
        flat = []
        for x, y in pairs[:3]:
            for m in (summary or ["price"])[:4]:
                fig = plots.sweep_heatmap(sweep, x, y, f"{m}_final")
                if fig is None:
                    flat.append(m)
                    continue
                doc.figure(fig, f"Final {m} by {x} and {y}, mean over seeds"
                           + (" and the other parameters." if len(varying) > 2 else "."))
        if flat:
            doc.p("Not mapped (the same final value, to six significant digits, for every parameter set): " + ", ".join(sorted(set(flat))) + ".",
                  "sub")
    doc.h(2, "Index")

    def index_table(cols):
        cols = [c for c in cols if c in t]
        rows = []
        for _, r in t.iterrows():
            rows.append([_fmt_cell(r[c]) if isinstance(r[c], (float, np.floating)) else ("–" if r[c] is None or
                         (not isinstance(r[c], str) and r[c] != r[c]) else str(r[c])) for c in cols])
        numeric = [k for k, c in enumerate(cols) if c not in ("status",) and t[c].dtype.kind in "iuf"]
        doc.table(cols, rows, cls="wide", numeric=numeric)

    base = ["run", "status", "seed"] + sweep.params
    index_table(base + [f"{m}_final" for m in sweep.summary_metrics] + ["wall_seconds"])
    doc.add("<details><summary>With the minimum and maximum of each summary metric</summary>")
    index_table(base + [f"{m}_{s}" for m in sweep.summary_metrics for s in ("final", "min", "max")])
    doc.add("</details>")
    stamp = sweep.dir / "sweep.yaml"
    if stamp.exists():
        doc.add(f"<details><summary>sweep.yaml</summary><pre>{_e(stamp.read_text(errors='replace'))}</pre></details>")
    if first is not None:
        doc.add("<details><summary>The first complete run's own report</summary>")
        _single(doc, first, level=3, heading=False)
        doc.add("</details>")


# ---------------------------------------------------------------------------------------------------------------
# Entry points


def default_output(inputs: Sequence[str]) -> pathlib.Path:
    """`<stem of the first input>.html` in the current directory; for a sweep directory `<dir>/report.html`."""
    first = pathlib.Path(inputs[0])
    if first.is_dir():
        return first / "report.html"
    name = first.name
    for suffix in (".partial", ".h5", ".hdf5"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return pathlib.Path(name + ".html")


def build(inputs: Sequence[str], title: Optional[str] = None) -> str:
    """The report of `inputs` (run files and/or sweep directories) as an HTML string. Raises ToksimFileError
    for a bad input."""
    from .load import Run, load
    items = [load(p) for p in inputs]
    runs = [x for x in items if isinstance(x, Run)]
    sweeps = [x for x in items if not isinstance(x, Run)]
    doc = _Doc(title or ("toksim report: " + ", ".join(pathlib.Path(p).name for p in inputs)))
    if len(runs) == 1:
        _single(doc, runs[0])
    elif len(runs) > 1:
        _comparison(doc, runs)
    for s in sweeps:
        _sweep(doc, s)
    return doc.html()


def _check_dependencies() -> Optional[str]:
    missing = []
    for mod in ("numpy", "pandas", "h5py", "matplotlib"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        return (f"the HTML report needs the Python package{'s' if len(missing) > 1 else ''} {', '.join(missing)}, "
                f"missing from {sys.executable}: {_MISSING_HELP}")
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m toksim_analysis.report",
        description="Write a self-contained HTML report of toksim runs: one run, a comparison of several runs, or a "
                    "sweep directory.",
        epilog="Examples:\n  python3 -m toksim_analysis.report default.h5\n"
               "  python3 -m toksim_analysis.report a.h5 b.h5 -o a_vs_b.html\n"
               "  python3 -m toksim_analysis.report emission_comparison/      # writes emission_comparison/report.html\n"
               "Exit codes: 0 written; 2 bad input; 3 a missing package or a failure.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="run files (NAME.h5, NAME.h5.partial) or sweep directories")
    parser.add_argument("-o", "--output", "--html", dest="output", help="the HTML file (default: STEM.html here; "
                        "for a sweep directory DIR/report.html)")
    parser.add_argument("--title", help="the page title")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the path written")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return EXIT_OK if e.code == 0 else EXIT_BAD_INPUT
    problem = _check_dependencies()
    if problem:
        print(f"toksim report: {problem}", file=sys.stderr)
        return EXIT_FAILURE
    os.environ.setdefault("MPLBACKEND", "Agg")
    from .load import ToksimFileError
    bad = False
    for p in args.inputs:
        if not os.path.exists(p) and not os.path.exists(p + ".partial"):
            print(f"toksim report: {p}: no such file or directory", file=sys.stderr)
            bad = True
    if bad:
        return EXIT_BAD_INPUT
    out = pathlib.Path(args.output) if args.output else default_output(args.inputs)
    try:
        text = build(args.inputs, args.title)
    except ToksimFileError as e:
        print(f"toksim report: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=str(out.parent) or ".")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as e:
        print(f"toksim report: {out}: cannot write the report ({e.strerror or e})", file=sys.stderr)
        return EXIT_FAILURE
    if not args.quiet:
        print(f"html report: {out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
