// The bad-input corpus: every command and every reader fed values that are
// impossible, out of range, of the wrong kind, empty or corrupt. Each case runs
// the built binary and asserts that it exits with 1 (bad input) or 2 (usage),
// says so in one or two lines on stderr that name the argument, file, line or
// key, prints nothing on stdout and does not crash.
//
// Cases are data: a name, the arguments (shell syntax; @D is the folder the
// fixture files are written to), the exit status and a text the message must
// hold. A case that documents a reader bug not yet fixed carries a skip reason.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "fognas/testing/run_fognas.h"
#include "writers.h"

namespace fognas {
namespace {
namespace fs = std::filesystem;
using testing::encode_16;
using testing::encode_212;
using testing::encode_atr;
using testing::encode_edf;
using testing::line_count;
using testing::run_fognas;
using testing::TestEdfSignal;
using testing::write_bytes;
using testing::write_text;

// ------------------------------------------------------------ fixture files

fs::path fixture_dir() {
  static const fs::path dir = fs::temp_directory_path() / ("fognas-badinput-" + std::to_string(::getpid()));
  return dir;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

const char* kSd1 = "--lengths 2048,128,8,64,2 --channels 1,1,4,2,1";

const std::string kMcu = R"(kind: mcu
name: test-mcu
flash_kb: 1024
ram_kb: 128
supply_v: 3.3
active_power_mw: 33
sleep_power_mw: 0.005
surrogate:
  r2: 0.99
  features: [macs]
  latency_ms_per_unit:
    conv:
      macs: 0.0008
    tconv:
      macs: 0.0008
    fc:
      macs: 0.0009
)";

const std::string kRadio = R"(kind: radio
name: test-radio
model: ble
ble:
  phy: 1M
  supply_v: 3.0
  tx_current_ma: 5.3
  rx_current_ma: 5.4
  ll_payload_max_bytes: 251
  conn_interval_ms: 7.5
)";

const std::string kFog = R"(kind: fog
name: test-fog
busy_power_mw: 66
relative_speed: 20
)";

const std::string kEvaluate = R"(name: bad-evaluate
out: @D/out-evaluate
factors: [10]
architectures:
  - name: sd1
    lengths: [2048, 128, 8, 64, 2]
    channels: [1, 1, 4, 2, 1]
)";

const std::string kSimulate = R"(name: bad-simulate
out: @D/out-simulate
factors: [10]
window_s: 4
duration_s: 8
architectures:
  - name: sd1
    lengths: [2048, 128, 8, 64, 2]
    channels: [1, 1, 4, 2, 1]
)";

const std::string kSearch = R"(name: bad-search
out: @D/out-search
factors: [10]
data:
  dataset: synthetic-eeg
  examples_per_class: 20
limits:
  energy_mj: 10
search:
  population: 2
  generations: 1
  genes: 2
training:
  epochs: 1
)";

const std::string kBest = R"({"lengths": [2048, 128, 8, 64, 2], "channels": [1, 1, 4, 2, 1], "partition_point": 3})";

const std::string kCsvHeader = "name,lengths,channels,partition_point,latency_ms\n";
// Three measurements, conv-only networks, that a macs-only fit matches.
const std::string kCsvRows =
    "a,2048 128 2,1 4 1,2,10\n"
    "b,2048 256 2,1 4 1,2,11\n"
    "c,2048 64 2,1 8 1,2,12\n";

// `base` with the line starting with `key:` (after indentation) replaced by
// `replacement`, or with `replacement` appended when `key` is empty.
std::string with_line(const std::string& base, const std::string& key, const std::string& replacement) {
  if (key.empty()) return base + replacement + "\n";
  std::string out;
  size_t start = 0;
  bool done = false;
  while (start < base.size()) {
    size_t end = base.find('\n', start);
    std::string line = base.substr(start, end - start);
    const size_t indent = line.find_first_not_of(' ');
    if (!done && indent != std::string::npos && line.compare(indent, key.size() + 1, key + ":") == 0) {
      out += line.substr(0, indent) + replacement + "\n";
      done = true;
    } else {
      out += line + "\n";
    }
    start = end + 1;
  }
  if (!done) ADD_FAILURE() << "no line '" << key << ":' to replace";
  return out;
}

std::vector<int> ramp(size_t n, int lo, int hi) {
  std::vector<int> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = lo + static_cast<int>((i * 7919) % static_cast<size_t>(hi - lo + 1));
  return v;
}

void write_wfdb(const fs::path& dir, const std::string& rec, const std::string& header, long samples = 720) {
  auto s0 = ramp(static_cast<size_t>(samples), -1000, 1000), s1 = ramp(static_cast<size_t>(samples), -500, 500);
  write_bytes(dir / (rec + ".dat"), encode_212({s0, s1}));
  std::string h = replace_all(header, "@N", std::to_string(samples));
  h = replace_all(h, "@I0 @C0", fmt::format("{} {}", s0[0], testing::checksum16(s0)));
  h = replace_all(h, "@I1 @C1", fmt::format("{} {}", s1[0], testing::checksum16(s1)));
  write_text(dir / (rec + ".hea"), h);
  write_bytes(dir / (rec + ".atr"), encode_atr({{100, 1}, {400, 1}, {650, 5}}));
}

const std::string kHea =
    "@R 2 360 @N\n"
    "@R.dat 212 200 11 1024 @I0 @C0 0 MLII\n"
    "@R.dat 212 200 11 1024 @I1 @C1 0 V5\n";

std::string hea(const std::string& rec, const std::string& text = kHea) { return replace_all(text, "@R", rec); }

std::vector<TestEdfSignal> edf_signals(int records) {
  std::vector<TestEdfSignal> s = {{"F7-T7", -500, 500, -2048, 2047, 256, {}}, {"F8-T8", -500, 500, -2048, 2047, 256, {}}};
  for (auto& sig : s) sig.digital = ramp(static_cast<size_t>(records * sig.samples_per_record), -2048, 2047);
  return s;
}

// Overwrites `width` bytes at `offset` with `text`, space padded.
std::vector<uint8_t> patch(std::vector<uint8_t> b, size_t offset, size_t width, const std::string& text) {
  for (size_t i = 0; i < width; ++i) b[offset + i] = static_cast<uint8_t>(i < text.size() ? text[i] : ' ');
  return b;
}

std::string bonn_text(int samples, const std::string& extra = "") {
  std::string t;
  for (int i = 0; i < samples; ++i) t += std::to_string((i * 37) % 200 - 100) + "\n";
  return t + extra;
}

