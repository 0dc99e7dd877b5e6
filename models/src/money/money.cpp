// Money formatting and the overflow error of the money types.
#include "toksim/models/money/money.hpp"

#include <cstdio>

namespace toksim::models {

namespace detail {
void throw_overflow(const char* what) {
  throw MoneyError(std::string("exact money: ") + what + " leaves the int64 range or is undefined");
}
}  // namespace detail

namespace {
std::string decimal(std::int64_t v) {
  const bool neg = v < 0;
  const u128 mag = neg ? u128(-(i128{v})) : u128(v);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%06llu", neg ? "-" : "", static_cast<unsigned long long>(mag / kUnit),
                static_cast<unsigned long long>(mag % kUnit));
  return buf;
}
}  // namespace

std::string to_string(Tokens t) { return decimal(t.raw()); }
std::string to_string(MicroUsd u) {
  std::string s(1, '$');  // not "$" + ...: GCC 12 warns falsely (-Wrestrict) on that at -O3
  s += decimal(u.raw());
  return s;
}

}  // namespace toksim::models
