// `toksim diff A.h5 B.h5`: identical (exit 0) or the first differing dataset and index (exit 1). Attributes
// that record the machine or the clock (start time, wall seconds, threads, ranks, version) are ignored
// unless --all-attrs is given.
#include <fmt/format.h>

#include "commands.hpp"
#include "support.hpp"
#include "toksim/io/h5_diff.hpp"

namespace toksim::cli {

int diff_command(const std::filesystem::path& a, const std::filesystem::path& b, bool all_attrs) {
  try {
    const std::vector<std::string> none;
    const auto r = io::h5_diff(a, b, all_attrs ? none : volatile_attributes());
    if (r.identical) {
      fmt::print("identical: {} and {}\n", a.string(), b.string());
      return kOk;
    }
    fmt::print("differ: {}\n", r.message);
    return kBreach;
  } catch (const Error& e) {
    print_error(e.what());
    return kBadInput;
  }
}

}  // namespace toksim::cli
