"""The numbers a token designer asks first, computed from a run's recorded metrics and event tables.

Each function takes a `Run` (toksim_analysis.load) and returns a small result object, or None when the run does
not record what the number needs (a token-launch run has no providers, a run without governance no Sybils):
they never raise on missing metrics or tables. Every definition, with its formula, is in the function's
docstring; `key_numbers(run)` lists them as rows for the report, with the text shown.

Times: a sample recorded at time t (the start of the sampling period's last window) describes the state at the
window's end, t + window; years are 365 days and months 30 days, as everywhere in toksim.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import pandas as pd

from .load import DAY, MONTH, YEAR, Run

__all__ = [
    "Drawdown", "Runway", "BreakEven", "SybilCapture", "KeyNumber",
    "max_drawdown", "largest_unlock_days", "supply_inflation_per_year", "treasury_runway",
    "provider_break_even_price", "sybil_capture", "final_value", "key_numbers",
    "fmt_amount", "fmt_usd", "fmt_pct", "fmt_days",
]


# ---------------------------------------------------------------------------------------------------------------
# Formatting (shared with the report)


def fmt_amount(x: Optional[float], digits: int = 3) -> str:
    """1234567 -> "1.23M", 0.0123 -> "0.0123"; None/NaN -> "n/a"."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    a = abs(x)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{x / div:.{digits}g}{suffix}"
    if a == 0:
        return "0"
    if a >= 1:
        return f"{x:.{digits}g}"
    return f"{x:.{digits}g}" if a >= 1e-4 else f"{x:.2e}"


def fmt_usd(x: Optional[float]) -> str:
    """A USD amount or price: "$0.1811", "$2.91M"."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if abs(x) < 1000:
        if abs(x) >= 1:
            return f"${x:,.2f}" if x == x else "n/a"
        return f"${x:.4f}" if abs(x) >= 1e-4 or x == 0 else f"${x:.3e}"
    return "$" + fmt_amount(x)


def fmt_pct(x: Optional[float], signed: bool = False, digits: int = 1) -> str:
    """0.123 -> "12.3%" (signed: "+12.3%")."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{100 * x:+.{digits}f}%" if signed else f"{100 * x:.{digits}f}%"


def fmt_days(seconds: Optional[float]) -> str:
    """Seconds as "day 123" (whole days since genesis)."""
    if seconds is None:
        return "n/a"
    return "day " + f"{seconds / DAY:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------------------
# Helpers


def _window(run: Run) -> int:
    w = run.attrs.get("window_seconds")
    return int(w) if isinstance(w, (int, float)) else 0


def _as_of(run: Run) -> np.ndarray:
    """The time each sample describes: its time plus one window (seconds)."""
    return run.time + _window(run)


def _values(run: Run, name: str) -> Optional[np.ndarray]:
    s = run.series(name)
    return None if s is None else s.to_numpy(dtype=float)


def final_value(run: Run, name: str) -> Optional[float]:
    """The last measured (non-NaN) value of a metric, or None."""
    v = _values(run, name)
    if v is None:
        return None
    ok = v[~np.isnan(v)]
    return float(ok[-1]) if len(ok) else None


# ---------------------------------------------------------------------------------------------------------------
# Peak to trough


@dataclass
class Drawdown:
    """The largest fall of a metric from a running peak: `fraction` = 1 - trough / peak."""

    metric: str
    fraction: float
    peak: float
    peak_time_s: int
    trough: float
    trough_time_s: int

    @property
    def peak_day(self) -> float:
        return self.peak_time_s / DAY

    @property
    def trough_day(self) -> float:
        return self.trough_time_s / DAY


