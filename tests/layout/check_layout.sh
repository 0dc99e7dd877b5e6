#!/usr/bin/env bash
# Pins the layering the libraries promise (models/README.md, sim/README.md, docs/ARCHITECTURE.md), as greps over
# the include lines and sources: each rule prints the offending lines and the check fails if any rule is broken.
# Leaves out what a grep cannot see (a dependency through a forward declaration, a link-time call).
# Usage: tests/layout/check_layout.sh [REPO_ROOT]
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
broken=0
rule() {  # rule "what must hold" <command printing offending lines>
  local what=$1; shift
  local out
  out=$("$@" 2>/dev/null)
  if [ -n "$out" ]; then
    echo "layout: BROKEN: $what"
    echo "$out" | sed 's/^/  /'
    broken=$((broken + 1))
  else
    echo "layout: ok: $what"
  fi
}
inc() { grep -rnE "^#include +[\"<]($1)" "${@:2}"; }

rule "sim/ includes nothing of models/, io/ or bindings/ (the engine knows nothing of tokens or files)" \
  inc "toksim/(models|io)/|hdf5|H5Cpp|yaml-cpp" sim
rule "io/ includes nothing of models/ or bindings/" inc "toksim/models/" io
rule "only models' scenario/ wing reads YAML (yaml-cpp, reader.hpp, document.hpp)" \
  bash -c 'grep -rnE "^#include +[\"<](yaml-cpp|toksim/models/scenario/(reader|document)\.hpp)" models/include models/src |
           grep -vE "^models/(include/toksim/models|src)/scenario/"'
rule "money/ includes only money/ and sim/" \
  bash -c 'grep -rnE "^#include +\"toksim/" models/include/toksim/models/money models/src/money | grep -vE "toksim/(models/money|sim)/"'
rule "mechanism wings (money, supply, markets, governance) never include an economy or the scenario wing" \
  bash -c 'grep -rnE "^#include +\"toksim/models/(compute|launch|scenario)/" models/include/toksim/models/{money,supply,markets,governance} models/src/{money,supply,markets,governance}'
rule "an economy never includes another economy or the scenario wing" \
  bash -c 'grep -rnE "^#include +\"toksim/models/(launch|scenario)/" models/include/toksim/models/compute models/src/compute;
           grep -rnE "^#include +\"toksim/models/(compute|scenario)/" models/include/toksim/models/launch models/src/launch'
rule "only scenario/registry.cpp names the economies (no branch on a model's name elsewhere)" \
  bash -c 'grep -rnE "\"(compute_network|token_launch)\"" models/src models/include bindings/cli bindings/python/*.cpp bindings/python/*.hpp |
           grep -v "^models/src/scenario/registry.cpp:"'
rule "no source file in models/ over 600 lines" \
  bash -c 'find models -name "*.cpp" -o -name "*.hpp" | xargs wc -l | grep -v " total$" | awk "\$1 > 600"'
rule "toksim_sim links no HDF5" bash -c 'grep -n "HDF5" sim/CMakeLists.txt'

if [ "$broken" -gt 0 ]; then
  echo "layout: $broken rule(s) broken"
  exit 1
fi
echo "layout: every rule holds"
