// Reading toksim HDF5 run files (any HDF5 file, really): attributes, the list of datasets, whole datasets, and a
// run file's metric in its unit (read_metric).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "toksim/io/run_file.hpp"

namespace toksim::io {

/// A dataset as found in a file. `dtype` is authoritative: "int64", "float64", "int32", "uint64", "float32",
/// ..., "string", or "other(<HDF5 class>)". `type` is Int64 for any integer dtype, Float64 for any floating
/// one (and Int64, meaning nothing, for the rest).
struct H5Dataset {
  std::string path;  // absolute, e.g. "/metrics/price"
  H5Type type = H5Type::Int64;
  std::string dtype;
  std::vector<std::uint64_t> shape;  // {} for a scalar dataset
};

/// An attribute. Integers read as int64, floats as double, strings (fixed or variable length) as UTF-8 text.
/// Non-scalar numeric attributes read as a string such as "[1, 2, 3]"; other types as "<unsupported: ...>".
struct H5Attr {
  std::string name;
  std::variant<std::int64_t, double, std::string> value;
};

/// Read-only view of one HDF5 file. Every failure throws toksim::Error naming the file and the object;
/// HDF5's own error printing is silenced inside these calls.
class H5Reader {
 public:
  /// Throws toksim::Error "cannot open X as HDF5: ..." when X is missing or not an HDF5 file.
  explicit H5Reader(const std::filesystem::path& path);
  ~H5Reader();
  H5Reader(H5Reader&&) noexcept;
  H5Reader& operator=(H5Reader&&) noexcept;
  H5Reader(const H5Reader&) = delete;
  H5Reader& operator=(const H5Reader&) = delete;

  const std::filesystem::path& path() const;

  /// Root attributes, sorted by name.
  std::vector<H5Attr> root_attrs() const;
  std::optional<H5Attr> root_attr(std::string_view name) const;
  /// Attributes of the dataset (or group) at `path`, sorted by name. Throws if there is no such object.
  std::vector<H5Attr> attrs(std::string_view path) const;

  /// Every dataset in the file reached through hard links, recursively, sorted by path.
  std::vector<H5Dataset> datasets() const;
  /// The dataset at `path`, or nullopt if there is none (or the path names a group).
  std::optional<H5Dataset> dataset(std::string_view path) const;

  /// Whole dataset, flattened row-major. read_i64 needs an integer dataset, read_f64 a floating one
  /// (converted from float32 if need be), read_strings a string one; otherwise they throw.
  std::vector<std::int64_t> read_i64(std::string_view path) const;
  std::vector<double> read_f64(std::string_view path) const;
  std::vector<std::string> read_strings(std::string_view path) const;

  /// A dataset's attribute: nullopt if the attribute is absent; throws if the dataset is absent or the
  /// attribute has the wrong kind (dataset_attr_double accepts integer attributes too).
  std::optional<std::string> dataset_attr_string(std::string_view path, std::string_view attr) const;
  std::optional<double> dataset_attr_double(std::string_view path, std::string_view attr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What read_metric does with NaN (a float metric's "not measured" at a sample).
enum class NanValues { Keep, Skip };

/// The run file's metric /metrics/<name> in its unit: every stored value (int64 or float64) times the dataset's
/// "scale" attribute (1 when absent), in sample order, NaN kept or left out. Empty when there is no such dataset.
/// Throws toksim::Error as the members do (e.g. a dataset that holds strings, or a "scale" that is not a number).
std::vector<double> read_metric(const H5Reader& r, std::string_view name, NanValues nan);

}  // namespace toksim::io
