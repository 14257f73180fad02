// The predictor's link budget (devices/ble_link_budget) on its own: the
// receiver at its sensitivity, and the fading and shadowing averages against
// Monte Carlo draws of the same distributions (written here independently).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fognas/devices/ble_link_budget.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

TEST(BleLinkBudget, SensitivityLevelGivesTheSpecificationsBitErrorRate) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_NEAR(ble_bit_error_rate(ble, ble.rx_sensitivity_dbm), 1e-3, 1e-12);
  EXPECT_LT(ble_bit_error_rate(ble, ble.rx_sensitivity_dbm + 3), 1e-5);
  BleChannelParams channel;
  channel.body_loss_db = 10;
  EXPECT_NEAR(ble_median_rx_power_dbm(ble, channel, 10.0), 0 - 40.05 - 30 - 10, 1e-12);
}

// Mean PER over `n` Monte Carlo draws of the gain, and its standard error.
template <class Draw>
std::pair<double, double> monte_carlo_per(const BleRadioParams& ble, double mean_dbm, long bits, Draw draw, int n) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double per = ble_packet_error_rate(ble, mean_dbm + 10 * std::log10(draw()), bits);
    sum += per;
    sum2 += per * per;
  }
  const double mean = sum / n;
  return {mean, std::sqrt(std::max(0.0, sum2 / n - mean * mean) / n)};
}

TEST(BleLinkBudget, FadedErrorRateIsTheMonteCarloMeanOfTheGain) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::exponential_distribution<double> exponential(1.0);
  BleChannelParams rayleigh, rician;
  rayleigh.fading = BleFading::Rayleigh;
  rician.fading = BleFading::Rician;
  rician.rician_k_db = 6;
  const double k = std::pow(10.0, 0.6);
  auto rician_gain = [&] {
    const double los = std::sqrt(k / (k + 1)), s = std::sqrt(0.5 / (k + 1));
    const double i = los + s * normal(rng), q = s * normal(rng);
    return i * i + q * q;
  };
  for (double margin_db : {0.0, 5.0, 10.0, 20.0}) {
    const double p_dbm = ble.rx_sensitivity_dbm + margin_db;
    const auto [mc_rayleigh, se_rayleigh] = monte_carlo_per(ble, p_dbm, 2168, [&] { return exponential(rng); }, 200000);
    EXPECT_NEAR(ble_faded_packet_error_rate(ble, rayleigh, p_dbm, 2168), mc_rayleigh, 3 * se_rayleigh + 1e-4)
        << margin_db;
    const auto [mc_rician, se_rician] = monte_carlo_per(ble, p_dbm, 2168, rician_gain, 200000);
    EXPECT_NEAR(ble_faded_packet_error_rate(ble, rician, p_dbm, 2168), mc_rician, 3 * se_rician + 1e-4) << margin_db;
  }
  // A strong direct path is almost no fading.
  rician.rician_k_db = 40;
  const double p_dbm = ble.rx_sensitivity_dbm + 8;
  EXPECT_NEAR(ble_faded_packet_error_rate(ble, rician, p_dbm, 2168), ble_packet_error_rate(ble, p_dbm, 2168), 0.01);
}

TEST(BleLinkBudget, LossRateGrowsSmoothlyWithDistanceUnderFadingAndShadowing) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams flat, faded;
  faded.fading = BleFading::Rayleigh;
  faded.shadowing_sigma_db = 4;
  // Without fading the loss jumps from ~0 to ~1 within a few metres; with it,
  // every step of 5 m adds a little, and no step is a cliff.
  double previous = 0;
  for (double d = 5; d <= 80; d += 5) {
    const double p = ble_expected_loss_rate(ble, faded, d, 251);
    EXPECT_GE(p, previous) << d;
    EXPECT_LT(p - previous, 0.25) << d;
    previous = p;
  }
  EXPECT_GT(ble_expected_loss_rate(ble, faded, 10, 251), 1e-3);
  EXPECT_LT(ble_expected_loss_rate(ble, flat, 10, 251), 1e-12);
}

TEST(BleLinkBudget, ExpectedResendsOfOneLinkAreGeometric) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams channel;
  channel.fading = BleFading::Rayleigh;
  const double d = 20;
  const double p = ble_expected_loss_rate(ble, channel, d, 251);
  // 488 bytes: two full packets (244 bytes of data each).
  const BleExpectedLosses l = predict_ble_losses(ble, channel, d, 488);
  EXPECT_NEAR(l.resends, 2 * p / (1 - p), 1e-12);
  EXPECT_NEAR(l.loss_rate, p, 1e-15);
  EXPECT_GT(l.resend_energy_mj, 0);
}


