// The services every `toksim` subcommand shares (see support.hpp).
#include "support.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace toksim::cli {

void print_error(const std::string& message) { std::fprintf(stderr, "toksim: %s\n", message.c_str()); }

void print_diagnostics(const std::vector<models::Diagnostic>& diagnostics, std::string_view prefix) {
  const std::string lead(prefix);
  for (const models::Diagnostic& d : diagnostics) std::fprintf(stderr, "%s%s\n", lead.c_str(), d.str().c_str());
}

std::string version_string() { return fmt::format("{} ({})", TOKSIM_VERSION, TOKSIM_GIT_SHA); }

const std::vector<std::string>& volatile_attributes() {
  static const std::vector<std::string> names = {"started_utc", "wall_seconds",   "threads",    "ranks",
                                                 "git_sha",     "toksim_version", "output_file"};
  return names;
}

std::unique_ptr<models::Scenario> load_or_report(const std::filesystem::path& file,
                                                 const std::vector<std::string>& sets) {
  try {
    return std::make_unique<models::Scenario>(models::load_scenario(file, sets));
  } catch (const models::ScenarioError& e) {
    print_diagnostics(e.diagnostics());
    return nullptr;
  }
}

}  // namespace toksim::cli
