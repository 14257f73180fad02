#!/usr/bin/env bash
# Regenerates profile.yaml from the calibration data beside it. Board figures:
# 1024 KB Flash, 128 KB RAM, 3.3 V; RUN at 80 MHz about 10 mA (33 mW); Stop 2
# with RTC about 1.6 uA (0.0053 mW).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fognas=$(realpath "${FOGNAS:-$here/../../build/fognas}")
cd "$here"
"$fognas" fit-device calibration.csv --out profile.yaml \
  --name STM32L476RG --flash-kb 1024 --ram-kb 128 --supply-v 3.3 \
  --active-power-mw 33 --sleep-power-mw 0.0053 --features macs
