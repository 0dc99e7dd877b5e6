// toksim._core: the compiled half of the `toksim` Python package (bindings/python/toksim wraps it).
#include <pybind11/pybind11.h>

#include "bind.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "toksim's compiled core: scenarios, simulations and mechanisms (use the `toksim` package)";
  m.attr("__version__") = TOKSIM_VERSION_STRING;
  m.attr("git_sha") = TOKSIM_GIT_SHA;
  toksim::python::bind_errors(m);
  toksim::python::bind_scenario(m);
  toksim::python::bind_simulation(m);
  toksim::python::bind_mechanisms(m);
}
