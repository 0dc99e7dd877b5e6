#!/usr/bin/env bash
# Quick start (b): installs what is missing, builds, and runs every test:
#   1. the `ci` preset (optimised with debug info, warnings as errors): the whole suite;
#   2. the `asan` preset (AddressSanitizer + UndefinedBehaviorSanitizer): the whole suite;
#   3. the `tsan` preset (ThreadSanitizer, against a TSan-built oneTBB): the whole suite.
# Set TOKSIM_QUICK=1 to run the `ci` preset only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
jobs=$(nproc)
run_preset() {
  echo "== preset $1"
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j"$jobs"
  ctest --preset "$1" -j"$jobs"
}
run_preset ci
if [ "${TOKSIM_QUICK:-0}" != 1 ]; then
  run_preset asan
  bash scripts/tbb-tsan.sh
  run_preset tsan
fi
echo "== all test presets passed"
