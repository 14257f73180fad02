#include "fognas/sim/predicted_air.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "fognas/cost/radio_energy.h"

namespace fognas::sim {
namespace {

double distance_m(const std::pair<double, double>& a, const std::pair<double, double>& b) {
  return std::hypot(a.first - b.first, a.second - b.second);
}

}  // namespace

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
  const auto& receiver = layout.fog_xy_m.at(static_cast<size_t>(home));
  const auto& peripheral = layout.wearable_xy_m.at(static_cast<size_t>(wearable));
  air.packets_per_event = ble_packets_per_event(ble, layout.bytes_sent.at(static_cast<size_t>(wearable)),
                                                layout.load.at(static_cast<size_t>(home)));
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
    const auto& fog_xy = layout.fog_xy_m[static_cast<size_t>(fog)];
    const auto& sender_xy = layout.wearable_xy_m[k];
    BleInterferer i = ble_interferer(ble, known->second, spec.window_s,
                                     ble_median_rx_power_dbm(ble, channel, distance_m(fog_xy, receiver)),
                                     ble_median_rx_power_dbm(ble, channel, distance_m(sender_xy, receiver)));
    i.central_at_peripheral_dbm = ble_median_rx_power_dbm(ble, channel, distance_m(fog_xy, peripheral));
    air.interferers.push_back(i);
  }
  return air;
}

}  // namespace fognas::sim
