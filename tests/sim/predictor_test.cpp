// The protocol-aware predictor (cost/radio_energy) on its own: figures
// worked out by hand from the BLE timing rules.
#include <gtest/gtest.h>

#include "fognas/devices/profile_io.h"
#include "fognas/cost/radio_energy.h"

namespace fognas {
namespace {

// MTU 23: ATT PDUs of 20 data bytes, each 27 bytes with its headers, one
// packet each. MTU 498: PDUs of 495 data bytes, 502 with headers, in two
// packets of 251. Counted by hand for 1000 bytes.
TEST(BlePredictor, ATensorGoesOutAsAttPdusOfTheMtuFragmentedOverPackets) {
  BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  ble.att_mtu = 23;
  EXPECT_EQ(ble_ll_payloads(ble, 1000), std::vector<int>(50, 27));
  EXPECT_EQ(predict_ble_transfer(ble, 1000).packets, 50);
  ble.att_mtu = 498;
  EXPECT_EQ(ble_ll_payloads(ble, 1000), (std::vector<int>{251, 251, 251, 251, 17}));  // 495, 495 and 10 bytes
  const BleTransfer t = predict_ble_transfer(ble, 1000);
  EXPECT_EQ(t.packets, 5);
  // On the air beyond the tensor: 3 x 7 header bytes, 10 bytes of framing and
  // 4 of MIC per data packet, and the central's 10-byte empty packet each.
  EXPECT_EQ(t.overhead_bytes, 3 * 7 + 5 * (10 + 4) + 5 * 10);
  ble.att_mtu = 247;
  EXPECT_EQ(ble_ll_payloads(ble, 1000), (std::vector<int>{251, 251, 251, 251, 31}));  // 4 x 244 + 24
  EXPECT_EQ(predict_ble_transfer(ble, 1000).overhead_bytes, 5 * 7 + 5 * (10 + 4) + 5 * 10);
}

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
  // The receiver opens (20 + 20) ppm x 30 ms + 16 us before the anchor.
  const double widening_us = 40e-6 * 30000 + 16;
  EXPECT_DOUBLE_EQ(ble_window_widening_us(ble), widening_us);
  EXPECT_DOUBLE_EQ(t.tx_us, 150 * 4.0);
  EXPECT_DOUBLE_EQ(t.rx_us, 11 * 4.0 + widening_us);  // the central's opening packet
  EXPECT_DOUBLE_EQ(t.idle_us, 150.0);
  EXPECT_DOUBLE_EQ(t.ramp_us, 140.0);
  EXPECT_DOUBLE_EQ(t.xtal_us, 360.0);
  EXPECT_DOUBLE_EQ(t.cpu_us, 200.0 + 450.0);
  EXPECT_EQ(t.overhead_bytes, (150 - 128) + 11);
  // Radio-only currents at 3 V (nRF52840 specification, DC/DC): TX 4.8 mA, RX at 2M 5.2 mA.
  EXPECT_NEAR(t.energy_mj,
              (4.8 * 600 + 5.2 * (44 + widening_us) + 3.4 * 150 + 3.4 * 140 + 0.5 * 360 + 3.3 * 650) * 3.0 * 1e-6,
              1e-15);
}

TEST(BlePredictor, AProfileWithoutEventOverheadsCostsOnlyTheRadio) {
  BleRadioParams ble = load_radio_profile("nrf52840-2m").ble;
  ble.max_event_length_ms = 0;  // no limit: the event may use the whole interval
  ble.hfxo_startup_us = ble.cpu_pre_event_us = ble.cpu_post_event_us = 0;
  ble.sleep_clock_ppm = ble.central_sleep_clock_ppm = ble.rx_window_margin_us = 0;
  const BleTransfer t = predict_ble_transfer(ble, 128);
  EXPECT_EQ(t.xtal_us + t.cpu_us, 0.0);
  EXPECT_NEAR(t.energy_mj, (4.8 * 600 + 5.2 * 44 + 3.4 * 150 + 3.4 * 140) * 3.0 * 1e-6, 1e-15);
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 1), 30000 - 140);
}

