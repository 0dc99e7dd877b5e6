// H5Reader, on the HDF5 C API with small RAII handles (hdf5.h stays in here), and read_metric on top of it.
#include "toksim/io/run_reader.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include "h5_detail.hpp"
#include "toksim/sim/error.hpp"
#include "value_text.hpp"

namespace toksim::io {
namespace {

using h5::h5_error_detail;
using h5::Handle;
using h5::Silencer;

std::string dtype_of(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t bits = H5Tget_size(type) * 8;
  switch (cls) {
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
    case H5T_FLOAT:
      return "float" + std::to_string(bits);
    case H5T_STRING:
      return "string";
    case H5T_TIME:
      return "other(time)";
    case H5T_BITFIELD:
      return "other(bitfield)";
    case H5T_OPAQUE:
      return "other(opaque)";
    case H5T_COMPOUND:
      return "other(compound)";
    case H5T_REFERENCE:
      return "other(reference)";
    case H5T_ENUM:
      return "other(enum)";
    case H5T_VLEN:
      return "other(vlen)";
    case H5T_ARRAY:
      return "other(array)";
    default:
      return "other(unknown)";
  }
}

/// Reads string values of a dataset or attribute (fixed or variable length) through `read(memtype, buf)`.
template <class Read>
bool read_string_values(hid_t ftype, std::size_t n, Read read, std::vector<std::string>& out) {
  out.clear();
  if (H5Tis_variable_str(ftype) > 0) {
    Handle mt(H5Tcopy(H5T_C_S1));
    if (mt.get() < 0 || H5Tset_size(mt.get(), H5T_VARIABLE) < 0 || H5Tset_cset(mt.get(), H5Tget_cset(ftype)) < 0)
      return false;
    std::vector<char*> ptrs(n, nullptr);
    if (n > 0 && read(mt.get(), ptrs.data()) < 0) return false;
    out.reserve(n);
    for (char* p : ptrs) {
      out.emplace_back(p != nullptr ? p : "");
      if (p != nullptr) H5free_memory(p);
    }
    return true;
  }
  const std::size_t size = H5Tget_size(ftype);
  if (size == 0) return false;
  Handle mt(H5Tcopy(ftype));
  if (mt.get() < 0) return false;
  std::vector<char> buf(n * size);
  if (n > 0 && read(mt.get(), buf.data()) < 0) return false;
  const H5T_str_t pad = H5Tget_strpad(ftype);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * size, size);
    if (const auto z = s.find('\0'); z != std::string::npos) s.resize(z);
    if (pad == H5T_STR_SPACEPAD) {
      while (!s.empty() && s.back() == ' ') s.pop_back();
    }
    out.push_back(std::move(s));
  }
  return true;
}

}  // namespace

struct H5Reader::Impl {
  std::filesystem::path file_path;
  std::string label;
  Handle file;

  ~Impl() {
    Silencer quiet;
    file.close();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("HDF5 file " + label + ": " + what + ": " + h5_error_detail());
  }
  [[noreturn]] void misuse(const std::string& what) const { throw Error("HDF5 file " + label + ": " + what); }
  hid_t check(hid_t id, const std::string& what) const {
    if (id < 0) fail(what);
    return id;
  }

