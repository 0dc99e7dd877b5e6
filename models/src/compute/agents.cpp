// Agents' own events: a provider's daily decision (costs, selling, leave, outage, join) and its other turns; a
// contributor's royalty claims and turns.
#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::on_agent_event(sim::AgentContext& ctx, const sim::Event& e) {
  State& s = *s_;
  const std::uint32_t row = ctx.row();
  const double price = std::max(s.price, 1e-9);
  if (ctx.kind() == kProvider) {
    provider_turn(s, ctx, e, row, price);
    return;
  }
  contributor_turn(s, ctx, e, row);
}

void compute_detail::provider_turn(ComputeNetwork::State& s, sim::AgentContext& ctx, const sim::Event& e,
                                   std::uint32_t row, double price) {
  auto& t = s.prov;
  if (e.kind == kPaid || e.kind == kUnstaked) {
    const auto amount = static_cast<std::int64_t>(e.payload);
    s.ledger.agent_received(ctx.shard(), Tokens(amount));
    if (e.kind == kUnstaked) {  // left the network: the stake that came back is sold
      s.ledger.agent_sent(ctx.shard(), Tokens(amount));
      s.flows[ctx.shard()].sold += amount;
    } else {
      t.balance[row] += amount;
      t.earned[row] += amount;
    }
    return;
  }
  if (e.kind == kBallot) {
    s.ballot(ctx, e, t.balance[row], 0);
    return;
  }
  if (e.kind == kQfInvite) {
    s.invited(ctx, e, t.balance[row], -1);
    return;
  }
  if (e.kind == kStakeTurn) {
    s.stake_turn(ctx, t.balance[row], 0);
    return;
  }
  if (e.kind == kPollBallot) {
    s.poll_ballot(ctx, e, t.balance[row], 0);
    return;
  }
  if (e.kind != kDecide) return;
  // A day on or off the network: costs, selling to cover them, and the decision to stay, leave or join.
  const ProviderGroup& g = s.group_of(row);
  const bool active = s.p_active[row] != 0;
  const double days = static_cast<double>(s.cfg.decide_every) / sim::kDay;
  if (active) {
    const auto busy_now = static_cast<std::int64_t>(s.p_busy[row]);
    const double busy_s = static_cast<double>(busy_now - t.busy_seen[row]);
    t.busy_seen[row] = busy_now;
    const double cost = s.fixed_usd_per_day(row) * days + s.energy_usd_per_gpu_s(row) * busy_s;
    const std::int64_t earned_now = t.earned[row];
    const double revenue = static_cast<double>(earned_now) * 1e-6 * price;
    t.earned[row] = 0;
    const double profit_per_gpu_day = (revenue - cost) / g.gpus_per_provider / days;
    const double a = 1.0 - std::exp(-days / s.cfg.profit_memory_days);
    t.profit_ema[row] = static_cast<float>((1.0 - a) * t.profit_ema[row] + a * profit_per_gpu_day);
    // Sell tokens to cover the USD costs, and at least a set share of what was earned.
    t.usd_debt[row] += static_cast<float>(cost);
    const auto to_cover = static_cast<std::int64_t>(static_cast<double>(t.usd_debt[row]) / price * 1e6);
    const auto share = static_cast<std::int64_t>(static_cast<double>(earned_now) * s.cfg.provider_sell);
    const std::int64_t sell = std::min<std::int64_t>(t.balance[row], std::max(to_cover, share));
    if (sell > 0) {
      t.balance[row] -= sell;
      s.ledger.agent_sent(ctx.shard(), Tokens(sell));
      s.flows[ctx.shard()].sold += sell;
      t.usd_debt[row] = std::max(0.0f, t.usd_debt[row] - static_cast<float>(static_cast<double>(sell) * 1e-6 * price));
    }
    if (t.profit_ema[row] < s.cfg.leave_below) {
      ctx.submit(kMarket, e.t, kLeave);
      t.usd_debt[row] = 0;  // the hardware leaves with the provider
    } else if (ctx.rng().bernoulli(std::min(1.0, (1.0 - g.uptime) * 10.0 * days))) {
      // Outages average a tenth of a day, so (1 - uptime) x 10 a day keeps the long-run uptime.
      ctx.submit(kMarket, e.t, kOutage, static_cast<std::uint64_t>(ctx.rng().exponential(1.0 / (0.1 * sim::kDay))));
    }
  } else if (s.p_joining[row] == 0) {
    // Off the network: join when the market pays providers more per GPU-day than this provider's cost.
    const double cost_per_gpu_day =
        s.fixed_usd_per_day(row) / g.gpus_per_provider + s.energy_usd_per_gpu_s(row) * 0.5 * sim::kDay;
    if (s.revenue_per_gpu_day[g.gpu] - cost_per_gpu_day > s.cfg.join_above &&
        ctx.rng().bernoulli(s.cfg.join_probability)) {
      t.profit_ema[row] = 0;
      t.busy_seen[row] = static_cast<std::int64_t>(s.p_busy[row]);
      ctx.submit(kMarket, e.t, kJoin);
    }
  }
  ctx.schedule(e.t + s.cfg.decide_every, kDecide);
  return;
}

void compute_detail::contributor_turn(ComputeNetwork::State& s, sim::AgentContext& ctx, const sim::Event& e,
                                      std::uint32_t row) {
  auto& t = s.contrib;
  if (e.kind == kClaim) {
    const std::uint32_t m = s.model_of(row);
    const auto earned = static_cast<std::int64_t>((static_cast<u128>(t.weight[row]) * s.acc[m]) >> kAccShift);
    const std::int64_t owed = earned - t.claimed[row];
    if (owed > 0) {
      t.claimed[row] = earned;
      t.balance[row] += owed;
      s.ledger.agent_received(ctx.shard(), Tokens(owed));
      s.flows[ctx.shard()].royalties += owed;
      const auto sell = static_cast<std::int64_t>(static_cast<double>(owed) * s.cfg.contributor_sell);
      if (sell > 0) {
        t.balance[row] -= sell;
        s.ledger.agent_sent(ctx.shard(), Tokens(sell));
        s.flows[ctx.shard()].sold += sell;
      }
    }
    const double gap = ctx.rng().exponential(1.0 / static_cast<double>(s.cfg.claim_every));
    ctx.schedule(e.t + 1 + static_cast<sim::Time>(gap), kClaim);
  } else if (e.kind == kPaid) {
    t.balance[row] += static_cast<std::int64_t>(e.payload);
    s.ledger.agent_received(ctx.shard(), Tokens(static_cast<std::int64_t>(e.payload)));
  } else if (e.kind == kBallot && row < s.cfg.contributors) {  // fake datasets' owners vote as Sybil identities
    s.ballot(ctx, e, t.balance[row], 1);
  } else if (e.kind == kQfInvite && row < s.cfg.contributors) {
    s.invited(ctx, e, t.balance[row], s.model_of(row));
  } else if (e.kind == kStakeTurn && row < s.cfg.contributors) {
    s.stake_turn(ctx, t.balance[row], 1);
  } else if (e.kind == kPollBallot && row < s.cfg.contributors) {
    s.poll_ballot(ctx, e, t.balance[row], 1);
  }
}

}  // namespace toksim::models
