// Agent kinds and the kind-major id space.
#include "toksim/sim/population.hpp"

#include <set>

#include "toksim/sim/error.hpp"
#include "toksim/sim/rng.hpp"

namespace toksim::sim {

Population::Population(std::vector<AgentKindSpec> kinds) : kinds_(std::move(kinds)) {
  std::set<std::string> seen;
  std::uint64_t total = 0;
  offsets_.push_back(0);
  for (const AgentKindSpec& k : kinds_) {
    if (k.name.empty()) throw ConfigError("population: an agent kind has an empty name");
    if (!seen.insert(k.name).second) throw ConfigError("population: agent kind \"" + k.name + "\" appears twice");
    total += k.count;
    if (total >= kGlobalBit) {
      throw ConfigError("population: " + std::to_string(total) + " agents exceed the limit of " +
                        std::to_string(kGlobalBit - 1));
    }
    offsets_.push_back(static_cast<AgentId>(total));
    tags_.push_back(stream_tag(k.name.c_str()));
  }
  // Distinct names could share a 32-bit tag; their streams would then coincide.
  std::set<std::uint32_t> tags(tags_.begin(), tags_.end());
  if (tags.size() != tags_.size()) throw ConfigError("population: two agent kind names hash to the same stream tag");
}

std::uint32_t Population::find(const std::string& name) const noexcept {
  for (std::uint32_t k = 0; k < kinds(); ++k) {
    if (kinds_[k].name == name) return k;
  }
  return kinds();
}

std::uint64_t Population::stream(AgentId id) const noexcept {
  const std::uint32_t k = kind_of(id);
  return agent_stream(tags_[k], id - offsets_[k]);
}

}  // namespace toksim::sim
