// Jobs: demand (growth, seasonality, shocks), the market's window (tallies, clearing, arrivals, matching, emission)
// and completion with verification.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

double ComputeNetwork::State::demand_factor(sim::Time t) const {
  return models::demand_factor(t, cfg.demand_growth_per_year, cfg.seasonality, cfg.shocks);
}

void ComputeNetwork::State::on_tick(sim::GlobalContext& ctx, sim::Time t) {
  const sim::Time w_end = t + cfg.window;
  // 0. Conviction voting: requests whose conviction passed their threshold at this block execute; stake turns.
  if (cpool) conviction_tick(ctx, t);
  // 1. Tallies: sells into the clearing, royalties out of the pool.
  collect_flows();
  // 2. Settle what completed since the last tick, and this epoch's rewards.
  settle(ctx, t);
  // 3. Sells clear as one swap.
  clear_sells(ledger, pool, clearing, amm);
  // 4. Providers whose backlog ends inside this window can take work again; joiners come in.
  release_busy(w_end);
  // 5. Arrivals: a Poisson number per class, from the contract's stream.
  arrivals(ctx, t);
  // 6. Matching, first come first served: the cheapest provider that finishes in time within the budget.
  match(ctx, t, w_end);
  // 7. One buy per window: the users' fees, the joiners' stakes and speculative demand.
  buy(ctx, t);
  // 8. The rewards epoch: the curve's emission times the governable scale (floor), within the allocation.
  mint_rewards(t);
  price = pool.spot_price() * 1e-6;
  // 9. Metrics: active GPU-seconds of the window, and a sample at the end of each sampling period.
  active_gpu_s_period += static_cast<double>(active_gpus) * static_cast<double>(cfg.window);
  for (std::size_t g = 0; g < active_gpus_by_type.size(); ++g) {
    active_gpu_s_by_type[g] += static_cast<double>(active_gpus_by_type[g]) * static_cast<double>(cfg.window);
  }
  if (w_end % cfg.sample_every == 0) record(t);
  ctx.schedule(kMarket, w_end, kTick);
}

/// Tallies: sells into the clearing, royalties out of the pool.
void ComputeNetwork::State::collect_flows() {
  ShardFlow total;
  for (ShardFlow& f : flows) {
    total.sold += f.sold;
    total.royalties += f.royalties;
    f = ShardFlow{};
  }
  ledger.receive_from_agent(clearing, Tokens(total.sold));
  ledger.send_to_agent(royalty_pool, Tokens(total.royalties));
}

/// Providers whose backlog ends inside this window can take work again; joiners come in.
void ComputeNetwork::State::release_busy(sim::Time w_end) {
  for (std::size_t g = 0; g < busy.size(); ++g) {
    MinHeap& h = busy[g];
    while (!h.empty() && h.top().key < static_cast<double>(w_end)) {
      const Entry e = h.top();
      h.pop();
      if (e.version == p_version[e.provider] && p_active[e.provider] != 0) {
        make_available(e.provider);
      }
    }
  }
}

/// Arrivals: a Poisson number per class, from the contract's stream.
void ComputeNetwork::State::arrivals(sim::GlobalContext& ctx, sim::Time t) {
  const double factor = demand_factor(t);
  for (std::uint32_t c = 0; c < cfg.jobs.size(); ++c) {
    const JobClass& jc = cfg.jobs[c];
    const double mean = jc.arrivals_per_day * factor * static_cast<double>(cfg.window) / sim::kDay;
    const std::uint64_t n = mean > 0 ? ctx.rng().poisson(mean) : 0;
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::uint32_t j = new_job();
      Job& job = jobs[j];
      job.cls = c;
      const double s = jc.size_sigma;
      job.size = static_cast<float>(s > 0 ? ctx.rng().lognormal(-0.5 * s * s, s) : 1.0);
      job.submitted = t;
      job.deadline = t + jc.deadline;
      job.budget_usd = jc.budget_usd * job.size;
      pending.push_back(j);
    }
    acc_sample.submitted += n;
  }
}

