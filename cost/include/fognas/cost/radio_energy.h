#pragma once
// Analytic prediction of the wearable's radio energy for sending one tensor.
// Both models read the same RadioProfile the simulator uses.
//
// The protocol-aware model follows the link layer the simulator implements
// (docs/simulation.md): a tensor is cut into ATT PDUs of at most the ATT MTU,
// each behind its L2CAP header and fragmented into LL packets of at most
// ll_payload_max_bytes; they are sent in
// connection events that open with the central's (empty) packet, the
// peripheral answers with a data packet, and every further data packet follows
// the central's empty acknowledgement of the previous one, T_IFS apart. The ack
// of an event's last packet rides on the next event's opening packet, which the
// link pays for anyway (an idle event), so it is not part of the transfer.
//
// Every event, with data or not, also costs what the stack does around the
// radio: CPU work before it, the crystal's start-up, the receive window opened
// early by the sleep clocks' possible drift, and CPU work after it
// (BleRadioParams; all 0 in a profile that does not model them).
#include <vector>

#include "fognas/devices/ble_timing.h"
#include "fognas/devices/profiles.h"

namespace fognas {

// What the protocol-aware model expects one transfer to cost, from the
// peripheral's point of view (it sends data, the central acknowledges).
struct BleTransfer {
  long packets = 0;          // LL data packets
  long events = 0;           // connection events used
  long overhead_bytes = 0;   // on-air bytes that are not tensor data (both directions)
  double tx_us = 0;
  double rx_us = 0;
  double idle_us = 0;        // T_IFS gaps with the radio on
  double ramp_us = 0;
  double xtal_us = 0;        // crystal start-up before each event
  double cpu_us = 0;         // the stack's CPU work around each event
  double energy_mj = 0;
  double awake_us() const { return tx_us + rx_us + idle_us + ramp_us + xtal_us + cpu_us; }
};

// Energy of radio activity: mA x us = nC, x V = nJ, x 1e-6 = mJ.
double ble_activity_energy_mj(const BleRadioParams& ble, double tx_us, double rx_us, double idle_us, double ramp_us,
                              double xtal_us = 0, double cpu_us = 0);

BleTransfer predict_ble_transfer(const BleRadioParams& ble, long payload_bytes, int links_sharing_central = 1);

// One connection event without data: CPU work, crystal start-up, ramp-up,
// the widened receive window and the central's empty packet, T_IFS, the
// peripheral's empty reply, CPU work (nothing at all without empty acks).
struct BleIdleEvent {
  double ramp_us = 0, rx_us = 0, idle_us = 0, tx_us = 0, xtal_us = 0, cpu_us = 0;
  double duration_us() const { return ramp_us + rx_us + idle_us + tx_us + xtal_us + cpu_us; }
  double energy_mj = 0;
  // Charge drawn at the radio's supply (uC).
  double charge_uc(const BleRadioParams& ble) const { return 1e3 * energy_mj / ble.supply_v; }
};
BleIdleEvent predict_ble_idle_event(const BleRadioParams& ble);

// Mean power of a connected link with nothing to send: an idle event every
// (1 + peripheral_latency) intervals, the radio asleep in between.
double ble_link_upkeep_power_mw(const BleRadioParams& ble);

// Energy of the link outside the transfer's events over one window of
// `window_s` seconds in which one `transfer` is sent: the idle events at the
// anchors the transfer's events leave free, and the radio asleep whenever no
// event runs. Exact on average for peripheral latency 0; with latency the
// phase of the skipped anchors matters and this is the mean.
double ble_upkeep_per_window_mj(const BleRadioParams& ble, double window_s, const BleTransfer& transfer);

// Energy the wearable spends to send `payload_bytes` under the profile's model.
double tx_energy_mj(const RadioProfile& radio, long payload_bytes);

// The paper's model, whatever the profile selects: bits x energy per bit.
double per_bit_energy_mj(double energy_per_bit_nj, long payload_bytes);

}  // namespace fognas
