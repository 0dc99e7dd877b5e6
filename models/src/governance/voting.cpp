#include "toksim/models/governance/voting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
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

/// The ballots' validity: which are valid, and the indices of the others. An invalid ballot throws ConfigError
/// (its message is `why`, prefixed with the rule and the ballot) when strict; otherwise it is recorded as dropped.
class Validity {
 public:
  Validity(std::size_t n, const char* rule, bool strict) : valid_(n, 1), rule_(rule), strict_(strict) {}

  void reject(std::size_t i, const std::string& why) {
    if (strict_) throw ConfigError(fmt::format("{}: ballot {}: {}", rule_, i, why));
    valid_[i] = 0;
    dropped_.push_back(i);
  }
  [[nodiscard]] bool valid(std::size_t i) const { return valid_[i] != 0; }
  [[nodiscard]] std::vector<std::size_t> dropped() && { return std::move(dropped_); }

 private:
  std::vector<char> valid_;
  std::vector<std::size_t> dropped_;
  const char* rule_;
  bool strict_;
};

/// Why a list of choice indices is invalid (an index >= C or a repeat; also a size other than C when `full`),
/// or an empty string. `seen` is scratch space of C entries.
std::string index_list_problem(const std::vector<std::size_t>& list, std::size_t num_choices, bool full,
                               std::vector<char>& seen) {
  if (full && list.size() != num_choices) {
    return fmt::format("expected a full ranking of all {} choices, found {} entries", num_choices, list.size());
  }
  std::fill(seen.begin(), seen.end(), 0);
  for (std::size_t c : list) {
    if (c >= num_choices) return fmt::format("expected a choice index in [0, {}), found {}", num_choices, c);
    if (seen[c] != 0) return fmt::format("expected each choice at most once, found {} twice", c);
    seen[c] = 1;
  }
  return {};
}

/// Why a dense weights vector is invalid (Snapshot weighted / quadratic isValidChoice), or an empty string.
std::string weights_problem(const std::vector<double>& w, std::size_t num_choices) {
  if (w.size() != num_choices) {
    return fmt::format("expected {} weights (one per choice), found {}", num_choices, w.size());
  }
  bool positive = false;
  for (std::size_t c = 0; c < w.size(); ++c) {
    if (!std::isfinite(w[c]) || w[c] < 0.0) {
      return fmt::format("weight of choice {}: expected a finite value >= 0, found {}", c, w[c]);
    }
    positive = positive || w[c] > 0.0;
  }
  if (!positive) return "expected at least one positive weight, found none";
  return {};
}

/// Checks the choices and every ballot's balance and weights; returns the validity (weighted and quadratic).
Validity checked_weights(std::size_t num_choices, std::span<const WeightedBallot> ballots, const char* rule,
                         bool strict) {
  check_choices(num_choices, rule);
  Validity v(ballots.size(), rule, strict);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, rule);
    const std::string why = weights_problem(ballots[i].weights, num_choices);
    if (!why.empty()) v.reject(i, why);
  }
  return v;
}

/// Sum of the ballots' balances in ballot order (getScoresTotal): all of them, or (`only`) the valid ones.
template <class Ballot>
double balance_sum(std::span<const Ballot> ballots, const Validity* only) {
  double total = 0.0;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (only == nullptr || only->valid(i)) total += ballots[i].balance;
  }
  return total;
}

/// Snapshot's weight sum of one ballot, 0 + w_0 + w_1 + ... (Object.values in key order).
double weight_sum(const std::vector<double>& w) {
  double sum = 0.0;
  for (double x : w) sum += x;
  return sum;
}

}  // namespace

VoteResult single_choice(std::size_t num_choices, std::span<const SingleChoiceBallot> ballots, bool strict) {
  constexpr const char* kRule = "single-choice";
  check_choices(num_choices, kRule);
  Validity v(ballots.size(), kRule, strict);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    if (ballots[i].choice >= num_choices) {
      v.reject(i, fmt::format("expected a choice index in [0, {}), found {}", num_choices, ballots[i].choice));
    }
  }
  VoteResult r{std::vector<double>(num_choices, 0.0), balance_sum(ballots, nullptr), {}};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (v.valid(i)) r.scores[ballots[i].choice] += ballots[i].balance;
  }
  r.dropped = std::move(v).dropped();
  return r;
}

VoteResult approval(std::size_t num_choices, std::span<const ApprovalBallot> ballots, bool strict) {
  constexpr const char* kRule = "approval";
  check_choices(num_choices, kRule);
  Validity v(ballots.size(), kRule, strict);
  std::vector<char> seen(num_choices);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    const std::string why = index_list_problem(ballots[i].choices, num_choices, false, seen);
    if (!why.empty()) v.reject(i, why);
  }
  VoteResult r{std::vector<double>(num_choices, 0.0), balance_sum(ballots, nullptr), {}};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (!v.valid(i)) continue;
    for (std::size_t c : ballots[i].choices) r.scores[c] += ballots[i].balance;
  }
  r.dropped = std::move(v).dropped();
  return r;
}

