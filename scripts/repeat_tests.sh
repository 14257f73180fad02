#!/usr/bin/env bash
# Runs the whole test suite N times under `ctest -j4` (twice the cores of a
# small machine, so tests meet each other's load) and prints passes/runs. A
# test that fails only now and then (a race) shows up here; each failed run's
# failing tests are listed. Builds first, like scripts/test.sh.
#   scripts/repeat_tests.sh [N=10] [CTEST ARGS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
shift || true
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "repeat_tests: N must be a whole number >= 1, got '$runs'" >&2; exit 2; }
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
cd "$root/build"
passes=0
for i in $(seq "$runs"); do
  log=$(mktemp)
  start=$SECONDS
  if ctest -j4 "$@" >"$log" 2>&1; then
    passes=$((passes + 1))
    echo "run $i: passed ($(grep -Eo '[0-9]+ tests failed out of [0-9]+|tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1), $((SECONDS - start)) s)" >&2
  else
    echo "run $i: FAILED ($((SECONDS - start)) s):" >&2
    sed -n '/The following tests FAILED/,$p' "$log" >&2
  fi
  rm -f "$log"
done
echo "$passes/$runs runs passed"
[[ $passes -eq $runs ]]
