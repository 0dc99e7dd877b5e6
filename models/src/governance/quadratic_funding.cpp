#include "toksim/models/governance/quadratic_funding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace toksim::models {
namespace {

void check_amount(double v, const char* what) {
  if (!std::isfinite(v) || v < 0.0)
    throw ConfigError(fmt::format("{}: expected a finite value >= 0, found {}", what, v));
}

void check_cap(double cap) {
  if (!std::isfinite(cap) || !(cap > 0.0) || cap > 1.0) {
    throw ConfigError(fmt::format("QF matching cap: expected a share of the pool in (0, 1], found {}", cap));
  }
}

}  // namespace

std::vector<double> check_matching_cap(std::vector<double> shares, double cap) {
  check_cap(cap);
  for (double s : shares) check_amount(s, "QF matching share");
  // fundingutils.py check_matching_cap, step by step. Each pass that continues caps at least one more
  // project for good, so n + 1 passes suffice; the bound only guards against a logic error.
  for (std::size_t pass = 0; pass <= shares.size() + 1; ++pass) {
    double excess = 0.0;
    for (double& s : shares) {
      if (s > cap) {
        excess += s - cap;
        s = cap;
      }
    }
    double uncapped = 0.0;
    for (double s : shares) {
      if (s < cap) uncapped += s;
    }
    if (!(uncapped > 0.0)) break;
    const double factor = 1.0 + excess / uncapped;
    bool over = false;
    for (double& s : shares) {
      if (s < cap) {
        s *= factor;
        if (s > cap) over = true;
      }
    }
    if (!over) break;
  }
  return shares;
}

QfResult standard_qf(const std::vector<std::vector<double>>& contributions, double pool,
                     std::optional<double> cap_share, QfPoolRule rule, QfFormula formula) {
  check_amount(pool, "QF pool");
  if (cap_share) check_cap(*cap_share);
  QfResult r;
  r.raw.resize(contributions.size());
  double total = 0.0;
  for (std::size_t p = 0; p < contributions.size(); ++p) {
    double roots = 0.0;
    double sum = 0.0;
    std::size_t donors = 0;
    for (double c : contributions[p]) {
      check_amount(c, "QF contribution");
      roots += std::sqrt(c);
      sum += c;
      if (c > 0.0) ++donors;
    }
    if (formula == QfFormula::Classic) {
      r.raw[p] = roots * roots;
    } else {
      // (sum sqrt c)^2 - sum c is exactly 0 for a lone donor (pluralistic.js matches only projects with more than
      // one contributor), but sqrt(c)^2 - c rounds to +-1 ulp; otherwise clamp the rounding to >= 0.
      r.raw[p] = donors < 2 ? 0.0 : std::max(0.0, roots * roots - sum);
    }
    total += r.raw[p];
  }
  const double denom = rule == QfPoolRule::Normalize ? total : std::max(pool, total);
  const bool capped = cap_share && *cap_share < 1.0;
  r.match.assign(r.raw.size(), 0.0);
  if (formula == QfFormula::Classic && !capped) {
    // calculateQf's order: F_p * (pool / sum F).
    if (denom > 0.0) {
      const double scale = pool / denom;
      for (std::size_t p = 0; p < r.raw.size(); ++p) r.match[p] = r.raw[p] * scale;
    }
    return r;
  }
  std::vector<double> shares(r.raw.size(), 0.0);
  if (denom > 0.0) {
    for (std::size_t p = 0; p < shares.size(); ++p) shares[p] = r.raw[p] / denom;
  }
  if (capped) shares = check_matching_cap(std::move(shares), *cap_share);
  double paid = 0.0;
  for (std::size_t p = 0; p < shares.size(); ++p) {
    r.match[p] = shares[p] * pool;
    paid += r.match[p];
  }
  if (paid > pool) {  // get_qf_matching's final guard against rounding above the pool
    for (double& m : r.match) m *= pool / paid;
  }
  return r;
}

PairwiseQfResult pairwise_qf(std::size_t num_projects, std::span<const Contribution> contributions, double pot,
                             double M, std::span<const double> trust, bool clr_log_bonus) {
  check_amount(pot, "pairwise QF pot");
  if (!std::isfinite(M) || !(M > 0.0)) {
    throw ConfigError(fmt::format("pairwise QF threshold M: expected a finite value > 0, found {}", M));
  }
  for (std::size_t i = 0; i < trust.size(); ++i) {
    if (!std::isfinite(trust[i]) || !(trust[i] > 0.0)) {
      throw ConfigError(
          fmt::format("pairwise QF trust of contributor {}: expected a finite value > 0, found {}", i, trust[i]));
    }
  }
  // aggregate_contributions: per project, contributor -> summed amount (ordered maps: deterministic order).
  std::vector<std::map<std::size_t, double>> agg(num_projects);
  for (const Contribution& c : contributions) {
    if (c.project >= num_projects) {
      throw ConfigError(
          fmt::format("pairwise QF: expected a project index in [0, {}), found {}", num_projects, c.project));
    }
    if (c.contributor >= trust.size()) {
      throw ConfigError(
          fmt::format("pairwise QF: expected a contributor index in [0, {}) (one trust value each), found {}",
                      trust.size(), c.contributor));
    }
    check_amount(c.amount, "pairwise QF contribution");
    agg[c.project][c.contributor] += c.amount;
  }
  // get_totals_by_pair: P_ij = sum over projects of sqrt(c_ip * c_jp), for i < j.
  std::map<std::pair<std::size_t, std::size_t>, double> pair_totals;
  for (const auto& contribz : agg) {
    for (auto a = contribz.begin(); a != contribz.end(); ++a) {
      for (auto b = std::next(a); b != contribz.end(); ++b) {
        pair_totals[{a->first, b->first}] += std::sqrt(a->second * b->second);
      }
    }
  }
  PairwiseQfResult r;
  r.raw.assign(num_projects, 0.0);
  double bigtot = 0.0;
  for (std::size_t p = 0; p < num_projects; ++p) {
    double tot = 0.0;
    for (auto a = agg[p].begin(); a != agg[p].end(); ++a) {
      for (auto b = std::next(a); b != agg[p].end(); ++b) {
        const double pt = pair_totals.at({a->first, b->first});
        const double t = std::max(trust[a->first], trust[b->first]);
        tot += std::sqrt(a->second * b->second) / (pt / (M * t) + 1.0);
      }
    }
    r.raw[p] = tot;
    bigtot += tot;
  }
  r.match = r.raw;
  if (bigtot >= pot && bigtot > 0.0) {
    r.saturated = true;
    for (double& m : r.match) m = m / bigtot * pot;
  } else if (bigtot >= pot) {  // pot == 0 and nothing raw: nothing to pay
    r.saturated = true;
  } else if (clr_log_bonus) {
    const double s = bigtot == 0.0 ? 1.0 : bigtot;
    const double bonus = 1.0 + std::log(pot / s) / 100.0;
    for (double& m : r.match) m *= bonus;
  }
  return r;
}

double passport_weight(double score, double s50, double s100) {
  if (!std::isfinite(score) || !std::isfinite(s50) || !std::isfinite(s100) || s50 > s100) {
    throw ConfigError(fmt::format(
        "Passport weight: expected finite score and thresholds with s50 <= s100, found score {}, s50 {}, s100 {}",
        score, s50, s100));
  }
  if (score < s50) return 0.0;
  if (score >= s100) return 1.0;
  return 0.5 + 0.5 * (score - s50) / (s100 - s50);
}

}  // namespace toksim::models
