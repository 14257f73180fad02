#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using fognas::testing::write_temp_file;

TEST(Profiles, ShippedProfilesLoad) {
  McuProfile mcu = load_mcu_profile("stm32l476rg");
  EXPECT_EQ(mcu.flash_kb, 1024);
  EXPECT_EQ(mcu.ram_kb, 128);
  for (const char* r : {"ble-paper", "nrf52832-1m", "nrf52832-2m", "nrf52840-1m", "nrf52840-2m", "nrf52840-coded-s2",
                        "nrf52840-coded-s8"}) {
    RadioProfile radio = load_radio_profile(r);
    EXPECT_TRUE(radio.has_ble) << r;
  }
  EXPECT_GT(load_fog_profile("fog-paper").busy_power_mw, 0);
}

TEST(Profiles, UnknownKeyNamesFileLineAndKey) {
  std::string path = write_temp_file("fognas-fog-typo.yaml", "kind: fog\nname: f\nbusy_power_mw: 2\nrelative_sped: 3\n");
  std::string msg = input_error_of([&] { load_fog_profile(path); });
  EXPECT_NE(msg.find(path + ":4: unknown key 'relative_sped'"), std::string::npos) << msg;
}

TEST(Profiles, WrongKindMissingFileAndMalformedYamlAreErrors) {
  EXPECT_NE(input_error_of([] { load_mcu_profile("ble-paper"); }).find("expected 'mcu'"), std::string::npos);
  EXPECT_NE(input_error_of([] { load_mcu_profile("no-such-board"); }).find("no such profile"), std::string::npos);
  std::string bad = write_temp_file("fognas-bad.yaml", "kind: mcu\nname: [unclosed\n");
  EXPECT_NE(input_error_of([&] { load_mcu_profile(bad); }).find("malformed YAML"), std::string::npos);
  std::string neg = write_temp_file("fognas-neg.yaml", "kind: fog\nname: f\nbusy_power_mw: -1\nrelative_speed: 2\n");
  EXPECT_NE(input_error_of([&] { load_fog_profile(neg); }).find("busy_power_mw"), std::string::npos);
}

// A fog profile may name its own radio: beside it first, then as any profile
// name; without one it has none (the simulation then uses the wearables').
TEST(Profiles, AFogProfileMayNameItsOwnRadio) {
  EXPECT_FALSE(load_fog_profile("fog-paper").radio.has_value());
  const std::string named = write_temp_file("fognas-fog-radio.yaml",
                                            "kind: fog\nname: f\nbusy_power_mw: 2\nrelative_speed: 3\nradio: nrf52840-2m\n");
  const FogProfile f = load_fog_profile(named);
  ASSERT_TRUE(f.radio.has_value());
  EXPECT_EQ(f.radio->name, load_radio_profile("nrf52840-2m").name);
  EXPECT_DOUBLE_EQ(f.radio->ble.tx_current_ma, load_radio_profile("nrf52840-2m").ble.tx_current_ma);
  write_temp_file("fognas-fog-own-radio.yaml", "kind: radio\nname: beside\nmodel: per-bit\nenergy_per_bit_nj: 5\n");
  const std::string beside = write_temp_file(
      "fognas-fog-radio-beside.yaml", "kind: fog\nname: f\nbusy_power_mw: 2\nrelative_speed: 3\nradio: fognas-fog-own-radio.yaml\n");
  EXPECT_EQ(load_fog_profile(beside).radio->name, "beside");
  const std::string missing = write_temp_file("fognas-fog-radio-missing.yaml",
                                              "kind: fog\nname: f\nbusy_power_mw: 2\nrelative_speed: 3\nradio: no-such\n");
  const std::string msg = input_error_of([&] { load_fog_profile(missing); });
  EXPECT_NE(msg.find(missing + ":5: key 'radio'"), std::string::npos) << msg;
}

TEST(Profiles, HugeIntegersAreRejectedBeforeNarrowing) {
  std::string text = read_file(devices_dir() + "/nrf52832-1m/profile.yaml");
  text.replace(text.find("ll_payload_max_bytes: 251"), 25, "ll_payload_max_bytes: 4294967323");
  std::string path = write_temp_file("fognas-huge-payload.yaml", text);
  EXPECT_NE(input_error_of([&] { load_radio_profile(path); }).find("ble.ll_payload_max_bytes': must be between"),
            std::string::npos);
}

TEST(Profiles, EventOverheadsAndCalibrationAreChecked) {
  const std::string text = read_file(devices_dir() + "/nrf52832-1m/profile.yaml");
  auto error_with = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return input_error_of([&] { load_radio_profile(write_temp_file("fognas-overhead.yaml", t)); });
  };
  EXPECT_NE(error_with("sleep_clock_ppm: 20", "sleep_clock_ppm: -5").find("ble.sleep_clock_ppm': must be >= 0"),
            std::string::npos);
  EXPECT_NE(error_with("central_sleep_clock_ppm: 20", "central_sleep_clock_ppm: 900").find("<= 500"),
            std::string::npos);
  EXPECT_NE(error_with("cpu_post_event_us: 450", "cpu_post_event_us: .nan").find("cpu_post_event_us"),
            std::string::npos);
  EXPECT_NE(error_with("idle_event_charge_uc: 4.5", "idle_event_charge_uc: 0").find("idle_event_charge_uc"),
            std::string::npos);
  // An event's work must fit its interval: 30 ms cannot hold 28 ms of CPU and a full exchange.
  EXPECT_NE(error_with("cpu_pre_event_us: 200", "cpu_pre_event_us: 28000").find("conn_interval_ms"),
            std::string::npos);
  // A 2 ms event leaves 1860 us after the ramp-up; one exchange with a full
  // packet needs 80 + 150 + 2120 us. The event length is the key to blame.
  EXPECT_NE(error_with("max_event_length_ms: 3.75", "max_event_length_ms: 2").find("max_event_length_ms"),
            std::string::npos);
  // Without the key a profile gets the stack's default; the shipped
  // profiles state it, and 0 (no limit) stays an explicit choice.
  std::string without = text;
  without.erase(without.find("  max_event_length_ms: 3.75\n"), std::string("  max_event_length_ms: 3.75\n").size());
  EXPECT_DOUBLE_EQ(load_radio_profile(write_temp_file("fognas-no-mel.yaml", without)).ble.max_event_length_ms, 3.75);
  EXPECT_DOUBLE_EQ(load_radio_profile("nrf52832-1m").ble.max_event_length_ms, 3.75);
  EXPECT_DOUBLE_EQ(load_radio_profile("ble-paper").ble.max_event_length_ms, 0.0);
}

}  // namespace
}  // namespace fognas
