// Unit tests of the pending-event set toksim::sim::EventQueue (sim/include/toksim/sim/event_queue.hpp,
// sim/src/event_queue.cpp, binary_heap_queue.cpp, window_bucket_queue.cpp). Every behavioural test runs
// against EVERY implementation (GENERATE over kAllKinds, so a new implementation is covered by adding it
// there), each under several bucket widths (1, 7 and 3600 s; more for the window-boundary test).
//
// Pins: the empty queue (size 0, next_time() == kNever, drain_before appends nothing); that top()/pop()
// follow Event::operator< exactly, ties on t broken by priority, then target, then source, then seq
// (checked against an independent lexicographic comparator, not only against operator<); drain_before
// (takes exactly t < end, appends to `out` without clearing it, any order); lazy cancellation (cancelled
// events are never returned by top/pop/drain_before, size() excludes them, cancelling the current top
// works, only the event with that (source, seq) id is cancelled); next_time() (top().t, or kNever when
// empty, cancelled events not counting: exact even when the least stored event is cancelled);
// push_bulk == repeated push; the factory (window <= 0 -> ConfigError) and parse_queue_kind/to_string.
// A directed scenario and a randomized differential test (against a std::set<Event> reference, ~20000
// operations per kind, window and cancellation mode) drive every path of WindowBuckets: negative times,
// the far heap (beyond 128 windows) and its refill, pushes behind the sorted front window, pushes into
// windows already passed, drain_before with ends aligned and not aligned to the window, ends far in the
// future (window skipping) and behind the front, and times near +-2^52 and beyond (the division fallback
// of window_of), up to kNever - 1 and down to INT64_MIN.
//
// Leaves out: speed and complexity (bench/ measures them), memory reuse of the chunk pool, the order of
// the events drain_before returns (unspecified: compared as sorted vectors), events at t == kNever (they
// would be indistinguishable from "empty" in next_time()), and misuse the header declares a precondition
// violation (top/pop on an empty queue, cancelling an event that is not pending, two pending events with
// the same id).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <toksim/sim/error.hpp>
#include <toksim/sim/event.hpp>
#include <toksim/sim/event_queue.hpp>

namespace Catch {
template <>
struct StringMaker<toksim::sim::Event> {
  static std::string convert(const toksim::sim::Event& e) {
    std::ostringstream os;
    os << "{t=" << e.t << " prio=" << e.priority << " target=" << e.target << " source=" << e.source << " seq=" << e.seq
       << " kind=" << e.kind << " payload=" << e.payload << '}';
    return os.str();
  }
};
}  // namespace Catch

namespace {

using Catch::Generators::from_range;
using toksim::ConfigError;
using toksim::sim::AgentId;
using toksim::sim::Event;
using toksim::sim::EventQueue;
using toksim::sim::floor_div;
using toksim::sim::kGlobalBit;
using toksim::sim::kNever;
using toksim::sim::make_event_queue;
using toksim::sim::parse_queue_kind;
using toksim::sim::QueueKind;
using toksim::sim::Time;

constexpr std::array<QueueKind, 2> kAllKinds{QueueKind::BinaryHeap, QueueKind::WindowBuckets};
constexpr Time kMinTime = std::numeric_limits<Time>::min();
constexpr Time k2p52 = Time{1} << 52;
constexpr std::int64_t kRing = 128;  // WindowBuckets' ring span in windows (beyond it: the far heap)

/// An event whose kind and payload are derived from its id, so a queue that mixes up fields is caught.
Event make_event(Time t, std::uint16_t priority, AgentId target, AgentId source, std::uint32_t seq) {
  const auto kind = static_cast<std::uint16_t>(seq * 7u + source);
  const std::uint64_t payload = (std::uint64_t{source} << 32 | seq) * 0x9e3779b97f4a7c15ull;
  return Event{t, target, source, seq, priority, kind, payload};
}

/// Lexicographic (t, priority, target, source, seq), written out independently of Event::operator<.
bool spelled_out_less(const Event& a, const Event& b) {
  if (a.t != b.t) return a.t < b.t;
  if (a.priority != b.priority) return a.priority < b.priority;
  if (a.target != b.target) return a.target < b.target;
  if (a.source != b.source) return a.source < b.source;
  return a.seq < b.seq;
}

std::vector<Event> pop_all(EventQueue& q) {
  std::vector<Event> out;
  while (!q.empty()) {
    out.push_back(q.top());
    q.pop();
  }
  return out;
}

std::vector<Event> drain_sorted(EventQueue& q, Time end) {
  std::vector<Event> out;
  q.drain_before(end, out);
  std::sort(out.begin(), out.end());
  return out;
}

Time sat_add(Time a, Time b) {
  Time r = 0;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? kNever - 1 : kMinTime;
  return std::min(r, kNever - 1);  // kNever itself is never an event time here
}

/// A queue under test next to a std::set reference of its live (pending, not cancelled) events. Every
/// operation is applied to both and checked; checks are written as `if (mismatch) { INFO; REQUIRE; }` so
/// the passing path costs no Catch assertion.
class Checker {
 public:
  Checker(QueueKind kind, Time window) : q_(make_event_queue(kind, window)) {}

