#pragma once
// Layout buildings: where the fog nodes and beds of each ward stand, which fog
// node serves each bed, and the rectangle a walker walks in. Plain geometry,
// no ns-3: the simulation and the predictor both start from it.
#include <vector>

#include "fognas/cost/buildings.h"
#include "fognas/scenario/scenario.h"

namespace fognas::sim {

// Antenna heights above their floor: a wearable on a patient in bed, a fog
// node on the wall.
constexpr double kWearableHeightM = 1.0;
constexpr double kFogNodeHeightM = 2.0;

struct WardPlacement {
  std::vector<PointM> fog_m, wearable_m;
  std::vector<int> attached_to;  // per wearable: its fog node
  std::vector<int> ward_of;      // per wearable: its ward (index into placement.wards)
};

// Ward by ward in the order listed: its fog nodes spread along the room's
// middle, its beds on a grid of equal cells, each bed served by the nearest of
// the ward's fog nodes that still has room.
WardPlacement place_in_wards(const PlacementSettings& placement, int max_wearables_per_fog);

// Where a walker may go: x0..x1, y0..y1 (it keeps its height).
struct WalkArea {
  double x0_m = 0, x1_m = 0, y0_m = 0, y1_m = 0;
};
// Its ward's room or its floor's whole footprint, kept a hair inside the walls
// so that the room and floor a buildings model finds stay the ward's.
WalkArea walk_area_of(const PlacementSettings& placement, int ward);
// Whether wearable i walks: a share of the fleet spread evenly over it (the
// first walker is the one where the running count of share x i first reaches 1).
bool walks(double share, int wearable);

}  // namespace fognas::sim