TEST(BlePredictor, IdealProfileIsThePaperModel) {
  const RadioProfile paper = load_radio_profile("ble-paper");
  for (long bytes : {8L, 128L, 1024L, 8192L, 12345L})
    EXPECT_NEAR(predict_ble_transfer(paper.ble, bytes).energy_mj, per_bit_energy_mj(20, bytes), 1e-12) << bytes;
  EXPECT_EQ(predict_ble_idle_event(paper.ble).energy_mj, 0.0);
  EXPECT_EQ(ble_link_upkeep_power_mw(paper.ble), 0.0);
}

// The stack's default event length (3.75 ms) at 1M with 251-byte packets:
// one packet per event, worked out from the air times.
TEST(BlePredictor, TheDefaultEventLengthCarriesWhatItsAirTimeAllows) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_DOUBLE_EQ(ble.max_event_length_ms, 3.75);
  // Full packet: preamble 1 + AA 4 + header 2 + payload 251 + MIC 4 + CRC 3 =
  // 265 bytes x 8 us; the central's empty packet: 1 + 4 + 2 + 3 = 10 bytes.
  EXPECT_DOUBLE_EQ(ble_packet_airtime_us(ble, 251), 2120.0);
  EXPECT_DOUBLE_EQ(ble_packet_airtime_us(ble, 0), 80.0);
  // The event may use 3750 us less the ramp-up before the next one: 3610 us.
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 1), 3750.0 - 140.0);
  // Opening packet, T_IFS, data: 2350 us fits; another T_IFS + ack + T_IFS +
  // data (2500 us) would end at 4850 us: one packet per event.
  const double first_us = 80 + 150 + 2120, more_us = 150 + 80 + 150 + 2120;
  ASSERT_LE(first_us, 3610.0);
  ASSERT_GT(first_us + more_us, 3610.0);
  // 8192 bytes at 244 bytes of data per packet: 34 packets, 34 events.
  const BleTransfer t = predict_ble_transfer(ble, 8192);
  EXPECT_EQ(t.packets, 34);
  EXPECT_EQ(t.events, 34);
  // At 2M the same limit takes two: 44 + 150 + 1064 = 1258 us, + 1408 = 2666
  // us, a third would end at 4074 us; 34 packets in 17 events.
  const BleTransfer t2 = predict_ble_transfer(load_radio_profile("nrf52840-2m").ble, 8192);
  EXPECT_EQ(t2.packets, 34);
  EXPECT_EQ(t2.events, 17);
  // 0 is no limit, kept as an explicit choice: the link's own share again.
  BleRadioParams open = ble;
  open.max_event_length_ms = 0;
  EXPECT_EQ(predict_ble_transfer(open, 8192).events, 4);
}

TEST(BlePredictor, SharingACentralSplitsTheIntervalAndNeedsMoreEvents) {
  BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  ble.max_event_length_ms = 0;  // no limit: the interval's share alone bounds the event
  // Alone on its central a link's event must leave time for its post-event
  // CPU work and the next event's lead (CPU, crystal, ramp-up, widening).
  const double widening_us = 40e-6 * 30000 + 16;
  EXPECT_DOUBLE_EQ(ble_event_lead_us(ble), 200 + 360 + 140 + widening_us);
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 1), 30000 - (200 + 360 + 140 + widening_us) - 450);
  EXPECT_DOUBLE_EQ(ble_event_budget_us(ble, 4), 7500 - 140);
  const BleTransfer one = predict_ble_transfer(ble, 8192, 1), four = predict_ble_transfer(ble, 8192, 4);
  EXPECT_EQ(one.packets, 34);
  EXPECT_EQ(four.packets, 34);
  // 1 + (28832.8 - 2350) / 2500 = 11 packets per event; with 4 links 3.
  EXPECT_EQ(one.events, 4);
  EXPECT_EQ(four.events, 12);
  EXPECT_GT(four.energy_mj, one.energy_mj);  // more ramp-ups and openings
  // A packet that opens a new event instead of following an ack trades
  // T_IFS + ack + T_IFS for the event's whole lead and post-event work.
  const double per_event_nc = 4.0 * 140 + 5.4 * widening_us + 0.5 * 360 + 3.7 * 650 - 4.0 * 150;
  EXPECT_NEAR(four.energy_mj - one.energy_mj, 8 * per_event_nc * 3e-6, 1e-12);
}

