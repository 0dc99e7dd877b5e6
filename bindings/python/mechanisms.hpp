// Shared pieces of toksim._core.mechanisms (mechanisms_*.cpp): Python int <-> uint256 and int64-amount casters,
// NumPy argument helpers, and the translation of mechanism reverts into Python exceptions.
//
// Integers: Python ints have no size, the mechanisms do. The on-chain formulas bound here with uint256 (Uniswap
// V2, EIP-1559, OZ VestingWallet, the Governor's quorum) take `uint256`, Boost's checked_uint256_t: any Python
// int in [0, 2**256 - 1] converts exactly (through int.to_bytes / int.from_bytes past 64 bits), anything else
// raises OverflowError before the call. The stateful objects keep int64 base units (toksim's Tokens, MicroUsd,
// LpShares); their amounts convert through the Amount<Tag> caster, which raises OverflowError outside int64
// instead of pybind11's TypeError. A Ppm converts from an int in [0, 1,000,000] (ConfigError otherwise).
//
// Errors (guarded()): the models' reverts (AmmError, GovernorError, VotesError: the message starts with the
// contract's revert reason or custom error name) become toksim.ConfigError, a ValueError, as a bad argument to
// a mechanism; MoneyError (an exact result that does not fit its integer type, e.g. SafeMath's
// "ds-math-mul-overflow" on uint256) becomes OverflowError. ConfigError itself is errors.cpp's.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <concepts>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "toksim/models/governance/governor.hpp"
#include "toksim/models/governance/votes.hpp"
#include "toksim/models/markets/amm.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::python {

/// Solidity's uint256: arithmetic that leaves [0, 2^256) throws std::overflow_error / std::range_error.
using uint256 = boost::multiprecision::checked_uint256_t;
/// Products of two uint256 values (Math.mulDiv's 512-bit intermediate).
using uint512 = boost::multiprecision::checked_uint512_t;

/// The value of a u128 (EIP-1559 fees, staking accumulators) as a uint256, for the caster.
inline uint256 to_uint256(models::u128 v) {
  uint256 r = static_cast<std::uint64_t>(v >> 64);
  r <<= 64;
  r |= static_cast<std::uint64_t>(v);
  return r;
}

/// Arguments and results passed as the Python objects they are, named in signatures (help()) by what they may be:
/// converted by float_array / int_array / map_int64 / vectorized below. (Their casters accept any object.)
struct ArrayLike {  ///< "ArrayLike": a list or NumPy array of numbers
  pybind11::object obj;
};
struct ArrayLikes {  ///< "Sequence[ArrayLike]": one array-like per project, ballot, ...
  pybind11::object obj;
};
struct IntOrArray {  ///< "int | ArrayLike": a time or epoch, or an array of them
  pybind11::object obj;
};
struct FloatOrArray {  ///< "float | ArrayLike"
  pybind11::object obj;
};
struct SharesArg {  ///< "dict[str, int] | Sequence[tuple[str, int]]"
  pybind11::object obj;
};
struct IntResult {  ///< "int | numpy.ndarray": an int for an int argument, an int64 array for an array
  pybind11::object obj;
};
struct FloatResult {  ///< "float | numpy.ndarray"
  pybind11::object obj;
};

/// Runs f() and turns the models' reverts into Python exceptions (see the file comment).
template <class F>
decltype(auto) guarded(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const models::AmmError& e) {
    throw ConfigError(e.what());
  } catch (const models::GovernorError& e) {
    throw ConfigError(e.what());
  } catch (const models::VotesError& e) {
    throw ConfigError(e.what());
  } catch (const models::MoneyError& e) {
    throw std::overflow_error(e.what());
  }
}

/// Wraps a member function so that it runs under guarded(): `.def("swap", guard(&Pool::swap))`.
template <class R, class C, class... A>
auto guard(R (C::*f)(A...)) {
  return [f](C& self, A... a) -> R { return guarded([&]() -> R { return (self.*f)(std::forward<A>(a)...); }); };
}
template <class R, class C, class... A>
auto guard(R (C::*f)(A...) const) {
  return [f](const C& self, A... a) -> R { return guarded([&]() -> R { return (self.*f)(std::forward<A>(a)...); }); };
}

template <class R, class... A>
auto guard(R (*f)(A...)) {
  return [f](A... a) -> R { return guarded([&]() -> R { return f(std::forward<A>(a)...); }); };
}

