// Simulations in Python: toksim._core.SimulationCore runs a scenario in steps with the GIL released, checks for
// Ctrl-C between steps (KeyboardInterrupt, the output kept as NAME.h5.partial marked interrupted), writes the
// HDF5 run file through the CLI's RunWriter, and hands out the recorded metrics and the agents' columns as
// read-only NumPy arrays that view C++ memory (no copy; the array keeps the simulation alive).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <chrono>
#include <optional>

#include "bind.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/models/scenario/run_writer.hpp"
#include "toksim/models/scenario/simulation.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

/// A read-only array over `n` values at `data`, owned by `owner` (kept alive by the array).
py::array view(const void* data, std::size_t n, char format, std::size_t itemsize, py::handle owner) {
  py::array a(py::dtype(std::string(1, format)), {static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(itemsize)},
              data, owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

template <class T>
py::array copy_of(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

class SimulationCore {
 public:
  SimulationCore(std::shared_ptr<const models::Scenario> scenario, std::uint32_t threads,
                 const std::optional<std::filesystem::path>& output)
      : scenario_(std::move(scenario)), t0_(std::chrono::steady_clock::now()) {
    {
      py::gil_scoped_release release;
      sim_ = std::make_unique<models::Simulation>(*scenario_, threads);
    }
    if (output) {
      if (output->has_parent_path() && !std::filesystem::is_directory(output->parent_path())) {
        throw py::value_error("output " + output->string() +
                              ": expected a file in an existing directory, got no directory " +
                              output->parent_path().string());
      }
      writer_ = std::make_unique<models::RunWriter>(*output, *sim_,
                                                    models::Provenance{TOKSIM_VERSION_STRING, TOKSIM_GIT_SHA});
    }
  }

  ~SimulationCore() { close(); }

  /// Runs every window before `until` (clamped to the horizon), a sampling period at a time, releasing the GIL
  /// for each and checking for signals between them.
  std::size_t step(sim::Time until) {
    if (!status_.empty() && status_ != "running") {
      throw py::value_error("the simulation has stopped (" + status_ + "); make a new one");
    }
    status_ = "running";
    const models::Scenario& s = *scenario_;
    until = std::min(until, s.horizon);
    std::size_t added = 0;
    try {
      while (!sim_->done() && sim_->now() < until) {
        // Signals reach only the main thread; a run on another thread is stopped through request_stop().
        const bool signalled = PyErr_CheckSignals() != 0;
        if (signalled || stop_requested_.load(std::memory_order_relaxed)) {
          stop("interrupted: KeyboardInterrupt at " + sim::format_duration(sim_->now()) + " of " +
               sim::format_duration(s.horizon));
          if (!signalled) PyErr_SetNone(PyExc_KeyboardInterrupt);
          throw py::error_already_set();
        }
        const sim::Time next = std::min(until, sim_->now() + s.sample_every);
        {
          py::gil_scoped_release release;
          added += sim_->advance(next);
          if (writer_) writer_->update();
        }
      }
    } catch (const models::ConservationError& e) {
      stop(std::string("failed: ") + e.what());
      throw;
    } catch (const Error& e) {
      stop(std::string("failed: ") + e.what());
      throw;
    }
    if (sim_->done()) {
      status_ = "complete";
      if (writer_) writer_->finish(wall());
    }
    return added;
  }

  /// Asks a run going on in another thread to stop at its next sampling period, as Ctrl-C would.
  void request_stop() noexcept { stop_requested_.store(true, std::memory_order_relaxed); }

  /// Ends the output: a run closed before its horizon keeps NAME.h5.partial, marked stopped.
  void close() {
    if (writer_ && status_ != "complete" && !stopped_) {
      stop("stopped: closed at " + sim::format_duration(sim_->now()) + " of " +
           sim::format_duration(scenario_->horizon));
    }
  }

  const models::Simulation& sim() const { return *sim_; }
  std::shared_ptr<const models::Scenario> scenario() const { return scenario_; }
  const std::string& status() const { return status_; }
  std::optional<std::filesystem::path> output() const {
    if (!writer_) return std::nullopt;
    return writer_->path();
  }

 private:
  double wall() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count(); }
  void stop(const std::string& why) {
    status_ = why;
    stopped_ = true;
    if (writer_) writer_->abandon(why, wall());
  }

  std::shared_ptr<const models::Scenario> scenario_;
  std::unique_ptr<models::Simulation> sim_;
  std::unique_ptr<models::RunWriter> writer_;
  std::chrono::steady_clock::time_point t0_;
  std::string status_;  ///< "" (not started), "running", "complete", "interrupted: ...", "failed: ...", "stopped: ..."
  bool stopped_ = false;
  std::atomic<bool> stop_requested_{false};
};

py::dict event_table(const models::Simulation::EventTable& t) {
  py::dict cols;
  for (const auto& c : t.columns) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::vector<std::string>>) {
            cols[c.name.c_str()] = py::cast(v);
          } else {
            cols[c.name.c_str()] = copy_of(v);
          }
        },
        c.data);
  }
  return cols;
}

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<SimulationCore>(m, "SimulationCore", "A scenario being run (use toksim.Simulation, which wraps it)")
      .def(py::init<std::shared_ptr<const models::Scenario>, std::uint32_t, std::optional<std::filesystem::path>>(),
           py::arg("scenario"), py::arg("threads") = 0, py::arg("output") = py::none())
      .def("step", &SimulationCore::step, py::arg("until"),
           "Runs every window before `until` (seconds, clamped to the horizon); returns the samples recorded. "
           "The GIL is released while it runs; Ctrl-C raises KeyboardInterrupt between sampling periods.")
      .def("request_stop", &SimulationCore::request_stop,
           "Asks a run going on in another thread to stop at its next sampling period: its step() then ends the "
           "output as interrupted and raises KeyboardInterrupt, as Ctrl-C does in the main thread")
      .def("close", &SimulationCore::close, "Ends the output file of an unfinished run (kept as .partial)")
      .def_property_readonly("now", [](const SimulationCore& c) { return c.sim().now(); })
      .def_property_readonly("horizon", [](const SimulationCore& c) { return c.sim().horizon(); })
      .def_property_readonly("done", [](const SimulationCore& c) { return c.sim().done(); })
      .def_property_readonly("events", [](const SimulationCore& c) { return c.sim().events(); })
      .def_property_readonly("threads", [](const SimulationCore& c) { return c.sim().threads(); })
      .def_property_readonly("status", &SimulationCore::status)
      .def_property_readonly("output", &SimulationCore::output)
      .def_property_readonly("scenario", &SimulationCore::scenario)
      .def("digest", [](const SimulationCore& c) { return c.sim().digest(); })
      .def_property_readonly("samples", [](const SimulationCore& c) { return c.sim().metrics().samples(); })
      .def_property_readonly(
          "time",
          [](py::object self) {
            const auto t = self.cast<const SimulationCore&>().sim().metrics().time();
            return view(t.data(), t.size(), 'q', sizeof(sim::Time), self);
          },
          "Sample times (seconds since genesis): a read-only view of C++ memory")
      .def(
          "metric",
          [](py::object self, const std::string& name) {
            const models::MetricRecord& r = self.cast<const SimulationCore&>().sim().metrics();
            const int i = r.find(name);
            if (i < 0) throw py::key_error("no metric \"" + name + "\"");
            const auto k = static_cast<std::size_t>(i);
            if (r.catalog()[k].integer) {
              const auto v = r.ints(k);
              return view(v.data(), v.size(), 'q', sizeof(std::int64_t), self);
            }
            const auto v = r.reals(k);
            return view(v.data(), v.size(), 'd', sizeof(double), self);
          },
          py::arg("name"),
          "One metric's samples as stored (integers in base units: multiply by its scale for its unit): a "
          "read-only view of C++ memory, as long as the samples recorded when it was taken")
      .def_property_readonly(
          "kinds", [](const SimulationCore& c) { return c.sim().kinds(); }, "Agent kinds and their row counts")
      .def(
          "agent_arrays",
          [](py::object self, const std::string& kind) {
            py::dict out;
            for (const auto& a : self.cast<const SimulationCore&>().sim().agent_arrays(kind)) {
              out[a.name.c_str()] = view(a.data, a.rows, a.format, a.itemsize, self);
            }
            return out;
          },
          py::arg("kind"),
          "Every stored column of one kind of agent: read-only views of C++ memory that follow the run")
      .def(
          "event_tables",
          [](const SimulationCore& c) {
            py::dict out;
            for (const auto& t : c.sim().event_tables()) out[t.name.c_str()] = event_table(t);
            return out;
          },
          "What happened so far, table by table (copies): the /events/<name> tables of the run file")
      .def(
          "check",
          [](const SimulationCore& c) {
            const models::MetricRecord& r = c.sim().metrics();
            py::list out;
            for (const models::Invariant& inv : c.scenario()->invariants) {
              py::dict d;
              d["name"] = inv.name;
              d["metric"] = inv.metric;
              d["rule"] = models::describe(inv);
              const int i = r.find(inv.metric);
              const models::InvariantResult res =
                  i < 0 ? models::InvariantResult{false, "no metric " + inv.metric}
                        : models::evaluate(inv, r.time(), r.values(static_cast<std::size_t>(i)));
              d["ok"] = res.ok;
              d["message"] = res.message;
              out.append(d);
            }
            return out;
          },
          "The scenario's invariants evaluated on the samples so far (what `toksim check` reports)")
      .def("unlocks", [](const SimulationCore& c) {
        std::vector<std::int64_t> t, tokens;
        std::vector<std::string> group;
        for (const auto& u : c.sim().unlocks()) {
          t.push_back(u.t);
          group.push_back(u.group);
          tokens.push_back(u.tokens);
        }
        py::dict d;
        d["time"] = copy_of(t);
        d["group"] = py::cast(group);
        d["tokens"] = copy_of(tokens);
        return d;
      });
}

}  // namespace toksim::python
