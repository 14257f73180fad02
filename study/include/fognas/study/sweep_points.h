#pragma once
// The points of a sweep: which ones this run owns (all, one shard of them),
// every point checked before any runs, and running one point into its folder.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "fognas/scenario/scenario.h"

namespace fognas::study {

// --shard i/n: this run takes points i-1, i-1+n, i-1+2n, ... (0-based indices).
struct Shard {
  int index = 1;  // 1-based
  int count = 1;
  std::string label() const;  // "2/3"
};
Shard parse_shard(const std::string& text);  // "i/n"; InputError naming --shard

struct SweepPlan {
  Scenario scenario;            // with its sweep section
  size_t total = 0;             // points in the whole sweep
  std::vector<size_t> indices;  // the points this run owns
  std::optional<Shard> shard;
  // The sweep as written (file text, overrides) and the contents of every
  // file its points read: a resumed run must match.
  std::string fingerprint;
  std::vector<std::string> input_files;  // the profiles and search results the points read
  // Per point, "# profiles read: mcu NAME (sha256 …) radio … fog …": the
  // first line of its scenario.yaml, saying which profile files it read.
  std::vector<std::string> point_profiles;
  // Each radio profile's calibration note (fognas/devices/radio_note.h), once
  // per profile the points use: every report of the sweep carries them.
  std::vector<std::string> radio_notes;

  const SweepSpec& sweep() const { return *scenario.sweep; }
};

// Reads the scenario, expands its sweep and checks every point with the same
// reader and command checks a single run would use: a bad value is reported
// with the sweep axis (file:line) and the point before anything runs.
SweepPlan plan_sweep(const std::string& file, const std::vector<std::string>& overrides, std::optional<Shard> shard);

// "radio.ble.conn_interval_ms=30, factors=[2]"
std::string describe_point(const SweepSpec& sweep, size_t index);

// Runs point `index` as a child `fognas <command>` into points_dir/NNNN; the
// point is finished when NNNN/rows.csv exists (written last). Throws
// std::runtime_error with the end of the point's log when it fails.
void run_point(const SweepPlan& plan, size_t index, const std::string& points_dir);

bool point_finished(const std::string& points_dir, size_t index);

}  // namespace fognas::study
