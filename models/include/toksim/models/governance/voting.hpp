// Off-chain vote counting: the Snapshot voting types as pure functions over ballots, classic per-identity
// quadratic voting (for Sybil experiments), and an exact, thread-count-independent token-weighted tally.
// Source: snapshot-labs/snapshot.js, src/voting/{singleChoice,approval,weighted,quadratic,rankedChoice}.ts
// (getScores, getScoresTotal, isValidChoice); GovernorCountingSimple (OpenZeppelin) for the support codes.
//
// Conventions and departures from snapshot.js:
//  - Choices are 0-based here (Snapshot numbers them from 1).
//  - Snapshot silently drops invalid votes (getValidVotes / isValidChoice). Here an invalid ballot is a modelling
//    bug and throws toksim::ConfigError naming the ballot and what was expected; the validity rules are
//    Snapshot's (see each ballot type). Balances must be finite and >= 0.
//  - Weighted and quadratic ballots are dense: one weight per choice, 0 meaning "not listed" (Snapshot's object
//    lists positive weights only; the two forms are equivalent).
//  - Snapshot computes b * (100 * w / W) / 100; here b * w / W. Results agree up to floating-point rounding.
//  - Everything is in double, as Snapshot's JavaScript numbers, summed in ballot order; the token-weighted tally
//    is the exception (exact int64 sums).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "toksim/sim/error.hpp"

namespace toksim::models {

/// Per-choice scores and the total voting power of the (valid) ballots, as Snapshot's getScores() and
/// getScoresTotal(). For approval voting sum(scores) may exceed scores_total; for single-choice, weighted and
/// quadratic sum(scores) == scores_total (up to rounding; all 0 when every balance is 0).
struct VoteResult {
  std::vector<double> scores;
  double scores_total = 0.0;
};

/// single-choice ("basic" is the same): one choice index in [0, C).
struct SingleChoiceBallot {
  double balance = 0.0;
  std::size_t choice = 0;
};

/// approval: a set of distinct choice indices in [0, C); may be empty (the ballot still counts in
/// scores_total, as in Snapshot).
struct ApprovalBallot {
  double balance = 0.0;
  std::vector<std::size_t> choices;
};

/// weighted and quadratic: exactly C finite weights >= 0 with a positive sum (Snapshot: a non-empty object of
/// positive weights). Only the ratios matter.
struct WeightedBallot {
  double balance = 0.0;
  std::vector<double> weights;
};

/// ranked-choice: a full ranking, a permutation of 0..C-1, most preferred first (Snapshot requires all choices
/// ranked: partial ballots are still a to-do in its source).
struct RankedBallot {
  double balance = 0.0;
  std::vector<std::size_t> ranking;
};

/// One instant-runoff round: each remaining candidate's tally of first remaining preferences (C entries, 0 for
/// candidates eliminated earlier), the candidates still in (ascending), and the one dropped after this round
/// (none in the final round).
struct IrvRound {
  std::vector<double> tallies;
  std::vector<std::size_t> remaining;
  std::optional<std::size_t> eliminated;
};

/// scores: the final round's tallies (eliminated candidates score 0), as Snapshot's getScores().
struct RankedChoiceResult {
  std::vector<double> scores;
  double scores_total = 0.0;
  std::vector<IrvRound> rounds;
};

/// score_c = sum of b_i over ballots choosing c. @throws ConfigError for num_choices == 0, a choice >= C, a
/// negative or non-finite balance.
VoteResult single_choice(std::size_t num_choices, std::span<const SingleChoiceBallot> ballots);

/// score_c = sum of b_i over ballots approving c. @throws ConfigError as single_choice, and for a repeated index.
VoteResult approval(std::size_t num_choices, std::span<const ApprovalBallot> ballots);

/// power_ic = b_i * w_ic / W_i (W_i = sum_k w_ik); s_c = sum_i power_ic; score_c = s_c / sum_k s_k * sum_i b_i
/// (all 0 when sum_k s_k == 0, as Snapshot's NaN -> 0). @throws ConfigError for a weights vector whose size is
/// not C, a negative or non-finite weight, an all-zero weights vector, or a bad balance.
VoteResult weighted(std::size_t num_choices, std::span<const WeightedBallot> ballots);

/// Snapshot quadratic: Q_c = (sum_i sqrt(b_i * w_ic / W_i))^2; score_c = Q_c / sum_k Q_k * sum_i b_i ("reduced
/// so that the sum matches the total scores ... so quorum still works"); all 0 when sum_k Q_k == 0.
/// @throws ConfigError as weighted().
VoteResult quadratic(std::size_t num_choices, std::span<const WeightedBallot> ballots);

/// Instant runoff as snapshot.js irv(): each round tallies every ballot's first remaining preference weighted by
/// its balance; stop when the leader's tally > total / 2 (total = sum of all balances) OR fewer than 3
/// candidates remain (so two candidates are never run off against each other, even when tied); otherwise drop
/// the candidate with the lowest tally and recurse. Ties for elimination break to the LOWEST index (Snapshot
/// reduces over choices in ascending order with a strict <, keeping the first minimum). With no ballots:
/// one round, no candidates, all scores 0 (as Snapshot). @throws ConfigError for a ranking that is not a
/// permutation of 0..C-1 or a bad balance.
RankedChoiceResult ranked_choice(std::size_t num_choices, std::span<const RankedBallot> ballots);

/// One identity's voice credits per choice (C finite values >= 0; all zero is allowed: the identity abstains).
struct QvBallot {
  std::vector<double> credits;
};

/// Classic quadratic voting per identity: identity i casts sqrt(credits_ic) votes on c; score_c = sum_i
/// sqrt(credits_ic); scores_total = sum of all credits spent. Splitting k credits evenly over n identities
/// yields n * sqrt(k / n) = sqrt(n) * sqrt(k) votes: a Sybil with n identities gains sqrt(n).
/// @throws ConfigError for a credits vector whose size is not C or a negative or non-finite entry.
VoteResult quadratic_voting_per_identity(std::size_t num_choices, std::span<const QvBallot> ballots);

/// Vote totals as GovernorCountingSimple's ProposalVote: support 0 = Against, 1 = For, 2 = Abstain.
struct TallyTotals {
  std::int64_t against_votes = 0;
  std::int64_t for_votes = 0;
  std::int64_t abstain_votes = 0;
  friend bool operator==(const TallyTotals&, const TallyTotals&) = default;
};

/// Exact token-weighted tally of n voters: voter v adds weight[v] to the total of support[v]. Blocked reduction
/// (toksim::sim::block_reduce, 128-bit partial sums): the same result for any thread count, in parallel on the
/// calling TBB arena. @throws ConfigError when the spans differ in length, a support is > 2 or a weight is
/// negative (the message names the first such voter); MoneyError when a total exceeds int64.
TallyTotals token_weighted_tally(std::span<const std::uint8_t> support, std::span<const std::int64_t> weight);

}  // namespace toksim::models
