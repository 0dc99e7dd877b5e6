// The HDF5 run file (DESIGN.md §8): root attributes, the sampled /time + /metrics/<name> series, agent
// snapshots under /agents/<kind>, small tables under /events/<name>; written as <name>.partial, renamed when done.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace toksim::io {

/// Element type of a series or snapshot column. Stored as little-endian int64 / IEEE float64.
enum class H5Type { Int64, Float64 };

/// One series (a metric, or a snapshot column). `value * scale` is in `unit` (e.g. base units -> tokens).
struct SeriesSpec {
  std::string name;
  H5Type type = H5Type::Float64;
  std::string unit;
  double scale = 1.0;
  std::string description;
};

/// Writer of one run file. Not thread-safe: one thread at a time. Every HDF5 failure and every misuse
/// (append before declare_metrics, wrong row length, unknown kind/column, bad name) throws toksim::Error
/// naming the file and the object. HDF5's own error printing is silenced inside these calls.
///
/// Layout: root attributes; /time int64 [samples]; /metrics/<name> [samples]; /agents/<kind>/time int64
/// [snapshots] and /agents/<kind>/<column> [snapshots, agents]; /events/<name>/<column> [rows].
/// Names (metric, kind, column, table) must be non-empty, without '/', and not "." or "..".
class H5RunFile {
 public:
  /// Creates `final_path + ".partial"` (truncating an existing .partial) and writes root attribute
  /// status="running". The parent directory must exist.
  explicit H5RunFile(std::filesystem::path final_path);
  /// If neither finish() nor abandon() ran: abandon("failed: not finished", seconds since construction).
  /// Never throws.
  ~H5RunFile();
  H5RunFile(H5RunFile&&) noexcept;
  /// Abandons (as the destructor does) the file this object held, then takes over `other`'s.
  H5RunFile& operator=(H5RunFile&&) noexcept;
  H5RunFile(const H5RunFile&) = delete;
  H5RunFile& operator=(const H5RunFile&) = delete;

  const std::filesystem::path& final_path() const;
  std::filesystem::path partial_path() const;

  /// Root attributes: variable-length UTF-8 string (h5py reads a str), int64, or float64. Setting a name
  /// again replaces the attribute (also across types).
  void set_attr(std::string_view name, std::string_view value);
  void set_attr(std::string_view name, std::int64_t value);
  void set_attr(std::string_view name, double value);
  /// Any other integer (int, std::uint64_t, ...) is stored as int64; an unsigned value above INT64_MAX throws.
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, std::int64_t>) void set_attr(std::string_view name, T value) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (value > static_cast<T>(INT64_MAX)) throw_out_of_range(name);
    }
    set_attr(name, static_cast<std::int64_t>(value));
  }

  /// Declares /time (int64 seconds since genesis) and one dataset /metrics/<name> per spec, in order: 1-D,
  /// unlimited, chunk 1024, shuffle + deflate 4, attributes "unit", "scale", "description". Once, before
  /// append(). Zero specs is allowed (then only /time is written).
  void declare_metrics(std::span<const SeriesSpec> specs);
  /// Buffers one sample row: `ints` holds the Int64 metrics in declaration order, `reals` the Float64 ones in
  /// declaration order. Writes out (flush()) by itself once 4096 rows are buffered.
  void append(std::int64_t t, std::span<const std::int64_t> ints, std::span<const double> reals);
  /// Writes the buffered rows (extend + hyperslab write per dataset) and flushes the file to disk.
  void flush();
  /// Rows appended so far (written or still buffered); still answers after finish()/abandon().
  std::uint64_t samples() const;

  /// Declares /agents/<kind>/time (int64 [snapshots], chunk 1024) and /agents/<kind>/<column>
  /// [snapshots, agents] per column: chunk (1, min(agents, 65536)), shuffle + deflate 4, extendible along
  /// the first axis, attributes as for metrics. Float64 columns have fill value NaN, Int64 ones 0 (what a
  /// column not written in a snapshot reads as). Once per kind.
  void declare_snapshot(std::string_view kind, std::uint64_t agents, std::span<const SeriesSpec> columns);
  /// Starts a snapshot of `kind` at time t: appends t to /agents/<kind>/time and grows every column by one
  /// row (fill values until written). Then write each column's row once with snapshot_i64 / snapshot_f64.
  void snapshot_time(std::string_view kind, std::int64_t t);
  /// Writes the current snapshot's row of an Int64 column; row.size() must equal the declared agent count,
  /// and each column is written at most once per snapshot. Written to the file at once (not buffered).
  void snapshot_i64(std::string_view kind, std::string_view column, std::span<const std::int64_t> row);
  void snapshot_f64(std::string_view kind, std::string_view column, std::span<const double> row);
  /// Snapshots taken of `kind` so far.
  std::uint64_t snapshots(std::string_view kind) const;

  /// One column of a fixed table. Strings are stored as variable-length UTF-8.
  struct Column {
    std::string name;
    std::variant<std::vector<std::int64_t>, std::vector<double>, std::vector<std::string>> data;
    std::string unit;
  };
  /// Writes the table as group /events/<name> holding one 1-D dataset per column (attribute "unit" when not
  /// empty; numeric columns chunked + deflated). Columns must have equal lengths; once per name.
  void write_table(std::string_view name, std::span<const Column> columns);

  /// Sets status="complete" and wall_seconds, flushes, closes, and renames .partial -> final (rename(2),
  /// atomic, replaces an existing final file). If it throws, the destructor later abandons the file.
  void finish(double wall_seconds);
  /// Sets status (e.g. "interrupted: SIGINT at t=1.5y"), wall_seconds, flushes what it can, closes, and leaves
  /// the file at the .partial path. Never throws; errors are swallowed. No-op after finish()/abandon().
  void abandon(std::string_view status, double wall_seconds) noexcept;

  /// True until finish() or abandon() ran (successfully or not).
  bool is_open() const noexcept;

 private:
  [[noreturn]] void throw_out_of_range(std::string_view name) const;
  struct Impl;
  Impl& open_impl(const char* call) const;
  std::unique_ptr<Impl> impl_;
  std::filesystem::path final_path_;
  std::uint64_t closed_samples_ = 0;  // samples() once impl_ is gone
  std::chrono::steady_clock::time_point started_;
};

}  // namespace toksim::io
