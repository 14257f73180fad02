// Maps a radio profile onto the BLE module's Attributes (see the header).
#include "ble_profile_attributes.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace fognas::sim {
namespace {
ns3::Time RoundedTime(double seconds) { return ns3::NanoSeconds(static_cast<int64_t>(std::llround(seconds * 1e9))); }

ns3::BlePhyMode sim_phy(LePhy phy) {
  switch (phy) {
    case LePhy::Le1M: return ns3::BLE_PHY_1M;
    case LePhy::Le2M: return ns3::BLE_PHY_2M;
    case LePhy::LeCodedS2: return ns3::BLE_PHY_CODED_S2;
    case LePhy::LeCodedS8: return ns3::BLE_PHY_CODED_S8;
  }
  return ns3::BLE_PHY_1M;
}
}  // namespace

void SetBleLinkAttributes(ns3::BleHelper& helper, const BleRadioParams& b, bool closedForm) {
  helper.SetLinkLayerAttribute("ConnectionInterval", ns3::TimeValue(RoundedTime(b.conn_interval_ms * 1e-3)));
  helper.SetLinkLayerAttribute("PeripheralLatency", ns3::UintegerValue(static_cast<uint32_t>(b.peripheral_latency)));
  helper.SetPhyAttribute("Mode", ns3::EnumValue(sim_phy(b.phy)));
  helper.SetLinkLayerAttribute("LlPayloadMaxBytes", ns3::UintegerValue(static_cast<uint32_t>(b.ll_payload_max_bytes)));
  helper.SetPhyAttribute("PreambleBytes", ns3::UintegerValue(static_cast<uint32_t>(b.preamble_bytes)));
  helper.SetPhyAttribute("AccessAddressBytes", ns3::UintegerValue(static_cast<uint32_t>(b.access_address_bytes)));
  helper.SetLinkLayerAttribute("HeaderBytes", ns3::UintegerValue(static_cast<uint32_t>(b.header_bytes)));
  helper.SetPhyAttribute("CrcBytes", ns3::UintegerValue(static_cast<uint32_t>(b.crc_bytes)));
  helper.SetLinkLayerAttribute("MicBytes", ns3::UintegerValue(static_cast<uint32_t>(b.mic_bytes)));
  helper.SetLinkLayerAttribute("AttMtu", ns3::UintegerValue(static_cast<uint32_t>(b.att_mtu)));
  helper.SetLinkLayerAttribute("AttHeaderBytes", ns3::UintegerValue(static_cast<uint32_t>(b.att_header_bytes)));
  helper.SetLinkLayerAttribute("L2capHeaderBytes", ns3::UintegerValue(static_cast<uint32_t>(b.l2cap_header_bytes)));
  helper.SetLinkLayerAttribute("Tifs", ns3::TimeValue(RoundedTime(b.t_ifs_us * 1e-6)));
  helper.SetLinkLayerAttribute("EmptyAcks", ns3::BooleanValue(b.empty_acks));
  helper.SetLinkLayerAttribute("MaxEventLength", ns3::TimeValue(RoundedTime(b.max_event_length_ms * 1e-3)));
  helper.SetLinkLayerAttribute("RampUpTime", ns3::TimeValue(RoundedTime(b.ramp_up_us * 1e-6)));
  helper.SetLinkLayerAttribute("HfxoStartupTime", ns3::TimeValue(RoundedTime(b.hfxo_startup_us * 1e-6)));
  helper.SetLinkLayerAttribute("CpuPreEventTime", ns3::TimeValue(RoundedTime(b.cpu_pre_event_us * 1e-6)));
  helper.SetLinkLayerAttribute("CpuPostEventTime", ns3::TimeValue(RoundedTime(b.cpu_post_event_us * 1e-6)));
  helper.SetLinkLayerAttribute("SleepClockPpm", ns3::DoubleValue(b.sleep_clock_ppm));
  helper.SetLinkLayerAttribute("CentralSleepClockPpm", ns3::DoubleValue(b.central_sleep_clock_ppm));
  helper.SetLinkLayerAttribute("RxWindowMargin", ns3::TimeValue(RoundedTime(b.rx_window_margin_us * 1e-6)));
  helper.SetPhyAttribute("TxPowerDbm", ns3::DoubleValue(b.tx_power_dbm));
  helper.SetPhyAttribute("RxSensitivityDbm", ns3::DoubleValue(b.rx_sensitivity_dbm));
  helper.SetPhyAttribute("NoiseFigureDb", ns3::DoubleValue(b.noise_figure_db));
  helper.SetLinkLayerAttribute("IdleEventsInClosedForm", ns3::BooleanValue(closedForm));
  helper.SetLinkLayerAttribute("SupervisionTimeout", ns3::TimeValue(RoundedTime(b.supervision_timeout_ms * 1e-3)));
  helper.SetLinkLayerAttribute("AdvInterval", ns3::TimeValue(RoundedTime(b.adv_interval_ms * 1e-3)));
  helper.SetLinkLayerAttribute("AdvPayloadBytes", ns3::UintegerValue(static_cast<uint32_t>(b.adv_payload_bytes)));
  helper.SetLinkLayerAttribute("AdvListenTime", ns3::TimeValue(RoundedTime(b.adv_listen_us * 1e-6)));
  helper.SetLinkLayerAttribute("ScanInterval", ns3::TimeValue(RoundedTime(b.scan_interval_ms * 1e-3)));
  helper.SetLinkLayerAttribute("ScanWindow", ns3::TimeValue(RoundedTime(b.scan_window_ms * 1e-3)));
}

void SetBleRadioEnergyAttributes(ns3::BleRadioEnergyModelHelper& helper, const BleRadioParams& ble) {
  helper.Set("SleepCurrentA", ns3::DoubleValue(ble.sleep_current_ua * 1e-6));
  helper.Set("RampCurrentA", ns3::DoubleValue(ble.ramp_current_ma * 1e-3));
  helper.Set("TxCurrentA", ns3::DoubleValue(ble.tx_current_ma * 1e-3));
  helper.Set("RxCurrentA", ns3::DoubleValue(ble.rx_current_ma * 1e-3));
  helper.Set("IdleCurrentA", ns3::DoubleValue(ble.idle_current_ma * 1e-3));
  helper.Set("XtalCurrentA", ns3::DoubleValue(ble.hfxo_current_ma * 1e-3));
  helper.Set("CpuCurrentA", ns3::DoubleValue(ble.cpu_current_ma * 1e-3));
  helper.Set("SupplyVoltageV", ns3::DoubleValue(ble.supply_v));
  helper.Set("DcDcEfficiency", ns3::DoubleValue(ble.dcdc_efficiency));
}

}  // namespace fognas::sim
