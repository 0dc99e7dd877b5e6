// H5RunFile: the HDF5 run-file writer, on the HDF5 C API with small RAII handles (hdf5.h stays in here).
#include "toksim/io/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

#include "h5_detail.hpp"
#include "toksim/sim/error.hpp"
#include "value_text.hpp"

namespace toksim::io {
namespace {

using h5::h5_error_detail;
using h5::Handle;
using h5::Silencer;

constexpr std::size_t kSeriesChunk = 1024;    // elements per chunk of /time and /metrics/*
constexpr std::size_t kAutoFlushRows = 4096;  // append() writes out by itself at this many buffered rows
constexpr std::uint64_t kMaxSnapshotChunk = 65536;
constexpr unsigned kDeflateLevel = 4;

void check_name(const std::string& file, std::string_view what, std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    throw Error("HDF5 run file " + file + ": invalid " + std::string(what) + " name " + dq(name) +
                " (must be non-empty, without '/', not \".\" or \"..\")");
  }
}

hid_t file_type(H5Type t) { return t == H5Type::Int64 ? H5T_STD_I64LE : H5T_IEEE_F64LE; }
hid_t mem_type(H5Type t) { return t == H5Type::Int64 ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE; }
const char* type_name(H5Type t) { return t == H5Type::Int64 ? "Int64" : "Float64"; }

struct Series {
  std::string path;
  H5Type type;
  std::size_t slot;  // index into int_buf or real_buf
  Handle ds;
};

struct SnapColumn {
  SeriesSpec spec;
  std::string path;
  Handle ds;
  std::uint64_t written_in = 0;  // snapshot number (1-based) last written; 0 = none
};

struct SnapKind {
  std::string name;
  std::uint64_t agents = 0;
  Handle time;
  Handle index;  ///< /agents/<kind>/agent, the scale of the second axis
  std::vector<SnapColumn> columns;
  std::uint64_t count = 0;
};

}  // namespace

struct H5RunFile::Impl {
  std::string label;  // the .partial path, for messages
  Handle file;
  Handle root;

  bool declared = false;
  Handle time_ds;
  std::vector<Series> metrics;
  std::vector<std::int64_t> time_buf;
  std::vector<std::vector<std::int64_t>> int_buf;
  std::vector<std::vector<double>> real_buf;
  std::uint64_t written = 0;   // rows on disk
  std::uint64_t appended = 0;  // rows appended (on disk + buffered)

  std::vector<SnapKind> kinds;

  ~Impl() {
    Silencer quiet;
    kinds.clear();
    metrics.clear();
    time_ds.close();
    root.close();
    file.close();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("HDF5 run file " + label + ": " + what + ": " + h5_error_detail());
  }
  hid_t check(hid_t id, const std::string& what) const {
    if (id < 0) fail(what);
    return id;
  }
  void check_status(herr_t st, const std::string& what) const {
    if (st < 0) fail(what);
  }

  bool exists(hid_t loc, const std::string& name) const {
    const htri_t e = H5Lexists(loc, name.c_str(), H5P_DEFAULT);
    if (e < 0) fail("cannot check for " + name);
    return e > 0;
  }

