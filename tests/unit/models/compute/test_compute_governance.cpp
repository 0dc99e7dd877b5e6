// Pins governance inside the compute network simulation (issue 7): a conviction request executes at exactly the
// block where 1Hive's closed-form conviction first exceeds its threshold (the block derived by hand below);
// conviction payments conserve tokens (the ledger is checked every window) and move exactly the requested amount
// to each kind of beneficiary; a Sybil controller splitting its tokens over identities leaves every conviction
// and the whole run unchanged; each Snapshot poll type's winner on a hand-made electorate of three groups (the
// scores computed by hand from Snapshot's formulas); an executed poll changes the split exactly at its close; a
// passed emission-scale proposal changes each window's minted rewards to floor(scheduled x scale) from the first
// window after its execution; and the whale_capture example: the whale's grant passes under token-weighted
// counting and is stopped by the defences its comments claim (a 20% quorum, the float delegated to active
// delegates, quadratic counting with one identity, or split into 5,000 identities behind a Passport-style score
// that lets 1% through), while quadratic counting falls to the split, and so does a score that lets 10% through. Leaves out the mechanism modules themselves (test_conviction.cpp,
// test_voting.cpp, test_governor.cpp), the schema's messages (tests/scenarios/bad) and the HDF5 tables
// (tests/cli/test_governance_scenarios.py).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "../../../support/small_compute.hpp"
#include "toksim/models/compute/compute_network.hpp"
#include "toksim/models/scenario/scenario.hpp"
#include "toksim/models/scenario/simulation.hpp"

using namespace toksim;
using namespace toksim::models;

namespace {

ComputeNetworkConfig small() { return small_compute_network(); }

struct Run {
  std::unique_ptr<ComputeNetwork> model;
  std::unique_ptr<sim::Engine> engine;
};

/// Runs to the horizon with the model's observer (the ledger's conservation identity is checked every window).
Run run(const ComputeNetworkConfig& c, sim::Time horizon, std::uint32_t threads = 2) {
  Run r;
  r.model = std::make_unique<ComputeNetwork>(c, 2);
  r.engine =
      std::make_unique<sim::Engine>(*r.model, r.model->population(),
                                    sim::EngineConfig{.seed = 5, .shards = 2, .threads = threads, .window = c.window});
  r.engine->add_observer(r.model->observer());
  r.engine->run_until(horizon);
  return r;
}

// alpha for a one-day half-life in 1-hour blocks, in the contract's 10^-7 units: 0.5^(1/24) = 0.97153194...
constexpr std::uint64_t kDecay = 9'715'319;

/// Conviction with nothing but the controller staking: no jobs (so no agent ever holds a token and the treasury
/// stays at its genesis 200M), the float out of governance, no threshold floor. One request of 20M tokens to the
/// controller's project, funded from the whole treasury: r / R = 0.1; beta 0.2, rho 0.007.
ComputeNetworkConfig lone_staker(std::uint32_t identities) {
  ComputeNetworkConfig c = small();
  for (JobClass& j : c.jobs) j.arrivals_per_day = 0;
  c.governance.float_votes = Ppm(0);
  SybilAttack a;
  a.tokens = Tokens::whole(3'000'000);
  a.max_identities = identities;
  c.governance.sybil = a;
  ConvictionConfig cc;
  cc.params.decay = kDecay;
  cc.params.max_ratio = 2'000'000;
  cc.params.weight = 70'000;
  cc.block = sim::kHour;
  cc.requests = {{"the controller's project", Beneficiary::Sybil, Tokens::whole(20'000'000), 5 * sim::kDay}};
  c.governance.conviction = cc;
  return c;
}

}  // namespace

