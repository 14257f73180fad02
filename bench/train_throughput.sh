#!/usr/bin/env bash
# Trained candidates per second: the C++ trainer (LibTorch) and the same loop in
# Python PyTorch, on the same data and networks, with 1 and 2 jobs, in one run.
# Usage: bench/train_throughput.sh [BUILD_DIR] [extra bench_train options]
# Needs python3-torch (FOGNAS_WITH_PYTHON_PEER=1 scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-train}
shift || true
bench="$build/bench/bench_train"
[[ -x $bench ]] || { echo "train_throughput: $bench not built (cmake --build $build --target bench_train)" >&2; exit 1; }
py=/usr/bin/python3
$py -c 'import torch' 2>/dev/null || { echo "train_throughput: python3-torch missing (FOGNAS_WITH_PYTHON_PEER=1 scripts/setup.sh)" >&2; exit 1; }

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
field() { $py -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

# The machine may be shared: each configuration runs REPEATS times, interleaved
# with the others, and the fastest run counts.
repeats=${REPEATS:-3}
"$bench" --jobs 1 --write-data "$data" "$@" >/dev/null
for ((r = 0; r < repeats; r++)); do
  "$bench" --jobs 1 "$@" >>"$data/cpp1"
  "$bench" --jobs 2 "$@" >>"$data/cpp2"
  $py bench/train_peer.py "$data" --jobs 1 >>"$data/py1"
  $py bench/train_peer.py "$data" --jobs 2 >>"$data/py2"
done
fastest() { $py -c "import json,sys; print(json.dumps(max((json.loads(l) for l in open(sys.argv[1]) if l.strip()), key=lambda j: j['candidates_per_s'])))" "$1"; }
cpp1=$(fastest "$data/cpp1"); cpp2=$(fastest "$data/cpp2")
py1=$(fastest "$data/py1"); py2=$(fastest "$data/py2")

c1=$(field "$cpp1" candidates_per_s); c2=$(field "$cpp2" candidates_per_s)
p1=$(field "$py1" candidates_per_s); p2=$(field "$py2" candidates_per_s)
n=$(field "$cpp1" candidates)
printf '%-16s %6s %14s %12s\n' impl jobs "cand/s" "seconds"
printf '%-16s %6s %14.3f %12.2f\n' libtorch-cpp 1 "$c1" "$(field "$cpp1" seconds)"
printf '%-16s %6s %14.3f %12.2f\n' libtorch-cpp 2 "$c2" "$(field "$cpp2" seconds)"
printf '%-16s %6s %14.3f %12.2f\n' pytorch-python 1 "$p1" "$(field "$py1" seconds)"
printf '%-16s %6s %14.3f %12.2f\n' pytorch-python 2 "$p2" "$(field "$py2" seconds)"
echo "($n candidates each, fastest of $repeats runs; $(nproc) cores; load average $(cut -d" " -f1-3 /proc/loadavg))"
$py - "$c1" "$c2" "$p1" "$p2" <<'PY'
import sys
c1, c2, p1, p2 = map(float, sys.argv[1:])
print(f"C++ / Python, 1 job : {c1 / p1:.2f}x")
print(f"C++ / Python, 2 jobs: {c2 / p2:.2f}x")
print(f"C++ 2 jobs / 1 job  : {c2 / c1:.2f}x")
print(f"Python 2 jobs / 1 job: {p2 / p1:.2f}x")
PY
