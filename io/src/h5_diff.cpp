// h5_diff: root attributes, then each dataset's type, shape, attributes and elements, read through H5Reader
// and, for the element blocks, the HDF5 C API with small RAII handles (hdf5.h stays in here).
#include "toksim/io/h5_diff.hpp"

#include <hdf5.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "h5_detail.hpp"
#include "toksim/io/run_reader.hpp"
#include "toksim/sim/error.hpp"
#include "value_text.hpp"

namespace toksim::io {
namespace {

using h5::h5_error_detail;
using h5::Handle;
using h5::Silencer;

/// A short one-line quotation of `s` around byte `at`.
std::string snippet(const std::string& s, std::size_t at) {
  const std::size_t from = at > 20 ? at - 20 : 0;
  std::string out = from > 0 ? "..." : "";
  for (std::size_t i = from; i < s.size() && i < from + 60; ++i) {
    if (s[i] == '\n')
      out += "\\n";
    else if (s[i] == '\t')
      out += "\\t";
    else
      out += s[i];
  }
  if (from + 60 < s.size()) out += "...";
  return dq(out);
}

const char* kind_name(const H5Attr& a) {
  switch (a.value.index()) {
    case 0:
      return "int64";
    case 1:
      return "float64";
    default:
      return "string";
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
  if (const auto* d = std::get_if<double>(&a.value)) return format_real(*d);
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
    case 1:
      return read(T1{});
    case 2:
      return read(T2{});
    case 4:
      return read(T4{});
    default:
      return read(T8{});
  }
}

std::string element_text(hid_t mt, const unsigned char* p) {
  const std::size_t size = H5Tget_size(mt);
  const H5T_class_t cls = H5Tget_class(mt);
  if (cls == H5T_INTEGER && size <= 8) {
    if (H5Tget_sign(mt) != H5T_SGN_NONE)
      return std::to_string(widen<std::int8_t, std::int16_t, std::int32_t, std::int64_t>(p, size));
    return std::to_string(widen<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>(p, size));
  }
  if (cls == H5T_FLOAT && size == sizeof(double)) {
    double v;
    std::memcpy(&v, p, sizeof v);
    return format_real(v);
  }
  if (cls == H5T_FLOAT && size == sizeof(float)) {
    float v;
    std::memcpy(&v, p, sizeof v);
    return format_real(v);
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
