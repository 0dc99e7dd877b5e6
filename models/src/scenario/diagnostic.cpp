// Scenario diagnostics (see diagnostic.hpp).
#include "toksim/models/scenario/diagnostic.hpp"

namespace toksim::models {

std::string Origin::str() const {
  if (!set_path.empty()) return "--set " + set_path;
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::str() const {
  std::string s = origin.str();
  if (!s.empty()) s += ": ";
  // A --set origin already names the key path.
  if (!path.empty() && origin.set_path != path) s += path + ": ";
  return s + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const Diagnostic& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.str();
  }
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace toksim::models
