// The engine's event queue: a calendar queue whose buckets are the engine's windows (see event_queue.hpp).
//
// Memory: buckets are lists of fixed 8 KiB chunks drawn from a LIFO pool, so the working set is the live
// events (a chunk freed by one window is the next one filled, still in cache), not the ring's span.
//
// Invariants:
//  - ring bucket (k mod kBuckets) holds only events of window k, for k in [cur_, cur_ + kBuckets);
//  - while front_active_, the events of window cur_ sit sorted in front_ from pos_, its ring bucket is
//    empty, and pushes into window cur_ go to behind_;
//  - far_ (a min-heap) holds only events of windows >= cur_ + kBuckets;
//  - behind_ (a min-heap) holds events pushed behind the front (windows < cur_, or cur_ while front_active_);
//  - a ring bucket's `min` is the least t in it; in_ring_ counts ring events plus unconsumed front_ events;
//    stored_ counts every pending event, cancelled ones included.
#include <algorithm>
#include <array>
#include <functional>
#include <vector>

#include "toksim/sim/detail/cancel_set.hpp"
#include "toksim/sim/detail/queues.hpp"

namespace toksim::sim::detail {
namespace {

class WindowBucketQueue final : public EventQueue {
 public:
  explicit WindowBucketQueue(Time window) : w_(window), inv_w_(1.0 / static_cast<double>(window)) {}

  void push(const Event& e) override { add(e); }
  void push_bulk(std::span<const Event> events) override {
    for (const Event& e : events) add(e);
  }

  void add(const Event& e) {
    ++stored_;
    const std::int64_t k = window_of(e.t);
    if (k < cur_ || (k == cur_ && front_active_)) {
      heap_push(behind_, e);
    } else if (k - cur_ >= kBuckets) {
      heap_push(far_, e);
    } else {
      to_ring(k, e);
    }
  }

  const Event& top() override { return *locate().event; }

  void pop() override {
    const Found f = locate();
    if (f.in_front) {
      ++pos_;
      --in_ring_;
    } else {
      heap_pop(behind_);
    }
    --stored_;
  }

  std::size_t size() const noexcept override { return stored_ - cancelled_.size(); }
  void cancel(EventId id) override { cancelled_.add(id); }

  Time next_time() override {
    if (cancelled_.size() != 0) return empty() ? kNever : locate().event->t;  // skip cancelled ones: exact
    Time best = behind_.empty() ? kNever : behind_.front().t;
    if (in_ring_ > 0) {
      if (front_active_ && pos_ < front_.size()) return std::min(best, front_[pos_].t);
      for (std::int64_t k = cur_;; ++k) {
        const Bucket& b = ring_[bucket(k)];
        if (b.size > 0) return std::min(best, b.min);
      }
    }
    if (!far_.empty()) best = std::min(best, far_.front().t);
    return best;
  }

  void drain_before(Time end, std::vector<Event>& out) override {
    while (!behind_.empty() && behind_.front().t < end) {
      take(behind_.front(), out);
      heap_pop(behind_);
    }
    const std::int64_t kend = floor_div(end, w_);  // windows before kend lie wholly before end
    while (cur_ < kend) {
      if (front_active_) {
        for (std::size_t i = pos_; i < front_.size(); ++i) take(front_[i], out);
        in_ring_ -= front_.size() - pos_;
        close_front();
      }
      move_bucket(ring_[bucket(cur_)], out);
      if (in_ring_ > 0) {
        ++cur_;
      } else if (!far_.empty()) {
        cur_ = std::min(window_of(far_.front().t), kend);
      } else {
        cur_ = kend;
      }
      refill();
    }
    if (cur_ == kend && end > kend * w_) {  // end falls inside the front window: take its early part
      if (front_active_) {
        while (pos_ < front_.size() && front_[pos_].t < end) {
          take(front_[pos_++], out);
          --in_ring_;
        }
      }
      split_bucket(ring_[bucket(cur_)], end, out);
    }
  }

  std::string_view name() const noexcept override { return "buckets"; }

 private:
  static constexpr std::int64_t kBuckets = 128;
  static constexpr std::size_t kChunk = 256;  // events per chunk: 8 KiB
  struct Chunk {
    std::array<Event, kChunk> ev;
  };
  struct Bucket {
    std::vector<Chunk*> chunks;
    std::size_t size = 0;
    Time min = kNever;
    Event& at(std::size_t i) noexcept { return chunks[i / kChunk]->ev[i % kChunk]; }
  };
  struct Found {
    const Event* event;
    bool in_front;
  };

  static std::size_t bucket(std::int64_t k) noexcept { return static_cast<std::size_t>(k) & (kBuckets - 1); }
  static void heap_push(std::vector<Event>& h, const Event& e) {
    h.push_back(e);
    std::push_heap(h.begin(), h.end(), std::greater<>{});
  }
  static void heap_pop(std::vector<Event>& h) {
    std::pop_heap(h.begin(), h.end(), std::greater<>{});
    h.pop_back();
  }

