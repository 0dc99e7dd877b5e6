// A 64-bit digest of simulation state, for "same bytes" checks across thread, shard and rank counts.
// FNV-1a over 64-bit words (not over bytes: 8x faster, same purpose); not a cryptographic hash.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

namespace toksim::sim {

class Digest {
 public:
  void add(std::uint64_t word) noexcept {
    h_ ^= word;
    h_ *= 0x100000001b3ull;
  }
  /// Adds the bytes of trivially copyable values, in order (padding bytes must be zeroed by the caller).
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void add(std::span<const T> values) noexcept {
    const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
    const std::size_t n = values.size_bytes();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, bytes + i, 8);
      add(w);
    }
    std::uint64_t tail = 0;
    if (n > i) std::memcpy(&tail, bytes + i, n - i);  // an empty span may have a null data()
    add(tail ^ (std::uint64_t{n - i} << 56));
  }
  std::uint64_t value() const noexcept { return h_; }
  /// Sixteen lower-case hex digits.
  std::string hex() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 0; i < 16; ++i) s[static_cast<std::size_t>(15 - i)] = digits[(h_ >> (4 * i)) & 0xf];
    return s;
  }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

}  // namespace toksim::sim
