// RunWriter: a Simulation's HDF5 run file, written as the run goes (see run_writer.hpp).
#include "toksim/models/scenario/run_writer.hpp"

#include <algorithm>
#include <ctime>

#include "toksim/io/run_file.hpp"

namespace toksim::models {

namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::vector<io::SeriesSpec> specs(const std::vector<MetricInfo>& catalog) {
  std::vector<io::SeriesSpec> out;
  for (const MetricInfo& m : catalog) {
    out.push_back({m.name, m.integer ? io::H5Type::Int64 : io::H5Type::Float64, m.unit, m.scale, m.description});
  }
  return out;
}

bool snapshotted(const Scenario& s, const std::string& kind) {
  return std::find(s.snapshot_kinds.begin(), s.snapshot_kinds.end(), kind) != s.snapshot_kinds.end();
}

/// /events/unlocks: every vesting release of the scenario's insiders (time, group, tokens).
void write_unlocks(io::H5RunFile& file, const Simulation& sim) {
  std::vector<std::int64_t> times, amounts;
  std::vector<std::string> groups;
  for (const auto& u : sim.unlocks()) {
    times.push_back(u.t);
    groups.push_back(u.group);
    amounts.push_back(u.tokens);
  }
  std::vector<io::H5RunFile::Column> cols;
  cols.push_back({"time", times, "s"});
  cols.push_back({"group", groups, ""});
  cols.push_back({"tokens", amounts, "token base units (1e-6 token)"});
  file.write_table("unlocks", cols);
}

/// /events/<name> tables of what happened in the run (governance proposals, ...).
void write_event_tables(io::H5RunFile& file, const Simulation& sim) {
  for (const auto& t : sim.event_tables()) {
    std::vector<io::H5RunFile::Column> cols;
    for (const auto& c : t.columns) cols.push_back({c.name, c.data, c.unit});
    file.write_table(t.name, cols);
  }
}

/// /events/invariants: the scenario's own invariants evaluated on the whole run (what `toksim check` reports).
void write_invariants(io::H5RunFile& file, const Simulation& sim) {
  const Scenario& s = sim.scenario();
  if (s.invariants.empty()) return;
  const MetricRecord& m = sim.metrics();
  std::vector<std::string> names, metrics, rules, messages;
  std::vector<std::int64_t> ok;
  for (const Invariant& inv : s.invariants) {
    const int i = m.find(inv.metric);
    const InvariantResult r = i < 0 ? InvariantResult{false, "no metric " + inv.metric}
                                    : evaluate(inv, m.time(), m.values(static_cast<std::size_t>(i)));
    names.push_back(inv.name);
    metrics.push_back(inv.metric);
    rules.push_back(describe(inv));
    ok.push_back(r.ok ? 1 : 0);
    messages.push_back(r.message);
  }
  std::vector<io::H5RunFile::Column> cols;
  cols.push_back({"name", names, ""});
  cols.push_back({"metric", metrics, ""});
  cols.push_back({"rule", rules, ""});
  cols.push_back({"ok", ok, "1: holds, 0: broken"});
  cols.push_back({"message", messages, ""});
  file.write_table("invariants", cols);
}

}  // namespace

RunWriter::RunWriter(const std::filesystem::path& out, const Simulation& sim, const Provenance& provenance)
    : sim_(sim),
      file_(std::make_unique<io::H5RunFile>(out)),
      final_(out),
      path_(file_->partial_path()),
      last_flush_(std::chrono::steady_clock::now()) {
  const Scenario& s = sim.scenario();
  io::H5RunFile& f = *file_;
  f.set_attr("toksim_version", provenance.version);
  f.set_attr("git_sha", provenance.git_sha);
  f.set_attr("scenario_name", s.name);
  f.set_attr("scenario_description", s.description);
  f.set_attr("scenario_file", s.file);
  f.set_attr("scenario_yaml", s.effective_yaml);
  f.set_attr("scenario_source", s.source_text);
  f.set_attr("seed", static_cast<std::int64_t>(s.seed));
  f.set_attr("threads", static_cast<std::int64_t>(sim.threads()));
  f.set_attr("ranks", std::int64_t{1});
  f.set_attr("shards", static_cast<std::int64_t>(s.shards));
  f.set_attr("horizon_seconds", static_cast<std::int64_t>(s.horizon));
  f.set_attr("window_seconds", static_cast<std::int64_t>(s.window));
  f.set_attr("model", s.model);
  f.set_attr("started_utc", utc_now());
  f.set_attr("output_file", out.string());
  f.declare_metrics(specs(sim.metrics().catalog()));
  write_unlocks(f, sim);
  if (s.snapshot_every > 0) {
    const std::vector<io::SeriesSpec> cols = specs(sim.agent_columns());
    for (const auto& [kind, rows] : sim.kinds()) {
      if (snapshotted(s, kind)) f.declare_snapshot(kind, rows, cols);
    }
  }
  f.flush();
}

RunWriter::~RunWriter() = default;  // an H5RunFile neither finished nor abandoned abandons itself

void RunWriter::snapshot() {
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
  const Scenario& s = sim_.scenario();
  for (const auto& [kind, rows] : sim_.kinds()) {
    if (!snapshotted(s, kind)) continue;
    file_->snapshot_time(kind, sim_.now());
    for (const MetricInfo& c : sim_.agent_columns()) {
      sim_.agent_column(kind, c.name, ints, reals);
      if (c.integer) {
        file_->snapshot_i64(kind, c.name, ints);
      } else {
        file_->snapshot_f64(kind, c.name, reals);
      }
    }
  }
}

void RunWriter::update() {
  if (closed_) return;
  const MetricRecord& m = sim_.metrics();
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
  // Rows are appended once, after their window; the final Gini is measured before the last row is collected.
  for (; written_ < m.samples(); ++written_) {
    m.row(written_, ints, reals);
    file_->append(m.time()[written_], ints, reals);
  }
  const Scenario& s = sim_.scenario();
  const bool snap = s.snapshot_every > 0 && sim_.now() % s.snapshot_every == 0 && sim_.now() != last_snapshot_;
  if (snap) {
    snapshot();
    last_snapshot_ = sim_.now();
  }
  const auto now = std::chrono::steady_clock::now();
  if (snap || now - last_flush_ >= kFlushEvery) {
    file_->flush();
    last_flush_ = now;
  }
}

void RunWriter::finish(double wall_seconds) {
  if (closed_) return;
  update();
  file_->set_attr("events", static_cast<std::int64_t>(sim_.events()));
  file_->set_attr("digest", sim_.digest());
  write_event_tables(*file_, sim_);
  write_invariants(*file_, sim_);
  file_->finish(wall_seconds);
  path_ = final_;
  closed_ = true;
}

void RunWriter::abandon(const std::string& status, double wall_seconds) {
  if (closed_) return;
  closed_ = true;
  try {  // what happened so far
    write_event_tables(*file_, sim_);
  } catch (const Error&) {}
  file_->abandon(status, wall_seconds);
}

}  // namespace toksim::models
