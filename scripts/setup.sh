#!/usr/bin/env bash
# Installs the Debian packages fognas builds against. Idempotent and silent when
# everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libns3-dev ns3 libgsl-dev
  libtorch-dev
  libeigen3-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  # The command's allocator (cli/CMakeLists.txt says why).
  libjemalloc-dev
  gnuplot-nox
  # report --paper compiles its IEEE paper (IEEEtran, booktabs) and measures
  # the figures (pdfinfo); pdftoppm renders a page to look at.
  texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-publishers poppler-utils
  # fognas sweep across machines (mpirun); a plain run never starts MPI.
  libopenmpi-dev openmpi-bin
  # The rank-dies test finds mpirun's children with pgrep.
  procps
  # scripts/fuzz.sh: clang with libFuzzer. The sanitizer/fuzzer runtime is only a
  # recommendation of clang, and recommendations are not installed here.
  clang libclang-rt-14-dev
  # The function-size check (scripts/check_function_size.sh, a ctest).
  clang-tidy-14
  # Reads the simulator's pcap captures in a test (Wireshark's command line).
  tshark
)
# The throughput benchmark compares against the same loop in Python PyTorch.
if [[ "${FOGNAS_WITH_PYTHON_PEER:-0}" == 1 ]]; then
  packages+=(python3-torch)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
