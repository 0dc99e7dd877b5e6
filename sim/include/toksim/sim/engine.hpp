// The window loop: the engine advances in windows [T, T+W) of the lookahead W. Each window runs
//   1. the local phase, in parallel over shards: each shard handles its agents' events with t < T+W;
//   2. delivery, in parallel over shards: outboxes go to the queues of the receiving shards;
//   3. the global phase, on one thread: submitted and scheduled global events with t < T+W, in Event order;
//   4. the boundary phase: observers (invariants, recorder, progress).
// Windows without events or observer wake-ups are skipped. Windows are aligned to multiples of W.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "toksim/sim/digest.hpp"
#include "toksim/sim/event_queue.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/observer.hpp"
#include "toksim/sim/partition.hpp"
#include "toksim/sim/population.hpp"

namespace toksim::sim {

struct EngineConfig {
  std::uint64_t seed = 0;     ///< keys every random stream
  std::uint32_t shards = 1;   ///< fixed by the scenario, never by the machine; results do not depend on it
  std::uint32_t threads = 1;  ///< worker threads; 0 means one per core; results do not depend on it
  Time window = kHour;        ///< the lookahead W: events sent to others arrive at least at the window end
  Time start = 0;             ///< genesis of the run; set-up events are at t >= start
  QueueKind queue = QueueKind::WindowBuckets;
};

/// Runs a Model over a Population.
///
/// @code
///   MyModel model;
///   Engine engine(model, Population({{"holder", 1000}}), {.seed = 42, .shards = 8, .threads = 2});
///   engine.run_until(365 * kDay);
/// @endcode
class Engine {
 public:
  /// @throws toksim::ConfigError on a non-positive window, zero shards or a bad population.
  Engine(Model& model, Population population, EngineConfig config);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Observers run in the order added, after every window. The engine does not own them.
  void add_observer(Observer& observer);

  /// Runs the model's set-up (init_agent for every agent, then init_global). run_until/step call it.
  void start();
  /// Runs the next window that holds an event or an observer wake-up. False when there is none.
  /// @throws toksim::ModelError for the least failing event (Event order) of the window, whatever the shards.
  bool step();
  /// Runs every window that starts before `end`.
  void run_until(Time end);

  /// End of the last window run (the start time before any).
  Time now() const noexcept;
  /// Start of the window step() would run next, or kNever.
  Time next_window() const;
  std::uint64_t events_processed() const noexcept;
  std::uint64_t windows_run() const noexcept;

  const EngineConfig& config() const noexcept;
  const Population& population() const noexcept;
  const Partition& partition() const noexcept;
  /// Worker threads actually used.
  std::uint32_t threads() const noexcept;
  /// How many random blocks an agent's stream has used (part of the run's state).
  std::uint64_t rng_counter(AgentId id) const noexcept;
  /// How many events an agent has sent (the seq of its next one).
  std::uint32_t sent(AgentId id) const noexcept;
  /// Adds the engine's share of the run's state to a digest: every agent's random and sequence counters in
  /// id order, the contracts' counters, and the number of events handled.
  void digest(Digest& d) const;
  /// Events pending in the queues (agents and global), cancelled ones excluded.
  std::size_t pending() const;

  /// Runs f(shard) for every shard on the engine's threads (for a model's own parallel set-up or sweeps).
  void for_each_shard(const std::function<void(std::uint32_t)>& f);

 private:
  friend class GlobalContext;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace toksim::sim
