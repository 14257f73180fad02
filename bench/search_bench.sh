# Sourced by the search benchmarks (search_speed.sh, trainer_agreement.sh,
# search_halving.sh): runs from the repository root, takes the build folder
# (default build) and an optional scenario from the command line, checks the
# binary, and gives a scratch folder that is removed on exit.
# After it: $fognas, $scenario, $out, $seeds (SEEDS, default "1 2 3"), $jobs
# (JOBS, default 2), and ${extra_options[@]}: the remaining command-line
# arguments, passed on to every search (a sourced file cannot shift the
# caller's own arguments).
# Usage inside a script: source "$(dirname "$0")/search_bench.sh" NAME WITH_SCENARIO "$@"
search_bench_name=$1
search_bench_takes_scenario=$2
shift 2
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
shift || true
scenario=scenarios/seizure-edge.yaml
if [[ $search_bench_takes_scenario == yes && $# -gt 0 && $1 != -* ]]; then
  scenario=$1
  shift
fi
fognas="$build/fognas"
[[ -x $fognas ]] || { echo "$search_bench_name: $fognas not built (cmake --build $build --target fognas)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seeds=${SEEDS:-1 2 3}
jobs=${JOBS:-2}
extra_options=("$@")
