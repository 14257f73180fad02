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

}  // namespace
}  // namespace fognas
