// Every agent's holdings at once (see holdings.hpp).
#include "toksim/models/money/holdings.hpp"

#include <oneapi/tbb/parallel_sort.h>

#include <vector>

#include "toksim/models/money/inequality.hpp"
#include "toksim/sim/reduce.hpp"

namespace toksim::models {

HoldingStats measure_holdings(std::initializer_list<std::span<const std::int64_t>> tables, const Ledger& ledger,
                              sim::Time at) {
  std::size_t rows = 0;
  for (const auto b : tables) rows += b.size();
  std::vector<float> all;
  all.reserve(rows);
  std::int64_t recount = 0;
  for (const auto b : tables) {
    recount += sim::block_reduce(
        b.size(), std::int64_t{0},
        [&](std::size_t lo, std::size_t hi) {
          std::int64_t s = 0;
          for (std::size_t i = lo; i < hi; ++i) s += b[i];
          return s;
        },
        [](std::int64_t x, std::int64_t y) { return x + y; });
    for (const std::int64_t x : b) all.push_back(static_cast<float>(x));
  }
  ledger.check_agents(Tokens(recount), at);
  oneapi::tbb::parallel_sort(all.begin(), all.end());
  return {gini_of_sorted(all), nakamoto_of_sorted(all)};
}

}  // namespace toksim::models
