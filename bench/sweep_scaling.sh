#!/usr/bin/env bash
# Wall time of one sweep run three ways, interleaved, fastest of REPEATS each:
# --jobs 1, --jobs 2, and mpirun -n 2 (two MPI ranks on this machine), with the
# ratios --jobs 1 / --jobs 2 (ideally close to 2 on 2 cores) and
# mpirun -n 2 / --jobs 2 (ideally within 10%). Also checks that all three give
# the same points.csv.
# Usage: bench/sweep_scaling.sh [SCENARIO] [BUILD_DIR] [--set KEY=VALUE ...]
#   (default: scenarios/paper-sweep.yaml, build), e.g. --set duration_s=3600 for
#   longer points, over which the start of the MPI job weighs less.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-scenarios/paper-sweep.yaml}
fognas=${2:-build}/fognas
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
[[ -x $fognas ]] || { echo "sweep_scaling: $fognas not built (scripts/build.sh)" >&2; exit 1; }
command -v mpirun >/dev/null || { echo "sweep_scaling: mpirun missing (scripts/setup.sh installs Open MPI)" >&2; exit 1; }
repeats=${REPEATS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun_flags=(-n 2)
[[ $(id -u) -eq 0 ]] && mpirun_flags+=(--allow-run-as-root)
export OMPI_MCA_btl_vader_single_copy_mechanism=none

seconds() {  # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}
best() { sort -g | head -1; }

for ((r = 0; r < repeats; r++)); do
  seconds "$fognas" sweep "$scenario" "${extra[@]}" --quiet --jobs 1 --out "$work/j1" >>"$work/t1"
  seconds "$fognas" sweep "$scenario" "${extra[@]}" --quiet --jobs 2 --out "$work/j2" >>"$work/t2"
  seconds mpirun "${mpirun_flags[@]}" "$fognas" sweep "$scenario" "${extra[@]}" --quiet --out "$work/mpi" >>"$work/tm"
done
cmp -s "$work/j1/points.csv" "$work/j2/points.csv" && cmp -s "$work/j2/points.csv" "$work/mpi/points.csv" \
  || { echo "sweep_scaling: the three runs gave different points.csv" >&2; exit 1; }
t1=$(best <"$work/t1"); t2=$(best <"$work/t2"); tm=$(best <"$work/tm")
printf '%-14s %10s\n' run "wall (s)"
printf '%-14s %10.2f\n' "--jobs 1" "$t1" "--jobs 2" "$t2" "mpirun -n 2" "$tm"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf 'speed-up --jobs 2 over --jobs 1:   %sx\n' "$(ratio "$t1" "$t2")"
printf 'mpirun -n 2 against --jobs 2:      %sx the time\n' "$(ratio "$tm" "$t2")"
echo "points.csv identical in all three runs"
