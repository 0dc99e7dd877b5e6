// Governance: conviction voting that funds treasury requests (1Hive), with stake turns as agent events.
#include <algorithm>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::sync_pool() {
  cpool->set_funds(apply(ledger.balance(treasury), cfg.governance.conviction->funds_share));
  cpool->set_stake_token_supply(ledger.minted() - ledger.burned());
}

ConvictionProposalId ComputeNetwork::State::pool_id(std::uint64_t target) const {
  if (target == 1) return ConvictionPool::kAbstainProposal;
  if (target >= 2 && target - 2 < req_open.size() && req_open[target - 2] != 0) return req_ids[target - 2];
  return 0;
}

void ComputeNetwork::State::set_stake(AccountId v, ConvictionProposalId id, Tokens amount, sim::Time now) {
  if (conv_is_staker[v] == 0) {
    conv_is_staker[v] = 1;
    conv_stakers.push_back(v);
  }
  if (id != 0 && cpool->status(id) != ConvictionStatus::Active) id = 0;
  for (const ConvictionProposalId other : cpool->voter_proposals(v)) {
    if (other != id) cpool->withdraw(v, other, cpool->voter_stake(v, other), now);
  }
  if (id == 0) return;
  amount = std::min(amount, cpool->balance(v));
  const Tokens have = cpool->voter_stake(v, id);
  if (amount > have) cpool->stake(v, id, amount - have, now);
  if (amount < have) cpool->withdraw(v, id, have - amount, now);
}

void ComputeNetwork::State::sybil_stakes(sim::Time now) {
  if (identities == 0) return;
  ConvictionProposalId target = 0;
  for (std::size_t k = 0; k < req_open.size() && target == 0; ++k) {
    if (req_open[k] != 0 && cfg.governance.conviction->requests[k].beneficiary == Beneficiary::Sybil)
      target = req_ids[k];
  }
  for (std::uint32_t k = 0; k < identities; ++k) {
    const AccountId v = holders_voter() + 1 + k;
    const std::int64_t each = identity_share(k);
    cpool->set_balance(v, Tokens(each), now);
    set_stake(v, excluded(v, each) ? 0 : target, Tokens(each), now);
  }
}

Tokens ComputeNetwork::State::sybil_stake_on(ConvictionProposalId id) const {
  Tokens sum{0};
  for (std::uint32_t k = 0; k < identities; ++k) sum += cpool->voter_stake(holders_voter() + 1 + k, id);
  return sum;
}

void ComputeNetwork::State::on_request(sim::GlobalContext& ctx, std::size_t k) {
  const ConvictionRequest& q = cfg.governance.conviction->requests[k];
  sync_pool();
  req_ids[k] = cpool->add_proposal(q.amount);
  req_open[k] = 1;
  any_request_open = true;
  req_interest[k] = request_utilities(q.beneficiary);
  conv_records[k].submitted = ctx.now();
  if (q.beneficiary == Beneficiary::Sybil) sybil_stakes(ctx.now());  // its own request: at once
}

void ComputeNetwork::State::fill_record(ConvictionRecord& r, ConvictionProposalId id, sim::Time now) const {
  r.conviction = cpool->conviction_at(id, now);
  r.threshold = cpool->threshold_of(id);
  r.staked = cpool->staked_on(id);
  r.staked_sybil = sybil_stake_on(id);
  r.staked_total = cpool->total_staked();
  r.funds = cpool->funds();
}

