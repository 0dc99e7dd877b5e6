// The event: a 32-byte POD, and its one total order. Everything the engine schedules, delivers or applies
// in the global phase is an Event; models give meaning to `kind` and `payload`.
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "toksim/sim/time.hpp"

namespace toksim::sim {

/// Dense id of an agent (or, with kGlobalBit set, of a global target such as a contract).
using AgentId = std::uint32_t;

/// Targets with this bit set are handled in the global phase (contracts), not by an agent's shard.
inline constexpr AgentId kGlobalBit = 0x8000'0000u;
inline constexpr bool is_global(AgentId id) noexcept { return (id & kGlobalBit) != 0; }
inline constexpr AgentId global_target(std::uint32_t contract) noexcept { return contract | kGlobalBit; }

/// Identity of an event: the sender and the sender's own counter. Unique within a run.
struct EventId {
  AgentId source;
  std::uint32_t seq;
  friend constexpr bool operator==(EventId, EventId) = default;
};

/// One scheduled happening.
///
/// Order (operator<): by `t`, then `priority` (lower first), then `target`, then `source`, then `seq`.
/// The order is total and strict on events with distinct ids: irreflexive, antisymmetric and transitive,
/// because it is the lexicographic order of a tuple of integers and (source, seq) is unique.
/// It depends on no thread, shard or insertion order: `seq` is counted per source agent by the engine,
/// never by a global counter, and ids are stable across shard counts. Two runs with different thread or
/// shard counts therefore see every agent's events in the same order.
struct Event {
  Time t;                  ///< when it happens (seconds since genesis)
  AgentId target;          ///< who handles it: an agent id, or a global target (kGlobalBit set)
  AgentId source;          ///< who sent it (agent id or global target)
  std::uint32_t seq;       ///< the source's own counter at sending time
  std::uint16_t priority;  ///< tie-break among events at the same second; lower runs first
  std::uint16_t kind;      ///< what it is, as the model defines it
  std::uint64_t payload;   ///< model data (an amount, an index, packed fields)

  constexpr EventId id() const noexcept { return {source, seq}; }

  friend constexpr bool operator<(const Event& a, const Event& b) noexcept {
    return std::tie(a.t, a.priority, a.target, a.source, a.seq) < std::tie(b.t, b.priority, b.target, b.source, b.seq);
  }
  friend constexpr bool operator>(const Event& a, const Event& b) noexcept { return b < a; }
  friend constexpr bool operator==(const Event&, const Event&) = default;
};

static_assert(std::is_trivially_copyable_v<Event>);
static_assert(sizeof(Event) == 32, "Event is meant to stay two to a cache line");

/// Order of events of one target: the global order restricted to equal targets, used when events are
/// grouped by target (t, priority, source, seq).
constexpr bool same_target_less(const Event& a, const Event& b) noexcept {
  return std::tie(a.t, a.priority, a.source, a.seq) < std::tie(b.t, b.priority, b.source, b.seq);
}

}  // namespace toksim::sim
