// Unit tests of toksim::sim::Column and toksim::sim::Table (sim/include/toksim/sim/table.hpp) and of the
// Eigen views over their spans (sim/include/toksim/sim/eigen_view.hpp).
//
// Pins: a Column's name, size, resize (keeps values, fills new rows), data()/span()/slice() aliasing the
// same storage (writes through, const overloads); a Table's construction (every column sized, rows
// value-initialised and active), append (keeps existing values and row indices, new rows zero and
// active, append(0) is a no-op), retire/is_active (a retired row keeps its values), for_each_column
// (schema columns in columns() order, then `active`, with their names, mutable and const), and
// bytes_per_row() (sum of the value sizes plus one byte for `active`, usable at compile time);
// as_eigen/as_eigen_const map the same memory as the span (writes through Eigen appear in the column,
// sum() of a mapped column and of a mapped slice), and as_eigen refuses spans of const.
//
// Leaves out: pointer stability across append (not promised: columns are vectors and may reallocate),
// out-of-range rows (unchecked by design), and Eigen's own arithmetic beyond what shows aliasing.

#include <catch2/catch.hpp>

// Eigen's headers use C-style casts. The CMake build sees them as system headers (Eigen3::Eigen is an
// imported target); a plain -I/usr/include/eigen3 does not, so Eigen/Core is included first with that one
// warning off (the include guard then makes eigen_view.hpp's own #include of it a no-op).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#include <Eigen/Core>
#pragma GCC diagnostic pop

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <toksim/sim/eigen_view.hpp>
#include <toksim/sim/table.hpp>

namespace {

using toksim::sim::as_eigen;
using toksim::sim::as_eigen_const;
using toksim::sim::Column;
using toksim::sim::Table;

struct TestColumns {
  Column<std::int64_t> balance{"balance"};
  Column<double> weight{"weight"};
  Column<std::uint16_t> flags{"flags"};
  auto columns() { return std::tie(balance, weight, flags); }
  auto columns() const { return std::tie(balance, weight, flags); }
};

struct OneColumn {
  Column<float> x{"x"};
  auto columns() { return std::tie(x); }
  auto columns() const { return std::tie(x); }
};

using TestTable = Table<TestColumns>;

template <class S>
concept WritableMap = requires(S s) {
  as_eigen(s);
};

static_assert(TestTable::bytes_per_row() == sizeof(std::int64_t) + sizeof(double) + sizeof(std::uint16_t) + 1);
static_assert(TestTable::bytes_per_row() == 19);
static_assert(Table<OneColumn>::bytes_per_row() == 5);
static_assert(WritableMap<std::span<double>>);
static_assert(!WritableMap<std::span<const double>>);

std::vector<std::string> column_names(const TestTable& t) {
  std::vector<std::string> names;
  t.for_each_column([&](const auto& col) { names.emplace_back(col.name()); });
  return names;
}

}  // namespace

TEST_CASE("sim::table: Column storage and views", "[sim][table]") {
  Column<int> c("score");
  CHECK(c.name() == "score");
  CHECK(c.size() == 0);
  CHECK(c.span().empty());

  SECTION("resize fills new rows and keeps old ones") {
    c.resize(5, 7);
    REQUIRE(c.size() == 5);
    for (std::size_t r = 0; r < 5; ++r) CHECK(c[r] == 7);
    c[2] = 42;
    c.resize(8, -1);
    REQUIRE(c.size() == 8);
    CHECK(c[2] == 42);
    CHECK(c[4] == 7);
    CHECK(c[5] == -1);
    CHECK(c[7] == -1);
    c.resize(3, 0);
    REQUIRE(c.size() == 3);
    CHECK(c[2] == 42);
  }
  SECTION("data, span and slice alias the same storage") {
    c.resize(10, 0);
    CHECK(c.data() == &c[0]);
    CHECK(c.span().data() == c.data());
    CHECK(c.span().size() == 10);
    const std::span<int> s = c.slice(3, 7);
    CHECK(s.size() == 4);
    CHECK(s.data() == &c[3]);
    s[0] = 11;
    s[3] = 14;
    CHECK(c[3] == 11);
    CHECK(c[6] == 14);
    c[5] = 13;
    CHECK(s[2] == 13);
    CHECK(c.slice(4, 4).empty());
    CHECK(c.slice(0, 10).size() == 10);
    const Column<int>& cc = c;
    const std::span<const int> cs = cc.slice(3, 7);
    CHECK(cs.data() == &c[3]);
    CHECK(cs[0] == 11);
    CHECK(cc.span().size() == 10);
    CHECK(cc.data() == c.data());
    CHECK(cc[6] == 14);
  }
}

