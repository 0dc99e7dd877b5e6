// The compute network's `governance:` section of the scenario schema: the Governor's settings, turnout, delegation,
// the float's votes, the Sybil controller and the defences, proposals and their changes, airdrops, QF rounds,
// conviction voting and polls.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "economies.hpp"

namespace toksim::models::detail {

namespace {

/// A `change:` map: the governable parameters a proposal or a poll's choice changes (none: a text-only signal).
void read_change(Reader& r, Section& item, ParameterChange& pr) {
  Section ch = item.section("change", "the governable parameters it changes (none: a text-only signal)");
  if (ch.has("split")) {
    Section sp = ch.section("split", "a new revenue split (all five shares; sum 1)");
    const std::size_t before = r.diagnostics().size();
    std::array<Ppm, 5> v{sp.share("provider", Ppm(0), "providers' share"),
                         sp.share("creator", Ppm(0), "creators' share"),
                         sp.share("contributors", Ppm(0), "contributors' share"),
                         sp.share("treasury", Ppm(0), "treasury's share"), sp.share("burn", Ppm(0), "burned share")};
    std::int64_t sum = 0;
    for (const Ppm x : v) sum += x.raw();
    if (sum != Ppm::kWhole && r.diagnostics().size() == before) {
      r.error(sp.node(), sp.path(), fmt::format("expected shares that sum to 1 (1,000,000 ppm), got {} ppm", sum));
    }
    sp.finish();
    pr.split = v;
  } else {
    ch.raw("split");
  }
  if (ch.has("verification_rate"))
    pr.verification_rate = ch.number("verification_rate", 0, 0, 1, "a new verification rate");
  ch.raw("verification_rate");
  if (ch.has("stake_per_gpu"))
    pr.stake_per_gpu = ch.tokens("stake_per_gpu", Tokens(0), Tokens(0), "a new stake per GPU");
  ch.raw("stake_per_gpu");
  if (ch.has("emission_scale")) {
    const std::size_t before = r.diagnostics().size();
    (void)ch.number(
        "emission_scale", 1, 0, 100,
        "a new multiplier of the rewards curve's per-window emission (1: as scheduled; at most 6 decimals)");
    const YAML::Node n = ch.raw("emission_scale");
    if (r.diagnostics().size() == before) {
      if (const auto ppm = parse_fixed(n.Scalar(), 6)) {
        pr.emission_scale = *ppm;
      } else {
        r.error(n, ch.path() + ".emission_scale", "expected a multiplier with at most 6 decimals, got " + n.Scalar());
      }
    }
  }
  ch.raw("emission_scale");
  pr.grant_to_contributors = ch.tokens("grant_to_contributors", Tokens(0), Tokens(0),
                                       "tokens from the treasury to the data contributors, pro rata to weight");
  pr.grant_to_attacker = ch.tokens("grant_to_attacker", Tokens(0), Tokens(0),
                                   "tokens from the treasury to the Sybil controller (a capture attempt)");
  ch.finish();
}

/// `governance.conviction`: the pool's parameters, the stake turns and the requests.
ConvictionConfig read_conviction(Reader& r, Section& cv, sim::Time window) {
  ConvictionConfig cc;
  cc.block = cv.duration("block", cc.block, 1,
                         "conviction moves once per block; requests are checked at every block (whole windows)");
  if (cv.has("block") && cc.block % window != 0) {
    r.error(cv.raw("block"), cv.path() + ".block",
            "expected a whole number of windows (run.window = " + sim::format_duration(window) + "), got " +
                sim::format_duration(cc.block));
  }
  const sim::Time half_life = cv.duration("half_life", 3 * sim::kDay, 1,
                                          "the conviction of a withdrawn stake halves in this time (sets decay)");
  const double decay =
      cv.number("decay", 0.9999599, 0, 0.9999999,
                "alpha: the share of conviction kept from one block to the next (1Hive: decay / 10^7); "
                "instead of half_life");
  if (cv.has("decay") && cv.has("half_life")) {
    r.error(cv.raw("decay"), cv.path() + ".decay", "expected decay or half_life, got both");
  }
  const double alpha =
      cv.has("decay") ? decay : std::pow(0.5, static_cast<double>(cc.block) / static_cast<double>(half_life));
  const auto d = static_cast<std::uint64_t>(std::llround(alpha * static_cast<double>(ConvictionParams::kD)));
  if (d >= ConvictionParams::kD && !cv.has("decay")) {
    r.error(cv.raw("half_life"), cv.path() + ".half_life",
            "expected a half-life of at most 13 million blocks (a decay below 1 at 7 decimals), got " +
                sim::format_duration(half_life));
  }
  cc.params.decay = std::min<std::uint64_t>(d, ConvictionParams::kD - 1);
  const Ppm beta = cv.share("max_ratio", Ppm(200'000), "beta: the most one request may take, as a share of the funds");
  if (cv.has("max_ratio") && beta.raw() == 0)
    r.error(cv.raw("max_ratio"), cv.path() + ".max_ratio", "expected a share above 0, got 0");
  cc.params.max_ratio = static_cast<std::uint64_t>(std::max<std::int64_t>(beta.raw(), 1)) * 10;  // ppm -> 10^-7
  cc.params.weight = static_cast<std::uint64_t>(
                         cv.share("weight", Ppm(2'500), "rho: the threshold's weight (1Hive's weight / 10^7)").raw()) *
                     10;
  cc.params.min_threshold_stake_percentage =
      static_cast<std::uint64_t>(cv.share("min_threshold_stake", Ppm(0),
                                          "the threshold counts at least this share of the supply as staked")
                                     .raw()) *
      1'000'000'000'000;  // ppm -> 10^-18
  cc.funds_share =
      cv.share("funds_share", cc.funds_share, "the pool funds requests from this share of the treasury balance");
  if (cv.has("funds_share") && cc.funds_share.raw() == 0) {
    r.error(cv.raw("funds_share"), cv.path() + ".funds_share", "expected a share above 0, got 0");
  }
  cc.stake_every =
      cv.duration("stake_every", cc.stake_every, 1, "voters revisit their stakes this often (whole windows)");
  if (cv.has("stake_every") && cc.stake_every % window != 0) {
    r.error(cv.raw("stake_every"), cv.path() + ".stake_every",
            "expected a whole number of windows (run.window = " + sim::format_duration(window) + "), got " +
                sim::format_duration(cc.stake_every));
  }
  cc.stake_share = cv.number("stake_share", cc.stake_share, 0, 1, "share of its balance a voter stakes on its choice");
  cc.min_balance = cv.tokens("min_balance", cc.min_balance, Tokens(0), "agents holding less get no stake turn");
  cc.abstain = cv.flag("abstain", cc.abstain,
                       "voters hurt by every open request stake on the abstain proposal, which raises every threshold");
  for (Section item : cv.items("requests", "funding requests, each submitted at a set time")) {
    ConvictionRequest q;
    q.title = item.text("title", "request", "what it is called in reports");
    const std::string b =
        item.choice("beneficiary", "contributors", {"contributors", "creators", "sybil", "burn"},
                    "who is paid: the data contributors' royalty pools (pro rata to weight), the model "
                    "creators, the Sybil controller's project, or a burn");
    q.beneficiary = b == "creators" ? Beneficiary::Creators
                    : b == "sybil"  ? Beneficiary::Sybil
                    : b == "burn"   ? Beneficiary::Burn
                                    : Beneficiary::Contributors;
    q.amount = item.tokens("amount", Tokens::whole(1), Tokens(1), "tokens requested from the treasury");
    if (!item.has("amount"))
      r.error(item.node(), item.path() + ".amount", "expected the tokens requested, got nothing");
    q.at = item.duration("at", 0, 1, "when it is submitted");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time it is submitted, got nothing");
    item.finish();
    cc.requests.push_back(q);
  }
  if (cc.requests.size() > 254) {
    r.error(cv.raw("requests"), cv.path() + ".requests",
            fmt::format("expected at most 254 requests, got {}", cc.requests.size()));
  }
  return cc;
}

/// `governance.polls`: Snapshot polls with their choices.
void read_polls(Reader& r, Section& gov, sim::Time window, std::vector<Poll>& out) {
  for (Section item : gov.items("polls",
                                "off-chain Snapshot polls: voting power is the balance at the opening; "
                                "executed at the close or a signal")) {
    Poll p;
    p.title = item.text("title", "poll", "what it is called in reports");
    const std::string type =
        item.choice("type", "single_choice", {"single_choice", "approval", "weighted", "quadratic", "ranked_choice"},
                    "Snapshot's counting type");
    p.type = type == "approval"        ? PollType::Approval
             : type == "weighted"      ? PollType::Weighted
             : type == "quadratic"     ? PollType::Quadratic
             : type == "ranked_choice" ? PollType::RankedChoice
                                       : PollType::SingleChoice;
    p.at = item.duration("at", 0, 1, "the snapshot and opening: voting power is each identity's balance then");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time the poll opens, got nothing");
    p.duration = item.duration("duration", p.duration, 2 * window, "how long it stays open (at least two windows)");
    p.execute =
        item.flag("execute", false, "apply the winning choice's changes at the close (SafeSnap-like); false: a signal");
    p.approval_bar = item.number("approval_bar", p.approval_bar, -100, 100,
                                 "approval: a voter approves every choice it values above this");
    std::optional<std::int64_t> sybil;
    if (item.has("sybil_choice"))
      sybil = item.integer("sybil_choice", 0, 0, 7, "the choice the Sybil controller's identities back (0-based)");
    const YAML::Node sybil_node = item.raw("sybil_choice");
    const std::size_t before = r.diagnostics().size();
    for (Section ch : item.items("choices", "2 to 8 choices, each with the changes it applies if it wins")) {
      PollChoice pc;
      pc.name = ch.text("name", "choice", "what it is called in reports");
      read_change(r, ch, pc);
      ch.finish();
      p.choices.push_back(pc);
    }
    if ((p.choices.size() < 2 || p.choices.size() > 8) && r.diagnostics().size() == before) {
      r.error(item.has("choices") ? item.raw("choices") : item.node(), item.path() + ".choices",
              fmt::format("expected 2 to 8 choices, got {}", p.choices.size()));
    }
    if (sybil && *sybil >= static_cast<std::int64_t>(p.choices.size()) && p.choices.size() >= 2) {
      r.error(
          sybil_node, item.path() + ".sybil_choice",
          fmt::format("expected a choice index below {} (the number of choices), got {}", p.choices.size(), *sybil));
    } else if (sybil) {
      p.sybil_choice = static_cast<std::uint32_t>(*sybil);
    }
    item.finish();
    out.push_back(p);
  }
  if (out.size() > 255)
    r.error(gov.raw("polls"), gov.path() + ".polls", fmt::format("expected at most 255 polls, got {}", out.size()));
}

}  // namespace

void read_compute_governance(Reader& r, Section& root, ComputeNetworkConfig& c) {
  Section gov = root.section("governance", "token-weighted governance (OpenZeppelin Governor) over live parameters");
  GovernanceConfig& gc = c.governance;
  gc.voting_delay = gov.duration("voting_delay", gc.voting_delay, 0, "from proposal to snapshot");
  gc.voting_period =
      gov.duration("voting_period", gc.voting_period, 2 * c.window, "from snapshot to deadline (at least two windows)");
  gc.timelock = gov.duration("timelock", gc.timelock, 0, "from success to execution (0: executed at once)");
  gc.quorum_percent = static_cast<std::uint64_t>(std::llround(
      100.0 * gov.number("quorum", static_cast<double>(gc.quorum_percent) / 100.0, 0, 1,
                         "share of the voting supply at the snapshot that must vote for or abstain (whole percent)")));
  {
    Section t = gov.section("turnout", "who votes: base + per_decade x log10(1 + balance in tokens), capped at 1");
    gc.base_turnout = t.number("base", gc.base_turnout, 0, 1, "turnout of a holder of about one token");
    gc.turnout_per_decade = t.number("per_decade", gc.turnout_per_decade, 0, 1, "more turnout per tenfold balance");
    t.finish();
  }
  gc.noise = gov.number("noise", gc.noise, 0, 100, "standard deviation of the noise on each voter's interest");
  gc.apathy = gov.number("apathy", gc.apathy, 0, 1, "turnout shrinks by this factor with each earlier proposal");
  {
    Section dl = gov.section("delegation", "delegates who vote for the agents that delegate to them");
    gc.delegates =
        static_cast<std::uint32_t>(dl.integer("delegates", 0, 0, 100'000, "delegates (each speaks for a class)"));
    gc.delegation_share = dl.number("share", gc.delegation_share, 0, 1, "share of agents that delegate");
    dl.finish();
  }
  {
    Section fl = gov.section("float", "the market's float in governance: the share whose holders take part");
    const std::size_t before = r.diagnostics().size();
    gc.float_votes = fl.share("votes", gc.float_votes,
                              "share of the float whose holders vote as one holder (proposals, polls, conviction)");
    gc.float_delegated = fl.share("delegated", gc.float_delegated,
                                  "share of the float delegated to the delegates (evenly); the rest never delegates: "
                                  "no votes, but in the quorum's supply");
    if (r.diagnostics().size() == before && gc.float_votes.raw() + gc.float_delegated.raw() > Ppm::kWhole) {
      r.error(fl.node(), fl.path(),
              fmt::format("expected votes + delegated of at most 1, got {}",
                          format_number(static_cast<double>(gc.float_votes.raw() + gc.float_delegated.raw()) / 1e6)));
    }
    if (gc.float_delegated.raw() > 0 && gc.delegates == 0) {
      r.error(fl.raw("delegated"), fl.path() + ".delegated",
              "expected governance.delegation.delegates > 0 to delegate to, got no delegates");
    }
    fl.finish();
  }
  gc.quadratic = gov.choice("counting", "token", {"token", "quadratic"},
                            "token: power = balance; quadratic: power = sqrt(balance) per identity") == "quadratic";
  if (gov.has("sybil")) {
    Section sy = gov.section("sybil", "a Sybil controller splitting tokens across identities");
    SybilAttack a;
    a.tokens = sy.tokens("tokens", Tokens(0), Tokens(0), "tokens it buys from the float at genesis and splits");
    a.budget_usd = sy.number("budget_usd", 0, 0, 1e12, "USD it spends on identities");
    a.identity_cost_usd = sy.number("identity_cost_usd", 0, 0, 1e9, "cost of one identity (a defence when high)");
    a.max_identities =
        static_cast<std::uint32_t>(sy.integer("max_identities", 1000, 1, 10'000'000, "identities at most"));
    a.fake_datasets = static_cast<std::uint32_t>(
        sy.integer("fake_datasets", 0, 0, 100'000'000, "low-quality datasets it registers to farm royalties"));
    a.fake_size = sy.number("fake_size", a.fake_size, 0.01, 1e6, "their claimed size, in typical datasets");
    for (auto& [node, path] :
         sy.scalars("supports", "proposal indices", "proposals its identities vote for (0-based)")) {
      if (auto k = r.integer(node, path, 0, 1'000'000)) a.supports.push_back(static_cast<std::uint32_t>(*k));
    }
    sy.finish();
    gc.sybil = a;
  } else {
    gov.raw("sybil");
  }
  {
    Section d = gov.section("defences", "what keeps Sybil identities from voting");
    gc.defences.passport = d.flag("passport", false, "a Passport-style score gates voting");
    gc.defences.false_positive =
        d.number("false_positive", gc.defences.false_positive, 0, 1, "honest identities wrongly excluded");
    gc.defences.false_negative =
        d.number("false_negative", gc.defences.false_negative, 0, 1, "Sybil identities that pass");
    gc.defences.min_balance = d.tokens("min_balance", Tokens(0), Tokens(0), "identities holding less cannot vote");
    gc.defences.data_quality_check =
        d.flag("data_quality_check", false, "datasets below min_quality earn no royalties");
    gc.defences.min_quality = d.number("min_quality", gc.defences.min_quality, 0, 1, "quality threshold of the check");
    gc.defences.quality_miss_rate =
        d.number("quality_miss_rate", gc.defences.quality_miss_rate, 0, 1, "share of fake datasets the check misses");
    d.finish();
  }
  for (Section item : gov.items("proposals", "proposals put at set times")) {
    GovernanceProposal pr;
    pr.title = item.text("title", "proposal", "what it is called in reports");
    pr.at = item.duration("at", 0, 1, "when it is proposed");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time it is proposed, got nothing");
    read_change(r, item, pr);
    item.finish();
    gc.proposals.push_back(pr);
  }
  for (Section item : gov.items("airdrops", "airdrops from the treasury to active identities")) {
    Airdrop a;
    a.at = item.duration("at", 0, 1, "when it is made");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time of the airdrop, got nothing");
    a.amount = item.tokens("amount", Tokens(0), Tokens(1), "tokens from the treasury, in equal parts");
    a.min_gpu_hours =
        item.number("min_gpu_hours", a.min_gpu_hours, 0, 1e9, "a provider is eligible after serving this");
    a.min_royalties =
        item.tokens("min_royalties", a.min_royalties, Tokens(0), "a contributor is eligible after claiming this");
    a.claim_window =
        item.duration("claim_window", a.claim_window, sim::kHour, "the eligible claim within it; the rest returns");
    a.claim_rate = item.number("claim_rate", a.claim_rate, 0, 1, "share of eligible honest identities that claim");
    a.bot_activity_usd =
        item.number("bot_activity_usd", a.bot_activity_usd, 0, 1e9, "faking activity, per Sybil identity");
    item.finish();
    gc.airdrops.push_back(a);
  }
  for (Section item : gov.items("qf_rounds", "quadratic funding rounds matched from the treasury")) {
    QfRound q;
    q.at = item.duration("at", 0, 1, "when the round opens");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time the round opens, got nothing");
    q.duration = item.duration("duration", q.duration, sim::kHour, "how long donations are taken");
    q.matching_pool = item.tokens("matching_pool", Tokens(0), Tokens(1), "tokens the treasury matches with");
    q.donor_share = item.number("donor_share", q.donor_share, 0, 1, "chance that an identity with tokens donates");
    q.donation_share = item.number("donation_share", q.donation_share, 0, 1, "share of its balance a donor gives");
    if (item.has("cap")) q.cap = item.number("cap", 1, 1e-6, 1, "per-project matching cap, a share of the pool");
    item.raw("cap");
    q.pairwise = item.choice("matching", "standard", {"standard", "pairwise"},
                             "standard QF, or pairwise-bounded (Gitcoin Grants 2.0)") == "pairwise";
    q.pairwise_m = item.number("pairwise_m", q.pairwise_m, 1e-9, 1e9, "pairwise: the M of k_ij = M / (M + P_ij)");
    q.sybil_donation = item.tokens("sybil_donation", q.sybil_donation, Tokens(0), "each Sybil identity's donation");
    item.finish();
    gc.qf_rounds.push_back(q);
  }
  if (gov.has("conviction")) {
    Section cv = gov.section("conviction", "conviction voting (1Hive) for continuous funding out of the treasury");
    gc.conviction = read_conviction(r, cv, c.window);
    cv.finish();
  } else {
    gov.raw("conviction");
  }
  read_polls(r, gov, c.window, gc.polls);
  gov.finish();
}

}  // namespace toksim::models::detail
