#pragma once
// A simulation scenario as plain data (no ns-3 here, so the CLI compiles
// fast): which networks, split where, on which profiles, how many wearables
// and fog nodes, how far apart, for how long.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fognas/devices/profiles.h"

namespace fognas::sim {

struct Architecture {
  std::string name;
  std::vector<int> lengths;   // input first, classes last
  std::vector<int> channels;
  std::optional<int> partition_point;  // nullopt: the partition solver chooses
};

enum class BatteryModel { Basic, LiIon };

struct BatterySpec {
  BatteryModel model = BatteryModel::Basic;
  double capacity_mah = 225;  // a CR2032 coin cell
  double voltage_v = 3.0;
  double energy_j() const { return capacity_mah * 3.6 * voltage_v; }
};

struct ScenarioSpec {
  std::string name;
  std::string file;
  std::vector<Architecture> architectures;
  std::vector<double> factors;  // fog efficiency factors; one case per architecture and factor
  std::string partition_mode = "total";  // what the solver minimises: edge or total
  McuProfile mcu;
  RadioProfile radio;  // must have a ble section
  FogProfile fog;
  double paper_energy_per_bit_nj = 20;  // the paper's analytic radio model
  double window_s = 4;
  double duration_s = 3600;
  double distance_m = 1;       // wearable to its fog node
  double fog_spacing_m = 50;   // between fog nodes (on a line)
  int wearables = 1;
  int fog_nodes = 1;
  int max_wearables_per_fog = 1;
  uint64_t seed = 1;
  double path_loss_exponent = 3.0;
  double reference_loss_db = 40.05;  // at 1 m, 2.4 GHz free space
  BatterySpec battery;
  bool idle_events_closed_form = true;
  std::vector<std::string> from_search;  // the best.json files architectures were read from
};

// Reads and checks a scenario file; profile names resolve as everywhere else.
ScenarioSpec load_scenario(const std::string& path);

}  // namespace fognas::sim
