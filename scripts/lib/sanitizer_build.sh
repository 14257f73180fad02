# Sourced by scripts/test.sh --sanitize and scripts/fuzz.sh: one clang build in
# build-sanitize/ with AddressSanitizer and UndefinedBehaviorSanitizer serves
# both the sanitizer tests and the libFuzzer targets, so the instrumented
# libraries are compiled once. Only the plain C++ is built (no LibTorch, ns-3 or
# command line), so every line the tests and fuzzers run is instrumented.
# fuzzer-no-link adds libFuzzer's coverage hooks to the libraries; the tests
# leave them unused (the ASan runtime defines them).

# configure_sanitizer_build ROOT -> prints the build folder
configure_sanitizer_build() {
  local root=$1 build="$1/build-sanitize"
  # A folder configured by another compiler (an earlier gcc layout) is rebuilt.
  if [[ -f "$build/CMakeCache.txt" ]] && ! grep -q "^CMAKE_CXX_COMPILER:.*clang++" "$build/CMakeCache.txt"; then
    rm -rf "$build"
  fi
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link -fno-omit-frame-pointer"
  # -O1 -g1: sanitizer builds compile slowly; a light optimisation level keeps CI short, line numbers stay.
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g1" \
    -DFOGNAS_WITH_TRAIN=OFF -DFOGNAS_WITH_SIM=OFF -DFOGNAS_WITH_CLI=OFF -DFOGNAS_BUILD_BENCHMARKS=OFF \
    -DFOGNAS_BUILD_TESTS=ON -DFOGNAS_BUILD_FUZZERS=ON \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
  echo "$build"
}
