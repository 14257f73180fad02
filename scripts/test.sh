#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with ctest.
#   scripts/test.sh [CTEST ARGS...]
#   scripts/test.sh --sanitize [CTEST ARGS...]
# --sanitize builds the tests that need neither LibTorch nor ns-3 (common,
# devices, cost, data, search and the GA) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-sanitize/ (scripts/lib/sanitizer_build.sh,
# shared with the fuzz targets) and runs them; any report fails the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  source "$root/scripts/lib/sanitizer_build.sh"
  build=$(configure_sanitizer_build "$root")
  # Everything, fuzz targets included: scripts/fuzz.sh then finds them built.
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
