// Default handlers of Model and the engine's contract-breach messages.
#include "toksim/sim/model.hpp"

#include <string>

#include "toksim/sim/error.hpp"

namespace toksim::sim {

void Model::on_global_event(GlobalContext& ctx, const Event& e) {
  throw ModelError("global event kind " + std::to_string(e.kind) + " for contract " + std::to_string(ctx.self()) +
                   " at t=" + std::to_string(e.t) + ": this model does not handle global events");
}

namespace detail {

namespace {
std::string who(AgentId id) {
  return is_global(id) ? "contract " + std::to_string(id & ~kGlobalBit) : "agent " + std::to_string(id);
}
}  // namespace

void throw_send_error(const char* what, AgentId from, AgentId to, Time t, Time limit, std::uint16_t kind) {
  std::string msg = "event kind " + std::to_string(kind) + " from " + who(from) + " to " + who(to) +
                    " at t=" + std::to_string(t) + ": " + what;
  if (std::string_view(what) == "inside the lookahead window") {
    msg += " (it must be at or after the window end t=" + std::to_string(limit) + ")";
  } else if (std::string_view(what) == "in the past") {
    msg += " (now is t=" + std::to_string(limit) + ")";
  }
  throw ModelError(msg);
}

void throw_rng_overflow(AgentId agent) {
  throw ModelError(who(agent) + " has drawn 2^32 random blocks; its stream counter would wrap");
}

void throw_seq_overflow(AgentId source) {
  throw ModelError(who(source) + " has sent 2^32 events; its sequence counter would wrap");
}

}  // namespace detail
}  // namespace toksim::sim
