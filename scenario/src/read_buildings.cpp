// placement.layout: buildings — the buildings, their wards, and who walks.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <stdexcept>

#include "fognas/common/error.h"
#include "readers.h"

namespace fognas {
namespace reader {
namespace {

constexpr int kMaxBuildings = 1000;
constexpr int kMaxWards = 100000;

// [a, b] with each in (0, hi] (or [0, hi] where zero_ok).
std::pair<double, double> pair_in(const YamlMap& m, const std::string& key, double hi, bool zero_ok = false) {
  const std::vector<double> v = m.numbers(key);
  auto ok = [&](double x) { return std::isfinite(x) && (zero_ok ? x >= 0 : x > 0) && x <= hi; };
  if (v.size() != 2 || !ok(v[0]) || !ok(v[1]))
    throw InputError(m.where(key), fmt::format("must be a pair of numbers, each in {}0, {}]", zero_ok ? "[" : "(", hi));
  return {v[0], v[1]};
}

std::pair<int, int> count_pair(const YamlMap& m, const std::string& key, int hi) {
  const std::vector<double> v = m.numbers(key);
  auto ok = [&](double x) { return x == std::floor(x) && x >= 1 && x <= hi; };
  if (v.size() != 2 || !ok(v[0]) || !ok(v[1]))
    throw InputError(m.where(key), fmt::format("must be a pair of whole numbers, each 1 ... {}", hi));
  return {static_cast<int>(v[0]), static_cast<int>(v[1])};
}

// One item of `buildings`: a building, or with `repeat` a grid of copies
// `pitch_m` apart (origin to origin).
void read_building(const YamlMap& b, std::vector<BuildingSpec>& out) {
  b.allow_only(keys_in("placement.buildings[]"));
  BuildingSpec s;
  std::tie(s.x0_m, s.y0_m) = pair_in(b, "origin_m", 1e5, true);
  std::tie(s.width_m, s.depth_m) = pair_in(b, "size_m", 1e4);
  s.floors = static_cast<int>(integer_in(b, "floors", s.floors, 1, 100));
  s.floor_height_m = finite_in(b, "floor_height_m", s.floor_height_m, 2.5, 10);
  if (b.has("rooms")) std::tie(s.rooms_x, s.rooms_y) = count_pair(b, "rooms", 100);
  try {
    s.walls = external_walls_from_string(b.text("walls", to_string(s.walls)));
  } catch (const std::invalid_argument& e) {
    throw InputError(b.where("walls"), e.what());
  }
  try {
    s.type = building_type_from_string(b.text("type", to_string(s.type)));
  } catch (const std::invalid_argument& e) {
    throw InputError(b.where("type"), e.what());
  }
  std::pair<int, int> copies{1, 1};
  std::pair<double, double> pitch{0, 0};
  if (b.has("repeat")) {
    copies = count_pair(b, "repeat", kMaxBuildings);
    pitch = pair_in(b, "pitch_m", 1e5, true);
  } else if (b.has("pitch_m")) {
    throw InputError(b.where("pitch_m"), "only with repeat");
  }
  if (out.size() + static_cast<size_t>(copies.first) * static_cast<size_t>(copies.second) > kMaxBuildings)
    throw InputError(b.where(b.has("repeat") ? "repeat" : "origin_m"), fmt::format("more than {} buildings", kMaxBuildings));
  for (int j = 0; j < copies.second; ++j)
    for (int i = 0; i < copies.first; ++i) {
      BuildingSpec c = s;
      c.x0_m += i * pitch.first, c.y0_m += j * pitch.second;
      out.push_back(c);
    }
  b.reject_unknown_keys();
}

bool overlap(const BuildingSpec& a, const BuildingSpec& b) {  // walls belong to both: touching overlaps
  return a.x0_m <= b.x0_m + b.width_m && b.x0_m <= a.x0_m + a.width_m && a.y0_m <= b.y0_m + b.depth_m &&
         b.y0_m <= a.y0_m + a.depth_m;
}

std::vector<BuildingSpec> read_buildings(const YamlMap& p) {
  std::vector<BuildingSpec> out;
  const YAML::Node list = p.raw("buildings");
  if (!list.IsSequence() || list.size() == 0) throw InputError(p.where("buildings"), "must be a list of buildings");
  for (const YamlMap& b : p.maps("buildings")) read_building(b, out);
  // Sorted by x, a building can only overlap those that start before it ends.
  std::vector<size_t> by_x(out.size());
  for (size_t i = 0; i < by_x.size(); ++i) by_x[i] = i;
  std::sort(by_x.begin(), by_x.end(), [&](size_t a, size_t b) { return out[a].x0_m < out[b].x0_m; });
  for (size_t k = 0; k < by_x.size(); ++k)
    for (size_t m = k + 1; m < by_x.size() && out[by_x[m]].x0_m <= out[by_x[k]].x0_m + out[by_x[k]].width_m; ++m)
      if (overlap(out[by_x[k]], out[by_x[m]]))
        throw InputError(p.where("buildings"), fmt::format("buildings {} and {} overlap (walls may not touch)",
                                                           std::min(by_x[k], by_x[m]) + 1,
                                                           std::max(by_x[k], by_x[m]) + 1));
  return out;
}

// One listed ward: its building, floor and room, each inside what the
// building has.
WardSpec read_ward(const YamlMap& w, const std::vector<BuildingSpec>& buildings) {
  w.allow_only(keys_in("placement.wards[]"));
  WardSpec s;
  s.building = static_cast<int>(integer_in(w, "building", w.integer("building"), 1, static_cast<long>(buildings.size())));
  const BuildingSpec& b = buildings[static_cast<size_t>(s.building - 1)];
  s.floor = static_cast<int>(w.integer("floor"));
  if (s.floor < 1 || s.floor > b.floors)
    throw InputError(w.where("floor"), fmt::format("building {} has floors 1 ... {}, not {}", s.building, b.floors, s.floor));
  const std::vector<int> room = w.integers("room");
  if (room.size() != 2 || room[0] < 1 || room[0] > b.rooms_x || room[1] < 1 || room[1] > b.rooms_y)
    throw InputError(w.where("room"), fmt::format("lies outside building {}: its rooms are [1 ... {}, 1 ... {}]",
                                                  s.building, b.rooms_x, b.rooms_y));
  s.room_x = room[0], s.room_y = room[1];
  w.reject_unknown_keys();
  return s;
}

std::vector<WardSpec> every_room(const std::vector<BuildingSpec>& buildings) {
  std::vector<WardSpec> out;
  for (size_t i = 0; i < buildings.size(); ++i)
    for (int f = 1; f <= buildings[i].floors; ++f)
      for (int y = 1; y <= buildings[i].rooms_y; ++y)
        for (int x = 1; x <= buildings[i].rooms_x; ++x) out.push_back({static_cast<int>(i) + 1, f, x, y});
  return out;
}

// The fleet fills the wards: a bed per wearable, the ward's fog nodes serving them.
void check_fleet_fills_wards(const YamlMap& p, const SimulationSettings& q) {
  const PlacementSettings& s = q.placement;
  const long wards = static_cast<long>(s.wards.size());
  if (q.wearables != wards * s.beds_per_ward)
    throw InputError(p.where("beds_per_ward"), fmt::format("{} wards x {} beds is {} wearables, but wearables is {}",
                                                           wards, s.beds_per_ward, wards * s.beds_per_ward, q.wearables));
  if (q.fog_nodes != wards * s.fog_nodes_per_ward)
    throw InputError(p.where("fog_nodes_per_ward"),
                     fmt::format("{} wards x {} fog nodes is {}, but fog_nodes is {}", wards, s.fog_nodes_per_ward,
                                 wards * s.fog_nodes_per_ward, q.fog_nodes));
  if (s.beds_per_ward > s.fog_nodes_per_ward * q.max_wearables_per_fog)
    throw InputError(p.where("beds_per_ward"), fmt::format("{} beds but {} fog nodes x {} wearables each",
                                                           s.beds_per_ward, s.fog_nodes_per_ward, q.max_wearables_per_fog));
}

}  // namespace

void read_buildings_placement(const YamlMap& p, SimulationSettings& q) {
  PlacementSettings& s = q.placement;
  for (const char* key : {"area_m", "fog_positions_m", "wearable_positions_m"})
    if (p.has(key)) throw InputError(p.where(key), "layout buildings places the nodes in the wards");
  s.buildings = read_buildings(p);
  if (p.has("wards")) {
    const YAML::Node list = p.raw("wards");
    if (!list.IsSequence() || list.size() == 0 || list.size() > kMaxWards)
      throw InputError(p.where("wards"), fmt::format("must be a list of 1 ... {} wards", kMaxWards));
    std::set<std::tuple<int, int, int, int>> seen;
    for (const YamlMap& w : p.maps("wards")) {
      const WardSpec ward = read_ward(w, s.buildings);
      if (!seen.emplace(ward.building, ward.floor, ward.room_x, ward.room_y).second)
        throw InputError(w.where("room"), "this ward is listed twice");
      s.wards.push_back(ward);
    }
  } else {
    s.wards = every_room(s.buildings);
  }
  s.beds_per_ward = static_cast<int>(integer_in(p, "beds_per_ward", s.beds_per_ward, 1, 1000));
  s.fog_nodes_per_ward = static_cast<int>(integer_in(p, "fog_nodes_per_ward", s.fog_nodes_per_ward, 1, 100));
  check_fleet_fills_wards(p, q);
  s.walking_share = finite_in(p, "walking_share", s.walking_share, 0, 1);
  s.walk_within = one_of(p, "walk_within", "ward", {"ward", "floor"}) == "ward" ? WalkWithin::Ward : WalkWithin::Floor;
  for (const char* key : {"walking_share", "walk_within"})
    if (p.has(key) && !s.random_walk) throw InputError(p.where(key), "only with mobility: random-walk");
}

}  // namespace reader
}  // namespace fognas
