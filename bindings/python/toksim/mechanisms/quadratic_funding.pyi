"""Type stubs of toksim.mechanisms.quadratic_funding.

The compiled toksim._core.mechanisms.quadratic_funding, re-exported by quadratic_funding.py.
"""
from typing import Any, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike


def standard_qf(
    contributions: Sequence[ArrayLike],
    pool: float,
    cap_share: Optional[float] = None,
    rule: str = 'normalize',
    formula: str = 'subsidy',
) -> QfResult:
    """Standard quadratic funding (Buterin-Hitzig-Weyl), F_p = (sum_i sqrt(c_ip))^2. formula "subsidy" (the default):
    raw_p = F_p - sum_i c_ip (0 for a lone contributor), as Gitcoin's qf-calculator (fundingutils.py standard_qf),
    grants-stack / pluralistic.js linearQF and clr.fund's FundingRound.sol (alpha * (V^2 - spent)); "classic": raw_p
    = F_p, each match proportional to (sum sqrt c)^2, as LoremLabs/quadratic-funding calculateQf (paid F_p * (pool /
    sum F) without a cap). rule "normalize" (qf-calculator; pluralistic.js ignoreSaturation): matches are shares of
    the raw sum times the pool; "scale_down_only" (pluralistic.js's default): raw matches paid as they are unless
    their sum exceeds the pool. cap_share in (0, 1]: per-project matching cap as a share of the pool, with
    qf-calculator's iterative redistribution (check_matching_cap).

    contributions: one array-like per project of its contributors' amounts (aggregate a donor's donations first);
    pool: the matching pool, same unit. Floats, as the Python original.
    """

def check_matching_cap(shares: ArrayLike, cap: float) -> ArrayLike:
    """qf-calculator check_matching_cap on shares of the pool: caps them at `cap` and redistributes the excess
    proportionally to the uncapped ones until none is above.
    """

def pairwise_qf(
    num_projects: int,
    contributors: ArrayLike,
    projects: ArrayLike,
    amounts: ArrayLike,
    pot: float,
    m: float = 0.01,
    trust: Optional[ArrayLike] = None,
    clr_log_bonus: bool = False,
) -> PairwiseQfResult:
    """Pairwise-bounded QF (gitcoinco/gitcoin_cadcad_model misc/clr.py calculate_clr): raw_p = sum over pairs {i, j} of
    p's contributors of sqrt(c_ip c_jp) / (1 + P_ij / (m * max(t_i, t_j))), P_ij = sum_q sqrt(c_iq c_jq); if sum raw
    >= pot the matches are normalised to the pot (saturated).

    One entry per donation: contributors[k] gave amounts[k] to projects[k] (0-based ids; repeats are summed). m: the
    pairwise threshold M (qf-calculator's default 0.01); trust: t_i per contributor id (default all 1);
    clr_log_bonus: clr.py's under-saturation bonus raw * (1 + ln(pot / sum) / 100).
    """

def passport_weight(score: float | ArrayLike, s50: float | ArrayLike, s100: float | ArrayLike) -> float | np.ndarray:
    """Gitcoin Passport eligibility weight (qf-calculator apply_voting_eligibility): 0 below s50, 0.5 -> 1.0 linearly
    from s50 to s100, 1 from s100 on. Floats or arrays (elementwise).
    """

class QfResult:
    """Standard QF per project: raw = F_p - sum_i c_ip, match = the payout"""
    @property
    def raw(self) -> ArrayLike:
        ...
    @property
    def match(self) -> ArrayLike:
        ...

class PairwiseQfResult:
    """Pairwise-bounded QF per project: raw pairwise sums, match, saturated"""
    @property
    def raw(self) -> ArrayLike:
        ...
    @property
    def match(self) -> ArrayLike:
        ...
    @property
    def saturated(self) -> bool:
        ...
