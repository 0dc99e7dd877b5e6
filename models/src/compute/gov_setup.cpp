// Governance set-up at genesis: the Sybil controller, delegates, Passport scores, Votes and the Governor, and the
// schedule of proposals, airdrops, QF rounds, conviction requests and polls.
#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void compute_detail::setup_governance(ComputeNetwork::State& s, sim::GlobalContext& ctx) {
  const ComputeNetworkConfig& c = s.cfg;
  Ledger& l = s.ledger;
  const GovernanceConfig& gc = c.governance;
  // Voting power: every agent's balance (none at genesis) and the market's float, self-delegated.
  s.attacker = l.open("sybil_controller", AccountClass::Market);
  if (c.governance.sybil) {
    const SybilAttack& a = *c.governance.sybil;
    const double affordable = a.identity_cost_usd > 0 ? std::floor(a.budget_usd / a.identity_cost_usd) : 1e18;
    s.identities = static_cast<std::uint32_t>(std::min<double>(a.max_identities, affordable));
    l.move(s.market, s.attacker, std::min(a.tokens, l.balance(s.market)));
  }
  // Agents, the float, the Sybil identities, the delegates, the float's passive part.
  const std::size_t voters = s.prov.rows() + s.contrib.rows() + 1 + s.identities + c.governance.delegates + 1;
  s.delegate_of.assign(s.prov.rows() + s.contrib.rows(), kNoDelegate);
  s.delegate_class.assign(c.governance.delegates, 0);
  for (std::uint32_t k = 0; k < c.governance.delegates; ++k) {
    s.delegate_class[k] = static_cast<std::uint8_t>(ctx.rng().uniform_int(3));
  }
  if (c.governance.delegates > 0) {
    for (auto& d : s.delegate_of) {
      if (ctx.rng().bernoulli(c.governance.delegation_share)) {
        d = static_cast<std::uint32_t>(ctx.rng().uniform_int(c.governance.delegates));
      }
    }
  }
  // Passport: each identity's score is drawn once from the market's stream; honest ones fail with the false-
  // positive rate, Sybil ones pass with the false-negative rate.
  s.passport_out.assign(voters, 0);
  if (c.governance.defences.passport) {
    for (std::size_t v = 0; v < voters; ++v) {
      const std::size_t float_row = s.prov.rows() + s.contrib.rows();
      const bool sybil = v > float_row && v <= float_row + s.identities;
      const bool float_holder = v == float_row || v > float_row + s.identities;  // the float, delegates: not scored
      const double u = ctx.rng().uniform();
      s.passport_out[v] = float_holder ? 0
                          : sybil      ? (u >= c.governance.defences.false_negative)
                                       : (u < c.governance.defences.false_positive);
    }
  }
  s.votes.emplace(Votes::genesis(std::vector<Tokens>(voters, Tokens(0)), ctx.now()));
  GovernorSettings gs;
  gs.voting_delay = c.governance.voting_delay;
  gs.voting_period = c.governance.voting_period;
  gs.quorum_numerator = c.governance.quorum_percent;
  gs.quorum_denominator = 100;
  gs.timelock_delay = c.governance.timelock;
  s.gov = std::make_unique<Governor>(gs, *s.votes);
  s.proposal_ids.assign(c.governance.proposals.size(), 0);
  s.records.assign(c.governance.proposals.size(), ProposalRecord{});
  s.interest.assign(c.governance.proposals.size(), {0, 0, 0});
  s.airdrop_pool = l.open("airdrop", AccountClass::Other);
  s.qf_pool = l.open("qf_round", AccountClass::Other);
  s.qfs.assign(c.governance.qf_rounds.size(), QfRecord{});
  s.donations.assign(c.governance.qf_rounds.size(), {});
  for (std::size_t i = 0; i < c.governance.qf_rounds.size(); ++i) {
    ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.qf_rounds[i].at), kQfStart, i);
  }
  s.drops.assign(c.governance.airdrops.size(), AirdropRecord{});
  for (std::size_t i = 0; i < c.governance.airdrops.size(); ++i) {
    ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.airdrops[i].at), kAirdrop, i);
  }
  for (std::size_t i = 0; i < c.governance.proposals.size(); ++i) {
    s.records[i].title = c.governance.proposals[i].title;
    s.records[i].state = "not yet proposed";
    ctx.schedule(kMarket, std::max(ctx.now() + 1, c.governance.proposals[i].at), kPropose, i);
  }
  if (gc.conviction && !gc.conviction->requests.empty()) {
    const ConvictionConfig& cc = *gc.conviction;
    s.cpool.emplace(cc.params, apply(l.balance(s.treasury), cc.funds_share), l.minted() - l.burned(), cc.block);
    const std::size_t n = cc.requests.size();
    s.req_ids.assign(n, 0);
    s.req_open.assign(n, 0);
    s.req_interest.assign(n, {0, 0, 0});
    s.conv_records.assign(n, ConvictionRecord{});
    s.conv_is_staker.assign(voters, 0);
    for (std::size_t k = 0; k < n; ++k) {
      s.conv_records[k].title = cc.requests[k].title;
      s.conv_records[k].beneficiary = cc.requests[k].beneficiary;
      s.conv_records[k].amount = cc.requests[k].amount;
      ctx.schedule(kMarket, std::max(ctx.now() + 1, cc.requests[k].at), kRequest, k);
    }
  }
  const std::size_t polls = gc.polls.size();
  s.poll_records.assign(polls, PollRecord{});
  s.poll_interest.assign(polls, {});
  s.poll_snap.assign(polls, {});
  s.poll_votes.assign(polls, {});
  s.poll_open.assign(polls, 0);
  s.poll_total_power.assign(polls, 0.0);
  s.poll_sybil_power.assign(polls, 0.0);
  s.poll_sybil_sqrt.assign(polls, 0.0);
  for (std::size_t i = 0; i < polls; ++i) {
    s.poll_records[i].title = gc.polls[i].title;
    s.poll_records[i].type = gc.polls[i].type;
    ctx.schedule(kMarket, std::max(ctx.now() + 1, gc.polls[i].at), kPollStart, i);
  }
}

}  // namespace toksim::models
