#pragma once
// Analytic prediction of the wearable's radio energy for sending one tensor.
// Both models read the same RadioProfile the simulator uses.
#include "fognas/devices/profiles.h"

namespace fognas {

// What the protocol-aware model expects one transfer to cost, from the
// peripheral's point of view (it sends data, the central acknowledges).
struct BleTransfer {
  long packets = 0;          // LL data packets
  long events = 0;           // connection events used
  long overhead_bytes = 0;   // on-air bytes that are not tensor data
  double tx_us = 0;
  double rx_us = 0;
  double idle_us = 0;        // T_IFS gaps with the radio on
  double ramp_us = 0;
  double energy_mj = 0;
};

BleTransfer predict_ble_transfer(const BleRadioParams& ble, long payload_bytes);

// Air time of one LL packet carrying `ll_payload_bytes` (0: an empty packet,
// which carries no MIC).
double ble_packet_airtime_us(const BleRadioParams& ble, int ll_payload_bytes);

// Energy the wearable spends to send `payload_bytes` under the profile's model.
double tx_energy_mj(const RadioProfile& radio, long payload_bytes);

// The paper's model, whatever the profile selects: bits x energy per bit.
double per_bit_energy_mj(double energy_per_bit_nj, long payload_bytes);

}  // namespace fognas
