// `toksim report OUT.h5... | SWEEP_DIR`: a text summary of runs read back from their files (status and
// provenance, then per metric the first, minimum, maximum and last values, and the numbers a token designer asks
// first: peak-to-trough price, supply inflation per year, largest unlock days), or of a sweep's index; then the
// HTML report with plots, written by the pure-Python package toksim_analysis (analysis/), run as
// `python3 -m toksim_analysis.report` in a child process (spawn_and_wait: arguments as an argv array, no shell).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include <unistd.h>

#include "commands.hpp"
#include "process.hpp"
#include "support.hpp"
#include "toksim/io/run_reader.hpp"

extern char** environ;

#ifndef TOKSIM_PYTHON_EXECUTABLE
#define TOKSIM_PYTHON_EXECUTABLE "/usr/bin/python3"
#endif
#ifndef TOKSIM_ANALYSIS_SOURCE_DIR
#define TOKSIM_ANALYSIS_SOURCE_DIR ""
#endif
#ifndef TOKSIM_ANALYSIS_INSTALL_DIR
#define TOKSIM_ANALYSIS_INSTALL_DIR ""
#endif

namespace toksim::cli {

namespace {

std::string attr_text(const io::H5Reader& r, std::string_view name) {
  const auto a = r.root_attr(name);
  if (!a) return "-";
  return std::visit(
      [](const auto& v) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
          return v;
        } else {
          return fmt::format("{}", v);
        }
      },
      a->value);
}

std::string num(double x) {
  if (std::isnan(x)) return "nan";
  if (x != 0 && (std::fabs(x) >= 1e9 || std::fabs(x) < 1e-3)) return fmt::format("{:.4e}", x);
  return fmt::format("{:.6g}", x);
}

void report_one(const std::filesystem::path& path) {
  const io::H5Reader r(path);
  fmt::print("{}\n", path.string());
  fmt::print("  scenario  {} ({}), seed {}, {} shards, {} threads\n", attr_text(r, "scenario_name"),
             attr_text(r, "scenario_file"), attr_text(r, "seed"), attr_text(r, "shards"), attr_text(r, "threads"));
  fmt::print("  status    {}; started {}, {} s wall; toksim {}\n", attr_text(r, "status"), attr_text(r, "started_utc"),
             attr_text(r, "wall_seconds"), attr_text(r, "toksim_version"));
  const auto time = r.read_i64("/time");
  if (time.empty()) {
    fmt::print("  no samples\n");
    return;
  }
  fmt::print("  samples   {} from {} to {}\n", time.size(), sim::format_duration(time.front()),
             sim::format_duration(time.back()));
  std::map<std::string, std::vector<double>> values;
  fmt::print("  {:<24} {:>14} {:>14} {:>14} {:>14}  unit\n", "metric", "first", "min", "max", "last");
  for (const io::H5Dataset& d : r.datasets()) {
    if (d.path.rfind("/metrics/", 0) != 0) continue;
    const std::string name = d.path.substr(9);
    std::vector<double> v = io::read_metric(r, name, io::NanValues::Keep);
    std::vector<double> measured;
    for (const double x : v) {
      if (!std::isnan(x)) measured.push_back(x);
    }
    if (measured.empty()) continue;
    fmt::print("  {:<24} {:>14} {:>14} {:>14} {:>14}  {}\n", name, num(measured.front()),
               num(*std::min_element(measured.begin(), measured.end())),
               num(*std::max_element(measured.begin(), measured.end())), num(measured.back()),
               r.dataset_attr_string(d.path, "unit").value_or(""));
    values[name] = std::move(v);
  }
  if (auto p = values.find("price"); p != values.end()) {
    const auto& v = p->second;
    double peak = v.front(), worst = 0;
    std::size_t peak_i = 0, wp = 0, wt = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] > peak) {
        peak = v[i];
        peak_i = i;
      }
      if (peak > 0 && 1 - v[i] / peak > worst) {
        worst = 1 - v[i] / peak;
        wp = peak_i;
        wt = i;
      }
    }
    fmt::print("  price peak-to-trough: {:.1f}% (from ${:.4f} at {} to ${:.4f} at {})\n", 100 * worst, v[wp],
               sim::format_duration(time[wp]), v[wt], sim::format_duration(time[wt]));
  }
  if (auto p = values.find("supply"); p != values.end()) {
    // Inflation of each full year: the last sample before the year's end against the one before the previous.
    const auto& v = p->second;
    std::string years;
    std::size_t prev = 0;
    for (sim::Time y = 1; y * sim::kYear <= time.back() + (time.size() > 1 ? time[1] - time[0] : 0); ++y) {
      std::size_t i = prev;
      while (i + 1 < time.size() && time[i + 1] < y * sim::kYear) ++i;
      if (v[prev] > 0) years += fmt::format(" year {}: {:+.1f}%;", y, 100 * (v[i] / v[prev] - 1));
      prev = i;
    }
    if (!years.empty()) fmt::print("  supply inflation:{}\n", years);
  }
  if (r.dataset("/events/unlocks/time")) {
    const auto t = r.read_i64("/events/unlocks/time");
    const auto g = r.read_strings("/events/unlocks/group");
    const auto a = r.read_i64("/events/unlocks/tokens");
    std::map<sim::Time, std::int64_t> by_day;
    for (std::size_t i = 0; i < t.size(); ++i) by_day[t[i]] += a[i];
    std::vector<std::pair<std::int64_t, sim::Time>> days;
    for (const auto& [day, tokens] : by_day) days.emplace_back(tokens, day);
    std::sort(days.rbegin(), days.rend());
    std::string top;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, days.size()); ++i) {
      top += fmt::format(" {} ({:.1f}M tokens);", sim::format_duration(days[i].second),
                         static_cast<double>(days[i].first) / 1e12);
    }
    if (!top.empty()) fmt::print("  largest unlock days:{}\n", top);
  }
}

