"""Plots of toksim runs, sweeps and comparisons (matplotlib, object-oriented: no pyplot state, Agg rendering).

Every function takes a Run (or runs, or a Sweep) and an optional Axes, draws, and returns the Figure; with no
Axes it makes its own Figure. A function returns None when the run lacks the metrics or tables it needs (a
token-launch run has no providers), so callers can skip it. Times are in days (months beyond three years);
token amounts are labelled with k/M/B; every axis says its unit.

    from toksim_analysis import load_run, plots
    run = load_run("default.h5")
    plots.price_supply(run).savefig("price.png")
"""
from __future__ import annotations

import math
import textwrap
from typing import List, Optional, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .load import DAY, MONTH, Run, Sweep
from .summary import fmt_amount, largest_unlock_days

__all__ = [
    "time_axis", "price_supply", "circulating_locked", "treasury", "providers", "provider_profit", "revenue",
    "inequality", "governance",
    "metric", "compare", "fan", "sweep_fans", "sweep_heatmap", "WIDTH",
]

WIDTH = 10.0  # inches; at 100 dpi a 1000-pixel-wide image
COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
LINESTYLES = ["-", "--", "-.", ":"]
STATE_COLORS = {
    "Pending": "#c7c7c7", "Active": "#1f77b4", "Succeeded": "#98df8a", "Queued": "#ffbb78", "Executed": "#2ca02c",
    "Defeated": "#d62728", "Canceled": "#7f7f7f", "Expired": "#8c564b",
}

_amount = FuncFormatter(lambda x, _pos: fmt_amount(x, 3))


def _new(ax, height: float = 4.0, rows: int = 1):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot(rows, 1, 1)


def time_axis(times_s: Sequence[float]) -> tuple:
    """(divisor in seconds, axis label): days up to three years, else 30-day months."""
    span = float(np.nanmax(times_s)) if len(times_s) else 0.0
    return (MONTH, "time since genesis (months of 30 days)") if span > 3 * 365 * DAY else (DAY, "time since genesis (days)")


def _x(run: Run, div: float) -> np.ndarray:
    return run.time / div


def _style(ax, xlabel: str, ylabel: str, title: str):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.grid(True, alpha=0.3)
    ax.margins(x=0.01)


def _unit_label(run: Run, name: str, label: Optional[str] = None) -> str:
    unit = run.units.get(name, "")
    base = label or name.replace("_", " ")
    return f"{base} ({unit})" if unit else (f"{base} (share)" if _is_share(run, name) else base)


def _is_share(run: Run, name: str) -> bool:
    s = run.series(name)
    if s is None or run.units.get(name):
        return False
    v = s.dropna()
    return len(v) > 0 and v.min() >= 0 and v.max() <= 1


def _measured(run: Run, name: str):
    s = run.series(name)
    if s is None:
        return None, None
    v = s.to_numpy(dtype=float)
    ok = ~np.isnan(v)
    return run.time[ok], v[ok]


# ---------------------------------------------------------------------------------------------------------------
# One run


