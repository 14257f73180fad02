#pragma once
// Small labelled data sets built in the tests (no reader involved): class k is a
// sine of amplitude 1 + 1.5 k and frequency (k + 1) * 4 cycles per window, with
// random phase and Gaussian noise, so any network with a little capacity
// separates them and chance is clearly beaten.
#include <cmath>
#include <random>
#include <string>

#include "fognas/data/dataset.h"

namespace fognas::testing {

inline Dataset make_waves(const std::string& name, int classes, int per_class, uint64_t seed, int length = 2048) {
  Dataset d;
  d.name = name;
  d.length = length;
  for (int c = 0; c < classes; ++c) d.class_names.push_back("class" + std::to_string(c));
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.f, 0.5f);
  std::uniform_real_distribution<float> phase(0.f, 6.2831853f);
  for (int i = 0; i < per_class; ++i)
    for (int c = 0; c < classes; ++c) {
      const float ph = phase(rng);
      for (int t = 0; t < length; ++t)
        d.samples.push_back((1.f + 1.5f * static_cast<float>(c)) * std::sin(ph + 6.2831853f * static_cast<float>((c + 1) * 4 * t) / static_cast<float>(length)) +
                            noise(rng));
      d.labels.push_back(c);
    }
  return d;
}

inline DatasetSplit make_wave_split(int classes, int per_class_train, int per_class_eval, uint64_t seed) {
  DatasetSplit s;
  s.train = make_waves("waves", classes, per_class_train, seed);
  s.v1 = make_waves("waves", classes, per_class_eval, seed + 1);
  s.v2 = make_waves("waves", classes, per_class_eval, seed + 2);
  s.test = make_waves("waves", classes, per_class_eval, seed + 3);
  return s;
}

}  // namespace fognas::testing
