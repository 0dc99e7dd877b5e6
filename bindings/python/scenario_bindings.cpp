// Scenarios in Python: toksim._core.ScenarioCore (a validated scenario, read from a file or from YAML text through
// the one schema the CLI uses), the schema listing, the embedded default, and durations. The `toksim.Scenario`
// class (toksim/scenario.py) wraps it with from_yaml / from_dict / with_overrides.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bind.hpp"
#include "toksim/models/scenario/scenario.hpp"

namespace py = pybind11;

namespace toksim::python {

namespace {

py::list metric_list(const std::vector<models::MetricInfo>& catalog) {
  py::list out;
  for (const models::MetricInfo& m : catalog) {
    py::dict d;
    d["name"] = m.name;
    d["integer"] = m.integer;
    d["unit"] = m.unit;
    d["scale"] = m.scale;
    d["description"] = m.description;
    out.append(d);
  }
  return out;
}

}  // namespace

void bind_scenario(py::module_& m) {
  using models::Scenario;
  py::class_<Scenario, std::shared_ptr<Scenario>>(m, "ScenarioCore",
                                                  "A validated scenario (use toksim.Scenario, which wraps it)")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const std::vector<std::string>& sets) {
            return std::make_shared<Scenario>(models::load_scenario(path, sets));
          },
          py::arg("path"), py::arg("sets") = std::vector<std::string>{},
          "Loads and validates a scenario file (an empty path: the embedded default) with `key.path=value` "
          "overrides. Raises ScenarioError listing every problem.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& name, const std::vector<std::string>& sets) {
            return std::make_shared<Scenario>(models::parse_scenario(text, name, sets));
          },
          py::arg("text"), py::arg("name"), py::arg("sets") = std::vector<std::string>{},
          "Validates a scenario given as YAML text; `name` stands for the file in messages.")
      .def_readonly("name", &Scenario::name)
      .def_readonly("description", &Scenario::description)
      .def_readonly("seed", &Scenario::seed)
      .def_readonly("horizon", &Scenario::horizon, "seconds")
      .def_readonly("shards", &Scenario::shards)
      .def_readonly("model", &Scenario::model)
      .def_readonly("sample_every", &Scenario::sample_every, "seconds")
      .def_readonly("file", &Scenario::file)
      .def_readonly("source_text", &Scenario::source_text)
      .def_readonly("effective_yaml", &Scenario::effective_yaml)
      .def_readonly("memory_estimate", &Scenario::memory_estimate, "bytes")
      .def_property_readonly(
          "window", [](const Scenario& s) { return s.window; }, "seconds")
      .def_property_readonly("agents", [](const Scenario& s) { return models::scenario_agents(s); })
      .def_property_readonly(
          "metrics", [](const Scenario& s) { return metric_list(models::scenario_metrics(s)); },
          "The metrics a run records: name, integer, unit, scale, description")
      .def_property_readonly(
          "invariants",
          [](const Scenario& s) {
            py::list out;
            for (const models::Invariant& inv : s.invariants) {
              py::dict d;
              d["name"] = inv.name;
              d["metric"] = inv.metric;
              d["rule"] = models::describe(inv);
              d["path"] = inv.path;
              out.append(d);
            }
            return out;
          },
          "The scenario's own economic invariants (what `toksim check` evaluates)");

  m.def(
      "schema",
      [] {
        py::list out;
        for (const models::SchemaEntry& e : models::scenario_schema()) {
          py::dict d;
          d["path"] = e.path;
          d["type"] = e.type;
          d["default"] = e.default_value;
          d["doc"] = e.doc;
          out.append(d);
        }
        return out;
      },
      "Every key of the scenario schema: path, type, default and meaning (what `toksim schema` prints)");
  m.def("default_scenario_yaml", &models::default_scenario_yaml, "The embedded default scenario's YAML text");
  m.def("parse_duration", &sim::parse_duration, py::arg("text"),
        "Seconds in a duration such as '90s', '15m', '6h', '7d', '2w', '3mo', '1y' (1mo = 30d, 1y = 365d)");
  m.def("format_duration", &sim::format_duration, py::arg("seconds"),
        "The shortest exact duration string for a number of seconds");
}

}  // namespace toksim::python
