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
  // same transfer: their span is worked out once per fog node.
  std::vector<double> span_us(layout.fog_xy_m.size(), -1);
  for (size_t k = 0; k < layout.attached_to.size(); ++k) {
    const auto fog = static_cast<size_t>(layout.attached_to[k]);
    if (layout.attached_to[k] == home) continue;
    if (span_us[fog] < 0) {
      const BleTransfer transfer = predict_ble_transfer(ble, bytes_sent, layout.load[fog]);
      span_us[fog] = ble_mean_event_span_us(ble, transfer, spec.window_s);
    }
    // Its central's packets and its peripheral's reach our fog node at
    // different powers; the stronger one stands for the link's whole event.
    const double rx_dbm = std::max(ble_median_rx_power_dbm(ble, channel, distance_m(layout.fog_xy_m[fog], receiver)),
                                   ble_median_rx_power_dbm(ble, channel, distance_m(layout.wearable_xy_m[k], receiver)));
    air.interferers.push_back({span_us[fog], 1e3 * ble.conn_interval_ms, rx_dbm});
  }
  return air;
}

}  // namespace fognas::sim
