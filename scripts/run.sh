#!/usr/bin/env bash
# Quick start (a): installs what is missing, builds optimised, and runs the main job: `toksim run` on the
# embedded default scenario (scenarios/default.yaml), which prints a summary and writes default.h5 here.
# As root it also installs the Python package, so that `/usr/bin/python3 -c "import toksim"` works.
# Arguments go to `toksim run` (e.g. scripts/run.sh scenarios/examples/vc_cliff_crash.yaml -o crash.h5).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
# The Python package (`import toksim` from /usr/bin/python3): installed into /usr/local when root.
if [ "$(id -u)" -eq 0 ]; then
  cmake --install build/release --component python >/dev/null
  echo "run: installed the Python packages toksim and toksim_analysis for /usr/bin/python3"
else
  echo "run: not root, so the Python package is not installed; use PYTHONPATH=$root/build/release/python"
fi
./build/release/bindings/cli/toksim run "$@"
