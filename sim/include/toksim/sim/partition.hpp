// How agents are spread over shards: shard s owns rows [floor(n*s/S), floor(n*(s+1)/S)) of every kind of n
// rows, a contiguous slice of every agent table. The partition affects speed only, never results.
#pragma once

#include <cstdint>
#include <vector>

#include "toksim/sim/population.hpp"

namespace toksim::sim {

class Partition {
 public:
  /// @throws toksim::ConfigError when shards is 0 or above 65,536.
  Partition(const Population& population, std::uint32_t shards);

  const Population& population() const noexcept { return *population_; }
  std::uint32_t shards() const noexcept { return shards_; }

  /// First row of kind k owned by shard s (s may equal shards(): the end of the last slice).
  std::uint32_t row_begin(std::uint32_t k, std::uint32_t s) const noexcept { return begins_[k * (shards_ + 1) + s]; }
  std::uint32_t row_end(std::uint32_t k, std::uint32_t s) const noexcept { return row_begin(k, s + 1); }
  /// Number of agents (all kinds) owned by shard s.
  std::uint32_t shard_size(std::uint32_t s) const noexcept { return local_begin_[s * (kinds_ + 1) + kinds_]; }

  /// The shard owning a valid agent id. O(kinds), no division.
  std::uint32_t shard_of(AgentId id) const noexcept {
    const std::uint32_t k = population_->kind_of(id);
    return shard_of_row(k, id - population_->offset(k));
  }
  std::uint32_t shard_of_row(std::uint32_t k, std::uint32_t row) const noexcept {
    // Estimate by one multiplication, then correct by at most a step either way.
    auto s = static_cast<std::uint32_t>(static_cast<double>(row) * scale_[k]);
    if (s >= shards_) s = shards_ - 1;
    while (row < row_begin(k, s)) --s;
    while (row >= row_end(k, s)) ++s;
    return s;
  }
  /// Position of an agent among the agents of its shard (kind-major, then row): dense in [0, shard_size).
  std::uint32_t local_index(AgentId id, std::uint32_t shard) const noexcept {
    const std::uint32_t k = population_->kind_of(id);
    const std::uint32_t row = id - population_->offset(k);
    return local_begin_[shard * (kinds_ + 1) + k] + (row - row_begin(k, shard));
  }

  /// Calls f(id) for every agent of shard s, kind-major, rows ascending.
  template <class F>
  void for_each_agent(std::uint32_t s, F&& f) const {
    for (std::uint32_t k = 0; k < kinds_; ++k) {
      const AgentId base = population_->offset(k);
      for (std::uint32_t r = row_begin(k, s); r < row_end(k, s); ++r) f(base + r);
    }
  }

 private:
  const Population* population_;
  std::uint32_t shards_;
  std::uint32_t kinds_;
  std::vector<std::uint32_t> begins_;       // kinds x (shards + 1)
  std::vector<std::uint32_t> local_begin_;  // shards x (kinds + 1): prefix of slice sizes within a shard
  std::vector<double> scale_;               // shards / count per kind
};

}  // namespace toksim::sim
