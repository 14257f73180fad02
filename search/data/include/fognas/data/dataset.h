#pragma once
// Labelled windows ready for training: every example is `length` float samples
// (2048 in the paper's setting: two 1024-sample EEG channels concatenated, or
// one ECG beat resampled), with an integer class label.
#include <cstdint>
#include <string>
#include <vector>

namespace fognas {

struct Dataset {
  std::string name;                      // "synthetic-eeg", a path, ...
  std::vector<std::string> class_names;  // index = label
  int length = 2048;                     // samples per example
  std::vector<float> samples;            // size() * length, row major
  std::vector<int> labels;

  int classes() const { return static_cast<int>(class_names.size()); }
  size_t size() const { return labels.size(); }
  const float* example(size_t i) const { return samples.data() + i * static_cast<size_t>(length); }
  std::vector<size_t> class_counts() const;
};

// The paper's protocol: balanced classes, stratified 70/15/15 split, and the
// validation part halved at random into V1 (fitness during the search) and V2
// (choosing among valid solutions at extraction).
struct DatasetSplit {
  Dataset train, v1, v2, test;
};

}  // namespace fognas
