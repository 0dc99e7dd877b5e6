// Reductions whose result does not depend on threads or shards: partial results over fixed blocks of
// indices, combined in block order. Use them for every floating-point sum over agents.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace toksim::sim {

/// Rows per block of block_reduce: fixed, so that the summation tree is fixed.
inline constexpr std::size_t kReduceBlock = 4096;

/// Reduces [0, n): partial(begin, end) over each block [b*kReduceBlock, ...), then combine(acc, part) in block
/// order from `identity`. Blocks run in parallel on the calling TBB arena. Same bits for any thread count.
template <class T, class Partial, class Combine>
T block_reduce(std::size_t n, T identity, Partial&& partial, Combine&& combine) {
  const std::size_t blocks = (n + kReduceBlock - 1) / kReduceBlock;
  std::vector<T> parts(blocks, identity);
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, blocks),
                            [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                              for (std::size_t b = r.begin(); b != r.end(); ++b) {
                                parts[b] = partial(b * kReduceBlock, std::min(n, (b + 1) * kReduceBlock));
                              }
                            });
  T acc = identity;
  for (const T& p : parts) acc = combine(acc, p);
  return acc;
}

}  // namespace toksim::sim
