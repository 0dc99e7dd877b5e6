// PHOLD, the classic parallel discrete-event benchmark (Fujimoto 1990; ROSS models/phold): N logical
// processes; each event makes its LP send one new event, to a uniformly random LP with probability
// `remote` (else to itself), at now + lookahead + Exp(mean_delay). Used by bench/phold and by the
// engine's determinism tests.
#pragma once

#include <cstdint>
#include <string>

#include "toksim/sim/engine.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/table.hpp"

namespace toksim::bench {

struct PholdConfig {
  std::uint32_t lps = 100'000;
  double remote = 0.5;           ///< probability that an event goes to a uniformly random LP
  sim::Time lookahead = 1000;    ///< minimum delay (s); the engine window equals it
  sim::Time mean_delay = 1000;   ///< mean of the exponential part of the delay (s)
  std::uint32_t population = 1;  ///< events per LP at the start
};

/// An LP's state. One column of these records (not three columns) because PHOLD touches all three fields of
/// one random LP per event: one cache line instead of three.
struct LpState {
  std::uint64_t events = 0;   ///< events this LP handled
  sim::Time last = 0;         ///< time of its last event
  std::uint64_t history = 0;  ///< order-sensitive hash of the (t, source, seq) it saw
};

struct PholdColumns {
  sim::Column<LpState> state{"state"};
  auto columns() { return std::tie(state); }
  auto columns() const { return std::tie(state); }
};

class Phold final : public sim::Model {
 public:
  static constexpr std::uint16_t kHop = 1;

  explicit Phold(const PholdConfig& config);

  sim::Population population() const;
  void init_agent(sim::AgentContext& ctx) override;
  void on_agent_event(sim::AgentContext& ctx, const sim::Event& e) override;
  void prefetch(sim::AgentId id) const noexcept override { __builtin_prefetch(&lps_.state[id], 1); }

  const sim::Table<PholdColumns>& lps() const noexcept { return lps_; }
  /// Hash of the final state: every LP's columns, then the engine's random and sequence counters.
  std::string digest(const sim::Engine& engine) const;

 private:
  PholdConfig config_;
  std::uint32_t remote_threshold_;  // remote iff a 32-bit draw is below it
  sim::Table<PholdColumns> lps_;
};

}  // namespace toksim::bench
