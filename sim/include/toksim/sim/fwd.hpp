// Forward declarations and common aliases of the engine, for headers that only name its types.
#pragma once

#include <cstdint>

namespace toksim::sim {
using Time = std::int64_t;
using AgentId = std::uint32_t;
struct Event;
struct EventId;
class EventQueue;
class Rng;
class Population;
class Partition;
class Outbox;
struct Shard;
class AgentContext;
class GlobalContext;
class Model;
class Observer;
struct WindowInfo;
struct EngineConfig;
class Engine;
class Digest;
template <class T>
class Column;
template <class Schema>
class Table;
}  // namespace toksim::sim
