#include "toksim/models/governance/voting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/reduce.hpp"

namespace toksim::models {
namespace {

void check_choices(std::size_t num_choices, const char* rule) {
  if (num_choices == 0) throw ConfigError(fmt::format("{}: expected at least one choice, found 0", rule));
}

void check_balance(double balance, std::size_t i, const char* rule) {
  if (!std::isfinite(balance) || balance < 0.0) {
    throw ConfigError(fmt::format("{}: ballot {} balance: expected a finite value >= 0, found {}", rule, i, balance));
  }
}

void check_index(std::size_t c, std::size_t num_choices, std::size_t i, const char* rule) {
  if (c >= num_choices) {
    throw ConfigError(
        fmt::format("{}: ballot {}: expected a choice index in [0, {}), found {}", rule, i, num_choices, c));
  }
}

/// Validates a dense weights vector and returns its sum (> 0).
double weight_sum(const std::vector<double>& w, std::size_t num_choices, std::size_t i, const char* rule) {
  if (w.size() != num_choices) {
    throw ConfigError(
        fmt::format("{}: ballot {}: expected {} weights (one per choice), found {}", rule, i, num_choices, w.size()));
  }
  double sum = 0.0;
  for (std::size_t c = 0; c < w.size(); ++c) {
    if (!std::isfinite(w[c]) || w[c] < 0.0) {
      throw ConfigError(
          fmt::format("{}: ballot {} weight of choice {}: expected a finite value >= 0, found {}", rule, i, c, w[c]));
    }
    sum += w[c];
  }
  if (!(sum > 0.0)) {
    throw ConfigError(fmt::format("{}: ballot {}: expected at least one positive weight, found none", rule, i));
  }
  return sum;
}

/// Snapshot's final step for weighted and quadratic: score_c = raw_c / sum(raw) * total (0 when the sum is 0).
void rescale(std::vector<double>& raw, double total) {
  double sum = 0.0;
  for (double v : raw) sum += v;
  for (double& v : raw) v = sum > 0.0 ? v / sum * total : 0.0;
}

}  // namespace

VoteResult single_choice(std::size_t num_choices, std::span<const SingleChoiceBallot> ballots) {
  constexpr const char* kRule = "single-choice";
  check_choices(num_choices, kRule);
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    check_index(ballots[i].choice, num_choices, i, kRule);
  }
  for (const SingleChoiceBallot& b : ballots) {
    r.scores[b.choice] += b.balance;
    r.scores_total += b.balance;
  }
  return r;
}

VoteResult approval(std::size_t num_choices, std::span<const ApprovalBallot> ballots) {
  constexpr const char* kRule = "approval";
  check_choices(num_choices, kRule);
  std::vector<char> seen(num_choices);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    std::fill(seen.begin(), seen.end(), 0);
    for (std::size_t c : ballots[i].choices) {
      check_index(c, num_choices, i, kRule);
      if (seen[c] != 0) {
        throw ConfigError(fmt::format("{}: ballot {}: expected distinct choices, found {} twice", kRule, i, c));
      }
      seen[c] = 1;
    }
  }
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0};
  for (const ApprovalBallot& b : ballots) {
    for (std::size_t c : b.choices) r.scores[c] += b.balance;
    r.scores_total += b.balance;
  }
  return r;
}

namespace {

/// Checks the choices and every ballot's balance and weights; returns each ballot's weight sum.
std::vector<double> checked_weight_sums(std::size_t num_choices, std::span<const WeightedBallot> ballots,
                                        const char* rule) {
  check_choices(num_choices, rule);
  std::vector<double> sums(ballots.size());
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, rule);
    sums[i] = weight_sum(ballots[i].weights, num_choices, i, rule);
  }
  return sums;
}

}  // namespace

VoteResult weighted(std::size_t num_choices, std::span<const WeightedBallot> ballots) {
  constexpr const char* kRule = "weighted";
  const std::vector<double> sums = checked_weight_sums(num_choices, ballots, kRule);
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    for (std::size_t c = 0; c < num_choices; ++c) r.scores[c] += ballots[i].balance * ballots[i].weights[c] / sums[i];
    r.scores_total += ballots[i].balance;
  }
  rescale(r.scores, r.scores_total);
  return r;
}

VoteResult quadratic(std::size_t num_choices, std::span<const WeightedBallot> ballots) {
  constexpr const char* kRule = "quadratic";
  const std::vector<double> sums = checked_weight_sums(num_choices, ballots, kRule);
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    for (std::size_t c = 0; c < num_choices; ++c) {
      r.scores[c] += std::sqrt(ballots[i].balance * ballots[i].weights[c] / sums[i]);
    }
    r.scores_total += ballots[i].balance;
  }
  for (double& s : r.scores) s = s * s;  // Q_c
  rescale(r.scores, r.scores_total);
  return r;
}

