// toksim's exceptions as Python sees them: a scenario that cannot be used is a toksim.ScenarioError (a
// ValueError, with every problem's file:line:col message and a `diagnostics` list); a bad argument to a
// mechanism is a toksim.ConfigError (a ValueError); a breach of conservation and a broken model contract are
// RuntimeErrors of their own types.
#include <pybind11/pybind11.h>

#include "bind.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/models/scenario/diagnostic.hpp"

namespace py = pybind11;

namespace toksim::python {

void bind_errors(py::module_& m) {
  static py::exception<models::ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  static py::exception<ConfigError> config_error(m, "ConfigError", PyExc_ValueError);
  static py::exception<ParseError> parse_error(m, "ParseError", PyExc_ValueError);
  static py::exception<models::ConservationError> conservation_error(m, "ConservationError", PyExc_RuntimeError);
  static py::exception<ModelError> model_error(m, "ModelError", PyExc_RuntimeError);
  static py::exception<Error> error(m, "Error", PyExc_RuntimeError);
  scenario_error.doc() = "A scenario that cannot be used: str() lists every problem as FILE:LINE:COL: key.path: ...";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const models::ScenarioError& e) {
      py::list diags;
      for (const models::Diagnostic& d : e.diagnostics()) {
        py::dict x;
        x["file"] = d.origin.file;
        x["line"] = d.origin.line;
        x["column"] = d.origin.column;
        x["set"] = d.origin.set_path;
        x["path"] = d.path;
        x["message"] = d.message;
        x["text"] = d.str();
        diags.append(x);
      }
      py::object exc = py::reinterpret_borrow<py::object>(scenario_error.ptr())(e.what());
      exc.attr("diagnostics") = diags;
      PyErr_SetObject(scenario_error.ptr(), exc.ptr());
    } catch (const ConfigError& e) {
      PyErr_SetString(config_error.ptr(), e.what());
    } catch (const ParseError& e) {
      PyErr_SetString(parse_error.ptr(), e.what());
    } catch (const models::ConservationError& e) {
      PyErr_SetString(conservation_error.ptr(), e.what());
    } catch (const ModelError& e) {
      PyErr_SetString(model_error.ptr(), e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });
}

}  // namespace toksim::python
