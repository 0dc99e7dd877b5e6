// A revenue split: ppm shares to named recipients and to classes divided pro rata to integer weights; every
// part is floored and all remainders go to one sink, so the parts sum to the whole. Floors as OpenZeppelin
// PaymentSplitter (OpenZeppelin/openzeppelin-contracts v4.x: contracts/finance/PaymentSplitter.sol).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

/// The floored ppm parts of `amount`: out[i] = floor(amount x shares[i] / 10^6), 128-bit intermediate; returns the
/// remainder, amount - (sum of the parts), which the caller sends to its sink. Allocation-free: the core of
/// RevenueSplit's top level, and what an economy splits each fee with.
/// @throws MoneyError for a negative amount; ConfigError when out.size() != shares.size().
template <class Tag>
Amount<Tag> split_ppm(Amount<Tag> amount, std::span<const Ppm> shares, std::span<Amount<Tag>> out) {
  if (amount.raw() < 0) throw MoneyError("split_ppm: expected an amount >= 0, found " + std::to_string(amount.raw()));
  if (out.size() != shares.size()) {
    throw ConfigError("split_ppm: expected an output of " + std::to_string(shares.size()) + " parts, found " +
                      std::to_string(out.size()));
  }
  std::int64_t remainder = amount.raw();
  for (std::size_t i = 0; i < shares.size(); ++i) {
    out[i] = apply(amount, shares[i]);
    remainder -= out[i].raw();
  }
  return Amount<Tag>(remainder);
}

/// A named recipient with a top-level share.
struct SplitRecipient {
  std::string id;
  Ppm share;
};

/// A member of a class: its weight within the class (>= 0; 0 receives nothing).
struct SplitMember {
  std::string id;
  std::int64_t weight = 0;
};

/// A class of recipients sharing one top-level share pro rata to their weights (one level of nesting:
/// members are recipients, not classes).
struct SplitClass {
  std::string id;
  Ppm share;
  std::vector<SplitMember> members;
};

/// One recipient's part of a split.
template <class Tag>
struct SplitPart {
  std::string id;
  Amount<Tag> amount;
  friend bool operator==(const SplitPart&, const SplitPart&) = default;
};

/// A validated split, reusable for any amount of any unit (Tokens, MicroUsd).
///
/// For an amount A:
///  - named recipient i gets floor(A * share_i / 1e6);
///  - class c gets C_c = floor(A * share_c / 1e6), and member j of it floor(C_c * w_j / W_c), W_c = sum of its
///    weights; a class with no members or only zero weights (W_c = 0) pays nothing to members: its whole
///    C_c goes to the sink;
///  - the sink gets the remainder r = A - (sum of all the floored parts above), on top of its own part if it is
///    also a named recipient or a class member. The parts sum to A exactly.
///
/// Output order (ids()): named recipients in the given order, then each class's members (classes in the given
/// order, members in the given order), then the sink last unless it already appeared among those.
///
/// Bounds, with x the ideal real-valued share (A * s / 1e6 for a named recipient, A * s_c * w / (1e6 * W_c)
/// for a member), for every part except the sink's:
///  - named recipient: x - 1 < part <= x;
///  - class member: x - 1 - w / W_c < part <= x, so within 2 units (strictly), and within 1 when
///    A * s_c is a multiple of 1e6.
/// The sink's remainder is 0 <= r <= (n_top - 1) + sum over classes with W_c > 0 of (m_c - 1)
///  + sum over classes with W_c = 0 of C_c, where n_top counts named recipients plus classes and m_c the
/// members of class c with a positive weight: the top-level floors lose less than one unit each, and their
/// total is an integer; a class's member floors lose less than one unit each, also an integer in total.
class RevenueSplit {
 public:
  /// @throws ConfigError when the top-level shares (recipients and classes) do not sum to exactly 1,000,000
  ///         ppm (the message names the sum), a weight is negative, an id or the sink is empty, or a
  ///         recipient id repeats (among named recipients and class members, across classes).
  RevenueSplit(const std::vector<SplitRecipient>& recipients, const std::vector<SplitClass>& classes, std::string sink);

  /// Recipient ids in output order (see the class comment). The sink is at sink_index().
  const std::vector<std::string>& ids() const noexcept { return ids_; }
  std::size_t sink_index() const noexcept { return sink_; }
  std::size_t size() const noexcept { return ids_.size(); }

  /// Writes the parts of `amount` into `out` (size() entries, in ids() order), without allocating.
  /// @throws MoneyError for a negative amount; ConfigError when out.size() != size().
  template <class Tag>
  void split_into(Amount<Tag> amount, std::span<Amount<Tag>> out) const;

  /// The parts of `amount` as (id, amount) pairs in ids() order. @throws MoneyError for a negative amount.
  template <class Tag>
  std::vector<SplitPart<Tag>> split(Amount<Tag> amount) const;

 private:
  struct ClassPlan {
    std::int64_t ppm;
    std::size_t first;  // first member slot
    std::size_t count;  // member slots
    i128 total_weight;
  };
  void check_call(std::int64_t amount, std::size_t out_size) const;

  std::vector<std::string> ids_;
  std::vector<Ppm> named_ppm_;         // slots 0 .. named_ppm_.size() - 1
  std::vector<std::int64_t> weights_;  // by slot (0 for named slots)
  std::vector<ClassPlan> classes_;
  std::size_t sink_ = 0;
  bool sink_only_ = false;  // the sink has its own slot, last, and no share of its own
};

template <class Tag>
void RevenueSplit::split_into(Amount<Tag> amount, std::span<Amount<Tag>> out) const {
  check_call(amount.raw(), out.size());
  const i128 a = amount.raw();
  i128 remainder = split_ppm(amount, std::span<const Ppm>(named_ppm_), out.first(named_ppm_.size())).raw();
  for (const ClassPlan& c : classes_) {
    const i128 class_amount = a * c.ppm / Ppm::kWhole;
    for (std::size_t k = c.first; k < c.first + c.count; ++k) {
      // class_amount * weight < 2^126; a zero total weight leaves every member at 0.
      const i128 part = c.total_weight == 0 ? 0 : class_amount * weights_[k] / c.total_weight;
      out[k] = Amount<Tag>(static_cast<std::int64_t>(part));
      remainder -= part;
    }
  }
  if (sink_only_) out[sink_] = Amount<Tag>(0);
  out[sink_] = Amount<Tag>(static_cast<std::int64_t>(out[sink_].raw() + remainder));  // <= a: fits
}

template <class Tag>
std::vector<SplitPart<Tag>> RevenueSplit::split(Amount<Tag> amount) const {
  std::vector<Amount<Tag>> parts(ids_.size());
  split_into(amount, std::span<Amount<Tag>>(parts));
  std::vector<SplitPart<Tag>> result;
  result.reserve(ids_.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) result.push_back(SplitPart<Tag>{ids_[i], parts[i]});
  return result;
}

}  // namespace toksim::models
