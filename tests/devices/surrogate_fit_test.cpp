// The least-squares fit recovers known coefficients from synthetic
// measurements of random sub-networks, and the shipped profile is what the
// fit gives on the shipped calibration data.
#include <gtest/gtest.h>

#include <random>

#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/surrogate_fit.h"

namespace fognas {
namespace {

std::vector<Layer> random_network(std::mt19937_64& rng) {
  const int lengths_set[] = {1024, 512, 256, 128, 64, 32, 16, 8, 4};
  std::uniform_int_distribution<int> pick(0, 8), ch(1, 4), depth(1, 6);
  std::vector<int> ls{2048}, cs{1};
  for (int i = 0, n = depth(rng); i < n; ++i) {
    ls.push_back(lengths_set[pick(rng)]);
    cs.push_back(ch(rng));
  }
  ls.push_back(5);
  cs.push_back(1);
  return build_layers(ls, cs);
}

TEST(SurrogateFit, RecoversKnownCoefficientsFromNoiselessMeasurements) {
  Surrogate truth;
  truth.features = {SurrogateFeature::Macs, SurrogateFeature::Layer};
  truth.latency_ms_per_unit = {std::vector<double>{8.4e-4, 0.02}, std::vector<double>{7.9e-4, 0.05},
                               std::vector<double>{9.1e-4, 0.01}};
  std::mt19937_64 rng(11);
  std::vector<LatencyMeasurement> data;
  for (int i = 0; i < 60; ++i) {
    LatencyMeasurement m;
    m.label = "net" + std::to_string(i);
    m.layers = random_network(rng);
    std::uniform_int_distribution<size_t> cut(1, m.layers.size());
    m.layers.resize(cut(rng));  // sub-networks, as a partitioned network runs them
    for (const auto& l : m.layers) m.latency_ms += truth.latency_ms(l);
    data.push_back(m);
  }
  SurrogateFit fit = fit_surrogate(data, truth.features, "synthetic");
  for (int k = 0; k < kSurrogateKinds; ++k)
    for (size_t f = 0; f < 2; ++f) {
      double want = truth.latency_ms_per_unit[static_cast<size_t>(k)][f];
      EXPECT_NEAR(fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)][f], want, 1e-9 * want);
    }
  EXPECT_NEAR(fit.surrogate.r2, 1.0, 1e-12);
  for (double r : fit.residual_ms) EXPECT_NEAR(r, 0.0, 1e-9);
}

TEST(SurrogateFit, NoisyMeasurementsGiveCoefficientsNearTheTruthAndR2BelowOne) {
  Surrogate truth;
  truth.features = {SurrogateFeature::Macs};
  truth.latency_ms_per_unit = {std::vector<double>{8e-4}, std::vector<double>{6e-4}, std::vector<double>{1e-3}};
  std::mt19937_64 rng(5);
  std::normal_distribution<double> noise(1.0, 0.02);
  std::vector<LatencyMeasurement> data;
  for (int i = 0; i < 400; ++i) {
    LatencyMeasurement m;
    m.layers = random_network(rng);
    for (const auto& l : m.layers) m.latency_ms += truth.latency_ms(l);
    m.latency_ms *= noise(rng);
    data.push_back(m);
  }
  SurrogateFit fit = fit_surrogate(data, truth.features, "synthetic");
  for (int k = 0; k < kSurrogateKinds; ++k) {
    double want = truth.latency_ms_per_unit[static_cast<size_t>(k)][0];
    EXPECT_NEAR(fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)][0], want, 0.05 * want);
  }
  EXPECT_LT(fit.surrogate.r2, 1.0);
  EXPECT_GT(fit.surrogate.r2, 0.99);
}

TEST(SurrogateFit, UndeterminedCoefficientsAreAnError) {
  // Every measurement has the same conv/fc MAC ratio: the two coefficients
  // cannot be told apart.
  std::vector<LatencyMeasurement> data;
  for (int i = 1; i <= 3; ++i) {
    LatencyMeasurement m;
    m.layers = build_layers({2048, 128, 2}, {1, 1, 1});
    m.latency_ms = i;
    data.push_back(m);
  }
  EXPECT_THROW(fit_surrogate(data, {SurrogateFeature::Macs}, "x"), InputError);
}

TEST(SurrogateFit, ShippedProfileIsTheFitOfTheShippedCalibration) {
  McuProfile shipped = load_mcu_profile("stm32l476rg");
  auto data = read_measurements(devices_dir() + "/stm32l476rg/calibration.csv", shipped.active_power_mw);
  ASSERT_EQ(data.size(), 8u);
  SurrogateFit fit = fit_surrogate(data, shipped.surrogate.features, "calibration");
  for (int k = 0; k < kSurrogateKinds; ++k) {
    const auto& want = fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)];
    const auto& got = shipped.surrogate.latency_ms_per_unit[static_cast<size_t>(k)];
    ASSERT_EQ(got.size(), want.size());
    for (size_t f = 0; f < want.size(); ++f) EXPECT_NEAR(got[f], want[f], 1e-8 * want[f]);
  }
  EXPECT_GT(fit.surrogate.r2, 0.9999);
  // Every published sub-network energy is predicted within 3%.
  for (size_t i = 0; i < data.size(); ++i)
    EXPECT_NEAR(fit.predicted_ms[i], data[i].latency_ms, 0.03 * data[i].latency_ms) << data[i].label;
}

}  // namespace
}  // namespace fognas
