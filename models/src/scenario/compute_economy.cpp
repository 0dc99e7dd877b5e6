// The compute network as a Simulation sees it (economy.hpp): its samples as metric rows, its agent tables
// (providers, contributors), the insiders' unlocks and the /events tables of governance (proposals and their
// transitions, airdrops, QF rounds, conviction requests, polls); and the metrics it records.
#include <fmt/format.h>

#include "economies.hpp"
#include "toksim/models/compute/compute_network.hpp"
#include "toksim/models/scenario/economy.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace toksim::models {

namespace {

class Compute final : public Economy {
  /// /events/conviction, /events/conviction_history, /events/polls and /events/poll_choices.
  void governance_tables(std::vector<Simulation::EventTable>& tables) const {
    const std::string unit = "token base units (1e-6 token)";
    const std::vector<ConvictionRecord> cs = m_.conviction_requests();
    if (!cs.empty()) {
      std::vector<std::string> title, beneficiary;
      std::vector<std::int64_t> amount, submitted, executed, staked, sybil, total, funds;
      std::vector<double> conviction, threshold;
      for (const ConvictionRecord& r : cs) {
        title.push_back(r.title);
        beneficiary.emplace_back(name(r.beneficiary));
        amount.push_back(r.amount.raw());
        submitted.push_back(r.submitted);
        executed.push_back(r.executed);
        conviction.push_back(r.conviction);
        threshold.push_back(r.threshold);
        staked.push_back(r.staked.raw());
        sybil.push_back(r.staked_sybil.raw());
        total.push_back(r.staked_total.raw());
        funds.push_back(r.funds.raw());
      }
      tables.push_back({"conviction",
                        {{"title", title, ""},
                         {"beneficiary", beneficiary, ""},
                         {"amount", amount, unit},
                         {"submitted", submitted, "s (-1: not yet)"},
                         {"executed", executed, "s (-1: not executed)"},
                         {"conviction", conviction, unit + " x blocks (at the execution, else at the last block)"},
                         {"threshold", threshold, unit + " x blocks (inf: more than max_ratio of the funds)"},
                         {"staked", staked, unit},
                         {"staked_sybil", sybil, unit},
                         {"staked_total", total, unit},
                         {"funds", funds, unit}}});
      std::vector<std::int64_t> t, request, hs, hsy, ht, hf;
      std::vector<double> hc, hth;
      for (const ConvictionSample& x : m_.conviction_history()) {
        t.push_back(x.t);
        request.push_back(x.request);
        hs.push_back(x.staked.raw());
        hsy.push_back(x.staked_sybil.raw());
        ht.push_back(x.staked_total.raw());
        hf.push_back(x.funds.raw());
        hc.push_back(x.conviction);
        hth.push_back(x.threshold);
      }
      tables.push_back({"conviction_history",
                        {{"time", t, "s"},
                         {"request", request, "row of /events/conviction"},
                         {"staked", hs, unit},
                         {"staked_sybil", hsy, unit},
                         {"staked_total", ht, unit},
                         {"funds", hf, unit},
                         {"conviction", hc, unit + " x blocks"},
                         {"threshold", hth, unit + " x blocks"}}});
    }
    const std::vector<PollRecord> ps = m_.polls();
    if (ps.empty()) return;
    std::vector<std::string> title, type, scores, winner_name;
    std::vector<std::int64_t> opened, closed, executed, winner, voters, cp, cc;
    std::vector<double> total, turnout, sybil, cs_score;
    std::vector<std::string> cname;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const PollRecord& r = ps[i];
      const Poll& p = s_.compute.governance.polls[i];
      title.push_back(r.title);
      type.emplace_back(name(r.type));
      opened.push_back(r.opened);
      closed.push_back(r.closed);
      executed.push_back(r.executed);
      winner.push_back(r.winner);
      winner_name.push_back(r.winner >= 0 ? p.choices[static_cast<std::size_t>(r.winner)].name : "");
      voters.push_back(static_cast<std::int64_t>(r.voters));
      total.push_back(r.scores_total);
      turnout.push_back(r.turnout);
      sybil.push_back(r.sybil_share);
      std::string joined;
      for (std::size_t c = 0; c < r.scores.size(); ++c) {
        joined += (c > 0 ? ";" : "") + fmt::format("{:.6g}", r.scores[c] * kBaseUnit);
        cp.push_back(static_cast<std::int64_t>(i));
        cc.push_back(static_cast<std::int64_t>(c));
        cname.push_back(p.choices[c].name);
        cs_score.push_back(r.scores[c]);
      }
      scores.push_back(joined);
    }
    tables.push_back({"polls",
                      {{"title", title, ""},
                       {"type", type, ""},
                       {"opened", opened, "s"},
                       {"closed", closed, "s (-1: still open)"},
                       {"executed", executed, "s (-1: not executed)"},
                       {"winner", winner, "choice index (-1: none)"},
                       {"winner_name", winner_name, ""},
                       {"scores", scores, "tokens per choice, ';'-separated"},
                       {"scores_total", total, unit},
                       {"voters", voters, "ballots"},
                       {"turnout", turnout, "share of every identity's balance"},
                       {"sybil_share", sybil, "of the power cast (quadratic: of the sum of square roots)"}}});
    tables.push_back({"poll_choices",
                      {{"poll", cp, "row of /events/polls"},
                       {"choice", cc, "index"},
                       {"name", cname, ""},
                       {"score", cs_score, unit}}});
  }

