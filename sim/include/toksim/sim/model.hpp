// What a model gives the engine: handlers for agent events (local phase, parallel over shards) and for
// global events (global phase, one thread, canonical order), plus optional set-up.
#pragma once

#include "toksim/sim/context.hpp"
#include "toksim/sim/event.hpp"

namespace toksim::sim {

class Model {
 public:
  virtual ~Model() = default;

  /// Called once per agent before the first window, in parallel over shards. It may schedule and send
  /// events at any t >= the engine's start time.
  virtual void init_agent(AgentContext& ctx) { (void)ctx; }
  /// Called once, after every init_agent, on one thread, as contract 0.
  virtual void init_global(GlobalContext& ctx) { (void)ctx; }

  /// Handles one event of one agent (local phase). See AgentContext for the contract.
  virtual void on_agent_event(AgentContext& ctx, const Event& e) = 0;

  /// A hint, called a few events ahead of on_agent_event for the same agent: fetch that agent's rows into
  /// cache (e.g. __builtin_prefetch). Events touch agents at random, so this hides memory latency. Must not
  /// change any state; the default does nothing.
  virtual void prefetch(AgentId id) const noexcept { (void)id; }

  /// Handles one event for a global target (global phase).
  /// The default throws toksim::ModelError: a model that submits to contracts must handle them.
  virtual void on_global_event(GlobalContext& ctx, const Event& e);
};

}  // namespace toksim::sim
