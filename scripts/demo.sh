#!/usr/bin/env bash
# The main job on the embedded synthetic data: installs what is missing, builds,
# then runs the default study (search -> partition over factors -> simulated
# ward -> tables and figures), the paper's tables from the device model, and
# the paper's networks swept across factors, radios and connection intervals.
# Results go to results/ (the committed copies are regenerated).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "$root"
fognas=build/fognas

step() { printf '\n== %s\n' "$*" >&2; }

step "1/3 The default study: a short joint search (synthetic EEG), partitions at factors 1-20, a simulated ward, tables and figures"
"$fognas" study scenarios/demo-study.yaml --out results/demo-study
cat results/demo-study/tables/energy-by-factor.md

step "2/3 Paper Tables II-V from the published architectures (device model + partition solver)"
"$fognas" evaluate scenarios/paper-table3.yaml >/dev/null
"$fognas" evaluate scenarios/paper-table5.yaml >/dev/null   # Table V: a VGG11-style network costed

step "3/3 The paper's Table IV networks across factors, radios and connection intervals in ns-3, and its report"
"$fognas" sweep scenarios/paper-sweep.yaml --quiet
"$fognas" report results/paper-sweep

step "done: results/demo-study/{tables,figures}/ (the study), results/paper-table3/, results/paper-table5/, results/paper-sweep/{tables,figures}/"