def price_supply(run: Run, ax=None, unlocks: int = 3) -> Optional[Figure]:
    """Token price (left axis, USD/token) and supply (right axis, tokens), vesting unlocks as vertical lines
    (the `unlocks` largest unlock days labelled with their size)."""
    if not run.has("price"):
        return None
    fig, ax = _new(ax)
    div, xl = time_axis(run.time)
    x = _x(run, div)
    handles = [ax.plot(x, run.metrics["price"], color=COLORS[0], lw=1.6, label="price (left)")[0]]
    ax.set_ylim(0, float(np.nanmax(run.metrics["price"].to_numpy(float))) * 1.15 or 1.0)
    if run.has("supply"):
        ax2 = ax.twinx()
        handles.append(ax2.plot(x, run.metrics["supply"], color=COLORS[1], lw=1.4, ls="--", label="supply (right)")[0])
        ax2.set_ylabel("supply (tokens)")
        ax2.yaxis.set_major_formatter(_amount)
        lo, hi = float(run.metrics["supply"].min()), float(run.metrics["supply"].max())
        pad = max((hi - lo) * 0.15, hi * 0.02)
        ax2.set_ylim(max(0.0, lo - pad), hi + pad)
    ev = run.event("unlocks")
    if ev is not None and len(run.time):
        ev = ev[ev["time"] <= run.time[-1] + int(run.attrs.get("window_seconds") or 0)]  # reached by the run
    if ev is not None and len(ev):
        days = sorted(set((ev["time"].astype(np.int64) // DAY).tolist()))
        for d in days:
            ax.axvline(d * DAY / div, color="#9467bd", alpha=0.35, lw=1)
        handles.append(Line2D([], [], color="#9467bd", alpha=0.6, lw=1, label="vesting unlock"))
        top = largest_unlock_days(run, unlocks)
        if top is not None:
            ymax = ax.get_ylim()[1]
            for k, r in enumerate(top.itertuples()):
                ax.annotate(f"{fmt_amount(r.tokens)} ({r.groups})", (r.time_s / div, ymax),
                            xytext=(3, -12 - 12 * k), textcoords="offset points", fontsize=8, color="#5b3a8e",
                            va="top")
    _style(ax, xl, "price (USD/token)", "Price and supply")
    ax.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.85)
    return fig


def circulating_locked(run: Run, ax=None) -> Optional[Figure]:
    """Where the supply is: circulating, staked, treasury and locked tokens, stacked (they sum to the supply).

    Token launch: circulating (staked drawn inside it), locked (vesting escrow + unclaimed emission), treasury.
    Compute network: circulating, staked, treasury, and the rest (rewards pool and vesting) as locked.
    """
    if not run.has("supply", "circulating"):
        return None
    fig, ax = _new(ax)
    div, xl = time_axis(run.time)
    x = _x(run, div)
    m = run.metrics
    layers: List[tuple] = [("circulating", m["circulating"].to_numpy(float), COLORS[0])]
    if run.model == "compute_network":
        rest = m["supply"].to_numpy(float) - m["circulating"].to_numpy(float)
        for name, color in (("staked", COLORS[2]), ("treasury", COLORS[1])):
            if name in m:
                layers.append((name, m[name].to_numpy(float), color))
                rest = rest - m[name].to_numpy(float)
        layers.append(("locked (rewards pool, vesting)", np.clip(rest, 0, None), "#9467bd"))
    else:
        if "locked" in m:
            layers.append(("locked (vesting, unclaimed emission)", m["locked"].to_numpy(float), "#9467bd"))
        if "treasury" in m:
            layers.append(("treasury", m["treasury"].to_numpy(float), COLORS[1]))
    ax.stackplot(x, *[l[1] for l in layers], labels=[l[0] for l in layers], colors=[l[2] for l in layers], alpha=0.75)
    ax.plot(x, m["supply"], color="black", lw=1, label="supply")
    if run.model != "compute_network" and "staked" in m:
        ax.plot(x, m["staked"], color=COLORS[2], lw=1.4, ls=":", label="staked (part of circulating)")
    ax.yaxis.set_major_formatter(_amount)
    ax.set_ylim(0, float(np.nanmax(m["supply"].to_numpy(float))) * 1.3)  # room for the legend above the layers
    _style(ax, xl, "tokens", "Supply: circulating vs locked")
    ax.legend(loc="upper left", fontsize=9, ncol=3, framealpha=0.9)
    return fig


def providers(run: Run, ax=None) -> Optional[Figure]:
    """Providers on the network, in total and per GPU type, with GPU utilisation (and the share of providers
    that are profitable). Compute-network runs only."""
    gpu = [c for c in run.metrics.columns if c.startswith("providers_") and c != "providers_active"]
    if not run.has("providers_active") and not gpu:
        return None
    if ax is None:
        fig = Figure(figsize=(WIDTH, 6.0), dpi=100, layout="constrained")
        ax, ax_u = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    else:
        fig, ax_u = ax.figure, None
    div, xl = time_axis(run.time)
    x = _x(run, div)
    if run.has("providers_active"):
        ax.plot(x, run.metrics["providers_active"], color="black", lw=1.8, label="all providers")
    for k, c in enumerate(gpu):
        ax.plot(x, run.metrics[c], color=COLORS[k % len(COLORS)], lw=1.2, label=c[len("providers_"):])
    peaks = [float(np.nanmax(run.metrics[c])) for c in gpu if np.nanmax(run.metrics[c]) > 0]
    log = len(peaks) > 1 and max(peaks) > 15 * min(peaks)  # small types would hug zero on a linear axis
    top = max(peaks + ([float(np.nanmax(run.metrics["providers_active"]))] if run.has("providers_active") else []),
              default=1.0)
    if log:  # headroom above the lines for the legend
        ax.set_yscale("log")
        ax.set_ylim(max(0.8, min(peaks) / 20), top * 15)
    else:
        ax.set_ylim(0, top * 1.3)
    ax.yaxis.set_major_formatter(_amount)
    _style(ax, "" if ax_u is not None else xl, "providers on the network" + (" (log scale)" if log else ""),
           "Providers and utilisation")
    ax.legend(loc="upper left", fontsize=9, ncol=3, framealpha=0.85)
    target = ax_u if ax_u is not None else ax.twinx()
    drawn = False
    if run.has("utilization"):
        target.plot(x, 100 * run.metrics["utilization"], color=COLORS[3], lw=1.2, label="GPU utilisation")
        drawn = True
    if run.has("profitable_share"):
        target.plot(x, 100 * run.metrics["profitable_share"], color=COLORS[4], lw=1.2, ls="--",
                    label="profitable providers")
        drawn = True
    if drawn:
        target.set_ylabel("percent")
        target.set_ylim(0, 100)
        if ax_u is not None:
            _style(ax_u, xl, "percent", "")
            ax_u.set_title("")
        target.legend(loc="upper right" if ax_u is None else "upper left", fontsize=9, framealpha=0.85)
    return fig


def treasury(run: Run, ax=None) -> Optional[Figure]:
    """The treasury in tokens (left axis) and its value in USD at each day's price (right axis)."""
    if not run.has("treasury"):
        return None
    fig, ax = _new(ax, height=3.4)
    div, xl = time_axis(run.time)
    x = _x(run, div)
    handles = [ax.plot(x, run.metrics["treasury"], color=COLORS[1], lw=1.6, label="treasury, tokens (left)")[0]]
    ax.yaxis.set_major_formatter(_amount)
    lo, hi = float(run.metrics["treasury"].min()), float(run.metrics["treasury"].max())
    pad = max((hi - lo) * 0.15, hi * 0.01, 1.0)
    ax.set_ylim(max(0.0, lo - pad), hi + pad)
    if run.has("price"):
        ax2 = ax.twinx()
        usd = run.metrics["treasury"] * run.metrics["price"]
        handles.append(ax2.plot(x, usd, color=COLORS[2], lw=1.2, ls="--", label="value, USD (right)")[0])
        ax2.set_ylabel("treasury value (USD)")
        ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: "$" + fmt_amount(v, 3)))
        ax2.set_ylim(bottom=0)
    _style(ax, xl, "treasury (tokens)", "Treasury")
    ax.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.85)
    return fig


