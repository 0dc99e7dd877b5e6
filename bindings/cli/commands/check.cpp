// `toksim check`: runs scenarios and checks the engine's conservation, the scenarios' own economic invariants
// and (with --baseline) chosen metrics at chosen times against a stored baseline within tolerances.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>

#include "commands.hpp"
#include "run_scenario.hpp"
#include "signals.hpp"
#include "support.hpp"

namespace toksim::cli {

namespace {

std::string key_of(sim::Time t) { return t == sim::kNever ? std::string("end") : sim::format_duration(t); }

/// The value of a metric at the last sample at or before t (kNever: the last sample); NaN if none.
double value_at(const models::MetricRecord& m, std::size_t metric, sim::Time t) {
  const std::vector<double> v = m.values(metric);
  const auto time = m.time();
  for (std::size_t i = v.size(); i-- > 0;) {
    if ((t == sim::kNever || time[i] <= t) && !std::isnan(v[i])) return v[i];
  }
  return std::nan("");
}

std::filesystem::path baseline_file(const std::filesystem::path& dir, const models::Scenario& s,
                                    const std::filesystem::path& scenario) {
  const std::string stem = scenario.empty() ? std::string("default") : scenario.stem().string();
  (void)s;
  return dir / (stem + ".baseline.yaml");
}

void write_baseline(const std::filesystem::path& file, const models::Scenario& s, const models::MetricRecord& m) {
  YAML::Emitter out;
  out << YAML::Comment(
      "toksim baseline: written by `toksim check --update-baseline`; compared by `toksim check --baseline`");
  out << YAML::BeginMap;
  out << YAML::Key << "scenario" << YAML::Value << s.file;
  out << YAML::Key << "seed" << YAML::Value << s.seed;
  out << YAML::Key << "values" << YAML::Value << YAML::BeginMap;
  for (const std::string& name : s.baseline.metrics) {
    const int i = m.find(name);
    out << YAML::Key << name << YAML::Value << YAML::BeginMap;
    for (const sim::Time t : s.baseline.at) {
      out << YAML::Key << key_of(t) << YAML::Value
          << fmt::format("{:.17g}", value_at(m, static_cast<std::size_t>(i), t));
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap;
  std::ofstream f(file);
  f << out.c_str() << "\n";
  if (!f) throw Error("cannot write the baseline " + file.string());
}

struct Report {
  int breaches = 0;
  void ok(const std::string& what) { fmt::print("  ok      {}\n", what); }
  void breach(const std::string& what) {
    fmt::print("  BREACH  {}\n", what);
    ++breaches;
  }
};

/// Compares with the stored baseline; false (with messages printed) when the file cannot be used.
bool compare_baseline(const std::filesystem::path& file, const models::Scenario& s, const models::MetricRecord& m,
                      Report& report) {
  YAML::Node base;
  try {
    base = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    print_error(file.string() + ": no baseline; create it with --update-baseline");
    return false;
  } catch (const YAML::Exception& e) {
    print_error(fmt::format("{}:{}:{}: expected a baseline written by toksim, got a syntax error: {}", file.string(),
                            e.mark.line + 1, e.mark.column + 1, e.msg));
    return false;
  }
  const YAML::Node values = base["values"];
  std::size_t compared = 0;
  const double rel = s.baseline.rel_tolerance, abs = s.baseline.abs_tolerance;
  for (const std::string& name : s.baseline.metrics) {
    const auto i = static_cast<std::size_t>(m.find(name));
    for (const sim::Time t : s.baseline.at) {
      const std::string key = key_of(t);
      const double now = value_at(m, i, t);
      const YAML::Node b = values.IsMap() && values[name].IsMap() ? values[name][key] : YAML::Node();
      if (!b.IsDefined() || !b.IsScalar()) {
        report.breach(fmt::format("baseline {} at {}: not in {} (re-create it with --update-baseline)", name, key,
                                  file.string()));
        continue;
      }
      double was = 0;
      try {
        was = std::stod(b.Scalar());
      } catch (const std::exception&) {
        was = std::nan("");
      }
      ++compared;
      const bool both_nan = std::isnan(was) && std::isnan(now);
      if (!both_nan && !(std::fabs(now - was) <= abs + rel * std::fabs(was))) {
        const double change = was != 0 ? (now - was) / std::fabs(was) : std::nan("");
        report.breach(
            fmt::format("baseline {} at {}: {:.10g} vs baseline {:.10g} ({:+.4g}%; tolerance rel {:g}, abs {:g})", name,
                        key, now, was, 100.0 * change, rel, abs));
      }
    }
  }
  if (report.breaches == 0) {
    report.ok(fmt::format("baseline: {} values within rel {:g}, abs {:g} of {}", compared, rel, abs, file.string()));
  }
  return true;
}

}  // namespace

int check_command(const CheckOptions& o) {
  // Validate everything first: bad input runs nothing.
  std::vector<std::unique_ptr<models::Scenario>> scenarios;
  bool bad = false;
  for (const auto& f : o.scenarios) {
    scenarios.push_back(load_or_report(f, o.sets));
    bad = bad || !scenarios.back();
  }
  if (bad) return kBadInput;
  if (!o.baseline.empty() && !std::filesystem::is_directory(o.baseline)) {
    if (!o.update_baseline) {
      print_error("--baseline " + o.baseline.string() +
                  ": expected a directory, got none (create it with --update-baseline)");
      return kBadInput;
    }
    std::filesystem::create_directories(o.baseline);
  }
  install_signal_handlers();
  int breached = 0;
  int failed = 0;
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const models::Scenario& s = *scenarios[k];
    const std::filesystem::path& path = o.scenarios[k];
    fmt::print("check {} ({}, seed {}, {})\n", s.file, s.name, s.seed, sim::format_duration(s.horizon));
    std::fflush(stdout);
    std::filesystem::path out;
    if (!o.out_dir.empty()) out = o.out_dir / (path.empty() ? std::string("default") : path.stem().string()) += ".h5";
    RunOutcome r = run_scenario(s, out, o.threads, false);
    Report report;
    if (r.conservation_breach) {
      report.breach("conservation: " + r.status.substr(std::string("failed: ").size()));
      ++breached;
      continue;
    }
    if (r.exit != kOk) {
      print_error(s.file + ": " + r.status);
      ++failed;
      if (stop_requested() != 0) break;
      continue;
    }
    const models::MetricRecord& m = r.sim->metrics();
    report.ok(fmt::format("conservation: every account and agent balance reconciled in every window ({} events)",
                          r.sim->events()));
    for (const models::Invariant& inv : s.invariants) {
      const auto res = models::evaluate(inv, m.time(), m.values(static_cast<std::size_t>(m.find(inv.metric))));
      if (res.ok) {
        report.ok(res.message);
      } else {
        report.breach(res.message);
      }
    }
    if (!o.baseline.empty()) {
      const std::filesystem::path file = baseline_file(o.baseline, s, path);
      if (o.update_baseline) {
        write_baseline(file, s, m);
        report.ok("baseline written to " + file.string());
      } else if (!compare_baseline(file, s, m, report)) {
        return kBadInput;
      }
    }
    if (report.breaches > 0) ++breached;
  }
  fmt::print("result: {} of {} scenario(s) breached{}\n", breached, scenarios.size(),
             failed > 0 ? fmt::format(", {} failed to run", failed) : std::string());
  if (failed > 0) return kFailure;
  return breached > 0 ? kBreach : kOk;
}

}  // namespace toksim::cli
