// The shard slices of every agent kind.
#include "toksim/sim/partition.hpp"

#include <string>

#include "toksim/sim/error.hpp"

namespace toksim::sim {

Partition::Partition(const Population& population, std::uint32_t shards)
    : population_(&population), shards_(shards), kinds_(population.kinds()) {
  if (shards == 0 || shards > 65536) {
    throw ConfigError("shards: expected a number in [1, 65536], got " + std::to_string(shards));
  }
  begins_.resize(std::size_t{kinds_} * (shards_ + 1));
  scale_.resize(kinds_);
  for (std::uint32_t k = 0; k < kinds_; ++k) {
    const std::uint64_t n = population.count(k);
    for (std::uint32_t s = 0; s <= shards_; ++s)
      begins_[k * (shards_ + 1) + s] = static_cast<std::uint32_t>(n * s / shards_);
    scale_[k] = n == 0 ? 0.0 : static_cast<double>(shards_) / static_cast<double>(n);
  }
  local_begin_.resize(std::size_t{shards_} * (kinds_ + 1));
  for (std::uint32_t s = 0; s < shards_; ++s) {
    std::uint32_t acc = 0;
    for (std::uint32_t k = 0; k < kinds_; ++k) {
      local_begin_[s * (kinds_ + 1) + k] = acc;
      acc += row_end(k, s) - row_begin(k, s);
    }
    local_begin_[s * (kinds_ + 1) + kinds_] = acc;
  }
}

}  // namespace toksim::sim