/// Splits one line of index.csv (fields may be quoted, with "" for a quote).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

/// A sweep directory: its runs' statuses, parameters and final summary values, from index.csv.
void report_sweep(const std::filesystem::path& dir) {
  const std::filesystem::path index = dir / "index.csv";
  std::ifstream in(index);
  if (!in) throw Error(dir.string() + ": not a toksim sweep directory (no index.csv; run `toksim sweep` first)");
  std::string line;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(csv_fields(line));
  }
  if (rows.empty() || rows[0].size() < 7 || rows[0][0] != "run" || rows[0][1] != "status") {
    throw Error(index.string() + ": not a toksim sweep index (expected columns run,status,exit,seed,...)");
  }
  const auto& head = rows[0];
  // Shown: run, status, seed, the parameters (the columns before the first *_final), and every *_final.
  std::vector<std::size_t> cols = {0, 1, 3};
  bool summaries = false;
  for (std::size_t c = 4; c + 3 < head.size(); ++c) {
    const bool is_final = head[c].size() > 6 && head[c].compare(head[c].size() - 6, 6, "_final") == 0;
    summaries = summaries || is_final;
    if (!summaries || is_final) cols.push_back(c);
  }
  std::map<std::string, std::size_t> status;
  for (std::size_t r = 1; r < rows.size(); ++r) ++status[rows[r].size() > 1 ? rows[r][1] : "?"];
  std::string counts;
  for (const auto& [k, n] : status) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, k);
  fmt::print("{}\n  sweep     {} runs ({})\n", dir.string(), rows.size() - 1, counts);
  std::vector<std::size_t> width(cols.size(), 0);
  const auto cell = [&](std::size_t r, std::size_t k) -> std::string {
    const std::size_t c = cols[k];
    if (c >= rows[r].size()) return "";
    const std::string& v = rows[r][c];
    if (r > 0 && c > 3 && v.find_first_not_of("0123456789.eE+-") == std::string::npos && !v.empty()) {
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (end != nullptr && *end == '\0' && head[c].find("_final") != std::string::npos) return num(x);
    }
    return v;
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t k = 0; k < cols.size(); ++k) width[k] = std::max(width[k], cell(r, k).size());
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string out = " ";
    for (std::size_t k = 0; k < cols.size(); ++k) out += fmt::format(" {:<{}}", cell(r, k), width[k]);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    fmt::print("{}\n", out);
  }
}

bool executable(const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

/// The Python interpreter: $TOKSIM_PYTHON, else the compile-time default (/usr/bin/python3); a bare name is
/// looked up in PATH. Empty when it is not an executable file.
std::string find_python(std::string& wanted) {
  const char* env = std::getenv("TOKSIM_PYTHON");
  wanted = env != nullptr && *env != '\0' ? env : TOKSIM_PYTHON_EXECUTABLE;
  if (wanted.find('/') != std::string::npos) return executable(wanted) ? wanted : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && executable(dir + "/" + wanted)) return dir + "/" + wanted;
    start = end + 1;
  }
  return {};
}

bool has_package(const std::filesystem::path& dir) {
  std::error_code ec;
  return !dir.empty() && std::filesystem::is_regular_file(dir / "toksim_analysis" / "__init__.py", ec);
}

/// The folder holding toksim_analysis/: $TOKSIM_ANALYSIS_DIR when set, else the source tree's analysis/ (a build
/// tree's binary), the install location, or share/toksim/analysis beside the binary (a relocated install).
/// Empty when none has the package; `tried` lists where it looked.
std::filesystem::path find_analysis(std::vector<std::string>& tried) {
  if (const char* env = std::getenv("TOKSIM_ANALYSIS_DIR"); env != nullptr && *env != '\0') {
    tried.push_back(std::string(env) + " (TOKSIM_ANALYSIS_DIR)");
    return has_package(env) ? std::filesystem::path(env) : std::filesystem::path();
  }
  std::vector<std::filesystem::path> candidates = {TOKSIM_ANALYSIS_SOURCE_DIR, TOKSIM_ANALYSIS_INSTALL_DIR};
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(self.parent_path().parent_path() / "share" / "toksim" / "analysis");
  for (const auto& c : candidates) {
    if (c.empty()) continue;
    tried.push_back(c.string());
    if (has_package(c)) return c;
  }
  return {};
}

