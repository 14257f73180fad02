#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/radio_energy.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using fognas::testing::write_temp_file;

TEST(Profiles, ShippedProfilesLoad) {
  McuProfile mcu = load_mcu_profile("stm32l476rg");
  EXPECT_EQ(mcu.flash_kb, 1024);
  EXPECT_EQ(mcu.ram_kb, 128);
  for (const char* r : {"ble-paper", "nrf52832-1m", "nrf52832-2m", "nrf52840-1m", "nrf52840-2m"}) {
    RadioProfile radio = load_radio_profile(r);
    EXPECT_TRUE(radio.has_ble) << r;
  }
  EXPECT_GT(load_fog_profile("fog-paper").busy_power_mw, 0);
}

TEST(Profiles, PaperRadioIsTwentyNanojoulesPerBit) {
  RadioProfile radio = load_radio_profile("ble-paper");
  EXPECT_DOUBLE_EQ(tx_energy_mj(radio, 128), 128 * 8 * 20e-6);
  // Its ideal BLE description gives the same figure: 20 mW at 1 us per bit.
  EXPECT_NEAR(predict_ble_transfer(radio.ble, 128).energy_mj, 128 * 8 * 20e-6, 1e-12);
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

TEST(Profiles, HugeIntegersAreRejectedBeforeNarrowing) {
  std::string text = read_file(devices_dir() + "/nrf52832-1m/profile.yaml");
  text.replace(text.find("ll_payload_max_bytes: 251"), 25, "ll_payload_max_bytes: 4294967323");
  std::string path = write_temp_file("fognas-huge-payload.yaml", text);
  EXPECT_NE(input_error_of([&] { load_radio_profile(path); }).find("ble.ll_payload_max_bytes': must be between"),
            std::string::npos);
}

}  // namespace
}  // namespace fognas
