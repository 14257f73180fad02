// The generators: deterministic in the seed, balanced, z-scored like the real
// preprocessing, and independent of how many examples are asked for.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/data/synthetic.h"

namespace fognas {
namespace {

void expect_zscored(const Dataset& d, size_t segment) {
  for (size_t i = 0; i < d.size(); ++i)
    for (size_t off = 0; off < static_cast<size_t>(d.length); off += segment) {
      double m = 0, s = 0;
      const float* x = d.example(i) + off;
      for (size_t j = 0; j < segment; ++j) m += x[j];
      m /= static_cast<double>(segment);
      for (size_t j = 0; j < segment; ++j) s += (x[j] - m) * (x[j] - m);
      ASSERT_NEAR(m, 0, 1e-4) << i;
      ASSERT_NEAR(std::sqrt(s / static_cast<double>(segment)), 1, 1e-4) << i;
    }
}

TEST(Synthetic, EegIsDeterministicBalancedAndZscored) {
  Dataset a = synthetic_eeg(7, 40), b = synthetic_eeg(7, 40), c = synthetic_eeg(8, 40);
  EXPECT_EQ(a.class_names, (std::vector<std::string>{"non-seizure", "seizure"}));
  EXPECT_EQ(a.length, 2048);
  ASSERT_EQ(a.samples.size(), 80u * 2048);
  EXPECT_EQ(std::memcmp(a.samples.data(), b.samples.data(), a.samples.size() * sizeof(float)), 0);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_NE(a.samples, c.samples);
  EXPECT_EQ(a.class_counts(), (std::vector<size_t>{40, 40}));
  for (float v : a.samples) ASSERT_TRUE(std::isfinite(v));
  expect_zscored(a, 1024);  // each channel on its own
  // An example does not depend on how many were generated.
  Dataset small = synthetic_eeg(7, 3);
  EXPECT_TRUE(std::equal(small.samples.begin(), small.samples.end(), a.samples.begin()));
}

TEST(Synthetic, EcgIsDeterministicBalancedAndZscored) {
  Dataset a = synthetic_ecg(7, 30), b = synthetic_ecg(7, 30), c = synthetic_ecg(8, 30);
  EXPECT_EQ(a.class_names, (std::vector<std::string>{"N", "S", "V", "F", "Q"}));
  ASSERT_EQ(a.samples.size(), 150u * 2048);
  EXPECT_EQ(std::memcmp(a.samples.data(), b.samples.data(), a.samples.size() * sizeof(float)), 0);
  EXPECT_NE(a.samples, c.samples);
  EXPECT_EQ(a.class_counts(), (std::vector<size_t>{30, 30, 30, 30, 30}));
  for (float v : a.samples) ASSERT_TRUE(std::isfinite(v));
  expect_zscored(a, 2048);
}

TEST(Synthetic, DefaultSizesThroughLoad) {
  Dataset e = load_dataset("synthetic-eeg", DataOptions{});
  EXPECT_EQ(e.size(), 2 * kSyntheticEegPerClass);
  Dataset g = load_dataset("synthetic-ecg", DataOptions{3, 12});
  EXPECT_EQ(g.size(), 5u * 12);
  EXPECT_EQ(g.samples, synthetic_ecg(3, 12).samples);
}

// Log band power of each channel in 1 Hz bins from 1 to 30 Hz (4 s windows).
std::vector<double> band_powers(const float* x) {
  static std::vector<double> cos_t, sin_t;
  if (cos_t.empty())
    for (int n = 0; n < 1024; ++n) {
      cos_t.push_back(std::cos(2 * 3.14159265358979323846 * n / 1024));
      sin_t.push_back(std::sin(2 * 3.14159265358979323846 * n / 1024));
    }
  std::vector<double> f;
  for (int c = 0; c < 2; ++c)
    for (int hz = 1; hz <= 30; ++hz) {
      double re = 0, im = 0;
      for (int n = 0; n < 1024; ++n) {
        size_t k = static_cast<size_t>((4 * hz * n) % 1024);
        re += x[c * 1024 + n] * cos_t[k];
        im -= x[c * 1024 + n] * sin_t[k];
      }
      f.push_back(std::log(re * re + im * im + 1e-9));
    }
  return f;
}

// Test accuracy of a nearest-class-mean classifier trained on the train part.
template <typename Features>
double nearest_mean_accuracy(const DatasetSplit& s, Features features) {
  const size_t classes = static_cast<size_t>(s.train.classes());
  std::vector<std::vector<double>> mean(classes);
  std::vector<double> count(classes, 0);
  for (size_t i = 0; i < s.train.size(); ++i) {
    auto f = features(s.train.example(i));
    auto& m = mean[static_cast<size_t>(s.train.labels[i])];
    if (m.empty()) m.assign(f.size(), 0);
    for (size_t j = 0; j < f.size(); ++j) m[j] += f[j];
    ++count[static_cast<size_t>(s.train.labels[i])];
  }
  for (size_t c = 0; c < classes; ++c)
    for (auto& v : mean[c]) v /= count[c];
  size_t right = 0;
  for (size_t i = 0; i < s.test.size(); ++i) {
    auto f = features(s.test.example(i));
    size_t best = 0;
    double best_d = 1e300;
    for (size_t c = 0; c < classes; ++c) {
      double d = 0;
      for (size_t j = 0; j < f.size(); ++j) d += (f[j] - mean[c][j]) * (f[j] - mean[c][j]);
      if (d < best_d) best_d = d, best = c;
    }
    right += best == static_cast<size_t>(s.test.labels[i]) ? 1 : 0;
  }
  return static_cast<double>(right) / static_cast<double>(s.test.size());
}

// A simple classifier must do clearly better than chance (the classes carry
// their physiology) and clearly worse than perfect (they overlap, so the
// architecture a search picks makes a difference).
TEST(Synthetic, ClassesAreInformativeButOverlap) {
  DatasetSplit eeg = split_dataset(synthetic_eeg(1), 1);
  double eeg_acc = nearest_mean_accuracy(eeg, band_powers);
  EXPECT_GT(eeg_acc, 0.65);  // chance: 0.5
  EXPECT_LT(eeg_acc, 0.95);
  DatasetSplit ecg = split_dataset(synthetic_ecg(1), 1);
  double ecg_acc = nearest_mean_accuracy(ecg, [](const float* x) { return std::vector<double>(x, x + 2048); });
  EXPECT_GT(ecg_acc, 0.4);  // chance: 0.2
  EXPECT_LT(ecg_acc, 0.9);
}

}  // namespace
}  // namespace fognas
