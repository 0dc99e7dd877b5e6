// Snapshot polls as pure functions: the counting types' names, ballots encoded from a voter's values, and the tally
// by voting.hpp (strict: the ballots are encoded here, so an invalid one is a bug, not a voter's mistake).
#include "toksim/models/governance/poll.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "toksim/models/governance/voting.hpp"

namespace toksim::models {

std::string_view name(PollType t) noexcept {
  switch (t) {
    case PollType::SingleChoice:
      return "single_choice";
    case PollType::Approval:
      return "approval";
    case PollType::Weighted:
      return "weighted";
    case PollType::Quadratic:
      return "quadratic";
    case PollType::RankedChoice:
      return "ranked_choice";
  }
  return "?";
}

std::uint64_t encode_poll_ballot(PollType type, std::span<const double> value, double approval_bar) {
  const std::size_t n = value.size();
  if (n == 0 || n > 8) throw ConfigError(fmt::format("poll ballot: expected 1 to 8 choices, found {}", n));
  for (std::size_t c = 0; c < n; ++c) {
    if (!std::isfinite(value[c])) throw ConfigError(fmt::format("poll ballot: value of choice {} is not finite", c));
  }
  std::size_t best = 0;
  for (std::size_t c = 1; c < n; ++c) {
    if (value[c] > value[best]) best = c;
  }
  std::uint64_t code = 0;
  switch (type) {
    case PollType::SingleChoice:
      return best;
    case PollType::Approval:
      for (std::size_t c = 0; c < n; ++c) code |= value[c] > approval_bar ? std::uint64_t{1} << c : 0;
      return code;
    case PollType::Weighted:
    case PollType::Quadratic:
      for (std::size_t c = 0; c < n; ++c) {
        const auto w = static_cast<std::uint64_t>(std::lround(15.0 * std::exp(value[c] - value[best])));
        code |= std::min<std::uint64_t>(w, 15) << (4 * c);
      }
      return code;
    case PollType::RankedChoice: {
      std::array<std::size_t, 8> order{};
      for (std::size_t c = 0; c < n; ++c) order[c] = c;
      std::stable_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n),
                       [&](std::size_t a, std::size_t b) { return value[a] > value[b]; });
      for (std::size_t k = 0; k < n; ++k) code |= static_cast<std::uint64_t>(order[k]) << (4 * k);
      return code;
    }
  }
  return code;
}

PollResult tally_poll(PollType type, std::size_t choices, std::span<const PollVote> votes) {
  if (choices == 0 || choices > 8) throw ConfigError(fmt::format("poll: expected 1 to 8 choices, found {}", choices));
  const auto nibble = [](std::uint64_t code, std::size_t k) {
    return static_cast<std::size_t>((code >> (4 * k)) & 15);
  };
  PollResult r;
  switch (type) {
    case PollType::SingleChoice: {
      std::vector<SingleChoiceBallot> b;
      for (const PollVote& v : votes) b.push_back({v.power, static_cast<std::size_t>(v.ballot)});
      const VoteResult x = single_choice(choices, b, /*strict=*/true);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::Approval: {
      std::vector<ApprovalBallot> b;
      for (const PollVote& v : votes) {
        if (v.ballot >> choices != 0) {
          throw ConfigError(fmt::format("poll: approval ballot {:#x} names a choice beyond {}", v.ballot, choices));
        }
        ApprovalBallot a{v.power, {}};
        for (std::size_t c = 0; c < choices; ++c) {
          if ((v.ballot >> c & 1) != 0) a.choices.push_back(c);
        }
        b.push_back(std::move(a));
      }
      const VoteResult x = approval(choices, b, /*strict=*/true);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::Weighted:
    case PollType::Quadratic: {
      std::vector<WeightedBallot> b;
      for (const PollVote& v : votes) {
        WeightedBallot w{v.power, std::vector<double>(choices)};
        for (std::size_t c = 0; c < choices; ++c) w.weights[c] = static_cast<double>(nibble(v.ballot, c));
        b.push_back(std::move(w));
      }
      const VoteResult x =
          type == PollType::Weighted ? weighted(choices, b, /*strict=*/true) : quadratic(choices, b, /*strict=*/true);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
    case PollType::RankedChoice: {
      std::vector<RankedBallot> b;
      for (const PollVote& v : votes) {
        RankedBallot rb{v.power, std::vector<std::size_t>(choices)};
        for (std::size_t k = 0; k < choices; ++k) rb.ranking[k] = nibble(v.ballot, k);
        b.push_back(std::move(rb));
      }
      const RankedChoiceResult x = ranked_choice(choices, b, /*strict=*/true);
      r.scores = x.scores;
      r.scores_total = x.scores_total;
      break;
    }
  }
  double top = 0;
  for (std::size_t c = 0; c < choices; ++c) {
    if (r.scores[c] > top) {
      top = r.scores[c];
      r.winner = static_cast<std::int64_t>(c);
    }
  }
  return r;
}

}  // namespace toksim::models
