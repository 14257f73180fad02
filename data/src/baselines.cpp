#include "fognas/data/baselines.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fognas {
namespace {

size_t argmax(const std::vector<size_t>& counts) {
  return static_cast<size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());  // first of ties
}

std::vector<double> features_of(const Dataset& d, const std::string& feature) {
  std::vector<double> f(d.size());
  for (size_t i = 0; i < d.size(); ++i) f[i] = window_feature(feature, d.example(i), static_cast<size_t>(d.length));
  return f;
}

double accuracy(const Dataset& d, const std::vector<double>& f, const Baseline& b) {
  if (d.size() == 0) return 0;
  size_t right = 0;
  for (size_t i = 0; i < d.size(); ++i) right += (f[i] <= b.threshold ? b.below_label : b.above_label) == d.labels[i];
  return static_cast<double>(right) / static_cast<double>(d.size());
}

// Sweeps the thresholds between neighbouring distinct training values; each
// side predicts its training majority.
Baseline fit_threshold(const std::string& feature, const Dataset& train, const std::vector<double>& f) {
  const size_t k = static_cast<size_t>(train.classes());
  std::vector<size_t> order(f.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return f[a] < f[b]; });
  std::vector<size_t> below(k, 0), above = train.class_counts();
  Baseline best{feature, order.empty() ? 0.0 : f[order.back()], static_cast<int>(argmax(above)),
                static_cast<int>(argmax(above)), 0, 0};
  size_t best_right = above[argmax(above)];
  for (size_t j = 0; j + 1 < order.size(); ++j) {
    const size_t c = static_cast<size_t>(train.labels[order[j]]);
    ++below[c];
    --above[c];
    if (f[order[j]] == f[order[j + 1]]) continue;
    const size_t right = below[argmax(below)] + above[argmax(above)];
    if (right > best_right) {
      best_right = right;
      best.threshold = 0.5 * (f[order[j]] + f[order[j + 1]]);
      best.below_label = static_cast<int>(argmax(below));
      best.above_label = static_cast<int>(argmax(above));
    }
  }
  return best;
}

}  // namespace

const std::vector<std::string>& baseline_features() {
  static const std::vector<std::string> names = {"peak-to-peak", "std", "line-length"};
  return names;
}

double window_feature(const std::string& feature, const float* x, size_t n) {
  if (n == 0) return 0;
  if (feature == "peak-to-peak") {
    const auto [lo, hi] = std::minmax_element(x, x + n);
    return static_cast<double>(*hi) - static_cast<double>(*lo);
  }
  if (feature == "std") {
    double mean = 0, var = 0;
    for (size_t i = 0; i < n; ++i) mean += x[i];
    mean /= static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
    return std::sqrt(var / static_cast<double>(n));
  }
  if (feature == "line-length") {
    double sum = 0;
    for (size_t i = 0; i + 1 < n; ++i) sum += std::fabs(static_cast<double>(x[i + 1]) - static_cast<double>(x[i]));
    return sum;
  }
  throw std::invalid_argument("unknown baseline feature '" + feature + "'");
}

std::vector<Baseline> compute_baselines(const DatasetSplit& split) {
  std::vector<Baseline> out;
  Baseline majority;
  majority.name = "majority";
  majority.below_label = majority.above_label = static_cast<int>(argmax(split.train.class_counts()));
  majority.threshold = 0;
  const std::vector<double> none_train(split.train.size(), 0.0), none_test(split.test.size(), 0.0);
  majority.train_accuracy = accuracy(split.train, none_train, majority);
  majority.test_accuracy = accuracy(split.test, none_test, majority);
  out.push_back(majority);
  for (const std::string& feature : baseline_features()) {
    const std::vector<double> f_train = features_of(split.train, feature);
    Baseline b = fit_threshold(feature, split.train, f_train);
    b.train_accuracy = accuracy(split.train, f_train, b);
    b.test_accuracy = accuracy(split.test, features_of(split.test, feature), b);
    out.push_back(b);
  }
  return out;
}

double best_baseline_accuracy(const std::vector<Baseline>& baselines) {
  double best = 0;
  for (const Baseline& b : baselines) best = std::max(best, b.test_accuracy);
  return best;
}

}  // namespace fognas
