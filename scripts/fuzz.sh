#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer)
# into build-sanitize/ (shared with scripts/test.sh --sanitize) and runs each for SECONDS (default 60), starting from seed
# corpora written from the unit tests' writers plus the shipped scenarios,
# device profiles and calibration CSV.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 edf csv
# Corpora grow in build-sanitize/corpus/<target>/; a crash stops the run, leaves
# its input in build-sanitize/crashes/ and makes the script fail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(wfdb_header wfdb_signal wfdb_annotations edf bonn chb_summary csv scenario profile)

"$root/scripts/setup.sh"
source "$root/scripts/lib/sanitizer_build.sh"
build=$(configure_sanitizer_build "$root")
cmake --build "$build" --target fognas_fuzzers -j "$(nproc)"

# Seeds: generated files, then the shipped ones.
seeds="$build/seeds"
rm -rf "$seeds"
"$build/fuzz/fuzz_seeds" "$seeds"
mkdir -p "$seeds/csv" "$seeds/scenario" "$seeds/profile"
cp "$root"/devices/*/calibration.csv "$seeds/csv/" 2>/dev/null || true
printf 'name,lengths,channels,latency_ms\n"a, b",2048 128,1 4,1.5e-3\n# comment\n' >"$seeds/csv/quoted.csv"
for f in "$root"/scenarios/*.yaml; do cp "$f" "$seeds/scenario/"; done
for d in "$root"/devices/*/; do
  [[ -f "$d/profile.yaml" ]] && cp "$d/profile.yaml" "$seeds/profile/$(basename "$d").yaml"
done

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
mkdir -p "$build/crashes"
status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  echo "fuzz: $t for ${seconds}s" >&2
  # -rss_limit_mb/-malloc_limit_mb: a header that makes the reader ask for
  # gigabytes is a finding, not a slow run.
  if ! (cd "$build" && "$build/fuzz/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -max_len=65536 \
        -artifact_prefix="$build/crashes/$t-" -print_final_stats=1 >"$build/fuzz-$t.log" 2>&1); then
    echo "fuzz: $t FAILED, see $build/fuzz-$t.log and $build/crashes/" >&2
    tail -40 "$build/fuzz-$t.log" >&2
    status=1
  else
    grep -E "^stat::(number_of_executed_units|new_units_added)|^Done" "$build/fuzz-$t.log" | tr '\n' ' ' >&2
    echo >&2
  fi
done
exit $status
