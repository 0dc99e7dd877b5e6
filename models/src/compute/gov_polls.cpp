// Governance: Snapshot polls, executed at their close or kept as signals.
#include <algorithm>
#include <cmath>
#include <span>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::State::on_poll_start(sim::GlobalContext& ctx, std::size_t i) {
  const Poll& p = cfg.governance.polls[i];
  const GovernanceConfig& g = cfg.governance;
  PollRecord& r = poll_records[i];
  r.opened = ctx.now();
  poll_open[i] = 1;
  poll_interest[i].clear();
  for (const PollChoice& c : p.choices) poll_interest[i].push_back(utilities(c));
  // The snapshot: every identity's balance now. Agents that delegated speak through their delegate.
  const sim::Population& pop = ctx.partition().population();
  std::vector<std::int64_t>& snap = poll_snap[i];
  snap.assign(prov.rows() + contrib.rows(), 0);
  std::vector<std::int64_t> delegators(g.delegates, 0);  // per delegate: its delegators' balances
  double everyone = static_cast<double>(ledger.balance(market).raw() + ledger.balance(attacker).raw());
  for (AccountId a = 0; a < snap.size(); ++a) {
    const bool provider = a < prov.rows();
    const std::uint32_t row = provider ? a : a - static_cast<AccountId>(prov.rows());
    if (!provider && row >= cfg.contributors) continue;  // fake datasets' owners are the controller's
    const std::int64_t b = std::max<std::int64_t>(0, provider ? prov.balance[row] : contrib.balance[row]);
    everyone += static_cast<double>(b);
    if (delegate_of[a] != kNoDelegate) {
      delegators[delegate_of[a]] += b;
      continue;
    }
    if (b <= 0 || excluded(a, b)) continue;
    snap[a] = b;
    ctx.send(provider ? pop.id(kProvider, row) : pop.id(kContributor, row), ctx.window_end(), kPollBallot, i);
  }
  poll_total_power[i] = everyone;
  const std::size_t n = p.choices.size();
  std::vector<double> value(n);
  const auto cast = [&](std::int64_t power, std::size_t cls) {
    if (power <= 0) return;
    for (std::size_t c = 0; c < n; ++c) value[c] = poll_interest[i][c][cls] + g.noise * ctx.rng().normal(0.0, 1.0);
    poll_votes[i].push_back({static_cast<double>(power), encode_poll_ballot(p.type, value, p.approval_bar)});
  };
  // The float's voting part, as one holder; delegates with their delegators' balances and their part of the
  // float, each by the interest of the class it speaks for.
  const Tokens fl = ledger.balance(market);
  cast(apply(fl, g.float_votes).raw(), 2);
  const Tokens fd = apply(fl, g.float_delegated);
  for (std::uint32_t k = 0; k < g.delegates; ++k) {
    const std::int64_t own = fd.raw() / g.delegates + (k < static_cast<std::uint32_t>(fd.raw() % g.delegates) ? 1 : 0);
    cast(delegators[k] + own, delegate_class[k]);
  }
  // The controller's identities back its choice, all in.
  if (p.sybil_choice && identities > 0) {
    for (std::size_t c = 0; c < n; ++c) value[c] = c == *p.sybil_choice ? 1.0 : -1e3;
    const std::uint64_t ballot = encode_poll_ballot(p.type, value, 0.0);
    for (std::uint32_t k = 0; k < identities; ++k) {
      const std::int64_t b = identity_share(k);
      if (b <= 0 || excluded(holders_voter() + 1 + k, b)) continue;
      poll_votes[i].push_back({static_cast<double>(b), ballot});
      poll_sybil_power[i] += static_cast<double>(b);
      poll_sybil_sqrt[i] += std::sqrt(static_cast<double>(b));
    }
  }
  ctx.schedule(kMarket, ctx.now() + p.duration, kPollEnd, i);
}

void ComputeNetwork::State::poll_ballot(sim::AgentContext& ctx, const sim::Event& e, std::int64_t balance, int cls) {
  const GovernanceConfig& g = cfg.governance;
  const Poll& p = g.polls[e.payload];
  const double tokens = static_cast<double>(std::max<std::int64_t>(0, balance)) * 1e-6;
  const double fatigue = std::pow(1.0 - g.apathy, static_cast<double>(e.payload));  // polls before this one
  const double turnout = turnout_of(tokens, fatigue);
  if (tokens <= 0 || !ctx.rng().bernoulli(turnout)) return;
  std::array<double, 8> value{};
  for (std::size_t c = 0; c < p.choices.size(); ++c) {
    value[c] = poll_interest[e.payload][c][static_cast<std::size_t>(cls)] + g.noise * ctx.rng().normal(0.0, 1.0);
  }
  const std::uint64_t ballot =
      encode_poll_ballot(p.type, std::span<const double>(value.data(), p.choices.size()), p.approval_bar);
  ctx.submit(kMarket, ctx.now(), kPollVote, (e.payload << 48) | ballot);
}

void ComputeNetwork::State::on_poll_vote(sim::GlobalContext& ctx, const sim::Event& e) {
  const std::size_t i = e.payload >> 48;
  if (poll_open[i] == 0) return;  // arrived after the close
  const sim::Population& pop = ctx.partition().population();
  const AccountId v = voter_of(pop, e.source);
  const std::int64_t power = poll_snap[i][v];
  if (power > 0) poll_votes[i].push_back({static_cast<double>(power), e.payload & kPollBallotMask});
}

void ComputeNetwork::State::on_poll_end(sim::GlobalContext& ctx, std::size_t i) {
  const Poll& p = cfg.governance.polls[i];
  PollRecord& r = poll_records[i];
  const PollResult res = tally_poll(p.type, p.choices.size(), poll_votes[i]);
  r.closed = ctx.now();
  r.scores = res.scores;
  r.scores_total = res.scores_total;
  r.winner = res.winner;
  r.voters = poll_votes[i].size();
  double power = 0, roots = 0;
  for (const PollVote& v : poll_votes[i]) {
    power += v.power;
    roots += std::sqrt(v.power);
  }
  r.turnout = poll_total_power[i] > 0 ? power / poll_total_power[i] : 0.0;
  r.sybil_share = p.type == PollType::Quadratic ? (roots > 0 ? poll_sybil_sqrt[i] / roots : 0.0)
                                                : (power > 0 ? poll_sybil_power[i] / power : 0.0);
  if (p.execute && res.winner >= 0) {
    apply_change(p.choices[static_cast<std::size_t>(res.winner)]);
    r.executed = ctx.now();
  }
  poll_open[i] = 0;
  std::vector<std::int64_t>().swap(poll_snap[i]);
  std::vector<PollVote>().swap(poll_votes[i]);
}

}  // namespace toksim::models
