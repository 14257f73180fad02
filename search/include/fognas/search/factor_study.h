#pragma once
// A study of fixed architectures across fog efficiency factors: for each
// architecture, the edge-scenario optimum (Table II), the total-scenario optimum
// at every factor (Table III) and the saving of partitioning (Table IV).
#include <optional>
#include <string>
#include <vector>

#include "fognas/common/plot.h"
#include "fognas/common/table.h"
#include "fognas/search/partition.h"

namespace fognas {

struct StudyArchitecture {
  std::string name;
  Network network;
  std::optional<int> published_point;  // P reported with the architecture, if any
};

struct FactorStudySpec {
  std::string name;
  std::string file;
  std::string description;
  std::string mcu = "stm32l476rg", radio = "ble-paper", fog = "fog-paper";
  std::vector<double> factors;
  std::vector<StudyArchitecture> architectures;
  std::string out_dir;  // default results/<name>
};

// Reads a study scenario (strict: unknown keys are errors naming file:line).
FactorStudySpec load_factor_study(const std::string& path);

struct ArchitectureResult {
  std::string name;
  const Network* network = nullptr;
  std::optional<int> published_point;
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
  BarChart factor_chart() const;  // energy parts per architecture and factor (stacked)
  BarChart saving_chart() const;  // edge energy without and with partitioning
};

// Throws InfeasibleError (an InputError) when an architecture fits no partition point.
FactorStudyResult run_factor_study(const FactorStudySpec& spec, const DeviceModel& model);

}  // namespace fognas
