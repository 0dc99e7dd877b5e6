// `toksim report OUT.h5...`: a text summary of runs read back from their files: status and provenance, then
// per metric the first, minimum, maximum and last values, and the numbers a token designer asks first
// (peak-to-trough price, supply inflation per year, largest unlock days). Plots come with the Python package.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "commands.hpp"
#include "toksim/sim/h5_read.hpp"

namespace toksim::cli {

namespace {

std::string attr_text(const sim::H5Reader& r, std::string_view name) {
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
  const sim::H5Reader r(path);
  fmt::print("{}\n", path.string());
  fmt::print("  scenario  {} ({}), seed {}, {} shards, {} threads\n", attr_text(r, "scenario_name"),
             attr_text(r, "scenario_file"), attr_text(r, "seed"), attr_text(r, "shards"), attr_text(r, "threads"));
  fmt::print("  status    {}; started {}, {} s wall; toksim {}\n", attr_text(r, "status"),
             attr_text(r, "started_utc"), attr_text(r, "wall_seconds"), attr_text(r, "toksim_version"));
  const auto time = r.read_i64("/time");
  if (time.empty()) {
    fmt::print("  no samples\n");
    return;
  }
  fmt::print("  samples   {} from {} to {}\n", time.size(), sim::format_duration(time.front()),
             sim::format_duration(time.back()));
  std::map<std::string, std::vector<double>> values;
  fmt::print("  {:<24} {:>14} {:>14} {:>14} {:>14}  unit\n", "metric", "first", "min", "max", "last");
  for (const sim::H5Dataset& d : r.datasets()) {
    if (d.path.rfind("/metrics/", 0) != 0) continue;
    const std::string name = d.path.substr(9);
    const double scale = r.dataset_attr_double(d.path, "scale").value_or(1.0);
    std::vector<double> v;
    if (d.type == sim::H5Type::Int64) {
      for (const std::int64_t x : r.read_i64(d.path)) v.push_back(static_cast<double>(x) * scale);
    } else {
      for (const double x : r.read_f64(d.path)) v.push_back(x * scale);
    }
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
      top += fmt::format(" {} ({:.1f}M tokens);", sim::format_duration(days[i].second), static_cast<double>(days[i].first) / 1e12);
    }
    if (!top.empty()) fmt::print("  largest unlock days:{}\n", top);
  }
}

}  // namespace

int report_command(const std::vector<std::filesystem::path>& files) {
  int status = kOk;
  for (const auto& f : files) {
    try {
      report_one(f);
    } catch (const Error& e) {
      print_error(e.what());
      status = kBadInput;
    }
  }
  return status;
}

}  // namespace toksim::cli
