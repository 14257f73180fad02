#include "fognas/devices/ble_timing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fognas {

double ble_packet_airtime_us(const BleRadioParams& ble, int ll_payload_bytes) {
  int bytes = ble.preamble_bytes + ble.access_address_bytes + ble.header_bytes + ble.crc_bytes;
  if (ll_payload_bytes > 0) bytes += ll_payload_bytes + ble.mic_bytes;
  return bytes * ble.us_per_byte();
}

std::vector<int> ble_ll_payloads(const BleRadioParams& ble, long payload_bytes) {
  std::vector<int> out;
  const long att_data = ble.att_mtu - ble.att_header_bytes;
  for (long left = payload_bytes; left > 0; left -= att_data) {
    const long pdu = std::min(left, att_data) + ble.att_header_bytes + ble.l2cap_header_bytes;
    for (long fragment = pdu; fragment > 0; fragment -= ble.ll_payload_max_bytes)
      out.push_back(static_cast<int>(std::min<long>(fragment, ble.ll_payload_max_bytes)));
  }
  return out;
}

double ble_window_widening_us(const BleRadioParams& ble) {
  if (!ble.empty_acks) return 0;
  const double gap_us = 1000.0 * ble.conn_interval_ms * (1 + ble.peripheral_latency);
  return (ble.sleep_clock_ppm + ble.central_sleep_clock_ppm) * 1e-6 * gap_us + ble.rx_window_margin_us;
}

double ble_event_lead_us(const BleRadioParams& ble) {
  return ble.cpu_pre_event_us + ble.hfxo_startup_us + ble.ramp_up_us + ble_window_widening_us(ble);
}

double ble_event_budget_us(const BleRadioParams& ble, int links_sharing_central) {
  const double interval_us = 1000.0 * ble.conn_interval_ms;
  double share_us = interval_us / std::max(1, links_sharing_central);
  if (ble.max_event_length_ms > 0) share_us = std::min(share_us, 1000.0 * ble.max_event_length_ms);
  const double own_us = interval_us - ble_event_lead_us(ble) - ble.cpu_post_event_us;
  return std::min(share_us - ble.ramp_up_us, own_us);
}

double ble_first_exchange_us(const BleRadioParams& ble) {
  const double full_us = ble_packet_airtime_us(ble, ble.ll_payload_max_bytes);
  if (!ble.empty_acks) return full_us;
  return ble_packet_airtime_us(ble, 0) + ble.t_ifs_us + full_us;
}

}  // namespace fognas