void write_fixtures() {
  const fs::path d = fixture_dir();
  fs::remove_all(d);
  fs::create_directories(d);
  auto put = [&](const std::string& name, const std::string& text) {
    fs::create_directories((d / name).parent_path());
    write_text(d / name, replace_all(text, "@D", d.string()));
  };

  // ---- device profiles
  put("mcu-ok.yaml", kMcu);
  put("mcu-negative-coef.yaml", with_line(kMcu, "macs", "macs: -0.0008"));
  put("mcu-inf-coef.yaml", with_line(kMcu, "macs", "macs: .inf"));
  put("mcu-nan-coef.yaml", with_line(kMcu, "macs", "macs: .nan"));
  put("mcu-zero-coef.yaml", with_line(kMcu, "macs", "macs: 0"));
  put("mcu-missing-coef.yaml", with_line(kMcu, "macs", "layer: 0.01"));
  put("mcu-no-tconv.yaml", replace_all(kMcu, "    tconv:\n      macs: 0.0008\n", ""));
  put("mcu-no-features.yaml", with_line(kMcu, "features", "features: []"));
  put("mcu-bad-feature.yaml", with_line(kMcu, "features", "features: [flops]"));
  put("mcu-inf-flash.yaml", with_line(kMcu, "flash_kb", "flash_kb: .inf"));
  put("mcu-negative-flash.yaml", with_line(kMcu, "flash_kb", "flash_kb: -1"));
  put("mcu-huge-flash.yaml", with_line(kMcu, "flash_kb", "flash_kb: 1e300"));
  put("mcu-zero-supply.yaml", with_line(kMcu, "supply_v", "supply_v: 0"));
  put("mcu-no-power.yaml", with_line(kMcu, "active_power_mw", "# no power"));
  put("mcu-negative-sleep.yaml", with_line(kMcu, "sleep_power_mw", "sleep_power_mw: -0.1"));
  put("mcu-unknown-key.yaml", with_line(kMcu, "", "clock_mhz: 80"));
  put("mcu-duplicate-key.yaml", with_line(kMcu, "", "ram_kb: 256"));
  put("mcu-wrong-kind.yaml", with_line(kMcu, "kind", "kind: radio"));
  put("mcu-malformed.yaml", with_line(kMcu, "name", "name: [unclosed"));
  put("mcu-empty.yaml", "");
  put("mcu-list.yaml", "- kind: mcu\n");
  put("mcu-text-flash.yaml", with_line(kMcu, "flash_kb", "flash_kb: lots"));
  put("radio-negative-bit.yaml", "kind: radio\nname: r\nmodel: per-bit\nenergy_per_bit_nj: -20\n");
  put("radio-inf-bit.yaml", "kind: radio\nname: r\nmodel: per-bit\nenergy_per_bit_nj: .inf\n");
  put("radio-bad-model.yaml", "kind: radio\nname: r\nmodel: smoke-signals\n");
  put("radio-big-payload.yaml", with_line(kRadio, "ll_payload_max_bytes", "ll_payload_max_bytes: 300"));
  put("radio-wrapping-payload.yaml", with_line(kRadio, "ll_payload_max_bytes", "ll_payload_max_bytes: 4294967298"));
  put("radio-float-payload.yaml", with_line(kRadio, "ll_payload_max_bytes", "ll_payload_max_bytes: 250.9"));
  put("radio-short-interval.yaml", with_line(kRadio, "conn_interval_ms", "conn_interval_ms: 3"));
  put("radio-odd-interval.yaml", with_line(kRadio, "conn_interval_ms", "conn_interval_ms: 8"));
  put("radio-nan-current.yaml", with_line(kRadio, "tx_current_ma", "tx_current_ma: .nan"));
  put("radio-bad-mic.yaml", with_line(kRadio, "conn_interval_ms", "conn_interval_ms: 7.5\n  mic_bytes: 2"));
  put("radio-ble-without-section.yaml", "kind: radio\nname: r\nmodel: ble\n");
  put("fog-zero-busy.yaml", with_line(kFog, "busy_power_mw", "busy_power_mw: 0"));
  put("fog-inf-speed.yaml", with_line(kFog, "relative_speed", "relative_speed: .inf"));
  put("fog-tiny-speed.yaml", with_line(kFog, "relative_speed", "relative_speed: 1e-300"));
  put("fog-tiny-busy.yaml", with_line(kFog, "busy_power_mw", "busy_power_mw: 1e-9"));
  put("sim-tiny-speed.yaml", replace_all(kSimulate, "factors: [10]\n", "factors: [10]\ndevices: {fog: fog-tiny-speed.yaml}\n"));
  put("fog-unknown-key.yaml", with_line(kFog, "", "cores: 8"));
  put("fog-negative-rx.yaml", with_line(kFog, "", "rx_energy_per_bit_nj: -1"));
  put("fog-missing-radio.yaml", with_line(kFog, "", "radio: no-such-radio"));
  put("fog-empty-radio.yaml", with_line(kFog, "", "radio: ''"));

  // ---- scenarios for evaluate (the shared reader)
  put("ev-ok.yaml", kEvaluate);
  put("ev-float-length.yaml", with_line(kEvaluate, "lengths", "lengths: [2048, 128.9, 8, 64, 2]"));
  put("ev-wrapping-length.yaml", with_line(kEvaluate, "lengths", "lengths: [2048, 4294967298, 8, 64, 2]"));
  put("ev-hex-length.yaml", with_line(kEvaluate, "lengths", "lengths: [0x800, 128, 8, 64, 2]"));
  put("ev-huge-length.yaml", with_line(kEvaluate, "lengths", "lengths: [2048, 2147483648, 8, 64, 2]"));
  put("ev-long-length.yaml", with_line(kEvaluate, "lengths", "lengths: [2048, 1073741824, 8, 64, 2]"));
  put("ev-huge-channels.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 2147483647, 2, 1]"));
  put("ev-float-channel.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4.5, 2, 1]"));
  put("ev-negative-channel.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, -4, 2, 1]"));
  put("ev-text-lengths.yaml", with_line(kEvaluate, "lengths", "lengths: many"));
  put("ev-map-lengths.yaml", with_line(kEvaluate, "lengths", "lengths: {a: 1}"));
  put("ev-count-mismatch.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 1]"));
  put("ev-ratio.yaml", with_line(kEvaluate, "lengths", "lengths: [2048, 96, 8, 64, 2]"));
  put("ev-wrapping-point.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    partition_point: 4294967298"));
  put("ev-float-point.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    partition_point: 2.5"));
  put("ev-zero-point.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    partition_point: 0"));
  put("ev-published-point.yaml",
      with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    published_partition_point: 99"));
  put("ev-inf-factor.yaml", with_line(kEvaluate, "factors", "factors: [.inf]"));
  put("ev-tiny-factor.yaml", with_line(kEvaluate, "factors", "factors: [1e-320]"));
  put("ev-huge-factor.yaml", with_line(kEvaluate, "factors", "factors: [1e999]"));
  put("ev-zero-factor.yaml", with_line(kEvaluate, "factors", "factors: [0]"));
  put("ev-nan-factor.yaml", with_line(kEvaluate, "factors", "factors: [.nan]"));
  put("ev-no-factors.yaml", with_line(kEvaluate, "factors", "factors: []"));
  put("ev-text-factor.yaml", with_line(kEvaluate, "factors", "factors: [ten]"));
  put("ev-inf-flash.yaml", with_line(kEvaluate, "", "limits:\n  flash_kb: .inf"));
  put("ev-negative-ram.yaml", with_line(kEvaluate, "", "limits:\n  ram_kb: -1"));
  put("ev-zero-energy.yaml", with_line(kEvaluate, "", "limits:\n  energy_mj: 0"));
  put("ev-bad-energy-scenario.yaml", with_line(kEvaluate, "", "energy:\n  scenario: both"));
  put("ev-unknown-key.yaml", with_line(kEvaluate, "", "colour: blue"));
  put("ev-unknown-arch-key.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    colour: blue"));
  put("ev-duplicate-arch.yaml", kEvaluate + "  - name: sd1\n    lengths: [2048, 2]\n    channels: [1, 1]\n");
  put("ev-no-archs.yaml", "name: x\nout: @D/out-evaluate\narchitectures: []\n");
  put("ev-no-name.yaml", with_line(kEvaluate, "name", "# no name"));
  put("ev-both-sources.yaml", with_line(kEvaluate, "channels", "channels: [1, 1, 4, 2, 1]\n    from_search: best-ok.json"));
  put("ev-negative-seed.yaml", with_line(kEvaluate, "", "seed: -1"));
  put("ev-float-seed.yaml", with_line(kEvaluate, "", "seed: 1.5"));
  put("ev-overflow-seed.yaml", with_line(kEvaluate, "", "seed: 99999999999999999999"));
  put("ev-malformed.yaml", "name: x\narchitectures: [\n");
  put("ev-tab.yaml", "name: x\n\tarchitectures: 1\n");
  put("ev-list.yaml", "- name: x\n");
  put("ev-duplicate-key.yaml", with_line(kEvaluate, "", "name: again"));
  put("ev-empty-mcu.yaml", with_line(kEvaluate, "", "devices:\n  mcu: ''"));
  put("ev-missing-mcu.yaml", with_line(kEvaluate, "", "devices:\n  mcu: no-such-board"));
  put("ev-bad-profile.yaml", with_line(kEvaluate, "", "devices:\n  mcu: mcu-negative-coef.yaml"));
  put("ev-bad-window.yaml", with_line(kEvaluate, "", "window_s: 0"));
  put("ev-many-wearables.yaml", with_line(kEvaluate, "", "wearables: 1000000000"));
  put("ev-float-fog-nodes.yaml", with_line(kEvaluate, "", "fog_nodes: 2.5"));

  // ---- best.json read through from_search
  auto from_search = [&](const std::string& name, const std::string& json) {
    put(name + ".json", json);
    put("ev-" + name + ".yaml",
        "name: x\nout: @D/out-evaluate\narchitectures:\n  - name: a\n    from_search: " + name + ".json\n");
  };
  from_search("best-ok", kBest);
  from_search("best-float-length", replace_all(kBest, "128,", "128.9,"));
  from_search("best-wrapping-point", replace_all(kBest, "\"partition_point\": 3", "\"partition_point\": 4294967298"));
  from_search("best-far-point", replace_all(kBest, "\"partition_point\": 3", "\"partition_point\": 99"));
  from_search("best-float-point", replace_all(kBest, "\"partition_point\": 3", "\"partition_point\": 2.5"));
  from_search("best-huge-length", replace_all(kBest, "128,", "4294967424,"));
  from_search("best-text-lengths", replace_all(kBest, "[2048, 128, 8, 64, 2]", "\"2048,128\""));
  from_search("best-no-channels", R"({"lengths": [2048, 2], "partition_point": 1})");
  from_search("best-not-json", "lengths = 2048\n");
  from_search("best-empty", "");
  from_search("best-array", "[1, 2, 3]");
  from_search("best-big-shape", R"({"lengths": [2048, 1048576, 2], "channels": [1, 8192, 1], "partition_point": 1})");
  put("ev-best-missing.yaml", "name: x\narchitectures:\n  - name: a\n    from_search: no-such-best.json\n");

  // ---- scenarios for simulate and search
  put("sim-ok.yaml", kSimulate);
  put("sim-short.yaml", with_line(kSimulate, "duration_s", "duration_s: 1"));
  put("sim-tiny-window.yaml", with_line(kSimulate, "window_s", "window_s: 1e-9"));
  put("sim-wearables.yaml", with_line(kSimulate, "", "wearables: 100000"));
  put("sim-wrapping-fog-share.yaml", with_line(kSimulate, "", "max_wearables_per_fog: 4294967298"));
  put("sim-battery.yaml", with_line(kSimulate, "", "battery:\n  capacity_mah: .inf"));
  put("sim-cell-resistance.yaml",
      with_line(kSimulate, "", "battery:\n  model: coin-cell\n  internal_resistance_ohm: -5"));
  put("sim-channel.yaml", with_line(kSimulate, "", "channel:\n  path_loss_exponent: 20"));
  put("sim-idle.yaml", with_line(kSimulate, "", "idle_events: sometimes"));
  put("sim-sigma.yaml", with_line(kSimulate, "", "channel:\n  shadowing_sigma_db: -2"));
  put("sim-rician-k.yaml", with_line(kSimulate, "", "channel:\n  fading: rician\n  rician_k_db: 99"));
  put("sim-k-without-rician.yaml", with_line(kSimulate, "", "channel:\n  fading: rayleigh\n  rician_k_db: 3"));
  put("sim-fading.yaml", with_line(kSimulate, "", "channel:\n  fading: nakagami"));
  put("sim-body-loss.yaml", with_line(kSimulate, "", "channel:\n  body_loss_db: .nan"));
  put("sim-no-ble.yaml", with_line(kSimulate, "", "devices:\n  radio: radio-ble-without-section.yaml"));
  put("sim-distance.yaml", with_line(kSimulate, "", "distance_m: -1"));
  const std::string nrf = "devices:\n  radio: nrf52832-1m\nradio:\n  ble:\n    ";
  put("sim-supervision-negative.yaml", with_line(kSimulate, "", nrf + "supervision_timeout_ms: -5"));
  put("sim-supervision-zero.yaml", with_line(kSimulate, "", nrf + "supervision_timeout_ms: 0"));
  put("sim-supervision-short.yaml",
      with_line(kSimulate, "", nrf + "supervision_timeout_ms: 200\n    peripheral_latency: 3"));
  put("sim-disconnected.yaml", with_line(kSimulate, "", "ble:\n  disconnected: sometimes"));
  put("sim-fleet-mix.yaml", with_line(kSimulate, "", "fleet_mix: shuffled"));
  put("sim-mixed-too-few.yaml", with_line(kSimulate, "", "  - {name: raw, lengths: [2048, 2], channels: [1, 1]}\n"
                                                         "fleet_mix: mixed"));
  put("sim-point-per-link.yaml", with_line(kSimulate, "", "    partition_point: per-wearable"));
  put("sim-fog-full.yaml", with_line(kSimulate, "", "wearables: 5\nfog_nodes: 2\nmax_wearables_per_fog: 2"));
  put("sim-outside-area.yaml",
      with_line(kSimulate, "", "placement:\n  layout: listed\n  area_m: [10, 10]\n  fog_positions_m: [[5, 5]]\n"
                               "  wearable_positions_m: [[12, 5]]"));
  put("sim-negative-jitter.yaml", with_line(kSimulate, "", "window_jitter_s: -0.5"));
  put("sim-negative-ppm.yaml", with_line(kSimulate, "", nrf + "sleep_clock_ppm: -20"));
  put("sim-dcdc-zero.yaml", with_line(kSimulate, "", nrf + "dcdc_efficiency: 0"));
  put("sim-mtu-small.yaml", with_line(kSimulate, "", nrf + "att_mtu: 22"));
  put("sim-mtu-large.yaml", with_line(kSimulate, "", nrf + "att_mtu: 518"));
  put("sim-old-header-key.yaml", with_line(kSimulate, "", nrf + "l2cap_att_header_bytes: 7"));
  put("sim-unknown-phy.yaml", with_line(kSimulate, "", nrf + "phy: coded-s4"));
  // Each new boundary of the profile range table, just outside it.
  put("sim-huge-tx-current.yaml", with_line(kSimulate, "", nrf + "tx_current_ma: 1001"));
  put("sim-huge-sleep-current.yaml", with_line(kSimulate, "", nrf + "sleep_current_ua: 1.5e6"));
  put("sim-huge-noise-figure.yaml", with_line(kSimulate, "", nrf + "noise_figure_db: 51"));
  put("sim-huge-tifs.yaml", with_line(kSimulate, "", nrf + "t_ifs_us: 1e5"));
  put("sim-huge-radio-supply.yaml", with_line(kSimulate, "", nrf + "supply_v: 101"));
  put("sim-huge-busy.yaml", with_line(kSimulate, "", "fog:\n  busy_power_mw: 2e7"));
  put("sim-huge-mcu-power.yaml", with_line(kSimulate, "", "mcu:\n  active_power_mw: 1e6"));

  put("sim-coded-preamble.yaml", with_line(kSimulate, "", nrf + "phy: coded-s8\n    preamble_bytes: 1"));
  put("sim-dcdc-above-one.yaml", with_line(kSimulate, "", nrf + "dcdc_efficiency: 1.2"));
  put("sim-dcdc-nan.yaml", with_line(kSimulate, "", nrf + "dcdc_efficiency: .nan"));
  put("sim-current-basis.yaml", with_line(kSimulate, "", "devices:\n  radio: nrf52832-1m\nradio:\n  current_basis: guessed"));
  put("sim-one-channel.yaml", with_line(kSimulate, "", "channel:\n  data_channels: [5]"));
  auto wifi = [](const std::string& item) { return "ble:\n  wifi_interferers:\n    - " + item; };
  put("sim-wifi-channel.yaml", with_line(kSimulate, "", wifi("{channel: 14, duty_cycle: 0.5, position_m: [1, 1]}")));
  put("sim-wifi-duty.yaml", with_line(kSimulate, "", wifi("{channel: 6, duty_cycle: 1.5, position_m: [1, 1]}")));
  put("sim-wifi-position.yaml", with_line(kSimulate, "", wifi("{channel: 6, duty_cycle: 0.5, position_m: [.nan, 1]}")));
  put("sim-wifi-power.yaml",
      with_line(kSimulate, "", wifi("{channel: 6, duty_cycle: 0.5, tx_power_dbm: .inf, position_m: [1, 1]}")));
  put("sim-wifi-not-a-list.yaml", with_line(kSimulate, "", "ble:\n  wifi_interferers: 3"));
  put("search-ok.yaml", kSearch);
  put("search-empty-dataset.yaml", with_line(kSearch, "dataset", "dataset: ''"));
  put("search-missing-dataset.yaml", with_line(kSearch, "dataset", "dataset: no-such-data"));
  put("search-negative-examples.yaml", with_line(kSearch, "examples_per_class", "examples_per_class: -5"));
  put("search-huge-examples.yaml", with_line(kSearch, "examples_per_class", "examples_per_class: 1e7"));
  put("search-float-population.yaml", with_line(kSearch, "population", "population: 2.5"));
  put("search-wrapping-population.yaml", with_line(kSearch, "population", "population: 4294967298"));
  put("search-one-population.yaml", with_line(kSearch, "population", "population: 1"));
  put("search-genes.yaml", with_line(kSearch, "genes", "genes: 65"));
  put("search-inf-lr.yaml", with_line(kSearch, "epochs", "epochs: 1\n  learning_rate: .inf"));
  put("search-nan-dropout.yaml", with_line(kSearch, "epochs", "epochs: 1\n  dropout: .nan"));
  put("search-full-dropout.yaml", with_line(kSearch, "epochs", "epochs: 1\n  dropout: 1"));
  put("search-trainer.yaml", with_line(kSearch, "epochs", "epochs: 1\n  trainer: torch"));
  put("search-zero-epochs.yaml", with_line(kSearch, "epochs", "epochs: 0"));
  put("search-no-energy.yaml", with_line(with_line(kSearch, "limits", "# no limits"), "energy_mj", "# no energy limit"));
  put("search-two-factors.yaml", with_line(kSearch, "factors", "factors: [1, 2]"));
  put("search-rate.yaml", with_line(kSearch, "genes", "genes: 2\n  mutation_rate: 1.5"));
  put("search-strategy.yaml", with_line(kSearch, "genes", "genes: 2\n  strategy: random"));
  put("search-normalise.yaml", with_line(kSearch, "examples_per_class", "examples_per_class: 20\n  normalise: per-window"));
  put("search-split.yaml", with_line(kSearch, "examples_per_class", "examples_per_class: 20\n  split: patient"));
  put("search-class-lacking.yaml",
      with_line(kSearch, "examples_per_class", "examples_per_class: 20\n  classes: [seizure, artefact]"));
  put("search-class-scalar.yaml", with_line(kSearch, "examples_per_class", "examples_per_class: 20\n  classes: seizure"));

  // ---- current traces for fit-radio: an idle event every 30 ms at 10 us
  auto trace = [](int events, double spike_ua) {
    std::string t = "Timestamp(ms),Current(uA)\n";
    for (int i = 0; i < 3000 * events + 1500; ++i) {
      const int into = i % 3000;
      t += fmt::format("{:.2f},{}\n", i * 0.01, into >= 1500 && into < 1650 && i >= 1500 ? spike_ua : 2.0);
    }
    return t;
  };
  put("trace-one-event.csv", trace(1, 5000));
  put("trace-flat.csv", trace(3, 2.0));
  put("trace-backwards.csv", "Timestamp(ms),Current(uA)\n0,2\n0.02,3\n0.01,2\n");
  put("trace-negative.csv", "Timestamp(ms),Current(uA)\n0,2\n0.01,-3\n0.02,2\n");
  put("trace-nan.csv", "Timestamp(ms),Current(uA)\n0,2\n0.01,nan\n0.02,2\n");
  put("trace-columns.csv", "t,i\n0,2\n0.01,3\n0.02,2\n");

  // ---- calibration CSVs for fit-device
  put("cal-ok.csv", kCsvHeader + kCsvRows);
  put("cal-negative.csv", kCsvHeader + kCsvRows + "d,2048 128 2,1 4 1,2,-3\n");
  put("cal-nan.csv", kCsvHeader + kCsvRows + "d,2048 128 2,1 4 1,2,nan\n");
  put("cal-inf.csv", kCsvHeader + kCsvRows + "d,2048 128 2,1 4 1,2,inf\n");
  put("cal-huge.csv", kCsvHeader + kCsvRows + "d,2048 128 2,1 4 1,2,1e999\n");
  put("cal-text.csv", kCsvHeader + kCsvRows + "d,2048 128 2,1 4 1,2,slow\n");
  put("cal-float-length.csv", kCsvHeader + "a,2048.9 128 2,1 4 1,2,10\n" + kCsvRows);
  put("cal-wrapping-length.csv", kCsvHeader + "a,4294967298 128 2,1 4 1,2,10\n" + kCsvRows);
  put("cal-huge-length.csv", kCsvHeader + "a,1073741824 128 2,1 4 1,2,10\n" + kCsvRows);
  put("cal-wrapping-point.csv", kCsvHeader + "a,2048 128 2,1 4 1,4294967298,10\n" + kCsvRows);
  put("cal-float-point.csv", kCsvHeader + "a,2048 128 2,1 4 1,1.5,10\n" + kCsvRows);
  put("cal-point-one.csv", kCsvHeader + "a,2048 128 2,1 4 1,1,10\n" + kCsvRows);
  put("cal-no-column.csv", "name,lengths,latency_ms\na,2048 2,10\n");
  put("cal-both-columns.csv", "name,lengths,channels,latency_ms,energy_mj\na,2048 2,1 1,10,1\n");
  put("cal-neither-column.csv", "name,lengths,channels\na,2048 2,1 1\n");
  put("cal-header-only.csv", kCsvHeader);
  put("cal-empty.csv", "");
  put("cal-short-row.csv", kCsvHeader + "a,2048 128 2\n");
  put("cal-quote.csv", kCsvHeader + "\"a,2048 128 2,1 4 1,2,10\n");
  put("cal-underdetermined.csv", kCsvHeader + "a,2048 128 2,1 4 1,2,10\n");
  // Latency grows with MACs but less than in proportion: a fit with a
  // per-layer constant gives the MAC term a negative coefficient.
  put("cal-negative-fit.csv", kCsvHeader +
                                  "a,2048 1024 2,1 1 1,2,10\n"
                                  "b,2048 1024 2,1 2 1,2,9\n"
                                  "c,2048 1024 2,1 4 1,2,7\n"
                                  "d,2048 1024 2,1 8 1,2,3\n");

  // ---- WFDB records
  const fs::path w = d / "wfdb";
  fs::create_directories(w);
  write_wfdb(w, "ok", hea("ok"));
  write_wfdb(w, "empty", "");
  write_wfdb(w, "rate", hea("rate", replace_all(kHea, "360", "fast")));
  write_wfdb(w, "zero-rate", hea("zero-rate", replace_all(kHea, "360", "0")));
  write_wfdb(w, "nan-rate", hea("nan-rate", replace_all(kHea, "360", "nan")));
  write_wfdb(w, "negative-samples", hea("negative-samples", replace_all(kHea, "@N\n", "-5\n")));
  write_wfdb(w, "wrapping-samples", hea("wrapping-samples", replace_all(kHea, "@N\n", "4294967298\n")));
  write_wfdb(w, "signal-count", hea("signal-count", replace_all(kHea, "@R 2", "@R 3")));
  write_wfdb(w, "huge-signal-count", hea("huge-signal-count", replace_all(kHea, "@R 2", "@R 4294967298")));
  write_wfdb(w, "format", hea("format", replace_all(kHea, " 212 ", " 999 ")));
  write_wfdb(w, "gain", hea("gain", replace_all(kHea, " 200 ", " nan ")));
  write_wfdb(w, "missing-dat", hea("missing-dat", replace_all(kHea, "@R.dat", "nothing.dat")));
  write_wfdb(w, "short-dat", hea("short-dat"));
  write_bytes(w / "short-dat.dat", {1, 2, 3});
  write_wfdb(w, "name", hea("name", replace_all(kHea, "@R 2", "other 2")));
  write_wfdb(w, "bad-atr", hea("bad-atr"));
  write_bytes(w / "bad-atr.atr", {0x01});
  write_wfdb(w, "aux-atr", hea("aux-atr"));
  write_bytes(w / "aux-atr.atr", {0xFF, 0xFC});  // AUX of 255 bytes in a file of two
  write_wfdb(w, "skip-atr", hea("skip-atr"));
  write_bytes(w / "skip-atr.atr", {0x00, 0xEC, 0x00});  // SKIP without its 32-bit value

  // ---- EDF files
  const fs::path e = d / "edf";
  fs::create_directories(e);
  const auto good = encode_edf(edf_signals(2), 2, 1.0);
  write_bytes(e / "ok.edf", good);
  write_bytes(e / "empty.edf", {});
  write_bytes(e / "truncated-header.edf", std::vector<uint8_t>(good.begin(), good.begin() + 100));
  write_bytes(e / "header-bytes.edf", patch(good, 184, 8, "abc"));
  write_bytes(e / "negative-records.edf", patch(good, 236, 8, "-5"));
  write_bytes(e / "wrapping-records.edf", patch(good, 236, 8, "99999999"));
  write_bytes(e / "nan-duration.edf", patch(good, 244, 8, "nan"));
  write_bytes(e / "zero-duration.edf", patch(good, 244, 8, "0"));
  write_bytes(e / "zero-signals.edf", patch(good, 252, 4, "0"));
  write_bytes(e / "many-signals.edf", patch(good, 252, 4, "9999"));
  write_bytes(e / "float-signals.edf", patch(good, 252, 4, "2.5"));
  // Per-signal fields start at 256: labels (16 each), transducer (80), units (8),
  // physical min (8), physical max (8), digital min (8), digital max (8),
  // prefiltering (80), samples per record (8).
  const size_t ns = 2, phys_min = 256 + ns * (16 + 80 + 8), phys_max = phys_min + ns * 8, dig_min = phys_max + ns * 8,
               dig_max = dig_min + ns * 8, spr = dig_max + ns * 8 + ns * 80;
  write_bytes(e / "equal-physical.edf", patch(good, phys_max, 8, "-500"));
  write_bytes(e / "digital-order.edf", patch(good, dig_min, 8, "4000"));
  write_bytes(e / "zero-samples.edf", patch(good, spr, 8, "0"));
  write_bytes(e / "huge-samples.edf", patch(good, spr, 8, "99999999"));
  write_bytes(e / "truncated-data.edf", std::vector<uint8_t>(good.begin(), good.end() - 100));

  // ---- fognas's own outputs: a sweep folder cut short, one with text where a
  // factor belongs, a malformed sweep.json
  const std::string sweep_json =
      R"({"schema_version": 1, "command": "evaluate", "mode": "product", "points": 2, "indices": [0, 1],)"
      R"( "axes": [{"path": "distance_m", "column": "distance_m", "values": ["1", "2"]}]})";
  const std::string head = "point,distance_m,solution,factor,partition_point,e_total_mj,e_edge_comp_mj,e_edge_comm_mj,"
                           "e_fog_mj\n";
  put("report-cut/sweep.json", sweep_json);
  put("report-cut/points.csv", head + "0,1,A,2,3,0.5,0.2,0.1,0.2\n");
  put("report-text/sweep.json", sweep_json);
  put("report-text/points.csv", head + "0,1,A,2,3,0.5,0.2,0.1,0.2\n1,2,A,ten,3,0.5,0.2,0.1,0.2\n");
  put("report-stranger/sweep.json", sweep_json);
  put("report-stranger/points.csv", head + "0,1,A,2,3,0.5,0.2,0.1,0.2\n1,2,A,2,3,0.5,0.2,0.1,0.2\n7,2,A,2,3,1,1,1,1\n");
  put("merge-bad/sweep.json", "{\"command\": ");
  put("report-no-axes/sweep.json", R"({"schema_version": 1, "command": "evaluate", "points": 1})");
  put("report-no-axes/points.csv", head + "0,1,A,2,3,0.5,0.2,0.1,0.2\n");

  // ---- Bonn segments
  const fs::path b = d / "bonn";
  fs::create_directories(b);
  write_text(b / "ok.txt", bonn_text(4097));
  write_text(b / "empty.txt", "");
  write_text(b / "word.txt", bonn_text(100, "spike\n") + bonn_text(3997));
  write_text(b / "float.txt", bonn_text(100, "1.5\n") + bonn_text(3996));
  write_text(b / "huge.txt", bonn_text(100, "99999999999\n") + bonn_text(3996));
  write_text(b / "short.txt", bonn_text(10));
  write_text(b / "binary.txt", std::string("\x01\x02\xff\xfe\x00\x10", 6));
}