std::filesystem::path default_html(const std::filesystem::path& first) {
  std::error_code ec;
  if (std::filesystem::is_directory(first, ec)) return first / "report.html";
  std::string name = first.filename().string();
  for (const std::string suffix : {".partial", ".h5", ".hdf5"}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      name.resize(name.size() - suffix.size());
    }
  }
  return name + ".html";
}

/// Runs `python -m toksim_analysis.report INPUT... -o HTML` with PYTHONPATH set to the analysis folder.
int write_html(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& html) {
  std::string wanted;
  const std::string python = find_python(wanted);
  if (python.empty()) {
    print_error(fmt::format(
        "the HTML report needs Python 3, and {} is not an executable file. Install it with h5py, numpy, pandas and "
        "matplotlib (Debian: apt-get install python3 python3-h5py python3-pandas python3-matplotlib), or point "
        "TOKSIM_PYTHON at a python3 that has them; `toksim report --text-only` skips the HTML.",
        wanted));
    return kFailure;
  }
  std::vector<std::string> tried;
  const std::filesystem::path dir = find_analysis(tried);
  if (dir.empty()) {
    std::string where;
    for (const auto& t : tried) where += (where.empty() ? "" : ", ") + t;
    print_error(fmt::format(
        "the HTML report needs the Python package toksim_analysis (the analysis/ folder of the toksim source), not "
        "found in: {}. Set TOKSIM_ANALYSIS_DIR to the folder that holds toksim_analysis/ (e.g. "
        "TOKSIM_ANALYSIS_DIR=/path/to/toksim/analysis), or install toksim (cmake --install), or pass --text-only.",
        where.empty() ? "nowhere (no location configured)" : where));
    return kFailure;
  }
  std::vector<std::string> args = {python, "-m", "toksim_analysis.report"};
  for (const auto& in : inputs) args.push_back(in.string());
  args.insert(args.end(), {"-o", html.string(), "--quiet"});

  // The environment: ours, with PYTHONPATH led by the analysis folder, a non-interactive plotting backend and
  // no bytecode written into an installed (perhaps read-only) package.
  std::vector<std::string> env;
  std::string pythonpath = "PYTHONPATH=" + dir.string();
  bool have_backend = false;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv = *e;
    if (kv.rfind("PYTHONPATH=", 0) == 0) {
      if (kv.size() > 11) pythonpath += ":" + kv.substr(11);
      continue;
    }
    if (kv.rfind("PYTHONDONTWRITEBYTECODE=", 0) == 0) continue;
    have_backend = have_backend || kv.rfind("MPLBACKEND=", 0) == 0;
    env.push_back(kv);
  }
  env.push_back(pythonpath);
  env.emplace_back("PYTHONDONTWRITEBYTECODE=1");
  if (!have_backend) env.emplace_back("MPLBACKEND=Agg");

  const ChildExit child = spawn_and_wait(python, args, &env, {});
  if (child.spawn_error != 0) {
    print_error(fmt::format("cannot start {} for the HTML report: {}", python, std::strerror(child.spawn_error)));
    return kFailure;
  }
  if (child.exited && child.status == 0) {
    fmt::print("html report: {}\n", html.string());
    return kOk;
  }
  if (child.exited && child.status == kBadInput) return kBadInput;  // the child said which input
  print_error(child.exited ? fmt::format("the HTML report failed ({} -m toksim_analysis.report exited {}; see above)",
                                         python, child.status)
                           : fmt::format("the HTML report failed ({} was killed by signal {})", python, child.status));
  return kFailure;
}

}  // namespace

int report_command(const std::vector<std::filesystem::path>& files, const std::filesystem::path& html, bool text_only) {
  int status = kOk;
  std::vector<std::filesystem::path> inputs;
  for (const auto& f : files) {
    std::error_code ec;
    std::filesystem::path p = f;
    if (!std::filesystem::exists(p, ec)) {  // NAME.h5 of an interrupted run: its NAME.h5.partial
      std::filesystem::path partial = p;
      partial += ".partial";
      if (std::filesystem::exists(partial, ec)) p = partial;
    }
    try {
      if (std::filesystem::is_directory(p, ec)) {
        report_sweep(p);
      } else if (!std::filesystem::exists(p, ec)) {
        throw Error(f.string() + ": no such file or directory");
      } else {
        report_one(p);
      }
      inputs.push_back(p);
    } catch (const Error& e) {
      print_error(e.what());
      status = kBadInput;
    }
  }
  if (status != kOk || text_only) return status;
  return write_html(inputs, html.empty() ? default_html(inputs.front()) : html);
}

}  // namespace toksim::cli
