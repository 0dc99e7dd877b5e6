// Pins the compute network end to end at a small size: the same digest for any thread and shard count;
// conservation every window (the model's observer throws otherwise) with supply = genesis + the rewards
// schedule - burns exactly; the revenue split's ratios; burn-and-mint (users burn, providers are paid from
// rewards); verification slashing malicious providers and requeueing their jobs; jobs dropped when capacity
// is short, with every job accounted for; and configurations that cannot run, through the constructor and through
// validate() alone. Leaves out the scale target (bench/compute_network) and the
// scenario schema (tests/unit/scenario, tests/cli).
#include <catch2/catch.hpp>

#include <filesystem>

#include "../../../support/small_compute.hpp"
#include "toksim/models/compute/compute_network.hpp"

using namespace toksim;
using namespace toksim::models;

namespace {

ComputeNetworkConfig small() { return small_compute_network(); }

struct Outcome {
  std::string digest;
  std::vector<ComputeSample> samples;
  Tokens minted, burned, treasury;
};

Outcome run(const ComputeNetworkConfig& c, std::uint32_t threads, std::uint32_t shards, sim::Time horizon) {
  ComputeNetwork model(c, shards);
  sim::Engine engine(model, model.population(), {.seed = 5, .shards = shards, .threads = threads, .window = c.window});
  engine.add_observer(model.observer());
  engine.run_until(horizon);
  model.measure_gini();
  return {model.digest(engine), model.samples(), model.ledger().minted(), model.ledger().burned(),
          model.ledger().balance(0)};
}

template <class F>
auto total(const std::vector<ComputeSample>& s, F f) {
  decltype(f(s[0])) sum{};
  for (const auto& x : s) sum += f(x);
  return sum;
}

}  // namespace

TEST_CASE("models::compute_network: same digest for any thread and shard count", "[models][compute]") {
  const ComputeNetworkConfig c = small();
  const std::string ref = run(c, 1, 1, 20 * sim::kDay).digest;
  CHECK(run(c, 2, 1, 20 * sim::kDay).digest == ref);
  CHECK(run(c, 2, 3, 20 * sim::kDay).digest == ref);
  CHECK(run(c, 3, 8, 20 * sim::kDay).digest == ref);
}