TEST_CASE("sim::table: construction sizes every column and marks rows active", "[sim][table]") {
  SECTION("sized construction") {
    TestTable t(6);
    CHECK(t.rows() == 6);
    std::vector<std::size_t> sizes;
    t.for_each_column([&](const auto& col) { sizes.push_back(col.size()); });
    CHECK(sizes == std::vector<std::size_t>{6, 6, 6, 6});
    for (std::size_t r = 0; r < 6; ++r) {
      CHECK(t.is_active(r));
      CHECK(t.active[r] == 1);
      CHECK(t.balance[r] == 0);
      CHECK(t.weight[r] == 0.0);
      CHECK(t.flags[r] == 0);
    }
  }
  SECTION("default construction is empty") {
    TestTable t;
    CHECK(t.rows() == 0);
    t.for_each_column([](const auto& col) { CHECK(col.size() == 0); });
    t.append(0);
    CHECK(t.rows() == 0);
    t.append(2);
    CHECK(t.rows() == 2);
    CHECK(t.is_active(0));
    CHECK(t.is_active(1));
  }
  SECTION("zero rows") {
    const TestTable t(0);
    CHECK(t.rows() == 0);
  }
}

TEST_CASE("sim::table: append keeps existing values and indices", "[sim][table]") {
  TestTable t(4);
  for (std::size_t r = 0; r < 4; ++r) {
    t.balance[r] = static_cast<std::int64_t>(100 + r);
    t.weight[r] = 0.5 * static_cast<double>(r);
    t.flags[r] = static_cast<std::uint16_t>(r | 0x8000u);
  }
  t.retire(1);
  t.append(3);
  REQUIRE(t.rows() == 7);
  t.for_each_column([](const auto& col) { CHECK(col.size() == 7); });
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(t.balance[r] == static_cast<std::int64_t>(100 + r));
    CHECK(t.weight[r] == 0.5 * static_cast<double>(r));
    CHECK(t.flags[r] == static_cast<std::uint16_t>(r | 0x8000u));
  }
  CHECK_FALSE(t.is_active(1));  // appending does not revive retired rows
  CHECK(t.is_active(0));
  CHECK(t.is_active(3));
  for (std::size_t r = 4; r < 7; ++r) {
    CHECK(t.is_active(r));
    CHECK(t.balance[r] == 0);
    CHECK(t.weight[r] == 0.0);
    CHECK(t.flags[r] == 0);
  }
  t.append(1000);
  CHECK(t.rows() == 1007);
  CHECK(t.balance[3] == 103);
  CHECK(t.is_active(1006));
}

TEST_CASE("sim::table: retire keeps the row and its values", "[sim][table]") {
  TestTable t(5);
  t.balance[2] = -9;
  t.retire(2);
  CHECK_FALSE(t.is_active(2));
  CHECK(t.active[2] == 0);
  CHECK(t.balance[2] == -9);
  CHECK(t.rows() == 5);
  for (const std::size_t r : {0u, 1u, 3u, 4u}) CHECK(t.is_active(r));
  t.retire(2);  // retiring twice is harmless
  CHECK_FALSE(t.is_active(2));
  t.retire(4);
  CHECK_FALSE(t.is_active(4));
  CHECK(t.is_active(3));
}

