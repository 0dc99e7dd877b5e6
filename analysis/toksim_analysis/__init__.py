"""toksim_analysis: read, summarise, plot and report toksim runs in pure Python.

Needs h5py, numpy, pandas, matplotlib and PyYAML (xarray only for `Run.to_xarray`); never imports toksim itself, so
copying the `analysis/` folder and setting `PYTHONPATH=analysis` is enough on any machine.

    from toksim_analysis import load_run, load_sweep, long_frame, summary, plots
    run = load_run("default.h5")              # metrics in their units, events, snapshots, provenance
    summary.max_drawdown(run)                 # the key numbers (toksim_analysis.summary)
    plots.price_supply(run).savefig("p.png")  # the plots (toksim_analysis.plots)

    python3 -m toksim_analysis.report default.h5 -o default.html   # the HTML report
"""
from .load import DAY, MONTH, YEAR, Run, Sweep, ToksimFileError, load, load_run, load_sweep, long_frame, parse_duration
from .summary import (key_numbers, largest_unlock_days, max_drawdown, provider_break_even_price, supply_inflation_per_year,
                      sybil_capture, treasury_runway)
from .invariants import invariant_results

__all__ = [
    "DAY", "MONTH", "YEAR", "Run", "Sweep", "ToksimFileError", "load", "load_run", "load_sweep", "long_frame",
    "parse_duration", "key_numbers", "largest_unlock_days", "max_drawdown", "provider_break_even_price",
    "supply_inflation_per_year", "sybil_capture", "treasury_runway", "invariant_results",
]
