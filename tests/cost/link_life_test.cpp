// A link's life in expectation, checked where it has a closed form of its
// own: a link that loses nothing lives for ever, one that loses every packet
// is dropped after the supervision timeout and never heard again, and a
// two-state chain simulated step by step spends the predicted share of a run
// connected.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fognas/cost/ble_link_life.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

BleRadioParams nrf52840() { return load_radio_profile("nrf52840-2m").ble; }

TEST(LinkLife, ALinkThatLosesNothingStaysConnected) {
  const BleLinkLife l = predict_ble_link_life(nrf52840(), {}, -40.0, 120.0);
  EXPECT_TRUE(l.supervised);
  EXPECT_EQ(l.empty_loss, 0.0);
  EXPECT_TRUE(std::isinf(l.connected_s));
  EXPECT_EQ(l.connected_share, 1.0);
  EXPECT_EQ(l.losses, 0.0);
}

TEST(LinkLife, ALinkThatHearsNothingIsLostAfterTheTimeoutForGood) {
  const BleRadioParams ble = nrf52840();
  const double d = 120.0;
  const BleLinkLife l = predict_ble_link_life(ble, {}, -200.0, d);
  const double n = std::floor(ble.supervision_timeout_ms / ble.conn_interval_ms);
  EXPECT_DOUBLE_EQ(l.connected_s, n * 1e-3 * ble.conn_interval_ms);
  EXPECT_TRUE(std::isinf(l.advertising_s));
  // Lost at rate a and never back: the share of [0, D] connected.
  const double a = 1 / l.connected_s;
  EXPECT_NEAR(l.connected_share, (1 - std::exp(-a * d)) / (a * d), 1e-12);
  EXPECT_NEAR(l.down_at_end, 1 - std::exp(-a * d), 1e-12);
}

TEST(LinkLife, TheConnectedShareIsWhatATwoStateChainSpends) {
  // A link on the edge (an empty packet lost about 85 times in 100): the
  // chain that leaves the connected state at rate 1/T_c and comes back at
  // 1/T_a, drawn stay by stay from connected over 20 000 runs.
  const BleRadioParams ble = nrf52840();
  BleChannelParams channel;
  channel.fading = BleFading::Rayleigh;
  double mean_dbm = -100;
  for (; ble_faded_packet_error_rate(ble, channel, mean_dbm, 88) < 0.85; mean_dbm += 0.1) {
  }
  const double d = 60.0;
  const BleLinkLife l = predict_ble_link_life(ble, channel, mean_dbm, d);
  ASSERT_GT(l.connected_s, 1.0);
  ASSERT_LT(l.connected_s, d);
  ASSERT_TRUE(std::isfinite(l.advertising_s));
  std::mt19937_64 rng(5);
  std::exponential_distribution<double> stay_up(1 / l.connected_s), stay_down(1 / l.advertising_s);
  const int runs = 20000;
  double sum = 0, sum2 = 0;
  for (int r = 0; r < runs; ++r) {
    double t = 0, connected = 0;
    for (bool up = true; t < d; up = !up) {
      const double stay = std::min(up ? stay_up(rng) : stay_down(rng), d - t);
      if (up) connected += stay;
      t += stay;
    }
    sum += connected / d;
    sum2 += (connected / d) * (connected / d);
  }
  const double mean = sum / runs, se = std::sqrt((sum2 / runs - mean * mean) / (runs - 1));
  EXPECT_NEAR(l.connected_share, mean, 3 * se) << "simulated " << mean << " +- " << se;
}

}  // namespace
}  // namespace fognas