  EventQueue& queue() { return *q_; }
  const std::set<Event>& live() const { return live_; }

  void push(const Event& e) {
    q_->push(e);
    live_.insert(e);
    check_size();
  }

  void push_bulk(const std::vector<Event>& events) {
    q_->push_bulk(events);
    live_.insert(events.begin(), events.end());
    check_size();
  }

  /// top() must be the least live event.
  const Event& top() {
    REQUIRE_FALSE(live_.empty());
    const Event& got = q_->top();
    if (!(got == *live_.begin())) {
      const Event want = *live_.begin();
      REQUIRE(got == want);
    }
    check_size();
    return got;
  }

  /// pop() without a top() first, so that pop's own search is exercised.
  void pop() {
    REQUIRE_FALSE(live_.empty());
    q_->pop();
    live_.erase(live_.begin());
    check_size();
  }

  void top_then_pop() {
    top();
    q_->pop();
    live_.erase(live_.begin());
    check_size();
  }

  void drain(Time end) {
    static const Event marker = make_event(-7, 0, 0, 0xffff'fffeu, 0xffff'fffeu);
    std::vector<Event> out{marker};
    q_->drain_before(end, out);
    if (out.empty() || !(out.front() == marker)) {
      INFO("drain_before must append to out, not clear or overwrite it");
      REQUIRE(false);
    }
    std::vector<Event> got(std::next(out.begin()), out.end());
    std::sort(got.begin(), got.end());
    const auto cut = live_.lower_bound(Event{end, 0, 0, 0, 0, 0, 0});  // the least event with t >= end
    std::vector<Event> want(live_.begin(), cut);
    if (got != want) {
      INFO("drain_before(" << end << "): got " << got.size() << " events, want " << want.size());
      REQUIRE(got == want);
    }
    live_.erase(live_.begin(), cut);
    check_size();
  }

  void cancel(const Event e) {  // by value: callers pass elements of live_
    REQUIRE(live_.count(e) == 1);
    q_->cancel(e.id());
    live_.erase(e);
    check_size();
  }

  /// next_time(): the least live time, or kNever; cancelled events do not count.
  Time check_next_time() {
    const Time got = q_->next_time();
    const Time want = live_.empty() ? kNever : live_.begin()->t;
    if (got != want) {
      INFO("next_time() must be top().t, or kNever when empty, cancelled events not counting");
      REQUIRE(got == want);
    }
    return got;
  }

  void check_size() {
    if (q_->size() != live_.size() || q_->empty() != live_.empty()) {
      REQUIRE(q_->size() == live_.size());
      REQUIRE(q_->empty() == live_.empty());
    }
  }

  /// Empties the queue with drain_before(kNever) and checks it is then empty with next_time() == kNever.
  void finish() {
    drain(kNever);
    REQUIRE(q_->size() == 0);
    REQUIRE(q_->empty());
    REQUIRE(q_->next_time() == kNever);
  }

 private:
  std::unique_ptr<EventQueue> q_;
  std::set<Event> live_;
};

}  // namespace

