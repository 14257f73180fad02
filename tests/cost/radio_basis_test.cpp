// The shipped radio profiles on one stated current basis, and the regulator's
// efficiency in the predictor.
#include <gtest/gtest.h>

#include <string>

#include "fognas/cost/radio_energy.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

const char* const kShippedRadios[] = {"ble-paper",   "nrf52832-1m",       "nrf52832-2m",      "nrf52840-1m",
                                      "nrf52840-2m", "nrf52840-coded-s2", "nrf52840-coded-s8"};

TEST(RadioBasis, EveryShippedProfileStatesItsBasisAndSources) {
  for (const char* name : kShippedRadios) {
    const RadioProfile r = load_radio_profile(name);
    EXPECT_FALSE(r.current_basis.empty()) << name;
    EXPECT_FALSE(r.current_sources.empty()) << name;
  }
}

// On one basis the datasheets' order holds: the nRF52840's radio draws less
// than the nRF52832's (TX 4.8 against 5.3 mA, RX 4.6 against 5.4 mA at 1M).
TEST(RadioBasis, OnOneBasisTheNrf52840CostsAtMostWhatTheNrf52832Costs) {
  const BleRadioParams n832 = load_radio_profile("nrf52832-1m").ble, n840 = load_radio_profile("nrf52840-1m").ble;
  for (double interval_ms : {7.5, 30.0, 100.0, 1000.0}) {
    BleRadioParams a = n832, b = n840;
    a.conn_interval_ms = b.conn_interval_ms = interval_ms;
    EXPECT_LE(predict_ble_idle_event(b).energy_mj, predict_ble_idle_event(a).energy_mj) << interval_ms;
    EXPECT_LE(predict_ble_transfer(b, 8192).energy_mj, predict_ble_transfer(a, 8192).energy_mj) << interval_ms;
  }
}

TEST(RadioBasis, ARegulatorOfEfficiencyEtaMakesTheBatteryGiveOneOverEtaOfEveryFigure) {
  const BleRadioParams ideal = load_radio_profile("nrf52832-1m").ble;
  BleRadioParams lossy = ideal;
  lossy.dcdc_efficiency = 0.8;
  EXPECT_NEAR(predict_ble_idle_event(lossy).energy_mj, predict_ble_idle_event(ideal).energy_mj / 0.8, 1e-15);
  const BleTransfer t_ideal = predict_ble_transfer(ideal, 4096), t_lossy = predict_ble_transfer(lossy, 4096);
  EXPECT_NEAR(t_lossy.energy_mj, t_ideal.energy_mj / 0.8, 1e-12);
  EXPECT_NEAR(ble_link_upkeep_power_mw(lossy), ble_link_upkeep_power_mw(ideal) / 0.8, 1e-12);
  EXPECT_NEAR(ble_upkeep_per_window_mj(lossy, 4, t_lossy), ble_upkeep_per_window_mj(ideal, 4, t_ideal) / 0.8, 1e-12);
}

}  // namespace
}  // namespace fognas