  /// True when every link along `path` exists (and so the object can be opened).
  bool path_exists(std::string_view path) const {
    if (path == "/" || path.empty()) return true;
    std::string prefix;
    std::size_t pos = path.front() == '/' ? 1 : 0;
    while (pos <= path.size()) {
      const std::size_t next = std::min(path.find('/', pos), path.size());
      prefix = std::string(path.substr(0, next));
      if (next > pos) {
        const htri_t e = H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT);
        if (e <= 0) {
          H5Eclear2(H5E_DEFAULT);
          return false;
        }
      }
      pos = next + 1;
    }
    return true;
  }

  /// Opens the object at `path`, or returns an invalid handle if there is none.
  Handle try_open(std::string_view path) const {
    if (!path_exists(path)) return Handle();
    const std::string p(path.empty() ? "/" : path);
    const hid_t id = H5Oopen(file.get(), p.c_str(), H5P_DEFAULT);
    if (id < 0) H5Eclear2(H5E_DEFAULT);
    return Handle(id);
  }

  Handle open_object(std::string_view path) const {
    Handle h = try_open(path);
    if (h.get() < 0) misuse("no object " + std::string(path));
    return h;
  }

  Handle open_dataset(std::string_view path) const {
    Handle h = try_open(path);
    if (h.get() < 0 || H5Iget_type(h.get()) != H5I_DATASET) misuse("no dataset " + std::string(path));
    return h;
  }

  H5Dataset describe(hid_t ds, std::string path) const {
    H5Dataset d;
    d.path = std::move(path);
    Handle type(check(H5Dget_type(ds), "cannot read the type of " + d.path));
    const H5T_class_t cls = H5Tget_class(type.get());
    d.type = cls == H5T_FLOAT ? H5Type::Float64 : H5Type::Int64;
    d.dtype = dtype_of(type.get());
    Handle space(check(H5Dget_space(ds), "cannot read the shape of " + d.path));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail("cannot read the shape of " + d.path);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
      fail("cannot read the shape of " + d.path);
    d.shape.assign(dims.begin(), dims.end());
    return d;
  }

  /// A scalar attribute keeps its type; an array reads as its text, "[a, b, ...]".
  template <class T, class Text>
  static void set_value(H5Attr& out, const std::vector<T>& v, bool scalar, Text text) {
    if (scalar && v.size() == 1) {
      out.value = v[0];
      return;
    }
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + text(v[i]);
    out.value = s + "]";
  }

  H5Attr read_attr(hid_t obj, const std::string& obj_path, const std::string& name) const {
    const std::string what = "cannot read attribute " + name + " of " + obj_path;
    Handle attr(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), what));
    Handle type(check(H5Aget_type(attr.get()), what));
    Handle space(check(H5Aget_space(attr.get()), what));
    const hssize_t npoints = H5Sget_simple_extent_npoints(space.get());
    if (npoints < 0) fail(what);
    const auto n = static_cast<std::size_t>(npoints);
    const bool scalar = H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
    H5Attr out{name, std::int64_t{0}};
    switch (H5Tget_class(type.get())) {
      case H5T_INTEGER: {
        std::vector<std::int64_t> v(n);
        if (n > 0 && H5Aread(attr.get(), H5T_NATIVE_INT64, v.data()) < 0) fail(what);
        set_value(out, v, scalar, [](const auto& x) { return std::to_string(x); });
        break;
      }
      case H5T_FLOAT: {
        std::vector<double> v(n);
        if (n > 0 && H5Aread(attr.get(), H5T_NATIVE_DOUBLE, v.data()) < 0) fail(what);
        set_value(out, v, scalar, [](const auto& x) { return format_real(x); });
        break;
      }
      case H5T_STRING: {
        std::vector<std::string> v;
        const hid_t a = attr.get();
        if (!read_string_values(
                type.get(), n, [a](hid_t mt, void* buf) { return H5Aread(a, mt, buf); }, v))
          fail(what);
        set_value(out, v, scalar, [](const auto& x) { return dq(x); });
        break;
      }
      default:
        out.value = "<unsupported: " + dtype_of(type.get()) + ">";
        break;
    }
    return out;
  }

  std::vector<H5Attr> read_attrs(hid_t obj, const std::string& obj_path) const {
    std::vector<std::string> names;
    hsize_t idx = 0;
    const auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    if (H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names) < 0)
      fail("cannot list the attributes of " + obj_path);
    std::sort(names.begin(), names.end());
    // The dimension-scale bookkeeping (H5DS: object references between /time and the series) is structure,
    // not content: the datasets it links are compared themselves.
    std::erase_if(names, [](const std::string& n) {
      return n == "CLASS" || n == "NAME" || n == "DIMENSION_LIST" || n == "REFERENCE_LIST";
    });
    std::vector<H5Attr> out;
    out.reserve(names.size());
    for (const std::string& n : names) out.push_back(read_attr(obj, obj_path, n));
    return out;
  }

  /// The attribute `attr` of the dataset at `path` as a T (std::string, or double, which also takes an integer
  /// attribute): nullopt if the attribute is absent; misuse if the dataset is absent or the attribute of another kind.
  template <class T>
  std::optional<T> dataset_attr(std::string_view path, std::string_view attr) const {
    Silencer quiet;
    const std::string p(path);
    const std::string a(attr);
    Handle ds = open_dataset(p);
    const htri_t e = H5Aexists(ds.get(), a.c_str());
    if (e < 0) fail("cannot check attribute " + a + " of " + p);
    if (e == 0) return std::nullopt;
    H5Attr v = read_attr(ds.get(), p, a);
    if (auto* x = std::get_if<T>(&v.value)) return std::move(*x);
    if constexpr (std::is_same_v<T, double>) {
      if (const auto* i = std::get_if<std::int64_t>(&v.value)) return static_cast<double>(*i);
      misuse("attribute " + a + " of " + p + " is not a number");
    } else {
      misuse("attribute " + a + " of " + p + " is not a string");
    }
  }
};

