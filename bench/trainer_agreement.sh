#!/usr/bin/env bash
# Do the two trainers give a candidate the same accuracy? A whole search cannot
# say: the trainers round differently, so from the first generation on the
# genetic algorithm sees different V1 figures, breeds different children and
# ends on different networks, and three seeds of that differ by chance alone.
# This benchmark holds the networks fixed: the first generation of a search is
# drawn from the seed alone, before any training, so a one-generation search
# with a large population trains exactly the same random networks, with the
# same per-candidate seeds, under each trainer. It prints, paired candidate by
# candidate over seeds 1, 2 and 3, the mean difference fast minus LibTorch of
# the V1 accuracy (what the fitness is made of), V2 and test accuracy, with
# the standard error of that mean, and how many candidates got exactly the
# same figure.
# Usage: bench/trainer_agreement.sh [BUILD_DIR] [SCENARIO] [extra search options]
#   SEEDS="1 2 3"  POPULATION=40  JOBS=2
set -euo pipefail
source "$(dirname "$0")/search_bench.sh" trainer_agreement yes "$@"
population=${POPULATION:-40}
for seed in $seeds; do
  for trainer in libtorch fast; do
    echo "trainer_agreement: $trainer, seed $seed, $population networks" >&2
    "$fognas" search "$scenario" --trainer "$trainer" --seed "$seed" --jobs "$jobs" --out "$out/$trainer-$seed" \
      --set search.generations=1 --set "search.population=$population" "${extra_options[@]}" \
      >/dev/null 2>"$out/$trainer-$seed.log" || { cat "$out/$trainer-$seed.log" >&2; exit 1; }
  done
done
echo "($scenario, first generation of $population networks, seeds $seeds, $jobs jobs)"
# shellcheck disable=SC2086
python3 - "$out" $seeds <<'PY'
import json, math, os, sys
out, seeds = sys.argv[1], sys.argv[2:]
def trained(trainer, seed):
    rows = (json.loads(l) for l in open(os.path.join(out, f"{trainer}-{seed}", "candidates.jsonl")))
    return {c["key"]: c for c in rows if c["trained"]}
fields = ("v1_accuracy", "v2_accuracy", "test_accuracy")
diffs = {f: [] for f in fields}
for s in seeds:
    fast, lt = trained("fast", s), trained("libtorch", s)
    if fast.keys() != lt.keys():
        sys.exit("trainer_agreement: the two runs trained different networks")
    for key in fast:
        for f in fields:
            diffs[f].append(fast[key][f] - lt[key][f])
print(f"{'accuracy':14} {'pairs':>5} {'fast - libtorch':>16} {'s.e.':>7} {'equal':>6}")
for f, d in diffs.items():
    n = len(d)
    mean = sum(d) / n
    se = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1) / n)
    equal = sum(1 for x in d if abs(x) < 1e-12)
    print(f"{f:14} {n:5} {mean:+16.4f} {se:7.4f} {equal:6}")
PY
