// PHOLD's event handler and state digest.
#include "phold.hpp"

#include <cmath>

#include "toksim/sim/digest.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::bench {

namespace {
/// Delay of a hop: lookahead plus an exponential of the given mean, from 64 random bits.
sim::Time hop_delay(std::uint64_t bits, sim::Time lookahead, sim::Time mean) {
  const double u = static_cast<double>((bits >> 11) + 1) * 0x1.0p-53;  // (0, 1]
  return lookahead + static_cast<sim::Time>(-std::log(u) * static_cast<double>(mean));
}
}  // namespace

Phold::Phold(const PholdConfig& config) : config_(config), lps_(config.lps) {
  if (config.lps == 0) throw ConfigError("phold: lps must be at least 1");
  if (!(config.remote >= 0.0 && config.remote <= 1.0)) throw ConfigError("phold: remote must be in [0, 1]");
  if (config.lookahead <= 0) throw ConfigError("phold: lookahead must be positive");
  if (config.mean_delay < 0) throw ConfigError("phold: mean delay must not be negative");
  remote_threshold_ = config.remote >= 1.0 ? UINT32_MAX : static_cast<std::uint32_t>(config.remote * 4294967296.0);
}

sim::Population Phold::population() const { return sim::Population({{"lp", config_.lps}}); }

void Phold::init_agent(sim::AgentContext& ctx) {
  for (std::uint32_t i = 0; i < config_.population; ++i) {
    const auto b = ctx.rng().block();
    ctx.schedule(ctx.now() + hop_delay(sim::Rng::bits64(b), 0, config_.mean_delay), kHop, i);
  }
}

void Phold::on_agent_event(sim::AgentContext& ctx, const sim::Event& e) {
  LpState& lp = lps_.state[ctx.row()];
  lp.events += 1;
  lp.last = e.t;
  lp.history = (lp.history ^ static_cast<std::uint64_t>(e.t)) * 0x100000001b3ull;
  lp.history = (lp.history ^ ((std::uint64_t{e.source} << 32) | e.seq)) * 0x100000001b3ull;

  const auto b = ctx.rng().block();
  const bool remote = b[0] < remote_threshold_ || remote_threshold_ == UINT32_MAX;
  const sim::AgentId dest = remote ? static_cast<sim::AgentId>((std::uint64_t{b[1]} * config_.lps) >> 32) : ctx.self();
  const std::uint64_t bits = (std::uint64_t{b[3]} << 32) | b[2];
  ctx.send(dest, e.t + hop_delay(bits, config_.lookahead, config_.mean_delay), kHop, e.payload);
}

std::string Phold::digest(const sim::Engine& engine) const {
  sim::Digest d;
  d.add(lps_.state.span());
  engine.digest(d);
  return d.hex();
}

}  // namespace toksim::bench
