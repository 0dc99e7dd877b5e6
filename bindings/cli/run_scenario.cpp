// Running one scenario for `toksim run` and `toksim check`: the HDF5 file written as the run goes, a progress bar,
// and a clean stop on SIGINT/SIGTERM between steps (see run_scenario.hpp).
#include "run_scenario.hpp"

#include <chrono>
#include <cstdio>
#include <new>

#include "signals.hpp"
#include "support.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/models/scenario/run_writer.hpp"

namespace toksim::cli {

namespace {

/// The progress bar: simulated time, events/s and ETA, redrawn at most 5 times a second.
class Progress {
 public:
  explicit Progress(bool on) : on_(on), start_(std::chrono::steady_clock::now()), last_(start_) {}
  void update(sim::Time now, sim::Time horizon, std::uint64_t events, bool force = false) {
    if (!on_) return;
    const auto t = std::chrono::steady_clock::now();
    if (!force && t - last_ < std::chrono::milliseconds(200)) return;
    last_ = t;
    const double wall = std::chrono::duration<double>(t - start_).count();
    const double done = horizon > 0 ? static_cast<double>(now) / static_cast<double>(horizon) : 1.0;
    const int width = 30;
    const int fill = static_cast<int>(done * width);
    std::string bar(static_cast<std::size_t>(fill), '=');
    if (fill < width) bar += '>';
    bar.resize(width, ' ');
    const double eta = done > 0 ? wall * (1.0 - done) / done : 0.0;
    std::fprintf(stderr, "\r  %s / %s [%s] %3.0f%%  %.1f M events/s  ETA %.0fs   ", sim::format_duration(now).c_str(),
                 sim::format_duration(horizon).c_str(), bar.c_str(), 100.0 * done,
                 wall > 0 ? static_cast<double>(events) / wall / 1e6 : 0.0, eta);
    std::fflush(stderr);
  }
  void clear() {
    if (on_) std::fprintf(stderr, "\r%*s\r", 100, "");
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace

RunOutcome run_scenario(const models::Scenario& s, const std::filesystem::path& out, std::uint32_t threads,
                        bool progress_on) {
  RunOutcome r;
  const auto t0 = std::chrono::steady_clock::now();
  const auto wall = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  std::unique_ptr<models::RunWriter> file;
  Progress progress(progress_on);
  try {
    r.sim = std::make_unique<models::Simulation>(s, threads);
    if (!out.empty()) {
      file = std::make_unique<models::RunWriter>(out, *r.sim, models::Provenance{version_string(), TOKSIM_GIT_SHA});
      r.file = file->path();
    }
    while (!r.sim->done()) {
      if (const int sig = stop_requested()) {
        r.status = "interrupted: " + signal_name(sig) + " at " + sim::format_duration(r.sim->now()) + " of " +
                   sim::format_duration(s.horizon);
        break;
      }
      r.sim->advance(r.sim->now() + s.sample_every);
      if (file) file->update();
      progress.update(r.sim->now(), s.horizon, r.sim->events());
    }
    progress.clear();
    r.wall_seconds = wall();
    if (r.status.empty()) {
      r.status = "complete";
      if (file) {
        file->finish(r.wall_seconds);
        r.file = file->path();
      }
      return r;
    }
    r.exit = kFailure;
  } catch (const models::ConservationError& e) {
    progress.clear();
    r.conservation_breach = true;
    r.status = std::string("failed: ") + e.what();
    r.exit = kFailure;
  } catch (const Error& e) {
    progress.clear();
    r.status = std::string("failed: ") + e.what();
    r.exit = kFailure;
  } catch (const std::bad_alloc&) {
    progress.clear();
    r.status = "failed: out of memory";
    r.exit = kFailure;
  }
  r.wall_seconds = wall();
  if (file) file->abandon(r.status, r.wall_seconds);
  return r;
}

}  // namespace toksim::cli
