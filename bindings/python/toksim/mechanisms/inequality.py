"""Inequality of holdings: the Gini coefficient and the Nakamoto coefficient.

Source: REFERENCES.md "Inequality": G = 2 sum(i x_i) / (n S) - (n + 1) / n over balances sorted ascending; the
same function toksim's launch models report per sample (toksim/models/money/inequality.hpp), summed in long double.
gini(values, form="sample") is the n / (n - 1) corrected form (photutils' gini, Lotz et al. 2004); the population
form is pabutools' gini_coefficient. Both replay those projects' own tests (tests/reference/{pabutools,photutils}).
gini() takes a list or NumPy array (float or int64) in any order.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.inequality

gini = _core.gini
nakamoto = _core.nakamoto

__all__ = [
    "gini",
    "nakamoto",
]
