// H5Reader and h5_diff, on the HDF5 C API with small RAII handles (hdf5.h stays in here).
#include "toksim/io/run_reader.hpp"

#include <hdf5.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "h5_detail.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::io {
namespace {

using h5::Handle;
using h5::h5_error_detail;
using h5::Silencer;

std::string format_double(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string format_float(float v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string dtype_of(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t bits = H5Tget_size(type) * 8;
  switch (cls) {
    case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
    case H5T_FLOAT: return "float" + std::to_string(bits);
    case H5T_STRING: return "string";
    case H5T_TIME: return "other(time)";
    case H5T_BITFIELD: return "other(bitfield)";
    case H5T_OPAQUE: return "other(opaque)";
    case H5T_COMPOUND: return "other(compound)";
    case H5T_REFERENCE: return "other(reference)";
    case H5T_ENUM: return "other(enum)";
    case H5T_VLEN: return "other(vlen)";
    case H5T_ARRAY: return "other(array)";
    default: return "other(unknown)";
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

std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

/// A short one-line quotation of `s` around byte `at`.
std::string snippet(const std::string& s, std::size_t at) {
  const std::size_t from = at > 20 ? at - 20 : 0;
  std::string out = from > 0 ? "..." : "";
  for (std::size_t i = from; i < s.size() && i < from + 60; ++i) {
    if (s[i] == '\n') out += "\\n";
    else if (s[i] == '\t') out += "\\t";
    else out += s[i];
  }
  if (from + 60 < s.size()) out += "...";
  return dq(out);
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
        set_value(out, v, scalar, [](const auto& x) { return format_double(x); });
        break;
      }
      case H5T_STRING: {
        std::vector<std::string> v;
        const hid_t a = attr.get();
        if (!read_string_values(type.get(), n, [a](hid_t mt, void* buf) { return H5Aread(a, mt, buf); }, v)) fail(what);
        set_value(out, v, scalar, [](const auto& x) { return dq(x); });
        break;
      }
      default: out.value = "<unsupported: " + dtype_of(type.get()) + ">"; break;
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
  if (!read_string_values(type.get(), static_cast<std::size_t>(n),
                          [d](hid_t mt, void* buf) { return H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); }, out))
    impl_->fail("cannot read " + p);
  return out;
}

std::optional<std::string> H5Reader::dataset_attr_string(std::string_view path, std::string_view attr) const {
  Silencer quiet;
  const std::string p(path);
  const std::string a(attr);
  Handle ds = impl_->open_dataset(p);
  const htri_t e = H5Aexists(ds.get(), a.c_str());
  if (e < 0) impl_->fail("cannot check attribute " + a + " of " + p);
  if (e == 0) return std::nullopt;
  H5Attr v = impl_->read_attr(ds.get(), p, a);
  if (auto* s = std::get_if<std::string>(&v.value)) return std::move(*s);
  impl_->misuse("attribute " + a + " of " + p + " is not a string");
}

std::optional<double> H5Reader::dataset_attr_double(std::string_view path, std::string_view attr) const {
  Silencer quiet;
  const std::string p(path);
  const std::string a(attr);
  Handle ds = impl_->open_dataset(p);
  const htri_t e = H5Aexists(ds.get(), a.c_str());
  if (e < 0) impl_->fail("cannot check attribute " + a + " of " + p);
  if (e == 0) return std::nullopt;
  const H5Attr v = impl_->read_attr(ds.get(), p, a);
  if (const auto* d = std::get_if<double>(&v.value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v.value)) return static_cast<double>(*i);
  impl_->misuse("attribute " + a + " of " + p + " is not a number");
}

// ---------------------------------------------------------------------------------------------------------------
// h5_diff

namespace {

const char* kind_name(const H5Attr& a) {
  switch (a.value.index()) {
    case 0: return "int64";
    case 1: return "float64";
    default: return "string";
  }
}

bool same_value(const H5Attr& x, const H5Attr& y) {
  if (x.value.index() != y.value.index()) return false;
  if (const auto* dx = std::get_if<double>(&x.value))
    return std::bit_cast<std::uint64_t>(*dx) == std::bit_cast<std::uint64_t>(std::get<double>(y.value));
  return x.value == y.value;
}

std::string show(const H5Attr& a) {
  if (const auto* i = std::get_if<std::int64_t>(&a.value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&a.value)) return format_double(*d);
  return dq(std::get<std::string>(a.value));
}

/// "x vs y" for two differing attribute values (strings: short ones whole, long ones around the first difference).
std::string show_pair(const H5Attr& x, const H5Attr& y) {
  if (x.value.index() != y.value.index()) {
    return show(x) + " (" + kind_name(x) + ") vs " + show(y) + " (" + kind_name(y) + ")";
  }
  if (const auto* sx = std::get_if<std::string>(&x.value)) {
    const auto& sy = std::get<std::string>(y.value);
    if (sx->size() <= 60 && sy.size() <= 60 && sx->find('\n') == std::string::npos &&
        sy.find('\n') == std::string::npos)
      return dq(*sx) + " vs " + dq(sy);
    std::size_t at = 0;
    while (at < sx->size() && at < sy.size() && (*sx)[at] == sy[at]) ++at;
    return "strings differ at byte " + std::to_string(at) + ": " + snippet(*sx, at) + " vs " + snippet(sy, at);
  }
  return show(x) + " vs " + show(y);
}

/// First difference between two name-sorted attribute lists (names in `ignore` skipped), or "".
std::string diff_attrs(const std::vector<H5Attr>& a, const std::vector<H5Attr>& b, std::span<const std::string> ignore,
                       const std::string& prefix, const std::string& la, const std::string& lb) {
  const auto ignored = [&](const std::string& n) { return std::find(ignore.begin(), ignore.end(), n) != ignore.end(); };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && ignored(a[i].name)) {
      ++i;
      continue;
    }
    if (j < b.size() && ignored(b[j].name)) {
      ++j;
      continue;
    }
    if (j == b.size() || (i < a.size() && a[i].name < b[j].name)) return prefix + a[i].name + " only in " + la;
    if (i == a.size() || b[j].name < a[i].name) return prefix + b[j].name + " only in " + lb;
    if (!same_value(a[i], b[j])) return prefix + a[i].name + ": " + show_pair(a[i], b[j]);
    ++i;
    ++j;
  }
  return {};
}

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string index_text(std::uint64_t flat, const std::vector<std::uint64_t>& shape) {
  if (shape.size() <= 1) return std::to_string(flat);
  std::vector<std::uint64_t> idx(shape.size());
  for (std::size_t k = shape.size(); k-- > 0;) {
    idx[k] = shape[k] == 0 ? 0 : flat % shape[k];
    flat = shape[k] == 0 ? 0 : flat / shape[k];
  }
  return shape_text(idx);
}

/// One element of native type `mt` at `p`, as text.

/// An integer of `size` bytes (1, 2, 4 or 8) at p, widened to 64 bits with the sign of the types given.
template <class T1, class T2, class T4, class T8>
T8 widen(const unsigned char* p, std::size_t size) {
  const auto read = [p](auto x) {
    std::memcpy(&x, p, sizeof x);
    return static_cast<T8>(x);
  };
  switch (size) {
    case 1: return read(T1{});
    case 2: return read(T2{});
    case 4: return read(T4{});
    default: return read(T8{});
  }
}

std::string element_text(hid_t mt, const unsigned char* p) {
  const std::size_t size = H5Tget_size(mt);
  const H5T_class_t cls = H5Tget_class(mt);
  if (cls == H5T_INTEGER && size <= 8) {
    if (H5Tget_sign(mt) != H5T_SGN_NONE) return std::to_string(widen<std::int8_t, std::int16_t, std::int32_t, std::int64_t>(p, size));
    return std::to_string(widen<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>(p, size));
  }
  if (cls == H5T_FLOAT && size == sizeof(double)) {
    double v;
    std::memcpy(&v, p, sizeof v);
    return format_double(v);
  }
  if (cls == H5T_FLOAT && size == sizeof(float)) {
    float v;
    std::memcpy(&v, p, sizeof v);
    return format_float(v);
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string s = "0x";
  for (std::size_t i = 0; i < size; ++i) {
    s += hex[p[i] >> 4];
    s += hex[p[i] & 15];
  }
  return s;
}

/// Opens `path` read-only for h5_diff's element reads (the H5Reader already checked that it is HDF5).
Handle open_raw(const std::filesystem::path& path) {
  const hid_t f = H5Fopen(path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw Error("cannot open " + path.string() + " as HDF5: " + h5_error_detail());
  return Handle(f);
}

[[noreturn]] void diff_fail(const std::string& path, const std::string& file) {
  throw Error("h5_diff: cannot read " + path + " in " + file + ": " + h5_error_detail());
}

/// Compares two datasets of equal dtype and shape element by element, in blocks of whole rows of about
/// 2^20 elements; "" when equal. `ra`/`rb` are used for string datasets.
std::string diff_elements(const H5Reader& ra, const H5Reader& rb, hid_t fa, hid_t fb, const H5Dataset& d) {
  std::uint64_t total = 1;
  for (const std::uint64_t n : d.shape) total *= n;
  if (total == 0) return {};

  if (d.dtype == "string") {
    const std::vector<std::string> x = ra.read_strings(d.path);
    const std::vector<std::string> y = rb.read_strings(d.path);
    for (std::size_t k = 0; k < x.size() && k < y.size(); ++k) {
      if (x[k] != y[k]) {
        const H5Attr ax{"", x[k]};
        const H5Attr ay{"", y[k]};
        return d.path + ": first difference at index " + index_text(k, d.shape) + ": " + show_pair(ax, ay);
      }
    }
    return {};
  }

  Handle dsa(H5Dopen2(fa, d.path.c_str(), H5P_DEFAULT));
  if (dsa.get() < 0) diff_fail(d.path, ra.path().string());
  Handle dsb(H5Dopen2(fb, d.path.c_str(), H5P_DEFAULT));
  if (dsb.get() < 0) diff_fail(d.path, rb.path().string());
  Handle ftype(H5Dget_type(dsa.get()));
  if (ftype.get() < 0) diff_fail(d.path, ra.path().string());
  if (H5Tdetect_class(ftype.get(), H5T_VLEN) != 0 || H5Tdetect_class(ftype.get(), H5T_STRING) != 0 ||
      H5Tdetect_class(ftype.get(), H5T_REFERENCE) != 0) {
    return d.path + ": cannot compare elements of type " + d.dtype + " (variable-length or reference members)";
  }
  Handle mtype(H5Tget_native_type(ftype.get(), H5T_DIR_ASCEND));
  if (mtype.get() < 0) diff_fail(d.path, ra.path().string());
  const std::size_t esize = H5Tget_size(mtype.get());

  const int rank = static_cast<int>(d.shape.size());
  std::vector<hsize_t> start(d.shape.size(), 0);
  std::vector<hsize_t> count(d.shape.begin(), d.shape.end());
  const std::uint64_t rows = rank == 0 ? 1 : d.shape[0];
  const std::uint64_t row_elems = rank == 0 ? 1 : total / rows;
  const std::uint64_t rows_per_block = std::max<std::uint64_t>(1, (std::uint64_t{1} << 20) / row_elems);
  std::vector<unsigned char> bufa;
  std::vector<unsigned char> bufb;
  for (std::uint64_t r0 = 0; r0 < rows; r0 += rows_per_block) {
    const std::uint64_t nr = std::min(rows_per_block, rows - r0);
    const std::size_t nelem = static_cast<std::size_t>(nr * row_elems);
    bufa.resize(nelem * esize);
    bufb.resize(nelem * esize);
    const auto read_block = [&](hid_t ds, unsigned char* buf, const std::string& file) {
      if (rank == 0) {
        if (H5Dread(ds, mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) diff_fail(d.path, file);
        return;
      }
      start[0] = r0;
      count[0] = nr;
      Handle fspace(H5Dget_space(ds));
      if (fspace.get() < 0 ||
          H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
        diff_fail(d.path, file);
      Handle mspace(H5Screate_simple(rank, count.data(), nullptr));
      if (mspace.get() < 0 || H5Dread(ds, mtype.get(), mspace.get(), fspace.get(), H5P_DEFAULT, buf) < 0)
        diff_fail(d.path, file);
    };
    read_block(dsa.get(), bufa.data(), ra.path().string());
    read_block(dsb.get(), bufb.data(), rb.path().string());
    if (std::memcmp(bufa.data(), bufb.data(), bufa.size()) == 0) continue;
    for (std::size_t k = 0; k < nelem; ++k) {
      const unsigned char* pa = bufa.data() + k * esize;
      const unsigned char* pb = bufb.data() + k * esize;
      if (std::memcmp(pa, pb, esize) != 0) {
        return d.path + ": first difference at index " + index_text(r0 * row_elems + k, d.shape) + ": " +
               element_text(mtype.get(), pa) + " vs " + element_text(mtype.get(), pb);
      }
    }
  }
  return {};
}

}  // namespace

H5DiffResult h5_diff(const std::filesystem::path& a, const std::filesystem::path& b,
                     std::span<const std::string> ignore_attrs) {
  const H5Reader ra(a);
  const H5Reader rb(b);
  Silencer quiet;
  const Handle fa = open_raw(a);
  const Handle fb = open_raw(b);
  std::string la = a.filename().string();
  std::string lb = b.filename().string();
  if (la == lb) {
    la = a.string();
    lb = b.string();
  }
  const auto differ = [](std::string m) { return H5DiffResult{false, std::move(m)}; };

  if (std::string m = diff_attrs(ra.root_attrs(), rb.root_attrs(), ignore_attrs, "root attribute ", la, lb); !m.empty())
    return differ(std::move(m));

  const std::vector<H5Dataset> da = ra.datasets();
  const std::vector<H5Dataset> db = rb.datasets();
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < da.size() || j < db.size()) {
    if (j == db.size() || (i < da.size() && da[i].path < db[j].path)) {
      return differ("dataset " + da[i].path + " only in " + la);
    }
    if (i == da.size() || db[j].path < da[i].path) return differ("dataset " + db[j].path + " only in " + lb);
    const H5Dataset& x = da[i];
    const H5Dataset& y = db[j];
    if (x.dtype != y.dtype) return differ(x.path + ": type differs: " + x.dtype + " vs " + y.dtype);
    if (x.shape != y.shape) {
      return differ(x.path + ": shape differs: " + shape_text(x.shape) + " vs " + shape_text(y.shape));
    }
    if (std::string m = diff_attrs(ra.attrs(x.path), rb.attrs(y.path), {}, x.path + ": attribute ", la, lb); !m.empty())
      return differ(std::move(m));
    if (std::string m = diff_elements(ra, rb, fa.get(), fb.get(), x); !m.empty()) return differ(std::move(m));
    ++i;
    ++j;
  }
  return H5DiffResult{true, "identical"};
}

}  // namespace toksim::io
