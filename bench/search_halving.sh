#!/usr/bin/env bash
# What successive halving (search.successive_halving) saves and what it costs:
# each shipped search scenario (seizure-edge, arrhythmia-total, demo-study's
# search, and bonn-seizure when the Bonn recordings are beside the checkout),
# with the option off (every candidate trained fully) and on, for seeds 1, 2
# and 3, interleaved (scenario A seed 1 off, on; scenario B seed 1 off, on; ...
# seed 2 ...), so a change of load hits both alike. Prints per run the epochs
# trained in all, the search's wall-clock seconds (timing.json), the best
# fitness of the last generation and the chosen network's test accuracy; per
# scenario the means over the seeds and the ratios on / off.
# Usage: bench/search_halving.sh [BUILD_DIR] [extra search options]
#   SEEDS="1 2 3"  JOBS=2  ETA=3  MIN_EPOCHS=2  SCENARIOS="seizure-edge ..." (names under scenarios/)
set -euo pipefail
source "$(dirname "$0")/search_bench.sh" search_halving no "$@"
eta=${ETA:-3}
min_epochs=${MIN_EPOCHS:-2}
if [[ -z ${SCENARIOS:-} ]]; then
  SCENARIOS="seizure-edge arrhythmia-total demo-study"
  # The recordings are not shipped; the scenario names them relative to itself.
  if [[ -d ../shared/data/bonn-eeg ]]; then SCENARIOS+=" bonn-seizure"; else
    echo "search_halving: no ../shared/data/bonn-eeg, bonn-seizure left out" >&2; fi
fi
halving=(--set search.successive_halving.enabled=true --set "search.successive_halving.eta=$eta"
         --set "search.successive_halving.min_epochs=$min_epochs")

echo "(eta $eta, min_epochs $min_epochs, $jobs jobs, $(nproc) cores, seeds $seeds)"
for seed in $seeds; do
  for name in $SCENARIOS; do
    for mode in off on; do
      echo "search_halving: $name seed $seed halving $mode" >&2
      extra=()
      [[ $mode == on ]] && extra=("${halving[@]}")
      # The study's search stage runs at the first of its factors.
      [[ $name == demo-study ]] && extra+=(--set "factors=[10]")
      "$fognas" search "scenarios/$name.yaml" --seed "$seed" --jobs "$jobs" --out "$out/$name-$seed-$mode" \
        "${extra[@]}" "${extra_options[@]}" >/dev/null 2>"$out/$name-$seed-$mode.log" ||
        { cat "$out/$name-$seed-$mode.log" >&2; exit 1; }
    done
  done
done

python3 - "$out" "$SCENARIOS" $seeds <<'PY'
import csv, json, os, sys
out, names, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
def run(name, seed, mode):
    d = os.path.join(out, f"{name}-{seed}-{mode}")
    full = json.load(open(os.path.join(d, "manifest.json")))["scenario"]["scenario"]["training"]["epochs"]
    epochs = 0
    for line in open(os.path.join(d, "candidates.jsonl")):
        c = json.loads(line)
        if c["trained"]:
            epochs += c.get("epochs_trained", full)  # without halving every one got the full epochs
    seconds = json.load(open(os.path.join(d, "timing.json")))["seconds"]
    fitness = float(list(csv.DictReader(open(os.path.join(d, "generations.csv"))))[-1]["best_fitness"])
    test = json.load(open(os.path.join(d, "best.json")))["test_accuracy"]
    return [epochs, seconds, fitness, test]
print("| scenario | seed | epochs off | on | s off | on | fitness off | on | test off | on |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
means = {}
for name in names:
    m = {"off": [0.0] * 4, "on": [0.0] * 4}
    for seed in seeds:
        r = {mode: run(name, seed, mode) for mode in ("off", "on")}
        for mode in r:
            m[mode] = [a + b / len(seeds) for a, b in zip(m[mode], r[mode])]
        f, n = r["off"], r["on"]
        print(f"| {name} | {seed} | {f[0]} | {n[0]} | {f[1]:.1f} | {n[1]:.1f} | {f[2]:.4f} | {n[2]:.4f} | "
              f"{f[3]:.3f} | {n[3]:.3f} |")
    means[name] = m
print()
print("| scenario (mean of seeds) | epochs off | on | on/off | s off | on | on/off | fitness off | on | test off | on |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, m in means.items():
    f, n = m["off"], m["on"]
    print(f"| {name} | {f[0]:.0f} | {n[0]:.0f} | {n[0] / f[0]:.2f} | {f[1]:.1f} | {n[1]:.1f} | {n[1] / f[1]:.2f} | "
          f"{f[2]:.4f} | {n[2]:.4f} | {f[3]:.3f} | {n[3]:.3f} |")
PY
echo "(load average at the end $(cut -d" " -f1-3 /proc/loadavg))"