 public:
  Compute(const Scenario& s) : s_(s), m_(s.compute, s.shards) {}
  sim::Model& model() override { return m_; }
  sim::Population population() const override { return m_.population(); }
  sim::Observer& observer() override { return m_.observer(); }
  std::size_t produced() const override { return m_.samples().size(); }
  bool row(std::size_t i, sim::Time& t, std::vector<std::int64_t>& ints, std::vector<double>& reals) const override {
    const ComputeSample& x = m_.samples()[i];
    t = x.t;
    ints = {x.supply.raw(),
            x.circulating.raw(),
            x.treasury.raw(),
            x.staked.raw(),
            x.minted.raw(),
            x.burned.raw(),
            x.paid_provider.raw(),
            x.paid_creator.raw(),
            x.paid_contributors.raw(),
            x.paid_treasury.raw(),
            x.paid_burn.raw(),
            x.fees_usd.raw(),
            static_cast<std::int64_t>(x.submitted),
            static_cast<std::int64_t>(x.completed),
            static_cast<std::int64_t>(x.dropped),
            static_cast<std::int64_t>(x.caught),
            static_cast<std::int64_t>(x.undetected),
            static_cast<std::int64_t>(x.providers_active)};
    for (const std::uint32_t n : x.active_by_gpu) ints.push_back(n);
    ints.push_back(x.stake_per_gpu.raw());
    ints.push_back(static_cast<std::int64_t>(x.proposals_passed));
    ints.push_back(static_cast<std::int64_t>(x.proposals_executed));
    reals = {x.price,
             x.latency_mean_s,
             x.utilization,
             x.profitable_share,
             x.provider_profit_p10,
             x.provider_profit_median,
             x.provider_profit_p90};
    for (const double d : x.royalty_deciles) reals.push_back(d);
    reals.push_back(x.gini);
    reals.push_back(x.nakamoto);
    reals.push_back(static_cast<double>(x.split_provider.raw()) / 1e6);
    reals.push_back(static_cast<double>(x.split_contributors.raw()) / 1e6);
    reals.push_back(x.verification_rate);
    reals.push_back(x.sybil_royalty_share);
    reals.push_back(static_cast<double>(x.emission_scale) / 1e6);
    return true;
  }
  void measure_gini() override { m_.measure_gini(); }
  std::string digest(const sim::Engine& e) const override { return m_.digest(e); }
  std::vector<std::pair<std::string, std::uint64_t>> kinds() const override {
    return {{"provider", m_.providers().rows()}, {"contributor", m_.contributors().rows()}};
  }
  std::vector<MetricInfo> agent_columns() const override {
    return {{"balance", true, "token", kBaseUnit, "token balance"}};
  }
  void agent_column(std::string_view kind, std::string_view, std::vector<std::int64_t>& ints,
                    std::vector<double>&) const override {
    const auto b = kind == "provider" ? m_.providers().balance.span() : m_.contributors().balance.span();
    ints.assign(b.begin(), b.end());
  }
  std::vector<Simulation::AgentArray> agent_arrays(std::string_view kind) const override {
    return kind == "provider" ? arrays_of(m_.providers()) : arrays_of(m_.contributors());
  }
  std::vector<Simulation::Unlock> unlocks(sim::Time horizon) const override {
    const ComputeNetworkConfig& c = s_.compute;
    std::vector<Simulation::Unlock> out;
    monthly_unlocks(out, "insiders", apply(c.total_supply, c.insiders_share), 1, c.insiders_cliff, c.insiders_months,
                    horizon);
    return out;
  }
  std::vector<Simulation::EventTable> event_tables() const override {
    std::vector<Simulation::EventTable> tables;
    const std::vector<AirdropRecord> ds = m_.airdrops();
    if (!ds.empty()) {
      const std::string unit = "token base units (1e-6 token)";
      std::vector<std::int64_t> at, amount, each, honest, sybil, returned, eh, es, ex;
      std::vector<double> cost;
      for (const AirdropRecord& d : ds) {
        at.push_back(d.at);
        amount.push_back(d.amount.raw());
        each.push_back(d.each.raw());
        honest.push_back(d.claimed_honest.raw());
        sybil.push_back(d.claimed_sybil.raw());
        returned.push_back(d.returned.raw());
        eh.push_back(static_cast<std::int64_t>(d.eligible_honest));
        es.push_back(static_cast<std::int64_t>(d.eligible_sybil));
        ex.push_back(static_cast<std::int64_t>(d.honest_excluded));
        cost.push_back(d.bot_cost_usd);
      }
      tables.push_back({"airdrops",
                        {{"at", at, "s"},
                         {"amount", amount, unit},
                         {"each", each, unit},
                         {"claimed_honest", honest, unit},
                         {"claimed_sybil", sybil, unit},
                         {"returned", returned, unit},
                         {"eligible_honest", eh, "identities"},
                         {"eligible_sybil", es, "identities"},
                         {"honest_excluded", ex, "identities"},
                         {"bot_cost", cost, "USD"}}});
    }
    const std::vector<QfRecord> qs = m_.qf_rounds();
    if (!qs.empty()) {
      const std::string unit = "token base units (1e-6 token)";
      std::vector<std::int64_t> at, pool, dh, dsy, mt, ms, donors, sd, ex;
      for (const QfRecord& q : qs) {
        at.push_back(q.at);
        pool.push_back(q.pool.raw());
        dh.push_back(q.donations_honest.raw());
        dsy.push_back(q.donations_sybil.raw());
        mt.push_back(q.match_total.raw());
        ms.push_back(q.match_sybil.raw());
        donors.push_back(static_cast<std::int64_t>(q.donors));
        sd.push_back(static_cast<std::int64_t>(q.sybil_donors));
        ex.push_back(static_cast<std::int64_t>(q.donors_excluded));
      }
      tables.push_back({"qf_rounds",
                        {{"at", at, "s"},
                         {"pool", pool, unit},
                         {"donations_honest", dh, unit},
                         {"donations_sybil", dsy, unit},
                         {"match_total", mt, unit},
                         {"match_sybil", ms, unit},
                         {"donors", donors, "identities"},
                         {"sybil_donors", sd, "identities"},
                         {"honest_excluded", ex, "identities"}}});
    }
    governance_tables(tables);
    const std::vector<ProposalRecord> ps = m_.proposals();
    if (ps.empty()) return tables;
    std::vector<std::string> title, state;
    std::vector<std::int64_t> proposed, snapshot, deadline, executed, yes, no, abstain, quorum, voters, sybil_votes,
        sybil_voters, honest_excluded, delegate_votes;
    for (const ProposalRecord& p : ps) {
      title.push_back(p.title);
      state.push_back(p.state);
      proposed.push_back(p.proposed);
      snapshot.push_back(p.snapshot);
      deadline.push_back(p.deadline);
      executed.push_back(p.executed);
      yes.push_back(p.for_votes.raw());
      no.push_back(p.against_votes.raw());
      abstain.push_back(p.abstain_votes.raw());
      quorum.push_back(p.quorum.raw());
      voters.push_back(static_cast<std::int64_t>(p.voters));
      sybil_votes.push_back(p.sybil_votes.raw());
      delegate_votes.push_back(p.delegate_votes.raw());
      sybil_voters.push_back(static_cast<std::int64_t>(p.sybil_voters));
      honest_excluded.push_back(static_cast<std::int64_t>(p.honest_excluded));
    }
    const std::string votes_unit = "token base units (1e-6 token)";
    std::vector<std::int64_t> tp, tt;
    std::vector<std::string> tfrom, tto;
    for (const Transition& x : m_.transitions()) {
      std::int64_t row = -1;  // the proposal's row in /events/proposals
      for (std::size_t k = 0; k < ps.size(); ++k) {
        if (ps[k].id == x.proposal) row = static_cast<std::int64_t>(k);
      }
      tp.push_back(row);
      tfrom.emplace_back(x.from ? name(*x.from) : std::string_view("created"));
      tto.emplace_back(name(x.to));
      tt.push_back(x.time);
    }
    tables.push_back(
        {"proposal_transitions",
         {{"proposal", tp, "row of /events/proposals"}, {"from", tfrom, ""}, {"to", tto, ""}, {"time", tt, "s"}}});
    tables.push_back({"proposals",
                      {{"title", title, ""},
                       {"state", state, ""},
                       {"proposed", proposed, "s"},
                       {"snapshot", snapshot, "s"},
                       {"deadline", deadline, "s"},
                       {"executed", executed, "s (-1: not executed)"},
                       {"for", yes, votes_unit},
                       {"against", no, votes_unit},
                       {"abstain", abstain, votes_unit},
                       {"quorum", quorum, votes_unit},
                       {"voters", voters, "accounts"},
                       {"sybil_votes", sybil_votes, votes_unit + " (sqrt under quadratic counting)"},
                       {"sybil_voters", sybil_voters, "identities"},
                       {"honest_excluded", honest_excluded, "identities"},
                       {"delegate_votes", delegate_votes, votes_unit}}});
    return tables;
  }

