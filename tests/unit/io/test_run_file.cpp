// Unit tests of the HDF5 run file (the toksim::io library): H5RunFile (io/include/toksim/io/run_file.hpp),
// H5Reader (io/include/toksim/io/run_reader.hpp) and h5_diff (io/include/toksim/io/h5_diff.hpp).
//
// Pins: the .partial -> final protocol (the .partial exists and the final does not until finish(); after it only
// the final); exact round trip of /time and /metrics/* over 10,000 rows with explicit flushes and the 4096-row
// auto-flush; the unit/scale/description attributes; chunking (1024) + shuffle + deflate as HDF5 itself reports
// them; status "complete" / "interrupted: ..." / "failed: not finished" with the rows flushed so far still
// readable at the .partial path; UTF-8 string attributes (multi-line, non-ASCII) read back as text and
// replaceable across types; snapshots [3, 100000] with NaN fill for an unwritten float row; write_table; misuse
// errors (append before declare, wrong row length, write after finish); read_metric (stored value times "scale"
// for int64 and float64 metrics, NaN kept or skipped, nothing for an absent metric); h5_diff's verdicts and
// messages (identical, changed value with its index, 2-D index tuples, extra dataset, ignored vs compared root
// attributes, dataset attributes, NaN bit-equality) and its refusal of non-HDF5 files.
//
// Leaves out: h5py/h5dump compatibility (checked by hand, see the report), disk-full and other I/O failures,
// files from other writers beyond what h5_diff needs, read_metric on a dataset that holds strings, and performance.
#include <catch2/catch.hpp>
#include <hdf5.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "toksim/io/h5_diff.hpp"
#include "toksim/io/run_file.hpp"
#include "toksim/io/run_reader.hpp"
#include "toksim/sim/error.hpp"

using namespace toksim;
using namespace toksim::io;
namespace fs = std::filesystem;

namespace {

/// A fresh directory under the system temp dir, removed with everything in it at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("toksim_h5_test_" + std::to_string(rd()) + "_" + std::to_string(counter.fetch_add(1)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string attr_string(const H5Reader& r, const std::string& name) {
  const auto a = r.root_attr(name);
  REQUIRE(a.has_value());
  REQUIRE(std::holds_alternative<std::string>(a->value));
  return std::get<std::string>(a->value);
}

std::vector<SeriesSpec> three_metrics() {
  return {{"supply", H5Type::Int64, "TOK", 1e-18, "total supply"},
          {"price", H5Type::Float64, "USD", 1.0, "spot price"},
          {"holders", H5Type::Int64, "", 1.0, "number of holders"}};
}

/// Row i of the three_metrics() test data.
std::int64_t supply_at(std::int64_t i) { return 1'000'000'000'000'000'000 + i * 7919; }
double price_at(std::int64_t i) { return 0.1 + static_cast<double>(i) * 1e-5; }
std::int64_t holders_at(std::int64_t i) { return i % 97; }

void append_rows(H5RunFile& w, std::int64_t from, std::int64_t to) {
  for (std::int64_t i = from; i < to; ++i) {
    const std::int64_t ints[] = {supply_at(i), holders_at(i)};
    const double reals[] = {price_at(i)};
    w.append(i * 3600, ints, reals);
  }
}

/// Writes a small complete file with metrics, one snapshot kind and one table; `tweak` changes it before finish.
template <class Tweak>
fs::path small_file(const fs::path& path, Tweak tweak) {
  H5RunFile w(path);
  w.set_attr("seed", std::int64_t{1});
  w.set_attr("started_utc", "2026-01-01T00:00:00Z");
  const auto specs = three_metrics();
  w.declare_metrics(specs);
  append_rows(w, 0, 100);
  const std::vector<SeriesSpec> cols = {{"balance", H5Type::Int64, "TOK", 1.0, ""}};
  w.declare_snapshot("holder", 4, cols);
  for (std::int64_t s = 0; s < 3; ++s) {
    w.snapshot_time("holder", s);
    const std::vector<std::int64_t> row = {s, s + 1, s + 2, s + 3};
    w.snapshot_i64("holder", "balance", row);
  }
  tweak(w);
  w.finish(0.5);
  return path;
}

}  // namespace

