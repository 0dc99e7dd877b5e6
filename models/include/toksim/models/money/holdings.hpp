// Every agent's holdings at once: a recount of the balances checked against the ledger (the full conservation
// check), and the Gini and Nakamoto coefficients (inequality.hpp) of a sorted float copy of them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>

#include "toksim/models/money/ledger.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

struct HoldingStats {
  double gini = 0;
  double nakamoto = 0;
};

/// Recounts the balances of every agent table (in the order given) and checks the sum against the ledger's agent
/// total at `at`, then measures the inequality of all the balances together. The measures are metrics, not money:
/// they sort a float copy (4 bytes an agent), exact to about 1e-7 relative per balance; integer sums do not depend
/// on order, so the result is the same for any thread count.
/// @throws ConservationError when the recount disagrees with the ledger.
HoldingStats measure_holdings(std::initializer_list<std::span<const std::int64_t>> tables, const Ledger& ledger,
                              sim::Time at);

}  // namespace toksim::models
