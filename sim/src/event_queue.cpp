// The event-queue factory and the names of its implementations.
#include "toksim/sim/event_queue.hpp"

#include <string>

#include "toksim/sim/detail/queues.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::sim {

QueueKind parse_queue_kind(std::string_view text) {
  if (text == "heap") return QueueKind::BinaryHeap;
  if (text == "buckets") return QueueKind::WindowBuckets;
  throw ConfigError("queue: expected \"heap\" or \"buckets\", got \"" + std::string(text) + "\"");
}

std::string_view to_string(QueueKind kind) noexcept { return kind == QueueKind::BinaryHeap ? "heap" : "buckets"; }

std::unique_ptr<EventQueue> make_event_queue(QueueKind kind, Time window) {
  if (window <= 0) throw ConfigError("queue: window must be positive, got " + std::to_string(window) + " s");
  if (kind == QueueKind::BinaryHeap) return detail::make_binary_heap_queue();
  return detail::make_window_bucket_queue(window);
}

}  // namespace toksim::sim