def provider_profit(run: Run, ax=None, break_even=None) -> Optional[Figure]:
    """Providers' average daily profit per GPU (USD/GPU/day): the median with the 10th-90th percentile band,
    a zero line, and (right axis) the token price with the break-even price when given (a BreakEven)."""
    if not run.has("provider_profit_median"):
        return None
    fig, ax = _new(ax, height=3.6)
    div, xl = time_axis(run.time)
    x = _x(run, div)
    m = run.metrics
    handles = []
    if run.has("provider_profit_p10", "provider_profit_p90"):
        handles.append(ax.fill_between(x, m["provider_profit_p10"], m["provider_profit_p90"], color=COLORS[0], alpha=0.2,
                                       lw=0, label="10th–90th percentile"))
    handles.append(ax.plot(x, m["provider_profit_median"], color=COLORS[0], lw=1.6, label="median provider")[0])
    ax.axhline(0, color="black", lw=0.8)
    if break_even is not None and run.has("price"):
        ax2 = ax.twinx()
        handles.append(ax2.plot(x, m["price"], color=COLORS[1], lw=1.2, ls="--", label="token price (right)")[0])
        handles.append(ax2.axhline(break_even.price, color=COLORS[3], lw=1.2, ls=":",
                                   label=f"break-even price ${break_even.price:.4f} (right)"))
        ax2.set_ylabel("price (USD/token)")
        ax2.set_ylim(0, max(float(m["price"].max()), break_even.price) * 1.15)
    _style(ax, xl, "profit (USD/GPU/day)", "Provider profit per GPU-day")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(handles), fontsize=9,
              frameon=False)
    return fig


