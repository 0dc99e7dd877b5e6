// The `toksim` command's subcommands, one file each under commands/: their options as main.cpp parses them, and
// their entry points, each returning the process's exit code (support.hpp: Exit).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace toksim::cli {

struct RunOptions {
  std::filesystem::path scenario;  ///< empty: the embedded default
  std::filesystem::path out;       ///< empty: NAME.h5 in the current directory (run), or no file (check)
  std::vector<std::string> sets;
  std::uint32_t threads = 0;
  std::int64_t seed = -1;  ///< -1: the scenario's
  bool quiet = false;
};

struct CheckOptions {
  std::vector<std::filesystem::path> scenarios;
  std::vector<std::string> sets;
  std::filesystem::path baseline;  ///< empty: invariants only
  bool update_baseline = false;
  std::uint32_t threads = 0;
  std::filesystem::path out_dir;  ///< keep each run's HDF5 here (empty: none written)
};

struct SweepOptions {
  std::filesystem::path sweep;
  std::filesystem::path out_dir;  ///< empty: the sweep file's `output`, else the sweep file's stem
  std::uint32_t parallel = 0;     ///< runs at once; 0: the sweep file's, else one per core
  bool dry_run = false;
};

int run_command(const RunOptions& o);
int validate_command(const std::vector<std::filesystem::path>& files, const std::vector<std::string>& sets);
int check_command(const CheckOptions& o);
int diff_command(const std::filesystem::path& a, const std::filesystem::path& b, bool all_attrs);
int sweep_command(const SweepOptions& o);
/// The text summary of runs (or a sweep directory) on stdout and, unless `text_only`, the HTML report written by
/// `python3 -m toksim_analysis.report` (`html` empty: the default file name).
int report_command(const std::vector<std::filesystem::path>& files, const std::filesystem::path& html, bool text_only);
int schema_command();

}  // namespace toksim::cli