void ComputeNetwork::State::conviction_tick(sim::GlobalContext& ctx, sim::Time t) {
  const ConvictionConfig& cc = *cfg.governance.conviction;
  if (t % cc.block == 0 && any_request_open) {
    conv_clock = t;
    sync_pool();
    // Executions at this block, in request order (each one lowers the funds the next one's threshold sees).
    for (std::size_t k = 0; k < req_open.size(); ++k) {
      if (req_open[k] == 0 || !cpool->can_execute(req_ids[k], t)) continue;
      fill_record(conv_records[k], req_ids[k], t);
      const Tokens paid = cpool->execute(req_ids[k], t);
      pay_from_treasury(cc.requests[k].beneficiary, paid);
      conv_records[k].executed = t;
      req_open[k] = 0;
      sync_pool();
    }
    any_request_open = std::find(req_open.begin(), req_open.end(), 1) != req_open.end();
  }
  if (t % cc.stake_every != 0 || !any_request_open) return;
  sync_pool();
  // Stakers whose balance fell below their stake lose the excess (the contract's _onTransfer, once a turn).
  for (const AccountId v : conv_stakers) cpool->set_balance(v, Tokens(voter_balance(v)), t);
  sybil_stakes(t);
  // The float's holders stake their voting part by the holders' interest, without noise: the float stands for
  // many holders whose noise averages out, and a whale flipping at random every turn would swing every threshold.
  {
    const AccountId v = holders_voter();
    const std::int64_t b = voter_balance(v);
    const std::uint64_t target = conviction_target(2, [] { return 0.0; });
    cpool->set_balance(v, Tokens(b), t);
    set_stake(v, pool_id(target), Tokens(static_cast<std::int64_t>(static_cast<double>(b) * cc.stake_share)), t);
  }
  for (std::size_t k = 0; k < req_open.size(); ++k) {
    if (req_open[k] == 0) continue;
    const ConvictionProposalId id = req_ids[k];
    conv_history.push_back({t, static_cast<std::uint32_t>(k), cpool->staked_on(id), sybil_stake_on(id),
                            cpool->total_staked(), cpool->funds(), cpool->conviction_at(id, t),
                            cpool->threshold_of(id)});
  }
  // Every agent with enough tokens (that the defences let through) gets a turn.
  const sim::Population& pop = ctx.partition().population();
  const std::int64_t min = std::max(cc.min_balance.raw(), cfg.governance.defences.min_balance.raw());
  for (std::uint32_t p = 0; p < prov.rows(); ++p) {
    const std::int64_t b = prov.balance[p];
    if (b >= min && b > 0 && !excluded(p, b)) ctx.send(pop.id(kProvider, p), ctx.window_end(), kStakeTurn);
  }
  for (std::uint32_t c = 0; c < cfg.contributors; ++c) {
    const std::int64_t b = contrib.balance[c];
    const auto v = static_cast<AccountId>(prov.rows() + c);
    if (b >= min && b > 0 && !excluded(v, b)) ctx.send(pop.id(kContributor, c), ctx.window_end(), kStakeTurn);
  }
}

void ComputeNetwork::State::stake_turn(sim::AgentContext& ctx, std::int64_t balance, int cls) {
  const GovernanceConfig& g = cfg.governance;
  const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
  const double turnout = turnout_of(tokens, 1.0);
  if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
  const std::uint64_t target =
      conviction_target(static_cast<std::size_t>(cls), [&] { return ctx.rng().normal(0.0, 1.0); });
  const auto amount = std::min<std::uint64_t>(
      static_cast<std::uint64_t>(static_cast<double>(balance) * g.conviction->stake_share), kStakeAmountMask);
  ctx.submit(kMarket, ctx.now(), kStake, (target << 56) | (target == 0 ? 0 : amount));
}

void ComputeNetwork::State::on_stake(sim::GlobalContext& ctx, const sim::Event& e) {
  const sim::Population& pop = ctx.partition().population();
  const AccountId v = voter_of(pop, e.source);
  const std::int64_t b = voter_balance(v);
  cpool->set_balance(v, Tokens(b), ctx.now());
  const auto amount = static_cast<std::int64_t>(e.payload & kStakeAmountMask);
  set_stake(v, pool_id(e.payload >> 56), Tokens(std::min(amount, b)), ctx.now());
}

std::vector<ConvictionRecord> ComputeNetwork::conviction_requests() const {
  const State& s = *s_;
  std::vector<ConvictionRecord> out = s.conv_records;
  for (std::size_t k = 0; k < out.size(); ++k) {  // requests still open: as at the last block checked
    if (s.req_ids[k] != 0 && out[k].executed < 0)
      s.fill_record(out[k], s.req_ids[k], std::max(s.conv_clock, out[k].submitted));
  }
  return out;
}

std::string_view name(Beneficiary b) noexcept {
  switch (b) {
    case Beneficiary::Contributors:
      return "contributors";
    case Beneficiary::Creators:
      return "creators";
    case Beneficiary::Sybil:
      return "sybil";
    case Beneficiary::Burn:
      return "burn";
  }
  return "?";
}

}  // namespace toksim::models
