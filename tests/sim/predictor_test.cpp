// The protocol-aware predictor (devices/radio_energy) on its own: figures
// worked out by hand from the BLE timing rules.
#include <gtest/gtest.h>

#include "fognas/devices/profile_io.h"
#include "fognas/devices/radio_energy.h"

namespace fognas {
namespace {

TEST(BlePredictor, SegmentsATensorIntoLlPayloadsWithTheL2capAttHeader) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_EQ(ble_ll_payloads(ble, 600), (std::vector<int>{251, 251, 119}));
  EXPECT_EQ(ble_ll_payloads(ble, 244), (std::vector<int>{251}));
  EXPECT_EQ(ble_ll_payloads(ble, 245), (std::vector<int>{251, 8}));
  EXPECT_TRUE(ble_ll_payloads(ble, 0).empty());
}

TEST(BlePredictor, OneEventTransferByHand) {
  const BleRadioParams ble = load_radio_profile("nrf52840-2m").ble;
  // 128 bytes: one packet with LL payload 135: (2+4+2+135+4+3) bytes x 4 us.
  const BleTransfer t = predict_ble_transfer(ble, 128);
  EXPECT_EQ(t.packets, 1);
  EXPECT_EQ(t.events, 1);
  EXPECT_DOUBLE_EQ(t.tx_us, 150 * 4.0);
  EXPECT_DOUBLE_EQ(t.rx_us, 11 * 4.0);  // the central's opening packet
  EXPECT_DOUBLE_EQ(t.idle_us, 150.0);
  EXPECT_DOUBLE_EQ(t.ramp_us, 140.0);
  EXPECT_EQ(t.overhead_bytes, (150 - 128) + 11);
  EXPECT_NEAR(t.energy_mj, (6.4 * 600 + 6.75 * 44 + 1.2 * 150 + 3.4 * 140) * 3.0 * 1e-6, 1e-15);
}

TEST(BlePredictor, IdealProfileIsThePaperModel) {
  const RadioProfile paper = load_radio_profile("ble-paper");
  for (long bytes : {8L, 128L, 1024L, 8192L, 12345L})
    EXPECT_NEAR(predict_ble_transfer(paper.ble, bytes).energy_mj, per_bit_energy_mj(20, bytes), 1e-12) << bytes;
  EXPECT_EQ(predict_ble_idle_event(paper.ble).energy_mj, 0.0);
  EXPECT_EQ(ble_link_upkeep_power_mw(paper.ble), 0.0);
}

TEST(BlePredictor, SharingACentralSplitsTheIntervalAndNeedsMoreEvents) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 1), 30000 - 140);
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 4), 7500 - 140);
  const BleTransfer one = predict_ble_transfer(ble, 8192, 1), four = predict_ble_transfer(ble, 8192, 4);
  EXPECT_EQ(one.packets, 34);
  EXPECT_EQ(four.packets, 34);
  // 1 + (29860 - 2350) / 2500 = 12 packets per event; with 4 links 3.
  EXPECT_EQ(one.events, 3);
  EXPECT_EQ(four.events, 12);
  EXPECT_GT(four.energy_mj, one.energy_mj);  // more ramp-ups and openings
  EXPECT_NEAR(four.energy_mj - one.energy_mj,
              9 * (4.0 * 140 + 6.5 * 80 + 1.2 * 150 - 6.5 * 80 - 2 * 1.2 * 150) * 3e-6, 1e-12);
}

TEST(BlePredictor, IdleLinkUpkeep) {
  BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  const BleIdleEvent e = predict_ble_idle_event(ble);
  EXPECT_DOUBLE_EQ(e.duration_us(), 140 + 80 + 150 + 80);
  EXPECT_NEAR(e.energy_mj, (4.0 * 140 + 6.5 * 80 + 1.2 * 150 + 7.1 * 80) * 3e-6, 1e-15);
  const double sleep_mw = 1.9e-3 * 3.0;
  EXPECT_NEAR(ble_link_upkeep_power_mw(ble), e.energy_mj / 0.030 + sleep_mw * (1 - 450.0 / 30000), 1e-12);
  ble.peripheral_latency = 4;  // one idle event every 150 ms
  EXPECT_NEAR(ble_link_upkeep_power_mw(ble), e.energy_mj / 0.150 + sleep_mw * (1 - 450.0 / 150000), 1e-12);
}

TEST(BlePredictor, UpkeepPerWindowCountsTheAnchorsTheTransferLeavesFree) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  const BleTransfer none;
  const BleTransfer t = predict_ble_transfer(ble, 8192);  // 3 events
  // No transfer: the idle link over the window.
  EXPECT_NEAR(ble_upkeep_per_window_mj(ble, 3.0, none), ble_link_upkeep_power_mw(ble) * 3.0, 1e-12);
  // 100 anchors in 3 s; 3 carry data: 97 idle events, sleep for the rest.
  const BleIdleEvent e = predict_ble_idle_event(ble);
  const double awake_us = 97 * e.duration_us() + t.tx_us + t.rx_us + t.idle_us + t.ramp_us;
  EXPECT_NEAR(ble_upkeep_per_window_mj(ble, 3.0, t),
              97 * e.energy_mj + 1.9e-3 * (3e6 - awake_us) * 3.0 * 1e-6, 1e-12);
}

}  // namespace
}  // namespace fognas