TEST_CASE("models::compute_network: supply is genesis plus the rewards schedule minus burns, exactly",
          "[models][compute]") {
  ComputeNetworkConfig c = small();
  c.split_provider = Ppm(750'000);
  c.split_creator = Ppm(50'000);
  c.split_contributors = Ppm(100'000);
  const Outcome o = run(c, 2, 4, 30 * sim::kDay);
  REQUIRE(o.samples.size() == 30);
  // Genesis mints everything but the rewards share (700M); rewards: a 2-year half-life on 300M over hourly epochs.
  const ExponentialDecaySchedule rewards({Tokens::whole(300'000'000), 2 * sim::kYear, sim::kHour});
  CHECK(o.minted == Tokens::whole(700'000'000) + rewards.cumulative(30 * 24));
  CHECK(o.samples.back().supply == o.minted - o.burned);
  CHECK(total(o.samples, [](const ComputeSample& x) { return x.burned; }) == o.burned);
  // Jobs flow: completed jobs were submitted; the chat traffic is served.
  const auto submitted = total(o.samples, [](const ComputeSample& x) { return x.submitted; });
  const auto completed = total(o.samples, [](const ComputeSample& x) { return x.completed; });
  CHECK(completed > submitted / 2);
  CHECK(completed <= submitted);
  // The split's ratios hold up to one base unit a job: contributors 10% against creators 5%.
  const auto creators = total(o.samples, [](const ComputeSample& x) { return x.paid_creator; });
  const auto contributors = total(o.samples, [](const ComputeSample& x) { return x.paid_contributors; });
  REQUIRE(creators > Tokens(0));
  CHECK(std::abs(static_cast<double>(contributors.raw()) / static_cast<double>(creators.raw()) - 2.0) < 1e-3);
  CHECK(!std::isnan(o.samples.back().gini));
  CHECK(o.samples.back().royalty_deciles[9] > 0);
}

TEST_CASE("models::compute_network: burn-and-mint burns the users' payments and pays providers from rewards",
          "[models][compute]") {
  ComputeNetworkConfig c = small();
  c.burn_and_mint = true;
  const Outcome o = run(c, 2, 2, 20 * sim::kDay);
  const auto fees = total(o.samples, [](const ComputeSample& x) { return x.fees_usd; });
  REQUIRE(fees > MicroUsd(0));
  CHECK(o.burned > Tokens(0));  // users burned the USD value of their jobs
  const auto paid = total(o.samples, [](const ComputeSample& x) { return x.paid_provider; });
  const auto minted_after_genesis = o.minted - Tokens::whole(700'000'000);
  CHECK(paid > Tokens(0));
  CHECK(paid <= minted_after_genesis);  // providers are paid from the rewards only
}

TEST_CASE("models::compute_network: verification catches bad results and slashes stake", "[models][compute]") {
  ComputeNetworkConfig c = small();
  for (ProviderGroup& g : c.providers) g.malicious = 1.0;
  c.bad_result_rate = 0.5;
  c.verification_rate = 1.0;
  const Outcome o = run(c, 1, 2, 10 * sim::kDay);
  CHECK(total(o.samples, [](const ComputeSample& x) { return x.caught; }) > 0);
  CHECK(total(o.samples, [](const ComputeSample& x) { return x.undetected; }) == 0);
  CHECK(o.treasury > Tokens::whole(200'000'000));  // slashed stake (and the treasury's split) went there
  c.verification_rate = 0.0;
  const Outcome blind = run(c, 1, 2, 10 * sim::kDay);
  CHECK(total(blind.samples, [](const ComputeSample& x) { return x.caught; }) == 0);
  CHECK(total(blind.samples, [](const ComputeSample& x) { return x.undetected; }) > 0);
}

TEST_CASE("models::compute_network: jobs are dropped when capacity is short", "[models][compute]") {
  ComputeNetworkConfig c = small();
  c.providers[0].count = 1;
  c.providers[1].count = 3;
  c.jobs[0].arrivals_per_day = 20'000;
  const Outcome o = run(c, 1, 1, 5 * sim::kDay);
  REQUIRE(o.samples.size() == 5);
  const auto submitted = total(o.samples, [](const ComputeSample& x) { return x.submitted; });
  const auto completed = total(o.samples, [](const ComputeSample& x) { return x.completed; });
  const auto dropped = total(o.samples, [](const ComputeSample& x) { return x.dropped; });
  CHECK(dropped > 0);
  // Every job is accounted for: completed, dropped at its deadline, or still live at the end, and a live job was
  // submitted within the longest deadline (2 days: the last two daily samples).
  REQUIRE(completed + dropped <= submitted);
  const std::uint64_t live = submitted - completed - dropped;
  CHECK(live <= o.samples[3].submitted + o.samples[4].submitted);
  CHECK(o.samples.back().submitted > 0);
}

TEST_CASE("models::compute_network: validate() refuses what the network cannot run, naming the rule",
          "[models][compute]") {
  CHECK_NOTHROW(validate(small()));
  ComputeNetworkConfig c = small();
  c.treasury_share = Ppm(100'000);
  CHECK_THROWS_WITH(validate(c), "compute network: allocation shares must sum to 1,000,000 ppm, got 900000");
  c = small();
  c.providers.clear();
  CHECK_THROWS_WITH(validate(c), "compute network: at least one provider group");
  c = small();
  c.providers[0].gpu = 99;
  CHECK_THROWS_WITH(validate(c),
                    "compute network: provider group " + c.providers[0].name + " names an unknown GPU type");
  c = small();
  c.models = c.contributors + 1;
  CHECK_THROWS_WITH(validate(c), "compute network: at least one model and one contributor per model");
  c = small();
  c.governance.float_votes = Ppm(900'000);
  c.governance.float_delegated = Ppm(100'000);
  CHECK_THROWS_WITH(validate(c), "compute network: a delegated share of the float needs delegates");
}

TEST_CASE("models::compute_network: configurations that cannot run are refused", "[models][compute]") {
  ComputeNetworkConfig c = small();
  c.split_burn = Ppm(60'000);
  CHECK_THROWS_WITH(ComputeNetwork(c, 1), "compute network: the revenue split must sum to 1,000,000 ppm, got 1010000");
  c = small();
  c.jobs[1].shape.params = 2e12;  // 2T parameters fit on no 8-GPU provider
  CHECK_THROWS_WITH(ComputeNetwork(c, 1), "compute network: job class tune fits on no GPU type of the scenario");
}

TEST_CASE("models::compute_network: a leaving provider's stake unbonds before it comes back", "[models][compute]") {
  ComputeNetworkConfig c = small();
  c.leave_below = 1e9;  // every provider leaves at its first decision (within its first day)
  c.join_above = 1e9;   // and nobody joins
  c.stake_unbonding = 5 * sim::kDay;
  const Outcome o = run(c, 1, 2, 10 * sim::kDay);
  // Every provider leaves at its first decision, some time in day 1 (by sample 1 all have), but the stake stays
  // in the stakes account, unbonding, until 5 days after each leave.
  CHECK(o.samples[1].providers_active == 0);
  CHECK(o.samples[0].staked > Tokens(0));
  CHECK(o.samples[4].staked == o.samples[0].staked);  // through day 5
  CHECK(o.samples[6].staked == Tokens(0));            // released after the unbonding period, within day 7
}

TEST_CASE("models::compute_network: a passed proposal changes the split at its exact execution time",
          "[models][compute][governance]") {
  ComputeNetworkConfig c = small();
  c.split_provider = Ppm(750'000);
  c.split_creator = Ppm(50'000);
  c.split_contributors = Ppm(100'000);
  c.governance.voting_delay = sim::kDay;
  c.governance.voting_period = 3 * sim::kDay;
  c.governance.timelock = sim::kDay;
  c.governance.quorum_percent = 1;
  c.governance.noise = 0.0;  // everybody votes its interest: the float (the largest holder) for a burn increase
  GovernanceProposal p;
  p.title = "more burn";
  p.at = 5 * sim::kDay;
  p.split = std::array<Ppm, 5>{Ppm(700'000), Ppm(50'000), Ppm(100'000), Ppm(50'000), Ppm(100'000)};
  c.governance.proposals = {p};
  ComputeNetwork model(c, 2);
  sim::Engine engine(model, model.population(), {.seed = 5, .shards = 2, .threads = 2, .window = c.window});
  engine.add_observer(model.observer());
  engine.run_until(20 * sim::kDay);
  const auto records = model.proposals();
  REQUIRE(records.size() == 1);
  const ProposalRecord& r = records[0];
  // Proposed at 5d; snapshot 6d; deadline 9d; Succeeded from 9d + 1 s, queued then; eta = 9d + 1 s + 1d.
  CHECK(r.proposed == 5 * sim::kDay);
  CHECK(r.snapshot == 6 * sim::kDay);
  CHECK(r.deadline == 9 * sim::kDay);
  CHECK(r.state == "Executed");
  CHECK(r.executed == 10 * sim::kDay + 1);
  CHECK(r.for_votes > r.against_votes);
  CHECK(r.for_votes + r.abstain_votes >= r.quorum);
  // The split in force: the old one in the sample of day 10 (ends at 10d - 1 s... recorded at 9d23h), the new one after.
  const auto& s = model.samples();
  CHECK(s[9].split_provider == Ppm(750'000));  // the window ending at 10d: executed 1 s later
  CHECK(s[10].split_provider == Ppm(700'000));
  CHECK(s[10].proposals_executed == 1);
  // Burns per fee double from the execution on: burn 5% -> 10% against creators' 5%.
  const auto ratio = [&](std::size_t i) {
    return static_cast<double>(s[i].paid_burn.raw()) / static_cast<double>(s[i].paid_creator.raw());
  };
  CHECK(ratio(8) == Approx(1.0).epsilon(0.01));
  CHECK(ratio(12) == Approx(2.0).epsilon(0.01));
}

TEST_CASE("models::compute_network: a Sybil swarm captures a quadratic vote without defences, not with them",
          "[models][compute][governance]") {
  const auto outcome = [](bool quadratic, bool passport, double identity_cost) {
    ComputeNetworkConfig c = small();
    c.governance.voting_delay = sim::kDay;
    c.governance.voting_period = 3 * sim::kDay;
    c.governance.timelock = 0;
    c.governance.quorum_percent = 1;
    c.governance.quadratic = quadratic;
    c.governance.defences.passport = passport;
    SybilAttack a;
    a.tokens = Tokens::whole(1'000'000);
    a.budget_usd = 5'000;
    a.identity_cost_usd = identity_cost;
    a.max_identities = 5'000;
    a.supports = {0};
    c.governance.sybil = a;
    GovernanceProposal p;
    p.title = "grant to the controller";
    p.at = 2 * sim::kDay;
    p.grant_to_attacker = Tokens::whole(10'000'000);
    c.governance.proposals = {p};
    ComputeNetwork model(c, 2);
    sim::Engine engine(model, model.population(), {.seed = 5, .shards = 2, .threads = 2, .window = c.window});
    engine.add_observer(model.observer());
    engine.run_until(8 * sim::kDay);
    return model.proposals().at(0);
  };
  // Quadratic, no defences: 5,000 identities of 200 tokens have 5,000 x sqrt(2e8) = 70.7M votes; the float's 199M
  // tokens have sqrt(1.99e14) = 14.1M, and every honest voter is against: the grant passes.
  const ProposalRecord open = outcome(true, false, 1.0);
  CHECK(open.state == "Executed");
  CHECK(open.sybil_voters == 5'000);
  CHECK(open.sybil_votes == Tokens(5'000 * 14'142));  // floor(sqrt(200e6 base units)) = 14,142 each
  const double open_share = static_cast<double>(open.sybil_votes.raw()) /
                            static_cast<double>((open.for_votes + open.against_votes + open.abstain_votes).raw());
  CHECK(open_share > 0.5);
  // Passport (10% of Sybil identities pass, 5% of honest ones wrongly fail): the grant is defeated.
  const ProposalRecord gated = outcome(true, true, 1.0);
  CHECK(gated.state == "Defeated");
  CHECK(gated.sybil_voters < 700);  // about 500 of 5,000
  CHECK(gated.honest_excluded > 0);
  const double gated_share = static_cast<double>(gated.sybil_votes.raw()) /
                             static_cast<double>((gated.for_votes + gated.against_votes + gated.abstain_votes).raw());
  CHECK(gated_share < 0.5);
  CHECK(gated_share < open_share / 2);
  // A costly identity ($50: 100 identities) and token-weighted counting also defeat it.
  CHECK(outcome(true, false, 50.0).state == "Defeated");
  CHECK(outcome(false, false, 1.0).state == "Defeated");
}

TEST_CASE("models::compute_network: bots farm an activity airdrop; a Passport-style score cuts their take",
          "[models][compute][governance]") {
  const auto outcome = [](bool passport) {
    ComputeNetworkConfig c = small();
    SybilAttack a;
    a.max_identities = 1'000;
    c.governance.sybil = a;
    c.governance.defences.passport = passport;
    Airdrop d;
    d.at = 5 * sim::kDay;
    d.amount = Tokens::whole(1'000'000);
    d.min_gpu_hours = 1;
    d.claim_window = 3 * sim::kDay;
    d.claim_rate = 0.5;
    c.governance.airdrops = {d};
    ComputeNetwork model(c, 2);
    sim::Engine engine(model, model.population(), {.seed = 5, .shards = 2, .threads = 2, .window = c.window});
    engine.add_observer(model.observer());  // conservation every window, tokens in flight during the claim window
    engine.run_until(10 * sim::kDay);
    return model.airdrops().at(0);
  };
  const AirdropRecord open = outcome(false);
  REQUIRE(open.eligible_honest > 0);
  CHECK(open.eligible_sybil == 1'000);
  CHECK(open.each == Tokens(Tokens::whole(1'000'000).raw() / static_cast<std::int64_t>(open.eligible_honest + 1'000)));
  CHECK(open.claimed_sybil == open.each * 1'000);
  // Everything is accounted for: claimed by honest identities and bots, returned to the treasury, or the floor's dust.
  const Tokens accounted = open.claimed_honest + open.claimed_sybil + open.returned;
  CHECK(accounted == open.each * static_cast<std::int64_t>(open.eligible_honest + open.eligible_sybil));
  const AirdropRecord gated = outcome(true);
  CHECK(gated.eligible_sybil < 200);  // about 10% of 1,000 pass
  CHECK(gated.honest_excluded > 0);
  CHECK(gated.claimed_sybil.raw() * 2 < open.claimed_sybil.raw());
}

TEST_CASE("models::compute_network: Sybil identities farm a QF match; a Passport-style score cuts it",
          "[models][compute][governance]") {
  const auto outcome = [](bool passport) {
    ComputeNetworkConfig c = small();
    SybilAttack a;
    a.tokens = Tokens::whole(10'000);
    a.max_identities = 1'000;
    c.governance.sybil = a;
    c.governance.defences.passport = passport;
    QfRound q;
    q.at = 5 * sim::kDay;
    q.duration = 2 * sim::kDay;
    q.matching_pool = Tokens::whole(100'000);
    q.donor_share = 0.5;
    q.donation_share = 0.5;
    c.governance.qf_rounds = {q};
    ComputeNetwork model(c, 2);
    sim::Engine engine(model, model.population(), {.seed = 5, .shards = 2, .threads = 2, .window = c.window});
    engine.add_observer(model.observer());  // conservation: donations in flight, the round's pool, the matches
    engine.run_until(10 * sim::kDay);
    return model.qf_rounds().at(0);
  };
  const QfRecord open = outcome(false);
  CHECK(open.sybil_donors == 1'000);
  CHECK(open.donations_sybil == Tokens::whole(1'000));  // 1 token each
  REQUIRE(open.donors > 0);
  // The whole pool is matched (qf-calculator normalises to the pool), up to the floors.
  CHECK(open.match_total.raw() > Tokens::whole(100'000).raw() - 10);
  CHECK(open.match_total <= Tokens::whole(100'000));
  const QfRecord gated = outcome(true);
  CHECK(gated.donors_excluded > 0);
  CHECK(gated.match_sybil.raw() * 2 < open.match_sybil.raw());
}

TEST_CASE("models::compute_network: fake datasets farm royalties; a data quality check cuts them",
          "[models][compute][governance]") {
  const auto share = [](bool check) {
    ComputeNetworkConfig c = small();
    SybilAttack a;
    a.fake_datasets = 500;  // the last model (1) has 1,000 honest datasets
    a.fake_size = 5;
    c.governance.sybil = a;
    c.governance.defences.data_quality_check = check;
    c.governance.defences.min_quality = 0.3;
    c.governance.defences.quality_miss_rate = 0.1;
    ComputeNetwork model(c, 2);
    sim::Engine engine(model, model.population(), {.seed = 5, .shards = 2, .threads = 2, .window = c.window});
    engine.add_observer(model.observer());
    engine.run_until(10 * sim::kDay);
    model.measure_gini();
    return model.samples().back().sybil_royalty_share;
  };
  const double open = share(false), checked = share(true);
  CHECK(open > 0.01);         // fakes of mean quality 0.1 but five times the size, in the less used model
  CHECK(checked < open / 3);  // only the missed ones (and the few above 0.3) still earn
  CHECK(checked > 0.0);
}