TEST_CASE("sim::event_queue: factory and kind names", "[sim][event_queue]") {
  SECTION("parse_queue_kind reads heap and buckets") {
    CHECK(parse_queue_kind("heap") == QueueKind::BinaryHeap);
    CHECK(parse_queue_kind("buckets") == QueueKind::WindowBuckets);
  }
  SECTION("parse_queue_kind rejects anything else with ConfigError") {
    for (const char* bad : {"", "Heap", "HEAP", "heap ", " heap", "bucket", "buckets\n", "binary_heap", "window"}) {
      INFO("text \"" << bad << '"');
      CHECK_THROWS_AS(parse_queue_kind(bad), ConfigError);
    }
    CHECK_THROWS_WITH(parse_queue_kind("calendar"), Catch::Contains("calendar"));
  }
  SECTION("to_string round-trips and matches the queue's name()") {
    for (const QueueKind kind : kAllKinds) {
      CHECK(parse_queue_kind(toksim::sim::to_string(kind)) == kind);
      CHECK(make_event_queue(kind, 60)->name() == toksim::sim::to_string(kind));
    }
    CHECK(toksim::sim::to_string(QueueKind::BinaryHeap) == "heap");
    CHECK(toksim::sim::to_string(QueueKind::WindowBuckets) == "buckets");
  }
  SECTION("a window <= 0 is a ConfigError for every kind, even the heap that ignores it") {
    for (const QueueKind kind : kAllKinds) {
      for (const Time w : {Time{0}, Time{-1}, Time{-3600}, kMinTime}) {
        INFO("kind " << toksim::sim::to_string(kind) << " window " << w);
        CHECK_THROWS_AS(make_event_queue(kind, w), ConfigError);
      }
      for (const Time w : {Time{1}, Time{7}, Time{3600}, kNever}) {
        INFO("kind " << toksim::sim::to_string(kind) << " window " << w);
        const auto q = make_event_queue(kind, w);
        REQUIRE(q != nullptr);
        CHECK(q->empty());
      }
    }
  }
}

TEST_CASE("sim::event_queue: an empty queue", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  INFO("queue " << toksim::sim::to_string(kind));
  const auto q = make_event_queue(kind, 7);

  SECTION("has size 0 and next_time() == kNever") {
    CHECK(q->size() == 0);
    CHECK(q->empty());
    CHECK(q->next_time() == kNever);
  }
  SECTION("drain_before appends nothing and leaves out's contents alone") {
    const Event keep = make_event(3, 0, 1, 2, 3);
    for (const Time end : {kMinTime, Time{-5}, Time{0}, Time{6}, Time{7}, Time{1'000'000}, k2p52 + 1, kNever}) {
      std::vector<Event> out{keep};
      q->drain_before(end, out);
      CHECK(out == std::vector<Event>{keep});
    }
    CHECK(q->empty());
    CHECK(q->next_time() == kNever);
  }
  SECTION("is empty again after a push and a pop, and after a push and a drain") {
    q->push(make_event(12, 0, 0, 0, 0));
    CHECK(q->size() == 1);
    CHECK(q->next_time() == 12);
    q->pop();
    CHECK(q->empty());
    CHECK(q->next_time() == kNever);
    q->push(make_event(-40, 0, 0, 0, 1));
    q->push(make_event(4000, 0, 0, 0, 2));
    std::vector<Event> out;
    q->drain_before(kNever, out);
    CHECK(out.size() == 2);
    CHECK(q->empty());
    CHECK(q->next_time() == kNever);
  }
}

