// `toksim validate`: every problem of every scenario file, nothing run; a one-line description of each good one.
#include <fmt/format.h>

#include "commands.hpp"
#include "support.hpp"

namespace toksim::cli {

int validate_command(const std::vector<std::filesystem::path>& files, const std::vector<std::string>& sets) {
  int bad = 0;
  for (const auto& f : files) {
    auto s = load_or_report(f, sets);
    if (!s) {
      ++bad;
      continue;
    }
    fmt::print("{}: ok ({}: {}, {} agents, {}, seed {}, {} invariants; memory estimate {:.1f} MiB)\n", f.string(),
               s->name, s->model, models::scenario_agents(*s), sim::format_duration(s->horizon), s->seed,
               s->invariants.size(), static_cast<double>(s->memory_estimate) / (1 << 20));
  }
  return bad == 0 ? kOk : kBadInput;
}

}  // namespace toksim::cli