/// A 1-D (or `ndim`-D) C-contiguous float64 array from any array-like of real numbers (ints are converted);
/// TypeError for anything else (strings, objects, complex numbers).
pybind11::array_t<double, pybind11::array::c_style> float_array(pybind11::handle obj, const char* what, int ndim = 1);
/// A 1-D (or `ndim`-D) C-contiguous int64 array from any array-like of integers; TypeError for floats (which
/// would be truncated silently) and anything else; an empty list is an empty array.
pybind11::array_t<std::int64_t, pybind11::array::c_style> int_array(pybind11::handle obj, const char* what,
                                                                    int ndim = 1);
/// A 1-D float64 array holding a copy of `v`.
pybind11::array_t<double> to_array(const std::vector<double>& v);

/// f applied to an int (a Python int, or a NumPy integer: returns a Python int) or elementwise to a 1-D
/// array-like of integers (returns an int64 array), for functions of a time or an epoch. f: int64 -> int64.
/// TypeError for floats.
template <class F>
IntResult map_int64(const IntOrArray& arg, const char* what, F&& f) {
  const pybind11::handle x = arg.obj;
  if (PyLong_Check(x.ptr()) || (PyIndex_Check(x.ptr()) && !pybind11::hasattr(x, "__len__"))) {
    const auto index = pybind11::reinterpret_steal<pybind11::object>(PyNumber_Index(x.ptr()));
    if (!index) throw pybind11::error_already_set();
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (v == -1 && PyErr_Occurred()) throw pybind11::error_already_set();
    if (overflow != 0) throw std::overflow_error(std::string(what) + ": expected an int64, found a larger int");
    return IntResult{pybind11::int_(f(static_cast<std::int64_t>(v)))};
  }
  if (!pybind11::hasattr(x, "__len__")) {
    throw pybind11::type_error(std::string(what) + ": expected an int or an array-like of ints, found " +
                               pybind11::str(pybind11::type::handle_of(x)).cast<std::string>());
  }
  const auto in = int_array(x, what);
  pybind11::array_t<std::int64_t> out(in.size());
  const std::int64_t* src = in.data();
  std::int64_t* dst = out.mutable_data();
  for (pybind11::ssize_t i = 0; i < in.size(); ++i) dst[i] = f(src[i]);
  return IntResult{out};
}

/// f (a function of doubles) on floats or NumPy arrays, broadcast elementwise by pybind11::vectorize: a float
/// for float arguments, a float64 array otherwise.
template <class... A>
FloatResult vectorized(double (*f)(A...), const std::same_as<FloatOrArray> auto&... args) {
  static_assert(sizeof...(A) == sizeof...(args));
  return FloatResult{pybind11::vectorize(f)(pybind11::array_t<double, pybind11::array::forcecast>(args.obj)...)};
}

// One binder per area (mechanisms_*.cpp), each filling its submodule of toksim._core.mechanisms.
void bind_amm(pybind11::module_& m);
void bind_eip1559(pybind11::module_& m);
void bind_vesting(pybind11::module_& m);
void bind_issuance(pybind11::module_& m);
void bind_filecoin(pybind11::module_& m);
void bind_staking(pybind11::module_& m);
void bind_revenue_split(pybind11::module_& m);
void bind_governor(pybind11::module_& m);
void bind_voting(pybind11::module_& m);
void bind_quadratic_funding(pybind11::module_& m);
void bind_conviction(pybind11::module_& m);
void bind_inequality(pybind11::module_& m);

}  // namespace toksim::python

namespace pybind11::detail {

#define TOKSIM_PY_OBJECT_CASTER(T, NAME)                                                    \
  template <>                                                                               \
  struct type_caster<T> {                                                                   \
   public:                                                                                  \
    PYBIND11_TYPE_CASTER(T, const_name(NAME));                                              \
    bool load(handle src, bool) {                                                           \
      if (!src) return false;                                                               \
      value.obj = reinterpret_borrow<object>(src);                                          \
      return true;                                                                          \
    }                                                                                       \
    static handle cast(const T& v, return_value_policy, handle) { return v.obj.inc_ref(); } \
  }

TOKSIM_PY_OBJECT_CASTER(toksim::python::ArrayLike, "ArrayLike");
TOKSIM_PY_OBJECT_CASTER(toksim::python::ArrayLikes, "Sequence[ArrayLike]");
TOKSIM_PY_OBJECT_CASTER(toksim::python::IntOrArray, "int | ArrayLike");
TOKSIM_PY_OBJECT_CASTER(toksim::python::FloatOrArray, "float | ArrayLike");
TOKSIM_PY_OBJECT_CASTER(toksim::python::SharesArg, "dict[str, int] | Sequence[tuple[str, int]]");
TOKSIM_PY_OBJECT_CASTER(toksim::python::IntResult, "int | numpy.ndarray");
TOKSIM_PY_OBJECT_CASTER(toksim::python::FloatResult, "float | numpy.ndarray");
#undef TOKSIM_PY_OBJECT_CASTER

/// `src` as a Python int: itself, or (when converting) its __index__ (NumPy integers); a null object for
/// anything else, floats included.
inline object toksim_index_of(handle src, bool convert) {
  if (!src || PyFloat_Check(src.ptr())) return object();
  if (PyLong_Check(src.ptr())) return reinterpret_borrow<object>(src);
  if (!convert || !PyIndex_Check(src.ptr())) return object();
  object index = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
  if (!index) PyErr_Clear();
  return index;
}

/// Python int <-> uint256, exactly. Accepts int and objects with __index__ (NumPy integers), never floats.
template <>
struct type_caster<toksim::python::uint256> {
 public:
  PYBIND11_TYPE_CASTER(toksim::python::uint256, const_name("int"));

