#include "fognas/devices/ble_timing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fognas {

namespace {

// The LE Coded packet (Core specification, Vol 6 Part B 2.2): an 80 us
// preamble; FEC block 1 (access address, the 2-bit coding indicator, the
// 3-bit TERM1) always at S=8; FEC block 2 (PDU, CRC, the 3-bit TERM2) at S=2
// or S=8. A coded symbol lasts 1 us.
constexpr double kCodedPreambleUs = 80;
constexpr long kCodingIndicatorBits = 2;
constexpr long kTermBits = 3;

double coding_symbols_per_bit(LePhy phy) { return phy == LePhy::LeCodedS8 ? 8.0 : 2.0; }

long fec_block1_bits(const BleRadioParams& ble) {
  return 8L * ble.access_address_bytes + kCodingIndicatorBits + kTermBits;
}

long fec_block2_bits(const BleRadioParams& ble, long pdu_bytes) {
  return 8L * (pdu_bytes + ble.crc_bytes) + kTermBits;
}

// Air time of a packet whose PDU (header, payload and MIC) has `pdu_bytes`.
double pdu_airtime_us(const BleRadioParams& ble, long pdu_bytes) {
  if (is_coded(ble.phy))
    return kCodedPreambleUs + 8.0 * static_cast<double>(fec_block1_bits(ble)) +
           coding_symbols_per_bit(ble.phy) * static_cast<double>(fec_block2_bits(ble, pdu_bytes));
  const double us_per_bit = ble.phy == LePhy::Le1M ? 1.0 : 0.5;
  return us_per_bit * 8.0 * static_cast<double>(ble.preamble_bytes + ble.access_address_bytes + pdu_bytes + ble.crc_bytes);
}

// Bits the receiver must get right: the whole packet on 1M and 2M; on the
// coded PHY everything after the preamble, before coding.
long pdu_bits(const BleRadioParams& ble, long pdu_bytes) {
  if (is_coded(ble.phy)) return fec_block1_bits(ble) + fec_block2_bits(ble, pdu_bytes);
  return 8L * (ble.preamble_bytes + ble.access_address_bytes + pdu_bytes + ble.crc_bytes);
}

long data_pdu_bytes(const BleRadioParams& ble, int ll_payload_bytes) {
  return ble.header_bytes + (ll_payload_bytes > 0 ? ll_payload_bytes + ble.mic_bytes : 0);
}

}  // namespace

double ble_packet_airtime_us(const BleRadioParams& ble, int ll_payload_bytes) {
  return pdu_airtime_us(ble, data_pdu_bytes(ble, ll_payload_bytes));
}

long ble_packet_bits(const BleRadioParams& ble, int ll_payload_bytes) {
  return pdu_bits(ble, data_pdu_bytes(ble, ll_payload_bytes));
}

double ble_adv_packet_airtime_us(const BleRadioParams& ble, int adv_payload_bytes) {
  return pdu_airtime_us(ble, ble.header_bytes + adv_payload_bytes);
}

long ble_adv_packet_bits(const BleRadioParams& ble, int adv_payload_bytes) {
  return pdu_bits(ble, ble.header_bytes + adv_payload_bytes);
}

double ble_noise_bandwidth_hz(const BleRadioParams& ble) { return ble.phy == LePhy::Le2M ? 2e6 : 1e6; }

std::vector<int> ble_ll_payloads(const BleRadioParams& ble, long payload_bytes) {
  std::vector<int> out;
  for_each_ll_payload(ble, payload_bytes, [&](int ll) { out.push_back(ll); });
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