TEST_CASE("sim::event_queue: top and pop follow Event order", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  const auto q = make_event_queue(kind, w);

  SECTION("ties on t are broken by priority then target then source then seq") {
    // Listed in the order they must come out; each differs from its successor in one key, the earlier
    // keys tying, and later keys deliberately point the other way.
    const std::vector<Event> expected{
        make_event(-w, 9, 9, 9, 9),              // least t wins despite the largest everything else
        make_event(5, 0, 9, 9, 9),               // t tie: priority 0 first ...
        make_event(5, 1, 0, 0, 0),               // ... then priority 1, even with the least target
        make_event(5, 1, 3, 9, 9),               // priority tie: target 3 before 4
        make_event(5, 1, 4, 1, 9),               // target tie: source 1 before 2
        make_event(5, 1, 4, 2, 0),               // source tie: seq 0 before 1
        make_event(5, 1, 4, 2, 1),               //
        make_event(5, 1, kGlobalBit | 0, 0, 7),  // global targets order by their integer value too
        make_event(6, 0, 0, 0, 8),               //
        make_event(5 + kRing * w, 0, 0, 0, 9),   // a far event
    };
    for (std::size_t i = 0; i + 1 < expected.size(); ++i) REQUIRE(spelled_out_less(expected[i], expected[i + 1]));
    for (const std::size_t start : {std::size_t{0}, std::size_t{3}, std::size_t{7}}) {
      for (std::size_t i = 0; i < expected.size(); ++i) q->push(expected[(start + i * 3) % expected.size()]);
      REQUIRE(q->size() == expected.size());
      CHECK(pop_all(*q) == expected);
    }
  }

  SECTION("a shuffled grid of ties comes out sorted") {
    std::vector<Event> events;
    std::uint32_t seq = 0;
    const std::array<Time, 8> times{-w - 1, -1, 0, 1, w - 1, w, 2 * w + 1, (kRing + 3) * w};
    for (const Time t : times) {
      for (std::uint16_t prio = 0; prio < 3; ++prio) {
        for (AgentId target = 0; target < 3; ++target) {
          for (AgentId source = 0; source < 3; ++source) {
            for (int dup = 0; dup < 2; ++dup) events.push_back(make_event(t, prio, target, source, seq++));
          }
        }
      }
    }
    std::vector<Event> expected = events;
    std::sort(expected.begin(), expected.end(), spelled_out_less);
    std::mt19937_64 rng(0x5eed'0001);
    std::shuffle(events.begin(), events.end(), rng);
    for (const Event& e : events) q->push(e);
    REQUIRE(q->size() == events.size());
    REQUIRE(q->next_time() == expected.front().t);
    const std::vector<Event> got = pop_all(*q);
    CHECK(got == expected);
    CHECK(std::is_sorted(got.begin(), got.end()));
    CHECK(std::adjacent_find(got.begin(), got.end(), [](const Event& a, const Event& b) { return !(a < b); }) ==
          got.end());
  }

  SECTION("top() is stable until pop() and pop() removes exactly it") {
    q->push(make_event(10, 0, 1, 1, 1));
    q->push(make_event(10, 0, 1, 1, 0));
    const Event first = q->top();
    CHECK(first.seq == 0);
    CHECK(q->top() == first);
    CHECK(q->size() == 2);
    q->pop();
    CHECK(q->size() == 1);
    CHECK(q->top().seq == 1);
  }
}

TEST_CASE("sim::event_queue: drain_before takes exactly the events before end", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);

  std::uint32_t seq = 0;
  for (const Time t : {-3 * w, Time{-1}, Time{0}, w - 1, w, w + 1, 2 * w - 1, 2 * w, 3 * w + w / 2, 10 * w,
                       (kRing - 1) * w, kRing * w, (kRing + 1) * w - 1, 500 * w, k2p52 - 1, k2p52, k2p52 + 1}) {
    c.push(make_event(t, 0, 0, 1, seq++));
    c.push(make_event(t, 1, 0, 2, seq++));
  }
  SECTION("ends aligned to the window") {
    for (const Time end : {Time{0}, w, 2 * w, 2 * w, 11 * w, kRing * w, (kRing + 2) * w, 600 * w}) c.drain(end);
    c.check_next_time();
    c.finish();
  }
  SECTION("ends inside a window") {
    for (const Time end : {Time{-1}, w / 2 + 1, w + 1, 2 * w + 1, 3 * w + w / 2, 3 * w + w / 2 + 1, kRing * w + 1,
                           500 * w + 1, k2p52, k2p52 + 1})
      c.drain(end);
    c.check_next_time();
    c.finish();
  }
  SECTION("ends behind the front after it moved on") {
    c.drain(kRing * w + 1);
    c.drain(w);  // nothing left before it
    c.drain(kMinTime);
    c.push(make_event(w + 1, 0, 0, 3, seq++));  // into a window already passed
    c.drain(2 * w);
    c.check_next_time();
    c.finish();
  }
  SECTION("one end far in the future skips empty windows and the far heap") {
    c.drain(k2p52 - 1);
    REQUIRE(c.live().size() == 6);
    c.check_next_time();
    c.top();
    c.finish();
  }
  SECTION("drain_before(next_time()) takes nothing and drain_before(next_time() + 1) takes the front") {
    for (int i = 0; i < 10; ++i) {
      const Time t = c.check_next_time();
      c.drain(t);
      c.drain(t + 1);
    }
    c.finish();
  }
}