  Handle open_or_create_group(const std::string& path) const {
    if (exists(file.get(), path)) {
      return Handle(check(H5Gopen2(file.get(), path.c_str(), H5P_DEFAULT), "cannot open group " + path));
    }
    return Handle(check(H5Gcreate2(file.get(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        "cannot create group " + path));
  }

  void delete_attr_if_exists(hid_t obj, const std::string& name, const std::string& where) const {
    const htri_t e = H5Aexists(obj, name.c_str());
    if (e < 0) fail("cannot check attribute " + name + " of " + where);
    if (e > 0) check_status(H5Adelete(obj, name.c_str()), "cannot replace attribute " + name + " of " + where);
  }

  void attr_string(hid_t obj, const std::string& where, const std::string& name, std::string_view value) const {
    delete_attr_if_exists(obj, name, where);
    const std::string what = "cannot write attribute " + name + " of " + where;
    Handle type(check(H5Tcopy(H5T_C_S1), what));
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), what);
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
    Handle space(check(H5Screate(H5S_SCALAR), what));
    Handle attr(check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what));
    const std::string text(value);
    const char* ptr = text.c_str();
    check_status(H5Awrite(attr.get(), type.get(), &ptr), what);
  }

  void attr_i64(hid_t obj, const std::string& where, const std::string& name, std::int64_t value) const {
    delete_attr_if_exists(obj, name, where);
    const std::string what = "cannot write attribute " + name + " of " + where;
    Handle space(check(H5Screate(H5S_SCALAR), what));
    Handle attr(check(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), what));
    check_status(H5Awrite(attr.get(), H5T_NATIVE_INT64, &value), what);
  }

  void attr_f64(hid_t obj, const std::string& where, const std::string& name, double value) const {
    delete_attr_if_exists(obj, name, where);
    const std::string what = "cannot write attribute " + name + " of " + where;
    Handle space(check(H5Screate(H5S_SCALAR), what));
    Handle attr(check(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), what));
    check_status(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value), what);
  }

  void series_attrs(hid_t ds, const std::string& path, const SeriesSpec& s) const {
    attr_string(ds, path, "unit", s.unit);
    attr_f64(ds, path, "scale", s.scale);
    attr_string(ds, path, "description", s.description);
  }

  /// Creates a dataset of `rank` dims (current `dims`, max `maxdims`); chunked + shuffle + deflate when `chunk`
  /// is given; fill value NaN for float64 when `nan_fill`.
  Handle create_dataset(hid_t loc, const std::string& name, const std::string& path, hid_t ftype, int rank,
                        const hsize_t* dims, const hsize_t* maxdims, const hsize_t* chunk, bool nan_fill) const {
    const std::string what = "cannot create dataset " + path;
    Handle space(check(H5Screate_simple(rank, dims, maxdims), what));
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), what));
    if (chunk != nullptr) {
      check_status(H5Pset_chunk(dcpl.get(), rank, chunk), what + " (chunk)");
      check_status(H5Pset_shuffle(dcpl.get()), what + " (shuffle filter)");
      check_status(H5Pset_deflate(dcpl.get(), kDeflateLevel), what + " (deflate filter)");
    }
    if (nan_fill) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &nan), what + " (fill value)");
    }
    return Handle(check(H5Dcreate2(loc, name.c_str(), ftype, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), what));
  }

  /// Grows 1-D `ds` to offset + n and writes n elements at offset.
  void write_1d(hid_t ds, const std::string& path, hid_t mtype, std::uint64_t offset, std::uint64_t n,
                const void* data) const {
    const std::string what = "cannot write " + path;
    const hsize_t size = offset + n;
    check_status(H5Dset_extent(ds, &size), what + " (extend)");
    if (n == 0) return;
    Handle fspace(check(H5Dget_space(ds), what));
    const hsize_t start = offset;
    const hsize_t count = n;
    check_status(H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr), what);
    Handle mspace(check(H5Screate_simple(1, &count, nullptr), what));
    check_status(H5Dwrite(ds, mtype, mspace.get(), fspace.get(), H5P_DEFAULT, data), what);
  }

  void flush_rows() {
    const std::uint64_t n = time_buf.size();
    if (n > 0) {
      write_1d(time_ds.get(), "/time", H5T_NATIVE_INT64, written, n, time_buf.data());
      for (const Series& s : metrics) {
        const void* data = s.type == H5Type::Int64 ? static_cast<const void*>(int_buf[s.slot].data())
                                                   : static_cast<const void*>(real_buf[s.slot].data());
        write_1d(s.ds.get(), s.path, mem_type(s.type), written, n, data);
      }
      written += n;
      time_buf.clear();
      for (auto& b : int_buf) b.clear();
      for (auto& b : real_buf) b.clear();
    }
    check_status(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush");
  }

  SnapKind& kind(std::string_view name) {
    for (SnapKind& k : kinds)
      if (k.name == name) return k;
    throw Error("HDF5 run file " + label + ": snapshot kind " + dq(name) + " was not declared");
  }

  void snapshot_row(std::string_view kind_name, std::string_view column, H5Type type, const void* data,
                    std::size_t size);

  /// Closes every object and then the file; throws if closing the file fails (data not on disk).
  void close_all() {
    kinds.clear();
    metrics.clear();
    time_ds.close();
    root.close();
    check_status(file.close(), "cannot close");
  }
};

