// Agent state as structure of arrays: one contiguous typed Column per field, rows addressed by dense index,
// never deleted (an `active` column marks retired rows), with spans over any slice of rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace toksim::sim {
namespace detail {
template <class Tuple>
struct RowBytes;
template <class... C>
struct RowBytes<std::tuple<C...>> {
  static constexpr std::size_t value = (sizeof(typename std::remove_cvref_t<C>::value_type) + ... + 0);
};
}  // namespace detail

/// One named field of an agent table. Storage is one contiguous vector.
template <class T>
class Column {
 public:
  using value_type = T;
  explicit Column(std::string name) : name_(std::move(name)) {}

  std::string_view name() const noexcept { return name_; }
  std::size_t size() const noexcept { return data_.size(); }
  T& operator[](std::size_t row) noexcept { return data_[row]; }
  const T& operator[](std::size_t row) const noexcept { return data_[row]; }
  T* data() noexcept { return data_.data(); }
  const T* data() const noexcept { return data_.data(); }

  std::span<T> span() noexcept { return data_; }
  std::span<const T> span() const noexcept { return data_; }
  /// Rows [begin, end): e.g. a shard's slice.
  std::span<T> slice(std::size_t begin, std::size_t end) noexcept { return span().subspan(begin, end - begin); }
  std::span<const T> slice(std::size_t begin, std::size_t end) const noexcept {
    return span().subspan(begin, end - begin);
  }

  void resize(std::size_t n, const T& fill) { data_.resize(n, fill); }

 private:
  std::string name_;
  std::vector<T> data_;
};

/// A table of agents of one kind. `Schema` is a struct of Column members that lists them in
/// `auto columns() { return std::tie(a, b, ...); }` (and the same `const`).
///
/// @code
///   struct HolderColumns {
///     Column<std::int64_t> balance{"balance"};
///     Column<std::int64_t> cost_basis{"cost_basis"};
///     auto columns() { return std::tie(balance, cost_basis); }
///     auto columns() const { return std::tie(balance, cost_basis); }
///   };
///   Table<HolderColumns> holders(1'000'000);   // every column sized, every row active
///   holders.balance[7] += 5;
///   holders.for_each_column([](auto& col) { std::cout << col.name() << '\n'; });
/// @endcode
template <class Schema>
class Table : public Schema {
 public:
  Table() = default;
  explicit Table(std::size_t rows) { append(rows); }

  std::size_t rows() const noexcept { return active.size(); }

  /// Adds n rows at the end, value-initialised and active. Existing row indices never change.
  void append(std::size_t n) {
    const std::size_t to = rows() + n;
    for_each_column([to](auto& col) { col.resize(to, typename std::remove_reference_t<decltype(col)>::value_type{}); });
    for (std::size_t r = to - n; r < to; ++r) active[r] = 1;
  }

  /// Retires a row: it keeps its index and values, and `active` becomes 0.
  void retire(std::size_t row) noexcept { active[row] = 0; }
  bool is_active(std::size_t row) const noexcept { return active[row] != 0; }

  /// Calls f(column) for every column of the schema, then for `active`.
  template <class F>
  void for_each_column(F&& f) {
    std::apply([&](auto&... col) { (f(col), ...); }, Schema::columns());
    f(active);
  }
  template <class F>
  void for_each_column(F&& f) const {
    std::apply([&](const auto&... col) { (f(col), ...); }, Schema::columns());
    f(active);
  }

  /// Bytes of column storage per row (the memory cost of one agent of this kind).
  static constexpr std::size_t bytes_per_row() noexcept {
    return sizeof(std::uint8_t) + detail::RowBytes<decltype(std::declval<const Schema&>().columns())>::value;
  }

  Column<std::uint8_t> active{"active"};
};

}  // namespace toksim::sim
