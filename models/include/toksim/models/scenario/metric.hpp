// The metrics a scenario's run records, one value per sample: their names, types and units, and an in-memory
// recording of them (the time axis plus one column per metric) that invariants, baselines, the HDF5 writer and
// the Python bindings read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "toksim/sim/time.hpp"

namespace toksim::models {

struct MetricInfo {
  std::string name;
  bool integer = true;  ///< int64 (exact: base units, counts) or float64
  std::string unit;     ///< the unit of value * scale
  double scale = 1.0;   ///< multiply a stored value by this to get `unit` (token base units -> tokens: 1e-6)
  std::string description;
};

/// The recorded samples: time plus one column per metric (ints for integer metrics, reals otherwise).
class MetricRecord {
 public:
  explicit MetricRecord(std::vector<MetricInfo> catalog);

  const std::vector<MetricInfo>& catalog() const noexcept { return catalog_; }
  /// Index of a metric by name, or -1.
  int find(std::string_view name) const noexcept;
  std::size_t samples() const noexcept { return time_.size(); }
  std::span<const sim::Time> time() const noexcept { return time_; }
  std::span<const std::int64_t> ints(std::size_t metric) const;
  std::span<const double> reals(std::size_t metric) const;
  /// A metric's values in its unit (value * scale), as doubles: what invariants and baselines compare.
  std::vector<double> values(std::size_t metric) const;

  /// Room for `samples` samples in every column: until more are appended, the spans above keep their addresses.
  void reserve(std::size_t samples);
  /// Appends a sample: `ints` holds the integer metrics in catalog order, `reals` the float ones.
  void append(sim::Time t, std::span<const std::int64_t> ints, std::span<const double> reals);
  /// Row i's integer and float values, in catalog order within each type.
  void row(std::size_t i, std::vector<std::int64_t>& ints, std::vector<double>& reals) const;
  /// Overwrites a float metric of the latest sample (a measurement made after the sample was appended).
  void set_last_real(std::size_t metric, double value);

 private:
  std::vector<MetricInfo> catalog_;
  std::vector<std::size_t> slot_;  ///< metric -> index into ints_ or reals_
  std::vector<sim::Time> time_;
  std::vector<std::vector<std::int64_t>> ints_;
  std::vector<std::vector<double>> reals_;
};

}  // namespace toksim::models