TEST_CASE("sim::event_queue: lazy cancellation", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);
  const Event a = make_event(-2, 0, 0, 1, 0);
  const Event b = make_event(w, 0, 0, 1, 1);
  const Event b2 = make_event(w, 0, 0, 1, 2);  // differs from b only by seq
  const Event b3 = make_event(w, 0, 0, 2, 1);  // differs from b only by source
  const Event d = make_event(3 * w + 1, 0, 0, 1, 3);
  const Event far = make_event((kRing + 5) * w, 0, 0, 1, 4);
  for (const Event& e : {far, d, b3, b2, b, a}) c.push(e);

  SECTION("cancelling the current top") {
    REQUIRE(c.top() == a);
    c.cancel(a);
    REQUIRE(c.queue().size() == 5);
    REQUIRE(c.top() == b);
    c.cancel(b);  // the top of the sorted front window
    REQUIRE(c.top() == b2);
    c.top_then_pop();
    REQUIRE(c.top() == b3);
    c.finish();
  }
  SECTION("only the event with that id is cancelled") {
    c.cancel(b);
    std::vector<Event> rest = pop_all(c.queue());
    CHECK(rest == std::vector<Event>{a, b2, b3, d, far});
  }
  SECTION("cancelled events are never returned by pop") {
    c.cancel(d);
    c.cancel(a);
    CHECK(pop_all(c.queue()) == std::vector<Event>{b, b2, b3, far});
    CHECK(c.queue().next_time() == kNever);
  }
  SECTION("cancelled events are never returned by drain_before") {
    c.cancel(b2);
    c.cancel(far);
    c.drain(w + 1);
    c.drain((kRing + 6) * w);
    REQUIRE(c.queue().empty());
    c.finish();
  }
  SECTION("next_time() skips cancelled events without a top() first") {
    c.cancel(a);
    CHECK(c.check_next_time() == w);
    c.cancel(b);
    c.cancel(b3);
    CHECK(c.check_next_time() == w);  // b2
    c.cancel(b2);
    CHECK(c.check_next_time() == 3 * w + 1);
    c.cancel(far);
    c.drain(4 * w);
    c.check_next_time();
    c.finish();
  }
  SECTION("cancelling every pending event empties the queue") {
    for (const Event& e : {a, b, b2, b3, d, far}) c.cancel(e);
    CHECK(c.queue().size() == 0);
    CHECK(c.queue().empty());
    c.check_next_time();
    c.finish();
  }
  SECTION("events pushed after a cancellation are unaffected by it") {
    c.cancel(d);
    c.push(make_event(3 * w + 1, 0, 0, 1, 5));
    c.push(make_event(-5, 0, 0, 1, 6));
    c.top_then_pop();
    c.drain(3 * w + 2);
    c.finish();
  }
}

// Found failing against an earlier WindowBuckets, whose next_time() ignored the cancel set and reported
// the time of a cancelled event: a queue whose pending events were all cancelled was empty() yet its
// next_time() was not kNever, so `while (q.next_time() < end) { q.top(); q.pop(); }` called top() on an
// empty queue.
TEST_CASE("sim::event_queue: next_time of a queue whose events are all cancelled is kNever", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  INFO("queue " << toksim::sim::to_string(kind));
  const auto q = make_event_queue(kind, 7);
  const Event e = make_event(100, 0, 0, 1, 0);
  const Event f = make_event(-3, 0, 0, 1, 1);
  q->push(e);
  q->cancel(e.id());
  REQUIRE(q->empty());
  CHECK(q->next_time() == kNever);
  q->push(f);  // a live event after the cancelled one's time was reported
  CHECK(q->next_time() == -3);
  q->cancel(f.id());
  CHECK(q->empty());
  CHECK(q->next_time() == kNever);
  std::vector<Event> out;
  q->drain_before(kNever, out);
  CHECK(out.empty());
}

