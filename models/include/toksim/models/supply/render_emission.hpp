// Render Network's emission under burn-and-mint equilibrium (RNP-001): a front-loaded launch phase of yearly
// amounts, then a growth phase in which each year emits the previous year's amount times a damping coefficient
// (0.945), the whole release capped at the supply increase (107,374,182 RENDER, 20% of 536,870,912), and the share
// of each epoch's emission that goes to node operators. Exact integers, telescoping per epoch.
//
// Source: rendernetwork/RNPs RNP-001.md (commit 6daad9a6d4f9e8dd7d4ba56d4ad5b364fb63bdd1), Appendix: "Launch
// (Years 1-5) and Growth (Year 5 - Indefinite) ... gradually decreasing outflows as per the damping coefficient
// (proposed at 0.945)", "an increased supply of 107,374,182 (20% of total supply) tokens ... never more than 10% in
// a given year". The launch years' amounts are in a spreadsheet linked from RNP-001, not in its text, so they are a
// parameter here; what Render published of them is in docs/mechanisms.md (year 1: about 9.13M minted, 2.3M to node
// operators, 43,758 per 7-day epoch; Render blog, Dec 2023). Burns never change the schedule ("not a function of
// burned tokens"): BurnAndMint (issuance.hpp, mode render) adds the burn side.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// Year k (0-based) emits Y_k: the launch table for k < L, then Y_k = floor(Y_{k-1} * damping / 1e6) (rounded down
/// each year, as GeometricSchedule), and the running total is capped at `cap` (the year that would cross it emits
/// only up to it). Inside a year the emission is released linearly in time: cumulative(t) = P(k) + floor(Y'_k *
/// (t - k * year) / year) with P(k) the capped sum of the first k years and Y'_k = P(k + 1) - P(k); an epoch emits
/// cumulative((e + 1) * epoch_length) - cumulative(e * epoch_length), so epochs that straddle a year boundary are
/// exact too (7-day epochs do not divide a 365-day year). Node operators get floor(cumulative * share / 1e6),
/// telescoped the same way.
class RenderEmission {
 public:
  struct Params {
    std::vector<Tokens> launch_years;        ///< Y_0 .. Y_{L-1}, each >= 0, L >= 1 (RNP-001: years 1-5)
    Ppm damping{945'000};                    ///< growth-phase factor per year, in (0, 1]
    Tokens cap{};                            ///< the supply increase released, >= 0 (RNP-001: 107,374,182 RENDER)
    Ppm node_operator_share{};               ///< of every epoch's emission, [0, 1]
    sim::Time epoch_length = 7 * sim::kDay;  ///< seconds, > 0 (Render: 7 days at launch, later 1 day)
    sim::Time year_length = sim::kYear;      ///< seconds, >= epoch_length
  };
  /// Years tabulated: the growth phase ends when a year rounds to 0 or the cap is reached, and at the latest here.
  static constexpr std::int64_t kMaxYears = 10'000;

  /// @throws toksim::ConfigError for an empty or negative launch table, damping 0, a negative cap, epoch_length
  ///         <= 0 or year_length < epoch_length.
  explicit RenderEmission(const Params& p);

  static constexpr std::string_view schedule_name() noexcept { return "render_rnp001"; }
  /// Emitted from genesis to time t (seconds), capped; 0 for t <= 0.
  Tokens cumulative_at(sim::Time t) const;
  Tokens cumulative(std::int64_t epochs) const;
  Tokens emitted_in_epoch(std::int64_t epoch) const;
  /// Y'_k after the cap (0 for k < 0 and after the last year).
  Tokens emitted_in_year(std::int64_t k) const;
  /// The node operators' part of cumulative(epochs) and of one epoch.
  Tokens node_operators_cumulative(std::int64_t epochs) const;
  Tokens node_operators_in_epoch(std::int64_t epoch) const;
  /// Everything the schedule ever releases: P at its last year (<= cap).
  Tokens total() const { return Tokens(prefix_.back()); }
  /// The largest yearly emission as a fraction of the supply `base` held before that year (base + P(k)), in ppm:
  /// RNP-001's "never more than 10% in a given year" is max_yearly_inflation_ppm(536,870,912 RENDER) <= 100,000.
  std::int64_t max_yearly_inflation_ppm(Tokens base) const;
  const Params& params() const noexcept { return p_; }

 private:
  Params p_;
  std::vector<std::int64_t> prefix_;  ///< P(0..K); P(k) = P(K) for k >= K
};

}  // namespace toksim::models
