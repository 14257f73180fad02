#pragma once
// Timing of a BLE connection as the link layer the simulator implements runs
// it: packet air times, how a tensor is cut into LL packets, the receive
// window widened by the sleep clocks' drift, and how much of a connection
// event one link may use. Properties of the radio and its profile alone, so
// the profile reader can check that a profile's event length can carry data;
// the energies built on them are in fognas/cost/radio_energy.h.
#include <vector>

#include "fognas/devices/profiles.h"

namespace fognas {

// Air time of one LL packet carrying `ll_payload_bytes` (0: an empty packet,
// which carries no MIC). On the coded PHY: the 80 us preamble, the access
// address block at S=8 and the PDU block at the profile's S.
double ble_packet_airtime_us(const BleRadioParams& ble, int ll_payload_bytes);

// Bits of that packet a receiver must decode without error: the whole packet
// on 1M and 2M; on the coded PHY every bit after the preamble (the coding
// indicator and terminators included), counted before coding.
long ble_packet_bits(const BleRadioParams& ble, int ll_payload_bytes);

// The same for an advertising-channel packet with `adv_payload_bytes` (no
// MIC). On the coded PHY this is the primary-channel extended advertising PDU
// alone; its auxiliary packet is not modelled.
double ble_adv_packet_airtime_us(const BleRadioParams& ble, int adv_payload_bytes);
long ble_adv_packet_bits(const BleRadioParams& ble, int adv_payload_bytes);

// The receiver's noise bandwidth: 2 MHz on LE 2M, 1 MHz on LE 1M and Coded
// (1 Msym/s; the coding gain shows in the profile's sensitivity).
double ble_noise_bandwidth_hz(const BleRadioParams& ble);

// Calls `packet(ll_payload_bytes)` for each packet a tensor of
// `payload_bytes` is cut into, in order: ATT PDUs of at most att_mtu bytes,
// each behind its L2CAP header, fragmented over LL payloads of at most
// ll_payload_max_bytes. Nothing is allocated (the solver costs every
// candidate this way).
template <class Packet>
void for_each_ll_payload(const BleRadioParams& ble, long payload_bytes, Packet&& packet) {
  const long att_data = ble.att_mtu - ble.att_header_bytes;
  for (long left = payload_bytes; left > 0; left -= att_data) {
    const long pdu = (left < att_data ? left : att_data) + ble.att_header_bytes + ble.l2cap_header_bytes;
    for (long fragment = pdu; fragment > 0; fragment -= ble.ll_payload_max_bytes)
      packet(static_cast<int>(fragment < ble.ll_payload_max_bytes ? fragment : ble.ll_payload_max_bytes));
  }
}

// The same cut as a list: the LL payload of each packet.
std::vector<int> ble_ll_payloads(const BleRadioParams& ble, long payload_bytes);

// How early the peripheral opens its receiver before an anchor: the drift
// both sleep clocks may have accumulated over the longest gap between the
// anchors it listens to (one interval, or 1 + latency of them when idle),
// plus the profile's margin. 0 without the central's packets on the air.
double ble_window_widening_us(const BleRadioParams& ble);

// Time from the start of an event's work (CPU, crystal, ramp-up, widened
// receive window) to its anchor.
double ble_event_lead_us(const BleRadioParams& ble);

// Time from a connection event's anchor that one link may use when
// `links_sharing_central` links share the central's interval: the interval (or
// the maximum event length) split evenly, less one ramp-up so the radio can
// re-tune before the next event starts; and no more than leaves the
// peripheral time for its post-event work and the next event's lead.
double ble_event_budget_us(const BleRadioParams& ble, int links_sharing_central = 1);

// Air time from the anchor to the end of the first exchange with a full
// packet: the shortest event that can carry data at all.
double ble_first_exchange_us(const BleRadioParams& ble);

}  // namespace fognas
