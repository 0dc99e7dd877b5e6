// Running a scenario in steps and recording its metrics (see simulation.hpp). Each economy plugs in through
// an Economy adapter: its model, its samples as metric rows, its agent columns and its unlocks.
#include "toksim/models/scenario/simulation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <type_traits>

#include "schema_parts.hpp"
#include "toksim/models/compute/compute_network.hpp"
#include "toksim/models/launch/token_launch.hpp"
#include "toksim/models/supply/vesting.hpp"

namespace toksim::models {

namespace {

constexpr double kBase = 1e-6;  // token base units (and micro-USD) -> tokens (USD)

/// What Simulation needs of an economy.
class Economy {
 public:
  virtual ~Economy() = default;
  virtual sim::Model& model() = 0;
  virtual sim::Population population() const = 0;
  virtual sim::Observer& observer() = 0;
  /// Samples the model has produced so far.
  virtual std::size_t produced() const = 0;
  /// Sample i as a metric row; false when it is not a recorded sample (between sampling times).
  virtual bool row(std::size_t i, sim::Time& t, std::vector<std::int64_t>& ints, std::vector<double>& reals) const = 0;
  virtual void measure_gini() = 0;
  virtual std::string digest(const sim::Engine& e) const = 0;
  virtual std::vector<std::pair<std::string, std::uint64_t>> kinds() const = 0;
  virtual std::vector<MetricInfo> agent_columns() const = 0;
  virtual void agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                            std::vector<double>& reals) const = 0;
  virtual std::vector<Simulation::AgentArray> agent_arrays(std::string_view kind) const = 0;
  virtual std::vector<Simulation::Unlock> unlocks(sim::Time horizon) const = 0;
  virtual std::vector<Simulation::EventTable> event_tables() const { return {}; }
};

template <class T>
constexpr char format_of() {
  if constexpr (std::is_same_v<T, std::int64_t>) return 'q';
  if constexpr (std::is_same_v<T, std::uint64_t>) return 'Q';
  if constexpr (std::is_same_v<T, std::int32_t>) return 'i';
  if constexpr (std::is_same_v<T, std::uint32_t>) return 'I';
  if constexpr (std::is_same_v<T, std::int16_t>) return 'h';
  if constexpr (std::is_same_v<T, std::uint16_t>) return 'H';
  if constexpr (std::is_same_v<T, std::uint8_t>) return 'B';
  if constexpr (std::is_same_v<T, float>) return 'f';
  if constexpr (std::is_same_v<T, double>) return 'd';
  return 0;
}

/// A table's columns as stored (see Simulation::AgentArray).
template <class Table>
std::vector<Simulation::AgentArray> arrays_of(const Table& t) {
  std::vector<Simulation::AgentArray> out;
  t.for_each_column([&](const auto& col) {
    using T = typename std::remove_cvref_t<decltype(col)>::value_type;
    static_assert(format_of<T>() != 0, "a column type without a NumPy format");
    out.push_back({std::string(col.name()), col.data(), col.size(), format_of<T>(), sizeof(T)});
  });
  return out;
}

void monthly_unlocks(std::vector<Simulation::Unlock>& out, const char* group, Tokens each, std::uint32_t members,
                     sim::Time cliff, std::int64_t months, sim::Time horizon) {
  const auto sched = VestingSchedule::monthly_steps(each, 0, cliff, months);
  Tokens before(0);
  for (sim::Time t = sched.next_release_time(-1); t != sim::kNever && t < horizon; t = sched.next_release_time(t)) {
    const Tokens v = sched.vested(t);
    out.push_back({t, group, (v - before).raw() * members});
    before = v;
  }
}

class Launch final : public Economy {
 public:
  Launch(const Scenario& s) : s_(s), m_(s.launch, s.shards) {}
  sim::Model& model() override { return m_; }
  sim::Population population() const override { return m_.population(); }
  sim::Observer& observer() override { return m_.observer(); }
  std::size_t produced() const override { return m_.samples().size(); }
  bool row(std::size_t i, sim::Time& t, std::vector<std::int64_t>& ints, std::vector<double>& reals) const override {
    const LaunchSample& x = m_.samples()[i];
    if ((x.t + s_.launch.window) % s_.sample_every != 0) return false;
    t = x.t;
    ints = {x.supply.raw(), x.circulating.raw(), x.locked.raw(), x.staked.raw(), x.treasury.raw(), x.amm_tokens.raw(),
            x.amm_usd.raw(), x.sold.raw(), x.bought.raw(), x.demand.raw(), static_cast<std::int64_t>(x.sellers),
            static_cast<std::int64_t>(x.base_fee), static_cast<std::int64_t>(x.gas_used), x.fees_burned.raw(),
            x.burned.raw(), static_cast<std::int64_t>(x.deferred)};
    reals = {x.price * kBase, x.gini, x.nakamoto};
    return true;
  }
  void measure_gini() override { m_.measure_gini(); }
  std::string digest(const sim::Engine& e) const override { return m_.digest(e); }
  std::vector<std::pair<std::string, std::uint64_t>> kinds() const override {
    return {{"team", s_.launch.team_members}, {"investor", s_.launch.investors}, {"holder", s_.launch.holders}};
  }
  std::vector<MetricInfo> agent_columns() const override {
    return {{"balance", true, "token", kBase, "token balance"},
            {"basis", false, "USD/token", 1.0, "average price the agent received or paid its tokens at"}};
  }
  void agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                    std::vector<double>& reals) const override {
    const auto k = kind == "team" ? TokenLaunch::kTeam : kind == "investor" ? TokenLaunch::kInvestor : TokenLaunch::kHolder;
    const auto& t = m_.table(k);
    if (column == "balance") {
      const auto b = t.balance.span();
      ints.assign(b.begin(), b.end());
    } else {
      const auto b = t.basis.span();
      reals.resize(b.size());
      for (std::size_t i = 0; i < b.size(); ++i) reals[i] = static_cast<double>(b[i]) * kBase;
    }
  }
  std::vector<Simulation::AgentArray> agent_arrays(std::string_view kind) const override {
    return arrays_of(m_.table(kind == "team" ? TokenLaunch::kTeam : kind == "investor" ? TokenLaunch::kInvestor
                                                                                      : TokenLaunch::kHolder));
  }
  std::vector<Simulation::Unlock> unlocks(sim::Time horizon) const override {
    const TokenLaunchConfig& c = s_.launch;
    std::vector<Simulation::Unlock> out;
    monthly_unlocks(out, "team", Tokens(apply(c.total_supply, c.team_share).raw() / c.team_members), c.team_members,
                    c.team_cliff, c.team_steps, horizon);
    monthly_unlocks(out, "investors", Tokens(apply(c.total_supply, c.investor_share).raw() / c.investors), c.investors,
                    c.investor_cliff, c.investor_steps, horizon);
    return out;
  }

