// Pins the Event order: lexicographic over (t, priority, target, source, seq), strict and total on distinct
// ids, and the per-target order used when events are grouped by target. Leaves out the queues (see
// test_event_queue.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "toksim/sim/event.hpp"

using namespace toksim::sim;

namespace {
Event ev(Time t, std::uint16_t prio, AgentId target, AgentId source, std::uint32_t seq) {
  return Event{t, target, source, seq, prio, 0, 0};
}
}  // namespace

TEST_CASE("sim::event: fields are compared in the documented order", "[sim][event]") {
  CHECK(ev(1, 9, 9, 9, 9) < ev(2, 0, 0, 0, 0));  // time first
  CHECK(ev(1, 0, 9, 9, 9) < ev(1, 1, 0, 0, 0));  // then priority
  CHECK(ev(1, 0, 0, 9, 9) < ev(1, 0, 1, 0, 0));  // then target
  CHECK(ev(1, 0, 0, 0, 9) < ev(1, 0, 0, 1, 0));  // then source
  CHECK(ev(1, 0, 0, 0, 0) < ev(1, 0, 0, 0, 1));  // then seq
  CHECK_FALSE(ev(1, 0, 0, 0, 0) < ev(1, 0, 0, 0, 0));
  CHECK(ev(2, 0, 0, 0, 0) > ev(1, 0, 0, 0, 0));
}

TEST_CASE("sim::event: the order is a strict total order on random events", "[sim][event]") {
  std::mt19937_64 gen(7);
  std::vector<Event> v;
  for (std::uint32_t i = 0; i < 300; ++i) {
    v.push_back(ev(static_cast<Time>(gen() % 4), static_cast<std::uint16_t>(gen() % 3), static_cast<AgentId>(gen() % 3),
                   static_cast<AgentId>(gen() % 3), i));
  }
  for (const Event& a : v) {
    CHECK_FALSE(a < a);
    for (const Event& b : v) {
      if (&a == &b) continue;
      CHECK((a < b) != (b < a));  // distinct ids: exactly one holds
      for (const Event& c : {v[0], v[1], v[2]}) {
        if (a < b && b < c) CHECK(a < c);
      }
    }
  }
}

TEST_CASE("sim::event: per-target order is the global order restricted to one target", "[sim][event]") {
  std::mt19937_64 gen(11);
  std::vector<Event> v;
  for (std::uint32_t i = 0; i < 500; ++i) {
    v.push_back(ev(static_cast<Time>(gen() % 5), static_cast<std::uint16_t>(gen() % 2), 42,
                   static_cast<AgentId>(gen() % 4), i));
  }
  std::vector<Event> a = v, b = v;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end(), same_target_less);
  CHECK(a == b);
}

TEST_CASE("sim::event: global targets carry the high bit", "[sim][event]") {
  CHECK(is_global(global_target(3)));
  CHECK_FALSE(is_global(3));
  CHECK((global_target(3) & ~kGlobalBit) == 3);
  CHECK(ev(1, 0, 0, 5, 6).id() == EventId{5, 6});
}
