#!/usr/bin/env bash
# The main job on the embedded synthetic data: installs what is missing, builds,
# then reproduces the paper's tables and runs the study end to end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "$root"
fognas=build/fognas
out=${FOGNAS_DEMO_OUT:-build/demo}

echo "== 1. Paper Tables II-IV from the published architectures (device model + partition solver)" >&2
"$fognas" evaluate scenarios/paper-table3.yaml --out "$out/paper-table3"
