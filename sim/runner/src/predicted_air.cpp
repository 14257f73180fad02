#include "fognas/sim/predicted_air.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "fognas/cost/buildings.h"
#include "fognas/cost/radio_energy.h"

namespace fognas::sim {
namespace {

PointM point_of(const FleetLayout& l, FleetNode n) {
  const auto& xy = n.fog ? l.fog_xy_m.at(static_cast<size_t>(n.index)) : l.wearable_xy_m.at(static_cast<size_t>(n.index));
  const auto& z = n.fog ? l.fog_z_m : l.wearable_z_m;
  return {xy.first, xy.second, z.empty() ? 0.0 : z.at(static_cast<size_t>(n.index))};
}

// The most that fading lets a faded signal fall below x times its mean:
// P(g < x) for the fading's power gain g of mean 1, bounded above: Rayleigh
// 1 - e^-x <= x; Rician's density is at most K + 1 everywhere; no fading:
// only at x >= 1.
double fade_below_at_most(const BleChannelParams& channel, double x) {
  switch (channel.fading) {
    case BleFading::None: return x >= 1 ? 1.0 : 0.0;
    case BleFading::Rayleigh: return std::min(1.0, x);
    case BleFading::Rician: return std::min(1.0, (std::pow(10.0, channel.rician_k_db / 10.0) + 1) * x);
  }
  return 1.0;
}

// The buildings whose links wearable `wearable`'s link meets: its own, and
// each other one unless, weakest first, the buildings left out could together
// add at most kLeftOutCollisionProbability to a packet's collision
// probability (each link at most the chance that fading sinks our signal
// below the capture threshold over its power at the least loss).
std::vector<int> buildings_met(const ScenarioSpec& spec, const FleetLayout& layout, int wearable, double signal_dbm) {
  const BleChannelParams channel = spec.channel();
  const int home = layout.wearable_building.at(static_cast<size_t>(wearable));
  const int n = static_cast<int>(layout.buildings.size());
  std::vector<std::pair<double, int>> most;
  std::vector<int> out;
  for (int b = 0; b < n; ++b) {
    if (b == home) continue;
    const double ceiling_dbm = spec.radio.ble.tx_power_dbm - layout.least_loss_db[static_cast<size_t>(b * n + home)] -
                               channel.body_loss_db;
    const double x = std::pow(10.0, (spec.capture_threshold_db + ceiling_dbm - signal_dbm) / 10.0);
    const auto links = static_cast<double>(layout.wearables_in_building[static_cast<size_t>(b)].size());
    most.emplace_back(links * fade_below_at_most(channel, x), b);
  }
  std::sort(most.begin(), most.end());
  double left_out = 0;
  size_t k = 0;
  for (; k < most.size() && left_out + most[k].first <= kLeftOutCollisionProbability; ++k) left_out += most[k].first;
  out.push_back(home);
  for (; k < most.size(); ++k) out.push_back(most[k].second);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void index_buildings(FleetLayout& l) {
  if (l.buildings.empty()) return;
  const int n = static_cast<int>(l.buildings.size());
  std::vector<std::set<double>> heights(static_cast<size_t>(n));
  auto place_of = [&](FleetNode node) {
    const IndoorPlace p = place_in(l.buildings, point_of(l, node));
    if (p.building < 0) throw std::logic_error("a node of a buildings layout outside every building");
    heights[static_cast<size_t>(p.building)].insert(point_of(l, node).z);
    return p;
  };
  l.fog_place.clear(), l.wearable_place.clear(), l.wearable_building.clear();
  l.wearables_in_building.assign(static_cast<size_t>(n), {});
  for (size_t j = 0; j < l.fog_xy_m.size(); ++j) l.fog_place.push_back(place_of({true, static_cast<int>(j)}));
  for (size_t i = 0; i < l.wearable_xy_m.size(); ++i) {
    l.wearable_place.push_back(place_of({false, static_cast<int>(i)}));
    l.wearable_building.push_back(l.wearable_place.back().building);
    l.wearables_in_building[static_cast<size_t>(l.wearable_building.back())].push_back(static_cast<int>(i));
  }
  l.least_loss_db.assign(static_cast<size_t>(n * n), 0.0);
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      if (a != b && !heights[static_cast<size_t>(a)].empty() && !heights[static_cast<size_t>(b)].empty())
        l.least_loss_db[static_cast<size_t>(a * n + b)] = least_path_loss_db(
            l.buildings, a, {heights[static_cast<size_t>(a)].begin(), heights[static_cast<size_t>(a)].end()}, b,
            {heights[static_cast<size_t>(b)].begin(), heights[static_cast<size_t>(b)].end()});
}

double predicted_path_loss_db(const ScenarioSpec& spec, const FleetLayout& layout, FleetNode from, FleetNode to) {
  const PointM a = point_of(layout, from), b = point_of(layout, to);
  if (!layout.buildings.empty()) {
    if (layout.fog_place.empty()) return buildings_path_loss_db(layout.buildings, a, b);  // not indexed
    auto place = [&](FleetNode n) {
      return n.fog ? layout.fog_place.at(static_cast<size_t>(n.index)) : layout.wearable_place.at(static_cast<size_t>(n.index));
    };
    return buildings_path_loss_db(layout.buildings, a, place(from), b, place(to));
  }
  const double d = std::hypot(a.x - b.x, a.y - b.y);  // one floor: z is 0
  return spec.reference_loss_db + 10.0 * spec.path_loss_exponent * std::log10(std::max(d, 1e-3));
}

BleChannelParams predicted_link_channel(const ScenarioSpec& spec, const FleetLayout& layout, int wearable) {
  BleChannelParams channel = spec.channel();
  if (!layout.buildings.empty())
    channel.link_path_loss_db = predicted_path_loss_db(
        spec, layout, {false, wearable}, {true, layout.attached_to.at(static_cast<size_t>(wearable))});
  return channel;
}

double ble_packets_per_event(const BleRadioParams& ble, long bytes, int links) {
  const BleTransfer t = predict_ble_transfer(ble, bytes, links);
  return t.events > 0 ? static_cast<double>(t.packets) / static_cast<double>(t.events) : 1.0;
}

BleSharedAir predicted_shared_air(const ScenarioSpec& spec, const FleetLayout& layout, int wearable) {
  const BleRadioParams& ble = spec.radio.ble;
  const BleChannelParams channel = spec.channel();
  BleSharedAir air;
  air.data_channels = 0;
  for (int c = 0; c < 37; ++c) air.data_channels += static_cast<int>((spec.data_channel_map >> c) & 1U);
  air.capture_threshold_db = spec.capture_threshold_db;
  const int home = layout.attached_to.at(static_cast<size_t>(wearable));
  air.packets_per_event = ble_packets_per_event(ble, layout.bytes_sent.at(static_cast<size_t>(wearable)),
                                                layout.load.at(static_cast<size_t>(home)));
  auto rx_dbm = [&](FleetNode from, FleetNode to) {
    return ble.tx_power_dbm - predicted_path_loss_db(spec, layout, from, to) - channel.body_loss_db;
  };
  // A fog node's links share one interval; links of one fog node that send
  // tensors of one size make the same transfer, worked out once.
  std::map<std::pair<int, long>, BleTransfer> transfers;
  auto add = [&](size_t k) {
    const int fog = layout.attached_to[k];
    if (fog == home) return;
    const long bytes = layout.bytes_sent.at(k);
    auto known = transfers.find({fog, bytes});
    if (known == transfers.end()) {
      const BleTransfer transfer = predict_ble_transfer(ble, bytes, layout.load[static_cast<size_t>(fog)]);
      known = transfers.emplace(std::pair{fog, bytes}, transfer).first;
    }
    const FleetNode central{true, fog}, sender{false, static_cast<int>(k)};
    BleInterferer i = ble_interferer(ble, known->second, spec.window_s, rx_dbm(central, {true, home}),
                                     rx_dbm(sender, {true, home}));
    i.central_at_peripheral_dbm = rx_dbm(central, {false, wearable});
    air.interferers.push_back(i);
  };
  if (layout.buildings.empty()) {
    for (size_t k = 0; k < layout.attached_to.size(); ++k) add(k);
    return air;
  }
  const double signal_dbm = std::min(rx_dbm({false, wearable}, {true, home}), rx_dbm({true, home}, {false, wearable}));
  for (int b : buildings_met(spec, layout, wearable, signal_dbm))
    for (int k : layout.wearables_in_building[static_cast<size_t>(b)]) add(static_cast<size_t>(k));
  return air;
}

}  // namespace fognas::sim