H5RunFile::H5RunFile(std::filesystem::path final_path)
    : final_path_(std::move(final_path)), started_(std::chrono::steady_clock::now()) {
  Silencer quiet;
  auto impl = std::make_unique<Impl>();
  impl->label = partial_path().string();
  impl->file = Handle(
      impl->check(H5Fcreate(impl->label.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "cannot create the file"));
  impl->root = Handle(impl->check(H5Gopen2(impl->file.get(), "/", H5P_DEFAULT), "cannot open the root group"));
  impl->attr_string(impl->root.get(), "/", "status", "running");
  impl->check_status(H5Fflush(impl->file.get(), H5F_SCOPE_GLOBAL), "cannot flush");
  impl_ = std::move(impl);
}

H5RunFile::~H5RunFile() {
  if (impl_) {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    abandon("failed: not finished", wall);
  }
}

H5RunFile::H5RunFile(H5RunFile&& other) noexcept = default;

H5RunFile& H5RunFile::operator=(H5RunFile&& other) noexcept {
  if (this != &other) {
    if (impl_) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
      abandon("failed: not finished", wall);
    }
    impl_ = std::move(other.impl_);
    final_path_ = std::move(other.final_path_);
    closed_samples_ = other.closed_samples_;
    started_ = other.started_;
  }
  return *this;
}

const std::filesystem::path& H5RunFile::final_path() const { return final_path_; }

std::filesystem::path H5RunFile::partial_path() const {
  std::filesystem::path p = final_path_;
  p += ".partial";
  return p;
}

bool H5RunFile::is_open() const noexcept { return impl_ != nullptr; }

void H5RunFile::throw_out_of_range(std::string_view name) const {
  throw Error("HDF5 run file " + partial_path().string() + ": attribute " + std::string(name) +
              ": unsigned value above INT64_MAX cannot be stored as int64");
}

H5RunFile::Impl& H5RunFile::open_impl(const char* call) const {
  if (!impl_) {
    throw Error("HDF5 run file " + partial_path().string() + ": " + call + "() after finish() or abandon()");
  }
  return *impl_;
}

void H5RunFile::set_attr(std::string_view name, std::string_view value) {
  Impl& im = open_impl("set_attr");
  Silencer quiet;
  check_name(im.label, "attribute", name);
  im.attr_string(im.root.get(), "/", std::string(name), value);
}

void H5RunFile::set_attr(std::string_view name, std::int64_t value) {
  Impl& im = open_impl("set_attr");
  Silencer quiet;
  check_name(im.label, "attribute", name);
  im.attr_i64(im.root.get(), "/", std::string(name), value);
}

void H5RunFile::set_attr(std::string_view name, double value) {
  Impl& im = open_impl("set_attr");
  Silencer quiet;
  check_name(im.label, "attribute", name);
  im.attr_f64(im.root.get(), "/", std::string(name), value);
}

void H5RunFile::declare_metrics(std::span<const SeriesSpec> specs) {
  Impl& im = open_impl("declare_metrics");
  Silencer quiet;
  if (im.declared) throw Error("HDF5 run file " + im.label + ": declare_metrics() called twice");
  for (std::size_t i = 0; i < specs.size(); ++i) {
    check_name(im.label, "metric", specs[i].name);
    for (std::size_t j = 0; j < i; ++j)
      if (specs[j].name == specs[i].name)
        throw Error("HDF5 run file " + im.label + ": metric " + dq(specs[i].name) + " declared twice");
  }
  const hsize_t dims = 0;
  const hsize_t maxdims = H5S_UNLIMITED;
  const hsize_t chunk = kSeriesChunk;
  im.time_ds = im.create_dataset(im.file.get(), "time", "/time", H5T_STD_I64LE, 1, &dims, &maxdims, &chunk, false);
  im.series_attrs(im.time_ds.get(), "/time", SeriesSpec{"time", H5Type::Int64, "s", 1.0, "seconds since genesis"});
  im.check_status(H5DSset_scale(im.time_ds.get(), "time"), "cannot make /time a dimension scale");
  Handle group = im.open_or_create_group("/metrics");
  std::size_t n_int = 0;
  std::size_t n_real = 0;
  for (const SeriesSpec& s : specs) {
    Series series{"/metrics/" + s.name, s.type, s.type == H5Type::Int64 ? n_int++ : n_real++, Handle()};
    series.ds =
        im.create_dataset(group.get(), s.name, series.path, file_type(s.type), 1, &dims, &maxdims, &chunk, false);
    im.series_attrs(series.ds.get(), series.path, s);
    // /time is the series' dimension scale: netCDF readers (xarray) see it as their `time` coordinate.
    im.check_status(H5DSattach_scale(series.ds.get(), im.time_ds.get(), 0), "cannot attach /time to " + series.path);
    im.metrics.push_back(std::move(series));
  }
  im.int_buf.assign(n_int, {});
  im.real_buf.assign(n_real, {});
  im.declared = true;
  im.check_status(H5Fflush(im.file.get(), H5F_SCOPE_GLOBAL), "cannot flush");
}