TEST_CASE("h5: metrics round-trip through .partial, chunked and deflated", "[h5]") {
  TempDir dir;
  const fs::path final_path = dir.path / "run.h5";
  const fs::path partial = dir.path / "run.h5.partial";
  {
    H5RunFile w(final_path);
    CHECK(w.final_path() == final_path);
    CHECK(w.partial_path() == partial);
    const auto specs = three_metrics();
    w.declare_metrics(specs);
    append_rows(w, 0, 2500);
    w.flush();
    append_rows(w, 2500, 7000);  // crosses the 4096-row auto-flush
    {
      const H5Reader mid(partial);  // same process, file still open for writing
      CHECK(mid.read_i64("/time").size() == 2500 + 4096);
    }
    w.flush();
    append_rows(w, 7000, 10000);
    CHECK(w.samples() == 10000);
    CHECK(fs::exists(partial));
    CHECK_FALSE(fs::exists(final_path));
    w.set_attr("seed", std::int64_t{42});
    w.finish(12.5);
    CHECK_FALSE(w.is_open());
    CHECK(w.samples() == 10000);
    CHECK_THROWS_AS(w.append(0, {}, {}), Error);
  }
  CHECK(fs::exists(final_path));
  CHECK_FALSE(fs::exists(partial));

  const H5Reader r(final_path);
  CHECK(attr_string(r, "status") == "complete");
  CHECK(std::get<double>(r.root_attr("wall_seconds")->value) == 12.5);
  CHECK(std::get<std::int64_t>(r.root_attr("seed")->value) == 42);
  CHECK_FALSE(r.root_attr("nope").has_value());

  const auto ds = r.datasets();
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].path == "/metrics/holders");
  CHECK(ds[1].path == "/metrics/price");
  CHECK(ds[2].path == "/metrics/supply");
  CHECK(ds[3].path == "/time");
  CHECK(ds[1].type == H5Type::Float64);
  CHECK(ds[1].dtype == "float64");
  CHECK(ds[2].type == H5Type::Int64);
  CHECK(ds[2].dtype == "int64");
  for (const auto& d : ds) CHECK(d.shape == std::vector<std::uint64_t>{10000});

  const auto t = r.read_i64("/time");
  const auto supply = r.read_i64("/metrics/supply");
  const auto price = r.read_f64("/metrics/price");
  const auto holders = r.read_i64("/metrics/holders");
  REQUIRE(t.size() == 10000);
  bool all_equal = true;
  for (std::int64_t i = 0; i < 10000; ++i) {
    const auto k = static_cast<std::size_t>(i);
    all_equal = all_equal && t[k] == i * 3600 && supply[k] == supply_at(i) && price[k] == price_at(i) &&
                holders[k] == holders_at(i);
  }
  CHECK(all_equal);

  CHECK(r.dataset_attr_string("/metrics/supply", "unit") == "TOK");
  CHECK(r.dataset_attr_double("/metrics/supply", "scale") == 1e-18);
  CHECK(r.dataset_attr_string("/metrics/supply", "description") == "total supply");
  CHECK(r.dataset_attr_string("/metrics/holders", "unit") == "");
  CHECK(r.dataset_attr_string("/time", "unit") == "s");
  CHECK_FALSE(r.dataset_attr_string("/time", "nope").has_value());
  CHECK_THROWS_AS(r.dataset_attr_double("/time", "unit"), Error);
  CHECK_THROWS_AS(r.read_f64("/metrics/supply"), Error);
  CHECK_THROWS_AS(r.read_i64("/metrics/price"), Error);
  CHECK_THROWS_AS(r.read_i64("/metrics/missing"), Error);
  CHECK_FALSE(r.dataset("/metrics").has_value());
  CHECK_FALSE(r.dataset("/no/such/thing").has_value());

  // Chunking and filters as HDF5 reports them.
  const hid_t f = H5Fopen(final_path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  for (const char* path : {"/time", "/metrics/supply", "/metrics/price"}) {
    const hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t dcpl = H5Dget_create_plist(d);
    CHECK(H5Pget_layout(dcpl) == H5D_CHUNKED);
    hsize_t chunk = 0;
    CHECK(H5Pget_chunk(dcpl, 1, &chunk) == 1);
    CHECK(chunk == 1024);
    REQUIRE(H5Pget_nfilters(dcpl) == 2);
    unsigned flags = 0;
    std::size_t nelmts = 1;
    unsigned level = 0;
    CHECK(H5Pget_filter2(dcpl, 0, &flags, &nelmts, &level, 0, nullptr, nullptr) == H5Z_FILTER_SHUFFLE);
    nelmts = 1;
    CHECK(H5Pget_filter2(dcpl, 1, &flags, &nelmts, &level, 0, nullptr, nullptr) == H5Z_FILTER_DEFLATE);
    CHECK(level == 4);
    const hid_t space = H5Dget_space(d);
    hsize_t dims = 0;
    hsize_t maxdims = 0;
    H5Sget_simple_extent_dims(space, &dims, &maxdims);
    CHECK(maxdims == H5S_UNLIMITED);
    H5Sclose(space);
    H5Pclose(dcpl);
    H5Dclose(d);
  }
  H5Fclose(f);
}

