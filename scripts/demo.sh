#!/usr/bin/env bash
# The main job on the embedded synthetic data: installs what is missing, builds,
# then runs the study end to end: the paper's tables from the device model, the
# joint search, and the ns-3 validation of the chosen and the published networks.
# Results go to results/ (the committed copies are regenerated).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "$root"
fognas=build/fognas

step() { printf '\n== %s\n' "$*" >&2; }

step "1/4 Paper Tables II-IV from the published architectures (device model + partition solver)"
"$fognas" evaluate scenarios/paper-table3.yaml

step "2/4 Joint NAS and partitioning, seizure detection on synthetic EEG (a few minutes on 2 cores)"
"$fognas" search scenarios/seizure-edge.yaml --out results/seizure-edge
cat results/seizure-edge/table.md

step "3/4 The chosen network on 8 wearables and 2 fog nodes in ns-3 (BLE, nRF52832)"
"$fognas" simulate scenarios/seizure-edge-fleet.yaml --out results/seizure-edge-fleet

step "4/4 The paper's Table IV networks in ns-3: how far the 20 nJ/bit model is off"
"$fognas" simulate scenarios/validate-table4.yaml --out results/validate-table4

step "done: tables, plots and reports under results/"