void H5RunFile::append(std::int64_t t, std::span<const std::int64_t> ints, std::span<const double> reals) {
  Impl& im = open_impl("append");
  if (!im.declared) throw Error("HDF5 run file " + im.label + ": append() before declare_metrics()");
  if (ints.size() != im.int_buf.size() || reals.size() != im.real_buf.size()) {
    throw Error("HDF5 run file " + im.label + ": append() got " + std::to_string(ints.size()) + " int and " +
                std::to_string(reals.size()) + " float values, but " + std::to_string(im.int_buf.size()) +
                " Int64 and " + std::to_string(im.real_buf.size()) + " Float64 metrics are declared");
  }
  im.time_buf.push_back(t);
  for (std::size_t i = 0; i < ints.size(); ++i) im.int_buf[i].push_back(ints[i]);
  for (std::size_t i = 0; i < reals.size(); ++i) im.real_buf[i].push_back(reals[i]);
  ++im.appended;
  if (im.time_buf.size() >= kAutoFlushRows) flush();
}

void H5RunFile::flush() {
  Impl& im = open_impl("flush");
  Silencer quiet;
  im.flush_rows();
}

std::uint64_t H5RunFile::samples() const { return impl_ ? impl_->appended : closed_samples_; }

void H5RunFile::declare_snapshot(std::string_view kind, std::uint64_t agents, std::span<const SeriesSpec> columns) {
  Impl& im = open_impl("declare_snapshot");
  Silencer quiet;
  check_name(im.label, "snapshot kind", kind);
  for (const SnapKind& k : im.kinds)
    if (k.name == kind) throw Error("HDF5 run file " + im.label + ": snapshot kind " + dq(kind) + " declared twice");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    check_name(im.label, "snapshot column", columns[i].name);
    if (columns[i].name == "time")
      throw Error("HDF5 run file " + im.label + ": snapshot column name \"time\" is reserved (/agents/" +
                  std::string(kind) + "/time)");
    for (std::size_t j = 0; j < i; ++j)
      if (columns[j].name == columns[i].name)
        throw Error("HDF5 run file " + im.label + ": snapshot column " + dq(columns[i].name) + " declared twice");
  }
  SnapKind k;
  k.name = std::string(kind);
  k.agents = agents;
  const std::string base = "/agents/" + k.name;
  { Handle agents_group = im.open_or_create_group("/agents"); }
  Handle group = im.open_or_create_group(base);
  const hsize_t tdims = 0;
  const hsize_t tmax = H5S_UNLIMITED;
  const hsize_t tchunk = kSeriesChunk;
  k.time = im.create_dataset(group.get(), "time", base + "/time", H5T_STD_I64LE, 1, &tdims, &tmax, &tchunk, false);
  im.series_attrs(k.time.get(), base + "/time", SeriesSpec{"time", H5Type::Int64, "s", 1.0, "seconds since genesis"});
  im.check_status(H5DSset_scale(k.time.get(), "time"), "cannot make " + base + "/time a dimension scale");
  // /agents/<kind>/agent: the row index (0..agents-1), the scale of the columns' second axis, so that netCDF
  // readers (xarray) label both axes.
  {
    const hsize_t n = agents;
    const hsize_t nmax = agents == 0 ? H5S_UNLIMITED : n;  // a chunk of 1 needs room along a fixed axis
    const hsize_t achunk = std::max<hsize_t>(1, std::min<hsize_t>(agents, kMaxSnapshotChunk));
    Handle index =
        im.create_dataset(group.get(), "agent", base + "/agent", H5T_STD_I64LE, 1, &n, &nmax, &achunk, false);
    im.series_attrs(index.get(), base + "/agent",
                    SeriesSpec{"agent", H5Type::Int64, "", 1.0, "row of the agent within its kind"});
    std::vector<std::int64_t> rows(agents);
    for (std::uint64_t i = 0; i < agents; ++i) rows[i] = static_cast<std::int64_t>(i);
    if (agents > 0) {
      im.check_status(H5Dwrite(index.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
                      "cannot write " + base + "/agent");
    }
    im.check_status(H5DSset_scale(index.get(), "agent"), "cannot make " + base + "/agent a dimension scale");
    k.index = std::move(index);
  }
  const hsize_t dims[2] = {0, agents};
  // A fixed dimension of 0 cannot hold a chunk of 1: make it unlimited then (nothing is ever written to it).
  const hsize_t maxdims[2] = {H5S_UNLIMITED, agents == 0 ? H5S_UNLIMITED : agents};
  const hsize_t chunk[2] = {1, std::max<hsize_t>(1, std::min<hsize_t>(agents, kMaxSnapshotChunk))};
  for (const SeriesSpec& s : columns) {
    SnapColumn c;
    c.spec = s;
    c.path = base + "/" + s.name;
    c.ds = im.create_dataset(group.get(), s.name, c.path, file_type(s.type), 2, dims, maxdims, chunk,
                             s.type == H5Type::Float64);
    im.series_attrs(c.ds.get(), c.path, s);
    im.check_status(H5DSattach_scale(c.ds.get(), k.time.get(), 0), "cannot attach the snapshot times to " + c.path);
    im.check_status(H5DSattach_scale(c.ds.get(), k.index.get(), 1), "cannot attach the agent rows to " + c.path);
    k.columns.push_back(std::move(c));
  }
  im.kinds.push_back(std::move(k));
}

