// Governance: proposals through the OpenZeppelin Governor, from proposal to execution, and what an executed change
// does.
#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls) {
  const GovernanceConfig& g = cfg.governance;
  const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
  const double fatigue = std::pow(1.0 - g.apathy, static_cast<double>(e.payload));  // proposals before this one
  const double turnout = turnout_of(tokens, fatigue);
  if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
  const double u = interest[e.payload][static_cast<std::size_t>(cls)] + g.noise * ctx.rng().normal(0.0, 1.0);
  const Support support = support_of(u);
  ctx.submit(kMarket, ctx.now(), kVote, (e.payload << 2) | static_cast<std::uint64_t>(support));
}

void ComputeNetwork::State::update_record(std::size_t i, sim::Time now) {
  ProposalRecord& r = records[i];
  const Tallies t = gov->tallies(proposal_ids[i]);
  r.for_votes = t.for_votes;
  r.against_votes = t.against_votes;
  r.abstain_votes = t.abstain_votes;
  r.voters = gov->voter_count(proposal_ids[i]);
  r.state = std::string(name(gov->state(proposal_ids[i], now)));
}

void ComputeNetwork::State::on_propose(sim::GlobalContext& ctx, std::size_t i) {
  const GovernanceProposal& g = cfg.governance.proposals[i];
  sync_votes(ctx.now());
  const ProposalId id = gov->propose(holders_voter(), g.title, ctx.now());
  proposal_ids[i] = id;
  ProposalRecord& r = records[i];
  r.title = g.title;
  r.id = id;
  r.proposed = ctx.now();
  r.snapshot = gov->proposal_snapshot(id);
  r.deadline = gov->proposal_deadline(id);
  r.quorum = gov->quorum(r.snapshot);
  update_record(i, ctx.now());
  r.honest_excluded = honest_excluded;
  if (r.snapshot > ctx.now()) ctx.schedule(kMarket, r.snapshot, kSnapshot, i);
  ctx.schedule(kMarket, r.snapshot + 1, kVoteStart, i);
  ctx.schedule(kMarket, r.deadline + 1, kVoteEnd, i);
}

void ComputeNetwork::State::on_snapshot(sim::GlobalContext& ctx, std::size_t i) {
  sync_votes(ctx.now());
  records[i].quorum = gov->quorum(records[i].snapshot);
  records[i].honest_excluded = honest_excluded;
}

void ComputeNetwork::State::on_vote_start(sim::GlobalContext& ctx, std::size_t i) {
  interest[i] = utilities(cfg.governance.proposals[i]);
  // The Sybil identities that can vote do, all the same way.
  if (identities > 0) {
    const auto& sup = cfg.governance.sybil->supports;
    const bool favour = std::find(sup.begin(), sup.end(), static_cast<std::uint32_t>(i)) != sup.end();
    for (std::uint32_t k = 0; k < identities; ++k) {
      const AccountId a = holders_voter() + 1 + k;
      if (votes->votes_at(a, records[i].snapshot).raw() <= 0) continue;
      records[i].sybil_votes += gov->cast_vote(proposal_ids[i], a, favour ? Support::For : Support::Against, ctx.now());
      ++records[i].sybil_voters;
    }
  }
  // The float votes as one holder, by its interest plus noise.
  const double u = interest[i][2] + cfg.governance.noise * ctx.rng().normal(0.0, 1.0);
  if (votes->balance(holders_voter()).raw() > 0) {
    gov->cast_vote(proposal_ids[i], holders_voter(), support_of(u), ctx.now());
  }
  // Delegates vote with their delegators' power, by the interest of the class they speak for.
  for (std::uint32_t k = 0; k < cfg.governance.delegates; ++k) {
    const AccountId a = first_delegate() + k;
    if (votes->votes_at(a, records[i].snapshot).raw() <= 0) continue;
    const double du = interest[i][delegate_class[k]] + cfg.governance.noise * ctx.rng().normal(0.0, 1.0);
    records[i].delegate_votes += gov->cast_vote(proposal_ids[i], a, support_of(du), ctx.now());
  }
  // Everybody else who has not delegated gets a ballot.
  const sim::Population& pop = ctx.partition().population();
  for (std::uint32_t p = 0; p < prov.rows(); ++p) {
    if (delegate_of[p] == kNoDelegate) ctx.send(pop.id(kProvider, p), ctx.window_end(), kBallot, i);
  }
  for (std::uint32_t c = 0; c < contrib.rows(); ++c) {
    if (delegate_of[prov.rows() + c] == kNoDelegate) ctx.send(pop.id(kContributor, c), ctx.window_end(), kBallot, i);
  }
  update_record(i, ctx.now());
}