TEST_CASE(
    "models::compute_governance: a conviction request executes at the first block above the closed-form threshold",
    "[models][compute][governance][conviction]") {
  // By hand: alpha = 0.9715319 (decay 9,715,319 / 10^7). The controller stakes x = 3M tokens at submission, in
  // block 120 (5d); n blocks later y_n = x (1 - alpha^n) / (1 - alpha). The threshold with S = x (no floor), funds
  // R = 200M and r = 20M is rho S / ((1 - alpha) (beta - r/R)^2) = 0.007 x / ((1 - alpha) 0.01) = 0.7 x / (1 - alpha).
  // So y_n > threshold iff alpha^n < 0.3, i.e. n > ln 0.3 / ln alpha = -1.2039728 / -0.0288812 = 41.69: n = 42,
  // block 162, t = 162 h = 6d18h = 583,200 s.
  CHECK(std::llround(std::pow(0.5, 1.0 / 24.0) * 1e7) == static_cast<long long>(kDecay));
  const double alpha = static_cast<double>(kDecay) / 1e7;
  CHECK(std::pow(alpha, 41) > 0.3);  // not yet at block 161
  CHECK(std::pow(alpha, 42) < 0.3);  // above at block 162
  const ComputeNetworkConfig c = lone_staker(1);
  Run r = run(c, 8 * sim::kDay);
  const std::vector<ConvictionRecord> rec = r.model->conviction_requests();
  REQUIRE(rec.size() == 1);
  CHECK(rec[0].submitted == 5 * sim::kDay);
  CHECK(rec[0].executed == 162 * sim::kHour);
  const double x = 3e12;  // base units
  CHECK(rec[0].staked == Tokens::whole(3'000'000));
  CHECK(rec[0].staked_sybil == Tokens::whole(3'000'000));
  CHECK(rec[0].conviction == Approx(x * (1 - std::pow(alpha, 42)) / (1 - alpha)).epsilon(1e-12));
  CHECK(rec[0].threshold == Approx(0.7 * x / (1 - alpha)).epsilon(1e-12));
  CHECK(rec[0].funds == Tokens::whole(200'000'000));
  // Exactly the request moved: the treasury lost 20M, the controller has its 3M plus 20M.
  CHECK(r.model->ledger().balance(0) == Tokens::whole(180'000'000));  // account 0: the treasury
  const auto& h = r.model->conviction_history();  // daily turns at 5d (its first) and 6d, before the execution
  REQUIRE(h.size() == 2);
  CHECK(h[1].t == 6 * sim::kDay);
  CHECK(h[1].conviction == Approx(x * (1 - std::pow(alpha, 24)) / (1 - alpha)).epsilon(1e-12));  // 24 blocks in
  CHECK(h[1].conviction < h[1].threshold);
}

