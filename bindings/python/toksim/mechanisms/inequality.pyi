"""Type stubs of toksim.mechanisms.inequality.

The compiled toksim._core.mechanisms.inequality, re-exported by inequality.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def gini(values: ArrayLike, form: str = 'population') -> float:
    """The Gini coefficient of holdings. form "population" (the default): G = 2 sum(i x_i) / (n S) - (n + 1) / n over
    the values sorted ascending, i = 1..n (REFERENCES.md 'Inequality'; toksim's launch models report it per sample;
    pabutools' gini_coefficient): 0 for equal values, (n - 1) / n when one account holds everything. form "sample":
    the n / (n - 1) corrected G = sum((2i - n - 1) x_i) / ((n - 1) S) (photutils' gini, Lotz et al. 2004): 1 when one
    account holds everything, 0 for fewer than two values. Both 0 for no values or a zero sum.

    values: balances in any order and any unit (base units or whole tokens: G is scale-free), as a list or a 1-D
    NumPy array of floats or integers (int64 is summed exactly in long double). Not modified.
    Raises ConfigError for a negative or non-finite value or an unknown form.
    """


def nakamoto(values: ArrayLike) -> int:
    """The Nakamoto coefficient of holdings: the fewest holders whose combined holdings are more than half of the
    total (toksim's models report it per sample, with the Gini); 0 for no values or a zero sum.
    Raises ConfigError for a negative or non-finite value.
    """
