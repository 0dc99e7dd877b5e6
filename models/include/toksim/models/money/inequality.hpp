// Inequality of holdings: the Gini coefficient and the Nakamoto coefficient of sorted non-negative values
// (REFERENCES.md, "Inequality"),
// summed in long double in index order so that the result is the same on every run.
#pragma once

#include <cstddef>
#include <vector>

namespace toksim::models {

/// G = 2 sum(i x_i) / (n S) - (n + 1) / n over x sorted ascending, i = 1..n; 0 for no values or a zero sum.
/// Values: any random-access range of arithmetic values (std::vector<float> in the models, std::span<const
/// double> or std::span<const std::int64_t> from the Python bindings); each is widened to long double (exact
/// for float, double and int64) before it is summed.
template <class Range>
double gini_of_sorted(const Range& x) {
  const auto n = static_cast<long double>(x.size());
  long double sum = 0, weighted = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto v = static_cast<long double>(x[i]);
    sum += v;
    weighted += static_cast<long double>(i + 1) * v;
  }
  if (x.size() == 0 || sum == 0) return 0.0;
  return static_cast<double>(2 * weighted / (n * sum) - (n + 1) / n);
}

/// Nakamoto coefficient: the fewest holders whose combined holdings exceed half of the total, over x sorted
/// ascending (the largest holders are at the end); 0 for no values or a zero sum. Summed in long double from
/// the largest down, so the count is the same on every run.
template <class Range>
double nakamoto_of_sorted(const Range& x) {
  long double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += static_cast<long double>(x[i]);
  if (sum <= 0) return 0.0;
  long double top = 0;
  std::size_t k = 0;
  for (std::size_t i = x.size(); i-- > 0;) {
    top += static_cast<long double>(x[i]);
    ++k;
    if (2 * top > sum) break;
  }
  return static_cast<double>(k);
}

}  // namespace toksim::models
