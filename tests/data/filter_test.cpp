// The band-pass must be a true Butterworth (its magnitude follows the
// closed-form response of a bilinear-transformed Butterworth) and, run
// zero-phase, must pass 10 Hz, remove 50 Hz mains and DC.
#include <gtest/gtest.h>

#include <cmath>

#include "fognas/data/filter.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"

namespace fognas {
namespace {

constexpr double kPi = 3.14159265358979323846;

double cascade_gain(const std::vector<Biquad>& c, double f, double fs) {
  double g = 1;
  for (const auto& s : c) g *= s.magnitude(f, fs);
  return g;
}

// Closed form: |H|^2 = 1 / (1 + (tan(pi f/fs) / tan(pi fc/fs))^(2N)) for the low-pass.
double analytic_lowpass(int order, double fc, double f, double fs) {
  double r = std::tan(kPi * f / fs) / std::tan(kPi * fc / fs);
  return 1.0 / std::sqrt(1.0 + std::pow(r, 2 * order));
}

double analytic_highpass(int order, double fc, double f, double fs) {
  double r = std::tan(kPi * fc / fs) / std::tan(kPi * f / fs);
  return 1.0 / std::sqrt(1.0 + std::pow(r, 2 * order));
}

double rms(const std::vector<double>& x, size_t from, size_t to) {
  double s = 0;
  for (size_t i = from; i < to; ++i) s += x[i] * x[i];
  return std::sqrt(s / static_cast<double>(to - from));
}

std::vector<double> sine(double f, double fs, size_t n, double amp = 1.0) {
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = amp * std::sin(2 * kPi * f * static_cast<double>(i) / fs + 0.3);
  return x;
}

TEST(Filter, DesignMatchesClosedFormButterworth) {
  for (int order : {2, 4, 6}) {
    auto lp = butterworth_lowpass(order, 30, 256);
    auto hp = butterworth_highpass(order, 1, 256);
    for (double f : {0.25, 0.5, 1.0, 3.0, 10.0, 30.0, 50.0, 100.0}) {
      EXPECT_NEAR(cascade_gain(lp, f, 256), analytic_lowpass(order, 30, f, 256), 1e-9) << order << " " << f;
      EXPECT_NEAR(cascade_gain(hp, f, 256), analytic_highpass(order, 1, f, 256), 1e-9) << order << " " << f;
    }
    EXPECT_NEAR(cascade_gain(lp, 30, 256), 1 / std::sqrt(2.0), 1e-12);  // -3 dB at the cutoff
  }
}

TEST(Filter, ZeroPhaseBandPassPasses10HzRemoves50HzAndDc) {
  const double fs = 256;
  const size_t n = 20 * 256;
  const size_t a = 4 * 256, b = n - 4 * 256;  // away from the edges
  auto cascade = butterworth_bandpass(4, 1, 30, fs);

  // Measured gain = the design's squared magnitude (forward + backward pass).
  auto pass = eeg_bandpass(sine(10, fs, n), fs);
  double g10 = rms(pass, a, b) / rms(sine(10, fs, n), a, b);
  EXPECT_NEAR(g10, std::pow(cascade_gain(cascade, 10, fs), 2), 1e-3);
  EXPECT_GT(g10, 0.99);

  auto stop = eeg_bandpass(sine(50, fs, n), fs);
  double att50_db = -20 * std::log10(rms(stop, a, b) / rms(sine(50, fs, n), a, b));
  EXPECT_NEAR(att50_db, -40 * std::log10(cascade_gain(cascade, 50, fs)), 0.2);
  EXPECT_GT(att50_db, 40.0);

  // The 10 Hz output has zero phase: it lines up with the input sample for sample.
  auto in10 = sine(10, fs, n);
  double err = 0;
  for (size_t i = a; i < b; ++i) err = std::max(err, std::abs(pass[i] - g10 * in10[i]));
  EXPECT_LT(err, 0.01);

  std::vector<double> dc(n, 5.0);
  for (size_t i = 0; i < n; ++i) dc[i] += 0.5 * std::sin(2 * kPi * 10 * static_cast<double>(i) / fs);
  auto out = eeg_bandpass(dc, fs);
  double mean = 0;
  for (size_t i = a; i < b; ++i) mean += out[i];
  mean /= static_cast<double>(b - a);
  EXPECT_LT(std::abs(mean), 1e-3 * 5.0);
}

TEST(Signal, ResampleKeepsEndsAndLines) {
  std::vector<double> x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  auto y = resample_linear(x.data(), x.size(), 2048);
  ASSERT_EQ(y.size(), 2048u);
  EXPECT_DOUBLE_EQ(y.front(), 0);
  EXPECT_DOUBLE_EQ(y.back(), 9);
  for (size_t j = 0; j < y.size(); ++j) EXPECT_NEAR(y[j], 9.0 * static_cast<double>(j) / 2047.0, 1e-9);
}

TEST(Signal, ZscoreHasZeroMeanUnitDeviation) {
  Rng rng(7);
  std::vector<double> x(1000);
  for (auto& v : x) v = rng.normal(3, 2);
  std::vector<float> z(x.size());
  zscore_to(x.data(), x.size(), z.data());
  double m = 0, s = 0;
  for (float v : z) m += v;
  m /= 1000;
  for (float v : z) s += (v - m) * (v - m);
  EXPECT_NEAR(m, 0, 1e-5);
  EXPECT_NEAR(std::sqrt(s / 1000), 1, 1e-5);
  std::vector<double> flat(10, 4.0);
  zscore_to(flat.data(), flat.size(), z.data());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(z[static_cast<size_t>(i)], 0.0f);
}

}  // namespace
}  // namespace fognas