TEST_CASE("sim::event_queue: push_bulk equals repeated push", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  const auto one_by_one = make_event_queue(kind, w);
  const auto bulk = make_event_queue(kind, w);

  std::mt19937_64 rng(0xb01c'0000 + static_cast<std::uint64_t>(w));
  std::uint32_t seq = 0;
  Time now = 0;
  auto random_event = [&] {
    const std::uint64_t r = rng() % 10;
    Time t = now + static_cast<Time>(rng() % static_cast<std::uint64_t>(3 * w));
    if (r == 0) t = now - 1 - static_cast<Time>(rng() % static_cast<std::uint64_t>(2 * w));
    if (r == 1) t = now + static_cast<Time>(rng() % static_cast<std::uint64_t>(300 * w));
    if (r == 2) t = k2p52 + static_cast<Time>(rng() % 1000);
    return make_event(t, static_cast<std::uint16_t>(rng() % 3), static_cast<AgentId>(rng() % 5),
                      static_cast<AgentId>(rng() % 7), seq++);
  };
  for (int round = 0; round < 40; ++round) {
    std::vector<Event> batch(rng() % 60);  // includes empty batches
    for (Event& e : batch) e = random_event();
    for (const Event& e : batch) one_by_one->push(e);
    bulk->push_bulk(batch);
    REQUIRE(bulk->size() == one_by_one->size());
    REQUIRE(bulk->next_time() == one_by_one->next_time());
    if (!bulk->empty()) {  // sort the front window, then keep pushing behind it
      REQUIRE(bulk->top() == one_by_one->top());
      bulk->pop();
      one_by_one->pop();
      now = one_by_one->next_time() == kNever ? now : std::min(one_by_one->next_time(), k2p52 / 2);
    }
    if (round % 7 == 6) {
      const Time end = now + w / 2 + 1;
      REQUIRE(drain_sorted(*bulk, end) == drain_sorted(*one_by_one, end));
    }
  }
  REQUIRE(bulk->size() == one_by_one->size());
  CHECK(pop_all(*bulk) == pop_all(*one_by_one));
}

// WindowBuckets stores a bucket in chunks of 256 events; windows holding several chunks' worth of events
// are sorted, split by an unaligned end and drained whole, with cancellations among them.
TEST_CASE("sim::event_queue: windows holding thousands of events", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);
  std::mt19937_64 rng(0xc4c4'0000ull + static_cast<std::uint64_t>(w));
  std::vector<Event> events;
  std::uint32_t seq = 0;
  for (const auto& [window, count] : {std::pair<Time, int>{0, 300}, {1, 700}, {2, 1300}, {3, 257}, {200, 600}}) {
    for (int i = 0; i < count; ++i) {
      const Time t = window * w + static_cast<Time>(rng() % static_cast<std::uint64_t>(w));
      events.push_back(make_event(t, static_cast<std::uint16_t>(rng() % 2), static_cast<AgentId>(rng() % 4), 9, seq++));
    }
  }
  std::shuffle(events.begin(), events.end(), rng);
  c.push_bulk(std::vector<Event>(events.begin(), events.begin() + 1000));
  for (auto it = events.begin() + 1000; it != events.end(); ++it) c.push(*it);
  for (const Event& e : events) {
    if (e.seq % 5 == 0 && e.t >= 2 * w && e.t < 3 * w) c.cancel(e);
  }
  for (int i = 0; i < 150; ++i) c.top_then_pop();  // within window 0, sorted as one front
  c.push(make_event(0, 0, 0, 10, 0));              // behind the sorted front
  c.drain(w + w / 2 + 1);                          // the rest of window 0 and part of window 1
  c.check_next_time();
  c.drain(2 * w + w / 2);  // window 1 whole, window 2 split across its chunks
  c.check_next_time();
  for (int i = 0; i < 400; ++i) c.pop();
  c.drain(4 * w);
  c.check_next_time();
  c.drain(201 * w - 1);
  c.finish();
}

// The seam between the ring (128 windows from the front) and the far heap: an event that was far when
// pushed must be in the ring once the front moves, so next_time() sees it before later ring events.
TEST_CASE("sim::event_queue: the last ring window and the first far window", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);
  c.push(make_event(kRing * w, 0, 0, 1, 0));  // far: window 128 from front 0
  c.push(make_event(0, 0, 0, 1, 1));
  c.top_then_pop();  // front 0 sorted and used up
  c.push(make_event(w, 0, 0, 1, 2));
  c.top_then_pop();                                   // the front moves to window 1: window 128 is now in ring reach
  c.push(make_event(kRing * w + w - 1, 0, 0, 1, 3));  // window 128, pushed straight into the ring
  CHECK(c.check_next_time() == kRing * w);
  c.push(make_event((kRing + 1) * w, 0, 0, 1, 4));  // window 129: far again
  c.drain(kRing * w + 1);
  c.check_next_time();
  c.finish();
}

