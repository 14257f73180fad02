#!/usr/bin/env bash
# How `fognas simulate` scales with the fleet: scenarios/fleet-1000.yaml with
# 100, 1000 and 10000 wearables (20 per fog node, the floor area grown with the
# fleet so the density stays that of fleet-1000), each for DURATION_S simulated
# seconds. Prints wall seconds, ns-3 events, events per wall second and wall
# seconds per simulated hour, fastest of REPEATS interleaved runs.
# Usage: bench/fleet_scale.sh [BUILD_DIR]   (env: DURATION_S=60 REPEATS=3 SIZES="100 1000 10000")
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
fognas="$build/fognas"
[[ -x $fognas ]] || { echo "fleet_scale: $fognas not built (cmake --build $build --target fognas)" >&2; exit 1; }
duration=${DURATION_S:-60}
repeats=${REPEATS:-3}
sizes=${SIZES:-100 1000 10000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() {  # wearables -> one JSON line of the fleet block
  local n=$1 fogs=$(( ($1 + 19) / 20 ))
  local scale
  scale=$(python3 -c "import math; print(math.sqrt($n / 1000))")
  local w h
  w=$(python3 -c "print(round(200 * $scale, 3))"); h=$(python3 -c "print(round(100 * $scale, 3))")
  "$fognas" simulate scenarios/fleet-1000.yaml --json --quiet --out "$out/run" --duration-s "$duration" \
    --set wearables="$n" --set fog_nodes="$fogs" --set "placement.area_m=[$w, $h]" |
    python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['cases'][0]['fleet']))"
}

for ((r = 0; r < repeats; r++)); do
  for n in $sizes; do run "$n" >>"$out/w$n"; done
done
python3 - "$out" "$duration" $sizes <<'PY'
import json, sys
out, duration, sizes = sys.argv[1], float(sys.argv[2]), [int(s) for s in sys.argv[3:]]
print(f"simulated {duration:g} s per run; fastest of the runs; wall-clock on this machine")
print(f"{'wearables':>9} {'wall_s':>8} {'events':>10} {'events/s':>10} {'wall s per sim h':>17} {'x 1000 wearables':>17}")
best = {}
for n in sizes:
    runs = [json.loads(l) for l in open(f"{out}/w{n}") if l.strip()]
    best[n] = min(runs, key=lambda f: f["wall_s"])
ref = best.get(1000)
for n in sizes:
    f = best[n]
    ratio = f["wall_s"] / ref["wall_s"] if ref else float("nan")
    print(f"{n:>9} {f['wall_s']:>8.2f} {f['sim_events']:>10} {f['sim_events'] / f['wall_s']:>10.0f} "
          f"{f['wall_s'] * 3600 / duration:>17.0f} {ratio:>17.2f}")
PY
