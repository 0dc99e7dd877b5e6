// Inequality of holdings: the Gini coefficient (population form, or the n/(n-1) sample-corrected form) and the
// Nakamoto coefficient of sorted non-negative values (REFERENCES.md, "Inequality"), summed in long double in
// index order so that the result is the same on every run. The Gini forms replay the tests of
// COMSOC-Community/pabutools (pabutools/utils.py gini_coefficient: population) and astropy/photutils
// (photutils/morphology/non_parametric.py gini, Lotz et al. 2004 eq. 6: sample); tests/reference/{pabutools,
// photutils}.
#pragma once

#include <cstddef>
#include <vector>

namespace toksim::models {

/// Which Gini coefficient gini_of_sorted computes.
enum class GiniForm {
  /// G = 2 sum(i x_i) / (n S) - (n + 1) / n: the population form (the default; toksim's models report it),
  /// (n - 1) / n when one holder has everything. pabutools' gini_coefficient is this form.
  Population,
  /// G * n / (n - 1) = sum((2i - n - 1) x_i) / ((n - 1) S): the sample-corrected form, 1 when one holder has
  /// everything; 0 for fewer than two values. photutils' gini (Lotz et al. 2004, eq. 6) is this form.
  Sample,
};

/// The Gini coefficient over x sorted ascending, i = 1..n, in `form`; 0 for no values or a zero sum.
/// Values: any random-access range of arithmetic values (std::vector<float> in the models, std::span<const
/// double> or std::span<const std::int64_t> from the Python bindings); each is widened to long double (exact
/// for float, double and int64) before it is summed.
template <class Range>
double gini_of_sorted(const Range& x, GiniForm form = GiniForm::Population) {
  const auto n = static_cast<long double>(x.size());
  long double sum = 0, weighted = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto v = static_cast<long double>(x[i]);
    sum += v;
    weighted += static_cast<long double>(i + 1) * v;
  }
  if (x.size() == 0 || sum == 0) return 0.0;
  if (form == GiniForm::Sample) {
    if (x.size() < 2) return 0.0;
    // sum((2i - n - 1) x_i) = 2 sum(i x_i) - (n + 1) S: exactly 0 for equal values, n - 1 for a lone holder.
    return static_cast<double>((2 * weighted - (n + 1) * sum) / ((n - 1) * sum));
  }
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
