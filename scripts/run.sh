#!/usr/bin/env bash
# Quick start (a): installs what is missing, builds optimised, and runs the main job.
# Until the scenario runner lands (`toksim run` on the embedded default scenario), the main job is the
# PHOLD benchmark of the engine: its representative table, with equal digests across threads and shards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/bench/phold "$@"