// Window boundaries at every magnitude: WindowBuckets computes floor(t / w) by a multiplication by 1/w and
// a correction. Widths whose reciprocal rounds far enough down (49, 98) make the estimate one short for
// about half of all multiples of w below 2^52, so they are included on purpose, next to round numbers.
TEST_CASE("sim::event_queue: events on either side of a window boundary drain correctly", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w =
      GENERATE(Time{1}, Time{3}, Time{7}, Time{49}, Time{60}, Time{98}, Time{3600}, Time{86400}, Time{1'000'003});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);
  std::mt19937_64 rng(0xb0de'0000ull + static_cast<std::uint64_t>(w));
  auto between = [&](Time lo, Time hi) { return lo + static_cast<Time>(rng() % static_cast<std::uint64_t>(hi - lo)); };

  std::vector<Time> ks{-(k2p52 / w) - 2, -(k2p52 / w), -1000, -1, 0, 1, 2, 3, kRing - 1, kRing, kRing + 1, 1000};
  for (int i = 0; i < 24; ++i) ks.push_back(between((Time{1} << 40) / w, k2p52 / w));
  for (Time d = -3; d <= 3; ++d) ks.push_back(k2p52 / w + d);
  for (int i = 0; i < 8; ++i) ks.push_back(between(k2p52 / w + 4, (Time{1} << 62) / w));
  std::sort(ks.begin(), ks.end());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());

  std::uint32_t seq = 0;
  for (const Time k : ks) {
    const Time t = k * w;
    INFO("boundary t = " << t << " = " << k << " * " << w);
    for (const Time u : {t - 1, t, t + w - 1, t + w}) c.push(make_event(u, 0, 0, 1, seq++));
    c.check_next_time();
    c.drain(t);  // aligned: takes t - 1 only
    c.check_next_time();
    c.drain(t + 1);
    c.drain(t + w);
  }
  c.finish();
}

TEST_CASE("sim::event_queue: a directed walk through every WindowBuckets path", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w);
  Checker c(kind, w);
  std::uint32_t seq = 0;
  auto push = [&](Time t, std::uint16_t prio = 1) { c.push(make_event(t, prio, 0, 1, seq++)); };

  // Negative times: windows before the first front (the behind heap).
  push(-1);
  push(-w);
  push(-3 * w - 1);
  push(kMinTime);
  // The ring: windows 0..3, and its last window.
  for (const Time t : {Time{0}, w - 1, w, 2 * w + 1, 3 * w, (kRing - 1) * w + w - 1}) push(t);
  // The far heap: beyond 128 windows, and near and past the 2^52 switch to division.
  for (const Time t : {kRing * w, (kRing + 1) * w + 1, 5000 * w, k2p52 - 2, k2p52 - 1, k2p52, k2p52 + 1, k2p52 + w,
                       Time{1} << 53, (Time{1} << 62) + 3, kNever - 1})
    push(t);
  c.check_next_time();

  c.top_then_pop();  // kMinTime, from behind
  c.top();           // sorts window 0 into the front
  push(0, 0);        // into the sorted front window: behind it, and ahead of its events by priority
  push(w - 1, 0);
  push(-2);  // into a window already passed
  c.check_next_time();
  for (int i = 0; i < 5; ++i) c.top_then_pop();
  c.check_next_time();
  c.pop();
  c.pop();
  c.drain(2 * w);              // aligned: takes window 1 whole
  push(w + 1);                 // into a passed window
  push(2 * w);                 // into the front window
  c.drain(2 * w + w / 2 + 1);  // not aligned: splits window 2
  c.drain(3 * w);              //
  c.check_next_time();
  c.drain((kRing + 1) * w + 2);  // walks the ring to its end, refilling from the far heap
  push(kRing * w - 1);           // behind again
  push((kRing + 2) * w);         // ring after refill
  push((2 * kRing + 40) * w);    // far again relative to the new front
  c.check_next_time();
  c.top_then_pop();
  c.drain(k2p52 - 1);  // skips ~2^52 / w windows at once
  c.check_next_time();
  push(k2p52 - 3);  // below the division switch, behind
  push(k2p52 + 2);  // above it
  push(k2p52 + 2 * w + 1);
  c.top_then_pop();
  c.top_then_pop();
  c.top();  // front window at ~2^52 / w
  push(k2p52 + 1, 0);
  c.drain(k2p52 + w + 1);
  c.check_next_time();
  c.top_then_pop();
  c.drain(kNever - 1);  // leaves only kNever - 1
  REQUIRE(c.live().size() == 1);
  c.check_next_time();
  c.top();
  push(kNever - 2);
  c.top_then_pop();
  c.finish();
}

