// Constructors of the event-queue implementations; users go through make_event_queue().
#pragma once

#include <memory>

#include "toksim/sim/event_queue.hpp"

namespace toksim::sim::detail {

std::unique_ptr<EventQueue> make_binary_heap_queue();
std::unique_ptr<EventQueue> make_window_bucket_queue(Time window);

}  // namespace toksim::sim::detail
