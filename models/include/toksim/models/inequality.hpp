// Inequality of holdings: the Gini coefficient of sorted non-negative values (REFERENCES.md, "Inequality"),
// summed in long double in index order so that the result is the same on every run.
#pragma once

#include <cstddef>
#include <vector>

namespace toksim::models {

/// G = 2 sum(i x_i) / (n S) - (n + 1) / n over x sorted ascending, i = 1..n; 0 for no values or a zero sum.
inline double gini_of_sorted(const std::vector<float>& x) {
  const auto n = static_cast<long double>(x.size());
  long double sum = 0, weighted = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sum += x[i];
    weighted += static_cast<long double>(i + 1) * x[i];
  }
  if (x.empty() || sum == 0) return 0.0;
  return static_cast<double>(2 * weighted / (n * sum) - (n + 1) / n);
}

}  // namespace toksim::models
