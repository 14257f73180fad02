#pragma once
// The network cost model: the one place where a decoded architecture becomes
// layers, Flash, RAM, MACs, bytes sent, and the energy and latency of every
// partition point on the wearable and on the fog node. The search, the
// partition commands and the simulator all call it; none re-derives a formula.
//
// P = 1 sends the raw input, P = j+1 runs layers 1..j on the wearable and
// sends layer j's output, P = L+1 runs everything on the wearable.
//
// The fog node is physical: it computes the fog-side layers `relative_speed`
// times faster than the wearable's MCU, drawing `busy_power_mw` while it does
// and `idle_power_mw` otherwise. The efficiency factor f of the method is the
// ratio of the MCU's energy for a layer to the fog's: f = P_mcu * speed / P_busy.
// A study that sweeps f sets the fog's busy power to P_mcu * speed / f.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fognas/devices/layer.h"
#include "fognas/devices/profiles.h"

namespace fognas {

// ------------------------------------------------------------ architecture

// A decoded architecture: the per-layer lengths and channels (input first,
// class scores last) and the layers they imply.
struct Network {
  std::vector<int> lengths;
  std::vector<int> channels;
  std::vector<Layer> layers;

  // Validates and builds; throws std::invalid_argument with the reason.
  static Network from_shape(std::vector<int> lengths, std::vector<int> channels);

  int classes() const { return lengths.back(); }
  int layer_count() const { return static_cast<int>(layers.size()); }
  long parameters() const;
  long effective_macs() const;
  std::string describe() const;  // "[2048,128,8,64,2] x [1,1,4,2,1]"
};

// ------------------------------------------------------------ fog node

// The efficiency factor the fog profile implies against this MCU.
double efficiency_factor(const McuProfile& mcu, const FogProfile& fog);
// The same where a study uses the profile's own factor: within 1e-6 ... 1e6,
// the range `factors` and --factor take, or InputError naming the fog profile.
double implied_efficiency_factor(const McuProfile& mcu, const FogProfile& fog);
// The fog profile with its busy power set so that its factor is `factor`.
// Throws std::invalid_argument unless factor is finite and > 0.
FogProfile fog_at_factor(const McuProfile& mcu, FogProfile fog, double factor);

// What the fog node spends on one tensor: its layers and its reception.
struct FogCost {
  double edge_equivalent_ms = 0;  // the MCU's latency for the fog-side layers
  double edge_equivalent_mj = 0;  // the MCU's energy for them
  double compute_ms = 0;          // the fog's latency: edge-equivalent / speed
  double compute_mj = 0;          // busy power x compute time
  double rx_mj = 0;               // receiving the tensor
  double total_mj() const { return compute_mj + rx_mj; }
};
FogCost fog_cost(const McuProfile& mcu, const FogProfile& fog, double edge_equivalent_ms, long bytes_received);

// ------------------------------------------------------------ partition points

enum class EnergyScenario {
  Edge,   // minimise the wearable's energy (compute + radio)
  Total,  // minimise wearable + fog energy
};

std::string to_string(EnergyScenario s);
EnergyScenario energy_scenario_from_string(const std::string& s);  // "edge" | "total"

struct PartitionOptions {
  EnergyScenario scenario = EnergyScenario::Total;
  std::optional<double> efficiency_factor;  // sets the fog's busy power (default: the profile's)
  std::optional<double> flash_limit_kb;     // override the MCU profile's
  std::optional<double> ram_limit_kb;
  // The wearable's own link: the expected radio energy of resending what a
  // tensor of this many bytes loses on the way (empty: a lossless link). The
  // solver adds it to each point's communication energy, so a lossy link
  // favours points that send less.
  std::function<double(long bytes_sent)> link_resend_mj;
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
  double edge_latency_ms = 0;
  FogCost fog;
  double e_fog_mj = 0;  // fog.total_mj(), kept as a field for the reports
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
  FogProfile fog;                     // at that factor
  double flash_limit_kb = 0;
  double ram_limit_kb = 0;

  bool feasible() const { return best_index >= 0; }
  const PartitionCost& best() const { return points.at(static_cast<size_t>(best_index)); }
};

// All points at once with prefix sums over the layers: O(L).
PartitionPlan solve_partition(const Network& net, const DeviceModel& model, const PartitionOptions& options = {});

// The cost of one point computed directly from its definition, without sharing
// the solver's prefix sums (used to check it, and for single queries).
PartitionCost partition_cost(const Network& net, const DeviceModel& model, int point, double efficiency_factor);

// Post-condition before a cost reaches a result: every energy, latency and
// size finite and >= 0. Throws std::logic_error naming the figure and `what`.
void check_physical(const PartitionCost& c, const std::string& what);

// The cheapest point that fits memory, or nullopt. Ties go to the smaller P.
std::optional<PartitionCost> best_partition(const Network& net, const DeviceModel& model,
                                            const PartitionOptions& options = {});

}  // namespace fognas