_RECIPIENTS = [("paid_provider", "providers"), ("paid_creator", "model creators"), ("paid_contributors", "data contributors"),
               ("paid_treasury", "treasury"), ("paid_burn", "burned")]


def revenue(run: Run, ax=None, period_days: int = 7) -> Optional[Figure]:
    """Revenue by recipient class (providers, model creators, data contributors, treasury, burn), stacked, in
    tokens per `period_days` (sums of the per-sample `paid_*` metrics). Compute-network runs only."""
    cols = [(c, l) for c, l in _RECIPIENTS if run.has(c)]
    if not cols:
        return None
    fig, ax = _new(ax)
    days = (run.time // DAY).astype(np.int64)
    bins = days // period_days
    frame = run.metrics[[c for c, _ in cols]].groupby(bins).sum()
    days_in = pd.Series(days).groupby(bins).nunique()
    if len(frame) > 1:  # a last, shorter period would look like a collapse: leave it out
        full = days_in.reindex(frame.index).to_numpy() >= period_days
        full[:-1] = True
        frame = frame[full]
    div, xl = time_axis(run.time)
    x = frame.index.to_numpy() * period_days * DAY / div
    width = period_days * DAY / div * 0.85
    bottom = np.zeros(len(frame))
    for k, (c, label) in enumerate(cols):
        ax.bar(x, frame[c].to_numpy(), width=width, bottom=bottom, align="edge", color=COLORS[k % len(COLORS)],
               label=label)
        bottom += frame[c].to_numpy()
    ax.yaxis.set_major_formatter(_amount)
    ax.set_ylim(0, float(bottom.max()) * 1.2 if len(bottom) and bottom.max() > 0 else 1.0)
    per = "week" if period_days == 7 else f"{period_days} days"
    _style(ax, xl, f"tokens per {per}", f"Revenue by recipient (tokens per {per})")
    ax.legend(loc="upper left", fontsize=9, ncol=len(cols), framealpha=0.85)
    return fig


def inequality(run: Run, ax=None) -> Optional[Figure]:
    """Gini of token balances over time (measured at its cadence and at the end), and the Nakamoto coefficient
    (metric `nakamoto`, right axis) when the run records it."""
    tg, g = _measured(run, "gini")
    tn, n = _measured(run, "nakamoto")
    if (g is None or len(g) == 0) and (n is None or len(n) == 0):
        return None
    fig, ax = _new(ax, height=3.6)
    div, xl = time_axis(run.time)
    handles = []
    if g is not None and len(g):
        handles.append(ax.plot(tg / div, g, color=COLORS[0], marker="o", ms=4, lw=1.4,
                               label="Gini (left)" if n is not None and len(n) else "Gini")[0])
        ax.set_ylim(0, 1)
    ax.set_ylabel("Gini (0: equal, 1: one holder has all)")
    if n is not None and len(n):
        ax2 = ax.twinx() if handles else ax
        handles.append(ax2.plot(tn / div, n, color=COLORS[1], marker="s", ms=3, lw=1.2,
                                label="Nakamoto coefficient" + (" (right)" if ax2 is not ax else ""))[0])
        ax2.set_ylabel("Nakamoto coefficient (holders)")
        ax2.set_ylim(bottom=0)
        ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
    _style(ax, xl, ax.get_ylabel(), "Inequality of token balances")
    ax.legend(handles=handles, loc="lower right", fontsize=9, framealpha=0.85)
    if len(run.time):
        ax.set_xlim(-0.01 * run.time[-1] / div, run.time[-1] / div * 1.01)
    return fig


def governance(run: Run, ax=None) -> Optional[Figure]:
    """Governance timeline: one row per proposal, coloured by its state over time (Pending, Active, Succeeded,
    Queued, Executed, Defeated, ...) from /events/proposal_transitions, with its final tally."""
    p = run.event("proposals")
    if p is None:
        return None
    tr = run.event("proposal_transitions")
    n = len(p)
    fig, ax = _new(ax, height=1.9 + 0.75 * n)
    end = float(max(run.time[-1] if len(run.time) else 0, (tr["time"].max() if tr is not None else 0)))
    div, xl = time_axis([end])
    used = set()
    for i in range(n):
        segs = []
        if tr is not None and {"proposal", "time", "to"} <= set(tr.columns):
            rows = tr[tr["proposal"] == i].sort_values("time", kind="stable")
            times = rows["time"].to_list() + [end]
            for k, state in enumerate(rows["to"].to_list()):
                segs.append((times[k], max(times[k + 1], times[k]), state))
        else:
            row = p.iloc[i]
            marks = [(row.get("proposed", 0), "Pending"), (row.get("snapshot", 0), "Active"),
                     (row.get("deadline", 0), str(row.get("state", "")))]
            marks.append((end, None))
            segs = [(marks[k][0], marks[k + 1][0], marks[k][1]) for k in range(len(marks) - 1)]
        for t0, t1, state in segs:
            width = max((t1 - t0) / div, end / div * 0.002)
            ax.barh(i, width, left=t0 / div, height=0.5, color=STATE_COLORS.get(state, "#bbbbbb"), edgecolor="white")
            used.add(state)
        row = p.iloc[i]
        if {"for", "against"} <= set(p.columns):
            tally = f"for {fmt_amount(row['for'])} / against {fmt_amount(row['against'])}"
            if row["for"] + row["against"] == 0:
                tally = ""
            if "state" in p.columns:
                tally = f"{row['state']}: " + tally if tally else str(row["state"])
            ax.annotate(tally, (1, i - 0.3), xytext=(-4, 0), textcoords="offset points", fontsize=8, ha="right",
                        xycoords=("axes fraction", "data"), va="bottom")
        executed = row.get("executed", -1)
        if executed is not None and executed >= 0:
            ax.plot([executed / div], [i], marker="*", ms=11, color="black")
    for i in range(n):  # the title above its bar (tick labels would take half the width)
        title = textwrap.shorten(str(p["title"].iloc[i]) if "title" in p else f"#{i}", 70, placeholder="…")
        ax.annotate(title, (0, i - 0.3), xytext=(4, 0), textcoords="offset points", fontsize=9, fontweight="bold",
                    xycoords=("axes fraction", "data"), va="bottom")
    ax.set_yticks([])
    ax.set_ylim(n - 0.5, -0.85)
    ax.set_xlim(0, end / div)
    handles = [Patch(color=STATE_COLORS.get(s, "#bbbbbb"), label=s) for s in STATE_COLORS if s in used]
    handles += [Patch(color="#bbbbbb", label=s) for s in sorted(x for x in used if x not in STATE_COLORS and x)]
    if "executed" in p.columns and (p["executed"] >= 0).any():
        handles.append(Line2D([], [], marker="*", ms=10, color="black", lw=0, label="executed"))
    _style(ax, xl, "", "Governance: proposals and their states")
    ax.grid(True, axis="x", alpha=0.3)
    ax.grid(False, axis="y")
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(handles), fontsize=8,
              frameon=False, borderaxespad=0.2, handlelength=1.2, columnspacing=1.0)
    return fig


