#include "fognas/devices/profile_json.h"

#include "fognas/common/manifest.h"

namespace fognas {

void to_json(nlohmann::json& j, const Surrogate& s) {
  nlohmann::json features = nlohmann::json::array();
  for (auto f : s.features) features.push_back(to_string(f));
  nlohmann::json per_kind = nlohmann::json::object();
  for (int k = 0; k < kSurrogateKinds; ++k)
    per_kind[to_string(static_cast<SurrogateKind>(k))] = s.latency_ms_per_unit[static_cast<size_t>(k)];
  j = {{"features", features}, {"latency_ms_per_unit", per_kind}, {"r2", s.r2}};
}

void to_json(nlohmann::json& j, const McuProfile& p) {
  j = {{"name", p.name},
       {"file", manifest_path(p.file)},
       {"flash_kb", p.flash_kb},
       {"ram_kb", p.ram_kb},
       {"supply_v", p.supply_v},
       {"active_power_mw", p.active_power_mw},
       {"sleep_power_mw", p.sleep_power_mw},
       {"surrogate", p.surrogate}};
}

void to_json(nlohmann::json& j, const BleRadioParams& b) {
  j = {{"phy", to_string(b.phy)},
       {"supply_v", b.supply_v},
       {"tx_current_ma", b.tx_current_ma},
       {"rx_current_ma", b.rx_current_ma},
       {"idle_current_ma", b.idle_current_ma},
       {"ramp_current_ma", b.ramp_current_ma},
       {"sleep_current_ua", b.sleep_current_ua},
       {"ramp_up_us", b.ramp_up_us},
       {"tx_power_dbm", b.tx_power_dbm},
       {"rx_sensitivity_dbm", b.rx_sensitivity_dbm},
       {"noise_figure_db", b.noise_figure_db},
       {"ll_payload_max_bytes", b.ll_payload_max_bytes},
       {"preamble_bytes", b.preamble_bytes},
       {"access_address_bytes", b.access_address_bytes},
       {"header_bytes", b.header_bytes},
       {"crc_bytes", b.crc_bytes},
       {"mic_bytes", b.mic_bytes},
       {"att_mtu", b.att_mtu},
       {"att_header_bytes", b.att_header_bytes},
       {"l2cap_header_bytes", b.l2cap_header_bytes},
       {"t_ifs_us", b.t_ifs_us},
       {"empty_acks", b.empty_acks},
       {"conn_interval_ms", b.conn_interval_ms},
       {"peripheral_latency", b.peripheral_latency},
       {"max_event_length_ms", b.max_event_length_ms},
       {"hfxo_startup_us", b.hfxo_startup_us},
       {"hfxo_current_ma", b.hfxo_current_ma},
       {"cpu_pre_event_us", b.cpu_pre_event_us},
       {"cpu_post_event_us", b.cpu_post_event_us},
       {"cpu_current_ma", b.cpu_current_ma},
       {"sleep_clock_ppm", b.sleep_clock_ppm},
       {"central_sleep_clock_ppm", b.central_sleep_clock_ppm},
       {"rx_window_margin_us", b.rx_window_margin_us},
       {"supervision_timeout_ms", b.supervision_timeout_ms},
       {"adv_interval_ms", b.adv_interval_ms},
       {"adv_payload_bytes", b.adv_payload_bytes},
       {"adv_listen_us", b.adv_listen_us},
       {"scan_interval_ms", b.scan_interval_ms},
       {"scan_window_ms", b.scan_window_ms}};
}

void to_json(nlohmann::json& j, const RadioProfile& p) {
  j = {{"name", p.name},
       {"file", manifest_path(p.file)},
       {"model", p.model == RadioModel::PerBit ? "per-bit" : "ble"},
       {"energy_per_bit_nj", p.energy_per_bit_nj}};
  j["ble"] = p.has_ble ? nlohmann::json(p.ble) : nlohmann::json(nullptr);
  if (p.calibration.calibrated)
    j["calibration"] = {{"idle_event_charge_uc", p.calibration.idle_event_charge_uc},
                        {"supply_v", p.calibration.supply_v},
                        {"conn_interval_ms", p.calibration.conn_interval_ms},
                        {"source", p.calibration.source}};
  else
    j["calibration"] = nullptr;
}

void to_json(nlohmann::json& j, const FogProfile& p) {
  j = {{"name", p.name},
       {"file", manifest_path(p.file)},
       {"busy_power_mw", p.busy_power_mw},
       {"idle_power_mw", p.idle_power_mw},
       {"relative_speed", p.relative_speed},
       {"rx_energy_per_bit_nj", p.rx_energy_per_bit_nj}};
  if (p.radio) j["radio"] = *p.radio;  // only where named: records of the others read as before
}

void to_json(nlohmann::json& j, const DeviceModel& m) { j = {{"mcu", m.mcu}, {"radio", m.radio}, {"fog", m.fog}}; }

}  // namespace fognas