void ComputeNetwork::State::on_vote(sim::GlobalContext& ctx, const sim::Event& e) {
  const std::size_t i = e.payload >> 2;
  const auto support = static_cast<Support>(e.payload & 3);
  const sim::Population& pop = ctx.partition().population();
  const AccountId voter = voter_of(pop, e.source);
  // A ballot that arrives after the deadline (a vote period shorter than a window) is not counted.
  if (gov->state(proposal_ids[i], ctx.now()) != ProposalState::Active) return;
  gov->cast_vote(proposal_ids[i], voter, support, ctx.now());
}

void ComputeNetwork::State::on_vote_end(sim::GlobalContext& ctx, std::size_t i) {
  const ProposalId id = proposal_ids[i];
  update_record(i, ctx.now());
  if (gov->state(id, ctx.now()) != ProposalState::Succeeded) return;
  ++passed;
  if (cfg.governance.timelock > 0) {
    const sim::Time eta = gov->queue(id, ctx.now());
    update_record(i, ctx.now());
    ctx.schedule(kMarket, eta, kExecute, i);
  } else {
    on_execute(ctx, i);
  }
}

void ComputeNetwork::State::on_execute(sim::GlobalContext& ctx, std::size_t i) {
  gov->execute(proposal_ids[i], ctx.now());
  apply_change(cfg.governance.proposals[i]);
  ++executed;
  records[i].executed = ctx.now();
  update_record(i, ctx.now());
}

void ComputeNetwork::State::grant_contributors(Tokens grant) {
  std::uint64_t total_weight = 0;
  std::uint32_t heaviest = 0;
  for (std::uint32_t m = 0; m < cfg.models; ++m) {
    total_weight += model_weight[m];
    if (model_weight[m] > model_weight[heaviest]) heaviest = m;
  }
  if (total_weight == 0 || grant.raw() <= 0) return;
  Tokens given{0};
  std::vector<Tokens> part(cfg.models, Tokens(0));
  for (std::uint32_t m = 0; m < cfg.models; ++m) {
    part[m] = Tokens(static_cast<std::int64_t>(static_cast<u128>(grant.raw()) * model_weight[m] / total_weight));
    given += part[m];
  }
  part[heaviest] += grant - given;
  for (std::uint32_t m = 0; m < cfg.models; ++m) {
    if (part[m].raw() <= 0 || model_weight[m] == 0) continue;
    ledger.move(treasury, royalty_pool, part[m]);
    acc[m] += (static_cast<u128>(part[m].raw()) << kAccShift) / model_weight[m];
  }
}

void ComputeNetwork::State::pay_from_treasury(Beneficiary b, Tokens amount) {
  switch (b) {
    case Beneficiary::Contributors:
      grant_contributors(amount);
      break;
    case Beneficiary::Creators:
      ledger.move(treasury, creators, amount);
      break;
    case Beneficiary::Sybil:
      ledger.move(treasury, attacker, amount);
      break;
    case Beneficiary::Burn:
      ledger.burn(treasury, amount);
      break;
  }
}

void ComputeNetwork::State::apply_change(const ParameterChange& g) {
  live.apply(g);
  if (g.grant_to_contributors.raw() > 0)
    grant_contributors(std::min(g.grant_to_contributors, ledger.balance(treasury)));
  if (g.grant_to_attacker.raw() > 0 && identities > 0) {
    ledger.move(treasury, attacker, std::min(g.grant_to_attacker, ledger.balance(treasury)));
  }
}

}  // namespace toksim::models