TEST_CASE("models::compute_governance: splitting over identities changes no conviction",
          "[models][compute][governance][conviction]") {
  // With jobs, honest agents staking and the float on abstain: a controller with one identity and one with 1,000
  // stake the same tokens in all, so every request's conviction, threshold and execution, and the whole run, match.
  const auto config = [](std::uint32_t identities) {
    ComputeNetworkConfig c = lone_staker(identities);
    c.jobs = small().jobs;
    c.governance.float_votes = Ppm(20'000);
    c.governance.conviction->params.min_threshold_stake_percentage = 4'000'000'000'000'000;  // 0.4% of the supply
    c.governance.conviction->params.weight = 25'000;
    c.governance.conviction->funds_share = Ppm(500'000);
    c.governance.conviction->min_balance = Tokens::whole(1);
    c.governance.conviction->requests = {
        {"grants", Beneficiary::Contributors, Tokens::whole(1'000'000), 2 * sim::kDay},
        {"the controller's project", Beneficiary::Sybil, Tokens::whole(5'000'000), 2 * sim::kDay}};
    return c;
  };
  Run one = run(config(1), 25 * sim::kDay);
  Run many = run(config(1'000), 25 * sim::kDay);
  const auto a = one.model->conviction_requests(), b = many.model->conviction_requests();
  REQUIRE(a.size() == 2);
  for (std::size_t k = 0; k < a.size(); ++k) {
    INFO(a[k].title);
    CHECK(a[k].executed == b[k].executed);
    CHECK(a[k].conviction == b[k].conviction);  // bit for bit
    CHECK(a[k].threshold == b[k].threshold);
    CHECK(a[k].staked == b[k].staked);
    CHECK(a[k].staked_sybil == b[k].staked_sybil);
    CHECK(a[k].staked_total == b[k].staked_total);
  }
  CHECK(a[1].staked_sybil == Tokens::whole(3'000'000));
  const auto& ha = one.model->conviction_history();
  const auto& hb = many.model->conviction_history();
  REQUIRE(ha.size() == hb.size());
  REQUIRE(ha.size() > 10);
  for (std::size_t i = 0; i < ha.size(); ++i) {
    CHECK(ha[i].conviction == hb[i].conviction);
    CHECK(ha[i].threshold == hb[i].threshold);
  }
  CHECK(one.model->digest(*one.engine) == many.model->digest(*many.engine));
}

TEST_CASE("models::compute_governance: conviction payments conserve tokens and move exactly the request",
          "[models][compute][governance][conviction]") {
  // Four beneficiaries; the holders back the burn, contributors the grant, the controller its project; nobody
  // backs the creators' request (and nobody stakes on abstain, so the few tokens contributors hold in this small
  // network carry their grant). The observer checks the ledger identity every window (it throws otherwise).
  ComputeNetworkConfig c = lone_staker(10);
  c.jobs = small().jobs;
  c.governance.float_votes = Ppm(20'000);
  c.governance.noise = 0.0;
  ConvictionConfig& cc = *c.governance.conviction;
  cc.params.weight = 2'500;
  cc.funds_share = Ppm(500'000);
  cc.min_balance = Tokens(1);
  cc.abstain = false;
  cc.requests = {{"burn", Beneficiary::Burn, Tokens::whole(1'000'000), 2 * sim::kDay},
                 {"grants", Beneficiary::Contributors, Tokens::whole(500'000), 2 * sim::kDay},
                 {"project", Beneficiary::Sybil, Tokens::whole(2'000'000), 2 * sim::kDay},
                 {"creators", Beneficiary::Creators, Tokens::whole(1'000'000), 2 * sim::kDay}};
  c.sample_every = sim::kDay;
  Run r = run(c, 30 * sim::kDay);
  const auto rec = r.model->conviction_requests();
  REQUIRE(rec.size() == 4);
  CHECK(rec[0].executed > 0);
  CHECK(rec[1].executed > 0);
  CHECK(rec[2].executed > 0);
  CHECK(rec[3].executed == -1);
  // The burn request's tokens are burned: what was burned beyond the fees' burn share is exactly 1M.
  Tokens burned{0}, fee_burn{0};
  for (const ComputeSample& s : r.model->samples()) {
    burned += s.burned;
    fee_burn += s.paid_burn;
  }
  CHECK(burned - fee_burn == Tokens::whole(1'000'000));
  CHECK(burned == r.model->ledger().burned());
  // The controller holds its 3M and its 2M.
  std::size_t attacker = 0;
  for (std::size_t a = 0; a < r.model->ledger().accounts(); ++a) {
    if (r.model->ledger().name(static_cast<AccountId>(a)) == "sybil_controller") attacker = a;
  }
  CHECK(r.model->ledger().balance(static_cast<AccountId>(attacker)) == Tokens::whole(5'000'000));
  // Every executed request had conviction above its threshold at its block.
  for (const ConvictionRecord& x : rec) {
    if (x.executed >= 0) CHECK(x.conviction > x.threshold);
  }
}

TEST_CASE("models::compute_governance: each poll type's winner on a hand-made electorate",
          "[models][compute][governance][polls]") {
  // Choices A, B, C. A whale of 48 values (A 1, B 0, C 0); three voters of 12 value (A 0, B 0.9, C 1); two of 8
  // value (A 0, B 1, C 0.6). Total power 100.
  struct Voter {
    double power;
    std::array<double, 3> value;
  };
  const std::vector<Voter> electorate = {{48, {1, 0, 0}},   {12, {0, 0.9, 1}}, {12, {0, 0.9, 1}},
                                         {12, {0, 0.9, 1}}, {8, {0, 1, 0.6}},  {8, {0, 1, 0.6}}};
  const auto result = [&](PollType type, double bar = 0.7) {
    std::vector<PollVote> votes;
    for (const Voter& v : electorate) votes.push_back({v.power, encode_poll_ballot(type, v.value, bar)});
    return tally_poll(type, 3, votes);
  };
  // Single choice: A 48, B 16, C 36.
  const PollResult single = result(PollType::SingleChoice);
  CHECK(single.scores == std::vector<double>{48, 16, 36});
  CHECK(single.winner == 0);
  // Approval above 0.7: the whale approves A; the 12s approve B and C; the 8s approve B: A 48, B 52, C 36.
  const PollResult appr = result(PollType::Approval);
  CHECK(appr.scores == std::vector<double>{48, 52, 36});
  CHECK(appr.scores_total == 100);
  CHECK(appr.winner == 1);
  // Ranked choice: round 1 A 48, B 16, C 36 (no majority of 100): B is dropped and the 8s go to C: A 48, C 52.
  const PollResult ranked = result(PollType::RankedChoice);
  CHECK(ranked.scores == std::vector<double>{48, 0, 52});
  CHECK(ranked.winner == 2);
  // Weighted: weights round(15 exp(u - max u)): whale (15, 6, 6), the 12s (6, 14, 15), the 8s (6, 15, 10).
  const double w[3][3] = {{48.0 * 15 / 27, 48.0 * 6 / 27, 48.0 * 6 / 27},
                          {12.0 * 6 / 35, 12.0 * 14 / 35, 12.0 * 15 / 35},
                          {8.0 * 6 / 31, 8.0 * 15 / 31, 8.0 * 10 / 31}};
  const PollResult weighted = result(PollType::Weighted);
  for (int k = 0; k < 3; ++k)
    CHECK(weighted.scores[static_cast<std::size_t>(k)] == Approx(w[0][k] + 3 * w[1][k] + 2 * w[2][k]));
  CHECK(weighted.scores[0] == Approx(35.935).epsilon(1e-4));  // A 35.9, B 32.8, C 31.3
  CHECK(weighted.winner == 0);
  // Quadratic: Q_c = (sum_i sqrt(power_i w_ic / W_i))^2, rescaled to the total 100: A 28.1, B 37.3, C 34.7.
  double q[3], sum = 0;
  for (int k = 0; k < 3; ++k) {
    q[k] = std::pow(std::sqrt(w[0][k]) + 3 * std::sqrt(w[1][k]) + 2 * std::sqrt(w[2][k]), 2);
    sum += q[k];
  }
  const PollResult quad = result(PollType::Quadratic);
  for (int k = 0; k < 3; ++k) CHECK(quad.scores[static_cast<std::size_t>(k)] == Approx(q[k] / sum * 100));
  CHECK(quad.scores[1] == Approx(37.27).epsilon(1e-3));
  CHECK(quad.winner == 1);
  // No ballot: no winner.
  CHECK(tally_poll(PollType::SingleChoice, 3, {}).winner == -1);
}

TEST_CASE("models::compute_governance: an executed poll changes the split exactly at its close",
          "[models][compute][governance][polls]") {
  ComputeNetworkConfig c = small();
  c.sample_every = sim::kHour;  // a sample per window
  c.governance.noise = 0.0;     // the float (the largest holder) votes its interest: more burn
  Poll p;
  p.title = "burn more";
  p.type = PollType::SingleChoice;
  p.at = 5 * sim::kDay;
  p.duration = 3 * sim::kDay + 30 * sim::kMinute;  // closes at 8d 0h30
  p.execute = true;
  PollChoice keep;
  keep.name = "keep";
  PollChoice burn;
  burn.name = "burn 10%";
  burn.split = std::array<Ppm, 5>{Ppm(650'000), Ppm(100'000), Ppm(100'000), Ppm(50'000), Ppm(100'000)};
  p.choices = {keep, burn};
  c.governance.polls = {p};
  Run r = run(c, 10 * sim::kDay);
  const auto polls = r.model->polls();
  REQUIRE(polls.size() == 1);
  CHECK(polls[0].opened == 5 * sim::kDay);
  CHECK(polls[0].closed == 8 * sim::kDay + 1800);
  CHECK(polls[0].executed == 8 * sim::kDay + 1800);
  CHECK(polls[0].winner == 1);
  CHECK(polls[0].voters > 1);
  // The sample of the window starting at 8d is recorded by its tick, before the close: the old split; from the
  // window at 8d 1h on, the new one, and fees settled there pay the burn 10% against the creators' 10%.
  const auto& s = r.model->samples();
  REQUIRE(s.size() == 240);
  CHECK(s[192].t == 8 * sim::kDay);
  CHECK(s[192].split_provider == Ppm(700'000));
  CHECK(s[193].split_provider == Ppm(650'000));
  const auto ratio = [&](std::size_t a, std::size_t b) {
    Tokens burn_sum{0}, creator_sum{0};
    for (std::size_t i = a; i < b; ++i) {
      burn_sum += s[i].paid_burn;
      creator_sum += s[i].paid_creator;
    }
    return static_cast<double>(burn_sum.raw()) / static_cast<double>(creator_sum.raw());
  };
  CHECK(ratio(170, 193) == Approx(0.5).epsilon(0.01));  // burn 5% against creators 10%
  CHECK(ratio(193, 220) == Approx(1.0).epsilon(0.01));
}

TEST_CASE(
    "models::compute_governance: an emission-scale proposal scales each window's minted rewards from its execution",
    "[models][compute][governance]") {
  ComputeNetworkConfig c = small();
  c.sample_every = sim::kHour;
  c.governance.voting_delay = sim::kDay;
  c.governance.voting_period = 3 * sim::kDay;
  c.governance.timelock = sim::kDay;
  c.governance.quorum_percent = 1;
  c.governance.noise = 0.0;  // the float votes for less dilution
  GovernanceProposal p;
  p.title = "halve provider emission";
  p.at = 5 * sim::kDay;
  p.emission_scale = 500'000;
  c.governance.proposals = {p};
  Run r = run(c, 12 * sim::kDay);
  const ProposalRecord rec = r.model->proposals().at(0);
  REQUIRE(rec.state == "Executed");
  REQUIRE(rec.executed == 10 * sim::kDay + 1);  // deadline 9d, succeeded at 9d + 1 s, eta one day later
  // Each window w mints the curve's epoch w (a 2-year half-life on 300M, hourly): as scheduled up to the window at
  // 10d (its tick ran before the execution), floor(E_w / 2) from the window at 10d 1h on.
  const ExponentialDecaySchedule curve({Tokens::whole(300'000'000), 2 * sim::kYear, sim::kHour});
  const auto& s = r.model->samples();
  REQUIRE(s.size() == 288);
  const Tokens genesis = Tokens::whole(700'000'000);
  Tokens expected = genesis;
  for (std::size_t w = 0; w < s.size(); ++w) {
    const Tokens e = curve.emitted_in_epoch(static_cast<std::int64_t>(w));
    const Tokens want = w <= 240 ? e : Tokens(e.raw() / 2);
    INFO("window " << w);
    CHECK(s[w].minted == (w == 0 ? genesis + want : want));  // the first sample's period holds the genesis mint
    CHECK(s[w].emission_scale == (w <= 240 ? 1'000'000 : 500'000));
    expected += want;
  }
  CHECK(r.model->ledger().minted() == expected);
}

TEST_CASE("models::compute_governance: whale_capture: the whale passes its grant and the claimed defences stop it",
          "[models][compute][governance][scenario]") {
  const auto file = std::filesystem::path(TOKSIM_SOURCE_DIR) / "scenarios/examples/whale_capture.yaml";
  const auto state = [&](std::vector<std::string> sets) {
    sets.push_back("data.contributors=5000");
    sets.push_back("run.horizon=42d");  // proposed 30d, deadline 38d, executable at 40d + 1 s
    Simulation sim(load_scenario(file, sets), 2);
    sim.advance(sim.horizon());
    for (const Simulation::EventTable& t : sim.event_tables()) {
      if (t.name != "proposals") continue;
      for (const Simulation::EventColumn& col : t.columns) {
        if (col.name == "state") return std::get<std::vector<std::string>>(col.data).at(0);
      }
    }
    return std::string("no proposals table");
  };
  CHECK(state({}) == "Executed");                         // token-weighted: 30M for, the float's 10% against
  CHECK(state({"governance.quorum=0.2"}) == "Defeated");  // quorum out of the whale's reach
  CHECK(state({"governance.delegation={delegates: 20, share: 0.3}", "governance.float.delegated=0.2"}) == "Defeated");
  CHECK(state({"governance.counting=quadratic"}) == "Defeated");  // one identity: sqrt(30M)
  CHECK(state({"governance.counting=quadratic", "governance.sybil.max_identities=5000"}) == "Executed");  // split
  const std::vector<std::string> gated = {"governance.counting=quadratic", "governance.sybil.max_identities=5000",
                                          "governance.defences.passport=true"};
  CHECK(state(gated) == "Executed");  // 10% of its identities pass: not enough
  std::vector<std::string> strict = gated;
  strict.push_back("governance.defences.false_negative=0.01");
  CHECK(state(strict) == "Defeated");
}
