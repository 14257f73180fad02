// The sections the simulator reads: the fleet and its placement, the channel,
// the battery, the BLE link's policies and Wi-Fi interferers.
#include <fmt/format.h>

#include <cmath>

#include "fognas/common/error.h"
#include "readers.h"

namespace fognas {
namespace reader {

// [[x, y], ...] in metres, each inside the area, exactly `count` of them.
std::vector<std::pair<double, double>> positions_in_area(const YamlMap& p, const std::string& key, size_t count,
                                                         double w, double h) {
  const YAML::Node list = p.raw(key);
  if (!list.IsSequence()) throw InputError(p.where(key), "must be a list of [x, y] positions in metres");
  std::vector<std::pair<double, double>> out;
  for (const auto& item : list) {
    double x = std::nan(""), y = std::nan("");
    try {
      if (item.IsSequence() && item.size() == 2) x = item[0].as<double>(), y = item[1].as<double>();
    } catch (const YAML::Exception&) {
    }
    if (!std::isfinite(x) || !std::isfinite(y))
      throw InputError(p.where(key), fmt::format("item {} is not an [x, y] pair of numbers", out.size()));
    if (x < 0 || x > w || y < 0 || y > h)
      throw InputError(p.where(key), fmt::format("position [{}, {}] lies outside the {} m x {} m area", x, y, w, h));
    out.emplace_back(x, y);
  }
  if (out.size() != count)
    throw InputError(p.where(key), fmt::format("lists {} positions for {} nodes", out.size(), count));
  return out;
}

void read_placement(const YamlMap& p, SimulationSettings& q) {
  p.allow_only(keys_in("placement"));
  PlacementSettings& s = q.placement;
  const std::string layout = one_of(p, "layout", "line", {"line", "grid", "uniform", "listed", "buildings"});
  s.layout = layout == "line"      ? Layout::Line
           : layout == "grid"      ? Layout::Grid
           : layout == "uniform"   ? Layout::Uniform
           : layout == "listed"    ? Layout::Listed
                                   : Layout::Buildings;
  s.random_walk = one_of(p, "mobility", "static", {"static", "random-walk"}) == "random-walk";
  if (s.random_walk && s.layout == Layout::Line)
    throw InputError(p.where("mobility"), "random-walk needs an area: a layout other than line");
  s.walk_speed_m_s = positive(p, "walk_speed_m_s", s.walk_speed_m_s, 10);
  if (s.layout == Layout::Buildings) {
    read_buildings_placement(p, q);
    p.reject_unknown_keys();
    return;
  }
  for (const char* key : {"buildings", "wards", "beds_per_ward", "fog_nodes_per_ward", "walking_share", "walk_within"})
    if (p.has(key)) throw InputError(p.where(key), fmt::format("only with layout buildings, not '{}'", layout));
  if (p.has("area_m")) {
    const std::vector<double> area = p.numbers("area_m");
    if (area.size() != 2 || !(area[0] > 0 && area[0] <= 1e5) || !(area[1] > 0 && area[1] <= 1e5))
      throw InputError(p.where("area_m"), "must be [width, height], each > 0 and <= 1e5 m");
    s.area_w_m = area[0], s.area_h_m = area[1];
  } else if (s.layout != Layout::Line) {
    throw InputError(p.where("layout"), fmt::format("layout '{}' needs placement.area_m", layout));
  }
  for (const char* key : {"fog_positions_m", "wearable_positions_m"})
    if (p.has(key) && s.layout != Layout::Listed)
      throw InputError(p.where(key), fmt::format("positions are read with layout listed, not '{}'", layout));
  if (s.layout == Layout::Listed) {
    s.fog_positions_m = positions_in_area(p, "fog_positions_m", static_cast<size_t>(q.fog_nodes), s.area_w_m, s.area_h_m);
    s.wearable_positions_m =
        positions_in_area(p, "wearable_positions_m", static_cast<size_t>(q.wearables), s.area_w_m, s.area_h_m);
  }
  p.reject_unknown_keys();
}

void read_fleet(const YamlMap& root, SimulationSettings& q) {
  q.window_s = finite_in(root, "window_s", q.window_s, 0.0075, 86400);  // one connection interval .. a day
  q.duration_s = finite_in(root, "duration_s", q.duration_s, 0, 366.0 * 86400.0, true);  // ns-3 counts ns
  if (q.duration_s < q.window_s) throw InputError(root.where("duration_s"), "must be at least one window");
  q.distance_m = positive(root, "distance_m", q.distance_m, 1000);
  q.fog_spacing_m = positive(root, "fog_spacing_m", q.fog_spacing_m, 1e5);
  q.wearables = static_cast<int>(integer_in(root, "wearables", q.wearables, 1, 100000));
  q.fog_nodes = static_cast<int>(integer_in(root, "fog_nodes", q.fog_nodes, 1, 10000));
  q.max_wearables_per_fog = static_cast<int>(integer_in(root, "max_wearables_per_fog", q.max_wearables_per_fog, 1, 64));
  if (q.wearables > q.fog_nodes * q.max_wearables_per_fog)
    throw InputError(root.where("wearables"), fmt::format("{} wearables but {} fog nodes x {} wearables each",
                                                          q.wearables, q.fog_nodes, q.max_wearables_per_fog));
  q.idle_events_closed_form = one_of(root, "idle_events", "closed-form", {"closed-form", "simulated"}) == "closed-form";
  q.data_events_closed_form = one_of(root, "data_events", "closed-form", {"closed-form", "simulated"}) == "closed-form";
  q.far_buildings_apart = one_of(root, "far_buildings", "apart", {"apart", "together"}) == "apart";
  q.window_jitter_s = finite_in(root, "window_jitter_s", q.window_jitter_s, 0, 86400);
  if (q.window_jitter_s >= q.window_s)
    throw InputError(root.where("window_jitter_s"), fmt::format("must be below one window ({} s)", q.window_s));
  if (root.has("placement")) read_placement(root.map("placement"), q);
  q.fleet_mix = one_of(root, "fleet_mix", "by-architecture", {"by-architecture", "mixed"}) == "mixed"
                    ? FleetMix::Mixed
                    : FleetMix::ByArchitecture;
}

// A mixed fleet gives every architecture at least one wearable.
void check_fleet_mix(const YamlMap& root, const Scenario& s) {
  const auto n = s.architectures.size();
  if (s.simulation.fleet_mix == FleetMix::Mixed && static_cast<size_t>(s.simulation.wearables) < n)
    throw InputError(root.where("fleet_mix"), fmt::format("mixed puts {} architectures on {} wearables: give at "
                                                          "least one wearable per architecture",
                                                          n, s.simulation.wearables));
}

// The BLE data channels a link may hop on (0-36), as a bit map; channel
// selection needs at least two.
uint64_t data_channel_map(const YamlMap& c, const std::string& key) {
  uint64_t map = 0;
  for (double v : c.numbers(key)) {
    if (v != std::floor(v) || v < 0 || v > 36)
      throw InputError(c.where(key), fmt::format("data channels are integers 0 ... 36, got {}", v));
    const uint64_t bit = uint64_t{1} << static_cast<int>(v);
    if (map & bit) throw InputError(c.where(key), fmt::format("channel {} is listed twice", v));
    map |= bit;
  }
  if (__builtin_popcountll(map) < 2)
    throw InputError(c.where(key), "needs at least two data channels to hop on");
  return map;
}

// The battery: its model's datasheet figures, then what the scenario sets.
// A cell needs cut-off < nominal < full voltage (its curve falls from full to
// cut-off with the nominal voltage as its mean).
void read_battery(YamlMap b, BatterySpec& battery) {
  b.allow_only(keys_in("battery"));
  const std::string model = one_of(b, "model", to_string(battery.model), {"basic", "li-ion", "coin-cell"});
  BatterySpec out = battery_defaults(model == "basic" ? BatteryModel::Basic
                                     : model == "li-ion" ? BatteryModel::LiIon
                                                         : BatteryModel::CoinCell);
  if (out.model == battery.model) out = battery;  // keep figures set before (a scenario, then --set)
  out.capacity_mah = positive(b, "capacity_mah", out.capacity_mah, 1e6);
  out.voltage_v = positive(b, "voltage_v", out.voltage_v, 100);
  const std::vector<std::string> cell_keys = {"full_voltage_v", "cutoff_voltage_v", "internal_resistance_ohm",
                                              "internal_resistance_empty_ohm"};
  if (out.model == BatteryModel::Basic) {
    for (const std::string& k : cell_keys)
      if (b.has(k)) throw InputError(b.where(k), "only with model: li-ion or coin-cell (basic is an ideal store)");
  } else {
    out.full_voltage_v = positive(b, "full_voltage_v", out.full_voltage_v, 100);
    out.cutoff_voltage_v = positive(b, "cutoff_voltage_v", out.cutoff_voltage_v, 100);
    out.internal_resistance_ohm = finite_in(b, "internal_resistance_ohm", out.internal_resistance_ohm, 0, 1e4);
    out.internal_resistance_empty_ohm =
        finite_in(b, "internal_resistance_empty_ohm", out.internal_resistance_empty_ohm, 0, 1e4);
    if (out.cutoff_voltage_v >= out.voltage_v)
      throw InputError(b.where(b.has("cutoff_voltage_v") ? "cutoff_voltage_v" : "voltage_v"),
                       fmt::format("the cut-off ({} V) must lie below the nominal voltage ({} V)",
                                   out.cutoff_voltage_v, out.voltage_v));
    if (out.voltage_v >= out.full_voltage_v)
      throw InputError(b.where(b.has("full_voltage_v") ? "full_voltage_v" : "voltage_v"),
                       fmt::format("the full voltage ({} V) must lie above the nominal voltage ({} V)",
                                   out.full_voltage_v, out.voltage_v));
  }
  b.reject_unknown_keys();
  battery = out;
}

// One Wi-Fi transmitter: its channel, duty cycle and place are required.
WifiInterfererSpec read_wifi_interferer(const YamlMap& w) {
  w.allow_only(keys_in("ble.wifi_interferers[]"));
  WifiInterfererSpec out;
  out.channel = static_cast<int>(integer_in(w, "channel", w.integer("channel"), 1, 13));
  out.duty_cycle = finite_in(w, "duty_cycle", w.number("duty_cycle"), 0, 1);
  out.tx_power_dbm = finite_in(w, "tx_power_dbm", out.tx_power_dbm, -30, 40);
  const std::vector<double> at = w.numbers("position_m");
  if (at.size() != 2 || std::fabs(at[0]) > 1e5 || std::fabs(at[1]) > 1e5)
    throw InputError(w.where("position_m"), "must be [x, y] in metres, each within -1e5 ... 1e5");
  out.x_m = at[0], out.y_m = at[1];
  out.burst_ms = finite_in(w, "burst_ms", out.burst_ms, 0.05, 1000);
  w.reject_unknown_keys();
  return out;
}

// What a wearable does with a window's tensor while its link is down, and
// what else is on the air.
void read_ble(const YamlMap& root, SimulationSettings& q) {
  if (!root.has("ble")) return;
  YamlMap b = root.map("ble");
  b.allow_only(keys_in("ble"));
  const std::string disconnected = one_of(b, "disconnected", "keep", {"keep", "drop", "edge"});
  q.disconnected = disconnected == "keep"   ? DisconnectedPolicy::Keep
                   : disconnected == "drop" ? DisconnectedPolicy::Drop
                                            : DisconnectedPolicy::Edge;
  if (b.has("wifi_interferers")) {
    const YAML::Node list = b.raw("wifi_interferers");
    if (list.IsSequence() && list.size() > 64) throw InputError(b.where("wifi_interferers"), "at most 64 interferers");
    q.wifi_interferers.clear();
    for (const YamlMap& w : b.maps("wifi_interferers")) q.wifi_interferers.push_back(read_wifi_interferer(w));
  }
  b.reject_unknown_keys();
}

void read_channel_and_battery(const YamlMap& root, SimulationSettings& q) {
  if (root.has("channel")) {
    YamlMap c = root.map("channel");
    c.allow_only(keys_in("channel"));
    q.path_loss_exponent = finite_in(c, "path_loss_exponent", q.path_loss_exponent, 1, 8);
    q.reference_loss_db = finite_in(c, "reference_loss_db", q.reference_loss_db, 0, 200);
    if (c.has("data_channels")) q.data_channel_map = data_channel_map(c, "data_channels");
    q.capture_threshold_db = finite_in(c, "capture_threshold_db", q.capture_threshold_db, -20, 60);
    q.body_loss_db = finite_in(c, "body_loss_db", q.body_loss_db, 0, 100);
    q.shadowing_sigma_db = finite_in(c, "shadowing_sigma_db", q.shadowing_sigma_db, 0, 20);
    q.fading = ble_fading_from_string(one_of(c, "fading", to_string(q.fading), {"none", "rayleigh", "rician"}));
    if (c.has("rician_k_db") && q.fading != BleFading::Rician)
      throw InputError(c.where("rician_k_db"), "only with fading: rician");
    q.rician_k_db = finite_in(c, "rician_k_db", q.rician_k_db, -20, 40);
    q.interference_bound_db = finite_in(c, "interference_bound_db", q.interference_bound_db, 0, 10, true);
    c.reject_unknown_keys();
  }
  if (root.has("battery")) read_battery(root.map("battery"), q.battery);
}

}  // namespace reader

BatterySpec battery_defaults(BatteryModel model) {
  BatterySpec b;
  b.model = model;
  if (model == BatteryModel::CoinCell) {
    // CR2032 (IEC 60086, makers' datasheets): 225 mAh to 2.0 V, 3.0 V nominal,
    // about 3.2 V fresh, 10-40 Ohm rising as it empties.
    b.capacity_mah = 225, b.voltage_v = 3.0, b.full_voltage_v = 3.2, b.cutoff_voltage_v = 2.0;
    b.internal_resistance_ohm = 15, b.internal_resistance_empty_ohm = 30;
  } else if (model == BatteryModel::LiIon) {
    // A small lithium-polymer pouch cell's datasheet: 80 mAh at 0.2 C,
    // 3.7 V nominal, 4.2 V charged, 2.75 V end, at most 0.43 Ohm.
    b.capacity_mah = 80, b.voltage_v = 3.7, b.full_voltage_v = 4.2, b.cutoff_voltage_v = 2.75;
    b.internal_resistance_ohm = 0.43, b.internal_resistance_empty_ohm = 0.43;
  }
  return b;
}

const char* to_string(BatteryModel model) {
  return model == BatteryModel::Basic ? "basic" : model == BatteryModel::LiIon ? "li-ion" : "coin-cell";
}

const char* to_string(DisconnectedPolicy policy) {
  return policy == DisconnectedPolicy::Keep ? "keep" : policy == DisconnectedPolicy::Drop ? "drop" : "edge";
}

}  // namespace fognas
