// A scenario made runnable: the model, the engine and the metrics recorded so far. Runs in steps (so that a
// caller can write output, show progress and stop cleanly between them); the CLI and the Python bindings
// both drive a run through this class.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "toksim/models/scenario/metric.hpp"
#include "toksim/models/scenario/scenario.hpp"
#include "toksim/sim/engine.hpp"

namespace toksim::models {

class Simulation {
 public:
  /// Builds the model and the engine (threads: 0 means one per core; results do not depend on it).
  Simulation(const Scenario& scenario, std::uint32_t threads);
  ~Simulation();

  const Scenario& scenario() const noexcept;
  const MetricRecord& metrics() const noexcept;
  /// Simulated time reached (the end of the last window run).
  sim::Time now() const noexcept;
  sim::Time horizon() const noexcept;
  bool done() const noexcept;

  /// Runs every window that starts before `until` (clamped to the horizon) and records the samples that
  /// fall due. At the horizon it also measures the final Gini. Returns the number of samples recorded.
  /// @throws ConservationError, ModelError (the run cannot go on).
  std::size_t advance(sim::Time until);

  std::uint64_t events() const noexcept;
  std::uint32_t threads() const noexcept;
  /// Hash of the model's and the engine's state (equal across thread counts).
  std::string digest() const;
  /// Agent kinds with their row counts ("team", "investor", "holder"; "provider", "contributor").
  std::vector<std::pair<std::string, std::uint64_t>> kinds() const;
  /// The agent columns snapshots write (the same for every kind): name, type, unit, scale.
  std::vector<MetricInfo> agent_columns() const;
  /// One column of one kind now: ints for integer columns, reals (already in the unit) otherwise.
  void agent_column(std::string_view kind, std::string_view column, std::vector<std::int64_t>& ints,
                    std::vector<double>& reals) const;
  /// A column of an agent table as stored, without a copy: `rows` values of a type given by its struct-module
  /// `format` character ('q' int64, 'i' int32, 'I' uint32, 'H' uint16, 'B' uint8, 'f' float, 'd' double).
  /// Tables are sized at set-up and never reallocate, so `data` stays valid while the Simulation lives; the
  /// values change as it runs.
  struct AgentArray {
    std::string name;
    const void* data = nullptr;
    std::size_t rows = 0;
    char format = 'q';
    std::size_t itemsize = 8;
  };
  /// Every stored column of one kind's table (the `active` flag included). @throws ConfigError for an unknown kind.
  std::vector<AgentArray> agent_arrays(std::string_view kind) const;
  /// Vesting releases of the scenario's insiders within the horizon: time, group, tokens (base units).
  struct Unlock {
    sim::Time t;
    std::string group;
    std::int64_t tokens;
  };
  std::vector<Unlock> unlocks() const;
  /// Tables of what happened, written as /events/<name>/<column> (e.g. "proposals").
  struct EventColumn {
    std::string name;
    std::variant<std::vector<std::int64_t>, std::vector<double>, std::vector<std::string>> data;
    std::string unit;
  };
  struct EventTable {
    std::string name;
    std::vector<EventColumn> columns;
  };
  std::vector<EventTable> event_tables() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> p_;
};

}  // namespace toksim::models
