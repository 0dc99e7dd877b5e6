// One shard: a contiguous slice of every agent table (by the Partition), its own event queue, its own
// outbox and the scratch space of its local phase. Only the engine touches a Shard.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toksim/sim/event.hpp"
#include "toksim/sim/event_queue.hpp"
#include "toksim/sim/outbox.hpp"

namespace toksim::sim {

/// The first failure of a shard's window, kept by the event it was handling so that the engine can
/// report the least one over all shards: the same failure whatever the shard count.
struct HandlerFailure {
  Event event;
  std::string message;
};

struct Shard {
  Shard(std::uint32_t index_, std::uint32_t shards, std::unique_ptr<EventQueue> queue_)
      : index(index_), queue(std::move(queue_)), outbox(shards) {}

  std::uint32_t index;
  std::unique_ptr<EventQueue> queue;  ///< events for this shard's agents at future windows
  Outbox outbox;
  std::vector<Event> batch;      ///< events of the current window, as drained
  std::vector<Event> scratch;    ///< radix-sort buffer, as large as the batch
  std::vector<Event> in_window;  ///< min-heap: self-scheduled events inside the current window
  std::uint64_t events = 0;      ///< events handled in the current window
  Time next_time = kNever;       ///< queue's next time after delivery
  std::unique_ptr<HandlerFailure> failure;
};

}  // namespace toksim::sim
