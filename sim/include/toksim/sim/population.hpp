// The agents of a run: named kinds with fixed counts, laid out kind-major in one dense id space.
// Ids are stable: they depend on the kinds and counts, never on shards, threads or ranks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toksim/sim/event.hpp"

namespace toksim::sim {

struct AgentKindSpec {
  std::string name;     ///< unique, non-empty; its hash tags the kind's random streams
  std::uint32_t count;  ///< number of rows (agents) of this kind
};

/// Agent kinds and the id space: kind k owns ids [offset(k), offset(k) + count(k)).
class Population {
 public:
  /// @throws toksim::ConfigError on an empty or duplicate name, or when the total reaches kGlobalBit (2^31).
  explicit Population(std::vector<AgentKindSpec> kinds);

  std::uint32_t kinds() const noexcept { return static_cast<std::uint32_t>(kinds_.size()); }
  const std::string& name(std::uint32_t k) const { return kinds_[k].name; }
  std::uint32_t count(std::uint32_t k) const { return kinds_[k].count; }
  AgentId offset(std::uint32_t k) const { return offsets_[k]; }
  std::uint32_t tag(std::uint32_t k) const { return tags_[k]; }
  /// Total number of agents; valid ids are [0, total()).
  AgentId total() const noexcept { return offsets_.back(); }

  AgentId id(std::uint32_t kind, std::uint32_t row) const { return offsets_[kind] + row; }
  /// The kind of a valid id (linear in the number of kinds, which is small).
  std::uint32_t kind_of(AgentId id) const noexcept {
    std::uint32_t k = 0;
    while (id >= offsets_[k + 1]) ++k;
    return k;
  }
  std::uint32_t row_of(AgentId id) const noexcept { return id - offsets_[kind_of(id)]; }
  /// Index of the kind with this name, or kinds() when there is none.
  std::uint32_t find(const std::string& name) const noexcept;
  /// The random stream of an agent: its kind's tag and its row.
  std::uint64_t stream(AgentId id) const noexcept;

 private:
  std::vector<AgentKindSpec> kinds_;
  std::vector<AgentId> offsets_;  // kinds() + 1 entries
  std::vector<std::uint32_t> tags_;
};

}  // namespace toksim::sim
