// Lazy cancellation shared by the event-queue implementations: a set of cancelled event ids, consulted only
// when non-empty, so queues without cancellations pay one branch per event.
#pragma once

#include <cstdint>
#include <unordered_set>

#include "toksim/sim/event.hpp"

namespace toksim::sim::detail {

class CancelSet {
 public:
  void add(EventId id) { ids_.insert(key(id)); }
  std::size_t size() const noexcept { return ids_.size(); }
  /// True (and forgets the id) when e was cancelled: the caller then drops e.
  bool take(const Event& e) {
    if (ids_.empty()) return false;
    return ids_.erase(key(e.id())) != 0;
  }

 private:
  static std::uint64_t key(EventId id) noexcept { return (std::uint64_t{id.source} << 32) | id.seq; }
  std::unordered_set<std::uint64_t> ids_;
};

}  // namespace toksim::sim::detail
