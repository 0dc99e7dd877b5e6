// What a handler can do, and nothing more. AgentContext is handed to local-phase handlers (one agent, its
// shard, its random stream, sends through the outbox); GlobalContext to global-phase handlers (contracts).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "toksim/sim/detail/agent_state.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/event.hpp"
#include "toksim/sim/partition.hpp"
#include "toksim/sim/rng.hpp"
#include "toksim/sim/shard.hpp"

namespace toksim::sim {

class Engine;

namespace detail {
[[noreturn]] void throw_send_error(const char* what, AgentId from, AgentId to, Time t, Time limit, std::uint16_t kind);
[[noreturn]] void throw_seq_overflow(AgentId source);
[[noreturn]] void throw_rng_overflow(AgentId agent);
inline std::uint32_t next_seq(std::uint32_t& counter, AgentId source) {
  if (counter == UINT32_MAX) throw_seq_overflow(source);
  return counter++;
}
}  // namespace detail

/// The local-phase view of one agent handling one event.
///
/// Contract (what keeps runs identical for any thread or shard count): a handler reads and writes only
/// the rows of self(), reads global state only, draws randomness only from rng(), and reaches anyone
/// else only through send() and submit(), which deliver at or after window_end().
class AgentContext {
 public:
  Time now() const noexcept { return now_; }
  /// End of the current window: the earliest time an event sent to another agent may carry.
  Time window_end() const noexcept { return window_end_; }
  AgentId self() const noexcept { return self_; }
  std::uint32_t kind() const noexcept { return kind_; }
  std::uint32_t row() const noexcept { return row_; }
  /// The shard running this handler: an index for per-shard scratch and tallies (sums that do not depend on
  /// the shard count). Results must never depend on it.
  std::uint32_t shard() const noexcept { return shard_->index; }
  /// This agent's random stream; draws advance its own counter only.
  Rng& rng() noexcept { return rng_; }
  const Partition& partition() const noexcept { return *partition_; }

  /// Sends an event to another agent, delivered at t >= window_end() (to self it is schedule()). Every
  /// send goes through the shard's outbox, also to agents of the same shard.
  /// @throws toksim::ModelError when `to` is not an agent or t < window_end().
  EventId send(AgentId to, Time t, std::uint16_t kind, std::uint64_t payload = 0, std::uint16_t priority = 0) {
    if (to == self_) return schedule(t, kind, payload, priority);
    if (to >= partition_->population().total()) detail::throw_send_error("no such agent", self_, to, t, 0, kind);
    if (t < window_end_) detail::throw_send_error("inside the lookahead window", self_, to, t, window_end_, kind);
    const Event e{t, to, self_, detail::next_seq(state_->seq, self_), priority, kind, payload};
    shard_->outbox.to_shard(partition_->shard_of(to), e);
    return e.id();
  }

  /// Schedules an event for this agent at t >= now(); it may fall inside the current window.
  /// @throws toksim::ModelError when t < now().
  EventId schedule(Time t, std::uint16_t kind, std::uint64_t payload = 0, std::uint16_t priority = 0) {
    if (t < now_) detail::throw_send_error("in the past", self_, self_, t, now_, kind);
    const Event e{t, self_, self_, detail::next_seq(state_->seq, self_), priority, kind, payload};
    if (t < window_end_) {
      shard_->in_window.push_back(e);
      std::push_heap(shard_->in_window.begin(), shard_->in_window.end(), std::greater<>{});
    } else {
      shard_->outbox.to_shard(shard_->index, e);
    }
    return e.id();
  }

  /// Sends an event to a global target (a contract), applied in the global phase of the window holding t.
  /// @throws toksim::ModelError when t < now().
  EventId submit(std::uint32_t contract, Time t, std::uint16_t kind, std::uint64_t payload = 0,
                 std::uint16_t priority = 0) {
    if (t < now_) detail::throw_send_error("in the past", self_, global_target(contract), t, now_, kind);
    const Event e{t, global_target(contract), self_, detail::next_seq(state_->seq, self_), priority, kind, payload};
    shard_->outbox.to_global(e);
    return e.id();
  }

  /// Cancels an event this agent scheduled for itself and that is still pending.
  void cancel(EventId id) {
    auto& w = shard_->in_window;
    const auto it = std::find_if(w.begin(), w.end(), [id](const Event& e) { return e.id() == id; });
    if (it != w.end()) {
      w.erase(it);
      std::make_heap(w.begin(), w.end(), std::greater<>{});
    } else {
      shard_->queue->cancel(id);
    }
  }

 private:
  friend class Engine;
  AgentContext(const Partition& partition, Shard& shard, detail::AgentState* states, std::uint64_t seed)
      : partition_(&partition), shard_(&shard), states_(states), rng_(seed, 0, nullptr) {}
  void bind(AgentId self, Time now, Time window_end) {
    const Population& pop = partition_->population();
    self_ = self;
    kind_ = pop.kind_of(self);
    row_ = self - pop.offset(kind_);
    now_ = now;
    window_end_ = window_end;
    state_ = &states_[self];
    counter_ = state_->rng;
    rng_ = Rng(rng_.seed(), agent_stream(pop.tag(kind_), row_), &counter_);
  }
  /// Stores the stream's counter back into the agent's 32-bit record after the handler.
  void commit() {
    if (counter_ > UINT32_MAX) detail::throw_rng_overflow(self_);
    state_->rng = static_cast<std::uint32_t>(counter_);
  }

  const Partition* partition_;
  Shard* shard_;
  detail::AgentState* states_;
  detail::AgentState* state_ = nullptr;
  std::uint64_t counter_ = 0;  // the stream's counter while a handler runs (see commit())
  Rng rng_;
  AgentId self_ = 0;
  std::uint32_t kind_ = 0;
  std::uint32_t row_ = 0;
  Time now_ = 0;
  Time window_end_ = 0;
};

/// The global-phase view of one contract handling one event (or of the model's set-up, as contract 0).
/// The global phase runs on one thread, in canonical event order; a handler may change any global state.
class GlobalContext {
 public:
  Time now() const noexcept { return now_; }
  Time window_end() const noexcept { return window_end_; }
  /// The contract whose event is being handled.
  std::uint32_t self() const noexcept { return self_; }
  /// The acting contract's random stream.
  Rng& rng() noexcept { return rng_; }
  const Partition& partition() const noexcept { return *partition_; }

  /// Sends an event to an agent at t >= window_end().
  /// @throws toksim::ModelError when `to` is not an agent or t < window_end().
  EventId send(AgentId to, Time t, std::uint16_t kind, std::uint64_t payload = 0, std::uint16_t priority = 0);
  /// Schedules an event for a contract at t >= now() (this window's global phase takes it if t < window_end()).
  EventId schedule(std::uint32_t contract, Time t, std::uint16_t kind, std::uint64_t payload = 0,
                   std::uint16_t priority = 0);

 private:
  friend class Engine;
  explicit GlobalContext(Engine& engine, const Partition& partition, std::uint64_t seed)
      : engine_(&engine), partition_(&partition), rng_(seed, 0, nullptr) {}
  Engine* engine_;
  const Partition* partition_;
  Rng rng_;
  std::uint32_t self_ = 0;
  Time now_ = 0;
  Time window_end_ = 0;
};

}  // namespace toksim::sim