def max_drawdown(run: Run, metric: str = "price") -> Optional[Drawdown]:
    """Peak-to-trough fall (maximum drawdown) of `metric`, with the times of the peak and the trough.

    With v_i the measured samples (NaN skipped) and P_i = max(v_0 .. v_i) the running peak:

        drawdown_i = 1 - v_i / P_i,        max drawdown = max_i drawdown_i

    the trough is the sample i where the maximum is reached (the first, on ties) and the peak is the first
    sample where P_i was reached. A metric that never falls gives 0 with peak = trough = the first sample.
    None when the metric is not recorded or has no positive value. Times are sample times (seconds).
    """
    v = _values(run, metric)
    if v is None:
        return None
    idx = np.flatnonzero(~np.isnan(v))
    if len(idx) == 0:
        return None
    peak_i = idx[0]
    worst, wp, wt = 0.0, idx[0], idx[0]
    for i in idx:
        if v[i] > v[peak_i]:
            peak_i = i
        if v[peak_i] > 0:
            dd = 1.0 - v[i] / v[peak_i]
            if dd > worst:
                worst, wp, wt = dd, peak_i, i
    if not (np.nanmax(v) > 0):
        return None
    return Drawdown(metric, float(worst), float(v[wp]), int(run.time[wp]), float(v[wt]), int(run.time[wt]))


# ---------------------------------------------------------------------------------------------------------------
# Unlocks