// ------------------------------------------------------------ cases

struct Case {
  std::string name;
  std::string args;    // @D: the fixture folder
  int exit_code;       // 1: bad input, 2: usage
  std::string needle;  // what the message must name
  std::string skip = "";  // a known bug not fixed here: why the case is skipped
};

std::vector<Case> cases() {
  const std::string sd1 = kSd1, part = std::string("partition ") + kSd1;
  std::vector<Case> c = {
      // ---- partition: options
      {"partition_factor_inf", part + " --factor inf", 1, "--factor: must be finite"},
      {"partition_factor_nan", part + " --factor nan", 1, "--factor"},
      {"partition_factor_denormal", part + " --factor 1e-320", 1, "--factor"},
      {"partition_factor_overflow", part + " --factor 1e999", 1, "--factor"},
      {"partition_factor_zero", part + " --factor 0", 1, "--factor"},
      {"partition_factor_too_big", part + " --factor 1e7", 1, "--factor"},
      {"partition_factor_text", part + " --factor ten", 1, "--factor: expected a number"},
      {"partition_factor_missing_value", part + " --factor", 2, "--factor"},
      {"partition_flash_inf", part + " --flash-kb inf", 1, "--flash-kb"},
      {"partition_ram_nan", part + " --ram-kb nan", 1, "--ram-kb"},
      {"partition_lengths_float", "partition --lengths 2048.9,128,8,64,2 --channels 1,1,4,2,1", 1, "--lengths"},
      {"partition_lengths_wrap", "partition --lengths 2048,4294967298,8,64,2 --channels 1,1,4,2,1", 1, "--lengths"},
      {"partition_lengths_empty", "partition --lengths '' --channels 1,1", 1, "--lengths"},
      {"partition_ratio", "partition --lengths 2048,96,2 --channels 1,1,1", 1, "power of two"},
      {"partition_length_above_limit", "partition --lengths 2097152,2 --channels 1,1", 1, "above the limit"},
      {"partition_channels_above_limit", "partition --lengths 2048,2048,2 --channels 1,8192,1", 1, "above the limit"},
      {"partition_macs_overflow", "partition --lengths 1,1048576,2 --channels 4096,4096,1", 1, "multiply-accumulates"},
      {"partition_dense_overflow", "partition --lengths 1048576,1048576,1048576 --channels 4096,4096,1", 1,
       "multiply-accumulates"},
      {"partition_scenario_empty", part + " --energy-scenario ''", 1, "--energy-scenario"},
      {"partition_mcu_empty", part + " --mcu ''", 1, "--mcu"},
      {"partition_mcu_unknown", part + " --mcu no-such-board", 1, "no-such-board"},
      // ---- partition: device profiles
      {"profile_negative_coefficient", part + " --mcu @D/mcu-negative-coef.yaml", 1, "mcu-negative-coef.yaml:13"},
      {"profile_inf_coefficient", part + " --mcu @D/mcu-inf-coef.yaml", 1, "mcu-inf-coef.yaml:13"},
      {"profile_nan_coefficient", part + " --mcu @D/mcu-nan-coef.yaml", 1, "mcu-nan-coef.yaml:13"},
      {"profile_zero_coefficients", part + " --mcu @D/mcu-zero-coef.yaml", 1, "latency_ms_per_unit.conv"},
      {"profile_missing_coefficient", part + " --mcu @D/mcu-missing-coef.yaml", 1, "missing key 'surrogate.latency_ms_per_unit.conv.macs'"},
      {"profile_missing_layer_type", "partition --lengths 2048,4096,2 --channels 1,1,1 --mcu @D/mcu-no-tconv.yaml", 1,
       "no surrogate coefficients for tconv"},
      {"profile_no_features", part + " --mcu @D/mcu-no-features.yaml", 1, "surrogate.features"},
      {"profile_bad_feature", part + " --mcu @D/mcu-bad-feature.yaml", 1, "flops"},
      {"profile_inf_flash", part + " --mcu @D/mcu-inf-flash.yaml", 1, "key 'flash_kb'"},
      {"profile_huge_flash", part + " --mcu @D/mcu-huge-flash.yaml", 1, "key 'flash_kb'"},
      {"profile_wrong_kind", part + " --mcu @D/mcu-wrong-kind.yaml", 1, "expected 'mcu'"},
      {"profile_malformed", part + " --mcu @D/mcu-malformed.yaml", 1, "mcu-malformed.yaml"},
      {"profile_radio_negative_bit", part + " --radio @D/radio-negative-bit.yaml", 1, "energy_per_bit_nj"},
      {"profile_radio_payload", part + " --radio @D/radio-big-payload.yaml", 1, "ll_payload_max_bytes"},
      {"profile_radio_payload_wrap", part + " --radio @D/radio-wrapping-payload.yaml", 1, "ll_payload_max_bytes"},
      {"profile_radio_payload_float", part + " --radio @D/radio-float-payload.yaml", 1, "ll_payload_max_bytes"},
      {"profile_radio_interval", part + " --radio @D/radio-short-interval.yaml", 1, "conn_interval_ms"},
      {"profile_fog_inf_speed", part + " --fog @D/fog-inf-speed.yaml", 1, "relative_speed"},
      {"profile_fog_tiny_speed", part + " --fog @D/fog-tiny-speed.yaml", 1, "fog-tiny-speed.yaml:4: key 'relative_speed'"},
      {"profile_fog_implied_factor", part + " --fog @D/fog-tiny-busy.yaml", 1,
       "implies an efficiency factor of 6.6e+11"},
      {"simulate_fog_tiny_speed", "simulate @D/sim-tiny-speed.yaml", 1, "key 'relative_speed'"},
      {"profile_fog_missing_radio", part + " --fog @D/fog-missing-radio.yaml", 1, "fog-missing-radio.yaml:5: key 'radio'"},
      {"profile_fog_empty_radio", part + " --fog @D/fog-empty-radio.yaml", 1, "fog-empty-radio.yaml:5: key 'radio'"},

      // ---- evaluate: the scenario reader
      {"scenario_empty_argument", "evaluate ''", 1, "scenario: must not be empty"},
      {"scenario_folder", "evaluate @D", 1, "is a folder"},
      {"scenario_float_length", "evaluate @D/ev-float-length.yaml", 1, "ev-float-length.yaml:6: key 'architectures[0].lengths'"},
      {"scenario_wrapping_length", "evaluate @D/ev-wrapping-length.yaml", 1, "ev-wrapping-length.yaml:6"},
      {"scenario_huge_length", "evaluate @D/ev-huge-length.yaml", 1, "ev-huge-length.yaml:6"},
      {"scenario_long_length", "evaluate @D/ev-long-length.yaml", 1, "above the limit"},
      {"scenario_huge_channels", "evaluate @D/ev-huge-channels.yaml", 1, "above the limit"},
      {"scenario_float_channel", "evaluate @D/ev-float-channel.yaml", 1, "ev-float-channel.yaml:7"},
      {"scenario_wrapping_point", "evaluate @D/ev-wrapping-point.yaml", 1, "partition_point"},
      {"scenario_float_point", "evaluate @D/ev-float-point.yaml", 1, "partition_point"},
      {"scenario_inf_factor", "evaluate @D/ev-inf-factor.yaml", 1, "key 'factors'"},
      {"scenario_tiny_factor", "evaluate @D/ev-tiny-factor.yaml", 1, "key 'factors'"},
      {"scenario_huge_factor", "evaluate @D/ev-huge-factor.yaml", 1, "key 'factors'"},
      {"scenario_inf_flash", "evaluate @D/ev-inf-flash.yaml", 1, "limits.flash_kb"},
      {"scenario_unknown_key", "evaluate @D/ev-unknown-key.yaml", 1, "unknown key 'colour'"},
      {"scenario_no_name", "evaluate @D/ev-no-name.yaml", 1, "missing key 'name'"},
      {"scenario_negative_seed", "evaluate @D/ev-negative-seed.yaml", 1, "key 'seed'"},
      {"scenario_overflow_seed", "evaluate @D/ev-overflow-seed.yaml", 1, "key 'seed'"},
      {"scenario_empty_mcu", "evaluate @D/ev-empty-mcu.yaml", 1, "devices.mcu"},
      {"scenario_bad_profile", "evaluate @D/ev-bad-profile.yaml", 1, "mcu-negative-coef.yaml:13"},
      {"scenario_wearables", "evaluate @D/ev-many-wearables.yaml", 1, "wearables"},
      {"scenario_set_no_equals", "evaluate @D/ev-ok.yaml --set factors", 1, "--set factors"},
      {"scenario_set_empty", "evaluate @D/ev-ok.yaml --set ''", 1, "--set"},
      {"scenario_set_inf_factor", "evaluate @D/ev-ok.yaml --set factors=[inf]", 1, "factors"},
      {"scenario_set_wrapping_seed", "evaluate @D/ev-ok.yaml --set seed=18446744073709551617", 1, "seed"},
      {"scenario_out_empty", "evaluate @D/ev-ok.yaml --out ''", 1, "--out"},
      // ---- best.json through from_search
      {"best_float_length", "evaluate @D/ev-best-float-length.yaml", 1, "best-float-length.json"},
      {"best_wrapping_point", "evaluate @D/ev-best-wrapping-point.yaml", 1, "best-wrapping-point.json"},
      {"best_far_point", "evaluate @D/ev-best-far-point.yaml", 1, "best-far-point.json"},
      {"best_huge_length", "evaluate @D/ev-best-huge-length.yaml", 1, "best-huge-length.json"},
      {"best_not_json", "evaluate @D/ev-best-not-json.yaml", 1, "best-not-json.json"},
      {"best_big_shape", "evaluate @D/ev-best-big-shape.yaml", 1, "from_search"},
      {"best_missing", "evaluate @D/ev-best-missing.yaml", 1, "no-such-best.json"},

      // ---- simulate
      {"simulate_duration_inf", "simulate @D/sim-ok.yaml --duration-s inf", 1, "--duration-s"},
      {"simulate_duration_negative", "simulate @D/sim-ok.yaml --duration-s -1", 1, "--duration-s"},
      {"simulate_duration_overflow", "simulate @D/sim-ok.yaml --duration-s 1e999", 1, "--duration-s"},
      {"simulate_seed_negative", "simulate @D/sim-ok.yaml --seed -1", 1, "--seed"},
      {"simulate_seed_overflow", "simulate @D/sim-ok.yaml --seed 18446744073709551616", 1, "--seed"},
      {"simulate_short_duration", "simulate @D/sim-short.yaml", 1, "duration_s"},
      {"simulate_negative_shadowing", "simulate @D/sim-sigma.yaml", 1, "channel.shadowing_sigma_db"},
      {"simulate_rician_k_range", "simulate @D/sim-rician-k.yaml", 1, "channel.rician_k_db"},
      {"simulate_supervision_negative", "simulate @D/sim-supervision-negative.yaml", 1, "ble.supervision_timeout_ms"},
      {"simulate_supervision_zero", "simulate @D/sim-supervision-zero.yaml", 1, "ble.supervision_timeout_ms"},
      {"simulate_supervision_below_interval", "simulate @D/sim-supervision-short.yaml", 1, "must exceed 2 x"},
      {"simulate_disconnected_policy", "simulate @D/sim-disconnected.yaml", 1, "ble.disconnected"},
      {"simulate_fleet_mix_unknown", "simulate @D/sim-fleet-mix.yaml", 1, "sim-fleet-mix.yaml:10: key 'fleet_mix'"},
      {"simulate_mixed_fewer_wearables_than_networks", "simulate @D/sim-mixed-too-few.yaml", 1,
       "sim-mixed-too-few.yaml:11: key 'fleet_mix'"},
      {"simulate_partition_point_unknown_word", "simulate @D/sim-point-per-link.yaml", 1,
       "architectures[0].partition_point"},
      {"simulate_more_wearables_than_fog_room", "simulate @D/sim-fog-full.yaml", 1,
       "sim-fog-full.yaml:10: key 'wearables'"},
      {"simulate_position_outside_area", "simulate @D/sim-outside-area.yaml", 1,
       "sim-outside-area.yaml:14: key 'placement.wearable_positions_m'"},
      {"simulate_negative_window_jitter", "simulate @D/sim-negative-jitter.yaml", 1,
       "sim-negative-jitter.yaml:10: key 'window_jitter_s'"},
      {"simulate_dcdc_zero", "simulate @D/sim-dcdc-zero.yaml", 1, "radio.ble.dcdc_efficiency"},
      {"simulate_mtu_small", "simulate @D/sim-mtu-small.yaml", 1, "radio.ble.att_mtu"},
      {"simulate_mtu_large", "simulate @D/sim-mtu-large.yaml", 1, "radio.ble.att_mtu"},
      {"simulate_old_header_key", "simulate @D/sim-old-header-key.yaml", 1, "att_mtu"},
      {"report_points_cut_short", "report @D/report-cut", 1, "has no rows of point 1"},
      {"report_factor_is_text", "report @D/report-text", 1, "report-text/points.csv:3: column 'factor'"},
      {"report_point_not_in_sweep", "report @D/report-stranger", 1, "report-stranger/points.csv:4"},
      {"report_sweep_json_without_axes", "report @D/report-no-axes", 1, "report-no-axes/sweep.json: key 'axes'"},
      {"merge_malformed_sweep_json", "merge @D/merged @D/merge-bad @D/merge-bad", 1, "merge-bad/sweep.json"},
      {"simulate_tx_current_above_1a", "simulate @D/sim-huge-tx-current.yaml", 1, "radio.ble.tx_current_ma"},
      {"simulate_sleep_current_above_1a", "simulate @D/sim-huge-sleep-current.yaml", 1, "radio.ble.sleep_current_ua"},
      {"simulate_noise_figure_above_50", "simulate @D/sim-huge-noise-figure.yaml", 1, "radio.ble.noise_figure_db"},
      {"simulate_tifs_above_10ms", "simulate @D/sim-huge-tifs.yaml", 1, "radio.ble.t_ifs_us"},
      {"simulate_radio_supply_above_100v", "simulate @D/sim-huge-radio-supply.yaml", 1, "radio.ble.supply_v"},
      {"simulate_fog_busy_above_10kw", "simulate @D/sim-huge-busy.yaml", 1, "fog.busy_power_mw"},
      {"simulate_mcu_power_above_100w", "simulate @D/sim-huge-mcu-power.yaml", 1, "mcu.active_power_mw"},
      {"simulate_unknown_phy", "simulate @D/sim-unknown-phy.yaml", 1, "sim-unknown-phy.yaml:14: key 'radio.ble.phy'"},
      {"simulate_coded_preamble", "simulate @D/sim-coded-preamble.yaml", 1, "radio.ble.preamble_bytes"},
      {"simulate_dcdc_above_one", "simulate @D/sim-dcdc-above-one.yaml", 1, "radio.ble.dcdc_efficiency"},
      {"simulate_dcdc_nan", "simulate @D/sim-dcdc-nan.yaml", 1, "radio.ble.dcdc_efficiency"},
      {"simulate_current_basis", "simulate @D/sim-current-basis.yaml", 1, "radio.current_basis"},
      {"simulate_negative_clock_ppm", "simulate @D/sim-negative-ppm.yaml", 1,
       "sim-negative-ppm.yaml:14: key 'radio.ble.sleep_clock_ppm'"},
      {"simulate_one_data_channel", "simulate @D/sim-one-channel.yaml", 1,
       "sim-one-channel.yaml:11: key 'channel.data_channels'"},
      {"simulate_wifi_channel", "simulate @D/sim-wifi-channel.yaml", 1,
       "sim-wifi-channel.yaml:12: key 'ble.wifi_interferers[0].channel'"},
      {"simulate_wifi_duty_cycle", "simulate @D/sim-wifi-duty.yaml", 1, "ble.wifi_interferers[0].duty_cycle"},
      {"simulate_wifi_position_nan", "simulate @D/sim-wifi-position.yaml", 1, "ble.wifi_interferers[0].position_m"},
      {"simulate_wifi_power_inf", "simulate @D/sim-wifi-power.yaml", 1, "ble.wifi_interferers[0].tx_power_dbm"},
      {"simulate_radio_tx_power_huge", "simulate @D/sim-ok.yaml --set radio.ble.tx_power_dbm=1e300", 1,
       "radio.ble.tx_power_dbm"},
      {"simulate_radio_tx_power_high", "simulate @D/sim-ok.yaml --set radio.ble.tx_power_dbm=21", 1,
       "must be -40 ... 20 dBm"},
      {"simulate_radio_sensitivity_huge", "simulate @D/sim-ok.yaml --set radio.ble.rx_sensitivity_dbm=1e308", 1,
       "radio.ble.rx_sensitivity_dbm"},
      {"simulate_radio_sensitivity_low", "simulate @D/sim-ok.yaml --set radio.ble.rx_sensitivity_dbm=-131", 1,
       "must be -130 ... -50 dBm"},
      {"simulate_wifi_not_a_list", "simulate @D/sim-wifi-not-a-list.yaml", 1, "ble.wifi_interferers"},
      {"simulate_k_without_rician", "simulate @D/sim-k-without-rician.yaml", 1, "channel.rician_k_db"},
      {"simulate_unknown_fading", "simulate @D/sim-fading.yaml", 1, "channel.fading"},
      {"simulate_nan_body_loss", "simulate @D/sim-body-loss.yaml", 1, "channel.body_loss_db"},
      {"simulate_wrapping_fog_share", "simulate @D/sim-wrapping-fog-share.yaml", 1, "max_wearables_per_fog"},
      {"simulate_negative_cell_resistance", "simulate @D/sim-cell-resistance.yaml", 1,
       "sim-cell-resistance.yaml:12: key 'battery.internal_resistance_ohm'"},

      // ---- search
      {"search_jobs_negative", "search @D/search-ok.yaml --jobs -1", 1, "--jobs"},
      {"search_jobs_zero", "search @D/search-ok.yaml --jobs 0", 1, "--jobs"},
      {"search_jobs_too_many", "search @D/search-ok.yaml --jobs 5000", 1, "--jobs"},
      {"search_jobs_wrap", "search @D/search-ok.yaml --jobs 4294967298", 1, "--jobs"},
      {"search_seed_negative", "search @D/search-ok.yaml --seed -1", 1, "--seed"},
      {"search_stop_after_zero", "search @D/search-ok.yaml --stop-after 0", 1, "--stop-after"},
      {"search_strategy_empty", "search @D/search-ok.yaml --strategy ''", 1, "--strategy"},
      {"search_empty_dataset", "search @D/search-empty-dataset.yaml", 1, "data.dataset"},
      {"search_missing_dataset", "search @D/search-missing-dataset.yaml", 1, "no-such-data"},
      {"search_negative_examples", "search @D/search-negative-examples.yaml", 1, "data.examples_per_class"},
      {"search_wrapping_population", "search @D/search-wrapping-population.yaml", 1, "search.population"},
      {"search_inf_learning_rate", "search @D/search-inf-lr.yaml", 1, "training.learning_rate"},
      {"search_nan_dropout", "search @D/search-nan-dropout.yaml", 1, "training.dropout"},
      {"search_unknown_trainer", "search @D/search-trainer.yaml", 1, "training.trainer"},
      {"search_trainer_option", "search @D/search-ok.yaml --trainer torch", 1, "training.trainer"},
      {"search_no_energy_limit", "search @D/search-no-energy.yaml", 1, "energy_mj"},
      {"search_unknown_normalisation", "search @D/search-normalise.yaml", 1, "data.normalise"},
      {"search_unknown_split", "search @D/search-split.yaml", 1, "data.split"},
      {"search_class_the_data_lacks", "search @D/search-class-lacking.yaml", 1,
       "key 'data.classes': 'artefact' is not a class"},
      {"search_classes_not_a_list", "search @D/search-class-scalar.yaml", 1, "data.classes"},

      // ---- train (all rejected before any data is loaded or trained)
      {"train_lr_inf", "train " + sd1 + " --dataset synthetic-eeg --learning-rate inf", 1, "--learning-rate"},
      {"train_lr_nan", "train " + sd1 + " --dataset synthetic-eeg --learning-rate nan", 1, "--learning-rate"},
      {"train_dropout_nan", "train " + sd1 + " --dataset synthetic-eeg --dropout nan", 1, "--dropout"},
      {"train_unknown_trainer", "train " + sd1 + " --dataset synthetic-eeg --trainer torch", 1, "--trainer"},
      {"train_epochs_float", "train " + sd1 + " --dataset synthetic-eeg --epochs 2.5", 1, "--epochs"},
      {"train_epochs_wrap", "train " + sd1 + " --dataset synthetic-eeg --epochs 4294967298", 1, "--epochs"},
      {"train_seed_negative", "train " + sd1 + " --dataset synthetic-eeg --seed -1", 1, "--seed"},
      {"train_examples_negative", "train " + sd1 + " --dataset synthetic-eeg --examples-per-class -5", 1,
       "--examples-per-class"},
      {"train_dataset_empty", "train " + sd1 + " --dataset ''", 1, "--dataset"},
      {"train_dataset_missing", "train " + sd1 + " --dataset @D/no-such-data", 1, "no-such-data"},
      {"train_unknown_normalisation", "train " + sd1 + " --dataset synthetic-eeg --normalise per-window", 1,
       "--normalise"},
      {"train_unknown_split", "train " + sd1 + " --dataset synthetic-eeg --split patient", 1, "--split"},
      {"train_class_the_data_lacks", "train " + sd1 + " --dataset synthetic-eeg --classes '[seizure, artefact]'", 1,
       "'artefact' is not a class"},
      {"train_classes_not_yaml", "train " + sd1 + " --dataset synthetic-eeg --classes '[seizure'", 1, "--classes"},
      {"train_seeds_zero", "train " + sd1 + " --dataset synthetic-eeg --seeds 0", 1, "--seeds"},
      {"train_input_shape", "train --lengths 1024,2 --channels 1,1 --dataset synthetic-eeg", 1, "--lengths/--channels"},

      // ---- data inspect: options and paths
      {"inspect_empty_path", "data inspect ''", 1, "path: must not be empty"},
      {"inspect_missing_path", "data inspect @D/no-such-record", 1, "no-such-record"},
      {"inspect_seed_negative", "data inspect synthetic-eeg --seed -1", 1, "--seed"},
      {"inspect_examples_negative", "data inspect synthetic-eeg --examples-per-class -5", 1, "--examples-per-class"},
      {"inspect_examples_float", "data inspect synthetic-eeg --examples-per-class 2048.9", 1, "--examples-per-class"},
      // ---- WFDB
      {"wfdb_empty_header", "data inspect @D/wfdb/empty", 1, "empty.hea"},
      {"wfdb_text_rate", "data inspect @D/wfdb/rate", 1, "rate.hea"},
      {"wfdb_zero_rate", "data inspect @D/wfdb/zero-rate", 1, "zero-rate.hea"},
      {"wfdb_negative_samples", "data inspect @D/wfdb/negative-samples", 1, "negative-samples.hea"},
      {"wfdb_wrapping_samples", "data inspect @D/wfdb/wrapping-samples", 1, "wrapping-samples"},
      {"wfdb_signal_count", "data inspect @D/wfdb/signal-count", 1, "signal-count.hea"},
      {"wfdb_format", "data inspect @D/wfdb/format", 1, "999"},
      {"wfdb_gain", "data inspect @D/wfdb/gain", 1, "gain.hea"},
      {"wfdb_missing_dat", "data inspect @D/wfdb/missing-dat", 1, "nothing.dat"},
      {"wfdb_short_dat", "data inspect @D/wfdb/short-dat", 1, "short-dat.dat"},
      {"wfdb_record_name", "data inspect @D/wfdb/name", 1, "name.hea",
       "the WFDB reader accepts a header whose record name differs from its file name (left to the reader hardening)"},
      {"wfdb_truncated_atr", "data inspect @D/wfdb/bad-atr", 1, "bad-atr.atr"},
      {"wfdb_aux_atr", "data inspect @D/wfdb/aux-atr", 1, "aux-atr.atr"},
      {"wfdb_skip_atr", "data inspect @D/wfdb/skip-atr", 1, "skip-atr.atr"},
      // ---- EDF
      {"edf_empty", "data inspect @D/edf/empty.edf", 1, "empty.edf"},
      {"edf_truncated_header", "data inspect @D/edf/truncated-header.edf", 1, "truncated-header.edf"},
      {"edf_header_bytes", "data inspect @D/edf/header-bytes.edf", 1, "header-bytes.edf"},
      {"edf_negative_records", "data inspect @D/edf/negative-records.edf", 1, "negative-records.edf"},
      {"edf_wrapping_records", "data inspect @D/edf/wrapping-records.edf", 1, "wrapping-records.edf"},
      {"edf_nan_duration", "data inspect @D/edf/nan-duration.edf", 1, "nan-duration.edf"},
      {"edf_zero_duration", "data inspect @D/edf/zero-duration.edf", 1, "zero-duration.edf"},
      {"edf_many_signals", "data inspect @D/edf/many-signals.edf", 1, "many-signals.edf"},
      {"edf_zero_samples", "data inspect @D/edf/zero-samples.edf", 1, "zero-samples.edf"},
      {"edf_huge_samples", "data inspect @D/edf/huge-samples.edf", 1, "huge-samples.edf"},
      {"edf_truncated_data", "data inspect @D/edf/truncated-data.edf", 1, "truncated-data.edf"},
      // ---- Bonn
      {"bonn_empty", "data inspect @D/bonn/empty.txt", 1, "empty.txt"},
      {"bonn_word", "data inspect @D/bonn/word.txt", 1, "word.txt"},
      {"bonn_float", "data inspect @D/bonn/float.txt", 1, "float.txt"},
      {"bonn_huge", "data inspect @D/bonn/huge.txt", 1, "huge.txt"},
      {"bonn_short", "data inspect @D/bonn/short.txt", 1, "short.txt"},

      // ---- fit-radio: traces and options
      {"fit_radio_one_event", "fit-radio @D/trace-one-event.csv --base nrf52832-1m", 1, "fewer than two whole"},
      {"fit_radio_flat", "fit-radio @D/trace-flat.csv --base nrf52832-1m", 1, "no connection event"},
      {"fit_radio_backwards", "fit-radio @D/trace-backwards.csv --base nrf52832-1m", 1, "trace-backwards.csv:4"},
      {"fit_radio_negative", "fit-radio @D/trace-negative.csv --base nrf52832-1m", 1, "trace-negative.csv:3"},
      {"fit_radio_nan", "fit-radio @D/trace-nan.csv --base nrf52832-1m", 1, "trace-nan.csv:3"},
      {"fit_radio_columns", "fit-radio @D/trace-columns.csv --base nrf52832-1m", 1, "--time-unit"},
      {"fit_radio_unit", "fit-radio @D/trace-columns.csv --base nrf52832-1m --time-unit h --current-unit mA", 1,
       "--time-unit"},
      {"fit_radio_missing", "fit-radio @D/no-such.csv --base nrf52832-1m", 1, "no-such.csv"},
      {"fit_radio_base", "fit-radio @D/trace-flat.csv --base no-such-radio", 1, "no-such-radio"},

      // ---- fit-device: options
      {"fit_measurements_empty", "fit-device '' --out @D/fit.yaml", 1, "measurements: must not be empty"},
      {"fit_measurements_missing", "fit-device @D/no-such.csv --out @D/fit.yaml --base stm32l476rg", 1, "no-such.csv"},
      {"fit_out_empty", "fit-device @D/cal-ok.csv --out ''", 1, "--out"},
      {"fit_features_empty", "fit-device @D/cal-ok.csv --out @D/fit.yaml --base stm32l476rg --features ''", 1,
       "--features"},
      {"fit_features_unknown", "fit-device @D/cal-ok.csv --out @D/fit.yaml --base stm32l476rg --features flops", 1,
       "--features"},
      {"fit_flash_inf", "fit-device @D/cal-ok.csv --out @D/fit.yaml --base stm32l476rg --flash-kb inf", 1, "--flash-kb"},
      {"fit_supply_nan", "fit-device @D/cal-ok.csv --out @D/fit.yaml --base stm32l476rg --supply-v nan", 1,
       "--supply-v"},
      {"fit_base_empty", "fit-device @D/cal-ok.csv --out @D/fit.yaml --base ''", 1, "--base"},
      {"fit_no_power", "fit-device @D/cal-ok.csv --out @D/fit.yaml --flash-kb 1 --ram-kb 1 --supply-v 3", 1,
       "--active-power-mw"},
      // ---- fit-device: the calibration CSV
      {"csv_negative_latency", "fit-device @D/cal-negative.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-negative.csv:5"},
      {"csv_nan_latency", "fit-device @D/cal-nan.csv --out @D/fit.yaml --base stm32l476rg", 1, "cal-nan.csv:5"},
      {"csv_overflow_latency", "fit-device @D/cal-huge.csv --out @D/fit.yaml --base stm32l476rg", 1, "cal-huge.csv:5"},
      {"csv_float_length", "fit-device @D/cal-float-length.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-float-length.csv:2"},
      {"csv_wrapping_length", "fit-device @D/cal-wrapping-length.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-wrapping-length.csv:2"},
      {"csv_huge_length", "fit-device @D/cal-huge-length.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-huge-length.csv:2"},
      {"csv_wrapping_point", "fit-device @D/cal-wrapping-point.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-wrapping-point.csv:2"},
      {"csv_point_one", "fit-device @D/cal-point-one.csv --out @D/fit.yaml --base stm32l476rg", 1,
       "cal-point-one.csv:2"},
      {"csv_no_column", "fit-device @D/cal-no-column.csv --out @D/fit.yaml --base stm32l476rg", 1, "cal-no-column.csv"},
      {"csv_open_quote", "fit-device @D/cal-quote.csv --out @D/fit.yaml --base stm32l476rg", 1, "cal-quote.csv"},
      {"csv_underdetermined", "fit-device @D/cal-underdetermined.csv --out @D/fit.yaml --base stm32l476rg --features macs,layer",
       1, "cal-underdetermined.csv"},
      {"csv_negative_fit", "fit-device @D/cal-negative-fit.csv --out @D/fit.yaml --base stm32l476rg --features macs,layer",
       1, "negative coefficient for 'macs'"},

      // ---- usage
      {"usage_no_command", "", 2, "subcommand"},
      {"usage_unknown_command", "no-such-command", 2, "unknown command 'no-such-command'; the commands are: data, "},
  };
  return c;
}

