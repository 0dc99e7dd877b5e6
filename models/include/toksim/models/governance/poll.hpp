// Snapshot polls as pure functions: ballots encoded from a voter's value of each choice, and the tally of the
// encoded ballots by each of Snapshot's counting types (voting.hpp), with the winner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace toksim::models {

/// Snapshot's counting types (voting.hpp).
enum class PollType : std::uint8_t { SingleChoice, Approval, Weighted, Quadratic, RankedChoice };
std::string_view name(PollType t) noexcept;

/// A ballot of a poll as cast: its voting power (balance at the snapshot, base units) and the ballot encoded by
/// encode_poll_ballot().
struct PollVote {
  double power = 0;
  std::uint64_t ballot = 0;
};

struct PollResult {
  std::vector<double> scores;
  double scores_total = 0;
  std::int64_t winner = -1;  ///< the first choice with the highest score; -1 when no score is positive
};

/// A voter's ballot from its value of each choice (at most 8 choices), packed in 32 bits: single-choice: the best
/// choice; approval: every choice valued above `approval_bar` (bit c); weighted and quadratic: 4-bit weights
/// round(15 exp(u_c - max u)) (the best gets 15); ranked-choice: the choices by value, best first (4 bits each;
/// ties to the lower index). @throws ConfigError for no choice or more than 8, or a non-finite value.
std::uint64_t encode_poll_ballot(PollType type, std::span<const double> value, double approval_bar);
/// Counts encoded ballots by the poll's Snapshot type (voting.hpp) and picks the winner (ranked-choice: the last
/// round's leader). @throws ConfigError for a ballot that does not decode into a valid one.
PollResult tally_poll(PollType type, std::size_t choices, std::span<const PollVote> votes);

}  // namespace toksim::models
