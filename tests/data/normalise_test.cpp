// Normalisation: per window the amplitude is lost, per recording and from the
// training set it is kept; the training-set scale never sees validation or
// test examples.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "fognas/data/bonn.h"
#include "fognas/data/load.h"
#include "fognas/data/random.h"
#include "fognas/data/split.h"
#include "writers.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using namespace fognas::testing;

// Two classes of random examples; every example starts with a distinct value
// so that it can be found again after the split.
Dataset random_dataset(size_t per_class, int length, uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  d.name = "random";
  d.class_names = {"a", "b"};
  d.length = length;
  for (size_t i = 0; i < 2 * per_class; ++i) {
    d.samples.push_back(static_cast<float>(i));  // the marker
    for (int k = 1; k < length; ++k)
      d.samples.push_back(static_cast<float>(rng.uniform() * 10.0 + (i % 2 == 0 ? 0.0 : 3.0)));
    d.labels.push_back(static_cast<int>(i % 2));
  }
  return d;
}

std::vector<size_t> markers(const Dataset& part) {
  std::vector<size_t> out;
  for (size_t i = 0; i < part.size(); ++i) out.push_back(static_cast<size_t>(part.example(i)[0]));
  return out;
}

TEST(Normalise, TrainingSetScaleIgnoresValidationAndTest) {
  Dataset raw = random_dataset(40, 16, 3);
  const DatasetSplit unscaled = split_dataset(raw, 7);  // window: the samples as they are
  raw.normalisation = Normalisation::TrainingSet;
  const DatasetSplit scaled = split_dataset(raw, 7);

  // The scale is the training part's own mean and deviation, computed here
  // from the unscaled training samples alone.
  double sum = 0, sq = 0;
  for (float v : unscaled.train.samples) sum += v;
  const double n = static_cast<double>(unscaled.train.samples.size());
  for (float v : unscaled.train.samples) sq += (v - sum / n) * (v - sum / n);
  EXPECT_NEAR(scaled.normalise_mean, sum / n, 1e-9);
  EXPECT_NEAR(scaled.normalise_sd, std::sqrt(sq / n), 1e-9);

  // Blow up every example outside the training part: the training part and
  // the scale must not move by a single bit.
  Dataset changed = raw;
  for (const Dataset* part : {&unscaled.v1, &unscaled.v2, &unscaled.test})
    for (size_t m : markers(*part))
      for (int k = 1; k < changed.length; ++k) changed.samples[m * 16 + static_cast<size_t>(k)] *= 1000.0f;
  const DatasetSplit after = split_dataset(changed, 7);
  EXPECT_EQ(after.train.samples, scaled.train.samples);
  EXPECT_EQ(after.normalise_mean, scaled.normalise_mean);
  EXPECT_EQ(after.normalise_sd, scaled.normalise_sd);
  EXPECT_NE(after.test.samples, scaled.test.samples);  // the change did reach the test part
}

TEST(Normalise, NamesReadBack) {
  for (Normalisation n : {Normalisation::Window, Normalisation::Recording, Normalisation::TrainingSet})
    EXPECT_EQ(normalisation_from_string(to_string(n)), n);
  EXPECT_FALSE(normalisation_from_string("per-window").has_value());
}

// A Bonn segment and the same segment ten times louder, as sets A and E.
fs::path loud_and_quiet(const TempDir& tmp) {
  Rng rng(5);
  std::string quiet, loud;
  for (int i = 0; i < kBonnSegmentSamples; ++i) {
    const int v = static_cast<int>(rng.index(201)) - 100;
    quiet += std::to_string(v) + "\n";
    loud += std::to_string(10 * v) + "\n";
  }
  write_text(tmp.path / "Z001.txt", quiet);
  write_text(tmp.path / "S001.txt", loud);
  return tmp.path;
}

double rms(const float* x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i) s += static_cast<double>(x[i]) * x[i];
  return std::sqrt(s / static_cast<double>(n));
}

TEST(Normalise, BonnAmplitudeIsKeptOnlyAcrossRecordings) {
  TempDir tmp("bonn-normalise");
  const fs::path dir = loud_and_quiet(tmp);
  auto ratio = [&](Normalisation n) {
    DataOptions o;
    o.normalisation = n;
    const Dataset d = load_dataset(dir.string(), o);
    EXPECT_EQ(d.normalisation, n);
    EXPECT_EQ(d.class_counts(), (std::vector<size_t>{2, 2}));
    // Windows in load order: A's two halves (non-seizure), then E's (seizure).
    return rms(d.example(2), 2048) / rms(d.example(0), 2048);
  };
  EXPECT_NEAR(ratio(Normalisation::TrainingSet), 10.0, 1e-3);  // the filter is linear
  EXPECT_NEAR(ratio(Normalisation::Window), 1.0, 1e-4);
  EXPECT_NEAR(ratio(Normalisation::Recording), 1.0, 1e-4);    // a segment is its own recording
  EXPECT_EQ(load_dataset(dir.string(), DataOptions{}).normalisation, Normalisation::TrainingSet);  // Bonn's default
}

}  // namespace
}  // namespace fognas
