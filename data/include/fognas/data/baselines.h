#pragma once
// What a network must beat: classifiers without learning, fitted on the
// training part of the same split the network sees and scored on its test
// part. If one amplitude threshold separates the classes, a network that
// scores lower has learnt less than a single number of each window holds.
#include <cstddef>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

struct Baseline {
  std::string name;      // "majority" or the feature: "peak-to-peak", "std", "line-length"
  double threshold = 0;  // feature value splitting the two sides (majority: none, 0)
  int below_label = 0;   // class predicted when feature <= threshold (majority: the class)
  int above_label = 0;   // class predicted above it
  double train_accuracy = 0, test_accuracy = 0;
};

// The features, in report order.
const std::vector<std::string>& baseline_features();
// One feature of one window: "peak-to-peak" (max - min), "std" (population
// standard deviation), "line-length" (sum of |x[i+1] - x[i]|).
double window_feature(const std::string& feature, const float* x, size_t n);

// The majority class of the training part; then for every feature a one-
// threshold classifier: the threshold (a midpoint between neighbouring
// training values) and the class on each side (the training majority there)
// that classify the most training windows correctly (ties: the lower
// threshold, the lower class). Accuracies on train and test.
std::vector<Baseline> compute_baselines(const DatasetSplit& split);

// The best test accuracy among them.
double best_baseline_accuracy(const std::vector<Baseline>& baselines);

}  // namespace fognas
