// Settlement: users buying tokens for their jobs, paying providers, the revenue split to creators, contributors,
// treasury and burn, insiders' vesting.
#include <algorithm>
#include <array>
#include <span>

#include "state.hpp"
#include "toksim/models/money/revenue_split.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::buy(sim::GlobalContext& ctx, sim::Time t) {
  double usd = 0;
  for (const std::uint32_t j : matched) usd += jobs[j].paid ? 0.0 : jobs[j].fee_usd;
  std::vector<double> stake_usd;
  for (const std::uint32_t p : joiners) {
    stake_usd.push_back(static_cast<double>((live.stake_per_gpu * gpus_of(p)).raw()) * 1e-6 * price);
    usd += stake_usd.back();
  }
  const double sigma = cfg.speculative_noise_sigma;
  const double noise = sigma > 0 ? ctx.rng().lognormal(-0.5 * sigma * sigma, sigma) : 1.0;  // mean one
  const double spec = static_cast<double>(cfg.speculative_usd_per_day.raw()) * 1e-6 * static_cast<double>(cfg.window) /
                      sim::kDay * noise * demand_factor(t);
  usd += spec;
  const auto usd_in = MicroUsd(static_cast<std::int64_t>(usd * 1e6));
  const Tokens bought = buy_tokens(ledger, pool, amm, market, usd_in);
  // Split what was bought pro rata to USD (floors; the remainder stays with the market's holders).
  const auto share = [&](double part) {
    return usd > 0 ? Tokens(static_cast<std::int64_t>(static_cast<long double>(bought.raw()) * part / usd)) : Tokens(0);
  };
  for (const std::uint32_t j : matched) {
    Job& job = jobs[j];
    if (job.paid) continue;
    job.paid = true;
    const Tokens tk = share(job.fee_usd);
    if (cfg.burn_and_mint) {
      ledger.burn(market, tk);  // Render RNP-001: the user burns the job's USD value in tokens
    } else {
      ledger.move(market, escrow, tk);
      job.escrow = tk.raw();
      escrow_total += tk.raw();
    }
  }
  for (std::size_t k = 0; k < joiners.size(); ++k) {
    const std::uint32_t p = joiners[k];
    const Tokens tk = share(stake_usd[k]);
    ledger.move(market, stakes, tk);
    p_stake[p] += tk.raw();
    p_joining[p] = 0;
    p_active[p] = 1;
    active_gpus += gpus_of(p);
    active_gpus_by_type[group_of(p).gpu] += gpus_of(p);
    p_backlog_end[p] = std::max(p_backlog_end[p], t);
    make_available(p);
  }
  joiners.clear();
}

