#!/usr/bin/env bash
# Quick start (a): installs what is missing, builds optimised, and runs the main job: `toksim run` on the
# embedded default scenario (scenarios/default.yaml), which prints a summary and writes default.h5 here.
# Arguments go to `toksim run` (e.g. scripts/run.sh scenarios/examples/vc_cliff_crash.yaml -o crash.h5).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/bindings/cli/toksim run "$@"
