// The engine's own per-agent state, kept in one 24-byte record so a handled event touches one line of it.
#pragma once

#include <cstdint>

namespace toksim::sim::detail {

struct AgentState {
  std::uint64_t rng = 0;    ///< Philox blocks this agent's stream has used
  std::uint32_t seq = 0;    ///< events this agent has sent: the seq of its next one
  std::uint32_t epoch = 0;  ///< scratch of the local phase: window stamp of `first`
  std::uint32_t first = 0;  ///< scratch of the local phase: batch index of this agent's first event
};

}  // namespace toksim::sim::detail
