// Providers on the market: their costs, the lazily cleaned heaps of available and busy providers, joining, leaving,
// unbonding and outages.
#include <algorithm>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::on_join(sim::GlobalContext&, std::uint32_t p) {
  if (p_active[p] != 0 || p_joining[p] != 0) return;
  p_joining[p] = 1;
  joiners.push_back(p);
}

void ComputeNetwork::State::on_leave(sim::GlobalContext& ctx, std::uint32_t p) {
  if (p_active[p] == 0) return;
  p_active[p] = 0;
  active_gpus -= gpus_of(p);
  active_gpus_by_type[group_of(p).gpu] -= gpus_of(p);
  set_state(p, 0);
  // The stake unbonds: it stays in the stakes account (slashable no more) and comes back after the unbonding
  // period; the provider then sells it.
  if (p_stake[p] > 0) {
    if (p_unbonding[p] == 0) ctx.schedule(kMarket, ctx.now() + cfg.stake_unbonding, kRelease, p);
    p_unbonding[p] += p_stake[p];
    unbonding_total += p_stake[p];
    p_stake[p] = 0;
  }
}

void ComputeNetwork::State::on_release(sim::GlobalContext& ctx, std::uint32_t p) {
  const std::int64_t amount = p_unbonding[p];
  if (amount <= 0) return;
  p_unbonding[p] = 0;
  unbonding_total -= amount;
  ledger.send_to_agent(stakes, Tokens(amount));
  ctx.send(ctx.partition().population().id(kProvider, p), ctx.window_end(), kUnstaked,
           static_cast<std::uint64_t>(amount));
}

void ComputeNetwork::State::on_outage(sim::GlobalContext& ctx, std::uint32_t p, sim::Time seconds) {
  if (p_active[p] == 0) return;
  p_out_until[p] = ctx.now() + seconds;
  p_backlog_end[p] = std::max(p_backlog_end[p], p_out_until[p]);
  make_busy(p);
}

}  // namespace toksim::models
