// Quadratic funding calculators: standard QF in its two published forms (the subsidy (sum sqrt c)^2 - sum c and
// the classic (sum sqrt c)^2) with pool normalisation and a per-project matching cap, Gitcoin's pairwise-bounded
// QF (CLR), and Gitcoin Passport eligibility scaling of donations.
// Sources: gitcoinco/qf-calculator fundingutils.py (`standard_qf`, `check_matching_cap`, `get_qf_matching`,
// `apply_voting_eligibility`); gitcoinco/pluralistic.js src/linear.ts (`linearQF`); LoremLabs/quadratic-funding
// src/index.ts (`calculateQf`); gitcoinco/gitcoin_cadcad_model misc/clr.py (`get_totals_by_pair`,
// `calculate_clr`); Buterin, Hitzig, Weyl, "A Flexible Design for Funding Public Goods" (2019). The test cases of
// pluralistic.js and LoremLabs/quadratic-funding are replayed (tests/reference/{pluralistic.js,
// loremlabs-quadratic-funding}).
//
// These are off-chain calculators, so everything is in double (as the Python originals); no exactness promise
// beyond ordinary floating-point rounding. Results are deterministic: sums run in input order.
// Departures: invalid input (negative or non-finite amounts, a bad cap, M <= 0, trust <= 0) throws
// toksim::ConfigError instead of producing NaN; a round whose raw matches are all 0 pays no match (qf-calculator
// divides 0 by 0 there).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "toksim/sim/error.hpp"