 private:
  const Scenario& s_;
  ComputeNetwork m_;
};

}  // namespace

namespace detail {

std::vector<MetricInfo> compute_metrics(const ComputeNetworkConfig& c) {
  constexpr double kBaseUnit = 1e-6;
  std::vector<MetricInfo> m = {
      {"price", false, "USD/token", 1.0, "AMM spot price"},
      {"supply", true, "token", kBaseUnit, "minted - burned"},
      {"circulating", true, "token", kBaseUnit, "supply - rewards pool - vesting - treasury - stakes"},
      {"treasury", true, "token", kBaseUnit, "the DAO treasury"},
      {"staked", true, "token", kBaseUnit, "providers' stakes, bonded and unbonding"},
      {"minted", true, "token", kBaseUnit, "minted in the period (provider rewards)"},
      {"burned", true, "token", kBaseUnit, "burned in the period (fees' burn share, burn-and-mint payments)"},
      {"paid_provider", true, "token", kBaseUnit, "revenue to providers in the period (fees and rewards)"},
      {"paid_creator", true, "token", kBaseUnit, "revenue to model creators in the period"},
      {"paid_contributors", true, "token", kBaseUnit, "royalties to data contributors' pools in the period"},
      {"paid_treasury", true, "token", kBaseUnit, "revenue to the treasury in the period (with remainders)"},
      {"paid_burn", true, "token", kBaseUnit, "revenue burned in the period"},
      {"fees_usd", true, "USD", kBaseUnit, "USD value of the jobs settled in the period"},
      {"jobs_submitted", true, "jobs", 1.0, "jobs that arrived in the period"},
      {"jobs_completed", true, "jobs", 1.0, "jobs settled in the period"},
      {"jobs_dropped", true, "jobs", 1.0, "jobs that found no capacity by their deadline"},
      {"results_caught", true, "jobs", 1.0, "bad results caught by verification (stake slashed, job requeued)"},
      {"results_undetected", true, "jobs", 1.0, "bad results that passed"},
      {"latency", false, "s", 1.0, "mean completion - submission of the jobs settled in the period; NaN if none"},
      {"utilization", false, "", 1.0, "GPU-seconds of work started / GPU-seconds on the network, in the period"},
      {"providers_active", true, "providers", 1.0, "providers on the network"},
  };
  for (const std::string& g : c.gpu_names) {
    m.push_back({"providers_" + g, true, "providers", 1.0, "providers on the network with " + g + " GPUs"});
  }
  m.push_back({"profitable_share", false, "", 1.0, "share of active providers whose average daily profit is positive"});
  m.push_back({"provider_profit_p10", false, "USD/GPU/day", 1.0,
               "10th percentile of active providers' average daily profit per GPU; NaN if none"});
  m.push_back({"provider_profit_median", false, "USD/GPU/day", 1.0,
               "median of active providers' average daily profit per GPU"});
  m.push_back({"provider_profit_p90", false, "USD/GPU/day", 1.0,
               "90th percentile of active providers' average daily profit per GPU"});
  for (int d = 1; d <= 10; ++d) {
    m.push_back({"royalties_d" + std::to_string(d), false, "token", 1.0,
                 "mean royalties earned per contributor in decile " + std::to_string(d) +
                     " (1: least); NaN where not measured"});
  }
  m.push_back({"gini", false, "", 1.0, "Gini of providers' and contributors' balances; NaN where not measured"});
  m.push_back({"nakamoto", false, "agents", 1.0,
               "Nakamoto coefficient: the fewest providers and contributors holding more than half of their tokens; "
               "NaN where Gini is"});
  m.push_back({"split_provider", false, "", 1.0, "providers' share of each fee in force (governable)"});
  m.push_back({"split_contributors", false, "", 1.0, "data contributors' share of each fee in force (governable)"});
  m.push_back({"verification_rate", false, "", 1.0, "share of results checked, in force (governable)"});
  m.push_back({"sybil_royalty_share", false, "", 1.0,
               "share of royalties earned so far by a Sybil controller's fake datasets; NaN where not measured"});
  m.push_back({"stake_per_gpu", true, "token", 1e-6, "stake a provider needs per GPU, in force (governable)"});
  m.push_back({"proposals_passed", true, "proposals", 1.0, "governance proposals passed since genesis"});
  m.push_back({"proposals_executed", true, "proposals", 1.0, "governance proposals executed since genesis"});
  m.push_back({"emission_scale", false, "", 1.0,
               "multiplier of the rewards curve's per-window emission in force (governable)"});
  return m;
}

std::vector<MetricInfo> compute_metrics(const Scenario& s) { return compute_metrics(s.compute); }

std::unique_ptr<Economy> make_compute(const Scenario& s) { return std::make_unique<Compute>(s); }

}  // namespace detail

}  // namespace toksim::models
