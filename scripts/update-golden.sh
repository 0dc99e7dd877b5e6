#!/usr/bin/env bash
# Regenerates the golden outputs (tests/golden/*.golden) from the ci build's toksim binary, and PHOLD's golden
# digests (tests/golden/phold.golden) from the ci test binary. A change to a golden is a commit of its own whose
# message says why the results moved. Usage: scripts/update-golden.sh [CASE...]   (default: every case)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cmake --preset ci >/dev/null
cmake --build --preset ci --target toksim toksim_sim_tests
TOKSIM_BIN="$root/build/ci/bindings/cli/toksim" /usr/bin/python3 tests/golden/golden.py --update "$@"
if [ $# -eq 0 ]; then
  TOKSIM_GOLDEN_UPDATE="$root/tests/golden/phold.golden" ./build/ci/tests/toksim_sim_tests "[golden]" >/dev/null
  echo "phold                  rewritten"
fi
git --no-pager diff --stat -- tests/golden