H5Reader::H5Reader(const std::filesystem::path& path) {
  Silencer quiet;
  auto impl = std::make_unique<Impl>();
  impl->file_path = path;
  impl->label = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error("cannot open " + impl->label + " as HDF5: no such file");
  if (!std::filesystem::is_regular_file(path, ec)) throw Error("cannot open " + impl->label + " as HDF5: not a file");
  const htri_t is = H5Fis_hdf5(impl->label.c_str());
  if (is == 0) throw Error("cannot open " + impl->label + " as HDF5: not an HDF5 file");
  if (is < 0) throw Error("cannot open " + impl->label + " as HDF5: " + h5_error_detail());
  const hid_t f = H5Fopen(impl->label.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw Error("cannot open " + impl->label + " as HDF5: " + h5_error_detail());
  impl->file = Handle(f);
  impl_ = std::move(impl);
}

H5Reader::~H5Reader() = default;
H5Reader::H5Reader(H5Reader&&) noexcept = default;
H5Reader& H5Reader::operator=(H5Reader&&) noexcept = default;

const std::filesystem::path& H5Reader::path() const { return impl_->file_path; }

std::vector<H5Attr> H5Reader::root_attrs() const { return attrs("/"); }

std::optional<H5Attr> H5Reader::root_attr(std::string_view name) const {
  Silencer quiet;
  const std::string n(name);
  const htri_t e = H5Aexists_by_name(impl_->file.get(), "/", n.c_str(), H5P_DEFAULT);
  if (e < 0) impl_->fail("cannot check root attribute " + n);
  if (e == 0) return std::nullopt;
  Handle root(impl_->check(H5Oopen(impl_->file.get(), "/", H5P_DEFAULT), "cannot open the root group"));
  return impl_->read_attr(root.get(), "/", n);
}

std::vector<H5Attr> H5Reader::attrs(std::string_view path) const {
  Silencer quiet;
  Handle obj = impl_->open_object(path);
  return impl_->read_attrs(obj.get(), std::string(path));
}

std::vector<H5Dataset> H5Reader::datasets() const {
  Silencer quiet;
  struct Visit {
    const Impl* impl;
    std::vector<H5Dataset> out;
    bool failed = false;
    std::string error;
  } v{impl_.get(), {}, false, {}};
  const auto cb = [](hid_t loc, const char* name, const H5L_info_t* info, void* data) -> herr_t {
    auto* vis = static_cast<Visit*>(data);
    if (info->type != H5L_TYPE_HARD) return 0;
    const hid_t id = H5Oopen(loc, name, H5P_DEFAULT);
    if (id < 0) {
      H5Eclear2(H5E_DEFAULT);
      return 0;
    }
    Handle obj(id);
    if (H5Iget_type(obj.get()) != H5I_DATASET) return 0;
    try {
      vis->out.push_back(vis->impl->describe(obj.get(), "/" + std::string(name)));
    } catch (const std::exception& e) {
      vis->failed = true;
      vis->error = e.what();
      return -1;
    }
    return 0;
  };
  const herr_t st = H5Lvisit(impl_->file.get(), H5_INDEX_NAME, H5_ITER_INC, cb, &v);
  if (v.failed) throw Error(v.error);
  if (st < 0) impl_->fail("cannot list the datasets");
  std::sort(v.out.begin(), v.out.end(), [](const H5Dataset& x, const H5Dataset& y) { return x.path < y.path; });
  return std::move(v.out);
}

std::optional<H5Dataset> H5Reader::dataset(std::string_view path) const {
  Silencer quiet;
  Handle h = impl_->try_open(path);
  if (h.get() < 0 || H5Iget_type(h.get()) != H5I_DATASET) return std::nullopt;
  return impl_->describe(h.get(), std::string(path));
}

std::vector<std::int64_t> H5Reader::read_i64(std::string_view path) const {
  Silencer quiet;
  const std::string p(path);
  Handle ds = impl_->open_dataset(p);
  const H5Dataset d = impl_->describe(ds.get(), p);
  if (d.dtype.find("int") != 0 && d.dtype.find("uint") != 0) impl_->misuse("read_i64(): " + p + " is " + d.dtype);
  Handle space(impl_->check(H5Dget_space(ds.get()), "cannot read " + p));
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) impl_->fail("cannot read " + p);
  std::vector<std::int64_t> out(static_cast<std::size_t>(n));
  if (n > 0 && H5Dread(ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    impl_->fail("cannot read " + p);
  return out;
}

std::vector<double> H5Reader::read_f64(std::string_view path) const {
  Silencer quiet;
  const std::string p(path);
  Handle ds = impl_->open_dataset(p);
  const H5Dataset d = impl_->describe(ds.get(), p);
  if (d.dtype.find("float") != 0) impl_->misuse("read_f64(): " + p + " is " + d.dtype);
  Handle space(impl_->check(H5Dget_space(ds.get()), "cannot read " + p));
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) impl_->fail("cannot read " + p);
  std::vector<double> out(static_cast<std::size_t>(n));
  if (n > 0 && H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    impl_->fail("cannot read " + p);
  return out;
}

std::vector<std::string> H5Reader::read_strings(std::string_view path) const {
  Silencer quiet;
  const std::string p(path);
  Handle ds = impl_->open_dataset(p);
  Handle type(impl_->check(H5Dget_type(ds.get()), "cannot read " + p));
  if (H5Tget_class(type.get()) != H5T_STRING) impl_->misuse("read_strings(): " + p + " is " + dtype_of(type.get()));
  Handle space(impl_->check(H5Dget_space(ds.get()), "cannot read " + p));
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) impl_->fail("cannot read " + p);
  std::vector<std::string> out;
  const hid_t d = ds.get();
  if (!read_string_values(
          type.get(), static_cast<std::size_t>(n),
          [d](hid_t mt, void* buf) { return H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); }, out))
    impl_->fail("cannot read " + p);
  return out;
}

std::optional<std::string> H5Reader::dataset_attr_string(std::string_view path, std::string_view attr) const {
  return impl_->dataset_attr<std::string>(path, attr);
}

std::optional<double> H5Reader::dataset_attr_double(std::string_view path, std::string_view attr) const {
  return impl_->dataset_attr<double>(path, attr);
}

std::vector<double> read_metric(const H5Reader& r, std::string_view name, NanValues nan) {
  const std::string path = "/metrics/" + std::string(name);
  const std::optional<H5Dataset> d = r.dataset(path);
  std::vector<double> out;
  if (!d) return out;
  const double scale = r.dataset_attr_double(path, "scale").value_or(1.0);
  const auto add = [&](double x) {
    if (nan == NanValues::Keep || !std::isnan(x)) out.push_back(x);
  };
  if (d->type == H5Type::Int64) {
    for (const std::int64_t x : r.read_i64(path)) add(static_cast<double>(x) * scale);
  } else {
    for (const double x : r.read_f64(path)) add(x * scale);
  }
  return out;
}

}  // namespace toksim::io