 private:
  const Scenario& s_;
  TokenLaunch m_;
};

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
                        {{"title", title, ""}, {"beneficiary", beneficiary, ""}, {"amount", amount, unit},
                         {"submitted", submitted, "s (-1: not yet)"}, {"executed", executed, "s (-1: not executed)"},
                         {"conviction", conviction, unit + " x blocks (at the execution, else at the last block)"},
                         {"threshold", threshold, unit + " x blocks (inf: more than max_ratio of the funds)"},
                         {"staked", staked, unit}, {"staked_sybil", sybil, unit}, {"staked_total", total, unit},
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
                        {{"time", t, "s"}, {"request", request, "row of /events/conviction"}, {"staked", hs, unit},
                         {"staked_sybil", hsy, unit}, {"staked_total", ht, unit}, {"funds", hf, unit},
                         {"conviction", hc, unit + " x blocks"}, {"threshold", hth, unit + " x blocks"}}});
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
        joined += (c > 0 ? ";" : "") + fmt::format("{:.6g}", r.scores[c] * kBase);
        cp.push_back(static_cast<std::int64_t>(i));
        cc.push_back(static_cast<std::int64_t>(c));
        cname.push_back(p.choices[c].name);
        cs_score.push_back(r.scores[c]);
      }
      scores.push_back(joined);
    }
    tables.push_back({"polls",
                      {{"title", title, ""}, {"type", type, ""}, {"opened", opened, "s"},
                       {"closed", closed, "s (-1: still open)"}, {"executed", executed, "s (-1: not executed)"},
                       {"winner", winner, "choice index (-1: none)"}, {"winner_name", winner_name, ""},
                       {"scores", scores, "tokens per choice, ';'-separated"}, {"scores_total", total, unit},
                       {"voters", voters, "ballots"}, {"turnout", turnout, "share of every identity's balance"},
                       {"sybil_share", sybil, "of the power cast (quadratic: of the sum of square roots)"}}});
    tables.push_back({"poll_choices", {{"poll", cp, "row of /events/polls"}, {"choice", cc, "index"},
                                       {"name", cname, ""}, {"score", cs_score, unit}}});
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
    ints = {x.supply.raw(), x.circulating.raw(), x.treasury.raw(), x.staked.raw(), x.minted.raw(), x.burned.raw(),
            x.paid_provider.raw(), x.paid_creator.raw(), x.paid_contributors.raw(), x.paid_treasury.raw(),
            x.paid_burn.raw(), x.fees_usd.raw(), static_cast<std::int64_t>(x.submitted),
            static_cast<std::int64_t>(x.completed), static_cast<std::int64_t>(x.dropped),
            static_cast<std::int64_t>(x.caught), static_cast<std::int64_t>(x.undetected),
            static_cast<std::int64_t>(x.providers_active)};
    for (const std::uint32_t n : x.active_by_gpu) ints.push_back(n);
    ints.push_back(x.stake_per_gpu.raw());
    ints.push_back(static_cast<std::int64_t>(x.proposals_passed));
    ints.push_back(static_cast<std::int64_t>(x.proposals_executed));
    reals = {x.price, x.latency_mean_s, x.utilization, x.profitable_share, x.provider_profit_p10,
             x.provider_profit_median, x.provider_profit_p90};
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
  std::vector<MetricInfo> agent_columns() const override { return {{"balance", true, "token", kBase, "token balance"}}; }
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
    monthly_unlocks(out, "insiders", apply(c.total_supply, c.insiders_share), 1, c.insiders_cliff, c.insiders_months, horizon);
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
                        {{"at", at, "s"}, {"amount", amount, unit}, {"each", each, unit}, {"claimed_honest", honest, unit},
                         {"claimed_sybil", sybil, unit}, {"returned", returned, unit}, {"eligible_honest", eh, "identities"},
                         {"eligible_sybil", es, "identities"}, {"honest_excluded", ex, "identities"},
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
                        {{"at", at, "s"}, {"pool", pool, unit}, {"donations_honest", dh, unit}, {"donations_sybil", dsy, unit},
                         {"match_total", mt, unit}, {"match_sybil", ms, unit}, {"donors", donors, "identities"},
                         {"sybil_donors", sd, "identities"}, {"honest_excluded", ex, "identities"}}});
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
    tables.push_back({"proposal_transitions", {{"proposal", tp, "row of /events/proposals"}, {"from", tfrom, ""},
                                               {"to", tto, ""}, {"time", tt, "s"}}});
    tables.push_back({"proposals",
             {{"title", title, ""}, {"state", state, ""}, {"proposed", proposed, "s"}, {"snapshot", snapshot, "s"},
              {"deadline", deadline, "s"}, {"executed", executed, "s (-1: not executed)"}, {"for", yes, votes_unit},
              {"against", no, votes_unit}, {"abstain", abstain, votes_unit}, {"quorum", quorum, votes_unit},
              {"voters", voters, "accounts"}, {"sybil_votes", sybil_votes, votes_unit + " (sqrt under quadratic counting)"},
              {"sybil_voters", sybil_voters, "identities"}, {"honest_excluded", honest_excluded, "identities"},
              {"delegate_votes", delegate_votes, votes_unit}}});
    return tables;
  }

 private:
  const Scenario& s_;
  ComputeNetwork m_;
};

}  // namespace

