#!/usr/bin/env bash
# A whole search with either trainer: scenarios/seizure-edge.yaml (or the
# scenario given) with the fast trainer and with LibTorch, 2 jobs, for seeds
# 1, 2 and 3, interleaved (libtorch seed 1, fast seed 1, libtorch seed 2, ...).
# Prints each run's wall-clock seconds, best fitness (the last generation's
# best V1-based fitness) and test accuracy, their means and the speed ratio.
# Usage: bench/search_speed.sh [BUILD_DIR] [SCENARIO] [extra search options]
set -euo pipefail
source "$(dirname "$0")/search_bench.sh" search_speed yes "$@"
# One row per seed as soon as both of its runs are done, then the means.
summary() {
  python3 - "$out" "$@" <<'PY'
import csv, json, os, sys
out, seeds = sys.argv[1], sys.argv[2:]
def run(trainer, seed):
    d = os.path.join(out, f"{trainer}-{seed}")
    seconds = json.load(open(os.path.join(d, "timing.json")))["seconds"]
    rows = list(csv.DictReader(open(os.path.join(d, "generations.csv"))))
    best = json.load(open(os.path.join(d, "best.json")))
    return seconds, float(rows[-1]["best_fitness"]), best["test_accuracy"]
tot = {"libtorch": [0, 0, 0], "fast": [0, 0, 0]}
for s in seeds:
    r = {t: run(t, s) for t in ("libtorch", "fast")}
    for t in r:
        for i in range(3):
            tot[t][i] += r[t][i] / len(seeds)
    if len(seeds) == 1:
        print(f"{s:>4} | {r['libtorch'][0]:10.1f} {r['libtorch'][1]:8.4f} {r['libtorch'][2]:6.3f} | "
              f"{r['fast'][0]:8.1f} {r['fast'][1]:8.4f} {r['fast'][2]:6.3f} | {r['libtorch'][0] / r['fast'][0]:6.2f}x",
              flush=True)
if len(seeds) > 1:
    l, f = tot["libtorch"], tot["fast"]
    print(f"mean | {l[0]:10.1f} {l[1]:8.4f} {l[2]:6.3f} | {f[0]:8.1f} {f[1]:8.4f} {f[2]:6.3f} | {l[0] / f[0]:6.2f}x")
PY
}
echo "($scenario, $jobs jobs, $(nproc) cores)"
echo "seed | libtorch s  fitness   test |   fast s  fitness   test | speed-up"
for seed in $seeds; do
  for trainer in libtorch fast; do
    echo "search_speed: $trainer, seed $seed" >&2
    "$fognas" search "$scenario" --trainer "$trainer" --seed "$seed" --jobs "$jobs" --out "$out/$trainer-$seed" "${extra_options[@]}" \
      >/dev/null 2>"$out/$trainer-$seed.log"
  done
  summary "$seed"
done
# shellcheck disable=SC2086
set -- $seeds
(($# > 1)) && summary "$@"
echo "(load average at the end $(cut -d" " -f1-3 /proc/loadavg))"
