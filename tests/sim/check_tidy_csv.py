#!/usr/bin/env python3
"""Checks that the CSVs written by `fognas simulate` are tidy.

Usage: check_tidy_csv.py FOGNAS_BINARY WORK_DIR

Simulates a tiny scenario into WORK_DIR and reads every CSV with Python's csv
module. The rule, one sentence: a column holds numbers exactly when its header
says so. In detail:

* a header is snake_case ([a-z][a-z0-9_]*) and unique within its file;
* a column is numeric when its header ends with a unit suffix (UNIT_SUFFIXES,
  e.g. e_total_mj, latency_p95_ms, lifetime_h) or is a known dimensionless
  number (COUNTS: counts, indices, the fog efficiency factor, ratios);
* every cell of a numeric column is empty (the figure does not exist) or parses
  as a finite float -- no "+0.0%", "3*", "n/a", "nan" or "inf";
* no cell of any other column parses as a float (numbers never hide in text
  columns; booleans are written true/false);
* every row has as many cells as the header, and each file has rows.

Before the real check, the checker is run on broken CSVs to show that it fails
on them.
"""
import csv
import io
import math
import os
import subprocess
import sys

UNIT_SUFFIXES = ("_mj", "_j", "_mw", "_ms", "_s", "_h", "_d", "_db", "_kb", "_bytes", "_pct", "_m", "_uc", "_ma", "_mah", "_v",
                 "_hz")
COUNTS = {"partition_point", "factor", "wearable", "fog_node", "wearables", "inferences", "tensors_sent",
          "bytes_sent", "fog_jobs", "data_packets", "resends", "data_events", "idle_events", "openings_lost",
          "acks_lost", "collisions", "jobs", "max_queue", "overlapping_events", "packets_per_tensor", "factor_measured",
          "link_losses", "reconnections", "adv_events", "wearable_partition_point"}

SCENARIO = """name: tidy-csv
devices: {mcu: stm32l476rg, radio: nrf52832-1m, fog: fog-paper}
factors: [10, 2]
energy: {scenario: total}
wearables: 2
max_wearables_per_fog: 2
architectures:
  - name: SD-1
    lengths: [2048, 128, 8, 64, 2]
    channels: [1, 1, 4, 2, 1]
duration_s: 8
"""


def is_float(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def numeric_column(key):
    return key in COUNTS or key.endswith(UNIT_SUFFIXES)


def problems(name, text):
    """Every way the CSV `text` breaks the rule, as readable lines."""
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2:
        return [f"{name}: no data rows"]
    header, found = rows[0], []
    if len(set(header)) != len(header):
        found.append(f"{name}: repeated headers in {header}")
    for key in header:
        if not key or not (key[0].isalpha() and key.islower() and all(c.isalnum() or c == "_" for c in key)):
            found.append(f"{name}: header '{key}' is not snake_case")
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            found.append(f"{name}:{line}: {len(row)} cells for {len(header)} headers")
            continue
        for key, cell in zip(header, row):
            if cell == "":
                continue
            if numeric_column(key) and not (is_float(cell) and math.isfinite(float(cell))):
                found.append(f"{name}:{line}: '{cell}' in numeric column {key}")
            if not numeric_column(key) and is_float(cell):
                found.append(f"{name}:{line}: number '{cell}' in column {key}, whose header has no unit")
    return found


def self_test():
    good = "architecture,factor,e_total_mj,solver_chose\nSD-1,10,0.25,true\nSD-1,2,,false\n"
    assert problems("good", good) == [], problems("good", good)
    for bad in ("err_pct\n+0.0%\n", "partition_point\n3*\n", "e_total_mj\nnan\n", "comm sim\n1\n",
                "e_mj,e_mj\n1,2\n", "architecture\n12\n", "e_total_mj\n", "a,b_mj\nx\n"):
        assert problems("bad", bad), f"the checker accepts a broken CSV: {bad!r}"


def main():
    fognas, work = sys.argv[1], sys.argv[2]
    self_test()
    os.makedirs(work, exist_ok=True)
    scenario, out = os.path.join(work, "tidy-csv.yaml"), os.path.join(work, "out")
    with open(scenario, "w") as f:
        f.write(SCENARIO)
    subprocess.run([fognas, "simulate", scenario, "--quiet", "--out", out], check=True, stdout=subprocess.DEVNULL)
    # The fresh run, and the committed run the README quotes.
    committed = os.path.join(os.path.dirname(__file__), "..", "..", "results", "validate-table4")
    found, checked = [], 0
    for folder in (out, committed):
        names = sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
        assert names == ["energy.csv", "fog_nodes.csv", "states.csv", "summary.csv", "wearables.csv"], names
        for name in names:
            with open(os.path.join(folder, name), newline="") as f:
                found += problems(os.path.join(folder, name), f.read())
            checked += 1
    for line in found:
        print(line)
    if found:
        sys.exit(1)
    print(f"{checked} CSVs are tidy")


if __name__ == "__main__":
    main()
