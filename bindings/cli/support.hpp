// What the `toksim` subcommands share below them: the exit codes, printing errors and scenario diagnostics on
// stderr, the version string, the run-file attributes that name the machine or the clock, and loading a scenario.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/scenario/diagnostic.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace toksim::cli {

/// Exit codes (README "Exit codes").
enum Exit : int {
  kOk = 0,        ///< done; check: every rule holds; diff: identical
  kBreach = 1,    ///< check: an invariant, the conservation check or the baseline broke; diff: files differ
  kBadInput = 2,  ///< bad scenario, sweep or command line; nothing was run
  kFailure = 3,   ///< the run failed or was interrupted (its file is kept as NAME.h5.partial, status says why)
};

/// Prints "toksim: message" on stderr.
void print_error(const std::string& message);

/// Prints each diagnostic on its own line on stderr, after `prefix` (e.g. "sweep.yaml: run 3: ").
void print_diagnostics(const std::vector<models::Diagnostic>& diagnostics, std::string_view prefix = {});

/// "VERSION (GIT_SHA)", as `toksim --version` prints it and run files record it.
std::string version_string();

/// Root attributes that depend on the machine or the clock, not on the run's content.
const std::vector<std::string>& volatile_attributes();

/// Loads a scenario (empty path: the embedded default) with overrides; prints the errors and returns null on
/// bad input.
std::unique_ptr<models::Scenario> load_or_report(const std::filesystem::path& file,
                                                 const std::vector<std::string>& sets);

}  // namespace toksim::cli
