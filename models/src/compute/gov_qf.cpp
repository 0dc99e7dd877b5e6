// Governance: quadratic funding rounds from the treasury, and the Sybil controller farming the match.
#include <algorithm>
#include <set>

#include "state.hpp"
#include "toksim/models/governance/quadratic_funding.hpp"

namespace toksim::models {

using namespace compute_detail;

std::uint32_t ComputeNetwork::State::model_of(std::uint32_t contributor_row) const {
  return static_cast<std::uint32_t>(std::upper_bound(model_first.begin(), model_first.end(), contributor_row) -
                                    model_first.begin() - 1);
}

void ComputeNetwork::State::on_qf_start(sim::GlobalContext& ctx, std::size_t i) {
  const QfRound& q = cfg.governance.qf_rounds[i];
  qfs[i].at = ctx.now();
  // The controller's identities each give a little to its own project (project index = models).
  for (std::uint32_t k = 0; k < identities; ++k) {
    const Tokens give = std::min(q.sybil_donation, ledger.balance(attacker));
    if (give.raw() <= 0) break;
    ledger.move(attacker, qf_pool, give);
    donations[i].push_back({holders_voter() + 1 + k, cfg.models, give.raw()});
    qfs[i].donations_sybil += give;
  }
  const sim::Population& pop = ctx.partition().population();
  for (std::uint32_t p = 0; p < prov.rows(); ++p) ctx.send(pop.id(kProvider, p), ctx.window_end(), kQfInvite, i);
  for (std::uint32_t c = 0; c < contrib.rows(); ++c) ctx.send(pop.id(kContributor, c), ctx.window_end(), kQfInvite, i);
  ctx.schedule(kMarket, ctx.now() + q.duration, kQfEnd, i);
}

void ComputeNetwork::State::invited(sim::AgentContext& ctx, const sim::Event& e, std::int64_t& balance,
                                    std::int64_t project) {
  const QfRound& q = cfg.governance.qf_rounds[e.payload];
  if (balance <= 0 || !ctx.rng().bernoulli(q.donor_share)) return;
  const auto amount = std::min<std::int64_t>(static_cast<std::int64_t>(static_cast<double>(balance) * q.donation_share),
                                             (std::int64_t{1} << 40) - 1);
  if (amount <= 0) return;
  if (project < 0) project = static_cast<std::int64_t>(ctx.rng().uniform_int(cfg.models));
  balance -= amount;
  ledger.agent_sent(ctx.shard(), Tokens(amount));
  ctx.submit(kMarket, ctx.now(), kDonation,
             (e.payload << 56) | (static_cast<std::uint64_t>(project) << 40) | static_cast<std::uint64_t>(amount));
}

void ComputeNetwork::State::on_donation(sim::GlobalContext& ctx, const sim::Event& e) {
  const std::size_t i = e.payload >> 56;
  const auto project = static_cast<std::uint32_t>((e.payload >> 40) & 0xffff);
  const auto amount = static_cast<std::int64_t>(e.payload & ((std::uint64_t{1} << 40) - 1));
  ledger.receive_from_agent(qf_pool, Tokens(amount));
  const sim::Population& pop = ctx.partition().population();
  const AccountId donor = voter_of(pop, e.source);
  donations[i].push_back({donor, project, amount});
  qfs[i].donations_honest += Tokens(amount);
}

void ComputeNetwork::State::on_qf_end(std::size_t i) {
  const QfRound& q = cfg.governance.qf_rounds[i];
  QfRecord& r = qfs[i];
  const std::size_t projects = cfg.models + 1;  // the models' creators, then the controller's project
  r.pool = std::min(q.matching_pool, ledger.balance(treasury));
  std::vector<std::vector<double>> by_project(projects);
  std::vector<Contribution> pairs;
  std::vector<double> trust;
  std::vector<std::int64_t> donated(projects, 0);
  std::set<AccountId> donors, sybils, excluded;
  for (const Donation& d : donations[i]) {
    donated[d.project] += d.amount;
    const bool sybil = d.donor > holders_voter();
    (sybil ? sybils : donors).insert(d.donor);
    if (!passes(d.donor) ||
        (d.amount < cfg.governance.defences.min_balance.raw() && cfg.governance.defences.min_balance.raw() > 0)) {
      excluded.insert(d.donor);
      continue;
    }
    by_project[d.project].push_back(static_cast<double>(d.amount) * 1e-6);
    pairs.push_back({d.donor, d.project, static_cast<double>(d.amount) * 1e-6});
  }
  r.donors = donors.size();
  r.sybil_donors = sybils.size();
  for (const AccountId d : excluded) r.donors_excluded += d <= holders_voter();
  std::vector<double> match;
  if (q.pairwise) {
    trust.assign(holders_voter() + 1 + identities, 1.0);
    match = pairwise_qf(projects, pairs, static_cast<double>(r.pool.raw()) * 1e-6, q.pairwise_m, trust).match;
  } else {
    match = standard_qf(by_project, static_cast<double>(r.pool.raw()) * 1e-6, q.cap).match;
  }
  // Donations and matches reach the projects: the models' creators, or the controller.
  for (std::size_t p = 0; p < projects; ++p) {
    const auto m =
        Tokens(std::min<std::int64_t>(static_cast<std::int64_t>(match[p] * 1e6), ledger.balance(treasury).raw()));
    const AccountId to = p < cfg.models ? creators : attacker;
    ledger.move(qf_pool, to, Tokens(donated[p]));
    if (m.raw() > 0) ledger.move(treasury, to, m);
    r.match_total += m;
    if (p == cfg.models) r.match_sybil += m;
  }
  donations[i].clear();
}

}  // namespace toksim::models