// Collisions: a Monte Carlo of the same picture drawn independently here
// (each interferer at a uniform phase over its interval, on a uniform one of
// the data channels, our packet faded) against the closed form.
TEST(BleLinkBudget, CollisionProbabilityIsTheMonteCarloShareOfCapturedOverlaps) {
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::exponential_distribution<double> exponential(1.0);
  BleSharedAir air;
  air.data_channels = 5;
  air.capture_threshold_db = 21;
  // Spans, intervals and powers unlike each other; the last one 30 dB too
  // weak to beat the threshold without a deep fade.
  air.interferers = {{310, 30000, -50}, {2350, 30000, -45}, {830, 7500, -60}, {310, 30000, -95}};
  const double packet_us = 2120, signal_dbm = -60;
  for (BleFading fading : {BleFading::None, BleFading::Rayleigh}) {
    BleChannelParams channel;
    channel.fading = fading;
    const int n = 200000;
    int lost = 0;
    for (int k = 0; k < n; ++k) {
      const int ours = static_cast<int>(unit(rng) * air.data_channels);
      const double gain = fading == BleFading::None ? 1.0 : exponential(rng);
      bool collided = false;
      for (const BleInterferer& i : air.interferers) {
        // Our packet at [0, packet); theirs starts anywhere in the interval,
        // seen from our packet's start (and one interval earlier).
        const double start = unit(rng) * i.interval_us;
        const bool overlap = start < packet_us || start + i.span_us > i.interval_us;
        const bool same = static_cast<int>(unit(rng) * air.data_channels) == ours;
        const bool captured = 10 * std::log10(gain) + signal_dbm - i.rx_power_dbm < air.capture_threshold_db;
        collided = collided || (overlap && same && captured);
      }
      lost += collided ? 1 : 0;
    }
    const double share = static_cast<double>(lost) / n, se = std::sqrt(share * (1 - share) / n);
    EXPECT_NEAR(ble_collision_probability(channel, air, packet_us, signal_dbm), share, 3 * se) << to_string(fading);
  }
}

TEST(BleLinkBudget, NothingCollidesWithoutInterferersOrFarBelowTheCaptureThreshold) {
  BleChannelParams flat;
  BleSharedAir air;
  EXPECT_EQ(ble_collision_probability(flat, air, 2120, -60), 0.0);
  air.interferers = {{310, 30000, -130}, {2350, 30000, -120}};  // 1 km away
  EXPECT_EQ(ble_collision_probability(flat, air, 2120, -60), 0.0);
  // Within range, every overlap on the same channel collides: 1/37 of (span + packet) / interval.
  air.interferers = {{310, 30000, -50}};
  EXPECT_NEAR(ble_collision_probability(flat, air, 2120, -60), (310.0 + 2120.0) / 30000.0 / 37.0, 1e-15);
  // Rician fading: the capture share of a strong interferer is the share of
  // gains below 10^(3.1) (all of them), of a weak one that of gains below
  // 10^-2.9, small but not zero.
  BleChannelParams rician;
  rician.fading = BleFading::Rician;
  rician.rician_k_db = 6;
  EXPECT_NEAR(ble_collision_probability(rician, air, 2120, -60), (310.0 + 2120.0) / 30000.0 / 37.0, 1e-9);
  air.interferers = {{310, 30000, -110}};
  const double weak = ble_collision_probability(rician, air, 2120, -60);
  EXPECT_GT(weak, 0);
  EXPECT_LT(weak, 1e-3 * (310.0 + 2120.0) / 30000.0 / 37.0);
}

TEST(BleLinkBudget, CollisionsAddToTheResendsAsIndependentLosses) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams channel;
  channel.fading = BleFading::Rayleigh;
  const double d = 20;
  BleSharedAir air;
  air.data_channels = 4;
  air.interferers.assign(6, {310, 30000, -40});
  const double crc = ble_expected_loss_rate(ble, channel, d, 251);
  const double collision =
      ble_collision_probability(channel, air, ble_packet_airtime_us(ble, 251), ble_median_rx_power_dbm(ble, channel, d));
  EXPECT_NEAR(collision, 1 - std::pow(1 - 0.25 * (310 + 2120) / 30000.0, 6), 1e-12);
  const double p = 1 - (1 - crc) * (1 - collision);
  const BleExpectedLosses l = predict_ble_losses(ble, channel, d, 488, air);
  EXPECT_NEAR(l.collision_rate, collision, 1e-15);
  EXPECT_NEAR(l.loss_rate, p, 1e-15);
  EXPECT_NEAR(l.resends, 2 * p / (1 - p), 1e-12);
  EXPECT_GT(l.resend_energy_mj, predict_ble_losses(ble, channel, d, 488).resend_energy_mj);
}

// An idle link is on the air for the central's empty packet, T_IFS and the
// empty reply; a link sending one 251-byte packet per window adds, for one
// interval in the window's, the opening, T_IFS and the packet.
TEST(BleLinkBudget, MeanEventSpanMixesIdleAndDataEvents) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_DOUBLE_EQ(ble_mean_event_span_us(ble, BleTransfer{}, 4), 80 + 150 + 80);
  const BleTransfer one = predict_ble_transfer(ble, 244);
  ASSERT_EQ(one.events, 1);
  const double share = 0.030 / 4;
  EXPECT_NEAR(ble_mean_event_span_us(ble, one, 4), (1 - share) * 310 + share * (80 + 150 + 2120), 1e-9);
  BleRadioParams ideal = ble;
  ideal.empty_acks = false;
  EXPECT_EQ(ble_mean_event_span_us(ideal, one, 4), 0);
}

}  // namespace
}  // namespace fognas
