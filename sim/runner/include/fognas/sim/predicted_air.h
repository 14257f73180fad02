#pragma once
// The shared air a wearable's link meets, as the protocol-aware predictor can
// know it from the scenario and the fleet's layout, without simulating: the
// links of the other fog nodes (those of its own fog node are scheduled
// apart and never overlap), each with its mean time on the air per interval
// and its mean power at the wearable's fog node.
#include <utility>
#include <vector>

#include "fognas/cost/ble_link_budget.h"
#include "fognas/sim/scenario.h"

namespace fognas::sim {

struct FleetLayout {
  std::vector<std::pair<double, double>> fog_xy_m, wearable_xy_m;  // positions at the start
  // Layout buildings: the heights at the start and the buildings, whose
  // model then gives every path loss (empty: one open floor, log-distance).
  std::vector<double> fog_z_m, wearable_z_m;
  std::vector<BuildingSpec> buildings;
  // Worked out once from those (index_buildings): each node's building, each
  // building's wearables, and the least path loss between every two
  // buildings at the heights their nodes stand at (from x buildings + to).
  std::vector<IndoorPlace> fog_place, wearable_place;
  std::vector<int> wearable_building;
  std::vector<std::vector<int>> wearables_in_building;
  std::vector<double> least_loss_db;
  std::vector<int> attached_to;                                    // per wearable: its fog node
  std::vector<int> load;                                           // per fog node: its wearables
  // Per wearable: the tensor it sends per window (0: none). In a mixed fleet,
  // or with points chosen per link, each interferer sends its own.
  std::vector<long> bytes_sent;
};

// Fills the buildings' index of a layout with buildings (nothing otherwise).
void index_buildings(FleetLayout& layout);

// The predictor leaves out another building's links where, each at its
// least loss to the wearable's building, they could add at most this much
// to its packets' collision probability, all buildings left out together.
constexpr double kLeftOutCollisionProbability = 1e-6;

// The mean path loss from fog node or wearable `from` to `to` as the
// predictor has it: the buildings model, or log-distance on an open floor.
struct FleetNode {
  bool fog = false;
  int index = 0;
};
double predicted_path_loss_db(const ScenarioSpec& spec, const FleetLayout& layout, FleetNode from, FleetNode to);
// The channel for `wearable`'s own link: where buildings stand, their loss
// between it and its fog node.
BleChannelParams predicted_link_channel(const ScenarioSpec& spec, const FleetLayout& layout, int wearable);

// The air `wearable`'s link shares with the links of the other fog nodes.
// Only `packets_per_event` depends on the link's own tensor.
BleSharedAir predicted_shared_air(const ScenarioSpec& spec, const FleetLayout& layout, int wearable);

// A link's mean data packets per event for a tensor of `bytes` on a central
// with `links` links (1 when it sends nothing).
double ble_packets_per_event(const BleRadioParams& ble, long bytes, int links);

}  // namespace fognas::sim
