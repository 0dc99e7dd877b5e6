// Off-chain vote counting: the Snapshot voting types as pure functions over ballots, classic per-identity
// quadratic voting (for Sybil experiments), and an exact, thread-count-independent token-weighted tally.
// Source: snapshot-labs/snapshot.js, src/voting/{singleChoice,approval,weighted,quadratic,rankedChoice}.ts
// (getScores, getScoresTotal, isValidChoice); GovernorCountingSimple (OpenZeppelin) for the support codes.
//
// Conventions and departures from snapshot.js:
//  - Choices are 0-based here (Snapshot numbers them from 1).
//  - Invalid ballots are dropped by default, as Snapshot's getValidVotes() / isValidChoice() do: they count in
//    scores_total (getScoresTotal sums every vote) but in no score, and their indices are listed in `dropped`.
//    With strict = true an invalid ballot throws toksim::ConfigError naming the ballot and what was expected
//    instead (toksim's behaviour before issue 15). The validity rules are Snapshot's (see each ballot type).
//  - Balances are not part of Snapshot's validity rules; here a negative or non-finite balance always throws
//    ConfigError (a modelling bug), in both modes.
//  - Weighted and quadratic ballots are dense: one weight per choice, 0 meaning "not listed" (Snapshot's object
//    lists positive weights only; the two forms are equivalent).
//  - Everything is in double, as Snapshot's JavaScript numbers, with Snapshot's operation order (weighted:
//    (w / W * 100) / 100 * b and (V / 100) * (s / S * 100); quadratic: sqrt(w / W * b)), summed in ballot order,
//    so snapshot.js's own test vectors (tests/reference/snapshot.js) are reproduced to the bit; the
//    token-weighted tally is the exception (exact int64 sums).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "toksim/sim/error.hpp"

namespace toksim::models {

/// Per-choice scores and the total voting power of all ballots, valid or not, as Snapshot's getScores() and
/// getScoresTotal(). For approval voting sum(scores) may exceed scores_total; for single-choice, weighted and
/// quadratic sum(scores) == scores_total minus the dropped ballots' balances (up to rounding; all 0 when every
/// valid balance is 0).
struct VoteResult {
  std::vector<double> scores;
  double scores_total = 0.0;
  std::vector<std::size_t> dropped;  ///< indices of the invalid ballots left out of the scores, ascending
};

/// single-choice ("basic" is the same): one choice index in [0, C).
struct SingleChoiceBallot {
  double balance = 0.0;
  std::size_t choice = 0;
};

/// approval: a set of distinct choice indices in [0, C); may be empty (a valid ballot approving nothing, as in
/// Snapshot).
struct ApprovalBallot {
  double balance = 0.0;
  std::vector<std::size_t> choices;
};

/// weighted and quadratic: exactly C finite weights >= 0, at least one positive (Snapshot: a non-empty object
/// whose keys are choices and whose values are numbers >= 0, one > 0; a key outside the choices has no dense
/// form here and is a vector of the wrong size). Only the ratios matter.
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
  double scores_total = 0.0;  ///< every ballot's balance, valid or not (getScoresTotal)
  std::vector<IrvRound> rounds;
  std::vector<std::size_t> dropped;  ///< indices of the invalid ballots, ascending
};

/// score_c = sum of b_i over the valid ballots choosing c. Invalid: a choice >= C (dropped, or ConfigError when
/// strict). @throws ConfigError for num_choices == 0 or a negative or non-finite balance.
VoteResult single_choice(std::size_t num_choices, std::span<const SingleChoiceBallot> ballots, bool strict = false);

/// score_c = sum of b_i over the valid ballots approving c. Invalid: an index >= C or a repeated index.
/// @throws ConfigError as single_choice.
VoteResult approval(std::size_t num_choices, std::span<const ApprovalBallot> ballots, bool strict = false);

/// Over the valid ballots: power_ic = (w_ic / W_i * 100) / 100 * b_i (W_i = sum_k w_ik); s_c = sum_i power_ic;
/// score_c = (V / 100) * (s_c / sum_k s_k * 100) with V = sum of the valid balances (all 0 when sum_k s_k == 0,
/// as Snapshot's NaN -> 0). Invalid: a weights vector whose size is not C, a negative or non-finite weight, no
/// positive weight. @throws ConfigError as single_choice.
VoteResult weighted(std::size_t num_choices, std::span<const WeightedBallot> ballots, bool strict = false);

/// Snapshot quadratic over the valid ballots: Q_c = (sum_i sqrt(w_ic / W_i * b_i))^2; score_c = V * (Q_c / sum_k
/// Q_k) with V = sum of the valid balances ("reduced so that the sum matches the total scores ... so quorum still
/// works"); all 0 when sum_k Q_k == 0. Invalid ballots as weighted(). @throws ConfigError as single_choice.
VoteResult quadratic(std::size_t num_choices, std::span<const WeightedBallot> ballots, bool strict = false);

/// Instant runoff as snapshot.js irv() over the valid ballots: each round tallies every ballot's first remaining
/// preference weighted by its balance; stop when the leader's tally > total / 2 (total = sum of the valid
/// balances) OR fewer than 3
/// candidates remain (so two candidates are never run off against each other, even when tied); otherwise drop
/// the candidate with the lowest tally and recurse. Ties for elimination break to the LOWEST index (Snapshot
/// reduces over choices in ascending order with a strict <, keeping the first minimum). With no valid ballots:
/// one round, no candidates, all scores 0 (as Snapshot). Invalid: a ranking that is not a permutation of 0..C-1
/// (partial, repeated or out-of-range entries). @throws ConfigError as single_choice.
RankedChoiceResult ranked_choice(std::size_t num_choices, std::span<const RankedBallot> ballots, bool strict = false);

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