namespace {

/// One randomized run against the reference: `ops` operations from `base` on, in a fresh queue.
void differential_round(QueueKind kind, Time w, bool with_cancel, std::uint64_t seed, Time base, int ops) {
  Checker c(kind, w);
  std::mt19937_64 rng(seed);
  auto below = [&](std::uint64_t n) { return static_cast<Time>(rng() % n); };
  const auto uw = static_cast<std::uint64_t>(w);
  Time now = base;
  std::array<std::uint32_t, 64> seqs{};

  auto random_time = [&]() -> Time {
    const Time r = below(1000);
    if (r < 300) return sat_add(now, below(2 * uw));                              // front and next windows
    if (r < 480) return sat_add(now, below(2 * kRing * uw));                      // the ring and the far edge
    if (r < 580) return sat_add(now, -1 - below(4 * uw));                         // windows already passed
    if (r < 620) return -below(1'000'000);                                        // negative times
    if (r < 720) return sat_add(now, kRing * w * (1 + below(2000)) + below(uw));  // the far heap
    if (r < 770) return k2p52 - 4 * w + below(8 * uw);                            // around 2^52
    if (r < 790) return -k2p52 - below(8 * uw);                                   // around -2^52
    if (r < 820) return (Time{1} << 53) + below(Time{1} << 40);                   // far above 2^52
    if (r < 830) return (Time{1} << 62) + below(uw);
    if (r < 835) return kNever - 1 - below(10 * uw);
    if (r < 840) return kMinTime + below(10 * uw);
    return sat_add(floor_div(now, w) * w, below(3));  // ties at a window start
  };
  auto random_event = [&] {
    const auto source = static_cast<AgentId>(below(64));
    const AgentId target = static_cast<AgentId>(below(8)) | (below(10) == 0 ? kGlobalBit : 0u);
    return make_event(random_time(), static_cast<std::uint16_t>(below(3)), target, source, seqs[source]++);
  };
  auto random_end = [&]() -> Time {
    const Time r = below(100);
    if (r < 30) return sat_add(floor_div(now, w) * w, below(4) * w);            // aligned
    if (r < 60) return sat_add(now, below(3 * uw));                             // anywhere in the next windows
    if (r < 72) return sat_add(now, kRing * w * (1 + below(300)) + below(uw));  // far ahead: window skipping
    if (r < 80) return sat_add(now, -below(5 * uw));                            // behind the front
    if (r < 85) return k2p52 - 2 * w + below(4 * uw);
    if (r < 88) return kNever;
    if (r < 90) return -below(2'000'000);
    const Time t = c.queue().next_time();
    return t == kNever ? now : sat_add(t, below(2));
  };

  for (int op = 0; op < ops; ++op) {
    const Time r = below(100);
    if (r < 36) {
      c.push(random_event());
    } else if (r < 40) {
      std::vector<Event> batch(static_cast<std::size_t>(below(16)));
      for (Event& e : batch) e = random_event();
      c.push_bulk(batch);
    } else if (r < 52) {
      if (c.live().empty()) continue;
      now = std::max(now, c.live().begin()->t);
      c.pop();
    } else if (r < 60) {
      if (c.live().empty()) continue;
      now = std::max(now, c.live().begin()->t);
      c.top_then_pop();
    } else if (r < 70) {
      if (!c.live().empty()) c.top();
    } else if (r < 75) {
      const Time end = random_end();
      c.drain(end);
      if (end < (Time{1} << 62)) now = std::max(now, end);
    } else if (r < 88) {
      c.check_next_time();
    } else if (with_cancel && !c.live().empty()) {
      if (below(3) == 0) {
        c.cancel(*c.live().begin());  // the top, often the head of the sorted front window
      } else {
        auto it = c.live().lower_bound(Event{random_time(), 0, 0, 0, 0, 0, 0});
        if (it == c.live().end()) it = std::prev(it);
        c.cancel(*it);
      }
    }
  }
  c.check_next_time();
  c.finish();
}

}  // namespace

TEST_CASE("sim::event_queue: randomized differential test against a sorted reference", "[sim][event_queue]") {
  const QueueKind kind = GENERATE(from_range(kAllKinds));
  const Time w = GENERATE(Time{1}, Time{7}, Time{3600});
  const bool with_cancel = GENERATE(false, true);
  INFO("queue " << toksim::sim::to_string(kind) << " window " << w << (with_cancel ? " with" : " without")
                << " cancellations");
  // Four rounds of 5000 operations per combination, starting at 0, below 0, just below 2^52 and at 2^62.
  const std::array<Time, 4> bases{0, -1000 * w - 3, k2p52 - 100 * w, Time{1} << 62};
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const std::uint64_t seed = 0xd1ff'0000ull + 97 * static_cast<std::uint64_t>(w) + 7 * i + (with_cancel ? 1 : 0);
    INFO("round " << i << " base " << bases[i] << " seed " << seed);
    differential_round(kind, w, with_cancel, seed, bases[i], 5000);
  }
}
