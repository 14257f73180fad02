// Baselines: the majority class and one-threshold classifiers, checked on a
// data set small enough to work out by hand and against a brute-force search
// over every threshold and every pair of side classes on random data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fognas/data/baselines.h"
#include "fognas/data/random.h"

namespace fognas {
namespace {

Dataset windows(const std::vector<std::vector<float>>& xs, const std::vector<int>& labels, int classes) {
  Dataset d;
  d.class_names.clear();
  for (int c = 0; c < classes; ++c) d.class_names.push_back("c" + std::to_string(c));
  d.length = static_cast<int>(xs.front().size());
  for (const auto& x : xs) d.samples.insert(d.samples.end(), x.begin(), x.end());
  d.labels = labels;
  return d;
}

const Baseline& named(const std::vector<Baseline>& bs, const std::string& name) {
  return *std::find_if(bs.begin(), bs.end(), [&](const Baseline& b) { return b.name == name; });
}

TEST(Baselines, WorkedByHand) {
  DatasetSplit s;
  // Class 1 is louder. Peak-to-peak on train: 2, 4, 6 (class 0), 10, 12 (class 1).
  s.train = windows({{0, 2, 0, 0}, {0, -4, 0, 0}, {3, -3, 0, 0}, {5, -5, 5, -5}, {6, -6, 6, -6}}, {0, 0, 0, 1, 1}, 2);
  // Test: peak-to-peak 7 (class 0: above 8? no -> class 0, right), 9 (class 1, right), 20 (class 0, wrong).
  s.test = windows({{0, 7, 0, 0}, {0, 9, 0, 0}, {10, -10, 0, 0}}, {0, 1, 0}, 2);
  const auto bs = compute_baselines(s);
  ASSERT_EQ(bs.size(), 4u);

  const Baseline& m = named(bs, "majority");
  EXPECT_EQ(m.below_label, 0);  // three of five training windows
  EXPECT_DOUBLE_EQ(m.train_accuracy, 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(m.test_accuracy, 2.0 / 3.0);

  const Baseline& p = named(bs, "peak-to-peak");
  EXPECT_DOUBLE_EQ(p.threshold, 8.0);  // midway between 6 and 10
  EXPECT_EQ(p.below_label, 0);
  EXPECT_EQ(p.above_label, 1);
  EXPECT_DOUBLE_EQ(p.train_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(p.test_accuracy, 2.0 / 3.0);

  // Line length of {5, -5, 5, -5} is 30; of {0, 2, 0, 0} it is 4.
  EXPECT_DOUBLE_EQ(window_feature("line-length", s.train.example(3), 4), 30.0);
  EXPECT_DOUBLE_EQ(window_feature("line-length", s.train.example(0), 4), 4.0);
  EXPECT_DOUBLE_EQ(window_feature("std", s.train.example(3), 4), 5.0);
  EXPECT_DOUBLE_EQ(best_baseline_accuracy(bs), std::max({m.test_accuracy, p.test_accuracy,
                                                         named(bs, "std").test_accuracy,
                                                         named(bs, "line-length").test_accuracy}));
}

// Every threshold between neighbouring values and every pair of side classes,
// counted from scratch; the first threshold (ascending) reaching the most.
double brute_force_train_accuracy(const Dataset& train, const std::string& feature, double* threshold) {
  std::vector<double> f;
  for (size_t i = 0; i < train.size(); ++i) f.push_back(window_feature(feature, train.example(i), 4));
  std::vector<double> sorted = f;
  std::sort(sorted.begin(), sorted.end());
  size_t best = 0;
  *threshold = sorted.back();
  for (int c = 0; c < train.classes(); ++c)
    best = std::max(best, static_cast<size_t>(std::count(train.labels.begin(), train.labels.end(), c)));
  for (size_t j = 0; j + 1 < sorted.size(); ++j) {
    if (sorted[j] == sorted[j + 1]) continue;
    const double t = 0.5 * (sorted[j] + sorted[j + 1]);
    for (int lo = 0; lo < train.classes(); ++lo)
      for (int hi = 0; hi < train.classes(); ++hi) {
        size_t right = 0;
        for (size_t i = 0; i < f.size(); ++i) right += (f[i] <= t ? lo : hi) == train.labels[i];
        if (right > best) {
          best = right;
          *threshold = t;
        }
      }
  }
  return static_cast<double>(best) / static_cast<double>(f.size());
}

TEST(Baselines, MatchBruteForceOnRandomData) {
  Rng rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    const int classes = 2 + static_cast<int>(rng.index(3));
    std::vector<std::vector<float>> xs;
    std::vector<int> labels;
    const size_t n = 5 + rng.index(30);
    for (size_t i = 0; i < n; ++i) {
      const int c = static_cast<int>(rng.index(static_cast<size_t>(classes)));
      std::vector<float> x(4);
      // Small integers make ties between windows common.
      for (float& v : x) v = static_cast<float>(static_cast<int>(rng.index(5)) * (1 + c % 2));
      xs.push_back(x);
      labels.push_back(c);
    }
    DatasetSplit s;
    s.train = windows(xs, labels, classes);
    s.test = s.train;
    const auto bs = compute_baselines(s);
    for (const std::string& feature : baseline_features()) {
      double t = 0;
      const double expected = brute_force_train_accuracy(s.train, feature, &t);
      const Baseline& b = named(bs, feature);
      EXPECT_DOUBLE_EQ(b.train_accuracy, expected) << feature << " trial " << trial;
      EXPECT_DOUBLE_EQ(b.test_accuracy, expected) << feature << " trial " << trial;  // test = train here
      EXPECT_DOUBLE_EQ(b.threshold, t) << feature << " trial " << trial;
    }
  }
}

}  // namespace
}  // namespace fognas