TEST_CASE("h5: abandoned and unfinished writers leave a readable .partial", "[h5]") {
  TempDir dir;
  const auto specs = three_metrics();

  SECTION("abandon") {
    const fs::path final_path = dir.path / "a.h5";
    H5RunFile w(final_path);
    w.declare_metrics(specs);
    append_rows(w, 0, 300);
    w.flush();
    append_rows(w, 300, 350);  // buffered; abandon writes them out too
    w.abandon("interrupted: SIGINT at t=1.5y", 3.25);
    w.abandon("ignored: second call", 9.0);  // no-op
    CHECK_FALSE(fs::exists(final_path));
    const H5Reader r(w.partial_path());
    CHECK(attr_string(r, "status") == "interrupted: SIGINT at t=1.5y");
    CHECK(std::get<double>(r.root_attr("wall_seconds")->value) == 3.25);
    const auto price = r.read_f64("/metrics/price");
    REQUIRE(price.size() == 350);
    CHECK(price[349] == price_at(349));
  }

  SECTION("destroyed without finish") {
    const fs::path final_path = dir.path / "b.h5";
    {
      H5RunFile w(final_path);
      w.declare_metrics(specs);
      append_rows(w, 0, 200);
      w.flush();
    }
    CHECK_FALSE(fs::exists(final_path));
    const H5Reader r(dir.path / "b.h5.partial");
    CHECK(attr_string(r, "status") == "failed: not finished");
    CHECK(r.root_attr("wall_seconds").has_value());
    CHECK(r.read_i64("/metrics/supply").size() == 200);
    CHECK(r.read_i64("/metrics/supply")[199] == supply_at(199));
  }

  SECTION("a new writer truncates a stale .partial") {
    const fs::path final_path = dir.path / "c.h5";
    { std::ofstream(dir.path / "c.h5.partial") << "stale"; }
    H5RunFile w(final_path);
    w.finish(0.0);
    const H5Reader r(final_path);
    CHECK(attr_string(r, "status") == "complete");
    CHECK(r.datasets().empty());
  }
}

TEST_CASE("h5: string attributes are UTF-8 text and can be replaced", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path / "s.h5";
  const std::string yaml = "name: launch\nfee: 0.3 € per trade\nagents:\n  - kind: holder\n    count: 100000\n";
  {
    H5RunFile w(path);
    w.set_attr("scenario_yaml", yaml);
    w.set_attr("empty", "");
    w.set_attr("threads", 2);                          // int -> int64
    w.set_attr("seed", std::uint64_t{1234567890123});  // uint64 -> int64
    CHECK_THROWS_AS(w.set_attr("big", std::numeric_limits<std::uint64_t>::max()), Error);
    w.set_attr("x", 1.5);
    w.set_attr("x", "now a string");  // replaced across types
    CHECK_THROWS_AS(w.set_attr("a/b", "bad name"), Error);
    w.finish(1.0);
  }
  const H5Reader r(path);
  CHECK(attr_string(r, "scenario_yaml") == yaml);
  CHECK(attr_string(r, "empty").empty());
  CHECK(attr_string(r, "x") == "now a string");
  CHECK(std::get<std::int64_t>(r.root_attr("threads")->value) == 2);
  CHECK(std::get<std::int64_t>(r.root_attr("seed")->value) == 1234567890123);
  const auto all = r.root_attrs();
  std::vector<std::string> names;
  for (const auto& a : all) names.push_back(a.name);
  CHECK(names == std::vector<std::string>{"empty", "scenario_yaml", "seed", "status", "threads", "wall_seconds", "x"});
}

