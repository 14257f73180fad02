// The generators: deterministic in the seed, balanced, z-scored like the real
// preprocessing, and independent of how many examples are asked for.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "fognas/data/load.h"
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

}  // namespace
}  // namespace fognas
