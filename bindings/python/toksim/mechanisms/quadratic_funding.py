"""Quadratic funding: standard QF with a matching cap, pairwise-bounded QF, Passport weights.

standard_qf(formula=...) selects the form: "subsidy" (the default), (sum sqrt c)^2 - sum c, as Gitcoin's
qf-calculator and grants-stack / pluralistic.js linearQF and clr.fund (alpha * (V^2 - spent)); "classic",
(sum sqrt c)^2, as LoremLabs/quadratic-funding calculateQf. The test cases of pluralistic.js and
LoremLabs/quadratic-funding replay through it (tests/reference).

Sources: Buterin, Hitzig, Weyl, "A Flexible Design for Funding Public Goods" (2019); gitcoinco/qf-calculator
fundingutils.py (standard_qf, check_matching_cap, get_qf_matching, apply_voting_eligibility);
gitcoinco/pluralistic.js src/linear.ts (linearQF); LoremLabs/quadratic-funding src/index.ts (calculateQf);
gitcoinco/gitcoin_cadcad_model misc/clr.py (calculate_clr); REFERENCES.md section 4. Floats, as the Python
originals; contributions as lists or NumPy arrays.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.quadratic_funding

standard_qf = _core.standard_qf
check_matching_cap = _core.check_matching_cap
pairwise_qf = _core.pairwise_qf
passport_weight = _core.passport_weight
QfResult = _core.QfResult
PairwiseQfResult = _core.PairwiseQfResult

__all__ = [
    "standard_qf",
    "check_matching_cap",
    "pairwise_qf",
    "passport_weight",
    "QfResult",
    "PairwiseQfResult",
]
