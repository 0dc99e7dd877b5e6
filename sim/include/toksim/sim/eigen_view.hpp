// Eigen views over columns and spans, for vector work on agent tables without copying.
#pragma once

#include <Eigen/Core>

#include <span>
#include <type_traits>

namespace toksim::sim {

/// A writable Eigen column vector over a span (no copy; writes go to the span's storage).
template <class T>
requires(!std::is_const_v<T>) Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>> as_eigen(std::span<T> s) {
  return {s.data(), static_cast<Eigen::Index>(s.size())};
}

/// A read-only Eigen column vector over a span.
template <class T>
Eigen::Map<const Eigen::Matrix<std::remove_const_t<T>, Eigen::Dynamic, 1>> as_eigen_const(std::span<T> s) {
  return {s.data(), static_cast<Eigen::Index>(s.size())};
}

}  // namespace toksim::sim
