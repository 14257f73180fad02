#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with ctest.
#   scripts/test.sh [CTEST ARGS...]
#   scripts/test.sh --sanitize [CTEST ARGS...]
# --sanitize builds the tests that need neither LibTorch nor ns-3 (common,
# devices, cost, data, search and the GA) with AddressSanitizer and
# UndefinedBehaviorSanitizer into build-sanitize/ and runs them; any report
# fails the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  build="$root/build-sanitize"
  flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
  # -O1 -g1: sanitizer builds compile slowly; a light optimisation level keeps CI short, line numbers stay.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g1" \
    -DFOGNAS_WITH_TRAIN=OFF -DFOGNAS_WITH_SIM=OFF -DFOGNAS_WITH_CLI=OFF -DFOGNAS_BUILD_BENCHMARKS=OFF \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
  cmake --build "$build" -j "$(nproc)"
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  cd "$build"
  ctest --output-on-failure -j "$(nproc)" "$@"
  exit
fi
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)" "$@"