void PrintTo(const Case& c, std::ostream* os) { *os << "fognas " << c.args; }

class BadInput : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() { write_fixtures(); }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(fixture_dir(), ec);
  }
};

TEST_P(BadInput, ExitsWithOneOrTwoLinesNamingTheProblem) {
  const Case& c = GetParam();
  if (!c.skip.empty()) GTEST_SKIP() << c.skip;
  const std::string dir = fixture_dir().string();
  const auto r = run_fognas(replace_all(c.args, "@D", dir));
  const std::string needle = replace_all(c.needle, "@D", dir);
  EXPECT_EQ(r.exit_code, c.exit_code) << "fognas " << c.args << "\nstderr: " << r.err;
  EXPECT_GE(line_count(r.err), 1) << r.err;
  EXPECT_LE(line_count(r.err), 2) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << "expected '" << needle << "' in: " << r.err;
  EXPECT_EQ(r.out, "") << "stderr: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// A search whose workers cannot all start (as when --jobs exceeds what the
// system allows) stops with a message naming --jobs instead of waiting forever.
TEST(BadInputThreads, WorkersThatCannotStartAreReported) {
  write_fixtures();
  ::setenv("FOGNAS_TEST_WORKER_START_LIMIT", "1", 1);
  const auto r = run_fognas("search " + (fixture_dir() / "search-ok.yaml").string() + " --jobs 2");
  ::unsetenv("FOGNAS_TEST_WORKER_START_LIMIT");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_LE(line_count(r.err), 2) << r.err;
  EXPECT_NE(r.err.find("--jobs: could not start worker thread 2 of 2"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  std::error_code ec;
  fs::remove_all(fixture_dir(), ec);
}

TEST(BadInputCorpus, HasAtLeast150Cases) { EXPECT_GE(cases().size(), 150u); }

}  // namespace
}  // namespace fognas