RankedChoiceResult ranked_choice(std::size_t num_choices, std::span<const RankedBallot> ballots) {
  constexpr const char* kRule = "ranked-choice";
  check_choices(num_choices, kRule);
  std::vector<char> seen(num_choices);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    const auto& rank = ballots[i].ranking;
    if (rank.size() != num_choices) {
      throw ConfigError(fmt::format("{}: ballot {}: expected a full ranking of all {} choices, found {} entries", kRule,
                                    i, num_choices, rank.size()));
    }
    std::fill(seen.begin(), seen.end(), 0);
    for (std::size_t c : rank) {
      check_index(c, num_choices, i, kRule);
      if (seen[c] != 0) {
        throw ConfigError(fmt::format("{}: ballot {}: expected each choice ranked once, found {} twice", kRule, i, c));
      }
      seen[c] = 1;
    }
  }

  RankedChoiceResult r;
  r.scores.assign(num_choices, 0.0);
  for (const RankedBallot& b : ballots) r.scores_total += b.balance;

  // Candidates: every choice still on some ballot; with full rankings, all non-eliminated choices (none without
  // ballots). Snapshot's totalPowerOfVotes is the sum of the balances of the ballots still holding a
  // preference, which with full rankings stays the sum of all balances.
  std::vector<char> in(num_choices, ballots.empty() ? 0 : 1);
  for (;;) {
    IrvRound round;
    round.tallies.assign(num_choices, 0.0);
    for (std::size_t c = 0; c < num_choices; ++c) {
      if (in[c] != 0) round.remaining.push_back(c);
    }
    for (const RankedBallot& b : ballots) {
      for (std::size_t c : b.ranking) {
        if (in[c] != 0) {
          round.tallies[c] += b.balance;
          break;
        }
      }
    }
    // Leader: first maximum (strict >) in ascending order; loser: first minimum (strict <): the lowest index.
    double top = -std::numeric_limits<double>::infinity();
    double bottom = std::numeric_limits<double>::infinity();
    std::size_t bottom_c = 0;
    for (std::size_t c : round.remaining) {
      if (round.tallies[c] > top) top = round.tallies[c];
      if (round.tallies[c] < bottom) {
        bottom = round.tallies[c];
        bottom_c = c;
      }
    }
    const bool done = top > r.scores_total / 2.0 || round.remaining.size() < 3;
    if (!done) {
      round.eliminated = bottom_c;
      in[bottom_c] = 0;
    }
    r.rounds.push_back(std::move(round));
    if (done) break;
  }
  r.scores = r.rounds.back().tallies;
  return r;
}

VoteResult quadratic_voting_per_identity(std::size_t num_choices, std::span<const QvBallot> ballots) {
  constexpr const char* kRule = "quadratic voting";
  check_choices(num_choices, kRule);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    const auto& cr = ballots[i].credits;
    if (cr.size() != num_choices) {
      throw ConfigError(fmt::format("{}: identity {}: expected {} credit entries (one per choice), found {}", kRule, i,
                                    num_choices, cr.size()));
    }
    for (std::size_t c = 0; c < cr.size(); ++c) {
      if (!std::isfinite(cr[c]) || cr[c] < 0.0) {
        throw ConfigError(fmt::format("{}: identity {} credits on choice {}: expected a finite value >= 0, found {}",
                                      kRule, i, c, cr[c]));
      }
    }
  }
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0};
  for (const QvBallot& b : ballots) {
    for (std::size_t c = 0; c < num_choices; ++c) {
      r.scores[c] += std::sqrt(b.credits[c]);
      r.scores_total += b.credits[c];
    }
  }
  return r;
}

namespace {
struct TallyPartial {
  i128 sums[3] = {0, 0, 0};
  std::size_t bad = std::numeric_limits<std::size_t>::max();  // first invalid voter in the block
};
}  // namespace

TallyTotals token_weighted_tally(std::span<const std::uint8_t> support, std::span<const std::int64_t> weight) {
  if (support.size() != weight.size()) {
    throw ConfigError(fmt::format("token-weighted tally: expected one weight per voter ({} supports), found {} weights",
                                  support.size(), weight.size()));
  }
  const TallyPartial total = sim::block_reduce(
      support.size(), TallyPartial{},
      [&](std::size_t begin, std::size_t end) {
        TallyPartial p;
        for (std::size_t v = begin; v < end; ++v) {
          const std::uint8_t s = support[v];
          const std::int64_t w = weight[v];
          if (s > 2 || w < 0) {
            p.bad = v;
            break;
          }
          p.sums[s] += w;
        }
        return p;
      },
      [](TallyPartial acc, const TallyPartial& p) {
        for (int k = 0; k < 3; ++k) acc.sums[k] += p.sums[k];
        acc.bad = std::min(acc.bad, p.bad);
        return acc;
      });
  if (total.bad != std::numeric_limits<std::size_t>::max()) {
    const std::size_t v = total.bad;
    throw ConfigError(fmt::format(
        "token-weighted tally: voter {}: expected support 0 (against), 1 (for) or 2 (abstain) and a weight >= 0, "
        "found support {} and weight {}",
        v, static_cast<unsigned>(support[v]), weight[v]));
  }
  TallyTotals t;
  t.against_votes = detail::checked(total.sums[0], "token-weighted tally: against votes");
  t.for_votes = detail::checked(total.sums[1], "token-weighted tally: for votes");
  t.abstain_votes = detail::checked(total.sums[2], "token-weighted tally: abstain votes");
  return t;
}

}  // namespace toksim::models
