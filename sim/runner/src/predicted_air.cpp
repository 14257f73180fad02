#include "fognas/sim/predicted_air.h"

#include <algorithm>
#include <cmath>

#include "fognas/devices/radio_energy.h"

namespace fognas::sim {
namespace {

double distance_m(const std::pair<double, double>& a, const std::pair<double, double>& b) {
  return std::hypot(a.first - b.first, a.second - b.second);
}

}  // namespace

BleSharedAir predicted_shared_air(const ScenarioSpec& spec, const FleetLayout& layout, long bytes_sent, int wearable) {
  const BleRadioParams& ble = spec.radio.ble;
  const BleChannelParams channel = spec.channel();
  BleSharedAir air;
  air.data_channels = 0;
  for (int c = 0; c < 37; ++c) air.data_channels += static_cast<int>((spec.data_channel_map >> c) & 1U);
  air.capture_threshold_db = spec.capture_threshold_db;
  const int home = layout.attached_to.at(static_cast<size_t>(wearable));
  const auto& receiver = layout.fog_xy_m.at(static_cast<size_t>(home));
  // Every fog node's links share one interval and, with the same load, the
  // same transfer: worked out once per fog node.
  std::vector<BleTransfer> transfers(layout.fog_xy_m.size());
  std::vector<bool> known(layout.fog_xy_m.size(), false);
  for (size_t k = 0; k < layout.attached_to.size(); ++k) {
    const auto fog = static_cast<size_t>(layout.attached_to[k]);
    if (layout.attached_to[k] == home) continue;
    if (!known[fog]) transfers[fog] = predict_ble_transfer(ble, bytes_sent, layout.load[fog]);
    known[fog] = true;
    air.interferers.push_back(
        ble_interferer(ble, transfers[fog], spec.window_s,
                       ble_median_rx_power_dbm(ble, channel, distance_m(layout.fog_xy_m[fog], receiver)),
                       ble_median_rx_power_dbm(ble, channel, distance_m(layout.wearable_xy_m[k], receiver))));
  }
  return air;
}

}  // namespace fognas::sim
