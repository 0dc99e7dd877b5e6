// `toksim sweep SWEEP.yaml`: many runs of one scenario over a Cartesian grid, zipped lists and Monte Carlo
// seeds, in parallel over cores. Each run is its own `toksim run` process (a crash or a failure stays in its
// run), writing run-NNNN.h5 and run-NNNN.log; index.csv lists every run's parameters, status and summary
// metrics. A re-run skips the runs whose file is complete.
#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <mutex>
#include <thread>

#include "commands.hpp"
#include "process.hpp"
#include "signals.hpp"
#include "support.hpp"
#include "toksim/io/run_reader.hpp"
#include "toksim/models/scenario/reader.hpp"

namespace toksim::cli {

namespace {

struct Param {
  std::string key;
  std::vector<std::string> values;  ///< YAML text of each value
};

struct RunSpec {
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> params;  ///< key -> YAML value text
  std::uint64_t seed = 0;
};

struct Sweep {
  std::filesystem::path scenario;  ///< empty: the embedded default
  std::filesystem::path output;
  std::uint32_t parallel = 0;
  std::uint32_t threads_per_run = 1;
  std::vector<std::pair<std::string, std::string>> fixed;
  std::vector<Param> grid, zip;
  std::vector<std::uint64_t> seeds;  ///< empty: the scenario's own seed
  std::vector<std::string> summary;
  std::string text;
};

std::string yaml_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter e;
  e << YAML::Flow << n;
  return e.c_str();
}

std::vector<Param> read_params(models::Reader& r, models::Section& s, const char* key, const char* doc) {
  std::vector<Param> out;
  r.record(std::string(key), "map of key.path: [values]", "{}", doc);
  const YAML::Node n = s.raw(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsMap()) {
    r.error(n, key, "expected a map of scenario key paths to lists of values, got " + models::describe(n));
    return out;
  }
  for (const auto& kv : n) {
    const std::string path = std::string(key) + "." + kv.first.Scalar();
    if (!kv.second.IsSequence() || kv.second.size() == 0) {
      r.error(kv.second, path, "expected a non-empty list of values, got " + models::describe(kv.second));
      continue;
    }
    Param p{kv.first.Scalar(), {}};
    for (const auto& v : kv.second) p.values.push_back(yaml_text(v));
    out.push_back(std::move(p));
  }
  return out;
}

Sweep read_sweep(const std::filesystem::path& file) {
  const models::Document doc = models::Document::load(file);
  models::Reader r(doc);
  models::Section root = r.root();
  Sweep w;
  w.text = doc.source_text();
  const std::string scenario =
      root.text("scenario", "", "the scenario file, relative to the sweep file (none: the embedded default)");
  if (!scenario.empty()) w.scenario = file.parent_path() / scenario;
  if (!scenario.empty() && !std::filesystem::is_regular_file(w.scenario)) {
    r.error(doc.root()["scenario"], "scenario",
            "expected an existing scenario file, got \"" + w.scenario.string() + "\"");
  }
  w.output = root.text("output", file.stem().string(), "output directory, relative to the current directory");
  w.parallel = static_cast<std::uint32_t>(root.integer("parallel", 0, 0, 1024, "runs at once (0: one per core)"));
  w.threads_per_run =
      static_cast<std::uint32_t>(root.integer("threads_per_run", 1, 1, 1024, "worker threads of each run"));
  r.record("set", "map of key.path: value", "{}", "overrides applied to every run");
  if (const YAML::Node n = root.raw("set"); n.IsDefined() && !n.IsNull()) {
    if (!n.IsMap()) {
      r.error(n, "set", "expected a map of scenario key paths to values, got " + models::describe(n));
    } else {
      for (const auto& kv : n) w.fixed.emplace_back(kv.first.Scalar(), yaml_text(kv.second));
    }
  }
  w.grid = read_params(r, root, "grid", "every combination of these values (Cartesian product)");
  w.zip = read_params(r, root, "zip", "lists walked together (equal lengths), crossed with the grid");
  for (std::size_t i = 1; i < w.zip.size(); ++i) {
    if (w.zip[i].values.size() != w.zip[0].values.size()) {
      r.error(doc.root()["zip"][w.zip[i].key], "zip." + w.zip[i].key,
              fmt::format("expected {} values (as many as zip.{}), got {}", w.zip[0].values.size(), w.zip[0].key,
                          w.zip[i].values.size()));
    }
  }
  r.record("seeds", "count or list of integers", "the scenario's seed", "Monte Carlo seeds: N means seeds 1..N");
  if (const YAML::Node n = root.raw("seeds"); n.IsDefined()) {
    if (n.IsSequence()) {
      for (std::size_t i = 0; i < n.size(); ++i) {
        if (auto v = r.integer(n[i], "seeds[" + std::to_string(i) + "]", 0, std::numeric_limits<std::int64_t>::max())) {
          w.seeds.push_back(static_cast<std::uint64_t>(*v));
        }
      }
    } else if (auto c = r.integer(n, "seeds", 1, 100'000)) {
      for (std::int64_t s = 1; s <= *c; ++s) w.seeds.push_back(static_cast<std::uint64_t>(s));
    }
  }
  std::vector<std::string> names;
  try {  // the metrics of the swept scenario (its own problems are reported when each run is validated)
    for (const auto& m : models::scenario_metrics(models::load_scenario(w.scenario))) names.push_back(m.name);
  } catch (const models::ScenarioError&) {}
  for (auto& [node, path] :
       root.scalars("summary", "metric names", "metrics summarised in the index (final, min, max)")) {
    if (auto m = r.choice(node, path, names)) w.summary.push_back(*m);
  }
  if (!root.has("summary")) w.summary = {"price", "supply", "circulating", "treasury", "gini"};
  root.finish();
  r.throw_if_errors();
  return w;
}

std::vector<RunSpec> expand(const Sweep& w) {
  std::vector<std::vector<std::pair<std::string, std::string>>> combos = {{}};
  for (const Param& p : w.grid) {
    std::vector<std::vector<std::pair<std::string, std::string>>> next;
    for (const auto& c : combos) {
      for (const std::string& v : p.values) {
        auto e = c;
        e.emplace_back(p.key, v);
        next.push_back(std::move(e));
      }
    }
    combos = std::move(next);
  }
  if (!w.zip.empty()) {
    std::vector<std::vector<std::pair<std::string, std::string>>> next;
    for (const auto& c : combos) {
      for (std::size_t i = 0; i < w.zip[0].values.size(); ++i) {
        auto e = c;
        for (const Param& p : w.zip) e.emplace_back(p.key, p.values[i]);
        next.push_back(std::move(e));
      }
    }
    combos = std::move(next);
  }
  std::vector<RunSpec> runs;
  const std::vector<std::uint64_t> seeds = w.seeds.empty() ? std::vector<std::uint64_t>{0} : w.seeds;
  for (const auto& c : combos) {
    for (const std::uint64_t seed : seeds) runs.push_back({runs.size(), c, seed});
  }
  return runs;
}

std::vector<std::string> run_sets(const Sweep& w, const RunSpec& r) {
  std::vector<std::string> sets;
  for (const auto& [k, v] : w.fixed) sets.push_back(k + "=" + v);
  for (const auto& [k, v] : r.params) sets.push_back(k + "=" + v);
  if (!w.seeds.empty()) sets.push_back("seed=" + std::to_string(r.seed));
  return sets;
}

std::string csv(std::string s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

struct Result {
  std::string status = "not run";
  int exit = -1;
  double wall = 0;
  std::vector<double> summary;  ///< final, min, max per summary metric
  std::string message;
};

bool complete(const std::filesystem::path& h5) {
  if (!std::filesystem::exists(h5)) return false;
  try {
    const io::H5Reader r(h5);
    const auto a = r.root_attr("status");
    return a && std::holds_alternative<std::string>(a->value) && std::get<std::string>(a->value) == "complete";
  } catch (const Error&) {
    return false;
  }
}

void summarise(const std::filesystem::path& h5, const Sweep& w, Result& res) {
  const io::H5Reader r(h5);
  if (const auto a = r.root_attr("wall_seconds"); a && std::holds_alternative<double>(a->value)) {
    res.wall = std::get<double>(a->value);
  }
  for (const std::string& m : w.summary) {
    const std::vector<double> v = io::read_metric(r, m, io::NanValues::Skip);
    if (v.empty()) {
      res.summary.insert(res.summary.end(), 3, std::nan(""));
      continue;
    }
    res.summary.push_back(v.back());
    res.summary.push_back(*std::min_element(v.begin(), v.end()));
    res.summary.push_back(*std::max_element(v.begin(), v.end()));
  }
}

std::string last_line(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

int sweep_command(const SweepOptions& o) {
  Sweep w;
  try {
    w = read_sweep(o.sweep);
  } catch (const models::ScenarioError& e) {
    print_diagnostics(e.diagnostics());
    return kBadInput;
  }
  if (!o.out_dir.empty()) w.output = o.out_dir;
  if (o.parallel > 0) w.parallel = o.parallel;
  if (w.parallel == 0) w.parallel = std::max(1u, std::thread::hardware_concurrency());
  const std::vector<RunSpec> runs = expand(w);

  // Every run's scenario is validated before anything runs.
  bool bad = false;
  for (const RunSpec& r : runs) {
    try {
      (void)models::load_scenario(w.scenario, run_sets(w, r));
    } catch (const models::ScenarioError& e) {
      print_diagnostics(e.diagnostics(), fmt::format("{}: run {}: ", o.sweep.string(), r.index));
      bad = true;
    }
  }
  if (bad) return kBadInput;

  std::error_code ec;
  std::filesystem::create_directories(w.output, ec);
  if (ec) {
    print_error("output " + w.output.string() + ": cannot create the directory: " + ec.message());
    return kBadInput;
  }
  // The directory belongs to one sweep: a different sweep file would mix runs.
  const std::filesystem::path stamp = w.output / "sweep.yaml";
  if (std::filesystem::exists(stamp)) {
    std::ifstream in(stamp);
    const std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (old != w.text) {
      print_error(w.output.string() +
                  " holds the runs of a different sweep (its sweep.yaml differs); choose another "
                  "--output or remove it");
      return kBadInput;
    }
  } else {
    std::ofstream(stamp) << w.text;
  }
  fmt::print("sweep {}: {} runs, {} at once, {} thread(s) each, into {}\n", o.sweep.string(), runs.size(), w.parallel,
             w.threads_per_run, w.output.string());
  if (o.dry_run) {
    for (const RunSpec& r : runs) {
      std::string sets;
      for (const std::string& s : run_sets(w, r)) sets += " --set " + s;
      fmt::print("  run-{:04d}:{}\n", r.index, sets);
    }
    return kOk;
  }
  std::fflush(stdout);
  install_signal_handlers();
  std::vector<Result> results(runs.size());
  std::mutex print;
  oneapi::tbb::task_arena arena(static_cast<int>(w.parallel));
  arena.execute([&] {
    oneapi::tbb::parallel_for(
        std::size_t{0}, runs.size(),
        [&](std::size_t i) {
          const RunSpec& r = runs[i];
          Result& res = results[i];
          const std::string id = fmt::format("run-{:04d}", r.index);
          const std::filesystem::path h5 = w.output / (id + ".h5"), log = w.output / (id + ".log");
          if (complete(h5)) {
            res.status = "complete";
            res.exit = 0;
            res.message = "skipped: already complete";
          } else if (stop_requested() != 0) {
            res.status = "not run";
            res.message = "sweep interrupted";
            return;
          } else {
            std::vector<std::string> args = {"toksim", "run"};
            if (!w.scenario.empty()) args.push_back(w.scenario.string());
            for (const std::string& s : run_sets(w, r)) {
              args.push_back("--set");
              args.push_back(s);
            }
            args.insert(args.end(), {"-o", h5.string(), "--threads", std::to_string(w.threads_per_run), "--quiet"});
            // `toksim run` in a child process, its stdout and stderr to the log. The exit: the child's status, 128 + the
            // signal that killed it, or -1 when it could not start.
            const ChildExit child = spawn_and_wait("/proc/self/exe", args, nullptr, log);
            res.exit = child.spawn_error != 0 ? -1 : child.exited ? child.status : 128 + child.status;
            res.status = res.exit == 0 ? "complete" : "failed";
            if (res.exit != 0) res.message = res.exit < 0 ? "could not start toksim" : last_line(log);
          }
          if (res.exit == 0) {
            try {
              summarise(h5, w, res);
            } catch (const Error& e) {
              res.status = "failed";
              res.message = e.what();
            }
          }
          const std::lock_guard<std::mutex> lock(print);
          fmt::print("  {} {}{}\n", id, res.status, res.message.empty() ? "" : " (" + res.message + ")");
          std::fflush(stdout);
        },
        oneapi::tbb::simple_partitioner());
  });

  // The index: one row per run.
  std::ofstream index(w.output / "index.csv");
  index << "run,status,exit,seed";
  std::vector<std::string> keys;
  for (const auto& [k, v] : runs.front().params) keys.push_back(k);
  for (const auto& k : keys) index << "," << csv(k);
  for (const auto& m : w.summary) index << "," << m << "_final," << m << "_min," << m << "_max";
  index << ",wall_seconds,file,message\n";
  std::size_t failed = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Result& res = results[i];
    failed += res.status != "complete";
    index << fmt::format("{},{},{},{}", i, res.status, res.exit,
                         w.seeds.empty() ? std::string() : std::to_string(runs[i].seed));
    for (const auto& [k, v] : runs[i].params) index << "," << csv(v);
    for (std::size_t k = 0; k < w.summary.size() * 3; ++k) {
      index << "," << (k < res.summary.size() ? fmt::format("{:.17g}", res.summary[k]) : std::string());
    }
    index << fmt::format(",{:.3f},{},{}\n", res.wall, fmt::format("run-{:04d}.h5", i), csv(res.message));
  }
  index.close();
  fmt::print("sweep: {} of {} runs complete; index {}\n", runs.size() - failed, runs.size(),
             (w.output / "index.csv").string());
  return failed == 0 ? kOk : kFailure;
}

}  // namespace toksim::cli
