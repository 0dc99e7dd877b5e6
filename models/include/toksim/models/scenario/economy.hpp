// What a Simulation needs of an economy: its model and observer for the engine, its samples as metric rows, its
// agent tables, its unlocks and its /events tables. Each economy plugs in through one adapter
// (scenario/launch_economy.cpp, scenario/compute_economy.cpp), listed in the registry (registry.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/models/scenario/metric.hpp"
#include "toksim/models/scenario/simulation.hpp"
#include "toksim/sim/engine.hpp"

namespace toksim::models {

class Economy {
 public:
  virtual ~Economy() = default;
  virtual sim::Model& model() = 0;
  virtual sim::Population population() const = 0;
  virtual sim::Observer& observer() = 0;
  /// Samples the model has produced so far.
  virtual std::size_t produced() const = 0;
  /// Sample i as a metric row, in the order of the economy's metric catalog (integers first, then floats); false
  /// when it is not a recorded sample (between sampling times).
  virtual bool row(std::size_t i, sim::Time& t, std::vector<std::int64_t>& ints, std::vector<double>& reals) const = 0;
  virtual void measure_gini() = 0;
  virtual std::string digest(const sim::Engine& e) const = 0;
  virtual std::vector<std::pair<std::string, std::uint64_t>> kinds() const = 0;
  virtual std::vector<MetricInfo> agent_columns() const = 0;
  virtual void agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                            std::vector<double>& reals) const = 0;
  virtual std::vector<Simulation::AgentArray> agent_arrays(std::string_view kind) const = 0;
  virtual std::vector<Simulation::Unlock> unlocks(sim::Time horizon) const = 0;
  virtual std::vector<Simulation::EventTable> event_tables() const { return {}; }
};

/// Token base units (and micro-USD) to tokens (USD).
inline constexpr double kBaseUnit = 1e-6;

/// The struct-module format character of a column type (Simulation::AgentArray), 0 for none.
template <class T>
constexpr char format_of() {
  if constexpr (std::is_same_v<T, std::int64_t>) return 'q';
  if constexpr (std::is_same_v<T, std::uint64_t>) return 'Q';
  if constexpr (std::is_same_v<T, std::int32_t>) return 'i';
  if constexpr (std::is_same_v<T, std::uint32_t>) return 'I';
  if constexpr (std::is_same_v<T, std::int16_t>) return 'h';
  if constexpr (std::is_same_v<T, std::uint16_t>) return 'H';
  if constexpr (std::is_same_v<T, std::uint8_t>) return 'B';
  if constexpr (std::is_same_v<T, float>) return 'f';
  if constexpr (std::is_same_v<T, double>) return 'd';
  return 0;
}

/// A table's columns as stored (see Simulation::AgentArray).
template <class Table>
std::vector<Simulation::AgentArray> arrays_of(const Table& t) {
  std::vector<Simulation::AgentArray> out;
  t.for_each_column([&](const auto& col) {
    using T = typename std::remove_cvref_t<decltype(col)>::value_type;
    static_assert(format_of<T>() != 0, "a column type without a NumPy format");
    out.push_back({std::string(col.name()), col.data(), col.size(), format_of<T>(), sizeof(T)});
  });
  return out;
}

/// Appends the releases before `horizon` of `members` equal monthly vesting schedules of `each` tokens after `cliff`.
void monthly_unlocks(std::vector<Simulation::Unlock>& out, const char* group, Tokens each, std::uint32_t members,
                     sim::Time cliff, std::int64_t months, sim::Time horizon);

}  // namespace toksim::models
