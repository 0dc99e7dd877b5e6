// Writes a Simulation to its HDF5 run file as it goes: provenance attributes, the metric series with their units,
// insiders' unlocks, agent snapshots when the scenario asks, the event tables, and the final status. The file is
// NAME.h5.partial until finish() renames it. The `toksim run` command and Python's Simulation(output=...) share it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "toksim/models/scenario/simulation.hpp"

namespace toksim::io {
class H5RunFile;
}

namespace toksim::models {

/// Who wrote a file: stored as the root attributes toksim_version and git_sha.
struct Provenance {
  std::string version;
  std::string git_sha;
};

class RunWriter {
 public:
  /// Creates `out`.partial and writes everything known before the run: attributes, the metric catalogue,
  /// unlocks, the snapshot layout. `sim` must outlive the writer. @throws toksim::Error when the file cannot be made.
  RunWriter(const std::filesystem::path& out, const Simulation& sim, const Provenance& provenance);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  /// Where the file is now: NAME.h5.partial until finish(), NAME.h5 after.
  const std::filesystem::path& path() const noexcept { return path_; }

  /// Appends the samples recorded since the last call and takes a snapshot when one is due. Rows reach the
  /// disk at least every `flush_every` (and at every snapshot), not at every sample: flushing recompresses each
  /// series' open chunk (70% of a small run's time when done per sample, measured with perf).
  void update();
  /// Writes what is known only at the end (events, digest, event tables, the scenario's invariants evaluated on
  /// the whole run as /events/invariants) and renames the file to its final name.
  void finish(double wall_seconds);
  /// Keeps the file as NAME.h5.partial with `status` ("interrupted: ...", "failed: ...") and the event tables
  /// recorded so far.
  void abandon(const std::string& status, double wall_seconds);

  static constexpr std::chrono::milliseconds kFlushEvery{500};

 private:
  void snapshot();

  const Simulation& sim_;
  std::unique_ptr<io::H5RunFile> file_;
  std::filesystem::path final_, path_;
  std::size_t written_ = 0;
  sim::Time last_snapshot_ = -1;
  std::chrono::steady_clock::time_point last_flush_;
  bool closed_ = false;
};

}  // namespace toksim::models
