// bench/governance: token-weighted governance at scale. 10^6 holders (lognormal balances, self-delegated at
// genesis) vote on 100 proposals through the OpenZeppelin Governor (checkpointed votes, quorum fraction, simple
// counting); between proposals 10,000 random transfers move voting power, so lookups go through checkpoints.
// Prints one line:
//   GOVERNANCE voters=N proposals=P votes=V seconds=S votes_per_s=R tally_1e6_seconds=T checkpointed=C digest=HEX
// `tally_1e6_seconds` is the mean time to cast and count 10^6 votes on one proposal (the target: under
// one second); `seconds` covers everything (genesis, transfers, proposals, votes, state queries).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/sim/digest.hpp"
#include "toksim/sim/rng.hpp"

int main(int argc, char** argv) {
  using namespace toksim;
  using namespace toksim::models;
  CLI::App app{"Governance benchmark: 10^6 holders voting on 100 proposals through the OpenZeppelin Governor"};
  std::uint32_t voters = 1'000'000, proposals = 100, transfers = 10'000;
  std::uint64_t seed = 1;
  double turnout = 1.0;
  app.add_option("--voters", voters, "token holders")->capture_default_str()->check(CLI::Range(2u, 100'000'000u));
  app.add_option("--proposals", proposals, "proposals, one after another")->capture_default_str();
  app.add_option("--transfers", transfers, "transfers between proposals")->capture_default_str();
  app.add_option("--turnout", turnout, "share of holders voting on each proposal")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--seed", seed, "random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    const auto t0 = std::chrono::steady_clock::now();
    std::uint64_t counter = 0;
    sim::Rng rng(seed, 0, &counter);
    std::vector<Tokens> balances(voters);
    for (auto& b : balances) b = Tokens(static_cast<std::int64_t>(rng.lognormal(std::log(1000.0), 2.0) * 1e6));
    Votes votes = Votes::genesis(balances, 0);
    GovernorSettings settings;
    settings.voting_delay = sim::kDay;
    settings.voting_period = 7 * sim::kDay;
    settings.quorum_numerator = 4;  // OpenZeppelin's wizard default: 4% of supply
    Governor gov(settings, votes);
    std::uint64_t cast = 0;
    double tally_seconds = 0;
    sim::Digest digest;
    sim::Time now = sim::kDay;
    for (std::uint32_t p = 0; p < proposals; ++p) {
      for (std::uint32_t k = 0; k < transfers; ++k) {  // power moves between proposals
        const auto from = static_cast<AccountId>(rng.uniform_int(voters));
        const auto to = static_cast<AccountId>(rng.uniform_int(voters));
        const Tokens amount = Tokens(votes.balance(from).raw() / 2);
        if (amount.raw() > 0 && from != to) votes.transfer(from, to, amount, now);
      }
      const ProposalId id = gov.propose(static_cast<AccountId>(p), "proposal " + std::to_string(p), now);
      now += settings.voting_delay + 1;  // Active
      // Each holder's choice: For with a probability that differs by proposal, else Against or Abstain.
      const double p_for = 0.3 + 0.4 * rng.uniform();
      std::vector<std::uint8_t> choice(voters);
      std::vector<std::uint8_t> votes_now(voters);
      for (std::uint32_t v = 0; v < voters; ++v) {
        const double u = rng.uniform();
        choice[v] = u < p_for ? 1 : (u < p_for + 0.05 ? 2 : 0);
        votes_now[v] = rng.uniform() < turnout ? 1 : 0;
      }
      const auto a = std::chrono::steady_clock::now();
      for (std::uint32_t v = 0; v < voters; ++v) {
        if (votes_now[v] == 0) continue;
        gov.cast_vote(id, v, static_cast<Support>(choice[v]), now);
        ++cast;
      }
      tally_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
      now += settings.voting_period;  // past the deadline
      const Tallies t = gov.tallies(id);
      digest.add(static_cast<std::uint64_t>(t.for_votes.raw()));
      digest.add(static_cast<std::uint64_t>(t.against_votes.raw()));
      digest.add(static_cast<std::uint64_t>(t.abstain_votes.raw()));
      digest.add(static_cast<std::uint64_t>(gov.state(id, now)));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print(
        "GOVERNANCE voters={} proposals={} votes={} seconds={:.2f} votes_per_s={:.0f} tally_1e6_seconds={:.3f} "
        "checkpointed={} digest={}\n",
        voters, proposals, cast, seconds, static_cast<double>(cast) / tally_seconds,
        tally_seconds / (static_cast<double>(cast) / 1e6), votes.checkpointed_accounts(), digest.hex());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "governance: %s\n", e.what());
    return 3;
  }
  return 0;
}
