// The reference event queue: a binary min-heap over a vector, with lazy cancellation.
#include <algorithm>
#include <functional>
#include <vector>

#include "toksim/sim/detail/cancel_set.hpp"
#include "toksim/sim/detail/queues.hpp"

namespace toksim::sim::detail {
namespace {

class BinaryHeapQueue final : public EventQueue {
 public:
  void push(const Event& e) override {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  const Event& top() override {
    skip_cancelled();
    return heap_.front();
  }
  void pop() override {
    skip_cancelled();
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    heap_.pop_back();
  }
  std::size_t size() const noexcept override { return heap_.size() - cancelled_.size(); }
  void cancel(EventId id) override { cancelled_.add(id); }
  Time next_time() override {
    skip_cancelled();
    return heap_.empty() ? kNever : heap_.front().t;
  }
  void drain_before(Time end, std::vector<Event>& out) override {
    while (!heap_.empty() && heap_.front().t < end) {
      const Event e = heap_.front();
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      heap_.pop_back();
      if (!cancelled_.take(e)) out.push_back(e);
    }
  }
  std::string_view name() const noexcept override { return "heap"; }

 private:
  void skip_cancelled() {
    while (!heap_.empty() && cancelled_.take(heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      heap_.pop_back();
    }
  }
  std::vector<Event> heap_;
  CancelSet cancelled_;
};

}  // namespace

std::unique_ptr<EventQueue> make_binary_heap_queue() { return std::make_unique<BinaryHeapQueue>(); }

}  // namespace toksim::sim::detail