void ComputeNetwork::State::settle(sim::GlobalContext& ctx, sim::Time t) {
  const Tokens epoch_rewards = ledger.balance(rewards_pool) - stake_rewards;
  double work_usd = 0, work_gpu_s = 0;
  std::fill(model_use_usd.begin(), model_use_usd.end(), 0.0);
  for (const std::uint32_t j : completed) {
    Job& job = jobs[j];
    const auto p = static_cast<std::uint32_t>(job.provider);
    work_usd += job.fee_usd;
    work_gpu_s += job.gpu_seconds;
    model_use_usd[cfg.jobs[job.cls].model] += job.fee_usd;
    if (p_work_usd[p] == 0) worked.push_back(p);
    p_work_usd[p] += cfg.burn_and_mint ? job.fee_usd : job.gpu_seconds;
    if (!cfg.burn_and_mint) {
      split_fee(Tokens(job.escrow), p, cfg.jobs[job.cls].model);
      escrow_total -= job.escrow;
      job.escrow = 0;
    }
    latency_sum += static_cast<double>(job.done_at - job.submitted);
    ++acc_sample.completed;
    acc_sample.fees_usd += MicroUsd(static_cast<std::int64_t>(job.fee_usd * 1e6));
    free_jobs.push_back(j);
  }
  // The epoch's rewards.
  if (epoch_rewards.raw() > 0) {
    if (cfg.burn_and_mint) {
      if (work_usd > 0) {
        // Split like a fee: the provider part pro rata to work, creators and contributors pro rata to use.
        const std::array<Ppm, 5> shares = live.split();
        std::array<Tokens, 5> part;
        split_ppm(epoch_rewards, std::span<const Ppm>(shares), std::span<Tokens>(part));  // the rest stays in the pool
        const Tokens prov_part = part[0], creator_part = part[1], contrib_part = part[2], burn_part = part[4];
        pay_providers(prov_part, work_usd);
        for (std::uint32_t m = 0; m < cfg.models; ++m) {
          if (model_use_usd[m] <= 0) continue;
          pay_model(Tokens(static_cast<std::int64_t>(static_cast<long double>(creator_part.raw()) * model_use_usd[m] /
                                                     work_usd)),
                    Tokens(static_cast<std::int64_t>(static_cast<long double>(contrib_part.raw()) * model_use_usd[m] /
                                                     work_usd)),
                    m, rewards_pool);
        }
        ledger.burn(rewards_pool, burn_part);
        acc_sample.paid_burn += burn_part;
        const Tokens rest = ledger.balance(rewards_pool);  // the treasury's part and every remainder
        ledger.move(rewards_pool, treasury, rest);
        acc_sample.paid_treasury += rest;
      }
      // No work this epoch: the rewards stay in the pool for the next one.
    } else if (cfg.rewards_by_stake) {
      // Pro rata to stake, once a day (a pass over every provider).
      stake_rewards += epoch_rewards;
      if ((t + cfg.window) % sim::kDay == 0) {
        std::int64_t total_stake = 0;
        for (std::uint32_t p = 0; p < p_active.size(); ++p) total_stake += p_active[p] != 0 ? p_stake[p] : 0;
        if (total_stake > 0) {
          for (std::uint32_t p = 0; p < p_active.size(); ++p) {
            if (p_active[p] == 0 || p_stake[p] == 0) continue;
            owe(p, Tokens(static_cast<std::int64_t>(static_cast<i128>(stake_rewards.raw()) * p_stake[p] / total_stake)),
                rewards_pool);
          }
          stake_rewards = Tokens(0);
        }
      }
    } else if (work_gpu_s > 0) {
      pay_providers(epoch_rewards, work_gpu_s);
    }
  }
  completed.clear();
  // Providers are paid: one event each.
  for (const std::uint32_t p : p_touched) {
    if (p_pay[p] > 0) {
      ledger.send_to_agent(escrow_of_pay, Tokens(p_pay[p]));
      ctx.send(ctx.partition().population().id(kProvider, p), ctx.window_end(), kPaid,
               static_cast<std::uint64_t>(p_pay[p]));
    }
    p_pay[p] = 0;
  }
  p_touched.clear();
  for (const std::uint32_t p : worked) p_work_usd[p] = 0;
  worked.clear();
  (void)t;
}

void ComputeNetwork::State::pay_providers(Tokens amount, double total_work) {
  for (const std::uint32_t p : worked) {
    owe(p, Tokens(static_cast<std::int64_t>(static_cast<long double>(amount.raw()) * p_work_usd[p] / total_work)),
        rewards_pool);
  }
}

void ComputeNetwork::State::pay_model(Tokens creator_part, Tokens contrib_part, std::uint32_t m, AccountId from) {
  ledger.move(from, creators, creator_part);
  acc_sample.paid_creator += creator_part;
  if (model_weight[m] > 0 && contrib_part.raw() > 0) {
    ledger.move(from, royalty_pool, contrib_part);
    acc[m] += (static_cast<u128>(contrib_part.raw()) << kAccShift) / model_weight[m];
    acc_sample.paid_contributors += contrib_part;
  }
}

void ComputeNetwork::State::split_fee(Tokens fee, std::uint32_t p, std::uint32_t m) {
  if (fee.raw() <= 0) return;
  // Provider, creator, contributors (when the model has weight), burn; the treasury gets its share and every floor.
  const std::array<Ppm, 5> shares = live.split();
  std::array<Tokens, 5> part;
  const Tokens remainder = split_ppm(fee, std::span<const Ppm>(shares), std::span<Tokens>(part));
  owe(p, part[0], escrow);
  pay_model(part[1], part[2], m, escrow);
  ledger.burn(escrow, part[4]);
  acc_sample.paid_burn += part[4];
  const Tokens rest = part[3] + remainder + (model_weight[m] > 0 ? Tokens(0) : part[2]);
  ledger.move(escrow, treasury, rest);
  acc_sample.paid_treasury += rest;
}

void ComputeNetwork::State::on_vest(sim::GlobalContext& ctx, sim::Time t) {
  const Tokens delta = insiders.vested(t) - insiders_released;
  insiders_released += delta;
  if (delta.raw() > 0) {
    const Tokens sold = Tokens(static_cast<std::int64_t>(static_cast<double>(delta.raw()) * cfg.insiders_sell));
    ledger.move(insiders_escrow, clearing, sold);
    ledger.move(insiders_escrow, market, delta - sold);
  }
  const sim::Time next = insiders.next_release_time(t);
  if (next != sim::kNever) ctx.schedule(kMarket, next, kVest);
}

}  // namespace toksim::models
