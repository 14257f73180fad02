#pragma once
// Device profiles: the single source of truth read by the search, the partition
// solver and the simulator. Each lives in devices/<name>/profile.yaml.
#include <optional>
#include <string>

#include "fognas/devices/surrogate.h"

namespace fognas {

struct McuProfile {
  std::string name;
  std::string file;
  double flash_kb = 0;
  double ram_kb = 0;
  double supply_v = 3.3;
  double active_power_mw = 0;  // RUN while executing layers
  double sleep_power_mw = 0;   // between inferences
  Surrogate surrogate;

  double latency_ms(const Layer& layer) const { return surrogate.latency_ms(layer); }
  double energy_mj(const Layer& layer) const { return latency_ms(layer) * active_power_mw * 1e-3; }
};

// The LE PHY a radio uses (LePhy, not BlePhy: ns3::BlePhy is the simulated
// radio). LE 1M and 2M send every bit once; the LE Coded PHY (1 Msym/s)
// codes the packet after its preamble with S=2 or S=8 symbols per bit, for
// range.
enum class LePhy { Le1M, Le2M, LeCodedS2, LeCodedS8 };
// The PHY as profiles and reports spell it.
inline const char* to_string(LePhy phy) {
  switch (phy) {
    case LePhy::Le1M: return "1M";
    case LePhy::Le2M: return "2M";
    case LePhy::LeCodedS2: return "coded-s2";
    case LePhy::LeCodedS8: return "coded-s8";
  }
  return "?";
}
inline bool is_coded(LePhy phy) { return phy == LePhy::LeCodedS2 || phy == LePhy::LeCodedS8; }

// Link-layer and power parameters of a BLE radio (used by the protocol-aware
// predictor and the ns-3 model; ignored by the per-bit model).
struct BleRadioParams {
  LePhy phy = LePhy::Le1M;
  double supply_v = 3.0;
  double tx_current_ma = 0;
  double rx_current_ma = 0;
  double idle_current_ma = 0;   // radio on between packets inside an event (T_IFS)
  double ramp_current_ma = 0;   // while the radio ramps up before an event
  double sleep_current_ua = 0;  // radio off between events
  // The regulator between the battery and the radio: the battery gives
  // current x supply_v / dcdc_efficiency (1: an ideal one, I = P / V).
  double dcdc_efficiency = 1;
  double ramp_up_us = 0;
  double tx_power_dbm = 0;
  double rx_sensitivity_dbm = -95;
  double noise_figure_db = 6;
  int ll_payload_max_bytes = 251;
  int preamble_bytes = 1;         // 1M and 2M; the coded PHY's preamble is a fixed 80 us
  int access_address_bytes = 4;
  int header_bytes = 2;
  int crc_bytes = 3;
  int mic_bytes = 4;              // 0 when the link is not encrypted
  // A tensor goes out as ATT PDUs (a write without response or a notification:
  // a 3-byte header and at most att_mtu - 3 bytes of data), each an L2CAP SDU
  // behind a 4-byte header, fragmented over LL payloads of at most
  // ll_payload_max_bytes. MTU 247 with 251-byte payloads fills one packet per PDU.
  int att_mtu = 247;
  int att_header_bytes = 3;
  int l2cap_header_bytes = 4;
  double t_ifs_us = 150;
  bool empty_acks = true;         // the central acknowledges with empty packets
  double conn_interval_ms = 30;
  int peripheral_latency = 0;
  double max_event_length_ms = 0; // 0: no limit (the profile reader's default is 3.75, a common stack's)
  // Per-event work around the radio's own activity (0: not modelled). Before
  // each event the stack wakes the CPU and starts the high-frequency crystal;
  // after it the CPU processes what happened. Charged to the radio.
  double hfxo_startup_us = 0;     // crystal start-up before the radio ramps up
  double hfxo_current_ma = 0;     // drawn while the crystal starts
  double cpu_pre_event_us = 0;    // stack CPU work before the crystal starts
  double cpu_post_event_us = 0;   // stack CPU work after the event's last packet
  double cpu_current_ma = 0;      // drawn while the stack's CPU runs
  // Receive-window widening: the peripheral opens its receiver early by the
  // drift both sleep clocks may have accumulated since the last anchor, plus
  // a fixed margin for the timing jitter.
  double sleep_clock_ppm = 0;          // the peripheral's own sleep clock
  double central_sleep_clock_ppm = 0;  // the central's, as it declares it
  double rx_window_margin_us = 0;
  // Losing and making connections again. A connection whose ends have not
  // heard each other for the supervision timeout is dropped (0: never); the
  // peripheral then advertises on the three advertising channels every
  // advertising interval (plus the specification's random 0-10 ms), listening
  // after each PDU for a request, and the central scans one advertising
  // channel per scan interval for the scan window.
  double supervision_timeout_ms = 0;
  double adv_interval_ms = 100;
  int adv_payload_bytes = 21;     // advertiser address (6) + advertising data
  double adv_listen_us = 190;     // receiver on after each advertising PDU
  double scan_interval_ms = 100;
  double scan_window_ms = 100;
};

// Where a radio profile's per-event figures were checked against a measured
// idle connection event (absent: not calibrated).
struct RadioCalibration {
  bool calibrated = false;
  double idle_event_charge_uc = 0;  // measured charge of one idle event, sleep current excluded
  double supply_v = 0;              // at this supply
  double conn_interval_ms = 0;      // at this connection interval
  std::string source;               // where the figure comes from
};

enum class RadioModel {
  PerBit,  // the paper's analytic model: energy proportional to bits sent
  Ble,     // protocol-aware: packets, headers, acks, ramp-up, T_IFS
};

struct RadioProfile {
  std::string name;
  std::string file;
  RadioModel model = RadioModel::PerBit;
  double energy_per_bit_nj = 0;  // per-bit model
  BleRadioParams ble;            // protocol-aware model and simulator
  bool has_ble = false;          // whether the file gave BLE parameters
  RadioCalibration calibration;
  // What the currents stand for: "radio-only" (the radio alone; crystal, CPU
  // and regulator counted apart, once each), "system-level" (figures that
  // already hold the crystal and regulator), "ideal" (no real chip); "" when
  // the profile does not say. `current_sources` names the documents.
  std::string current_basis;
  std::string current_sources;
};

// A fog node as a physical device: how much faster than the wearable's MCU it
// runs the same layers, and what it draws while computing and while idle. The
// method's efficiency factor follows from these and the MCU's RUN power
// (fognas/cost/cost.h); a study that sweeps the factor sets the busy power.
struct FogProfile {
  std::string name;
  std::string file;
  double busy_power_mw = 0;         // while computing fog-side layers
  double idle_power_mw = 0;         // otherwise (shared among its jobs in reports)
  double relative_speed = 1;        // fog latency = MCU latency / speed
  double rx_energy_per_bit_nj = 0;  // receiving a tensor; the paper's tables use 0
  // The fog node's own radio (its profile's `radio:`, a name under devices/ or
  // a path beside the fog profile), whose currents and supply the simulation
  // charges for the fog node's side of each link; none: the wearables' radio.
  std::optional<RadioProfile> radio;
};

// The three profiles one edge-fog system is costed with.
struct DeviceModel {
  McuProfile mcu;
  RadioProfile radio;
  FogProfile fog;
};

}  // namespace fognas