  /// Window index of t: floor(t / w) by a multiplication and an exact correction (no 64-bit division).
  std::int64_t window_of(Time t) const noexcept {
    if (t > (Time{1} << 52) || t < -(Time{1} << 52)) return floor_div(t, w_);
    auto q = static_cast<std::int64_t>(static_cast<double>(t) * inv_w_);
    while (q * w_ > t) --q;
    while (t - q * w_ >= w_) ++q;
    return q;
  }

  Chunk* acquire() {
    if (free_.empty()) {
      owned_.push_back(std::make_unique<Chunk>());
      return owned_.back().get();
    }
    Chunk* c = free_.back();
    free_.pop_back();
    return c;
  }

  void to_ring(std::int64_t k, const Event& e) {
    Bucket& b = ring_[bucket(k)];
    if (b.size % kChunk == 0) b.chunks.push_back(acquire());
    b.chunks.back()->ev[b.size % kChunk] = e;
    ++b.size;
    b.min = std::min(b.min, e.t);
    ++in_ring_;
  }

  void release(Bucket& b, std::size_t keep_chunks) {
    while (b.chunks.size() > keep_chunks) {
      free_.push_back(b.chunks.back());
      b.chunks.pop_back();
    }
  }

  /// Moves e to out unless it was cancelled; either way it leaves the queue.
  void take(const Event& e, std::vector<Event>& out) {
    --stored_;
    if (!cancelled_.take(e)) out.push_back(e);
  }

  /// Moves a whole ring bucket to out, emptying it.
  void move_bucket(Bucket& b, std::vector<Event>& out) {
    std::size_t left = b.size;
    for (Chunk* c : b.chunks) {
      const std::size_t n = std::min(left, kChunk);
      if (cancelled_.size() == 0) {
        out.insert(out.end(), c->ev.begin(), c->ev.begin() + static_cast<std::ptrdiff_t>(n));
        stored_ -= n;
      } else {
        for (std::size_t i = 0; i < n; ++i) take(c->ev[i], out);
      }
      left -= n;
    }
    in_ring_ -= b.size;
    b.size = 0;
    b.min = kNever;
    release(b, 0);
  }

  /// Moves the events of a ring bucket with t < end to out and keeps the rest.
  void split_bucket(Bucket& b, Time end, std::vector<Event>& out) {
    std::size_t keep = 0;
    Time m = kNever;
    for (std::size_t i = 0; i < b.size; ++i) {
      const Event e = b.at(i);
      if (e.t < end) {
        take(e, out);
        --in_ring_;
      } else {
        m = std::min(m, e.t);
        b.at(keep++) = e;
      }
    }
    b.size = keep;
    b.min = m;
    release(b, (keep + kChunk - 1) / kChunk);
  }

  void close_front() {
    front_.clear();
    pos_ = 0;
    front_active_ = false;
  }

  /// Moves far events whose window entered the ring's span into the ring.
  void refill() {
    while (!far_.empty() && window_of(far_.front().t) - cur_ < kBuckets) {
      const Event e = far_.front();
      heap_pop(far_);
      to_ring(window_of(e.t), e);
    }
  }

  /// The least event of ring and far (moving the front window into front_, sorted), or nullptr if none.
  const Event* ring_front() {
    for (;;) {
      if (front_active_) {
        if (pos_ < front_.size()) return &front_[pos_];
        close_front();
        continue;
      }
      Bucket& b = ring_[bucket(cur_)];
      if (b.size > 0) {
        const std::size_t n = b.size;
        std::size_t left = n;
        for (Chunk* c : b.chunks) {
          const std::size_t m = std::min(left, kChunk);
          front_.insert(front_.end(), c->ev.begin(), c->ev.begin() + static_cast<std::ptrdiff_t>(m));
          left -= m;
        }
        b.size = 0;
        b.min = kNever;
        release(b, 0);
        std::sort(front_.begin(), front_.end());
        front_active_ = true;
        continue;
      }
      if (in_ring_ > 0) {
        ++cur_;
      } else if (!far_.empty()) {
        cur_ = window_of(far_.front().t);
      } else {
        return nullptr;
      }
      refill();
    }
  }

  /// The least live event and where it is, dropping cancelled ones on the way. Precondition: !empty().
  Found locate() {
    for (;;) {
      const Event* r = ring_front();
      const bool use_behind = !behind_.empty() && (r == nullptr || behind_.front() < *r);
      const Event* e = use_behind ? &behind_.front() : r;
      if (!cancelled_.take(*e)) return {e, !use_behind};
      if (use_behind) {
        heap_pop(behind_);
      } else {
        ++pos_;
        --in_ring_;
      }
      --stored_;
    }
  }

  Time w_;
  double inv_w_;
  std::int64_t cur_ = 0;
  std::array<Bucket, kBuckets> ring_;
  std::vector<Event> front_;
  std::size_t pos_ = 0;
  bool front_active_ = false;
  std::size_t in_ring_ = 0;
  std::size_t stored_ = 0;
  std::vector<Event> far_;
  std::vector<Event> behind_;
  std::vector<Chunk*> free_;
  std::vector<std::unique_ptr<Chunk>> owned_;
  CancelSet cancelled_;
};

}  // namespace

std::unique_ptr<EventQueue> make_window_bucket_queue(Time window) {
  return std::make_unique<WindowBucketQueue>(window);
}

}  // namespace toksim::sim::detail
