// Private to io/src: how the io layer's messages write values: quoted names and strings, and floating-point
// numbers as the shortest text that reads back as the same value. Shared by the writer, the reader and h5_diff.
#pragma once

#include <charconv>
#include <concepts>
#include <string>
#include <string_view>

namespace toksim::io {

/// `s` in double quotes.
inline std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

/// The shortest text that reads back as `v` (std::to_chars): "0.1", "1e+300", "nan".
template <std::floating_point T>
std::string format_real(T v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace toksim::io
