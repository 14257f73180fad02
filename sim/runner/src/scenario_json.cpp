#include "fognas/sim/scenario_json.h"

#include "fognas/common/manifest.h"
#include "fognas/devices/profile_json.h"

namespace fognas::sim {
namespace {
std::vector<int> DataChannels(uint64_t map) {
  std::vector<int> out;
  for (int ch = 0; ch < 37; ++ch)
    if (map & (uint64_t{1} << ch)) out.push_back(ch);
  return out;
}
nlohmann::json BatteryJson(const BatterySpec& b) {
  nlohmann::json j = {{"model", to_string(b.model)}, {"capacity_mah", b.capacity_mah}, {"voltage_v", b.voltage_v}};
  if (b.model == BatteryModel::Basic) return j;
  j["full_voltage_v"] = b.full_voltage_v;
  j["cutoff_voltage_v"] = b.cutoff_voltage_v;
  j["internal_resistance_ohm"] = b.internal_resistance_ohm;
  j["internal_resistance_empty_ohm"] = b.internal_resistance_empty_ohm;
  return j;
}

// Layout buildings: every building as placed (copies spelt out) and every ward.
void BuildingsJson(const PlacementSettings& p, nlohmann::json& j) {
  nlohmann::json buildings = nlohmann::json::array();
  for (const BuildingSpec& b : p.buildings)
    buildings.push_back({{"origin_m", {b.x0_m, b.y0_m}},
                         {"size_m", {b.width_m, b.depth_m}},
                         {"floors", b.floors},
                         {"floor_height_m", b.floor_height_m},
                         {"rooms", {b.rooms_x, b.rooms_y}},
                         {"walls", to_string(b.walls)},
                         {"type", to_string(b.type)}});
  nlohmann::json wards = nlohmann::json::array();
  for (const WardSpec& w : p.wards)
    wards.push_back({{"building", w.building}, {"floor", w.floor}, {"room", {w.room_x, w.room_y}}});
  j["buildings"] = std::move(buildings);
  j["wards"] = std::move(wards);
  j["beds_per_ward"] = p.beds_per_ward;
  j["fog_nodes_per_ward"] = p.fog_nodes_per_ward;
  if (p.random_walk) j["walking_share"] = p.walking_share, j["walk_within"] = p.walk_within == WalkWithin::Ward ? "ward" : "floor";
}

nlohmann::json PlacementJson(const PlacementSettings& p) {
  const char* layouts[] = {"line", "grid", "uniform", "listed", "buildings"};
  nlohmann::json j = {{"layout", layouts[static_cast<int>(p.layout)]},
                      {"mobility", p.random_walk ? "random-walk" : "static"},
                      {"walk_speed_m_s", p.walk_speed_m_s}};
  if (p.layout == Layout::Buildings) {
    BuildingsJson(p, j);
    return j;
  }
  if (p.layout != Layout::Line) j["area_m"] = {p.area_w_m, p.area_h_m};
  if (p.layout == Layout::Listed) j["fog_positions_m"] = p.fog_positions_m, j["wearable_positions_m"] = p.wearable_positions_m;
  return j;
}
}  // namespace

void to_json(nlohmann::json& j, const ScenarioSpec& s) {
  nlohmann::json archs = nlohmann::json::array();
  for (const auto& a : s.architectures)
    archs.push_back({{"name", a.name},
                     {"lengths", a.lengths},
                     {"channels", a.channels},
                     {"partition_point", a.partition_point    ? nlohmann::json(*a.partition_point)
                                         : a.per_link_partition ? nlohmann::json("per-link")
                                                                : nlohmann::json()},
                     {"from_search", a.from_search.empty() ? nlohmann::json() : nlohmann::json(manifest_path(a.from_search))}});
  j = {{"name", s.name},
       {"file", manifest_path(s.file)},
       {"architectures", archs},
       {"factors", s.factors},
       {"energy", {{"scenario", to_string(s.energy_scenario)}}},
       {"limits", {{"flash_kb", s.limits.flash_kb ? nlohmann::json(*s.limits.flash_kb) : nlohmann::json()},
                   {"ram_kb", s.limits.ram_kb ? nlohmann::json(*s.limits.ram_kb) : nlohmann::json()}}},
       {"devices", {{"mcu", s.mcu}, {"radio", s.radio}, {"fog", s.fog}}},
       {"paper_energy_per_bit_nj", s.paper_energy_per_bit_nj},
       {"window_s", s.window_s},
       {"duration_s", s.duration_s},
       {"distance_m", s.distance_m},
       {"fog_spacing_m", s.fog_spacing_m},
       {"wearables", s.wearables},
       {"fog_nodes", s.fog_nodes},
       {"max_wearables_per_fog", s.max_wearables_per_fog},
       {"seed", s.seed},
       {"channel", {{"path_loss_exponent", s.path_loss_exponent},
                    {"reference_loss_db", s.reference_loss_db},
                    {"data_channels", DataChannels(s.data_channel_map)},
                    {"capture_threshold_db", s.capture_threshold_db}}},
       {"battery",
        BatteryJson(s.battery)},
       {"idle_events", s.idle_events_closed_form ? "closed-form" : "simulated"},
       {"fleet_mix", s.fleet_mix == FleetMix::Mixed ? "mixed" : "by-architecture"},
       {"window_jitter_s", s.window_jitter_s},
       {"ble", {{"disconnected", to_string(s.disconnected)}}},
       {"placement", PlacementJson(s.placement)}};
  // Only where they differ from the default or there are any, so the records
  // of scenarios without them read as before.
  if (!s.data_events_closed_form) j["data_events"] = "simulated";
  if (!s.far_buildings_apart) j["far_buildings"] = "together";
  if (s.placement.layout == Layout::Buildings) j["channel"]["interference_bound_db"] = s.interference_bound_db;
  for (const WifiInterfererSpec& w : s.wifi_interferers)
    j["ble"]["wifi_interferers"].push_back({{"channel", w.channel},
                                            {"duty_cycle", w.duty_cycle},
                                            {"tx_power_dbm", w.tx_power_dbm},
                                            {"position_m", {w.x_m, w.y_m}},
                                            {"burst_ms", w.burst_ms}});
}

}  // namespace fognas::sim
