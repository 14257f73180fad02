#include "fognas/devices/profile_io.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/ble_timing.h"

#ifndef FOGNAS_SOURCE_DEVICES_DIR
#define FOGNAS_SOURCE_DEVICES_DIR "devices"
#endif

namespace fognas {
namespace fs = std::filesystem;

std::string devices_dir() {
  if (const char* env = std::getenv("FOGNAS_DEVICES_DIR"); env && *env) return env;
  return FOGNAS_SOURCE_DEVICES_DIR;
}

std::string resolve_profile_path(const std::string& name_or_path) {
  if (name_or_path.empty()) throw InputError("profile", "empty profile name");
  if (path_is_file(name_or_path)) return name_or_path;
  // FOGNAS_DEVICES_DIR first, then the shipped profiles.
  for (const std::string& dir : {devices_dir(), std::string(FOGNAS_SOURCE_DEVICES_DIR)}) {
    const fs::path file = fs::path(dir) / name_or_path / "profile.yaml";
    if (path_is_file(file)) return file.string();
  }
  fs::path by_name = fs::path(devices_dir()) / name_or_path / "profile.yaml";
  if (path_is_folder(name_or_path))
    throw InputError(name_or_path, "is a folder, expected a profile file (YAML) or a profile name");
  throw InputError(name_or_path, fmt::format("no such profile (not a file, and no {})", by_name.string()));
}

namespace {

YamlMap open_profile(const std::string& text, const std::string& path, const std::string& expected_kind) {
  YamlMap m(load_yaml_string(text, path), path);
  std::string kind = m.text("kind");
  if (kind != expected_kind)
    throw InputError(m.where("kind"), fmt::format("this is a '{}' profile, expected '{}'", kind, expected_kind));
  return m;
}

double positive(const YamlMap& m, const std::string& key, double hi = 1e9) {
  double v = m.number(key);
  if (!(v > 0) || v > hi) throw InputError(m.where(key), fmt::format("must be > 0 and <= {}, got {}", hi, v));
  return v;
}

// A level in dBm within what BLE radios have: the Core specification allows
// -20 ... +20 dBm of output (-40 covers the lowest settings chips offer), and
// receivers' sensitivities lie well inside -130 ... -50 dBm.
double level_dbm(const YamlMap& m, const std::string& key, double fallback, double lo, double hi) {
  const double v = m.number(key, fallback);
  if (!(v >= lo && v <= hi)) throw InputError(m.where(key), fmt::format("must be {} ... {} dBm, got {}", lo, hi, v));
  return v;
}

// A byte count or similar small integer: range-checked before it becomes an int.
int small_count(const YamlMap& m, const std::string& key, long fallback) {
  const long v = m.integer(key, fallback);
  if (v < 0 || v > 65535) throw InputError(m.where(key), fmt::format("must be between 0 and 65535, got {}", v));
  return static_cast<int>(v);
}

double non_negative(const YamlMap& m, const std::string& key, double fallback, double hi = 1e9) {
  double v = m.number(key, fallback);
  if (v < 0 || v > hi) throw InputError(m.where(key), fmt::format("must be >= 0 and <= {}, got {}", hi, v));
  return v;
}

LePhy read_phy(const YamlMap& b) {
  const std::string phy = b.text("phy");
  for (LePhy known : {LePhy::Le1M, LePhy::Le2M, LePhy::LeCodedS2, LePhy::LeCodedS8})
    if (phy == to_string(known)) return known;
  throw InputError(b.where("phy"), fmt::format("unknown PHY '{}' (expected 1M, 2M, coded-s2 or coded-s8)", phy));
}

// Whether the event length, not the interval less the event's own work,
// is what bounds a lone link's event (so an error names the right key).
bool event_length_binds(const BleRadioParams& q) {
  if (q.max_event_length_ms <= 0) return false;
  BleRadioParams open = q;
  open.max_event_length_ms = 0;
  return ble_event_budget_us(q, 1) < ble_event_budget_us(open, 1);
}

// The limits the Bluetooth Core specification puts on a connection, so a
// profile cannot describe a link no controller would accept.
void validate_ble(const YamlMap& b, const BleRadioParams& q) {
  for (const char* key : {"preamble_bytes", "access_address_bytes", "header_bytes", "crc_bytes", "mic_bytes",
                          "att_header_bytes", "l2cap_header_bytes", "peripheral_latency"})
    if (b.integer(key, 0) < 0) throw InputError(b.where(key), "must be >= 0");
  // LE data length: the LL payload of a data PDU is 27 bytes without the Data
  // Length Extension and at most 251 with it, on every PHY.
  constexpr int kMaxLlPayloadBytes = 251;
  if (q.ll_payload_max_bytes > kMaxLlPayloadBytes)
    throw InputError(b.where("ll_payload_max_bytes"),
                     fmt::format("{} bytes is above the {} PHY's limit of {} bytes per LL payload",
                                 q.ll_payload_max_bytes, to_string(q.phy), kMaxLlPayloadBytes));
  if (q.ll_payload_max_bytes < 27)
    throw InputError(b.where("ll_payload_max_bytes"),
                     fmt::format("{} bytes is below the 27 bytes every BLE link supports", q.ll_payload_max_bytes));
  // The ATT MTU: at least 23 (the default every link starts with), at most 517.
  if (q.att_mtu < 23 || q.att_mtu > 517)
    throw InputError(b.where("att_mtu"), fmt::format("must be 23 ... 517 bytes, got {}", q.att_mtu));
  if (q.att_header_bytes >= q.att_mtu)
    throw InputError(b.where("att_header_bytes"), "leaves no room for data in an ATT PDU");
  if (q.mic_bytes != 0 && q.mic_bytes != 4)
    throw InputError(b.where("mic_bytes"), fmt::format("must be 0 (unencrypted) or 4, got {}", q.mic_bytes));
  // Connection interval: 7.5 ms to 4 s in steps of 1.25 ms.
  const double steps = q.conn_interval_ms / 1.25;
  if (q.conn_interval_ms < 7.5 || q.conn_interval_ms > 4000.0)
    throw InputError(b.where("conn_interval_ms"),
                     fmt::format("{} ms is outside the BLE range 7.5 ms - 4000 ms", q.conn_interval_ms));
  if (std::fabs(steps - std::round(steps)) > 1e-9)
    throw InputError(b.where("conn_interval_ms"),
                     fmt::format("{} ms is not a multiple of 1.25 ms", q.conn_interval_ms));
  if (q.peripheral_latency > 499)
    throw InputError(b.where("peripheral_latency"), fmt::format("{} is above the BLE maximum of 499", q.peripheral_latency));
  if (q.max_event_length_ms > q.conn_interval_ms)
    throw InputError(b.where("max_event_length_ms"), "must not exceed conn_interval_ms");
  const double budget_us = ble_event_budget_us(q, 1);
  if (ble_first_exchange_us(q) > budget_us)
    throw InputError(b.where(event_length_binds(q) ? "max_event_length_ms" : "conn_interval_ms"),
                     fmt::format("a connection event of {:.0f} us cannot carry one exchange with a full packet ({:.0f} us)",
                                 budget_us, ble_first_exchange_us(q)));
}

// The work around each connection event (crystal, stack CPU) and the clocks
// that set the receive window; all absent in a profile that does not model them.
void read_event_overheads(const YamlMap& b, BleRadioParams& q) {
  q.hfxo_startup_us = non_negative(b, "hfxo_startup_us", 0, 1e5);
  q.hfxo_current_ma = non_negative(b, "hfxo_current_ma", 0, 1e3);
  q.cpu_pre_event_us = non_negative(b, "cpu_pre_event_us", 0, 1e5);
  q.cpu_post_event_us = non_negative(b, "cpu_post_event_us", 0, 1e5);
  q.cpu_current_ma = non_negative(b, "cpu_current_ma", 0, 1e3);
  // The Core specification allows sleep clocks up to 500 ppm.
  q.sleep_clock_ppm = non_negative(b, "sleep_clock_ppm", 0, 500);
  q.central_sleep_clock_ppm = non_negative(b, "central_sleep_clock_ppm", 0, 500);
  q.rx_window_margin_us = non_negative(b, "rx_window_margin_us", 0, 1e4);
}

// A multiple of `step` (the specification's unit for the figure).
void check_steps(const YamlMap& b, const std::string& key, double v, double step, const char* unit) {
  if (std::fabs(v / step - std::round(v / step)) > 1e-9)
    throw InputError(b.where(key), fmt::format("{} ms is not a multiple of {} ({})", v, step, unit));
}

// Supervision, advertising and scanning, within the Core specification's
// limits. The supervision timeout must exceed twice the longest gap between
// the anchors an idle peripheral listens at, (1 + latency) x interval.
void read_connection_life(const YamlMap& b, BleRadioParams& q) {
  q.supervision_timeout_ms = non_negative(b, "supervision_timeout_ms", 0, 32000);
  if (b.has("supervision_timeout_ms")) {
    const double t = q.supervision_timeout_ms, gap = (1.0 + q.peripheral_latency) * q.conn_interval_ms;
    if (t < 100)
      throw InputError(b.where("supervision_timeout_ms"),
                       fmt::format("{} ms is outside the BLE range 100 ms - 32000 ms", t));
    check_steps(b, "supervision_timeout_ms", t, 10, "10 ms units");
    if (t <= 2 * gap)
      throw InputError(b.where("supervision_timeout_ms"),
                       fmt::format("{} ms must exceed 2 x (1 + peripheral_latency) x conn_interval_ms = {} ms", t,
                                   2 * gap));
    if (!q.empty_acks)
      throw InputError(b.where("supervision_timeout_ms"), "needs empty_acks: true (idle links are heard by them)");
  }
  q.adv_interval_ms = non_negative(b, "adv_interval_ms", q.adv_interval_ms, 10240);
  if (q.adv_interval_ms < 20)
    throw InputError(b.where("adv_interval_ms"), fmt::format("{} ms is outside the BLE range 20 ms - 10240 ms",
                                                             q.adv_interval_ms));
  check_steps(b, "adv_interval_ms", q.adv_interval_ms, 0.625, "0.625 ms units");
  q.adv_payload_bytes = small_count(b, "adv_payload_bytes", q.adv_payload_bytes);
  if (q.adv_payload_bytes < 6 || q.adv_payload_bytes > 37)
    throw InputError(b.where("adv_payload_bytes"),
                     fmt::format("must be 6 (the advertiser's address) to 37 bytes, got {}", q.adv_payload_bytes));
  q.adv_listen_us = non_negative(b, "adv_listen_us", q.adv_listen_us, 1e4);
  q.scan_interval_ms = non_negative(b, "scan_interval_ms", q.scan_interval_ms, 10240);
  if (q.scan_interval_ms < 2.5)
    throw InputError(b.where("scan_interval_ms"), fmt::format("{} ms is outside the BLE range 2.5 ms - 10240 ms",
                                                              q.scan_interval_ms));
  check_steps(b, "scan_interval_ms", q.scan_interval_ms, 0.625, "0.625 ms units");
  q.scan_window_ms = non_negative(b, "scan_window_ms", q.scan_interval_ms, 10240);
  if (q.scan_window_ms < 2.5 || q.scan_window_ms > q.scan_interval_ms)
    throw InputError(b.where("scan_window_ms"),
                     fmt::format("must lie between 2.5 ms and scan_interval_ms ({} ms), got {}", q.scan_interval_ms,
                                 q.scan_window_ms));
  check_steps(b, "scan_window_ms", q.scan_window_ms, 0.625, "0.625 ms units");
}

RadioCalibration read_calibration(const YamlMap& c) {
  RadioCalibration out;
  out.calibrated = true;
  out.idle_event_charge_uc = positive(c, "idle_event_charge_uc", 1e6);
  out.supply_v = positive(c, "supply_v", 100);
  out.conn_interval_ms = positive(c, "conn_interval_ms", 4000);
  out.source = c.text("source");
  c.reject_unknown_keys();
  return out;
}

Surrogate read_surrogate(const YamlMap& s) {
  Surrogate out;
  for (const auto& name : s.texts("features")) {
    try {
      out.features.push_back(surrogate_feature_from_string(name));
    } catch (const std::invalid_argument& e) {
      throw InputError(s.where("features"), e.what());
    }
  }
  if (out.features.empty()) throw InputError(s.where("features"), "give at least one feature");
  out.source = s.file();
  out.r2 = s.number("r2", 0.0);
  YamlMap coef = s.map("latency_ms_per_unit");
  for (const auto& kind_name : coef.keys()) {
    SurrogateKind kind;
    try {
      kind = surrogate_kind_from_string(kind_name);
    } catch (const std::invalid_argument& e) {
      throw InputError(coef.where(kind_name), e.what());
    }
    YamlMap per_kind = coef.map(kind_name);
    auto& dst = out.latency_ms_per_unit[static_cast<size_t>(kind)];
    dst.assign(out.features.size(), 0.0);
    // Every feature needs its coefficient, none may be negative (a layer would
    // cost negative energy), and a layer type must cost something.
    bool any_positive = false;
    for (size_t i = 0; i < out.features.size(); ++i) {
      const std::string feature = to_string(out.features[i]);
      dst[i] = per_kind.number(feature);
      if (dst[i] < 0)
        throw InputError(per_kind.where(feature),
                         fmt::format("a surrogate coefficient must be >= 0, got {}", dst[i]));
      any_positive = any_positive || dst[i] > 0;
    }
    if (!any_positive)
      throw InputError(coef.where(kind_name),
                       fmt::format("every coefficient of {} layers is 0: such layers would cost no time or energy",
                                   kind_name));
    per_kind.reject_unknown_keys();
  }
  coef.reject_unknown_keys();
  s.text("calibration", "");  // provenance only
  s.reject_unknown_keys();
  return out;
}

}  // namespace

McuProfile load_mcu_profile(const std::string& name_or_path) {
  const std::string path = resolve_profile_path(name_or_path);
  return parse_mcu_profile(read_file(path, kMaxYamlBytes), path);
}

McuProfile parse_mcu_profile(const std::string& text, const std::string& path) {
  YamlMap m = open_profile(text, path, "mcu");
  McuProfile p;
  p.file = m.file();
  p.name = m.text("name");
  p.flash_kb = positive(m, "flash_kb");
  p.ram_kb = positive(m, "ram_kb");
  p.supply_v = positive(m, "supply_v", 100);
  p.active_power_mw = positive(m, "active_power_mw", 1e5);
  p.sleep_power_mw = non_negative(m, "sleep_power_mw", 0.0, 1e5);
  m.text("description", "");
  p.surrogate = read_surrogate(m.map("surrogate"));
  m.reject_unknown_keys();
  return p;
}

RadioProfile load_radio_profile(const std::string& name_or_path) {
  const std::string path = resolve_profile_path(name_or_path);
  return parse_radio_profile(read_file(path, kMaxYamlBytes), path);
}

RadioProfile parse_radio_profile(const std::string& text, const std::string& path) {
  YamlMap m = open_profile(text, path, "radio");
  RadioProfile p;
  p.file = m.file();
  p.name = m.text("name");
  m.text("description", "");
  std::string model = m.text("model");
  if (model == "per-bit") {
    p.model = RadioModel::PerBit;
    p.energy_per_bit_nj = positive(m, "energy_per_bit_nj", 1e6);
  } else if (model == "ble") {
    p.model = RadioModel::Ble;
  } else {
    throw InputError(m.where("model"), fmt::format("unknown radio model '{}' (expected per-bit or ble)", model));
  }
  if (m.has("ble")) {
    YamlMap b = m.map("ble");
    BleRadioParams& q = p.ble;
    p.has_ble = true;
    q.phy = read_phy(b);
    q.supply_v = positive(b, "supply_v", 100);
    q.tx_current_ma = positive(b, "tx_current_ma", 1000);
    q.rx_current_ma = positive(b, "rx_current_ma", 1000);
    q.idle_current_ma = non_negative(b, "idle_current_ma", 0, 1000);
    q.ramp_current_ma = non_negative(b, "ramp_current_ma", 0, 1000);
    q.sleep_current_ua = non_negative(b, "sleep_current_ua", 0, 1e6);
    q.dcdc_efficiency = b.number("dcdc_efficiency", 1);
    if (!(q.dcdc_efficiency > 0 && q.dcdc_efficiency <= 1))
      throw InputError(b.where("dcdc_efficiency"), fmt::format("must be > 0 and <= 1, got {}", q.dcdc_efficiency));
    q.ramp_up_us = non_negative(b, "ramp_up_us", 0, 1e5);
    q.tx_power_dbm = level_dbm(b, "tx_power_dbm", 0, -40, 20);
    q.rx_sensitivity_dbm = level_dbm(b, "rx_sensitivity_dbm", -95, -130, -50);
    q.noise_figure_db = non_negative(b, "noise_figure_db", 6, 50);
    q.ll_payload_max_bytes = small_count(b, "ll_payload_max_bytes", 251);
    if (is_coded(q.phy) && b.has("preamble_bytes"))
      throw InputError(b.where("preamble_bytes"), "does not apply to the coded PHY, whose preamble is a fixed 80 us");
    q.preamble_bytes = small_count(b, "preamble_bytes", q.phy == LePhy::Le2M ? 2 : 1);
    q.access_address_bytes = small_count(b, "access_address_bytes", 4);
    q.header_bytes = small_count(b, "header_bytes", 2);
    q.crc_bytes = small_count(b, "crc_bytes", 3);
    q.mic_bytes = small_count(b, "mic_bytes", 4);
    if (b.has("l2cap_att_header_bytes"))
      throw InputError(b.where("l2cap_att_header_bytes"),
                       "is no longer read: give the stack's ATT MTU as 'att_mtu' (23 ... 517; 247 sends the same "
                       "7 bytes of L2CAP and ATT header per 251-byte packet)");
    q.att_mtu = small_count(b, "att_mtu", 247);
    q.att_header_bytes = small_count(b, "att_header_bytes", 3);
    q.l2cap_header_bytes = small_count(b, "l2cap_header_bytes", 4);
    q.t_ifs_us = non_negative(b, "t_ifs_us", 150, 1e4);
    q.empty_acks = b.flag("empty_acks", true);
    q.conn_interval_ms = positive(b, "conn_interval_ms");
    q.peripheral_latency = small_count(b, "peripheral_latency", 0);
    // Default: Nordic's SoftDevices' connection event length (3 units of
    // 1.25 ms); 0 lets an event run for the link's whole share of the interval.
    q.max_event_length_ms = non_negative(b, "max_event_length_ms", 3.75);
    read_event_overheads(b, q);
    validate_ble(b, q);
    read_connection_life(b, q);
    b.reject_unknown_keys();
  }
  if (p.model == RadioModel::Ble && !p.has_ble)
    throw InputError(location(p.file), "radio model 'ble' needs a 'ble' section");
  if (m.has("calibration")) {
    if (!p.has_ble) throw InputError(m.where("calibration"), "a calibration needs a 'ble' section to calibrate");
    p.calibration = read_calibration(m.map("calibration"));
  }
  p.current_basis = m.text("current_basis", "");
  if (!p.current_basis.empty() && p.current_basis != "radio-only" && p.current_basis != "system-level" &&
      p.current_basis != "ideal")
    throw InputError(m.where("current_basis"),
                     fmt::format("'{}' is not one of: radio-only, system-level, ideal", p.current_basis));
  p.current_sources = m.text("current_sources", "");
  m.reject_unknown_keys();
  return p;
}

namespace {

// The radio a fog profile names: beside the fog profile first, then as any
// profile name or path. Its errors are reported under the fog profile's key.
RadioProfile fog_radio_profile(const YamlMap& m, const std::string& fog_path) {
  const std::string ref = m.text("radio");
  if (ref.empty()) throw InputError(m.where("radio"), "must name a radio profile (a name under devices/ or a YAML path)");
  const fs::path beside = fs::path(fog_path).parent_path() / ref;
  const std::string resolved = !fs::path(ref).is_absolute() && path_is_file(beside) ? beside.string() : ref;
  try {
    return load_radio_profile(resolved);
  } catch (const InputError& e) {
    throw InputError(m.where("radio"), e.what());
  }
}

}  // namespace

FogProfile load_fog_profile(const std::string& name_or_path) {
  const std::string path = resolve_profile_path(name_or_path);
  return parse_fog_profile(read_file(path, kMaxYamlBytes), path);
}

FogProfile parse_fog_profile(const std::string& text, const std::string& path) {
  YamlMap m = open_profile(text, path, "fog");
  m.allow_only({"kind", "name", "description", "busy_power_mw", "idle_power_mw", "relative_speed", "rx_energy_per_bit_nj",
                "radio"});
  FogProfile p;
  p.file = m.file();
  p.name = m.text("name");
  m.text("description", "");
  p.busy_power_mw = positive(m, "busy_power_mw", 1e7);
  p.idle_power_mw = non_negative(m, "idle_power_mw", 0, 1e7);
  // From a fog node a thousand times slower than the MCU to a million times
  // faster: a fog job's time (the MCU's over the speed) stays a time ns-3 can hold.
  p.relative_speed = m.number("relative_speed");
  if (!(p.relative_speed >= 1e-3 && p.relative_speed <= 1e6))
    throw InputError(m.where("relative_speed"), fmt::format("must be 1e-3 ... 1e6, got {}", p.relative_speed));
  p.rx_energy_per_bit_nj = non_negative(m, "rx_energy_per_bit_nj", 0, 1e6);
  if (m.has("radio")) p.radio = fog_radio_profile(m, path);
  m.reject_unknown_keys();
  return p;
}

DeviceModel load_device_model(const std::string& mcu, const std::string& radio, const std::string& fog) {
  return DeviceModel{load_mcu_profile(mcu), load_radio_profile(radio), load_fog_profile(fog)};
}

void read_device_names(const YamlMap& scenario, std::string& mcu, std::string& radio, std::string& fog) {
  if (!scenario.has("devices")) return;
  YamlMap d = scenario.map("devices");
  mcu = d.text("mcu", mcu);
  radio = d.text("radio", radio);
  fog = d.text("fog", fog);
  d.reject_unknown_keys();
}

std::string mcu_profile_yaml(const McuProfile& p, const std::string& calibration_note) {
  // Never write what load_mcu_profile would reject.
  for (auto [value, key] : {std::pair{p.flash_kb, "flash_kb"}, std::pair{p.ram_kb, "ram_kb"},
                            std::pair{p.supply_v, "supply_v"}, std::pair{p.active_power_mw, "active_power_mw"}})
    if (!std::isfinite(value) || !(value > 0)) throw InputError(key, fmt::format("must be finite and > 0, got {}", value));
  if (!std::isfinite(p.sleep_power_mw) || p.sleep_power_mw < 0)
    throw InputError("sleep_power_mw", fmt::format("must be finite and >= 0, got {}", p.sleep_power_mw));
  if (!std::isfinite(p.surrogate.r2)) throw InputError("surrogate r2", "is not a finite number");
  for (int k = 0; k < kSurrogateKinds; ++k)
    for (size_t i = 0; i < p.surrogate.latency_ms_per_unit[static_cast<size_t>(k)].size(); ++i) {
      const double c = p.surrogate.latency_ms_per_unit[static_cast<size_t>(k)][i];
      if (!std::isfinite(c) || c < 0)
        throw InputError(fmt::format("surrogate {} {}", to_string(static_cast<SurrogateKind>(k)),
                                     i < p.surrogate.features.size() ? to_string(p.surrogate.features[i]) : "?"),
                         fmt::format("coefficient {} is not finite and >= 0", c));
    }
  YAML::Emitter out;
  out.SetDoublePrecision(10);
  out << YAML::BeginMap;
  out << YAML::Key << "kind" << YAML::Value << "mcu";
  out << YAML::Key << "name" << YAML::Value << p.name;
  out << YAML::Key << "flash_kb" << YAML::Value << p.flash_kb;
  out << YAML::Key << "ram_kb" << YAML::Value << p.ram_kb;
  out << YAML::Key << "supply_v" << YAML::Value << p.supply_v;
  out << YAML::Key << "active_power_mw" << YAML::Value << p.active_power_mw;
  out << YAML::Key << "sleep_power_mw" << YAML::Value << p.sleep_power_mw;
  out << YAML::Key << "surrogate" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "calibration" << YAML::Value << calibration_note;
  out << YAML::Key << "r2" << YAML::Value << p.surrogate.r2;
  out << YAML::Key << "features" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (auto f : p.surrogate.features) out << to_string(f);
  out << YAML::EndSeq;
  out << YAML::Key << "latency_ms_per_unit" << YAML::Value << YAML::BeginMap;
  for (int k = 0; k < kSurrogateKinds; ++k) {
    const auto& coef = p.surrogate.latency_ms_per_unit[static_cast<size_t>(k)];
    if (coef.empty()) continue;
    out << YAML::Key << to_string(static_cast<SurrogateKind>(k)) << YAML::Value << YAML::BeginMap;
    for (size_t i = 0; i < p.surrogate.features.size(); ++i)
      out << YAML::Key << to_string(p.surrogate.features[i]) << YAML::Value << coef[i];
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace fognas
