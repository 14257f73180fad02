#!/usr/bin/env bash
# How `fognas simulate` scales with the fleet, in two layouts:
#
# Open floor: scenarios/fleet-1000.yaml with 100, 1000 and 10000 wearables
# (20 per fog node, the floor area grown with the fleet so the density stays
# that of fleet-1000), each for DURATION_S simulated seconds. Prints wall
# seconds, ns-3 events, events per wall second and wall seconds per simulated
# hour, fastest of REPEATS interleaved runs. With
# BASELINE=path/to/an/older/fognas the older binary runs interleaved with this
# one, and the last column is the older binary's wall over this one's.
#
# Hospital: scenarios/hospital-10k.yaml's wards (50 beds, 3 fog nodes, 3 in
# 10 patients walking within the ward) in buildings of 4 floors x 5 wards
# (1000 wearables each), 1 km apart on a grid: 1, 10 and 100 buildings for
# 1000, 10000 and 100000 wearables (HOSPITAL_SIZES). Each size runs for S
# simulated seconds; the wall time of ns-3's run over the windows in steady
# state (timing.json's run_wall_steady_s: from the end of the first window to
# the end of the last, read inside the run, so no placement, predictions,
# first connections or reports) gives the wall seconds per wearable-hour;
# peak memory is the resident set from /usr/bin/time (the largest of the
# runs). S is HOSPITAL_S, by default 120 s, the same at every size: a span's
# cost per wearable depends on how far into the run it lies (early spans meet
# more first meetings of pairs and fill the channel's caches), so sizes are
# compared over the same span. Every size runs HOSPITAL_REPEATS times,
# interleaved. A run among buildings is a sequence of parts (one per building
# here, timing.json's parts_run_wall_steady_s), each the same work in every
# run of its size: each part is timed by its fastest run and the size by the
# sum over its parts, so a burst of load on the shared machine during one
# part of one run does not count, at 1000 wearables (one part) as at 100 000
# (100 parts). The fastest whole run is printed beside it.
# Usage: bench/fleet_scale.sh [BUILD_DIR]
#   (env: DURATION_S=60 REPEATS=3 SIZES="100 1000 10000" BASELINE=
#         HOSPITAL_S=120 HOSPITAL_REPEATS=3 HOSPITAL_SIZES="1000 10000 100000"; SIZES= or
#         HOSPITAL_SIZES= skips that part; FLEET_SCALE_KEEP=1 keeps the runs' folder)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
fognas="$build/fognas"
[[ -x $fognas ]] || { echo "fleet_scale: $fognas not built (cmake --build $build --target fognas)" >&2; exit 1; }
duration=${DURATION_S:-60}
repeats=${REPEATS:-3}
sizes=${SIZES-100 1000 10000}
hospital_repeats=${HOSPITAL_REPEATS:-3}
hospital_sizes=${HOSPITAL_SIZES-1000 10000 100000}
out=$(mktemp -d)
trap '[[ -n ${FLEET_SCALE_KEEP:-} ]] || rm -rf "$out"' EXIT

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

open_floor() {
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
}
[[ -z $sizes ]] || open_floor

# ---- hospital layout
hospital_yaml() {  # buildings -> a scenario on stdout
  local b=$1 cols rows
  # The squarest grid of exactly b buildings (10: 5 x 2).
  rows=$(python3 -c "import math; print(max(r for r in range(1, math.isqrt($b) + 1) if $b % r == 0))")
  cols=$(( b / rows ))
  sed -e "s/^wearables: .*/wearables: $((b * 1000))/" -e "s/^fog_nodes: .*/fog_nodes: $((b * 60))/" \
      -e "s/^name: .*/name: hospital-bench/" -e "s/^      floors: .*/      floors: 4/" \
      -e "s/^      size_m: .*/      size_m: [150, 20]/" -e "s/^      rooms: .*/      rooms: [5, 1]/" \
      -e "s/^      repeat: .*/      repeat: [$cols, $rows]/" scenarios/hospital-10k.yaml
}
hospital_run() {  # buildings seconds -> one JSON line: the fleet block with peak_kb and the run's timing
  local b=$1 s=$2
  hospital_yaml "$b" >"$out/h$b.yaml"
  /usr/bin/time -f "%M" -o "$out/mem" "$fognas" simulate "$out/h$b.yaml" --json --quiet --out "$out/hrun" \
    --duration-s "$s" >"$out/h.json"
  python3 -c "import json,sys; f=json.load(open('$out/h.json'))['cases'][0]['fleet']; f['peak_kb']=int(open('$out/mem').read().split()[-1]); f.update(json.load(open('$out/hrun/timing.json'))['cases'][0]); print(json.dumps(f))"
}
[[ -z $hospital_sizes ]] && exit 0
span=${HOSPITAL_S:-120}
for ((r = 0; r < hospital_repeats; r++)); do
  for n in $hospital_sizes; do hospital_run $(( n / 1000 )) "$span" >>"$out/h$n"; done
done
window=$(sed -n 's/^window_s: *//p' scenarios/hospital-10k.yaml)
python3 - "$out" "$span" "$window" $hospital_sizes <<'PY'
import json, sys
out, span, window = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
sizes = [int(s) for s in sys.argv[4:]]
steady = span - window  # the windows in steady state: the first left out
print(f"hospital layout: buildings of 4 floors x 5 wards x 50 beds, 1 km apart; {span:g} simulated s per run, "
      f"the last {steady:g} s timed; each part by its fastest run")
print(f"{'wearables':>9} {'runs':>4} {'parts':>5} {'steady s':>9} {'set-up s':>9} {'s per sim h':>11} "
      f"{'ms per wearable-h':>17} {'x first':>7} {'fastest run ms':>14} {'x first':>7} {'peak MB':>8}")
ref = ref_run = None
for n in sizes:
    runs = [json.loads(l) for l in open(f"{out}/h{n}") if l.strip()]
    parts = [min(p) for p in zip(*(r["parts_run_wall_steady_s"] for r in runs))]
    assert all(len(r["parts_run_wall_steady_s"]) == len(parts) for r in runs)
    per_wearable_ms = 1e3 * sum(parts) * 3600 / steady / n
    run_ms = 1e3 * min(r["run_wall_steady_s"] for r in runs) * 3600 / steady / n
    ref, ref_run = ref or per_wearable_ms, ref_run or run_ms
    setup = min(r["wall_s"] - r["run_wall_s"] for r in runs)  # placement, predictions, reports
    print(f"{n:>9} {len(runs):>4} {len(parts):>5} {sum(parts):>9.2f} {setup:>9.2f} {sum(parts) * 3600 / steady:>11.0f} "
          f"{per_wearable_ms:>17.2f} {per_wearable_ms / ref:>7.2f} {run_ms:>14.2f} {run_ms / ref_run:>7.2f} "
          f"{max(r['peak_kb'] for r in runs) / 1024:>8.0f}")
PY