namespace detail {

std::vector<MetricInfo> launch_metrics() {
  // Order: the integer metrics as Launch::row fills `ints`, then the float ones as it fills `reals`; the
  // catalog's own order is the order users see (price first).
  return {
      {"price", false, "USD/token", 1.0, "AMM spot price after the window's clearing"},
      {"supply", true, "token", kBase, "minted - burned"},
      {"circulating", true, "token", kBase, "supply - vesting escrow - emission pool - treasury"},
      {"locked", true, "token", kBase, "vesting escrow + unclaimed emission"},
      {"staked", true, "token", kBase, "bonded stake (unbonding excluded)"},
      {"treasury", true, "token", kBase, "the DAO treasury"},
      {"amm_tokens", true, "token", kBase, "token reserve of the AMM pool"},
      {"amm_usd", true, "USD", kBase, "USD reserve of the AMM pool"},
      {"sold", true, "token", kBase, "tokens sold into the pool in the window (holders and insiders)"},
      {"bought", true, "token", kBase, "tokens bought out of the pool by exogenous demand in the window"},
      {"demand", true, "USD", kBase, "exogenous USD spent in the window"},
      {"sellers", true, "agents", 1.0, "agents that sold in the window"},
      {"base_fee", true, "token/gas", 1e-15, "EIP-1559 base fee for the next window (stored: nano base units per gas)"},
      {"gas_used", true, "gas", 1.0, "gas used by the window's actions"},
      {"fees_burned", true, "token", kBase, "base fees burned in the window"},
      {"burned", true, "token", kBase, "tokens burned since genesis"},
      {"deferred", true, "actions", 1.0, "actions skipped because their fee was too large a share of what they moved"},
      {"gini", false, "", 1.0, "Gini of all agents' balances; NaN where not measured (every metrics.gini_every, and at the end)"},
      {"nakamoto", false, "agents", 1.0, "Nakamoto coefficient: the fewest agents holding more than half of all agents' tokens; NaN where Gini is"},
  };
}

}  // namespace detail

