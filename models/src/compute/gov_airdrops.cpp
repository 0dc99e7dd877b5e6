// Governance: airdrops from the treasury to active identities, farmed by the Sybil controller.
#include <algorithm>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::on_airdrop(sim::GlobalContext& ctx, std::size_t i) {
  const Airdrop& a = cfg.governance.airdrops[i];
  AirdropRecord& r = drops[i];
  r.at = ctx.now();
  // Who was active: providers by GPU-hours served, contributors by royalties claimed; then the defences.
  std::vector<std::uint32_t> providers_in, contributors_in;
  for (std::uint32_t p = 0; p < prov.rows(); ++p) {
    if (static_cast<double>(p_busy[p]) < a.min_gpu_hours * 3600.0) continue;
    if (passes(p)) {
      providers_in.push_back(p);
    } else {
      ++r.honest_excluded;
    }
  }
  std::vector<std::uint32_t> fakes_in;  // the controller's fake datasets that qualify farm it too
  for (std::uint32_t c = 0; c < contrib.rows(); ++c) {
    if (contrib.claimed[c] <= 0 || contrib.claimed[c] < a.min_royalties.raw()) continue;
    if (c >= cfg.contributors) {
      fakes_in.push_back(c);
    } else if (passes(static_cast<AccountId>(prov.rows() + c))) {
      contributors_in.push_back(c);
    } else {
      ++r.honest_excluded;
    }
  }
  std::uint64_t bots = 0;
  if (identities > 0) {
    for (std::uint32_t k = 0; k < identities; ++k) {
      if (passes(holders_voter() + 1 + k)) ++bots;
    }
    r.bot_cost_usd = static_cast<double>(identities) * a.bot_activity_usd;  // every bot fakes the activity
  }
  r.eligible_honest = providers_in.size() + contributors_in.size();
  r.eligible_sybil = bots + fakes_in.size();
  const std::uint64_t eligible = r.eligible_honest + r.eligible_sybil;
  r.amount = std::min(a.amount, ledger.balance(treasury));
  if (eligible == 0 || r.amount.raw() <= 0) return;
  r.each = Tokens(r.amount.raw() / static_cast<std::int64_t>(eligible));
  ledger.move(treasury, airdrop_pool, r.each * static_cast<std::int64_t>(eligible));
  // Bots claim at once; honest identities claim at a uniform time within the window, or never.
  if (bots > 0) {
    r.claimed_sybil = r.each * static_cast<std::int64_t>(bots);
    ledger.move(airdrop_pool, attacker, r.claimed_sybil);
  }
  const sim::Population& pop = ctx.partition().population();
  const auto claim = [&](sim::AgentId id) {
    if (!ctx.rng().bernoulli(a.claim_rate)) return;
    const auto when =
        ctx.window_end() + static_cast<sim::Time>(ctx.rng().uniform() * static_cast<double>(a.claim_window));
    ledger.send_to_agent(airdrop_pool, r.each);
    ctx.send(id, when, kPaid, static_cast<std::uint64_t>(r.each.raw()));
    r.claimed_honest += r.each;
  };
  for (const std::uint32_t p : providers_in) claim(pop.id(kProvider, p));
  for (const std::uint32_t c : contributors_in) claim(pop.id(kContributor, c));
  for (const std::uint32_t c : fakes_in) {  // the controller's: all claim at once
    ledger.send_to_agent(airdrop_pool, r.each);
    ctx.send(pop.id(kContributor, c), ctx.window_end(), kPaid, static_cast<std::uint64_t>(r.each.raw()));
    r.claimed_sybil += r.each;
  }
  ctx.schedule(kMarket, ctx.window_end() + a.claim_window, kAirdropEnd, i);
}

void ComputeNetwork::State::on_airdrop_end(std::size_t i) {
  drops[i].returned = ledger.balance(airdrop_pool);
  ledger.move(airdrop_pool, treasury, drops[i].returned);
}

}  // namespace toksim::models