def metric(run: Run, name: str, ax=None, label: Optional[str] = None) -> Optional[Figure]:
    """Any one metric over time, in its unit (NaN samples skipped)."""
    t, v = _measured(run, name)
    if t is None or len(v) == 0:
        return None
    fig, ax = _new(ax, height=3.2)
    div, xl = time_axis(run.time)
    ax.plot(t / div, v, color=COLORS[0], lw=1.4, marker="o" if len(v) < 40 else None, ms=3)
    if run.units.get(name) in ("token", "USD", "gas", "jobs", "providers", "agents"):
        ax.yaxis.set_major_formatter(_amount)
    _style(ax, xl, _unit_label(run, name), label or run.descriptions.get(name, name) or name)
    ax.set_title(label or name, loc="left", fontsize=12, fontweight="bold")
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Several runs


def compare(runs: Sequence[Run], name: str, ax=None, labels: Optional[Sequence[str]] = None) -> Optional[Figure]:
    """One metric of several runs overlaid (a legend entry per run)."""
    have = [(k, r) for k, r in enumerate(runs) if r.has(name)]
    if not have:
        return None
    fig, ax = _new(ax, height=3.4)
    div, xl = time_axis(np.concatenate([r.time for _, r in have]))
    for k, r in have:
        t, v = _measured(r, name)
        lab = labels[k] if labels is not None else r.label
        ax.plot(t / div, v, color=COLORS[k % len(COLORS)], lw=1.4, label=lab, marker="o" if len(v) < 40 else None, ms=3,
                ls=LINESTYLES[k % len(LINESTYLES)])  # dashes keep identical curves visible
    r0 = have[0][1]
    if r0.units.get(name) in ("token", "USD", "gas", "jobs", "providers", "agents"):
        ax.yaxis.set_major_formatter(_amount)
    _style(ax, xl, _unit_label(r0, name), name)
    ax.legend(fontsize=9, framealpha=0.85)
    return fig


