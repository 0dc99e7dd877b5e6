// Render's RNP-001 emission schedule (see render_emission.hpp).
#include "toksim/models/supply/render_emission.hpp"

#include <algorithm>
#include <string>

#include "toksim/sim/error.hpp"

namespace toksim::models {

namespace {

[[noreturn]] void fail(const std::string& what) { throw ConfigError("RenderEmission: " + what); }

}  // namespace

RenderEmission::RenderEmission(const Params& p) : p_(p) {
  if (p.launch_years.empty()) fail("expected at least one launch year, got none");
  for (std::size_t k = 0; k < p.launch_years.size(); ++k) {
    if (p.launch_years[k].raw() < 0) {
      fail("launch_years[" + std::to_string(k) + "] must be >= 0 tokens, got " + to_string(p.launch_years[k]));
    }
  }
  if (p.damping.raw() <= 0) fail("damping must be in (0, 1] (1..1,000,000 ppm), got 0 ppm");
  if (p.cap.raw() < 0) fail("cap must be >= 0 tokens, got " + to_string(p.cap));
  if (p.epoch_length <= 0) fail("epoch_length must be > 0 seconds, got " + std::to_string(p.epoch_length));
  if (p.year_length < p.epoch_length) {
    fail("year_length must be >= epoch_length, got " + std::to_string(p.year_length) + " < " +
         std::to_string(p.epoch_length));
  }
  prefix_.push_back(0);
  const i128 cap = p.cap.raw();
  i128 sum = 0;
  i128 year = 0;
  for (std::int64_t k = 0; k < kMaxYears && sum < cap; ++k) {
    const auto launch = static_cast<std::size_t>(k);
    if (launch < p.launch_years.size()) {
      year = p.launch_years[launch].raw();
    } else {
      year = year * p.damping.raw() / Ppm::kWhole;  // floor: non-negative operands
      if (year == 0) break;
    }
    sum = std::min(sum + year, cap);
    prefix_.push_back(static_cast<std::int64_t>(sum));
  }
}

Tokens RenderEmission::emitted_in_year(std::int64_t k) const {
  const auto stored = static_cast<std::int64_t>(prefix_.size()) - 1;
  if (k < 0 || k >= stored) return Tokens(0);
  return Tokens(prefix_[static_cast<std::size_t>(k + 1)] - prefix_[static_cast<std::size_t>(k)]);
}

Tokens RenderEmission::cumulative_at(sim::Time t) const {
  if (t <= 0) return Tokens(0);
  const std::int64_t k = t / p_.year_length;
  const auto stored = static_cast<std::int64_t>(prefix_.size()) - 1;
  if (k >= stored) return Tokens(prefix_.back());
  const std::int64_t base = prefix_[static_cast<std::size_t>(k)];
  return Tokens(base + mul_div(emitted_in_year(k).raw(), t - k * p_.year_length, p_.year_length, Round::Down));
}

Tokens RenderEmission::cumulative(std::int64_t epochs) const {
  if (epochs <= 0) return Tokens(0);
  const i128 t = i128{epochs} * p_.epoch_length;
  const i128 end = i128{static_cast<std::int64_t>(prefix_.size()) - 1} * p_.year_length;
  return t >= end ? Tokens(prefix_.back()) : cumulative_at(static_cast<sim::Time>(t));
}

Tokens RenderEmission::emitted_in_epoch(std::int64_t epoch) const {
  if (epoch < 0) return Tokens(0);
  return cumulative(epoch + 1) - cumulative(epoch);
}

Tokens RenderEmission::node_operators_cumulative(std::int64_t epochs) const {
  return Tokens(mul_div(cumulative(epochs).raw(), p_.node_operator_share.raw(), Ppm::kWhole, Round::Down));
}

Tokens RenderEmission::node_operators_in_epoch(std::int64_t epoch) const {
  if (epoch < 0) return Tokens(0);
  return node_operators_cumulative(epoch + 1) - node_operators_cumulative(epoch);
}

std::int64_t RenderEmission::max_yearly_inflation_ppm(Tokens base) const {
  std::int64_t worst = 0;
  for (std::size_t k = 0; k + 1 < prefix_.size(); ++k) {
    const i128 held = i128{base.raw()} + prefix_[k];
    if (held <= 0) continue;
    const i128 year = prefix_[k + 1] - prefix_[k];
    worst = std::max(worst, static_cast<std::int64_t>(year * Ppm::kWhole / held));
  }
  return worst;
}

}  // namespace toksim::models
