// The engine's own per-agent state: 8 bytes, so that a handled event touches one small record of it and a
// run of ten million agents keeps 80 MB here.
#pragma once

#include <cstdint>

namespace toksim::sim::detail {

struct AgentState {
  std::uint32_t rng = 0;  ///< Philox blocks this agent's stream has used (at most 2^32 - 1: checked)
  std::uint32_t seq = 0;  ///< events this agent has sent: the seq of its next one (checked likewise)
};
static_assert(sizeof(AgentState) == 8);

}  // namespace toksim::sim::detail
