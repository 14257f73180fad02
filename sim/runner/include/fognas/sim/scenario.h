#pragma once
// What `simulate` takes from a scenario (the one language every command reads,
// fognas/scenario/scenario.h), as plain data with no ns-3 here, so the CLI
// compiles fast: which networks, split where, on which profiles, how many
// wearables and fog nodes, how far apart, for how long.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fognas/devices/profiles.h"
#include "fognas/scenario/scenario.h"

namespace fognas::sim {

using Architecture = ArchitectureSpec;
using fognas::BatteryModel;
using fognas::BatterySpec;

struct ScenarioSpec : SimulationSettings {
  std::string name;
  std::string file;
  std::string out_dir;
  std::vector<Architecture> architectures;
  std::vector<double> factors;  // fog efficiency factors; one case per architecture and factor
  EnergyScenario energy_scenario = EnergyScenario::Total;  // what the solver minimises
  LimitsSettings limits;                 // Flash and RAM for the solver (default: the MCU's)
  McuProfile mcu;
  RadioProfile radio;  // must have a ble section
  FogProfile fog;
  uint64_t seed = 1;
};

// Checks that the scenario holds what a simulation needs (architectures, a
// radio with a ble section, links that fit their connection interval).
ScenarioSpec simulation_spec_from(const Scenario& scenario);
// Reads and checks a scenario file; profile names resolve as everywhere else.
ScenarioSpec load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace fognas::sim