VoteResult weighted(std::size_t num_choices, std::span<const WeightedBallot> ballots, bool strict) {
  constexpr const char* kRule = "weighted";
  Validity v = checked_weights(num_choices, ballots, kRule, strict);
  VoteResult r{std::vector<double>(num_choices, 0.0), balance_sum(ballots, nullptr), {}};
  // weightedPower: (percentageOfTotal(w_c, W) / 100) * b, percentageOfTotal = (w_c / W) * 100.
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (!v.valid(i)) continue;
    const double sum = weight_sum(ballots[i].weights);
    for (std::size_t c = 0; c < num_choices; ++c) {
      r.scores[c] += ballots[i].weights[c] / sum * 100.0 / 100.0 * ballots[i].balance;
    }
  }
  // (validScoresTotal / 100) * percentageOfTotal(s_c, s), 0 where the percentage is NaN (sum of s == 0).
  const double valid_total = balance_sum(ballots, &v);
  const double s_sum = weight_sum(r.scores);
  for (double& s : r.scores) s = s_sum > 0.0 ? valid_total / 100.0 * (s / s_sum * 100.0) : 0.0;
  r.dropped = std::move(v).dropped();
  return r;
}

VoteResult quadratic(std::size_t num_choices, std::span<const WeightedBallot> ballots, bool strict) {
  constexpr const char* kRule = "quadratic";
  Validity v = checked_weights(num_choices, ballots, kRule, strict);
  VoteResult r{std::vector<double>(num_choices, 0.0), balance_sum(ballots, nullptr), {}};
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (!v.valid(i)) continue;
    const double sum = weight_sum(ballots[i].weights);
    for (std::size_t c = 0; c < num_choices; ++c) {
      r.scores[c] += std::sqrt(ballots[i].weights[c] / sum * ballots[i].balance);  // calcSqrt(w / W, b)
    }
  }
  for (double& s : r.scores) s = s * s;  // Q_c
  // calcReducedQuadraticScores: scoresTotal (valid balances) * Q_c / sum Q, 0 where that is NaN.
  const double valid_total = balance_sum(ballots, &v);
  const double q_sum = weight_sum(r.scores);
  for (double& s : r.scores) s = q_sum > 0.0 ? valid_total * (s / q_sum) : 0.0;
  r.dropped = std::move(v).dropped();
  return r;
}

RankedChoiceResult ranked_choice(std::size_t num_choices, std::span<const RankedBallot> ballots, bool strict) {
  constexpr const char* kRule = "ranked-choice";
  check_choices(num_choices, kRule);
  Validity v(ballots.size(), kRule, strict);
  std::vector<char> seen(num_choices);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    check_balance(ballots[i].balance, i, kRule);
    const std::string why = index_list_problem(ballots[i].ranking, num_choices, true, seen);
    if (!why.empty()) v.reject(i, why);
  }

  RankedChoiceResult r;
  r.scores.assign(num_choices, 0.0);
  r.scores_total = balance_sum(ballots, nullptr);
  // Snapshot's totalPowerOfVotes: the balances of the valid ballots still holding a preference, which with full
  // rankings stays the sum of the valid balances.
  const double valid_total = balance_sum(ballots, &v);
  bool any_valid = false;
  for (std::size_t i = 0; i < ballots.size(); ++i) any_valid = any_valid || v.valid(i);

  // Candidates: every choice still on some valid ballot; with full rankings, all non-eliminated choices (none
  // without valid ballots).
  std::vector<char> in(num_choices, any_valid ? 1 : 0);
  for (;;) {
    IrvRound round;
    round.tallies.assign(num_choices, 0.0);
    for (std::size_t c = 0; c < num_choices; ++c) {
      if (in[c] != 0) round.remaining.push_back(c);
    }
    for (std::size_t i = 0; i < ballots.size(); ++i) {
      if (!v.valid(i)) continue;
      for (std::size_t c : ballots[i].ranking) {
        if (in[c] != 0) {
          round.tallies[c] += ballots[i].balance;
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
    const bool done = top > valid_total / 2.0 || round.remaining.size() < 3;
    if (!done) {
      round.eliminated = bottom_c;
      in[bottom_c] = 0;
    }
    r.rounds.push_back(std::move(round));
    if (done) break;
  }
  r.scores = r.rounds.back().tallies;
  r.dropped = std::move(v).dropped();
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
  VoteResult r{std::vector<double>(num_choices, 0.0), 0.0, {}};
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
