// h5_diff: whether two run files (any HDF5 files, really) hold the same bytes and, if not, where they first
// differ; what `toksim diff` prints.
#pragma once

#include <filesystem>
#include <span>
#include <string>

namespace toksim::io {

/// identical, and message "identical" or the first difference found, e.g.
/// "root attribute seed: 1 vs 2", "root attribute x only in a.h5", "dataset /metrics/x only in b.h5",
/// "/metrics/x: shape differs: [100] vs [101]", "/metrics/x: type differs: int64 vs float64",
/// "/metrics/x: attribute unit: \"s\" vs \"ms\"", "/metrics/price: first difference at index 17: 0.1034 vs 0.1035",
/// "/agents/holder/balance: first difference at index [2, 17]: 5 vs 6".
struct H5DiffResult {
  bool identical = false;
  std::string message;
};

/// Compares two run files: root attributes (except the names in `ignore_attrs`, e.g. started_utc,
/// wall_seconds, threads, ranks, git_sha, toksim_version) first, then, in path order, the set of datasets,
/// each one's type, shape, attributes and elements. Elements compare as bytes (NaN equals NaN when bit-identical,
/// -0.0 differs from 0.0); strings compare as text. Reports the first difference only. Throws toksim::Error if
/// either file cannot be opened as HDF5.
H5DiffResult h5_diff(const std::filesystem::path& a, const std::filesystem::path& b,
                     std::span<const std::string> ignore_attrs);

}  // namespace toksim::io
