// Running one scenario to its horizon, as `toksim run` and `toksim check` do: the HDF5 file written as the run
// goes, progress on stderr, and a clean stop between steps when a signal asks for one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "support.hpp"
#include "toksim/models/scenario/simulation.hpp"

namespace toksim::cli {

/// Outcome of running one scenario.
struct RunOutcome {
  int exit = kOk;
  std::string status;  ///< "complete", "interrupted: ...", "failed: ..."
  bool conservation_breach = false;
  std::unique_ptr<models::Simulation> sim;
  double wall_seconds = 0;
  std::filesystem::path file;  ///< where the output is (final or .partial), empty when none
};

/// Runs a scenario to its horizon, writing `out` (if not empty) as it goes; progress on stderr when `progress`.
/// Never throws for run failures: they are in the outcome (and in the file's status).
RunOutcome run_scenario(const models::Scenario& s, const std::filesystem::path& out, std::uint32_t threads,
                        bool progress);

}  // namespace toksim::cli