namespace toksim::models {

/// How standard_qf maps the raw matches onto the pool.
enum class QfPoolRule {
  /// qf-calculator `get_qf_matching` (the default and the reference): the raw matches are normalised to shares
  /// of their sum, so the whole pool is always paid out (scaled up as well as down).
  Normalize,
  /// Pay the raw matches as they are while their sum fits the pool; scale them down proportionally to the pool
  /// only when the sum exceeds it (the textbook "matches scaled to the pool when oversubscribed" form; the same
  /// rule as clr.py's saturation branch).
  ScaleDownOnly,
};

/// Which quantity standard_qf shares the pool by, F_p = (sum_i sqrt(c_ip))^2 being the paper's total funding.
enum class QfFormula {
  /// raw_p = F_p - sum_i c_ip, the subsidy on top of the contributions (the default). Used by Gitcoin's
  /// qf-calculator (fundingutils.py standard_qf) and grants-stack / pluralistic.js linearQF (sumOfSqrt^2 -
  /// totalReceived), and by clr.fund's FundingRound.sol since 2022 (alpha * (V^2 - spent) + spent: the subsidy
  /// times the capital-constrained alpha, the contributions paid back on top). A lone contributor's raw is 0
  /// exactly (pluralistic.js matches only projects with more than one contributor).
  Subsidy,
  /// raw_p = F_p: each project's match proportional to (sum_i sqrt(c_ip))^2, contributions included, as
  /// LoremLabs/quadratic-funding calculateQf (match_p = F_p * (pool / sum_q F_q)) and the "proportional to the
  /// square of the sum of the square roots" wording of many QF explainers. Without a cap, Normalize pays
  /// F_p * (pool / sum_q F_q), in that operation order and without get_qf_matching's guard against a sum
  /// rounding above the pool (as calculateQf), so its tests replay to the bit.
  Classic,
};

/// Per-project result: raw = the formula's quantity (QfFormula: F_p - sum_i c_ip, or F_p) with F_p =
/// (sum_i sqrt(c_ip))^2 (before the pool and the cap); match = what the pool pays the project.
struct QfResult {
  std::vector<double> raw;
  std::vector<double> match;
};

/// Standard QF. contributions[p] lists project p's contributions (one per contributor; aggregate a donor's
/// several donations before calling, as the pivot table in qf-calculator does). raw_p by `formula`. With s_p the
/// share of the pool:
///  - Normalize: s_p = raw_p / sum_q raw_q; ScaleDownOnly: s_p = raw_p / max(pool, sum_q raw_q);
///  - cap (cap_share in (0, 1], a share of the pool, applied when < 1 as qf-calculator's
///    `matching_cap_percent < 100`): check_matching_cap(s, cap);
///  - match_p = s_p * pool, scaled down once more if rounding left the sum above the pool.
/// check_matching_cap, as fundingutils.py: repeat { excess = sum_p max(0, s_p - cap); set s_p = cap where
/// s_p > cap; U = sum of s_p < cap; if U == 0 stop (the excess stays unpaid); multiply every s_p < cap by
/// (1 + excess / U); stop unless that pushed a share above the cap }. Projects exactly at the cap take no part
/// in the redistribution. When every project is capped, the pool is not fully paid out.
/// @throws ConfigError for a negative or non-finite contribution or pool, or cap_share outside (0, 1].
QfResult standard_qf(const std::vector<std::vector<double>>& contributions, double pool,
                     std::optional<double> cap_share = std::nullopt, QfPoolRule rule = QfPoolRule::Normalize,
                     QfFormula formula = QfFormula::Subsidy);

/// qf-calculator `check_matching_cap` on shares (fractions of the pool), exposed for tests and reuse.
/// @throws ConfigError for cap outside (0, 1] or a negative or non-finite share.
std::vector<double> check_matching_cap(std::vector<double> shares, double cap);

/// One donation: contributor i gave `amount` to project p. Repeated (contributor, project) pairs are summed,
/// as clr.py `aggregate_contributions`.
struct Contribution {
  std::size_t contributor = 0;
  std::size_t project = 0;
  double amount = 0.0;
};

/// Result of pairwise_qf: per-project match and whether the pot was saturated (raw sum >= pot, normalised).
struct PairwiseQfResult {
  std::vector<double> raw;    ///< the pairwise sums before the pot
  std::vector<double> match;  ///< what the pot pays
  bool saturated = false;
};

/// Pairwise-bounded QF as clr.py `calculate_clr`:
///   raw_p = sum over unordered pairs {i, j} of contributors to p of
///           sqrt(c_ip * c_jp) / (1 + P_ij / (M * max(t_i, t_j))),   P_ij = sum_q sqrt(c_iq * c_jq) (all projects).
/// With t = 1 this is qf-calculator's `pairwise`: k_ij = M / (M + P_ij) (its default M = 0.01).
/// If sum_p raw_p >= pot: match_p = raw_p / sum * pot (saturated). Otherwise match_p = raw_p, unless
/// clr_log_bonus, which applies clr.py's under-saturation bonus match_p = raw_p * (1 + ln(pot / S) / 100) with
/// S = sum raw (1 when S == 0; never exceeds the pot). REFERENCES.md names only the saturation rule, so the bonus
/// is off by default.
/// @param num_projects projects 0..num_projects-1; @param trust t_i per contributor (contributor ids index it;
/// each > 0; clr.py's `profile_trust_bonus`). @throws ConfigError for an index out of range, a negative or
/// non-finite amount, pot < 0, M <= 0 or a trust <= 0.
PairwiseQfResult pairwise_qf(std::size_t num_projects, std::span<const Contribution> contributions, double pot,
                             double M, std::span<const double> trust, bool clr_log_bonus = false);

/// Passport eligibility weight of a donor's donations (qf-calculator `apply_voting_eligibility`): 0 when
/// score < s50 (the donation is dropped); np.interp(score, [s50, s100], [0.5, 1.0]) in between (0.5 at s50);
/// 1 at and above s100. s50 == s100 is allowed (a plain threshold: 1 from s50 on).
/// Leaves out the other eligibility rules of that function (self-votes, a minimum donation).
/// @throws ConfigError for non-finite arguments or s50 > s100.
double passport_weight(double score, double s50, double s100);

}  // namespace toksim::models
