// Metrics: the per-period sample, the holdings measures (Gini, Nakamoto, royalties) and the ledger's checks at each
// window's end.
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>

#include "state.hpp"
#include "toksim/models/money/holdings.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::record(sim::Time t) {
  ComputeSample& s = acc_sample;
  s.t = t;
  s.price = price;
  s.supply = ledger.minted() - ledger.burned();
  s.treasury = ledger.balance(treasury);
  s.staked = ledger.balance(stakes);
  s.circulating = s.supply - ledger.balance(rewards_pool) - ledger.balance(insiders_escrow) - s.treasury - s.staked;
  s.burned_total = ledger.burned();
  s.minted_total = ledger.minted();
  s.burned = ledger.burned() - burned_before;
  s.minted = ledger.minted() - minted_before;
  burned_before = ledger.burned();
  minted_before = ledger.minted();
  s.latency_mean_s = s.completed > 0 ? latency_sum / static_cast<double>(s.completed) : std::nan("");
  s.utilization = active_gpu_s_period > 0 ? static_cast<double>(busy_gpu_s_period) / active_gpu_s_period : 0.0;
  s.active_by_gpu.assign(cfg.gpus.size(), 0);
  std::vector<float> profits;
  std::uint64_t active = 0, profitable = 0;
  for (std::uint32_t p = 0; p < p_active.size(); ++p) {
    if (p_active[p] == 0) continue;
    ++active;
    ++s.active_by_gpu[group_of(p).gpu];
    const float per_gpu = prov.profit_ema[p];
    profits.push_back(per_gpu);
    profitable += per_gpu > 0;
  }
  s.providers_active = active;
  s.profitable_share = active > 0 ? static_cast<double>(profitable) / static_cast<double>(active) : 0.0;
  const auto quantile = [&](double q) {
    if (profits.empty()) return std::nan("");
    const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(profits.size() - 1));
    std::nth_element(profits.begin(), profits.begin() + k, profits.end());
    return static_cast<double>(profits[static_cast<std::size_t>(k)]);
  };
  s.provider_profit_p10 = quantile(0.1);
  s.provider_profit_median = quantile(0.5);
  s.provider_profit_p90 = quantile(0.9);
  s.royalty_deciles.assign(10, std::nan(""));
  s.gini = std::nan("");
  s.nakamoto = std::nan("");
  s.sybil_royalty_share = std::nan("");
  s.split_provider = live.split_provider;
  s.split_contributors = live.split_contributors;
  s.verification_rate = live.verification_rate;
  s.stake_per_gpu = live.stake_per_gpu;
  s.emission_scale = live.emission_scale;
  s.proposals_passed = passed;
  s.proposals_executed = executed;
  // Market signal for providers off the network: USD paid per active GPU-day of each type (EMA). A type with
  // nobody on the network keeps its last value.
  for (std::size_t g = 0; g < revenue_per_gpu_day.size(); ++g) {
    const double gpu_days = active_gpu_s_by_type[g] / sim::kDay;
    if (gpu_days > 0) {
      const double paid_usd = paid_by_type[g] * 1e-6 * price;
      revenue_per_gpu_day[g] = 0.7 * revenue_per_gpu_day[g] + 0.3 * (paid_usd / gpu_days);
    }
    active_gpu_s_by_type[g] = 0;
    paid_by_type[g] = 0;
  }
  samples.push_back(s);
  acc_sample = ComputeSample{};
  latency_sum = 0;
  busy_gpu_s_period = 0;
  active_gpu_s_period = 0;
}

void ComputeNetwork::State::measure(sim::Time at) {
  if (samples.empty()) return;
  const HoldingStats h = measure_holdings({prov.balance.span(), contrib.balance.span()}, ledger, at);
  samples.back().gini = h.gini;
  samples.back().nakamoto = h.nakamoto;
  // Royalties by decile of contributors (what each has earned so far, claimed or not).
  std::vector<double> earned(contrib.rows());
  for (std::uint32_t m = 0; m < cfg.models; ++m) {
    for (std::uint32_t r = model_first[m]; r < model_first[m + 1]; ++r) {
      earned[r] = static_cast<double>((static_cast<u128>(contrib.weight[r]) * acc[m]) >> kAccShift) * 1e-6;
    }
  }
  double fake_earned = 0, all_earned = 0;
  for (std::size_t r = 0; r < earned.size(); ++r) {
    all_earned += earned[r];
    if (r >= cfg.contributors) fake_earned += earned[r];
  }
  samples.back().sybil_royalty_share = all_earned > 0 ? fake_earned / all_earned : 0.0;
  // Deciles are of the honest contributors.
  earned.resize(cfg.contributors);
  std::sort(earned.begin(), earned.end());
  auto& d = samples.back().royalty_deciles;
  for (int k = 0; k < 10; ++k) {
    const std::size_t lo = earned.size() * static_cast<std::size_t>(k) / 10,
                      hi = earned.size() * static_cast<std::size_t>(k + 1) / 10;
    double sum = 0;
    for (std::size_t i = lo; i < hi; ++i) sum += earned[i];
    d[static_cast<std::size_t>(k)] = hi > lo ? sum / static_cast<double>(hi - lo) : 0.0;
  }
}

void ComputeNetwork::State::on_window_end(const sim::WindowInfo& w) {
  ledger.check(w.begin, w.end);
  ledger.check_account(amm, pool.token_reserve(), w.end);
  std::int64_t staked = 0;
  for (const std::int64_t s : p_stake) staked += s;
  ledger.check_account(stakes, Tokens(staked + unbonding_total), w.end);
  // Every job's escrow is in the escrow account, from payment to settlement or refund; payouts all left.
  ledger.check_account(escrow, Tokens(escrow_total), w.end);
  ledger.check_account(escrow_of_pay, Tokens(0), w.end);
  if (w.end % cfg.gini_every == 0) measure(w.end);
}

void ComputeNetwork::measure_gini() {
  if (!s_->samples.empty() && std::isnan(s_->samples.back().gini)) s_->measure(s_->samples.back().t + s_->cfg.window);
}

std::string ComputeNetwork::digest(const sim::Engine& engine) const {
  const State& s = *s_;
  sim::Digest d;
  d.add(s.prov.balance.span());
  d.add(s.contrib.balance.span());
  d.add(s.contrib.claimed.span());
  for (std::size_t a = 0; a < s.ledger.accounts(); ++a)
    d.add(static_cast<std::uint64_t>(s.ledger.balance(static_cast<AccountId>(a)).raw()));
  d.add(static_cast<std::uint64_t>(s.ledger.minted().raw()));
  for (const ComputeSample& x : s.samples) {
    std::uint64_t bits;
    std::memcpy(&bits, &x.price, sizeof bits);
    d.add(bits);
    d.add(x.submitted);
    d.add(x.completed);
    d.add(x.dropped);
    d.add(x.providers_active);
  }
  engine.digest(d);
  return d.hex();
}

}  // namespace toksim::models
