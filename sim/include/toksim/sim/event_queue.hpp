// The pending-event set behind a small interface, with lazy cancellation, and a factory for its
// implementations. One test suite (tests/unit/sim/test_event_queue.cpp) runs against every implementation.
//
//   implementation   push        pop / top             drain_before(end)        good for
//   ---------------  ----------  --------------------  -----------------------  ---------------------------
//   BinaryHeap       O(log n)    O(log n)              O(k log n), k drained    reference; any time spread
//   WindowBuckets    O(1)        O(1) amortised after  O(k) for whole buckets   the engine: events arrive in
//                    (ring)      sorting the front     (no sorting at all)      bulk per window, drained per
//                                bucket once                                    window, order fixed after
//
// WindowBuckets is a calendar queue whose buckets are exactly the engine's windows [kW, (k+1)W): a ring of
// unsorted buckets covers the near future, a binary heap holds the far future, and a small heap takes events
// pushed behind the front (earlier than the front bucket, or into it after it was sorted).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "toksim/sim/event.hpp"

namespace toksim::sim {

/// A priority queue of events in Event order, with lazy cancellation.
class EventQueue {
 public:
  virtual ~EventQueue() = default;

  /// Adds an event. Events with equal ids must not be pending together.
  virtual void push(const Event& e) = 0;
  /// Adds many events (one virtual call; what the engine uses to deliver outboxes).
  virtual void push_bulk(std::span<const Event> events) {
    for (const Event& e : events) push(e);
  }
  /// The least pending event (cancelled ones are skipped). Precondition: !empty().
  virtual const Event& top() = 0;
  /// Removes top(). Precondition: !empty().
  virtual void pop() = 0;
  /// Number of pending, not cancelled events.
  virtual std::size_t size() const noexcept = 0;
  bool empty() const noexcept { return size() == 0; }

  /// Cancels a pending event: it is skipped, never returned, and no longer counted by size().
  /// Precondition: the event is pending in this queue (cancelling anything else makes size() wrong).
  virtual void cancel(EventId id) = 0;

  /// top().t, or kNever when empty (cancelled events do not count).
  virtual Time next_time() = 0;

  /// Appends every pending event with t < end to `out`, in unspecified order, and removes them.
  virtual void drain_before(Time end, std::vector<Event>& out) = 0;

  /// The implementation's name, for benchmarks and messages.
  virtual std::string_view name() const noexcept = 0;
};

enum class QueueKind { BinaryHeap, WindowBuckets };

/// Parses "heap" or "buckets". @throws toksim::ConfigError for anything else.
QueueKind parse_queue_kind(std::string_view text);
std::string_view to_string(QueueKind kind) noexcept;

/// Makes an empty queue. `window` is the bucket width of WindowBuckets (> 0); the heap ignores it.
/// @throws toksim::ConfigError when window <= 0.
std::unique_ptr<EventQueue> make_event_queue(QueueKind kind, Time window);

}  // namespace toksim::sim