TEST(BlePredictor, IdleLinkUpkeep) {
  BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  const BleIdleEvent e = predict_ble_idle_event(ble);
  const double widening_us = 40e-6 * 30000 + 16;
  const double awake_us = 200 + 360 + 140 + (widening_us + 80) + 150 + 80 + 450;
  EXPECT_DOUBLE_EQ(e.duration_us(), awake_us);
  EXPECT_NEAR(e.energy_mj,
              (0.5 * 360 + 3.7 * 650 + 4.0 * 140 + 5.4 * (widening_us + 80) + 4.0 * 150 + 5.3 * 80) * 3e-6, 1e-15);
  const double sleep_mw = 1.9e-3 * 3.0;
  EXPECT_NEAR(ble_link_upkeep_power_mw(ble), e.energy_mj / 0.030 + sleep_mw * (1 - awake_us / 30000), 1e-12);
  ble.peripheral_latency = 4;  // one idle event every 150 ms, the window widened for 150 ms
  const BleIdleEvent e4 = predict_ble_idle_event(ble);
  EXPECT_NEAR(e4.rx_us - e.rx_us, 40e-6 * 120000, 1e-9);
  EXPECT_NEAR(ble_link_upkeep_power_mw(ble), e4.energy_mj / 0.150 + sleep_mw * (1 - e4.duration_us() / 150000), 1e-12);
}

TEST(BlePredictor, CalibratedIdleEventIsWithinTwentyPercentOfItsMeasurement) {
  // The calibration's conditions: its interval; the charge it names is drawn
  // from its supply, and the profile's power reaches the chip through the
  // DC/DC converter, so the same energy at that voltage.
  for (const char* name : {"nrf52832-1m", "nrf52832-2m", "nrf52840-1m", "nrf52840-2m", "ble-paper"}) {
    const RadioProfile radio = load_radio_profile(name);
    if (!radio.calibration.calibrated) continue;
    BleRadioParams ble = radio.ble;
    ble.conn_interval_ms = radio.calibration.conn_interval_ms;
    const double uc = 1e3 * predict_ble_idle_event(ble).energy_mj / radio.calibration.supply_v;
    EXPECT_NEAR(uc, radio.calibration.idle_event_charge_uc, 0.2 * radio.calibration.idle_event_charge_uc) << name;
  }
  EXPECT_TRUE(load_radio_profile("nrf52832-1m").calibration.calibrated);
  EXPECT_FALSE(load_radio_profile("nrf52840-1m").calibration.calibrated);
}

TEST(BlePredictor, UpkeepPerWindowCountsTheAnchorsTheTransferLeavesFree) {
  BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  ble.max_event_length_ms = 0;  // no limit: 11 packets per event
  const BleTransfer none;
  const BleTransfer t = predict_ble_transfer(ble, 8192);  // 4 events
  // No transfer: the idle link over the window.
  EXPECT_NEAR(ble_upkeep_per_window_mj(ble, 3.0, none), ble_link_upkeep_power_mw(ble) * 3.0, 1e-12);
  // 100 anchors in 3 s; 4 carry data: 96 idle events, sleep for the rest.
  const BleIdleEvent e = predict_ble_idle_event(ble);
  const double awake_us = 96 * e.duration_us() + t.tx_us + t.rx_us + t.idle_us + t.ramp_us + t.xtal_us + t.cpu_us;
  EXPECT_NEAR(ble_upkeep_per_window_mj(ble, 3.0, t),
              96 * e.energy_mj + 1.9e-3 * (3e6 - awake_us) * 3.0 * 1e-6, 1e-12);
}

}  // namespace
}  // namespace fognas
