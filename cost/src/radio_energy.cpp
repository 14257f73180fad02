#include "fognas/cost/radio_energy.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fognas {

double ble_activity_energy_mj(const BleRadioParams& ble, double tx_us, double rx_us, double idle_us, double ramp_us,
                              double xtal_us, double cpu_us) {
  const double charge_nc = ble.tx_current_ma * tx_us + ble.rx_current_ma * rx_us + ble.idle_current_ma * idle_us +
                           ble.ramp_current_ma * ramp_us + ble.hfxo_current_ma * xtal_us + ble.cpu_current_ma * cpu_us;
  return charge_nc * ble.supply_v * 1e-6 / ble.dcdc_efficiency;
}

BleTransfer predict_ble_transfer(const BleRadioParams& ble, long payload_bytes, int links_sharing_central) {
  BleTransfer t;
  if (payload_bytes <= 0) return t;
  const double budget_us = ble_event_budget_us(ble, links_sharing_central);
  const double empty_us = ble.empty_acks ? ble_packet_airtime_us(ble, 0) : 0.0;
  const double widening_us = ble_window_widening_us(ble);
  // Bytes on the air: the bits a receiver decodes (ble_packet_bits), over 8.
  const long empty_bytes = ble.empty_acks ? ble_packet_bits(ble, 0) / 8 : 0;
  const double full_tx_us = ble_packet_airtime_us(ble, ble.ll_payload_max_bytes);
  double event_us = 0;  // time since the current event's anchor
  bool in_event = false;
  long air_bytes = 0;   // of the data packets
  // Greedy packing, packet by packet, exactly as the link layer fills events:
  // a packet goes into the current event only if its exchange ends within the
  // budget.
  auto add_packet = [&](int ll) {
    const double tx_us = ll == ble.ll_payload_max_bytes ? full_tx_us : ble_packet_airtime_us(ble, ll);
    // Continuing: T_IFS, the central's ack, T_IFS, our packet (no ack: T_IFS, packet).
    const double more_us = ble.empty_acks ? 2 * ble.t_ifs_us + empty_us + tx_us : ble.t_ifs_us + tx_us;
    if (in_event && event_us + more_us <= budget_us) {
      event_us += more_us;
      t.rx_us += empty_us;
      t.idle_us += ble.empty_acks ? 2 * ble.t_ifs_us : ble.t_ifs_us;
    } else {
      // A new event: ramp-up, the central's opening packet, T_IFS, our packet.
      const double first_us = ble.empty_acks ? empty_us + ble.t_ifs_us + tx_us : tx_us;
      if (first_us > budget_us)
        throw std::invalid_argument("a connection event is too short for one exchange with a full packet");
      ++t.events;
      event_us = first_us;
      in_event = true;
      t.ramp_us += ble.ramp_up_us;
      t.xtal_us += ble.hfxo_startup_us;
      t.cpu_us += ble.cpu_pre_event_us + ble.cpu_post_event_us;
      t.rx_us += empty_us + widening_us;
      t.idle_us += ble.empty_acks ? ble.t_ifs_us : 0.0;
    }
    t.tx_us += tx_us;
    t.overhead_bytes += empty_bytes;
    air_bytes += ble_packet_bits(ble, ll) / 8;
    ++t.packets;
  };
  for_each_ll_payload(ble, payload_bytes, add_packet);
  t.overhead_bytes += air_bytes - payload_bytes;
  t.energy_mj = ble_activity_energy_mj(ble, t.tx_us, t.rx_us, t.idle_us, t.ramp_us, t.xtal_us, t.cpu_us);
  return t;
}

BleIdleEvent predict_ble_idle_event(const BleRadioParams& ble) {
  BleIdleEvent e;
  if (!ble.empty_acks) return e;  // the central's packets are not modelled: nothing happens
  e.cpu_us = ble.cpu_pre_event_us + ble.cpu_post_event_us;
  e.xtal_us = ble.hfxo_startup_us;
  e.ramp_us = ble.ramp_up_us;
  e.rx_us = ble_window_widening_us(ble) + ble_packet_airtime_us(ble, 0);
  e.idle_us = ble.t_ifs_us;
  e.tx_us = ble_packet_airtime_us(ble, 0);
  e.energy_mj = ble_activity_energy_mj(ble, e.tx_us, e.rx_us, e.idle_us, e.ramp_us, e.xtal_us, e.cpu_us);
  return e;
}

double ble_link_upkeep_power_mw(const BleRadioParams& ble) {
  const double period_us = 1000.0 * ble.conn_interval_ms * (1 + ble.peripheral_latency);
  const BleIdleEvent e = predict_ble_idle_event(ble);
  const double sleep_mj =
      ble.sleep_current_ua * 1e-3 * (period_us - e.duration_us()) * ble.supply_v * 1e-6 / ble.dcdc_efficiency;
  return (e.energy_mj + sleep_mj) / (period_us * 1e-6);  // mJ per s = mW
}

double ble_upkeep_per_window_mj(const BleRadioParams& ble, double window_s, const BleTransfer& transfer) {
  const double interval_s = 1e-3 * ble.conn_interval_ms;
  // Anchors the transfer does not use; an idle link listens at every
  // (1 + latency)-th of them.
  const double free_anchors = std::max(0.0, window_s / interval_s - static_cast<double>(transfer.events));
  const double idle_events = free_anchors / (1 + ble.peripheral_latency);
  const BleIdleEvent e = predict_ble_idle_event(ble);
  const double awake_us = idle_events * e.duration_us() + transfer.awake_us();
  const double sleep_mj =
      ble.sleep_current_ua * 1e-3 * std::max(0.0, window_s * 1e6 - awake_us) * ble.supply_v * 1e-6 / ble.dcdc_efficiency;
  return idle_events * e.energy_mj + sleep_mj;
}

double per_bit_energy_mj(double energy_per_bit_nj, long payload_bytes) {
  return static_cast<double>(payload_bytes) * 8.0 * energy_per_bit_nj * 1e-6;
}

double tx_energy_mj(const RadioProfile& radio, long payload_bytes) {
  if (radio.model == RadioModel::PerBit) return per_bit_energy_mj(radio.energy_per_bit_nj, payload_bytes);
  return predict_ble_transfer(radio.ble, payload_bytes).energy_mj;
}

}  // namespace fognas
