// Scenario diagnostics: where a value came from (a file position or a --set override) and the one error
// format every scenario problem is reported in, `FILE:LINE:COL: key.path: expected WHAT, got WHAT`.
#pragma once

#include <string>
#include <vector>

#include "toksim/sim/error.hpp"

namespace toksim::models {

/// Where a scenario value came from. A value from a file has a 1-based line and column; a value given on the
/// command line (or from Python) has `set_path`, the key path of its `--set`.
struct Origin {
  std::string file;
  int line = 0;    ///< 1-based; 0 when unknown (a whole file, an override)
  int column = 0;  ///< 1-based
  std::string set_path;

  /// "file:line:col", "file" or "--set key.path".
  std::string str() const;
};

/// One problem found in a scenario.
struct Diagnostic {
  Origin origin;
  std::string path;     ///< key path, e.g. "token.allocations.team.share"; empty for document-level problems
  std::string message;  ///< "expected a number in [0, 1], got \"twenty\""

  /// `ORIGIN: key.path: message` (or `ORIGIN: message` without a path).
  std::string str() const;
};

/// A scenario that cannot be used: every problem found, in document order. what() lists them, one per line.
class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace toksim::models
