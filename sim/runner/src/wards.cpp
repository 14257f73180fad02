#include "wards.h"

#include <cmath>
#include <stdexcept>

namespace fognas::sim {
namespace {

constexpr double kInsideWallM = 0.05;

struct Room {
  double x0, y0, w, d, floor_z;
};

Room room_of(const PlacementSettings& p, const WardSpec& ward) {
  const BuildingSpec& b = p.buildings.at(static_cast<size_t>(ward.building - 1));
  const double w = b.width_m / b.rooms_x, d = b.depth_m / b.rooms_y;
  return {b.x0_m + (ward.room_x - 1) * w, b.y0_m + (ward.room_y - 1) * d, w, d, (ward.floor - 1) * b.floor_height_m};
}

void place_ward(const PlacementSettings& p, size_t ward, int max_per_fog, WardPlacement& out) {
  const Room r = room_of(p, p.wards[ward]);
  const int fogs = p.fog_nodes_per_ward, beds = p.beds_per_ward;
  const size_t first_fog = out.fog_m.size();
  for (int j = 0; j < fogs; ++j)
    out.fog_m.push_back({r.x0 + (j + 0.5) * r.w / fogs, r.y0 + 0.5 * r.d, r.floor_z + kFogNodeHeightM});
  // Near-square cells: columns in proportion to the room's width.
  const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(beds * r.w / r.d))));
  const int rows = (beds + cols - 1) / cols;
  std::vector<int> load(static_cast<size_t>(fogs), 0);
  for (int k = 0; k < beds; ++k) {
    const PointM bed{r.x0 + (k % cols + 0.5) * r.w / cols, r.y0 + (k / cols + 0.5) * r.d / rows,
                     r.floor_z + kWearableHeightM};
    int best = -1;
    double best_d = 0;
    for (int j = 0; j < fogs; ++j) {
      if (load[static_cast<size_t>(j)] >= max_per_fog) continue;
      const PointM& f = out.fog_m[first_fog + static_cast<size_t>(j)];
      const double d = std::hypot(bed.x - f.x, bed.y - f.y);
      if (best < 0 || d < best_d) best = j, best_d = d;
    }
    if (best < 0) throw std::logic_error("a ward with more beds than its fog nodes serve");  // the reader checks
    ++load[static_cast<size_t>(best)];
    out.wearable_m.push_back(bed);
    out.attached_to.push_back(static_cast<int>(first_fog) + best);
    out.ward_of.push_back(static_cast<int>(ward));
  }
}

}  // namespace

WardPlacement place_in_wards(const PlacementSettings& placement, int max_wearables_per_fog) {
  WardPlacement out;
  for (size_t w = 0; w < placement.wards.size(); ++w) place_ward(placement, w, max_wearables_per_fog, out);
  return out;
}

WalkArea walk_area_of(const PlacementSettings& p, int ward) {
  const WardSpec& spec = p.wards.at(static_cast<size_t>(ward));
  if (p.walk_within == WalkWithin::Floor) {
    const BuildingSpec& b = p.buildings.at(static_cast<size_t>(spec.building - 1));
    return {b.x0_m + kInsideWallM, b.x0_m + b.width_m - kInsideWallM, b.y0_m + kInsideWallM,
            b.y0_m + b.depth_m - kInsideWallM};
  }
  const Room r = room_of(p, spec);
  return {r.x0 + kInsideWallM, r.x0 + r.w - kInsideWallM, r.y0 + kInsideWallM, r.y0 + r.d - kInsideWallM};
}

bool walks(double share, int wearable) {
  return std::floor(share * (wearable + 1)) > std::floor(share * wearable);
}

}  // namespace fognas::sim
