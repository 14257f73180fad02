#include "fognas/sim/predicted_air.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "fognas/cost/buildings.h"
#include "fognas/cost/radio_energy.h"

namespace fognas::sim {
namespace {

PointM point_of(const FleetLayout& l, FleetNode n) {
  const auto& xy = n.fog ? l.fog_xy_m.at(static_cast<size_t>(n.index)) : l.wearable_xy_m.at(static_cast<size_t>(n.index));
  const auto& z = n.fog ? l.fog_z_m : l.wearable_z_m;
  return {xy.first, xy.second, z.empty() ? 0.0 : z.at(static_cast<size_t>(n.index))};
}

}  // namespace

double predicted_path_loss_db(const ScenarioSpec& spec, const FleetLayout& layout, FleetNode from, FleetNode to) {
  const PointM a = point_of(layout, from), b = point_of(layout, to);
  if (!layout.buildings.empty()) return buildings_path_loss_db(layout.buildings, a, b);
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
  for (size_t k = 0; k < layout.attached_to.size(); ++k) {
    const int fog = layout.attached_to[k];
    if (fog == home) continue;
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
  }
  return air;
}

}  // namespace fognas::sim