def _aligned(runs: Sequence[Run], name: str) -> Optional[pd.DataFrame]:
    cols = {k: r.series(name) for k, r in enumerate(runs) if r.has(name)}
    if not cols:
        return None
    return pd.DataFrame(cols).sort_index()


def fan(runs: Sequence[Run], name: str, ax=None, label: Optional[str] = None, color: Optional[str] = None,
        quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95), band_labels: bool = True) -> Optional[Figure]:
    """A fan chart of one metric across Monte Carlo runs: at each sample time the median, and bands between the
    quantiles (default 5-95% and 25-75%) over the runs (NaN samples skipped). `band_labels` False leaves the
    bands out of the legend (the median line only)."""
    df = _aligned(runs, name)
    if df is None or df.dropna(how="all").empty:
        return None
    fig, ax = _new(ax, height=3.4)
    df = df.dropna(how="all")
    div, xl = time_axis(df.index.to_numpy())
    x = df.index.to_numpy() / div
    q = np.nanquantile(df.to_numpy(float), sorted(quantiles), axis=1)
    c = color or COLORS[0]
    k = len(q)
    lab = label or name
    for j in range(k // 2):
        band = f"{lab}: {100 * sorted(quantiles)[j]:.0f}–{100 * sorted(quantiles)[k - 1 - j]:.0f}%"
        ax.fill_between(x, q[j], q[k - 1 - j], color=c, alpha=0.15 + 0.15 * j, lw=0,
                        label=band if band_labels else "_nolegend_")
    ax.plot(x, q[k // 2], color=c, lw=1.6, label=f"{lab}: median of {df.shape[1]} runs" if band_labels else
            f"{lab} ({df.shape[1]} runs)")
    r0 = runs[0]
    if r0.units.get(name) in ("token", "USD", "gas", "jobs", "providers", "agents"):
        ax.yaxis.set_major_formatter(_amount)
    _style(ax, xl, _unit_label(r0, name), f"{name} across seeds")
    ax.legend(fontsize=8, framealpha=0.85)
    return fig


def sweep_fans(sweep: Sweep, name: str, ax=None, max_groups: int = 6) -> Optional[Figure]:
    """Fan charts of one metric for each parameter combination of a sweep (its seeds in one fan), overlaid."""
    groups = sweep.groups()
    drawn = False
    fig = None
    for k, (values, ids) in enumerate(list(groups.items())[:max_groups]):
        runs = []
        for i in ids:
            row = sweep.table.loc[sweep.table["run"] == i].iloc[0]
            if row["status"] != "complete":
                continue
            try:
                runs.append(sweep.run(i))
            except Exception:  # noqa: BLE001 - a missing file leaves the run out of the fan
                continue
        if not runs or not runs[0].has(name):
            continue
        label = ", ".join(f"{p.split('.')[-1]}={v}" for p, v in zip(sweep.params, values)) or "all runs"
        if ax is None:
            fig = Figure(figsize=(WIDTH, 4.4), dpi=100, layout="constrained")
            ax = fig.add_subplot()
        f = fan(runs, name, ax=ax, label=label, color=COLORS[k % len(COLORS)], quantiles=(0.05, 0.5, 0.95),
                band_labels=False)
        drawn = drawn or f is not None
        fig = ax.figure
    if not drawn:
        return None
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=min(3, len(labels)), fontsize=8.5,
              frameon=False)
    ax.set_title(f"{name} across seeds (median and 5–95% band per parameter set)", loc="left", fontsize=12,
                 fontweight="bold")
    return fig


def sweep_heatmap(sweep: Sweep, x: str, y: str, value: str, ax=None, agg: str = "mean") -> Optional[Figure]:
    """A heat map of one index column (`price_final`, `supply_max`, ...) over two swept parameters, aggregated
    over seeds and the other parameters by `agg` (mean, median, min, max); each cell labelled with its value."""
    t = sweep.table
    if x not in t or y not in t or value not in t:
        return None
    t = t[t["status"] == "complete"]
    if t.empty or t[value].dropna().empty:
        return None
    grid = t.pivot_table(index=y, columns=x, values=value, aggfunc=agg)
    data = grid.to_numpy(float)
    finite = data[np.isfinite(data)]
    if len(finite) == 0:
        return None
    spread = float(finite.max() - finite.min())
    scale = float(np.abs(finite).max())
    if spread <= 1e-6 * max(scale, 1e-300):
        return None  # the same in every cell to six significant digits: nothing to map
    # enough significant digits to tell the cells apart
    digits = int(min(10, max(3, math.ceil(math.log10(scale / spread)) + 2))) if scale > 0 else 3
    fmt = FuncFormatter(lambda v, _p: fmt_amount(v, digits))
    fig, ax = _new(ax, height=max(3.0, 0.6 * len(grid.index) + 1.8))
    im = ax.imshow(data, cmap="viridis", aspect="auto", origin="lower")
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    ax.set_yticks(range(len(grid.index)), [str(c) for c in grid.index])
    mid = (finite.min() + finite.max()) / 2
    for (i, j), v in np.ndenumerate(data):
        if np.isfinite(v):
            ax.text(j, i, fmt_amount(v, digits), ha="center", va="center", fontsize=9,
                    color="white" if v < mid else "black")
    fig.colorbar(im, ax=ax, format=fmt, label=value)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{value} ({agg} over seeds) by {x.split('.')[-1]} and {y.split('.')[-1]}", loc="left",
                 fontsize=12, fontweight="bold")
    return fig


def all_metric_names(runs: Sequence[Run]) -> List[str]:
    """Metrics recorded by any of the runs, in first-seen order."""
    out: List[str] = []
    for r in runs:
        out += [c for c in r.metrics.columns if c not in out]
    return out