TEST_CASE("sim::table: for_each_column visits the schema columns then active", "[sim][table]") {
  TestTable t(3);
  SECTION("names in order, const and mutable") {
    const std::vector<std::string> want{"balance", "weight", "flags", "active"};
    CHECK(column_names(t) == want);
    std::vector<std::string> names;
    t.for_each_column([&](auto& col) { names.emplace_back(col.name()); });
    CHECK(names == want);
  }
  SECTION("the visited columns are the table's own: writes through the visitor land in the table") {
    t.for_each_column([](auto& col) {
      using V = typename std::remove_reference_t<decltype(col)>::value_type;
      col[1] = static_cast<V>(col.name().size());
    });
    CHECK(t.balance[1] == 7);
    CHECK(t.weight[1] == 6.0);
    CHECK(t.flags[1] == 5);
    CHECK(t.active[1] == 6);
    CHECK(t.is_active(1));
  }
  SECTION("the value sizes of the visited columns add up to bytes_per_row") {
    std::size_t bytes = 0;
    std::size_t count = 0;
    t.for_each_column([&](const auto& col) {
      bytes += sizeof(typename std::remove_cvref_t<decltype(col)>::value_type);
      ++count;
    });
    CHECK(count == 4);
    CHECK(bytes == TestTable::bytes_per_row());
  }
}

TEST_CASE("sim::table: Eigen views map the column memory", "[sim][table][eigen]") {
  TestTable t(10);
  for (std::size_t r = 0; r < 10; ++r) {
    t.balance[r] = static_cast<std::int64_t>(r) * 3;
    t.weight[r] = 0.25 * static_cast<double>(r);
  }

  SECTION("a writable map over a whole column writes through") {
    auto m = as_eigen(t.weight.span());
    REQUIRE(m.size() == 10);
    CHECK(m.data() == t.weight.data());
    m(4) = 100.0;
    CHECK(t.weight[4] == 100.0);
    m *= 2.0;
    CHECK(t.weight[4] == 200.0);
    CHECK(t.weight[1] == 0.5);
    m.setConstant(1.5);
    for (std::size_t r = 0; r < 10; ++r) CHECK(t.weight[r] == 1.5);
  }
  SECTION("a writable map over a slice covers exactly the slice") {
    auto m = as_eigen(t.balance.slice(2, 6));
    REQUIRE(m.size() == 4);
    CHECK(m.data() == &t.balance[2]);
    m.setZero();
    CHECK(t.balance[1] == 3);
    CHECK(t.balance[2] == 0);
    CHECK(t.balance[5] == 0);
    CHECK(t.balance[6] == 18);
  }
  SECTION("sum of a mapped column equals the loop sum") {
    const std::int64_t want = 3 * (9 * 10 / 2);
    CHECK(as_eigen(t.balance.span()).sum() == want);
    CHECK(as_eigen_const(t.balance.span()).sum() == want);
    const TestTable& ct = t;
    CHECK(as_eigen_const(ct.weight.span()).sum() == 0.25 * 45);
    CHECK(as_eigen_const(ct.weight.slice(8, 10)).sum() == 0.25 * 17);
    CHECK(as_eigen_const(ct.weight.slice(3, 3)).size() == 0);
  }
  SECTION("a read-only map sees later writes to the column") {
    const auto view = as_eigen_const(std::span<const double>(t.weight.span()));
    CHECK(view.data() == t.weight.data());
    t.weight[9] = -1000.0;
    CHECK(view(9) == -1000.0);
  }
  SECTION("vector arithmetic between two columns without copies") {
    auto w = as_eigen(t.weight.span());
    w = w + as_eigen_const(t.weight.span());  // doubles every weight in place
    CHECK(t.weight[9] == 4.5);
    CHECK(std::accumulate(t.weight.span().begin(), t.weight.span().end(), 0.0) == 0.5 * 45);
  }
}
