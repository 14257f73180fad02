#include "fognas/devices/radio_energy.h"

#include <algorithm>
#include <cmath>

namespace fognas {

double ble_packet_airtime_us(const BleRadioParams& ble, int ll_payload_bytes) {
  int bytes = ble.preamble_bytes + ble.access_address_bytes + ble.header_bytes + ble.crc_bytes;
  if (ll_payload_bytes > 0) bytes += ll_payload_bytes + ble.mic_bytes;
  return bytes * ble.us_per_byte();
}

BleTransfer predict_ble_transfer(const BleRadioParams& ble, long payload_bytes) {
  BleTransfer t;
  if (payload_bytes <= 0) return t;
  const long data_per_packet = ble.ll_payload_max_bytes - ble.l2cap_att_header_bytes;
  t.packets = (payload_bytes + data_per_packet - 1) / data_per_packet;

  // Each data packet: T_IFS, our packet, T_IFS, the central's empty ack. The
  // event opens with the central's (empty) packet.
  const double empty_us = ble.empty_acks ? ble_packet_airtime_us(ble, 0) : 0.0;
  const double full_tx_us = ble_packet_airtime_us(ble, ble.ll_payload_max_bytes);
  const double per_packet_us = full_tx_us + empty_us + (ble.empty_acks ? 2 : 1) * ble.t_ifs_us;
  const double event_budget_us =
      1000.0 * (ble.max_event_length_ms > 0 ? std::min(ble.max_event_length_ms, ble.conn_interval_ms)
                                            : ble.conn_interval_ms);
  const long per_event = std::max<long>(1, static_cast<long>(std::floor((event_budget_us - empty_us) / per_packet_us)));
  t.events = (t.packets + per_event - 1) / per_event;

  long remaining = payload_bytes;
  for (long i = 0; i < t.packets; ++i) {
    long data = std::min(remaining, data_per_packet);
    remaining -= data;
    int ll_payload = static_cast<int>(data) + ble.l2cap_att_header_bytes;
    t.tx_us += ble_packet_airtime_us(ble, ll_payload);
    t.overhead_bytes += static_cast<long>(std::lround(ble_packet_airtime_us(ble, ll_payload) / ble.us_per_byte())) - data;
  }
  if (ble.empty_acks) {
    const long rx_packets = t.packets + t.events;  // one ack per packet + the opening packet of each event
    t.rx_us = static_cast<double>(rx_packets) * empty_us;
    t.idle_us = 2.0 * static_cast<double>(t.packets) * ble.t_ifs_us;
    t.overhead_bytes += rx_packets * static_cast<long>(std::lround(empty_us / ble.us_per_byte()));
  } else {
    t.idle_us = static_cast<double>(t.packets - t.events) * ble.t_ifs_us;
  }
  t.ramp_us = static_cast<double>(t.events) * ble.ramp_up_us;

  // mA x us = nC; x V = nJ; x 1e-6 = mJ
  const double charge_nc = ble.tx_current_ma * t.tx_us + ble.rx_current_ma * t.rx_us +
                           ble.idle_current_ma * t.idle_us + ble.ramp_current_ma * t.ramp_us;
  t.energy_mj = charge_nc * ble.supply_v * 1e-6;
  return t;
}

double per_bit_energy_mj(double energy_per_bit_nj, long payload_bytes) {
  return static_cast<double>(payload_bytes) * 8.0 * energy_per_bit_nj * 1e-6;
}

double tx_energy_mj(const RadioProfile& radio, long payload_bytes) {
  if (radio.model == RadioModel::PerBit) return per_bit_energy_mj(radio.energy_per_bit_nj, payload_bytes);
  return predict_ble_transfer(radio.ble, payload_bytes).energy_mj;
}

}  // namespace fognas
