// A shard's outbox: events it sent to agents of other shards (one list per destination shard) and to the
// global phase. Delivered at the window's end; the order inside a list carries no meaning, because
// receivers order by Event order, which depends only on (t, priority, target, source, seq).
#pragma once

#include <cstdint>
#include <vector>

#include "toksim/sim/event.hpp"

namespace toksim::sim {

class Outbox {
 public:
  explicit Outbox(std::uint32_t shards) : to_shard_(shards) {}

  void to_shard(std::uint32_t shard, const Event& e) { to_shard_[shard].push_back(e); }
  void to_global(const Event& e) { to_global_.push_back(e); }

  std::vector<Event>& for_shard(std::uint32_t shard) noexcept { return to_shard_[shard]; }
  std::vector<Event>& for_global() noexcept { return to_global_; }

 private:
  std::vector<std::vector<Event>> to_shard_;
  std::vector<Event> to_global_;
};

}  // namespace toksim::sim
