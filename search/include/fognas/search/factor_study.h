#pragma once
// A study of fixed architectures across fog efficiency factors: for each
// architecture, the edge-scenario optimum (Table II), the total-scenario optimum
// at every factor (Table III) and the saving of partitioning (Table IV).
#include <optional>
#include <string>
#include <vector>

#include "fognas/common/plot.h"
#include "fognas/common/table.h"
#include "fognas/scenario/scenario.h"
#include "fognas/cost/cost.h"

namespace fognas {

struct StudyArchitecture {
  std::string name;
  Network network;
  std::optional<int> published_point;  // P reported with the architecture, if any
  std::optional<int> forced_point;     // P to cost instead of the solver's choice
};

struct FactorStudySpec {
  std::string name;
  std::string file;
  std::string description;
  std::string mcu = "stm32l476rg", radio = "ble-paper", fog = "fog-paper";
  DeviceModel devices;  // the profiles as resolved, with the scenario's own fields set
  std::vector<double> factors;
  std::vector<StudyArchitecture> architectures;
  std::string out_dir;  // default results/<name>
  std::optional<double> flash_limit_kb, ram_limit_kb;  // default: the MCU's
};

// What `evaluate` takes from a scenario (fognas/scenario/scenario.h): it needs
// architectures; factors default to the fog profile's.
FactorStudySpec factor_study_from(const Scenario& scenario);
FactorStudySpec load_factor_study(const std::string& path, const std::vector<std::string>& overrides = {});

struct ArchitectureResult {
  std::string name;
  const Network* network = nullptr;
  std::optional<int> published_point;
  std::optional<int> forced_point;
  PartitionCost edge_best;            // edge scenario, the profile's factor
  PartitionCost edge_only;            // P = L+1 (everything on the edge)
  std::vector<PartitionCost> total_best;  // total scenario, one per factor
};

struct FactorStudyResult {
  std::vector<double> factors;
  std::vector<ArchitectureResult> architectures;

  Table edge_table() const;     // Table II: Flash, RAM, E_edge at the edge optimum
  Table factor_table() const;   // Table III: E_total and its parts per factor
  Table saving_table() const;   // Table IV: edge energy without and with partitioning
  LineChart factor_chart() const;  // total energy over the factor, a line per architecture
  BarChart saving_chart() const;  // edge energy without and with partitioning
};

// Throws InfeasibleError (an InputError) when an architecture fits no partition point.
FactorStudyResult run_factor_study(const FactorStudySpec& spec, const DeviceModel& model);

}  // namespace fognas
