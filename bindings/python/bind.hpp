// The pieces of the `toksim._core` extension module: each binds one area of the library into the module
// (errors, scenarios, simulations and sweeps, mechanisms), called in that order from module.cpp.
#pragma once

#include <pybind11/pybind11.h>

namespace toksim::python {

/// ScenarioError (a ValueError), ConservationError, ModelError and ConfigError, and the C++ -> Python
/// translation of toksim's exceptions.
void bind_errors(pybind11::module_& m);
/// Scenario: from_yaml, from_dict, with_overrides, validate, the schema and metric catalogues.
void bind_scenario(pybind11::module_& m);
/// Simulation: run, step, metrics and agent columns as NumPy views; and the sweep runner.
void bind_simulation(pybind11::module_& m);
/// toksim._core.mechanisms: the mechanism modules as pure functions and small objects.
void bind_mechanisms(pybind11::module_& m);

}  // namespace toksim::python
