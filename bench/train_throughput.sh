#!/usr/bin/env bash
# Trained candidates per second of the three implementations of the search's
# training loop: the C++ LibTorch trainer, the C++ fast trainer and the same loop
# in Python PyTorch (bench/train_peer.py), on the same data and networks, for the
# paper's SD-2 and AC-2 networks, batch 4 and 32, 1 and 2 candidates at once.
# Every configuration runs REPEATS times (default 3), interleaved with all the
# others, and the fastest run counts; the ratios come from this one run.
# Usage: bench/train_throughput.sh [BUILD_DIR] [extra bench_train options]
# Needs python3-torch (FOGNAS_WITH_PYTHON_PEER=1 scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
bench="$build/bench/bench_train"
[[ -x $bench ]] || { echo "train_throughput: $bench not built (cmake --build $build --target bench_train)" >&2; exit 1; }
py=/usr/bin/python3
$py -c 'import torch' 2>/dev/null || { echo "train_throughput: python3-torch missing (FOGNAS_WITH_PYTHON_PEER=1 scripts/setup.sh)" >&2; exit 1; }

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# The same network, 2 epochs each time: enough steps to time, short enough to
# repeat every configuration several times. LibTorch and Python train it 4
# times (a third of a second or more per run); the fast trainer, about ten times
# quicker, 64 times, so that its runs last as long: a run of a few hundredths of
# a second mostly measures how soon the kernel moves the second job's new thread
# to the other core, not training (FAST_GENOMES changes it).
common=(--epochs 2 --examples-per-class 100 "$@")
genomes=4
fast_genomes=${FAST_GENOMES:-64}
repeats=${REPEATS:-3}
shapes=(sd2 ac2)
batches=(4 32)
for shape in "${shapes[@]}"; do
  for batch in "${batches[@]}"; do
    "$bench" --shape "$shape" --batch "$batch" --genomes "$genomes" --write-data "$data/$shape-$batch" "${common[@]}" >/dev/null
  done
done
for ((r = 0; r < repeats; r++)); do
  echo "train_throughput: round $((r + 1)) of $repeats" >&2
  for shape in "${shapes[@]}"; do
    for batch in "${batches[@]}"; do
      for jobs in 1 2; do
        for trainer in libtorch fast; do
          n=$genomes
          [[ $trainer == fast ]] && n=$fast_genomes
          "$bench" --trainer "$trainer" --shape "$shape" --batch "$batch" --jobs "$jobs" --genomes "$n" "${common[@]}" \
            >>"$data/$trainer-$shape-$batch-$jobs"
        done
        $py bench/train_peer.py "$data/$shape-$batch" --jobs "$jobs" >>"$data/python-$shape-$batch-$jobs"
      done
    done
  done
done

echo "($(nproc) cores; load average $(cut -d" " -f1-3 /proc/loadavg); fastest of $repeats runs; 2 epochs per network, $genomes networks per run ($fast_genomes for the fast trainer))"
$py - "$data" <<'PY'
import json, os, sys
d = sys.argv[1]
def fastest(name):
    runs = [json.loads(l) for l in open(os.path.join(d, name)) if l.strip()]
    return max(runs, key=lambda j: j["candidates_per_s"])
print(f"{'shape':5} {'batch':>5} {'jobs':>4} | {'cand/s libtorch':>15} {'fast':>9} {'python':>9} | "
      f"{'ms/step libtorch':>16} {'fast':>7} | {'fast/py':>7} {'fast/lt':>7} {'lt/py':>6}")
per = {}
for shape in ("sd2", "ac2"):
    for batch in (4, 32):
        for jobs in (1, 2):
            r = {t: fastest(f"{t}-{shape}-{batch}-{jobs}") for t in ("libtorch", "fast", "python")}
            c = {t: r[t]["candidates_per_s"] for t in r}
            per[(shape, batch, jobs)] = c
            print(f"{shape:5} {batch:5} {jobs:4} | {c['libtorch']:15.2f} {c['fast']:9.2f} {c['python']:9.2f} | "
                  f"{r['libtorch']['ms_per_step']:16.3f} {r['fast']['ms_per_step']:7.3f} | "
                  f"{c['fast'] / c['python']:6.2f}x {c['fast'] / c['libtorch']:6.2f}x {c['libtorch'] / c['python']:5.2f}x")
print("2 jobs / 1 job (candidates per second):")
for shape in ("sd2", "ac2"):
    for batch in (4, 32):
        one, two = per[(shape, batch, 1)], per[(shape, batch, 2)]
        print(f"  {shape} batch {batch:2}: " + "  ".join(f"{t} {two[t] / one[t]:.2f}x" for t in ("libtorch", "fast", "python")))
PY
