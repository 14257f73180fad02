#include "fognas/cost/buildings.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <stdexcept>

namespace fognas {
namespace {

constexpr double kSpeedOfLightMPerS = 299792458.0;
constexpr double kInternalWallLossDb = 5.0;   // per wall between two rooms
constexpr double kLineOfSightLimitM = 200.0;  // ITU-R P.1411: line of sight below, over rooftops beyond

// ITU-R P.1411's over-rooftop model needs the street canyon it looks across;
// these are ns-3's defaults (a large city's urban streets), which the
// simulator keeps.
constexpr double kRooftopM = 20.0;
constexpr double kStreetWidthM = 20.0;
constexpr double kStreetOrientationDeg = 45.0;
constexpr double kBuildingsExtendM = 80.0;
constexpr double kBuildingSeparationM = 50.0;

double distance_m(const PointM& a, const PointM& b) { return std::hypot(a.x - b.x, a.y - b.y, a.z - b.z); }

int slot_of(double offset, double size, int count) {  // 1 .. count, as ns-3 clamps its rooms and floors
  const int k = static_cast<int>(std::floor(offset / (size / count))) + 1;
  return std::clamp(k, 1, count);
}

// ITU-R P.1238 between two points of one building, with its internal walls.
double indoor_loss_db(const BuildingSpec& b, const IndoorPlace& pa, const IndoorPlace& pb, double d_m) {
  const int n = std::abs(pa.floor - pb.floor);
  double coefficient = 30, floors_db = 0;
  switch (b.type) {
    case BuildingType::Residential: coefficient = 28, floors_db = n >= 1 ? 4.0 * n : 0.0; break;
    case BuildingType::Office: coefficient = 30, floors_db = n >= 1 ? 15.0 + 4.0 * (n - 1) : 0.0; break;
    case BuildingType::Commercial: coefficient = 22, floors_db = n >= 1 ? 6.0 + 3.0 * (n - 1) : 0.0; break;
  }
  const double walls = std::abs(pa.room_x - pb.room_x) + std::abs(pa.room_y - pb.room_y);
  return 20 * std::log10(kBuildingsFrequencyHz / 1e6) + coefficient * std::log10(d_m) + floors_db - 28.0 +
         kInternalWallLossDb * walls;
}

// ITU-R P.1411 line of sight: the mean of its lower and upper bounds, with
// the breakpoint set by the two antenna heights.
double street_line_of_sight_loss_db(const PointM& a, const PointM& b, double d_m) {
  const double lambda = kSpeedOfLightMPerS / kBuildingsFrequencyHz;
  const double breakpoint_loss = std::fabs(20 * std::log10(lambda * lambda / (8 * M_PI * a.z * b.z)));
  const double breakpoint_m = 4 * a.z * b.z / lambda;
  const double r = std::log10(d_m / breakpoint_m);
  const double lower = d_m <= breakpoint_m ? breakpoint_loss + 20 * r : breakpoint_loss + 40 * r;
  const double upper = d_m <= breakpoint_m ? breakpoint_loss + 20 + 25 * r : breakpoint_loss + 20 + 40 * r;
  return (lower + upper) / 2;
}

// The multiple-screen diffraction past the rows of buildings (Lmsd), for the
// higher antenna `hb_m` high. Below the rooftops the distance slope takes the
// transmitter's height `tx_z_m` (as ns-3 writes the model).
double multiple_screen_loss_db(double hb_m, double tx_z_m, double d_m, double f_mhz, double lambda) {
  const double dhb = hb_m - kRooftopM;
  const double settled_m = lambda * d_m * d_m / (dhb * dhb);
  if (settled_m < kBuildingsExtendM) {
    double shadow = 0, ka = 0, kd = 18;
    if (hb_m > kRooftopM) {
      shadow = -18 * std::log10(1 + dhb);
      ka = f_mhz > 2000 ? 71.4 : 54.0;
    } else {
      kd = 18.0 - 15 * dhb / tx_z_m;
      ka = d_m < 500 ? 54.0 - 1.6 * dhb * d_m / 1000 : 54.0 - 0.8 * dhb;
    }
    const double kf = f_mhz > 2000 ? -8.0 : -4 + 0.7 * (f_mhz / 925.0 - 1);  // urban, large city
    return shadow + ka + kd * std::log10(d_m / 1000.0) + kf * std::log10(f_mhz) - 9.0 * std::log10(kBuildingSeparationM);
  }
  const double theta = std::atan(dhb / kBuildingSeparationM);
  const double rho = std::hypot(dhb, kBuildingSeparationM);
  double q = 0;
  if (hb_m > kRooftopM - 1.0 && hb_m < kRooftopM + 1.0)
    q = kBuildingSeparationM / d_m;
  else if (hb_m > kRooftopM)
    q = 2.35 * std::pow(dhb / d_m * std::sqrt(kBuildingSeparationM / lambda), 0.9);
  else
    q = kBuildingSeparationM / (2 * M_PI * d_m) * std::sqrt(lambda / rho) * (1 / theta - 1 / (2 * M_PI + theta));
  return -10 * std::log10(q * q);
}

// ITU-R P.1411 over rooftops: free space, the rooftop-to-street diffraction
// (Lrts) and the multiple-screen diffraction (Lmsd), the two counted only
// when together they add loss. `a` transmits.
double over_rooftops_loss_db(const PointM& a, const PointM& b, double d_m) {
  const double f_mhz = kBuildingsFrequencyHz / 1e6;
  const double lambda = kSpeedOfLightMPerS / kBuildingsFrequencyHz;
  const double hb = std::max(a.z, b.z), hm = std::min(a.z, b.z);
  const double orientation = kStreetOrientationDeg < 35   ? -10.0 + 0.354 * kStreetOrientationDeg
                             : kStreetOrientationDeg < 55 ? 2.5 + 0.075 * (kStreetOrientationDeg - 35)
                                                          : 2.5 + 0.075 * (kStreetOrientationDeg - 55);
  const double free_space = 32.4 + 20 * std::log10(d_m / 1000) + 20 * std::log10(f_mhz);
  const double rooftop_to_street = -8.2 - 10 * std::log10(kStreetWidthM) + 10 * std::log10(f_mhz) +
                                   20 * std::log10(kRooftopM - hm) + orientation;
  const double screens = multiple_screen_loss_db(hb, a.z, d_m, f_mhz, lambda);
  return rooftop_to_street + screens > 0 ? free_space + rooftop_to_street + screens : free_space;
}

// ITU-R P.1411 between two buildings, `a` transmitting.
double between_buildings_db(const PointM& a, const PointM& b, double d_m) {
  return d_m < kLineOfSightLimitM ? street_line_of_sight_loss_db(a, b, d_m) : over_rooftops_loss_db(a, b, d_m);
}

// Nearest and farthest horizontal distances between two boxes on the ground.
std::pair<double, double> horizontal_span_m(const BuildingSpec& a, const BuildingSpec& b) {
  auto gap = [](double a0, double a1, double b0, double b1) { return std::max({0.0, b0 - a1, a0 - b1}); };
  auto reach = [](double a0, double a1, double b0, double b1) { return std::max(b1 - a0, a1 - b0); };
  const double near = std::hypot(gap(a.x0_m, a.x0_m + a.width_m, b.x0_m, b.x0_m + b.width_m),
                                 gap(a.y0_m, a.y0_m + a.depth_m, b.y0_m, b.y0_m + b.depth_m));
  const double far = std::hypot(reach(a.x0_m, a.x0_m + a.width_m, b.x0_m, b.x0_m + b.width_m),
                                reach(a.y0_m, a.y0_m + a.depth_m, b.y0_m, b.y0_m + b.depth_m));
  return {near, far};
}

// The least of ITU-R P.1411 over distances [lo, hi] at heights za (sending) and zb.
double least_between_db(double za, double zb, double lo, double hi) {
  const double lambda = kSpeedOfLightMPerS / kBuildingsFrequencyHz;
  auto at = [&](double d) { return between_buildings_db({0, 0, za}, {d, 0, zb}, d); };
  double least = at(lo);
  const double dhb = std::max(za, zb) - kRooftopM;
  for (double change : {kLineOfSightLimitM, std::fabs(dhb) * std::sqrt(kBuildingsExtendM / lambda)}) {
    // Just past a change of formula (the rounding of the settled-field test
    // may put the change itself on either side).
    const double past = change * (1 + 1e-9);
    if (past > lo && past <= hi) least = std::min(least, at(past));
  }
  return least;
}

}  // namespace

BuildingType building_type_from_string(const std::string& name) {
  if (name == "residential") return BuildingType::Residential;
  if (name == "office") return BuildingType::Office;
  if (name == "commercial") return BuildingType::Commercial;
  throw std::invalid_argument("building type must be residential, office or commercial");
}

ExternalWalls external_walls_from_string(const std::string& name) {
  if (name == "wood") return ExternalWalls::Wood;
  if (name == "concrete-with-windows") return ExternalWalls::ConcreteWithWindows;
  if (name == "stone-blocks") return ExternalWalls::StoneBlocks;
  if (name == "concrete-without-windows") return ExternalWalls::ConcreteWithoutWindows;
  throw std::invalid_argument(
      "external walls must be wood, concrete-with-windows, stone-blocks or concrete-without-windows");
}

const char* to_string(BuildingType type) {
  switch (type) {
    case BuildingType::Residential: return "residential";
    case BuildingType::Office: return "office";
    case BuildingType::Commercial: return "commercial";
  }
  return "?";
}

const char* to_string(ExternalWalls walls) {
  switch (walls) {
    case ExternalWalls::Wood: return "wood";
    case ExternalWalls::ConcreteWithWindows: return "concrete-with-windows";
    case ExternalWalls::StoneBlocks: return "stone-blocks";
    case ExternalWalls::ConcreteWithoutWindows: return "concrete-without-windows";
  }
  return "?";
}

double external_wall_loss_db(ExternalWalls walls) {
  switch (walls) {
    case ExternalWalls::Wood: return 4;
    case ExternalWalls::ConcreteWithWindows: return 7;
    case ExternalWalls::StoneBlocks: return 12;
    case ExternalWalls::ConcreteWithoutWindows: return 15;
  }
  return 0;
}

IndoorPlace place_in(const std::vector<BuildingSpec>& buildings, const PointM& p) {
  for (size_t i = 0; i < buildings.size(); ++i) {
    const BuildingSpec& b = buildings[i];
    // Walls belong to the building, as in ns-3.
    if (p.x < b.x0_m || p.x > b.x0_m + b.width_m || p.y < b.y0_m || p.y > b.y0_m + b.depth_m || p.z < 0 ||
        p.z > b.height_m())
      continue;
    return {static_cast<int>(i), slot_of(p.z, b.height_m(), b.floors), slot_of(p.x - b.x0_m, b.width_m, b.rooms_x),
            slot_of(p.y - b.y0_m, b.depth_m, b.rooms_y)};
  }
  return {};
}

double buildings_path_loss_db(const std::vector<BuildingSpec>& buildings, const PointM& a, const PointM& b) {
  return buildings_path_loss_db(buildings, a, place_in(buildings, a), b, place_in(buildings, b));
}

double buildings_path_loss_db(const std::vector<BuildingSpec>& buildings, const PointM& a, const IndoorPlace& pa,
                              const PointM& b, const IndoorPlace& pb) {
  if (pa.building < 0 || pb.building < 0) throw std::invalid_argument("a point outside every building");
  const double d = distance_m(a, b);
  double loss = 0;
  if (pa.building == pb.building) {
    loss = indoor_loss_db(buildings[static_cast<size_t>(pa.building)], pa, pb, d);
  } else {
    loss = between_buildings_db(a, b, d) + external_wall_loss_db(buildings[static_cast<size_t>(pa.building)].walls) +
           external_wall_loss_db(buildings[static_cast<size_t>(pb.building)].walls);
  }
  return std::max(loss, 0.0);
}

}  // namespace fognas

namespace fognas {

double least_path_loss_db(const std::vector<BuildingSpec>& buildings, int from, const std::vector<double>& from_heights_m,
                          int to, const std::vector<double>& to_heights_m) {
  if (from == to) throw std::invalid_argument("least_path_loss_db is for two buildings");
  const BuildingSpec& a = buildings.at(static_cast<size_t>(from));
  const BuildingSpec& b = buildings.at(static_cast<size_t>(to));
  const auto [near_m, far_m] = horizontal_span_m(a, b);
  double least = std::numeric_limits<double>::infinity();
  for (double za : from_heights_m)
    for (double zb : to_heights_m) {
      const double dz = za - zb;
      least = std::min(least, least_between_db(za, zb, std::hypot(near_m, dz), std::hypot(far_m, dz)));
    }
  return std::max(least + external_wall_loss_db(a.walls) + external_wall_loss_db(b.walls), 0.0);
}

}  // namespace fognas