void H5RunFile::snapshot_time(std::string_view kind, std::int64_t t) {
  Impl& im = open_impl("snapshot_time");
  Silencer quiet;
  SnapKind& k = im.kind(kind);
  const std::string base = "/agents/" + k.name;
  im.write_1d(k.time.get(), base + "/time", H5T_NATIVE_INT64, k.count, 1, &t);
  const hsize_t dims[2] = {k.count + 1, k.agents};
  for (SnapColumn& c : k.columns) im.check_status(H5Dset_extent(c.ds.get(), dims), "cannot extend " + c.path);
  ++k.count;
}

void H5RunFile::Impl::snapshot_row(std::string_view kind_name, std::string_view column, H5Type type, const void* data,
                                   std::size_t size) {
  Impl& im = *this;
  SnapKind& k = im.kind(kind_name);
  SnapColumn* col = nullptr;
  for (SnapColumn& c : k.columns)
    if (c.spec.name == column) col = &c;
  const std::string path = "/agents/" + k.name + "/" + std::string(column);
  const std::string call = type == H5Type::Int64 ? "snapshot_i64" : "snapshot_f64";
  if (col == nullptr) throw Error("HDF5 run file " + im.label + ": " + call + "(): no column " + path + " declared");
  if (col->spec.type != type) {
    throw Error("HDF5 run file " + im.label + ": " + call + "(): column " + path + " is " + type_name(col->spec.type));
  }
  if (size != k.agents) {
    throw Error("HDF5 run file " + im.label + ": " + call + "(): row of " + std::to_string(size) + " values for " +
                path + ", which has " + std::to_string(k.agents) + " agents");
  }
  if (k.count == 0) {
    throw Error("HDF5 run file " + im.label + ": " + call + "() for " + path + " before snapshot_time()");
  }
  if (col->written_in == k.count) {
    throw Error("HDF5 run file " + im.label + ": " + call + "(): " + path + " already written in snapshot " +
                std::to_string(k.count - 1));
  }
  col->written_in = k.count;
  if (size == 0) return;
  const std::string what = "cannot write " + path;
  Handle fspace(im.check(H5Dget_space(col->ds.get()), what));
  const hsize_t start[2] = {k.count - 1, 0};
  const hsize_t count[2] = {1, size};
  im.check_status(H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), what);
  const hsize_t mcount = size;
  Handle mspace(im.check(H5Screate_simple(1, &mcount, nullptr), what));
  im.check_status(H5Dwrite(col->ds.get(), mem_type(type), mspace.get(), fspace.get(), H5P_DEFAULT, data), what);
}

void H5RunFile::snapshot_i64(std::string_view kind, std::string_view column, std::span<const std::int64_t> row) {
  Impl& im = open_impl("snapshot_i64");
  Silencer quiet;
  im.snapshot_row(kind, column, H5Type::Int64, row.data(), row.size());
}

void H5RunFile::snapshot_f64(std::string_view kind, std::string_view column, std::span<const double> row) {
  Impl& im = open_impl("snapshot_f64");
  Silencer quiet;
  im.snapshot_row(kind, column, H5Type::Float64, row.data(), row.size());
}