def largest_unlock_days(run: Run, n: int = 3) -> Optional[pd.DataFrame]:
    """The `n` days with the most tokens released by vesting (/events/unlocks), largest first.

    Releases are grouped by day (day = floor(time / 86400 s)) and summed over groups:

        tokens(day) = sum of `tokens` of the unlock events with floor(time / 1 d) = day

    Columns: `day`, `time_s` (the day's first second), `tokens`, `share_of_supply` (tokens over the supply
    recorded at that day, when `supply` exists), `groups` (the groups released that day, comma separated).
    Only releases within the recorded samples count (an interrupted run's table lists later ones too).
    None when the run has no unlock table; an empty frame when nothing unlocked within the horizon.
    """
    ev = run.events.get("unlocks")
    if ev is None or not {"time", "tokens"} <= set(ev.columns):
        return None
    cols = ["day", "time_s", "tokens", "share_of_supply", "groups"]
    if len(run.time):  # an interrupted run's table also lists the releases it did not reach
        ev = ev[ev["time"] <= run.time[-1] + _window(run)]
    if len(ev) == 0:
        return pd.DataFrame(columns=cols)
    df = ev.assign(day=(ev["time"].astype(np.int64) // DAY))
    groups = df.groupby("day")["group"].agg(lambda g: ", ".join(sorted(set(map(str, g))))) if "group" in df else None
    out = df.groupby("day", as_index=False)["tokens"].sum()
    out["time_s"] = out["day"] * DAY
    out["groups"] = out["day"].map(groups) if groups is not None else ""
    supply = run.series("supply")
    if supply is not None:
        t = run.time
        share = []
        for ts, tok in zip(out["time_s"], out["tokens"]):
            j = np.searchsorted(t, ts, side="right") - 1
            s = supply.iloc[max(j, 0)] if len(t) else math.nan
            share.append(tok / s if s and s > 0 else math.nan)
        out["share_of_supply"] = share
    else:
        out["share_of_supply"] = math.nan
    out = out.sort_values(["tokens", "day"], ascending=[False, True]).head(n).reset_index(drop=True)
    return out[cols]


# ---------------------------------------------------------------------------------------------------------------
# Inflation


def supply_inflation_per_year(run: Run, metric: str = "supply") -> Optional[pd.DataFrame]:
    """Growth of the supply in each simulated year (365 days) of the run.

    With a_i = t_i + window the time sample i describes, S(x) the last sample with a_i <= x (the first sample
    when none is that early: the genesis supply is not a sample):

        inflation(year y) = S(y * 365 d) / S((y - 1) * 365 d) - 1

    A last, incomplete year is included (`full` False) from S((y-1) * 365 d) to the last sample, with its
    annualised rate (1 + growth) ^ (365 d / span) - 1. Columns: `year`, `start_s`, `end_s` (the a_i used),
    `start`, `end`, `growth`, `annualised`, `full`. None when `metric` is not recorded.
    """
    v = _values(run, metric)
    if v is None or len(v) == 0:
        return None
    a = _as_of(run)
    ok = ~np.isnan(v)
    a, v = a[ok], v[ok]
    if len(v) == 0:
        return None

    def at(x):
        j = np.searchsorted(a, x, side="right") - 1
        return max(int(j), 0)

    rows = []
    y = 1
    while y == 1 or a[-1] > (y - 1) * YEAR:
        i0 = at((y - 1) * YEAR)
        full = bool(a[-1] >= y * YEAR)
        i1 = at(y * YEAR) if full else len(a) - 1
        if i1 <= i0 and y > 1:
            break
        start, end = float(v[i0]), float(v[i1])
        growth = end / start - 1 if start > 0 else math.nan
        span = a[i1] - a[i0]
        annual = (1 + growth) ** (YEAR / span) - 1 if span > 0 and start > 0 and end > 0 else math.nan
        rows.append({"year": y, "start_s": int(a[i0]), "end_s": int(a[i1]), "start": start, "end": end,
                     "growth": float(growth), "annualised": float(annual), "full": full})
        if not full:
            break
        y += 1
    return pd.DataFrame(rows, columns=["year", "start_s", "end_s", "start", "end", "growth", "annualised", "full"])


# ---------------------------------------------------------------------------------------------------------------
# Treasury runway


@dataclass
class Runway:
    """Months the treasury lasts at its recent net outflow (`months` is inf when it is not shrinking)."""

    months: float
    treasury_tokens: float
    treasury_usd: Optional[float]
    outflow_tokens_per_month: float
    outflow_usd_per_month: Optional[float]
    at_time_s: int
    trailing_s: int
    worst_months: float
    worst_time_s: Optional[int]

    @property
    def no_outflow(self) -> bool:
        return not (self.outflow_tokens_per_month > 0)


def treasury_runway(run: Run, trailing_days: float = 90, metric: str = "treasury") -> Optional[Runway]:
    """Treasury runway: how many months the treasury lasts at its trailing average monthly net outflow.

    At the last sample i, with j the last sample at least `trailing_days` earlier (the first sample when the
    run is shorter), T the treasury in tokens and p the price:

        outflow per month = (T_j - T_i) / (t_i - t_j) * 30 d           (tokens; net of what flowed in)
        runway (months)   = T_i / outflow per month                    (infinite, "no outflow", when <= 0)

    The same rule as toksim's `min_runway_months` invariant (default window 90 d). Valued in USD at the last
    price, treasury value = T_i * p_i and outflow = outflow per month * p_i: the ratio, the runway, is the same
    in tokens and in USD because both are valued at one price (the treasury holds only tokens).
    `worst_months` is the shortest runway over the run, evaluated at every sample with a full window.
    None when the metric is not recorded or has fewer than two samples.
    """
    v = _values(run, metric)
    if v is None:
        return None
    ok = ~np.isnan(v)
    t, v = run.time[ok], v[ok]
    if len(v) < 2:
        return None
    lag = int(trailing_days * DAY)

    def runway_at(i, j):
        flow = (v[j] - v[i]) / (t[i] - t[j]) * MONTH
        return (v[i] / flow if flow > 0 else math.inf), flow

    i = len(v) - 1
    j = int(np.searchsorted(t, t[i] - lag, side="right") - 1)
    j = max(j, 0) if j < i else 0
    months, flow = runway_at(i, j)
    worst, worst_t = math.inf, None
    for k in range(len(v)):
        jj = int(np.searchsorted(t, t[k] - lag, side="right") - 1)
        if jj < 0 or jj >= k:
            continue
        m, _ = runway_at(k, jj)
        if m < worst:
            worst, worst_t = m, int(t[k])
    price = final_value(run, "price")
    usd = None if price is None else float(v[i] * price)
    return Runway(months=float(months), treasury_tokens=float(v[i]), treasury_usd=usd,
                  outflow_tokens_per_month=float(flow),
                  outflow_usd_per_month=None if price is None else float(flow * price),
                  at_time_s=int(t[i]), trailing_s=int(t[i] - t[j]), worst_months=float(worst), worst_time_s=worst_t)


# ---------------------------------------------------------------------------------------------------------------
# Provider break-even


@dataclass
class BreakEven:
    """Token price at which the median provider's profit would be zero (compute-network runs)."""

    price: float
    current_price: float
    tokens_per_gpu_day: float
    revenue_usd_per_gpu_day: float
    profit_usd_per_gpu_day: float
    cost_usd_per_gpu_day: float
    window_s: int
    gpus: float

    @property
    def headroom(self) -> float:
        """How far the price can fall before the break-even: 1 - break-even / current price."""
        return 1.0 - self.price / self.current_price if self.current_price > 0 else math.nan


def _gpus_per_provider(run: Run) -> dict:
    """GPU type -> GPUs per provider, from the scenario's providers.groups (count-weighted mean when several
    groups share a GPU type)."""
    groups = run.scenario_value("providers.groups")
    out: dict = {}
    if not isinstance(groups, list):
        return out
    acc: dict = {}
    for g in groups:
        if not isinstance(g, dict) or "gpu" not in g:
            continue
        gpus = g.get("gpus", 1)
        count = g.get("count", 1)
        if not isinstance(gpus, (int, float)) or not isinstance(count, (int, float)):
            continue
        s = acc.setdefault(str(g["gpu"]), [0.0, 0.0])
        s[0] += float(gpus) * float(count)
        s[1] += float(count)
    for gpu, (weighted, count) in acc.items():
        if count > 0:
            out[gpu] = weighted / count
    return out


def provider_break_even_price(run: Run, window_days: float = 30) -> Optional[BreakEven]:
    """Provider break-even token price: the price at which the median provider's profit would be zero, given the
    tokens providers actually earned. Compute-network runs only (None otherwise, or when a metric is missing).

    Over the last `window_days` of samples (k), with N_g,k the providers on the network with GPU type g
    (`providers_<g>`), G_g the GPUs per provider of type g (the scenario's providers.groups), d the sampling
    period in days, P_k the tokens paid to providers (`paid_provider`), p_k the price and m_k the median
    provider's average daily profit per GPU (`provider_profit_median`, USD/GPU/day):

        GPU-days          = sum_k sum_g N_g,k * G_g * d
        r (tokens/GPU/d)  = sum_k P_k / GPU-days
        R (USD/GPU/d)     = sum_k P_k * p_k / GPU-days
        cost (USD/GPU/d)  = R - mean_k m_k
        break-even price  = cost / r

    That is, a provider earning the network's average tokens per GPU-day whose profit is the median's pays
    `cost` a GPU-day; the price that turns r into that cost is the break-even. It assumes the token flow to
    providers does not depend on the price (rewards and fees in tokens per GPU-hour held fixed). `headroom`
    says how far the price can fall from the last price before the median provider loses money.
    """
    if run.model != "compute_network" or not run.has("price", "paid_provider", "provider_profit_median"):
        return None
    per = _gpus_per_provider(run)
    types = [g for g in per if f"providers_{g}" in run.metrics.columns]
    if not types or len(run.time) == 0:
        return None
    t = run.time
    period = float(np.median(np.diff(t))) if len(t) > 1 else float(_window(run) or DAY)
    sel = t >= t[-1] - window_days * DAY + period / 2
    m = run.metrics.loc[sel]
    gpus = sum(m[f"providers_{g}"].to_numpy(float) * per[g] for g in types)
    gpu_days = float(np.nansum(gpus) * period / DAY)
    paid = m["paid_provider"].to_numpy(float)
    price = m["price"].to_numpy(float)
    profit = m["provider_profit_median"].to_numpy(float)
    if gpu_days <= 0 or np.all(np.isnan(profit)):
        return None
    r = float(np.nansum(paid)) / gpu_days
    revenue = float(np.nansum(paid * price)) / gpu_days
    median_profit = float(np.nanmean(profit))
    if not (r > 0):
        return None
    cost = revenue - median_profit
    return BreakEven(price=max(cost, 0.0) / r, current_price=float(price[-1]), tokens_per_gpu_day=r,
                     revenue_usd_per_gpu_day=revenue, profit_usd_per_gpu_day=median_profit,
                     cost_usd_per_gpu_day=cost, window_s=int(t[-1] - t[sel][0] + period), gpus=float(gpus[-1]))


# ---------------------------------------------------------------------------------------------------------------
# Sybil capture


@dataclass
class SybilCapture:
    """What Sybil identities captured, per mechanism: each part a share in [0, 1]. `share` is the largest."""

    share: float
    parts: List[dict] = field(default_factory=list)  # {"source", "share", "text"}
    decided_proposals: int = 0


def sybil_capture(run: Run) -> Optional[SybilCapture]:
    """Sybil capture share: the largest share a Sybil controller took of any governance mechanism of the run.

    Per mechanism, from what the run recorded:
      votes     (/events/proposals)   max over proposals of sybil_votes / (for + against + abstain); a proposal
                 counts as decided by Sybils when it passed (Succeeded, Queued or Executed) and would not have
                 without them: for - sybil_votes <= against, or for + abstain - sybil_votes < quorum
      airdrops  (/events/airdrops)    sum claimed_sybil / sum (claimed_honest + claimed_sybil), airdrops that paid
      QF        (/events/qf_rounds)   sum match_sybil / sum match_total, rounds that matched
      royalties (metric sybil_royalty_share) its last measured value

        Sybil capture share = max over the mechanisms present

    None when the run records none of them (no governance, or nothing happened yet within the horizon).
    """
    parts = []
    decided = 0
    p = run.event("proposals")
    if p is not None and {"for", "against", "sybil_votes"} <= set(p.columns):
        total = p["for"] + p["against"] + p.get("abstain", 0)
        share = (p["sybil_votes"] / total.where(total > 0)).fillna(0.0)
        passed = p["state"].isin(["Succeeded", "Queued", "Executed"]) if "state" in p else pd.Series(False, index=p.index)
        quorum = p["quorum"] if "quorum" in p else 0
        flips = (p["for"] - p["sybil_votes"] <= p["against"]) | (p["for"] + p.get("abstain", 0) - p["sybil_votes"] < quorum)
        decided = int((passed & flips & (p["sybil_votes"] > 0)).sum())
        k = int(share.to_numpy().argmax())
        title = str(p["title"].iloc[k]) if "title" in p else f"#{k}"
        text = f"{fmt_pct(share.iloc[k])} of the votes on “{title}”"
        if decided:
            text += f"; {decided} proposal{'s' if decided > 1 else ''} passed only with Sybil votes"
        parts.append({"source": "votes", "share": float(share.iloc[k]), "text": text})
    a = run.event("airdrops")
    if a is not None and {"claimed_sybil", "claimed_honest"} <= set(a.columns):
        claimed = a["claimed_sybil"] + a["claimed_honest"]
        if claimed.sum() > 0:
            s = float(a["claimed_sybil"].sum() / claimed.sum())
            parts.append({"source": "airdrops", "share": s, "text": f"{fmt_pct(s)} of the airdropped tokens claimed"})
    q = run.event("qf_rounds")
    if q is not None and {"match_sybil", "match_total"} <= set(q.columns):
        if q["match_total"].sum() > 0:
            s = float(q["match_sybil"].sum() / q["match_total"].sum())
            parts.append({"source": "QF", "share": s, "text": f"{fmt_pct(s)} of the quadratic-funding match"})
    r = final_value(run, "sybil_royalty_share")
    if r is not None and (r > 0 or (not parts and run.scenario_value("governance.sybil") is not None)):
        parts.append({"source": "royalties", "share": float(r), "text": f"{fmt_pct(r)} of the royalties earned"})
    if not parts:
        return None
    return SybilCapture(share=max(x["share"] for x in parts), parts=parts, decided_proposals=decided)


# ---------------------------------------------------------------------------------------------------------------
# The table


@dataclass
class KeyNumber:
    """One row of the key-numbers table: `value` (a number, for comparisons; None when n/a) and its text."""

    key: str
    label: str
    value: Optional[float]
    text: str
    detail: str = ""
    unit: str = ""


def _price_row(run: Run) -> KeyNumber:
    v = _values(run, "price")
    if v is None or np.all(np.isnan(v)):
        return KeyNumber("price", "Token price (first → last)", None, "n/a", "no price recorded", "USD/token")
    ok = v[~np.isnan(v)]
    change = ok[-1] / ok[0] - 1 if ok[0] > 0 else math.nan
    return KeyNumber("price", "Token price (first → last)", float(ok[-1]),
                     f"{fmt_usd(ok[0])} → {fmt_usd(ok[-1])} ({fmt_pct(change, signed=True)})",
                     f"min {fmt_usd(ok.min())}, max {fmt_usd(ok.max())}", "USD/token")


def key_numbers(run: Run) -> List[KeyNumber]:
    """The key numbers of one run, in the order the report shows them (each with its text; n/a when the run
    does not record what it needs)."""
    rows = [_price_row(run)]
    dd = max_drawdown(run)
    if dd is None:
        rows.append(KeyNumber("drawdown", "Peak-to-trough price", None, "n/a", "no price recorded"))
    else:
        rows.append(KeyNumber("drawdown", "Peak-to-trough price", dd.fraction, f"−{fmt_pct(dd.fraction)}",
                              f"from {fmt_usd(dd.peak)} ({fmt_days(dd.peak_time_s)}) to {fmt_usd(dd.trough)} "
                              f"({fmt_days(dd.trough_time_s)})" if dd.fraction > 0 else "the price never fell"))
    un = largest_unlock_days(run)
    if un is None:
        rows.append(KeyNumber("unlock", "Largest unlock days", None, "n/a", "no vesting table"))
    elif len(un) == 0:
        rows.append(KeyNumber("unlock", "Largest unlock days", 0.0, "none within the horizon", ""))
    else:
        top = un.iloc[0]
        share = f", {fmt_pct(top['share_of_supply'])} of supply" if not math.isnan(top["share_of_supply"]) else ""
        rows.append(KeyNumber("unlock", "Largest unlock days", float(top["tokens"]),
                              f"{fmt_amount(top['tokens'])} tokens on day {int(top['day'])}{share}",
                              "; ".join(f"day {int(r.day)}: {fmt_amount(r.tokens)} ({r.groups})" for r in un.itertuples()),
                              "token"))
    infl = supply_inflation_per_year(run)
    if infl is None or len(infl) == 0:
        rows.append(KeyNumber("inflation", "Supply inflation per year", None, "n/a", "no supply recorded"))
    else:
        first = infl.iloc[0]
        parts = []
        for r in infl.itertuples():
            if r.full:
                parts.append(f"year {r.year}: {fmt_pct(r.growth, signed=True)}")
            else:
                parts.append(f"year {r.year} (first {(r.end_s - r.start_s) / DAY:.0f} d): "
                             f"{fmt_pct(r.growth, signed=True)}, {fmt_pct(r.annualised, signed=True)} annualised")
        value = first.growth if first.full else first.annualised
        rows.append(KeyNumber("inflation", "Supply inflation per year", float(value),
                              fmt_pct(value, signed=True) + ("" if first.full else " (annualised)") +
                              (" in year 1" if len(infl) > 1 else ""), "; ".join(parts)))
    rw = treasury_runway(run)
    if rw is None:
        rows.append(KeyNumber("runway", "Treasury runway", None, "n/a", "no treasury recorded", "months"))
    elif rw.no_outflow:
        rows.append(KeyNumber("runway", "Treasury runway", math.inf, "no outflow",
                              f"treasury {fmt_amount(rw.treasury_tokens)} tokens"
                              + (f" ({fmt_usd(rw.treasury_usd)})" if rw.treasury_usd is not None else "")
                              + f" did not shrink over the last {rw.trailing_s / DAY:.0f} d"
                              + (f"; shortest {rw.worst_months:.1f} months at {fmt_days(rw.worst_time_s)}"
                                 if math.isfinite(rw.worst_months) else ""), "months"))
    else:
        rows.append(KeyNumber("runway", "Treasury runway", rw.months, f"{rw.months:.1f} months",
                              f"treasury {fmt_amount(rw.treasury_tokens)} tokens"
                              + (f" ({fmt_usd(rw.treasury_usd)})" if rw.treasury_usd is not None else "")
                              + f", net outflow {fmt_amount(rw.outflow_tokens_per_month)} tokens"
                              + (f" ({fmt_usd(rw.outflow_usd_per_month)})" if rw.outflow_usd_per_month is not None else "")
                              + f" a month over the last {rw.trailing_s / DAY:.0f} d", "months"))
    if run.model == "compute_network":
        be = provider_break_even_price(run)
        if be is None:
            rows.append(KeyNumber("break_even", "Provider break-even token price", None, "n/a",
                                  "needs price, paid_provider, provider_profit_median, providers_<gpu> and the "
                                  "scenario's provider groups", "USD/token"))
        else:
            rows.append(KeyNumber("break_even", "Provider break-even token price", be.price, fmt_usd(be.price),
                                  f"price {fmt_usd(be.current_price)} can fall {fmt_pct(be.headroom)} before the median "
                                  f"provider loses money" if be.headroom >= 0 else
                                  f"above the price {fmt_usd(be.current_price)}: the median provider loses money",
                                  "USD/token"))
            rows[-1].detail += (f"; providers earn {fmt_amount(be.tokens_per_gpu_day)} tokens "
                                f"({fmt_usd(be.revenue_usd_per_gpu_day)}) per GPU-day, median profit "
                                f"{fmt_usd(be.profit_usd_per_gpu_day)}/GPU/day (last {be.window_s / DAY:.0f} d)")
    else:
        rows.append(KeyNumber("break_even", "Provider break-even token price", None, "n/a",
                              "a token-launch run has no compute providers", "USD/token"))
    sy = sybil_capture(run)
    if sy is None:
        rows.append(KeyNumber("sybil", "Sybil capture share", None, "n/a", "no Sybil data in this run"))
    else:
        rows.append(KeyNumber("sybil", "Sybil capture share", sy.share, fmt_pct(sy.share),
                              "; ".join(f"{p['source']}: {p['text']}" for p in sy.parts)))
    g = final_value(run, "gini")
    rows.append(KeyNumber("gini", "Gini at the end", g, "n/a" if g is None else f"{g:.3f}",
                          "of agents' token balances (0: equal, 1: one holder has all)" if g is not None else
                          "no Gini recorded"))
    nk = final_value(run, "nakamoto")
    if nk is not None:
        rows.append(KeyNumber("nakamoto", "Nakamoto coefficient at the end", nk, f"{nk:.0f}",
                              "fewest holders that together control more than half of the voting tokens"))
    circ, sup = final_value(run, "circulating"), final_value(run, "supply")
    if circ is not None and sup:
        rows.append(KeyNumber("circulating", "Circulating share at the end", circ / sup, fmt_pct(circ / sup),
                              f"{fmt_amount(circ)} of {fmt_amount(sup)} tokens"))
    if run.model == "compute_network":
        pa = _values(run, "providers_active")
        if pa is not None and len(pa):
            rows.append(KeyNumber("providers", "Providers (first → last)", float(pa[-1]),
                                  f"{fmt_amount(pa[0])} → {fmt_amount(pa[-1])}",
                                  f"max {fmt_amount(np.nanmax(pa))}, min {fmt_amount(np.nanmin(pa))}", "providers"))
        sub, drop = _values(run, "jobs_submitted"), _values(run, "jobs_dropped")
        if sub is not None and drop is not None and np.nansum(sub) > 0:
            share = float(np.nansum(drop) / np.nansum(sub))
            rows.append(KeyNumber("dropped", "Jobs dropped", share, fmt_pct(share, digits=2),
                                  f"{fmt_amount(np.nansum(drop))} of {fmt_amount(np.nansum(sub))} submitted found no "
                                  "capacity by their deadline"))
    return rows
