#pragma once
// Costs of every partition point of a network and the choice of the best one
// (DESIGN section 3). P = 1 sends the raw input, P = j+1 runs layers 1..j on the
// edge and sends layer j's output, P = L+1 runs everything on the edge.
#include <optional>
#include <string>
#include <vector>

#include "fognas/devices/profiles.h"
#include "fognas/search/network.h"

namespace fognas {

enum class EnergyScenario {
  Edge,   // minimise the wearable's energy (compute + radio)
  Total,  // minimise wearable + fog energy
};

std::string to_string(EnergyScenario s);
EnergyScenario energy_scenario_from_string(const std::string& s);  // "edge" | "total"

struct PartitionOptions {
  EnergyScenario scenario = EnergyScenario::Total;
  std::optional<double> efficiency_factor;  // overrides the fog profile's
  std::optional<double> flash_limit_kb;     // override the MCU profile's
  std::optional<double> ram_limit_kb;
};

struct PartitionCost {
  int point = 1;  // P
  long flash_bytes = 0;
  long ram_bytes = 0;
  long bytes_sent = 0;
  long edge_parameters = 0;
  long edge_macs = 0;
  double e_edge_comp_mj = 0;
  double e_edge_comm_mj = 0;
  double e_fog_mj = 0;
  double edge_latency_ms = 0;
  bool fits_memory = false;  // Flash and RAM within the limits

  double flash_kb() const { return static_cast<double>(flash_bytes) / kBytesPerKb; }
  double ram_kb() const { return static_cast<double>(ram_bytes) / kBytesPerKb; }
  double e_edge_mj() const { return e_edge_comp_mj + e_edge_comm_mj; }
  double e_total_mj() const { return e_edge_mj() + e_fog_mj; }
  double objective_mj(EnergyScenario s) const { return s == EnergyScenario::Edge ? e_edge_mj() : e_total_mj(); }
};

struct PartitionPlan {
  std::vector<PartitionCost> points;  // points[i] is P = i + 1
  int best_index = -1;                // -1: no P meets Flash and RAM
  EnergyScenario scenario = EnergyScenario::Total;
  double efficiency_factor = 1;
  double flash_limit_kb = 0;
  double ram_limit_kb = 0;

  bool feasible() const { return best_index >= 0; }
  const PartitionCost& best() const { return points.at(static_cast<size_t>(best_index)); }
};

// All points at once with prefix sums over the layers: O(L).
PartitionPlan solve_partition(const Network& net, const DeviceModel& model, const PartitionOptions& options = {});

// The cost of one point computed directly from its definition, without sharing
// anything with solve_partition (used to check it, and for single queries).
PartitionCost partition_cost(const Network& net, const DeviceModel& model, int point, double efficiency_factor);

// The cheapest point that fits memory, or nullopt. Ties go to the smaller P.
std::optional<PartitionCost> best_partition(const Network& net, const DeviceModel& model,
                                            const PartitionOptions& options = {});

}  // namespace fognas