std::uint64_t H5RunFile::snapshots(std::string_view kind) const {
  Impl& im = open_impl("snapshots");
  return im.kind(kind).count;
}

void H5RunFile::write_table(std::string_view name, std::span<const Column> columns) {
  Impl& im = open_impl("write_table");
  Silencer quiet;
  check_name(im.label, "table", name);
  const std::string base = "/events/" + std::string(name);
  std::size_t rows = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    check_name(im.label, "table column", columns[i].name);
    for (std::size_t j = 0; j < i; ++j)
      if (columns[j].name == columns[i].name)
        throw Error("HDF5 run file " + im.label + ": table " + base + ": column " + dq(columns[i].name) +
                    " given twice");
    const std::size_t n = std::visit([](const auto& v) { return v.size(); }, columns[i].data);
    if (i == 0) rows = n;
    if (n != rows) {
      throw Error("HDF5 run file " + im.label + ": table " + base + ": column " + columns[i].name + " has " +
                  std::to_string(n) + " rows, column " + columns[0].name + " has " + std::to_string(rows));
    }
  }
  { Handle events = im.open_or_create_group("/events"); }
  if (im.exists(im.file.get(), base)) throw Error("HDF5 run file " + im.label + ": table " + base + " written twice");
  Handle group = im.open_or_create_group(base);
  const hsize_t dims = rows;
  const hsize_t chunk = std::max<hsize_t>(1, std::min<hsize_t>(rows, kMaxSnapshotChunk));
  for (const Column& c : columns) {
    const std::string path = base + "/" + c.name;
    const std::string what = "cannot write " + path;
    Handle ds;
    if (const auto* iv = std::get_if<std::vector<std::int64_t>>(&c.data)) {
      ds = im.create_dataset(group.get(), c.name, path, H5T_STD_I64LE, 1, &dims, nullptr, rows > 0 ? &chunk : nullptr,
                             false);
      if (rows > 0) {
        im.check_status(H5Dwrite(ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, iv->data()), what);
      }
    } else if (const auto* dv = std::get_if<std::vector<double>>(&c.data)) {
      ds = im.create_dataset(group.get(), c.name, path, H5T_IEEE_F64LE, 1, &dims, nullptr, rows > 0 ? &chunk : nullptr,
                             false);
      if (rows > 0) {
        im.check_status(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, dv->data()), what);
      }
    } else {
      const auto& sv = std::get<std::vector<std::string>>(c.data);
      Handle type(im.check(H5Tcopy(H5T_C_S1), what));
      im.check_status(H5Tset_size(type.get(), H5T_VARIABLE), what);
      im.check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
      ds = im.create_dataset(group.get(), c.name, path, type.get(), 1, &dims, nullptr, nullptr, false);
      std::vector<const char*> ptrs;
      ptrs.reserve(sv.size());
      for (const std::string& s : sv) ptrs.push_back(s.c_str());
      if (rows > 0) im.check_status(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), what);
    }
    if (!c.unit.empty()) im.attr_string(ds.get(), path, "unit", c.unit);
  }
}

void H5RunFile::finish(double wall_seconds) {
  Impl& im = open_impl("finish");
  Silencer quiet;
  im.attr_string(im.root.get(), "/", "status", "complete");
  im.attr_f64(im.root.get(), "/", "wall_seconds", wall_seconds);
  im.flush_rows();
  // From here on the object is done whatever happens: a failure below leaves the .partial file.
  std::unique_ptr<Impl> impl = std::move(impl_);
  closed_samples_ = impl->appended;
  impl->close_all();
  std::error_code ec;
  std::filesystem::rename(partial_path(), final_path_, ec);
  if (ec) {
    throw Error("HDF5 run file " + impl->label + ": cannot rename to " + final_path_.string() + ": " + ec.message());
  }
}

void H5RunFile::abandon(std::string_view status, double wall_seconds) noexcept {
  if (!impl_) return;
  std::unique_ptr<Impl> impl = std::move(impl_);
  closed_samples_ = impl->appended;
  Silencer quiet;
  try {
    impl->attr_string(impl->root.get(), "/", "status", status);
  } catch (...) {}
  try {
    impl->attr_f64(impl->root.get(), "/", "wall_seconds", wall_seconds);
  } catch (...) {}
  try {
    impl->flush_rows();
  } catch (...) {}
  try {
    impl->close_all();
  } catch (...) {}
  H5Eclear2(H5E_DEFAULT);
}

}  // namespace toksim::io
