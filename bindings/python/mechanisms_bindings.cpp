// toksim._core.mechanisms: the mechanism modules callable on their own (being written).
#include "bind.hpp"

namespace py = pybind11;

namespace toksim::python {

void bind_mechanisms(py::module_& m) {
  m.def_submodule("mechanisms", "The mechanisms on their own: pure functions and small objects");
}

}  // namespace toksim::python