TEST_CASE("h5: agent snapshots [3, 100000] round-trip", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path / "snap.h5";
  constexpr std::uint64_t kAgents = 100'000;
  const auto balance = [](std::int64_t s, std::size_t a) { return static_cast<std::int64_t>(a) * 3 + s * 1'000'000; };
  const auto stake = [](std::int64_t s, std::size_t a) {
    return static_cast<double>(a) * 0.25 + static_cast<double>(s);
  };
  {
    H5RunFile w(path);
    const std::vector<SeriesSpec> cols = {{"balance", H5Type::Int64, "TOK", 1e-18, "wallet balance"},
                                          {"stake", H5Type::Float64, "TOK", 1.0, "staked"}};
    w.declare_snapshot("holder", kAgents, cols);
    CHECK_THROWS_AS(w.declare_snapshot("holder", kAgents, cols), Error);
    std::vector<std::int64_t> bi(kAgents);
    std::vector<double> sf(kAgents);
    CHECK_THROWS_AS(w.snapshot_i64("holder", "balance", bi), Error);  // before snapshot_time
    for (std::int64_t s = 0; s < 3; ++s) {
      w.snapshot_time("holder", s * 86400);
      for (std::size_t a = 0; a < kAgents; ++a) {
        bi[a] = balance(s, a);
        sf[a] = stake(s, a);
      }
      w.snapshot_i64("holder", "balance", bi);
      CHECK_THROWS_AS(w.snapshot_i64("holder", "balance", bi), Error);  // twice in one snapshot
      CHECK_THROWS_AS(w.snapshot_f64("holder", "balance", sf), Error);  // wrong type
      CHECK_THROWS_AS(w.snapshot_i64("holder", "nope", bi), Error);
      CHECK_THROWS_AS(w.snapshot_i64("whale", "balance", bi), Error);
      CHECK_THROWS_AS(w.snapshot_i64("holder", "balance", std::span(bi).first(10)), Error);
      if (s < 2) w.snapshot_f64("holder", "stake", sf);  // the last snapshot leaves "stake" unwritten
    }
    CHECK(w.snapshots("holder") == 3);
    w.finish(2.0);
  }
  const H5Reader r(path);
  const auto d = r.dataset("/agents/holder/balance");
  REQUIRE(d.has_value());
  CHECK(d->shape == std::vector<std::uint64_t>{3, kAgents});
  CHECK(r.dataset("/agents/holder/stake")->shape == std::vector<std::uint64_t>{3, kAgents});
  CHECK(r.read_i64("/agents/holder/time") == std::vector<std::int64_t>{0, 86400, 172800});
  const auto b = r.read_i64("/agents/holder/balance");
  const auto st = r.read_f64("/agents/holder/stake");
  REQUIRE(b.size() == 3 * kAgents);
  bool ok = true;
  for (std::int64_t s = 0; s < 3; ++s) {
    for (std::size_t a = 0; a < kAgents; ++a) {
      const std::size_t k = static_cast<std::size_t>(s) * kAgents + a;
      ok = ok && b[k] == balance(s, a) && (s == 2 ? std::isnan(st[k]) : st[k] == stake(s, a));
    }
  }
  CHECK(ok);
  CHECK(r.dataset_attr_double("/agents/holder/balance", "scale") == 1e-18);

  const hid_t f = H5Fopen(path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t ds = H5Dopen2(f, "/agents/holder/balance", H5P_DEFAULT);
  const hid_t dcpl = H5Dget_create_plist(ds);
  hsize_t chunk[2] = {0, 0};
  CHECK(H5Pget_chunk(dcpl, 2, chunk) == 2);
  CHECK(chunk[0] == 1);
  CHECK(chunk[1] == 65536);
  CHECK(H5Pget_nfilters(dcpl) == 2);
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(f);
}

TEST_CASE("h5: write_table round-trips", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path / "t.h5";
  {
    H5RunFile w(path);
    const std::vector<H5RunFile::Column> cols = {
        {"t", std::vector<std::int64_t>{10, 20, 30}, "s"},
        {"amount", std::vector<double>{1.5, -2.0, 1e300}, "TOK"},
        {"who", std::vector<std::string>{"alice", "bøb", ""}, ""},
    };
    w.write_table("unlocks", cols);
    CHECK_THROWS_AS(w.write_table("unlocks", cols), Error);
    const std::vector<H5RunFile::Column> ragged = {{"a", std::vector<std::int64_t>{1}, ""},
                                                   {"b", std::vector<double>{1.0, 2.0}, ""}};
    CHECK_THROWS_AS(w.write_table("ragged", ragged), Error);
    const std::vector<H5RunFile::Column> empty = {{"a", std::vector<std::int64_t>{}, ""}};
    w.write_table("none", empty);
    w.finish(0.0);
  }
  const H5Reader r(path);
  CHECK(r.read_i64("/events/unlocks/t") == std::vector<std::int64_t>{10, 20, 30});
  CHECK(r.read_f64("/events/unlocks/amount") == std::vector<double>{1.5, -2.0, 1e300});
  CHECK(r.read_strings("/events/unlocks/who") == std::vector<std::string>{"alice", "bøb", ""});
  CHECK(r.dataset("/events/unlocks/who")->dtype == "string");
  CHECK(r.dataset_attr_string("/events/unlocks/amount", "unit") == "TOK");
  CHECK_FALSE(r.dataset_attr_string("/events/unlocks/who", "unit").has_value());
  CHECK(r.read_i64("/events/none/a").empty());
  CHECK_FALSE(r.dataset("/events/ragged/a").has_value());
}

TEST_CASE("h5: misuse is reported as toksim::Error", "[h5]") {
  TempDir dir;
  H5RunFile w(dir.path / "m.h5");
  CHECK_THROWS_AS(w.append(0, {}, {}), Error);  // before declare_metrics
  const auto specs = three_metrics();
  const std::vector<SeriesSpec> dup = {{"a", H5Type::Int64, "", 1.0, ""}, {"a", H5Type::Int64, "", 1.0, ""}};
  CHECK_THROWS_AS(w.declare_metrics(dup), Error);
  w.declare_metrics(specs);
  CHECK_THROWS_AS(w.declare_metrics(specs), Error);
  const std::int64_t one_int[] = {1};
  const double one_real[] = {1.0};
  CHECK_THROWS_WITH(w.append(0, one_int, one_real), Catch::Contains("2 Int64"));
  CHECK_THROWS_AS(H5RunFile(dir.path / "no" / "such" / "dir.h5"), Error);
  w.finish(0.0);
  CHECK_THROWS_AS(w.flush(), Error);
}

TEST_CASE("h5: read_metric gives a metric in its unit, NaN kept or skipped", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path / "m.h5";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  {
    H5RunFile w(path);
    const std::vector<SeriesSpec> specs = {{"supply", H5Type::Int64, "token", 1e-6, ""},
                                           {"gini", H5Type::Float64, "", 1.0, ""},
                                           {"half", H5Type::Float64, "", 0.5, ""}};
    w.declare_metrics(specs);
    const std::int64_t i0[] = {3'000'007};
    const double r0[] = {nan, 4.0};
    w.append(0, i0, r0);
    const std::int64_t i1[] = {5'000'011};
    const double r1[] = {0.25, nan};
    w.append(60, i1, r1);
    w.finish(0.1);
  }
  const H5Reader r(path);
  const std::vector<double> supply = {3'000'007 * 1e-6, 5'000'011 * 1e-6};
  CHECK(read_metric(r, "supply", NanValues::Keep) == supply);
  CHECK(read_metric(r, "supply", NanValues::Skip) == supply);
  const std::vector<double> gini = read_metric(r, "gini", NanValues::Keep);
  REQUIRE(gini.size() == 2);
  CHECK(std::isnan(gini[0]));
  CHECK(gini[1] == 0.25);
  CHECK(read_metric(r, "gini", NanValues::Skip) == std::vector<double>{0.25});
  const std::vector<double> half = read_metric(r, "half", NanValues::Keep);
  REQUIRE(half.size() == 2);
  CHECK(half[0] == 2.0);
  CHECK(std::isnan(half[1]));
  CHECK(read_metric(r, "half", NanValues::Skip) == std::vector<double>{2.0});
  CHECK(read_metric(r, "absent", NanValues::Keep).empty());
}

TEST_CASE("h5: h5_diff", "[h5]") {
  TempDir dir;
  const std::vector<std::string> ignore = {"started_utc", "wall_seconds", "threads",
                                           "ranks",       "git_sha",      "toksim_version"};
  const auto none = [](H5RunFile&) {};
  const fs::path a = small_file(dir.path / "a.h5", none);

  SECTION("identical files") {
    const fs::path b = small_file(dir.path / "b.h5", none);
    const auto d = h5_diff(a, b, ignore);
    CHECK(d.identical);
    CHECK(d.message == "identical");
  }
  SECTION("ignored attributes may differ, others may not") {
    const fs::path b = small_file(dir.path / "b.h5", [](H5RunFile& w) {
      w.set_attr("started_utc", "2030-01-01T00:00:00Z");
      w.set_attr("threads", std::int64_t{8});
    });
    CHECK(h5_diff(a, b, ignore).identical);
    const auto strict = h5_diff(a, b, {});
    CHECK_FALSE(strict.identical);
    CHECK(strict.message == "root attribute started_utc: \"2026-01-01T00:00:00Z\" vs \"2030-01-01T00:00:00Z\"");
    const fs::path c = small_file(dir.path / "c.h5", [](H5RunFile& w) { w.set_attr("seed", std::int64_t{2}); });
    const auto d = h5_diff(a, c, ignore);
    CHECK_FALSE(d.identical);
    CHECK(d.message == "root attribute seed: 1 vs 2");
    const fs::path e = small_file(dir.path / "e.h5", [](H5RunFile& w) { w.set_attr("extra", "x"); });
    CHECK(h5_diff(a, e, ignore).message == "root attribute extra only in e.h5");
  }
  SECTION("one snapshot value changed: 2-D index") {
    H5RunFile w(dir.path / "c.h5");
    w.set_attr("seed", std::int64_t{1});
    w.set_attr("started_utc", "2026-01-01T00:00:00Z");
    const auto specs = three_metrics();
    w.declare_metrics(specs);
    append_rows(w, 0, 100);
    const std::vector<SeriesSpec> cols = {{"balance", H5Type::Int64, "TOK", 1.0, ""}};
    w.declare_snapshot("holder", 4, cols);
    for (std::int64_t s = 0; s < 3; ++s) {
      w.snapshot_time("holder", s);
      const std::vector<std::int64_t> row = {s, s + 1, s == 2 ? 99 : s + 2, s + 3};
      w.snapshot_i64("holder", "balance", row);
    }
    w.finish(0.5);
    const auto d = h5_diff(a, dir.path / "c.h5", ignore);
    CHECK_FALSE(d.identical);
    CHECK(d.message == "/agents/holder/balance: first difference at index [2, 2]: 4 vs 99");
  }
  SECTION("one metric value changed") {
    const fs::path b = small_file(dir.path / "b.h5", [](H5RunFile& w) {
      const std::int64_t ints[] = {supply_at(100), holders_at(100)};
      const double reals[] = {0.1034};
      w.append(100 * 3600, ints, reals);
    });
    const fs::path c = small_file(dir.path / "c.h5", [](H5RunFile& w) {
      const std::int64_t ints[] = {supply_at(100), holders_at(100)};
      const double reals[] = {0.1035};
      w.append(100 * 3600, ints, reals);
    });
    const auto d = h5_diff(b, c, ignore);
    CHECK_FALSE(d.identical);
    CHECK(d.message == "/metrics/price: first difference at index 100: 0.1034 vs 0.1035");
    CHECK(h5_diff(a, b, ignore).message == "/metrics/holders: shape differs: [100] vs [101]");
  }
  SECTION("NaN equals NaN when bit-identical") {
    const auto add_nan = [](H5RunFile& w) {
      const std::int64_t ints[] = {0, 0};
      const double reals[] = {std::numeric_limits<double>::quiet_NaN()};
      w.append(100 * 3600, ints, reals);
    };
    const fs::path b = small_file(dir.path / "b.h5", add_nan);
    const fs::path c = small_file(dir.path / "c.h5", add_nan);
    CHECK(h5_diff(b, c, ignore).identical);
  }
  SECTION("extra dataset, dataset attribute") {
    const fs::path b = small_file(dir.path / "b.h5", [](H5RunFile& w) {
      const std::vector<H5RunFile::Column> cols = {{"t", std::vector<std::int64_t>{1}, "s"}};
      w.write_table("votes", cols);
    });
    const auto d = h5_diff(a, b, ignore);
    CHECK_FALSE(d.identical);
    CHECK(d.message == "dataset /events/votes/t only in b.h5");
    CHECK(h5_diff(b, a, ignore).message == "dataset /events/votes/t only in b.h5");

    const fs::path c = small_file(dir.path / "c.h5", [](H5RunFile& w) {
      const std::vector<H5RunFile::Column> cols = {{"t", std::vector<std::int64_t>{1}, "ms"}};
      w.write_table("votes", cols);
    });
    CHECK(h5_diff(b, c, ignore).message == "/events/votes/t: attribute unit: \"s\" vs \"ms\"");
  }
  SECTION("not an HDF5 file") {
    const fs::path junk = dir.path / "junk.h5";
    { std::ofstream(junk) << "this is not HDF5\n"; }
    CHECK_THROWS_AS(h5_diff(a, junk, ignore), Error);
    CHECK_THROWS_WITH(H5Reader(junk), Catch::Contains("cannot open") && Catch::Contains("as HDF5"));
    CHECK_THROWS_WITH(H5Reader(dir.path / "missing.h5"), Catch::Contains("no such file"));
  }
}
