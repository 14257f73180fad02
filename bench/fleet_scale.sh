#!/usr/bin/env bash
# How `fognas simulate` scales with the fleet: scenarios/fleet-1000.yaml with
# 100, 1000 and 10000 wearables (20 per fog node, the floor area grown with the
# fleet so the density stays that of fleet-1000), each for DURATION_S simulated
# seconds. Prints wall seconds, ns-3 events, events per wall second and wall
# seconds per simulated hour, fastest of REPEATS interleaved runs. With
# BASELINE=path/to/an/older/fognas the older binary runs interleaved with this
# one, and the last column is the older binary's wall over this one's.
# Usage: bench/fleet_scale.sh [BUILD_DIR]
#   (env: DURATION_S=60 REPEATS=3 SIZES="100 1000 10000" BASELINE=)
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

baseline=${BASELINE:-}
[[ -z $baseline || -x $baseline ]] || { echo "fleet_scale: BASELINE $baseline is not an executable" >&2; exit 1; }

run() {  # binary wearables -> one JSON line of the fleet block
  local bin=$1 n=$2 fogs=$(( ($2 + 19) / 20 ))
  local scale
  scale=$(python3 -c "import math; print(math.sqrt($n / 1000))")
  local w h
  w=$(python3 -c "print(round(200 * $scale, 3))"); h=$(python3 -c "print(round(100 * $scale, 3))")
  "$bin" simulate scenarios/fleet-1000.yaml --json --quiet --out "$out/run" --duration-s "$duration" \
    --set wearables="$n" --set fog_nodes="$fogs" --set "placement.area_m=[$w, $h]" |
    python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['cases'][0]['fleet']))"
}

for ((r = 0; r < repeats; r++)); do
  for n in $sizes; do
    run "$fognas" "$n" >>"$out/w$n"
    [[ -z $baseline ]] || run "$baseline" "$n" >>"$out/b$n"
  done
done
python3 - "$out" "$duration" "${baseline:+1}" $sizes <<'PY'
import json, os, sys
out, duration, has_base = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "1"
sizes = [int(s) for s in sys.argv[4:]]
print(f"simulated {duration:g} s per run; fastest of the runs; wall-clock on this machine")
print(f"{'wearables':>9} {'wall_s':>8} {'events':>10} {'events/s':>10} {'wall s per sim h':>17} {'x 1000 wearables':>17}"
      + (f" {'baseline wall_s':>15} {'baseline/this':>13}" if has_base else ""))
def fastest(path):
    runs = [json.loads(l) for l in open(path) if l.strip()]
    return min(runs, key=lambda f: f["wall_s"])
best = {n: fastest(f"{out}/w{n}") for n in sizes}
base = {n: fastest(f"{out}/b{n}") for n in sizes} if has_base else {}
ref = best.get(1000)
for n in sizes:
    f = best[n]
    ratio = f["wall_s"] / ref["wall_s"] if ref else float("nan")
    print(f"{n:>9} {f['wall_s']:>8.2f} {f['sim_events']:>10} {f['sim_events'] / f['wall_s']:>10.0f} "
          f"{f['wall_s'] * 3600 / duration:>17.0f} {ratio:>17.2f}"
          + (f" {base[n]['wall_s']:>15.2f} {base[n]['wall_s'] / f['wall_s']:>13.2f}" if has_base else ""))
PY
