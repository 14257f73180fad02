#pragma once
// Buildings as the predictor sees them, and the path loss between two points
// in them: the same propagation model the simulator takes from ns-3's
// buildings module (HybridBuildingsPropagationLossModel with its own
// shadowing off), written again here from the published recommendations so
// that the prediction and the simulation stay independent code.
//
// - Both points in one building: ITU-R P.1238 (indoor),
//     L = 20 log10(f / MHz) + N log10(d / m) + Lf(n) - 28,
//   with N and the floor loss Lf(n) for n floors between them by building
//   type (residential N 28, Lf 4n; office N 30, Lf 15 + 4(n-1); commercial
//   N 22, Lf 6 + 3(n-1); Lf(0) = 0), plus 5 dB for each internal wall, counted
//   as the rooms between them along x plus along y.
// - In two buildings: ITU-R P.1411 between them (line of sight below 200 m,
//   non-line-of-sight over rooftops beyond), plus each building's external
//   wall (wood 4 dB, concrete with windows 7, stone blocks 12, concrete
//   without windows 15).
// A loss below 0 dB counts as 0. Every point of a buildings layout lies
// inside a building (the scenario reader checks it).
#include <string>
#include <vector>

namespace fognas {

enum class BuildingType { Residential, Office, Commercial };
enum class ExternalWalls { Wood, ConcreteWithWindows, StoneBlocks, ConcreteWithoutWindows };
BuildingType building_type_from_string(const std::string& name);    // throws std::invalid_argument
ExternalWalls external_walls_from_string(const std::string& name);  // throws std::invalid_argument
const char* to_string(BuildingType type);
const char* to_string(ExternalWalls walls);
double external_wall_loss_db(ExternalWalls walls);

// A box on the ground: [x0, x1) x [y0, y1) x [0, floors x floor height),
// floors stacked evenly, each floor cut into rooms_x x rooms_y equal rooms.
struct BuildingSpec {
  double x0_m = 0, y0_m = 0, width_m = 0, depth_m = 0;
  int floors = 1;
  double floor_height_m = 3;
  int rooms_x = 1, rooms_y = 1;
  BuildingType type = BuildingType::Office;
  ExternalWalls walls = ExternalWalls::ConcreteWithWindows;
  double height_m() const { return floors * floor_height_m; }
};

struct PointM {
  double x = 0, y = 0, z = 0;
};

// Where a point stands: building index, floor and room (all from 1, as ns-3
// numbers them), or building -1 outside every building.
struct IndoorPlace {
  int building = -1;
  int floor = 0, room_x = 0, room_y = 0;
};
IndoorPlace place_in(const std::vector<BuildingSpec>& buildings, const PointM& p);

// The frequency the buildings model works at: the middle of the 2.4 GHz band.
constexpr double kBuildingsFrequencyHz = 2.44e9;

// Path loss in dB from `a` (the transmitter) to `b` inside buildings (see
// above; over rooftops the model is not symmetric);
// std::invalid_argument if either lies outside every building.
double buildings_path_loss_db(const std::vector<BuildingSpec>& buildings, const PointM& a, const PointM& b);
// The same with the two places already found (place_in).
double buildings_path_loss_db(const std::vector<BuildingSpec>& buildings, const PointM& a, const IndoorPlace& pa,
                              const PointM& b, const IndoorPlace& pb);

// The least path loss from any point of building `from` standing at one of
// `from_heights_m` to any point of building `to` (another building) at one of
// `to_heights_m`. Between two buildings the loss is ITU-R P.1411 plus the two
// walls, a function of distance and the two heights that grows with distance
// except where it changes formula (line of sight to over rooftops at 200 m;
// over rooftops, where the field settles, at lambda d^2 / (h - rooftop)^2 =
// 80 m): so its least value over the distances the two boxes allow is found
// at the nearest distance or just past one of those changes.
double least_path_loss_db(const std::vector<BuildingSpec>& buildings, int from, const std::vector<double>& from_heights_m,
                          int to, const std::vector<double>& to_heights_m);

}  // namespace fognas
