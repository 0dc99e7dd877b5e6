// Pins the inequality measures of inequality.hpp on hand-worked values: the Gini coefficient (0 for equal
// holdings, (n-1)/n when one holder has everything, 0.25 for 1..4) and the Nakamoto coefficient (the fewest
// largest holders with more than half: strictly more, so an exact half is not enough), over the element types
// the models and bindings pass (float, double, int64). Leaves out the models' use of them (sampling times,
// NaN where not measured), which the model tests cover.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "toksim/models/money/inequality.hpp"

using toksim::models::gini_of_sorted;
using toksim::models::nakamoto_of_sorted;

TEST_CASE("Gini of sorted holdings on hand-worked values", "[inequality]") {
  CHECK(gini_of_sorted(std::vector<float>{}) == 0.0);
  CHECK(gini_of_sorted(std::vector<float>{0, 0, 0}) == 0.0);
  CHECK(gini_of_sorted(std::vector<float>{5, 5, 5, 5}) == Approx(0.0).margin(1e-15));
  // One holder of four has everything: 2 * 4 / (4 * 1) - 5 / 4 = 0.75.
  CHECK(gini_of_sorted(std::vector<double>{0, 0, 0, 1}) == Approx(0.75));
  // 1, 2, 3, 4: 2 * 30 / (4 * 10) - 5 / 4 = 0.25.
  CHECK(gini_of_sorted(std::vector<std::int64_t>{1, 2, 3, 4}) == Approx(0.25));
}

TEST_CASE("Nakamoto coefficient: the fewest largest holders with more than half", "[inequality]") {
  CHECK(nakamoto_of_sorted(std::vector<float>{}) == 0.0);
  CHECK(nakamoto_of_sorted(std::vector<float>{0, 0}) == 0.0);
  CHECK(nakamoto_of_sorted(std::vector<double>{0, 0, 10}) == 1.0);
  // Four equal holders: two hold exactly half, which is not more than half; three are needed.
  CHECK(nakamoto_of_sorted(std::vector<std::int64_t>{1, 1, 1, 1}) == 3.0);
  // 1, 2, 3, 4 (total 10): 4 is 40%, 4 + 3 is 70%.
  CHECK(nakamoto_of_sorted(std::vector<std::int64_t>{1, 2, 3, 4}) == 2.0);
  // A whale with 51 of 100 alone.
  CHECK(nakamoto_of_sorted(std::vector<float>{7, 7, 7, 7, 7, 7, 7, 51}) == 1.0);
}