struct Simulation::Impl {
  Impl(const Scenario& s, std::uint32_t threads)
      : scenario(s),
        economy(make(scenario)),
        engine(economy->model(), economy->population(),
               {.seed = s.seed, .shards = s.shards, .threads = threads, .window = s.launch.window}),
        record(scenario_metrics(scenario)) {
    engine.add_observer(economy->observer());
    gini = static_cast<std::size_t>(record.find("gini"));
    // Every sample's room up front: the columns never move, so views of them (Python's NumPy arrays) stay valid.
    record.reserve(static_cast<std::size_t>(s.horizon / std::max<sim::Time>(s.sample_every, 1)) + 1);
  }

  static std::unique_ptr<Economy> make(const Scenario& s) {
    if (s.model == "compute_network") return std::make_unique<Compute>(s);
    return std::make_unique<Launch>(s);
  }

  Scenario scenario;
  std::unique_ptr<Economy> economy;
  sim::Engine engine;
  MetricRecord record;
  std::size_t consumed = 0;  ///< model samples looked at
  std::size_t gini = 0;
  bool finished = false;
  std::vector<std::int64_t> ints;
  std::vector<double> reals;

  /// Records the model's new samples that fall due.
  std::size_t collect() {
    std::size_t added = 0;
    sim::Time t = 0;
    for (; consumed < economy->produced(); ++consumed) {
      if (!economy->row(consumed, t, ints, reals)) continue;
      record.append(t, ints, reals);
      ++added;
    }
    return added;
  }
};

Simulation::Simulation(const Scenario& scenario, std::uint32_t threads)
    : p_(std::make_unique<Impl>(scenario, threads)) {}
Simulation::~Simulation() = default;

const Scenario& Simulation::scenario() const noexcept { return p_->scenario; }
const MetricRecord& Simulation::metrics() const noexcept { return p_->record; }
sim::Time Simulation::now() const noexcept { return p_->engine.now(); }
sim::Time Simulation::horizon() const noexcept { return p_->scenario.horizon; }
bool Simulation::done() const noexcept { return p_->finished; }

std::size_t Simulation::advance(sim::Time until) {
  Impl& p = *p_;
  if (p.finished) return 0;
  const sim::Time end = std::min(until, p.scenario.horizon);
  p.engine.run_until(end);
  if (end >= p.scenario.horizon) p.economy->measure_gini();  // "Gini at the end" is always measured
  const std::size_t added = p.collect();
  if (end >= p.scenario.horizon) p.finished = true;
  return added;
}

std::uint64_t Simulation::events() const noexcept { return p_->engine.events_processed(); }
std::uint32_t Simulation::threads() const noexcept { return p_->engine.threads(); }
std::string Simulation::digest() const { return p_->economy->digest(p_->engine); }
std::vector<std::pair<std::string, std::uint64_t>> Simulation::kinds() const { return p_->economy->kinds(); }
std::vector<MetricInfo> Simulation::agent_columns() const { return p_->economy->agent_columns(); }
void Simulation::agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                              std::vector<double>& reals) const {
  p_->economy->agent_column(kind, column, ints, reals);
}
std::vector<Simulation::AgentArray> Simulation::agent_arrays(std::string_view kind) const {
  for (const auto& [name, rows] : p_->economy->kinds()) {
    if (name == kind) return p_->economy->agent_arrays(kind);
  }
  std::string known;
  for (const auto& [name, rows] : p_->economy->kinds()) known += (known.empty() ? "" : ", ") + name;
  throw ConfigError("agent kind: expected one of " + known + ", got \"" + std::string(kind) + "\"");
}
std::vector<Simulation::Unlock> Simulation::unlocks() const { return p_->economy->unlocks(p_->scenario.horizon); }
std::vector<Simulation::EventTable> Simulation::event_tables() const { return p_->economy->event_tables(); }

}  // namespace toksim::models
