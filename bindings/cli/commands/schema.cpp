// `toksim schema`: every scenario key with its type, default and meaning, then each model's metrics with their
// type, unit and scale.
#include <fmt/format.h>

#include "commands.hpp"
#include "support.hpp"
#include "toksim/models/scenario/registry.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace toksim::cli {

int schema_command() {
  fmt::print("{:<56} {:<34} {:<16} {}\n", "key", "type", "default", "meaning");
  for (const models::SchemaEntry& e : models::scenario_schema()) {
    fmt::print("{:<56} {:<34} {:<16} {}\n", e.path, e.type, e.default_value.empty() ? "-" : e.default_value, e.doc);
  }
  for (const models::EconomyEntry& e : models::economies()) {
    fmt::print("\nmetrics of model {} (/metrics/<name> in the HDF5 file; value x scale is in the unit):\n", e.name);
    for (const models::MetricInfo& m : e.documented_metrics()) {
      fmt::print("  {:<24} {:<8} {:<12} scale {:<8g} {}\n", m.name, m.integer ? "int64" : "float64", m.unit, m.scale,
                 m.description);
    }
  }
  return kOk;
}

}  // namespace toksim::cli
