#!/usr/bin/env bash
# Fails when a function in cost/, study/ or sim/model/ is longer than 80 lines:
# clang-tidy's readability-function-size with LineThreshold 80, so that every
# function there is one a reader can hold in mind.
#   scripts/check_function_size.sh [BUILD_DIR]   (default: build/, with its compile_commands.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tidy=$(command -v clang-tidy-14 || true)
if [[ -z "$tidy" ]]; then
  echo "check_function_size: clang-tidy-14 not found (scripts/setup.sh installs it)" >&2
  exit 1
fi
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "check_function_size: $build/compile_commands.json not found (configure with scripts/build.sh)" >&2
  exit 1
fi
shopt -s nullglob
files=("$root"/cost/src/*.cpp "$root"/study/src/*.cpp "$root"/sim/model/*.cc)
config="{Checks: '-*,readability-function-size', CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}"
# Only the files this build compiles (study/src/validate_partitions.cpp and
# sim/model/ need ns-3).
checked=()
for f in "${files[@]}"; do
  grep -q "\"file\": \"$f\"" "$build/compile_commands.json" && checked+=("$f")
done
status=0
report=$("$tidy" -p "$build" --quiet --config="$config" "${checked[@]}" 2>&1) || status=$?
if [[ $status -ne 0 ]]; then
  echo "check_function_size: clang-tidy-14 failed (status $status):" >&2
  grep -E "error:" <<<"$report" | head -5 >&2
  exit 1
fi
long=$(grep "warning: function .* exceeds" <<<"$report" | sed "s|^$root/||" | sort -u || true)
if [[ -n "$long" ]]; then
  echo "check_function_size: functions longer than 80 lines (split them into named steps):" >&2
  echo "$long" >&2
  exit 1
fi
echo "check_function_size: ${#checked[@]} files, every function within 80 lines"