/// Matching, first come first served: the cheapest provider that finishes in time within the budget.
void ComputeNetwork::State::match(sim::GlobalContext& ctx, sim::Time t, sim::Time w_end) {
  matched.clear();
  const std::size_t waiting = pending.size();
  for (std::size_t k = 0; k < waiting; ++k) {
    const std::uint32_t j = pending.front();
    pending.pop_front();
    Job& job = jobs[j];
    if (t >= job.deadline) {
      refund(j);
      ++acc_sample.dropped;
      free_jobs.push_back(j);
      continue;
    }
    double best_price = std::numeric_limits<double>::infinity();
    std::int64_t best = -1;
    double best_dur = 0;
    for (std::uint32_t g = 0; g < cfg.gpus.size(); ++g) {
      const JobCost& u = unit[job.cls][g];
      if (!u.fits) continue;
      const std::uint32_t need = cfg.jobs[job.cls].shape.gpus;
      const double dur = static_cast<double>(u.time_us) * 1e-6 * cfg.jobs[job.cls].repeats * job.size;
      if (static_cast<double>(t) + dur > static_cast<double>(job.deadline)) continue;  // too slow on this type
      // The cheapest provider of this type that can finish in time: look past a few whose backlog is too
      // long (they stay available for shorter jobs) and put them back afterwards.
      skipped.clear();
      for (int tries = 0; tries < kMaxSkips; ++tries) {
        const std::int64_t p = cheapest(g);
        if (p < 0) break;
        const auto row = static_cast<std::uint32_t>(p);
        const double start = std::max<double>(static_cast<double>(t), static_cast<double>(p_backlog_end[row]));
        if (need > gpus_of(row) || start + dur > static_cast<double>(job.deadline)) {
          skipped.push_back(available[g].top());
          available[g].pop();
          continue;
        }
        const double price_usd = p_ask[row] * dur * need / 3600.0;
        if (price_usd < best_price) {
          best_price = price_usd;
          best = p;
          best_dur = dur;
        }
        break;
      }
      for (const Entry& e : skipped) available[g].push(e);
    }
    if (best < 0 || best_price > job.budget_usd) {
      pending.push_back(j);  // waits for capacity or a cheaper provider, until its deadline
      continue;
    }
    const auto row = static_cast<std::uint32_t>(best);
    const std::uint32_t need = cfg.jobs[job.cls].shape.gpus;
    const double start = std::max<double>(static_cast<double>(t), static_cast<double>(p_backlog_end[row]));
    job.provider = static_cast<std::int32_t>(row);
    if (!job.paid) job.fee_usd = best_price;
    job.gpu_seconds = best_dur * need;
    job.done_at = static_cast<sim::Time>(std::ceil(start + best_dur));
    job.bad = p_malicious[row] != 0 && ctx.rng().bernoulli(cfg.bad_result_rate);
    p_backlog_end[row] = static_cast<sim::Time>(std::ceil(start + best_dur * need / gpus_of(row)));
    p_busy[row] += static_cast<std::uint64_t>(job.gpu_seconds);
    busy_gpu_s_period += static_cast<std::uint64_t>(job.gpu_seconds);
    // Half a window of backlog or more: out of the cheap end of the market until it drains.
    if (p_backlog_end[row] >= t + cfg.window / 2) make_busy(row);
    matched.push_back(j);
    ctx.schedule(kMarket, std::max(job.done_at, w_end), kComplete, j);
  }
}

/// The rewards epoch: the curve's emission times the governable scale (floor), within the allocation.
void ComputeNetwork::State::mint_rewards(sim::Time t) {
  Tokens minted = emitted_in_epoch(rewards, epoch_at(rewards, t));
  if (live.emission_scale != Ppm::kWhole) minted = Tokens(mul_div(minted.raw(), live.emission_scale, Ppm::kWhole));
  minted = std::min(minted, rewards_cap - rewards_minted);
  if (minted.raw() > 0) {
    ledger.mint(rewards_pool, minted);
    rewards_minted += minted;
  }
}

void ComputeNetwork::State::refund(std::uint32_t j) {
  Job& job = jobs[j];
  if (job.escrow > 0) ledger.move(escrow, market, Tokens(job.escrow));
  escrow_total -= job.escrow;
  job.escrow = 0;
}

void ComputeNetwork::State::on_complete(sim::GlobalContext& ctx, std::uint32_t j) {
  Job& job = jobs[j];
  const auto p = static_cast<std::uint32_t>(job.provider);
  if (job.bad) {
    if (ctx.rng().bernoulli(live.verification_rate)) {
      // Caught: the provider's stake is slashed to the treasury and the job goes back to the queue.
      const Tokens cut = apply(Tokens(p_stake[p]), cfg.slash);
      ledger.move(stakes, treasury, cut);
      p_stake[p] -= cut.raw();
      ++acc_sample.caught;
      job.provider = -1;
      job.bad = false;
      pending.push_back(j);
      return;
    }
    ++acc_sample.undetected;
  }
  completed.push_back(j);
}

}  // namespace toksim::models