  bool load(handle src, bool convert) {
    const object index = toksim_index_of(src, convert);
    if (!index) return false;
    int overflow = 0;
    const long long small = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (small == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      return false;
    }
    if (overflow == 0 && small >= 0) {
      value = static_cast<unsigned long long>(small);
      return true;
    }
    if (overflow < 0 || (overflow == 0 && small < 0) || index.attr("bit_length")().cast<std::size_t>() > 256) {
      throw std::overflow_error("expected a uint256, an int in [0, 2**256 - 1], found " + describe(index));
    }
    const bytes b = index.attr("to_bytes")(32, "big");
    const std::string s = b;
    boost::multiprecision::import_bits(value, s.begin(), s.end(), 8, true);
    return true;
  }

  static handle cast(const toksim::python::uint256& v, return_value_policy, handle) {
    if (v <= std::numeric_limits<unsigned long long>::max()) {
      return PyLong_FromUnsignedLongLong(static_cast<unsigned long long>(v));
    }
    std::string s;
    boost::multiprecision::export_bits(v, std::back_inserter(s), 8, true);
    const bytes b(s);
    return reinterpret_borrow<object>(reinterpret_cast<PyObject*>(&PyLong_Type)).attr("from_bytes")(b, "big").release();
  }

 private:
  static std::string describe(const object& i) {
    const auto bits = i.attr("bit_length")().cast<std::size_t>();
    if (bits > 300) return "an int of " + std::to_string(bits) + " bits";
    return str(i).cast<std::string>();
  }
};

/// Python int <-> toksim's int64 base-unit amounts (Tokens, MicroUsd, LpShares): OverflowError outside int64.
template <class Tag>
struct type_caster<toksim::models::Amount<Tag>> {
 public:
  PYBIND11_TYPE_CASTER(toksim::models::Amount<Tag>, const_name("int"));

  bool load(handle src, bool convert) {
    const object index = toksim_index_of(src, convert);
    if (!index) return false;
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (v == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      return false;
    }
    if (overflow != 0) {
      throw std::overflow_error(
          "expected an amount in int64 base units, an int in [-2**63, 2**63 - 1] (toksim's stateful mechanisms "
          "keep int64 balances), found an int of " +
          std::to_string(index.attr("bit_length")().cast<std::size_t>()) + " bits");
    }
    value = toksim::models::Amount<Tag>(static_cast<std::int64_t>(v));
    return true;
  }

  static handle cast(const toksim::models::Amount<Tag>& v, return_value_policy, handle) {
    return PyLong_FromLongLong(static_cast<long long>(v.raw()));
  }
};

/// Python int <-> parts per million: ConfigError outside [0, 1,000,000].
template <>
struct type_caster<toksim::models::Ppm> {
 public:
  PYBIND11_TYPE_CASTER(toksim::models::Ppm, const_name("int"));

  bool load(handle src, bool convert) {
    if (!src || PyFloat_Check(src.ptr())) return false;
    if (!PyLong_Check(src.ptr()) && (!convert || !PyIndex_Check(src.ptr()))) return false;
    const object index = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
    if (!index) {
      PyErr_Clear();
      return false;
    }
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (v == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      return false;
    }
    if (overflow != 0 || v < 0 || v > toksim::models::Ppm::kWhole) {
      throw toksim::ConfigError("expected a share in parts per million, an int in [0, 1000000], found " +
                                str(index).cast<std::string>());
    }
    value = toksim::models::Ppm(v);
    return true;
  }

  static handle cast(const toksim::models::Ppm& v, return_value_policy, handle) {
    return PyLong_FromLongLong(static_cast<long long>(v.raw()));
  }
};

}  // namespace pybind11::detail
